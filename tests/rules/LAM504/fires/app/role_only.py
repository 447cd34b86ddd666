# expect: LAM504
# Role: handler
"""A header block with a Role field but no Layer field."""
