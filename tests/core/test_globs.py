"""Path globs, module patterns and call patterns (docs/packs.md#3-patterns) as executable examples."""

from __future__ import annotations

import pytest

from lamina.model.globs import compile_call_pattern, compile_glob, compile_module_pattern, name_glob

DOMAINS = ("incidents", "policies")


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("app/models/**", "app/models/x.py", True),
        ("app/models/**", "app/models/a/b/x.py", True),
        ("app/models/**", "app/modelsx.py", False),
        ("**/tests/**", "tests/x.py", True),
        ("**/tests/**", "a/b/tests/c/x.py", True),
        ("**/test_*.py", "test_x.py", True),
        ("a/**/b.py", "a/b.py", True),
        ("a/**/b.py", "a/x/y/b.py", True),
        ("a/**/b.py", "ab.py", False),
        ("app/*/x.py", "app/a/b/x.py", False),
        ("app/L5_*/x.py", "app/L5_engines/x.py", True),
        ("app/?.py", "app/ab.py", False),
    ],
)
def test_path_glob(pattern: str, path: str, expected: bool) -> None:
    assert (compile_glob(pattern).match(path) is not False) is expected


def test_domain_capture_accepts_only_derived_domains() -> None:
    glob = compile_glob("app/hoc/cus/{domain}/**/L5_engines/*.py", DOMAINS)
    assert glob.match("app/hoc/cus/policies/L5_engines/x.py") == "policies"
    assert glob.match("app/hoc/cus/policies/sub/L5_engines/x.py") == "policies"
    assert glob.match("app/hoc/cus/hoc_spine/L5_engines/x.py") is False


def test_specificity_counts_literal_then_partial_then_captures() -> None:
    schemas = compile_glob("app/hoc/cus/{domain}/L5_schemas/**", DOMAINS).specificity.key()
    engines = compile_glob("app/hoc/cus/{domain}/L5_*/**", DOMAINS).specificity.key()
    assert schemas > engines
    assert compile_glob("app/**").specificity.key() == (1, 0, 0)


def test_module_pattern_matches_module_and_submodules_only() -> None:
    pattern = compile_module_pattern("app.services")
    assert pattern.match("app.services")
    assert pattern.match("app.services.incidents.x")
    assert not pattern.match("app.servicesx")
    assert compile_module_pattern("app.**.c").match("app.c")


def test_call_pattern_matches_any_receiver_shape() -> None:
    pattern = compile_call_pattern("**.register")
    for text in ("registry.register", "self._registry.register", "get_registry().register"):
        assert pattern.match(text)
    assert not pattern.match("registry.registered")


def test_name_glob() -> None:
    assert name_glob("get_*_coordinator").fullmatch("get_signal_coordinator")
    assert not name_glob("*Bridge").fullmatch("BridgeFactory")
