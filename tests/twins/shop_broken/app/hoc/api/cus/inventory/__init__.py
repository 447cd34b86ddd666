"""L2 API of the inventory domain."""
