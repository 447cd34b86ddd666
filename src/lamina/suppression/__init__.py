"""Floor 3: the post stage after the overlap policy (docs/architecture.md#data-flow).

Inline suppressions (``inline``), then content anchors and fingerprints (``anchors``),
then the baseline (``baseline``, file format in ``baseline_file``). Pure functions over
findings, facts and source text: the caller reads the files. ``hygiene`` describes the
codes this stage reports itself (LAM501-LAM503).
"""

from __future__ import annotations

from lamina.suppression.anchors import fingerprinted
from lamina.suppression.baseline import BaselinePlan, apply_baseline, baselinable, plan_baseline
from lamina.suppression.baseline_file import Baseline, BaselineEntry, parse_baseline, read_baseline, render_baseline
from lamina.suppression.hygiene import HYGIENE_CODES, Hygiene, HygieneRule
from lamina.suppression.inline import apply_inline

__all__ = [
    "HYGIENE_CODES",
    "Baseline",
    "BaselineEntry",
    "BaselinePlan",
    "Hygiene",
    "HygieneRule",
    "apply_baseline",
    "apply_inline",
    "baselinable",
    "fingerprinted",
    "parse_baseline",
    "plan_baseline",
    "read_baseline",
    "render_baseline",
]
