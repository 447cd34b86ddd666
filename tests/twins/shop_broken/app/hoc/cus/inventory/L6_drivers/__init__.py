"""L6 drivers of the inventory domain: SQL against the guarded handle, never transaction control."""
