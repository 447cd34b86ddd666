"""Billing types."""


class Invoice:
    pass
