# -*- coding: utf-8 -*-
# Layer: L6 — Driver
"""Header agrees with the path."""


def load(user_id: str) -> str:
    return user_id
