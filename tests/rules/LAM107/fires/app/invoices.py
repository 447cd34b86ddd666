"""Invoices need customers."""

from app.customers import Customer


class Invoice:
    customer_type = Customer
