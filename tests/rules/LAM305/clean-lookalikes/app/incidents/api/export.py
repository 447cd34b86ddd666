"""Incidents API: it runs jobs and stages called "logs.*", which are no operations."""

from app.spine.registries import OperationRegistry, StageRegistry, get_registry_service


class Exporter:
    def __init__(self) -> None:
        self._registry = StageRegistry()

    def run(self) -> None:
        self._registry.execute("logs.rotate")


def export(tenant_id: str) -> None:
    registry = get_registry_service()
    registry.execute("logs.pdf")


async def close(registry: OperationRegistry, tenant_id: str) -> object:
    return await registry.execute("incidents.close", tenant_id=tenant_id)
