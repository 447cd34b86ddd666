"""The billing domain."""
