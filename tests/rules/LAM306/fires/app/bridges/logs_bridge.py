"""Logs bridge whose method takes a session."""


class LogsBridge:
    def audit_capability(self, session: object) -> object:  # expect: LAM306
        return session
