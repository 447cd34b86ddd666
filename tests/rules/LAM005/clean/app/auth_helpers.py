"""app.auth_helpers: a similar name is not the same module."""
