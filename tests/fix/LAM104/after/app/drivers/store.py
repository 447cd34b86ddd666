# Layer:   L6,  storage
"""Storage driver claiming a layer nobody has."""
