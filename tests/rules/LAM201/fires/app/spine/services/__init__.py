"""Spine services."""
