"""Audit coordinator."""


class AuditCoordinator:
    def record(self, event: str) -> None:
        return None


def get_audit_coordinator() -> AuditCoordinator:
    return AuditCoordinator()


def record(event: str) -> None:
    get_audit_coordinator().record(event)
