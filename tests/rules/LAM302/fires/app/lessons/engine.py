"""Lessons engine."""


def record_lesson(text: str) -> None:
    return None
