"""app.auth.auth: the same file name one level deeper is a different module."""
