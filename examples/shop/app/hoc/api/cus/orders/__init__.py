"""L2 API of the orders domain."""
