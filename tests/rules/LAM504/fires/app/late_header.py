import os  # expect: LAM504

# Layer: L5  (after code: the header block already ended)
SEP = os.sep
