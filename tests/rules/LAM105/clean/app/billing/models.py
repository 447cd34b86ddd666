"""Billing models: the more specific pattern (layer billing) wins."""
