"""Policy bridge: one capability per method, each reaching one domain (the file imports three)."""

from app.controls.engine import evaluate
from app.lessons.engine import record_lesson
from app.logs.engine import write


class PolicyBridge:
    def lessons(self, text: str) -> None:
        record_lesson(text)

    def controls(self, text: str) -> bool:
        return evaluate(text)

    def logs(self, text: str) -> None:
        write(text)


def get_policy_bridge() -> PolicyBridge:
    return PolicyBridge()


shared_bridge = PolicyBridge()
