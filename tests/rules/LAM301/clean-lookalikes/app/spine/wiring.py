"""Tenants and agents are registered with registries named like the operation registry."""

from __future__ import annotations

from app.spine import planes
from app.spine.planes import get_knowledge_plane_registry


def add_plane(tenant_id: str, name: str) -> None:
    registry = get_knowledge_plane_registry()
    registry.register(tenant_id=tenant_id, name=name)


def attach_agent(agent_id: str, instance_id: str) -> None:
    registry = planes.get_registry_service()
    registry.register(agent_id=agent_id, instance_id=instance_id)
