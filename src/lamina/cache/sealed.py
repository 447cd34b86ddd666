"""Sealed cache files: a JSON body wrapped with the blake2b digest of its exact bytes.

``{"digest":"<32 hex>","body":<body>}`` is still plain JSON, and the digest is checked on
the raw bytes before the body is parsed, so a flipped byte anywhere - in a finding, a
stat, a hash - makes the file a miss instead of a wrong answer replayed as a pass.
"""

from __future__ import annotations

import hashlib

from lamina.cache.atomic import write_atomic
from lamina.cache.guard import CacheGuard

_HEAD = b'{"digest":"'
_MIDDLE = b'","body":'
_DIGEST_LENGTH = 32
_BODY_START = len(_HEAD) + _DIGEST_LENGTH + len(_MIDDLE)


def _digest(body: bytes) -> bytes:
    return hashlib.blake2b(body, digest_size=_DIGEST_LENGTH // 2).hexdigest().encode("ascii")


def seal(body: bytes) -> bytes:
    return _HEAD + _digest(body) + _MIDDLE + body + b"}"


def unseal(raw: bytes) -> bytes | None:
    """The body when the digest matches it, else None."""
    if not raw.startswith(_HEAD) or raw[_BODY_START - len(_MIDDLE) : _BODY_START] != _MIDDLE or raw[-1:] != b"}":
        return None
    body = raw[_BODY_START:-1]
    return body if _digest(body) == raw[len(_HEAD) : len(_HEAD) + _DIGEST_LENGTH] else None


def read_sealed(path: str, guard: CacheGuard | None = None) -> bytes | None:
    """The verified body of ``path``; None when it is missing, damaged or unreadable (the
    last is reported to ``guard``: a cache that cannot be read is turned off)."""
    if guard is not None and guard.disabled:
        return None
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        return None
    except OSError as error:
        if guard is not None:
            guard.failed(path, error)
        return None
    return unseal(raw)


def write_sealed(path: str, body: bytes, guard: CacheGuard | None = None) -> None:
    """Write ``body`` sealed and atomically; a failure is reported to ``guard``, never raised."""
    if guard is not None and guard.disabled:
        return
    try:
        write_atomic(path, seal(body))
    except (OSError, ValueError) as error:
        if guard is not None:
            guard.failed(path, error)
