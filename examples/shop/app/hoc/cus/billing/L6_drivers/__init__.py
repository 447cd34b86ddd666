"""L6 drivers of the billing domain: SQL against the guarded handle, never transaction control."""
