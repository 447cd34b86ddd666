"""L2 API of the billing domain."""
