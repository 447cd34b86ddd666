# Layer:   L9,  storage
"""Storage driver claiming a layer nobody has."""
