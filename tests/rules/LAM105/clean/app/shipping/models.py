"""Shipping models: only the models layer matches."""
