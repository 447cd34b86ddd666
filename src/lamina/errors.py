"""Errors that end a run. Bad *input code* never raises: it becomes a finding."""

from __future__ import annotations

from lamina.model.escape import one_line


class LaminaError(Exception):
    """Base of every error lamina raises on purpose."""


class UserError(LaminaError):
    """Bad usage or configuration: exit 2 with ``path:line:col: message`` and a hint."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.hint = hint

    def render(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        # One line whatever a path or a quoted value holds (a newline, an undecodable byte).
        text = one_line(f"{where}{self.message}")
        if self.hint:
            text += f"\n  hint: {one_line(self.hint)}"
        return text


CONFIG_HINT = "fix the configuration at the position(s) above; 'lamina schema' prints the pack format"


class ConfigErrors(UserError):
    """Several configuration errors collected in one pass (all reported, then exit 2)."""

    def __init__(self, errors: list[UserError]) -> None:
        super().__init__(errors[0].message if errors else "invalid configuration")
        self.errors = tuple(errors)

    def render(self) -> str:
        text = "\n".join(e.render() for e in self.errors)
        if self.errors and not any(e.hint for e in self.errors):
            # The exit-2 contract is "where, what, and a hint": one for the whole list.
            text += f"\n  hint: {CONFIG_HINT}"
        return text


class InternalError(LaminaError):
    """A bug in lamina: exit 3."""
