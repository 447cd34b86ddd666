"""Customer domains and the hoc_spine orchestrator."""
