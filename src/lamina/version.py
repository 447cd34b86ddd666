"""The lamina version (floor 1: imported by every floor that keys caches or prints it)."""

__version__ = "0.1.0"
