def greet(name: str) -> str: return f"{"hello"} {name}"  # expect: LAM003
"""PEP 701 f-string reusing its own quotes (Python 3.12); the offending statement is on line 1."""
