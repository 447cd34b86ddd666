"""Floor 2: decoding and parsing of source files. Pure functions of the file bytes."""

from __future__ import annotations

from lamina.parsing.decode import decode_source
from lamina.parsing.fallback import parse_fallback
from lamina.parsing.parse import ParseFailure, parse_source

__all__ = ["ParseFailure", "decode_source", "parse_fallback", "parse_source"]
