"""Helpers nobody assigned to a layer."""  # expect: LAM106
