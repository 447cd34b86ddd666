"""Policy operations using a bridge for one capability, through a factory, and a shared bridge
instance (call-level reach: the bridge file imports three domains, each method reaches one)."""

from typing import Any

from app.spine.bridges.policy_bridge import PolicyBridge, get_policy_bridge, shared_bridge
from app.spine.registry import OperationRegistry


class LessonsHandler:
    def execute(self, ctx: Any) -> None:
        PolicyBridge().lessons(ctx.params["text"])  # the bridge's lessons method only


class FactoryLessonsHandler:
    def execute(self, ctx: Any) -> None:
        bridge = get_policy_bridge()
        bridge.lessons(ctx.params["text"])


class SharedBridgeHandler:
    def execute(self, ctx: Any) -> None:
        shared_bridge.lessons(ctx.params["text"])  # a module-level instance: the bridge module as a whole


def register_policies(registry: OperationRegistry) -> None:
    registry.register("policies.lessons", LessonsHandler(), cross_domain_deps=["lessons.record"])
    registry.register("policies.factory", FactoryLessonsHandler(), cross_domain_deps=["lessons.record"])
    registry.register("policies.shared", SharedBridgeHandler(), cross_domain_deps=["lessons.record"])  # expect: LAM302
