"""``python -m app`` (from examples/shop): run the end-to-end demo on a temporary database."""

from __future__ import annotations

from app.main import main

raise SystemExit(main())
