# Layer: L5
"""The usual header."""
