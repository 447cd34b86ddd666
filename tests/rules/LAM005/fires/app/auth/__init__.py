"""The auth package: a regular package takes precedence over a module of the same name."""
