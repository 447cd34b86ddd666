"""The inventory domain."""
