"""L2: API functions, one package per domain; each calls registry.execute for its own domain."""
