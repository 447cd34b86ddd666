"""``NameUse`` facts: the module-level names each definition mentions, and the occurrences of
call-assigned names (the input of call-level reach)."""

from __future__ import annotations

from textwrap import dedent

from lamina.cache.facts_codec import decode_facts, encode_facts
from lamina.extract import extract_facts
from lamina.model.facts import NameUse

SOURCE = """\
    from app.bridge import Bridge, make
    from app.other import unused, Annotation, deco
    import app.engine as engine

    LIMIT = 3

    @deco
    class Handler:
        def run(self, value: Annotation = LIMIT) -> None:
            bridge = Bridge()
            bridge.lessons()
            engine.start(LIMIT)

        def escape(self, sink):
            made = make()
            sink(made)
"""


def test_uses_per_definition_and_counts_of_call_assigned_names() -> None:
    facts = extract_facts(dedent(SOURCE).encode("utf-8"))
    assert facts.uses == (
        # Decorators run in the enclosing scope; a rebinding counts too (``LIMIT = 3``).
        NameUse("<module>", ("LIMIT", "deco"), ()),
        # A method's defaults and annotations run in the class body.
        NameUse("Handler", ("Annotation", "LIMIT"), ()),
        NameUse("Handler.escape", ("make",), (("made", 2),)),
        NameUse("Handler.run", ("Bridge", "LIMIT", "engine"), (("bridge", 2),)),
    )
    assert "unused" not in {name for use in facts.uses for name in use.names}


def test_uses_survive_the_facts_codec() -> None:
    facts = extract_facts(dedent(SOURCE).encode("utf-8"))
    assert decode_facts(encode_facts(facts)).uses == facts.uses
