#Layer: L5
"""`#` followed by at most one space, so no space is fine too."""
