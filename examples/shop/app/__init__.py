"""The shop: a small layered service built on lamina.spine (orders, inventory, billing)."""
