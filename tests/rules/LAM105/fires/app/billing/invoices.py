"""Billing invoices: only the billing layer matches."""
