"""L5 engines of the billing domain: business rules, no persistence code."""
