"""Shared types, including session aliases."""


class Session:
    pass


class AsyncSession(Session):
    pass


class Model:
    pass


class SessionFactory:
    pass
