"""The shop in HOC topology: API (L2), spine (L4), domain engines (L5) and drivers (L6)."""
