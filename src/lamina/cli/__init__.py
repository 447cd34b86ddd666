"""Floor 6: the command line, a thin edge over plain functions (house style 15)."""
