"""Pure types shared by the spine and the domains (protocols only)."""
