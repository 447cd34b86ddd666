"""Core layer."""
