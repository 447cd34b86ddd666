"""``python -m examples.shop`` from the repository root: run the shop demo.

The shop's modules are rooted at this directory (``app.…``), exactly as ``lamina check`` sees them
with ``roots = ["."]``; putting this directory first on ``sys.path`` lets the same absolute imports
work when the demo is started from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from app.main import main  # noqa: E402  # importable only after the path line above

raise SystemExit(main())
