"""Latin-1 text without a coding cookie."""
name = "café"
