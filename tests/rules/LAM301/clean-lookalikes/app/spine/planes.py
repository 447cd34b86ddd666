"""Knowledge planes and agent instances: registries of their own, not of operations."""

from __future__ import annotations


class KnowledgePlaneRegistry:
    def register(self, *, tenant_id: str, name: str) -> None:
        return None


class RegistryService:
    def register(self, *, agent_id: str, instance_id: str) -> None:
        return None


def get_knowledge_plane_registry() -> KnowledgePlaneRegistry:
    return KnowledgePlaneRegistry()


def get_registry_service() -> RegistryService:
    return RegistryService()
