"""Logs bridge whose method takes a session."""


class LogsBridge:
    def audit_capability(self, session: object) -> object:  # expect: LAM306
        return session


class MetricsBridge:
    capability = lambda self, session: session  # expect: LAM306  # noqa: E731


make_metrics_bridge = lambda session: MetricsBridge()  # noqa: E731 - a function: targets are methods
