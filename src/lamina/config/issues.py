"""Collecting configuration errors: all of them, each at its file:line:col (docs/packs.md#12-validation)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from lamina.errors import ConfigErrors, UserError
from lamina.model.project import Mark


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate (difflib, cutoff 0.6), else ``""``."""
    close = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Issues:
    """The errors of one load. Validation keeps going after an error so that a user
    sees every problem of a pack in one run instead of fixing them one at a time."""

    def __init__(self) -> None:
        self.errors: list[UserError] = []

    def add(self, message: str, mark: Mark | None, hint: str | None = None) -> None:
        if mark is None or not mark.file:
            self.errors.append(UserError(message, hint=hint))
            return
        self.errors.append(
            UserError(
                message,
                path=mark.file,
                line=mark.line or None,
                column=mark.column or None,
                hint=hint,
            )
        )

    def extend(self, errors: Iterable[UserError]) -> None:
        self.errors.extend(errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def raise_if_any(self) -> None:
        if not self.errors:
            return
        # Sorted by position so the output is deterministic and reads top to bottom;
        # the sort is stable, so errors at one position keep their discovery order.
        unique: dict[tuple[str, int, int, str], UserError] = {}
        for error in self.errors:
            key = (error.path or "", error.line or 0, error.column or 0, error.message)
            unique.setdefault(key, error)
        ordered = [unique[key] for key in sorted(unique, key=lambda k: (k[0], k[1], k[2]))]
        raise ConfigErrors(ordered)
