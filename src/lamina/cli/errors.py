"""One exit-code contract for every command (docs/architecture.md#commands-and-exit-codes):
2 usage/config error (one line, a hint, no traceback), 3 internal error, 130 interrupted."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

import click

from lamina.errors import UserError

F = TypeVar("F", bound=Callable[..., object])

EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


def handle_errors(command: F) -> F:
    """Turn lamina's exceptions into exit codes; ``--debug`` re-raises unexpected ones."""

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> object:
        debug = bool(kwargs.get("debug"))
        context = click.get_current_context()
        try:
            return command(*args, **kwargs)
        except UserError as error:
            click.echo(error.render(), err=True)
            context.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("lamina: interrupted", err=True)
            context.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.exceptions.ClickException, click.exceptions.Abort):
            raise
        except Exception as error:  # noqa: BLE001 - the contract is "never a traceback"
            if debug:
                raise
            click.echo(
                f"lamina: internal error: {type(error).__name__}: {error}\n"
                "  this is a bug in lamina; please report it with the command you ran "
                "(re-run with --debug for the traceback)",
                err=True,
            )
            context.exit(EXIT_INTERNAL)
        return None

    return wrapper  # type: ignore[return-value]

