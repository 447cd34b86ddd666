"""Example lamina plugin rules (see no_clock.py)."""
