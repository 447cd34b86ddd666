"""Broken code inside strings and comments is text, not syntax: def broken(:"""

SNIPPET = "def broken(:\n    pass\n"
# def broken(:
