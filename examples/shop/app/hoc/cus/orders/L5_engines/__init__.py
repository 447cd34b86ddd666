"""L5 engines of the orders domain: business rules, no persistence code."""
