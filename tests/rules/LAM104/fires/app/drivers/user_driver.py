# -*- coding: utf-8 -*-
# Layer: L5 — Engine  # expect: LAM104
"""The file moved to drivers/ (L6) but its header still claims L5; the header is on line 2."""


def load(user_id: str) -> str:
    return user_id
