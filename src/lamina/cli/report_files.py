"""The file side of ``lamina report``: reading committed reports, writing atomically,
finding and deleting stale generated files, reading ``--templates`` overrides.

The audit package stays pure (it renders and compares strings); every byte read from or
written to disk for reports passes through here.
"""

from __future__ import annotations

import os

from lamina.audit.render import is_generated
from lamina.audit.views import TEMPLATES
from lamina.cli.write_target import check_directory, check_target, write_error, write_output
from lamina.errors import UserError

_OUT = "--out (or report_out in [tool.lamina])"


class OutputTree:
    """The report output directory: ``out`` is relative to the project root (or absolute),
    and may lie outside the root. Document paths are POSIX paths relative to it."""

    def __init__(self, root: str, out: str) -> None:
        self.out = out
        self.base = out if os.path.isabs(out) else os.path.normpath(os.path.join(root, out))

    def display(self, path: str) -> str:
        shown = os.path.normpath(os.path.join(self.out, path)) if path else os.path.normpath(self.out)
        return shown.replace(os.sep, "/")

    def _abs(self, path: str) -> str:
        return os.path.join(self.base, *path.split("/"))

    def read(self, path: str) -> str | None:
        """The committed text, byte for byte (no newline translation); None when absent."""
        target = self._abs(path)
        if not os.path.isfile(target):
            return None
        try:
            with open(target, "rb") as handle:
                return handle.read().decode("utf-8", errors="replace")
        except OSError as error:
            raise UserError(f"cannot read: {error.strerror or error}", path=self.display(path),
                            hint="check the permissions of the report files") from None

    def check_base(self) -> None:
        """The output directory is a directory, or a new path that can be created."""
        check_directory(self.base, self.display(""), _OUT)

    def check_writes(self, committed: dict[str, str | None], force: bool) -> None:
        """Refuse, before anything is written, to replace what is not a generated report:
        a directory, device or FIFO at a document's path (always), or a file without the
        generated-file marker (unless ``force``): such a file was written by hand."""
        self.check_base()
        for path, text in committed.items():
            check_target(self._abs(path), self.display(path), _OUT)
            if text is not None and not force and not is_generated(text):
                raise UserError(
                    "file exists and lacks the generated-file marker; lamina report does not "
                    "overwrite a file it did not write", path=self.display(path),
                    hint="move the file away, choose another --out, or pass --force to overwrite it")

    def write(self, path: str, text: str) -> None:
        write_output(self._abs(path), text.encode("utf-8"), self.display(path), _OUT)

    def delete(self, path: str) -> None:
        try:
            os.remove(self._abs(path))
        except FileNotFoundError:
            pass  # deleted meanwhile: the goal is reached
        except OSError as error:
            raise write_error(error, self.display(path), _OUT) from None

    def stale(self, directories: tuple[str, ...], keep: set[str]) -> tuple[str, ...]:
        """Files under ``directories`` that carry the generated-file marker and are not in
        ``keep``. Files without the marker are never reported (nor, later, touched)."""
        found: set[str] = set()
        for directory in directories:
            start = self._abs(directory) if directory else self.base
            if not os.path.isdir(start):
                continue
            for current, dirs, files in os.walk(start):  # never follows symlinked directories
                dirs.sort()
                for name in sorted(files):
                    absolute = os.path.join(current, name)
                    relative = os.path.relpath(absolute, self.base).replace(os.sep, "/")
                    if relative in keep or os.path.islink(absolute) or not os.path.isfile(absolute):
                        continue
                    if _generated(absolute):
                        found.add(relative)
        return tuple(sorted(found))


def _generated(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            # The marker is the last line: the tail is enough, even for a large stray file.
            handle.seek(0, os.SEEK_END)
            handle.seek(max(0, handle.tell() - 256))
            data = handle.read()
    except OSError:
        return False
    return is_generated(data.decode("utf-8", errors="replace"))


class TemplateDir:
    """``--templates DIR``: the files named like a packaged template replace it, and
    templates may include other files of DIR - only files inside DIR (after resolving
    symbolic links), read as UTF-8; anything else is reported, never read."""

    def __init__(self, directory: str | None) -> None:
        self.directory = directory
        self.base = os.path.realpath(directory) if directory is not None else ""

    def overrides(self) -> dict[str, tuple[str, str]]:
        """The packaged template names found in DIR, as (text, display file name)."""
        found = {}
        for name in TEMPLATES:
            loaded = self.load(name)
            if loaded is not None:
                found[name] = loaded
            elif self.directory is not None and os.path.lexists(os.path.join(self.directory, name)):
                # Named like a template but not used: say so rather than render the default.
                raise UserError("template is not a regular file inside the --templates directory",
                                path=os.path.join(self.directory, name).replace(os.sep, "/"),
                                hint="templates are regular files in DIR (a symbolic link may not lead out of it)")
        return found

    def load(self, name: str) -> tuple[str, str] | None:
        """(text, display file name) of template ``name`` in DIR, None when there is none."""
        if self.directory is None or not name or "\0" in name:
            return None
        parts = name.replace("\\", "/").split("/")
        if os.path.isabs(name) or ".." in parts:
            return None
        path = os.path.join(self.directory, *parts)
        real = os.path.realpath(path)
        if os.path.commonpath([real, self.base]) != self.base or not os.path.isfile(real):
            return None
        shown = path.replace(os.sep, "/")
        try:
            with open(real, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise UserError(f"cannot read template: {error.strerror or error}", path=shown,
                            hint="check the file's permissions") from None
        try:
            return data.decode("utf-8"), shown
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
            raise UserError(f"template is not UTF-8 (byte {error.start})", path=shown, line=line,
                            column=column, hint="re-save the template as UTF-8") from None

