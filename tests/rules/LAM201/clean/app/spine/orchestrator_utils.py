"""A look-alike module: `app.spine.orchestrator` does not match `app.spine.orchestrator_utils`."""


def get_coordinator_name() -> str:
    return "audit"
