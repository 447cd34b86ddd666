# Layer: L5
# Role: package
