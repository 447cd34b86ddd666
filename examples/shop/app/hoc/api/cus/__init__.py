"""Customer-facing APIs by domain."""
