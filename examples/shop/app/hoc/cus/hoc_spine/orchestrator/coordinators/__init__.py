"""Cross-domain mediators: they receive capabilities, never a session."""
