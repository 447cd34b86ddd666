# layer: l5
"""Keys compare case-insensitively."""
