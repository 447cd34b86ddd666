# Pricing rules.
#   Layer: L6 used to be this file's home (indented further: a continuation, not a field)
"""No header field at all, so there is nothing to compare."""
