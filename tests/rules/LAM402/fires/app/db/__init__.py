"""Database package (outside the engines layer: it may import sqlalchemy)."""

import sqlalchemy


def get_engine() -> object:
    return sqlalchemy
