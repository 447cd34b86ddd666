"""L5 engines of the inventory domain: business rules, no persistence code."""
