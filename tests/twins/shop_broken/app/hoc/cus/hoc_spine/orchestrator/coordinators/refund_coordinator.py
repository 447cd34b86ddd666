# Layer: L4 — Coordinator
# Role: Refunds across orders and billing (broken twin: takes a session)
"""Fault: a coordinator method that takes a session, bypassing declared capabilities.

lamina.spine refuses this class at import time too (``Coordinator.__init_subclass__``).
"""

from __future__ import annotations

from lamina.spine import Coordinator


class RefundCoordinator(Coordinator):
    """Refunds an order."""

    uses = frozenset({"orders", "billing"})

    def refund(self, session: object, *, tenant_id: str, order_id: int) -> None:  # expect: LAM306
        """Would write to both domains through a raw session."""
        del session, tenant_id, order_id
