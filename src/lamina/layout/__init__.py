"""Floor 3: placement of files in layers/zones/domains/roles, and import resolution."""
