"""Views."""


def render() -> str:
    return "ok"
