"""Nightly job; app/jobs/ is a namespace directory (no __init__.py)."""
