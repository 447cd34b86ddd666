# Layer: L5 — Pricing engine
# Role: prices orders
"""Pricing."""
