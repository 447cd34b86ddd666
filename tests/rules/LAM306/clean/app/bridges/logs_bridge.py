"""Logs bridge: the bridge instance checks methods only, so the factory may take a session."""


class LogsBridge:
    def __init__(self, writer: object) -> None:
        self._writer = writer

    def audit_capability(self) -> object:
        return self._writer


def make_logs_bridge(session: object) -> LogsBridge:
    return LogsBridge(session)


class MetricsBridge:
    capability = lambda self, writer: writer  # noqa: E731


make_metrics_bridge = lambda session: MetricsBridge()  # noqa: E731 - a function: targets are methods
