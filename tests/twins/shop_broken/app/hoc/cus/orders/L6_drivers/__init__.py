"""L6 drivers of the orders domain: SQL against the guarded handle, never transaction control."""
