"""Layer: L5 (in a docstring, which is not a comment header)."""  # expect: LAM504
