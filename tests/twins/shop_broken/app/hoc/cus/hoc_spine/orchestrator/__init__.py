"""Sole execution entry point: registry wiring, handlers, coordinators and bridges."""
