"""Floor 4: rule kinds. Each module checks one code and documents it in its docstring."""
