"""A look-alike module: `app.db` does not match `app.dbtools`."""


def helpers() -> None:
    return None
