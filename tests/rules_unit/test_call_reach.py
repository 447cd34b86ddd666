"""Call-level reach (layout.call_reach, issue 13 item 3): a handler is charged with the
definitions it uses and calls in follow-role modules, not with whole modules."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_operations_model import build

from lamina.layout.reach import Definition, ReachModel

BRIDGE = """\
    from app.billing.engine import charge
    from app.logs.engine import log
    from app.stock.engine import level


    class Bridge:
        def __init__(self):
            self.ready = True

        def billing(self):
            charge()

        def stock(self):
            level()

        def both(self):
            self.billing()
            self.helper_attribute()

        def logs(self):
            log()


    class Child(Bridge):
        def own(self):
            return None


    def make_bridge():
        return Bridge()


    def make_holder():
        return Holder(Bridge())


    class Holder:
        def __init__(self, bridge):
            self.bridge = bridge

        def run(self):
            self.bridge.billing()


    shared = Bridge()
"""

REEXPORTS = {
    # The package __init__ has no role; the coordinator module has one.
    "app/spine/orchestrator/__init__.py": "from .hub import Coordinator as Coordinator\n",
    "app/spine/orchestrator/hub.py": "from app.spine.coordinators.execution import Coordinator\n",
    "app/spine/coordinators/execution.py": """\
        class Coordinator:
            def run(self, domains):
                domains.get("stock")
    """,
    # Two packages re-exporting each other's name: resolution stops.
    "app/spine/loop_a/__init__.py": "from app.spine.loop_b import Ghost\n",
    "app/spine/loop_b/__init__.py": "from app.spine.loop_a import Ghost\n",
}


def reach_of(tmp_path: Path, handler: str, qualname: str = "handler") -> frozenset[str]:
    index, spec = build(
        tmp_path,
        {
            "app/spine/coordinators/bridge.py": BRIDGE,
            **REEXPORTS,
            "app/spine/handlers.py": "from app.spine.coordinators import bridge as bridge_module\n"
            "from app.spine.coordinators.bridge import Bridge, Child, make_bridge, make_holder, shared\n"
            "from app.spine.orchestrator import Coordinator\n"
            "from app.spine.loop_a import Ghost\n"
            "from app.orders.engine import run\n\n" + handler,
        },
    )
    return ReachModel(index, spec).reach(Definition("app/spine/handlers.py", qualname))


@pytest.mark.parametrize(
    ("handler", "expected"),
    [
        ("def handler():\n    Bridge().billing()\n", {"billing"}),
        ("def handler():\n    Bridge.stock(None)\n", {"stock"}),
        ("def handler():\n    bridge_module.Bridge().logs()\n", {"logs"}),
        # A precise local: every occurrence is the assignment or a method call.
        ("def handler():\n    b = Bridge()\n    b.billing()\n    b.billing()\n", {"billing"}),
        # The local escapes (passed on): the whole class.
        ("def handler(sink):\n    b = Bridge()\n    sink(b)\n", {"billing", "stock", "logs"}),
        # Stored on an attribute: the whole class.
        ("class handler:\n    def run(self):\n        self.b = Bridge()\n", {"billing", "stock", "logs"}),
        # self.method() follows the class's own method; an unknown attribute is the whole class.
        ("def handler():\n    Bridge().both()\n", {"billing", "stock", "logs"}),
        # An inherited method: the whole class (its own methods).
        ("def handler():\n    Child().billing()\n", set()),
        # A factory used precisely: the method of the class it instantiates.
        ("def handler():\n    make_bridge().stock()\n", {"stock"}),
        ("def handler():\n    b = make_bridge()\n    b.stock()\n", {"stock"}),
        # A factory whose result goes anywhere: the classes it instantiates, as a whole.
        ("def handler(sink):\n    sink(make_bridge())\n", {"billing", "stock", "logs"}),
        # A factory handing a bridge over to another class: the bridge escapes.
        ("def handler():\n    make_holder().run()\n", {"billing", "stock", "logs"}),
        # A module-level instance of the bridge module: no definition, the module as a whole.
        ("def handler():\n    shared.billing()\n", {"billing", "stock", "logs"}),
        # Through a package __init__ and a second module's re-export.
        ("def handler(domains):\n    Coordinator().run(domains)\n", {"stock"}),
        # A re-export cycle leads nowhere (and terminates).
        ("def handler():\n    Ghost()\n", set()),
        # A module-level import is charged only when the definition uses it (orders is not own here).
        ("def handler():\n    return None\n", set()),
        ("def handler():\n    run()\n", {"orders"}),
        # A helper of the same module that the handler calls is followed.
        ("def helper():\n    Bridge().logs()\n\n\ndef handler():\n    helper()\n", {"logs"}),
        # ... and one it does not call is not.
        ("def helper():\n    Bridge().logs()\n\n\ndef handler():\n    return None\n", set()),
    ],
)
def test_call_level_reach(tmp_path: Path, handler: str, expected: set[str]) -> None:
    assert reach_of(tmp_path, handler) == expected


def test_a_whole_file_counts_all_its_imports_and_follows_all_its_calls(tmp_path: Path) -> None:
    index, spec = build(
        tmp_path,
        {
            "app/spine/coordinators/bridge.py": BRIDGE,
            **REEXPORTS,
            "app/spine/handlers.py": """\
                from app.orders.engine import run
                from app.spine.orchestrator import Coordinator

                def handler(domains):
                    Coordinator().run(domains)
            """,
        },
    )
    model = ReachModel(index, spec)
    # orders (imported, unused) and stock (the re-exported coordinator's domain access).
    assert model.file_domains("app/spine/handlers.py") == {"orders", "stock"}
    assert model.reach(Definition("app/spine/handlers.py", "handler")) == {"stock"}
