"""Floor 3: the networkx dependency graph, built only when an enabled rule needs it."""
