"""UTF-8 with a byte-order mark."""
name = "café"
