# Layer: L5/L6 — shared helpers (accepted: a claim of L5)
"""Shared."""
