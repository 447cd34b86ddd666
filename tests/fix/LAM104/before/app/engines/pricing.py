# Layer: L6 — Pricing engine
# Role: prices orders
"""Pricing."""
