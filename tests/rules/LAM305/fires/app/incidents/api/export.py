"""Incidents API reaching into the logs domain's operations."""

from typing import Any


def get_operation_registry() -> object:
    return object()


class ExportApi:
    def __init__(self, registry: Any) -> None:
        self._registry = registry

    async def pdf(self, tenant_id: str, incident_id: str) -> object:
        result = await self._registry.execute(  # expect: LAM305
            "logs.pdf",
            tenant_id=tenant_id,
            params={"incident_id": incident_id},
        )
        return result

    def list_logs(self) -> object:
        return self._registry.execute(operation='logs.list')  # expect: LAM305

    def trace(self) -> object:
        return self._registry.execute("traces.get")  # expect: LAM305

    def tail(self) -> object:
        return get_operation_registry().execute("logs.tail")  # expect: LAM305

    def ping(self) -> object:
        return self._registry.execute("health.ping")  # no owning domain: LAM308 reports the operation, not its callers
