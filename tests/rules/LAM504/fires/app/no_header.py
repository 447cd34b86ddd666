"""No header at all."""  # expect: LAM504
