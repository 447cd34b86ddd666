"""The operation registry and two registries that only share its method names."""


class OperationRegistry:
    async def execute(self, name: str, **params: object) -> object:
        return None


class StageRegistry:
    def execute(self, stage: str) -> None:
        return None


class RegistryService:
    def execute(self, job: str) -> None:
        return None


def get_registry_service() -> RegistryService:
    return RegistryService()
