"""One handler module per domain; each registers its own operations."""
