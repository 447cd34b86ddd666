# Layer: drivers
