"""Per-domain capability factories (at most five public methods each)."""
