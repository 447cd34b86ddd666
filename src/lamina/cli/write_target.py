"""Where a user-facing write may go (reports, the baseline, ``--output``, ``init``).

Writes are atomic: a temporary file renamed onto the path. A rename replaces whatever the
path names, so a device, a FIFO, a socket, a directory or a symbolic link there would be
destroyed (``--output /dev/null`` as root turned the device into a regular file). Outputs
therefore go only to regular files or new paths; anything else, and any ``OSError`` of the
write itself, is a usage error (exit 2) naming the path, never an exception.

Import-light on purpose (``lamina check`` imports it on the warm path).
"""

from __future__ import annotations

import os
import stat

from lamina.errors import UserError


def _kind(mode: int) -> str | None:
    """What a non-regular file is called in messages; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _existing_ancestor(path: str) -> str:
    current = os.path.dirname(os.path.abspath(path))
    while not os.path.lexists(current):
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    return current


def check_target(path: str, shown: str, where: str) -> None:
    """Raise ``UserError`` unless ``path`` is a regular file or a new path whose nearest
    existing ancestor is a directory. ``where`` names the setting in hints (``--output``)."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:  # e.g. a parent that is a regular file (ENOTDIR)
        raise UserError(f"cannot write here: {error.strerror}", path=shown,
                        hint=f"point {where} at a path inside a directory") from None
    if mode is not None:
        kind = _kind(mode)
        if kind is not None:
            raise UserError(f"refusing to replace {kind} with the output", path=shown,
                            hint=f"point {where} at a regular file or a new path")
        return
    ancestor = _existing_ancestor(path)
    if not os.path.isdir(ancestor):
        raise UserError(f"cannot create the output: '{ancestor}' is not a directory", path=shown,
                        hint=f"point {where} at a path inside a directory")


def check_directory(path: str, shown: str, where: str) -> None:
    """Raise ``UserError`` unless ``path`` is a directory or can be created as one."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise UserError(f"cannot use this output directory: {error.strerror}", path=shown,
                        hint=f"point {where} at a directory") from None
    if mode is not None:
        if stat.S_ISDIR(mode) or (stat.S_ISLNK(mode) and os.path.isdir(path)):
            return
        raise UserError(f"output directory is {_kind(mode) or 'a regular file'}", path=shown,
                        hint=f"point {where} at a directory or a new path")
    ancestor = _existing_ancestor(path)
    if not os.path.isdir(ancestor):
        raise UserError(f"cannot create the output directory: '{ancestor}' is not a directory",
                        path=shown, hint=f"point {where} at a path inside a directory")


def write_error(error: OSError, shown: str, where: str) -> UserError:
    """A failed write (permission, read-only file system, disk full) as a usage error."""
    reason = error.strerror or str(error)
    return UserError(f"cannot write: {reason}", path=shown,
                     hint=f"check the permissions and free space there, or point {where} elsewhere")


def write_output(path: str, data: bytes, shown: str, where: str) -> None:
    """Check ``path`` and write ``data`` to it atomically; every failure is a ``UserError``."""
    from lamina.cache.atomic import write_atomic

    check_target(path, shown, where)
    try:
        write_atomic(path, data)
    except OSError as error:
        raise write_error(error, shown, where) from None


def outside_root(path: str, root: str) -> bool:
    """Whether ``path`` (absolute) lies outside the project ``root`` (absolute)."""
    try:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive (Windows)
        return True
    return relative == ".." or relative.startswith(".." + os.sep) or os.path.isabs(relative)


def outside_warning(what: str, shown: str) -> str:
    """The stderr line of an output that lies outside the project root: allowed (a shared
    reports checkout, a CI artifacts directory), but said, since it is often a typo."""
    return f"lamina: warning: {what} '{shown}' lies outside the project root"
