"""Customers list their orders: this module-level import closes the cycle.

The cycle is reported once, starting at the smallest module name (app.customers):
app.customers -> app.orders -> app.invoices -> app.customers
"""

from app.orders import Order  # expect: LAM107


class Customer:
    order_type = Order
