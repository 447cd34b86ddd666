"""L4: the spine of the shop (orchestrator, schemas)."""
