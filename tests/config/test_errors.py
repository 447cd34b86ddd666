"""Every kind of configuration error, at its exact ``file:line:col`` (docs/packs.md#12-validation).

``MINIMAL`` (8 lines: layers ``api`` and ``core`` with zone ``models``, role ``handler``)
precedes each snippet, so snippet line 1 is pack line 9.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from config_tree import Tree

Errors = Callable[[str], list[str]]

CASES = {
    "unknown_key_nested": (
        """\
rules:
  - code: LAM204
    paths: {include: ["app/**"]}
  - code: LAM202
    paths:
      include: ["role:handler"]
      exlude: ["**/tests/**"]
""",
        ["pack.yaml:15:7: unknown key 'exlude' in rules[1].paths (did you mean 'exclude'?)"],
    ),
    "unknown_key_top": (
        "rulez: []\n",
        ["pack.yaml:9:1: unknown key 'rulez' in the pack (did you mean 'rules'?)"],
    ),
    "wrong_types": (
        'exclude: "gen/**"\nheader: {fallback: "yes", max_lines: 1.5}\n',
        [
            "pack.yaml:9:10: expected a list of strings for 'exclude', got str",
            "pack.yaml:10:20: expected true or false for 'header.fallback', got str",
            "pack.yaml:10:38: expected an integer >= 1 for 'header.max_lines', got float",
        ],
    ),
    "missing_required": (
        "rules:\n  - {id: nameless}\nfolders:\n  - {title: T}\n",
        [
            "pack.yaml:10:5: missing required key 'code' in rules[0]",
            "pack.yaml:12:5: missing required key 'path' in folders[0]",
        ],
    ),
    "severity_and_code": (
        "rules:\n  - {code: LAM2O3}\n  - {code: LAM204, severity: fatal}\n",
        [
            "pack.yaml:10:12: unknown rule code 'LAM2O3' (did you mean 'LAM203'?)",
            "pack.yaml:11:30: invalid severity 'fatal' for 'rules[1].severity' "
            "(expected one of: error, warning, info, off)",
        ],
    ),
    "unknown_selectors": (
        """\
rules:
  - code: LAM204
    paths:
      include: ["layer:apii", "layer:core:model", "role:handlr", "layer:nope:x"]
      exclude: ["role:", "layer:api:models"]
""",
        [
            "pack.yaml:12:17: unknown layer 'apii' in rules[0].paths.include (did you mean 'api'?)",
            "pack.yaml:12:31: unknown zone 'model' of layer 'core' in rules[0].paths.include "
            "(did you mean 'models'?)",
            "pack.yaml:12:51: unknown role 'handlr' in rules[0].paths.include "
            "(did you mean 'handler'?)",
            "pack.yaml:12:66: unknown layer 'nope' in rules[0].paths.include",
            "pack.yaml:13:17: malformed selector 'role:' at 'rules[0].paths.exclude[0]' "
            "(expected layer:NAME, layer:NAME:ZONE or role:NAME)",
            "pack.yaml:13:26: unknown zone 'models' of layer 'api' in rules[0].paths.exclude",
        ],
    ),
    "globs": (
        """\
exclude: ["../x/**", "/abs/**", "{domain}/x.py", "a/{name}/b", "a/{domain"]
domains: {from: ["app/cus", "app/x{domain}", "app/{domain}/{domain}"]}
""",
        [
            "pack.yaml:9:11: glob '../x/**' at 'exclude[0]' must not contain '..'",
            "pack.yaml:9:22: glob '/abs/**' at 'exclude[1]' must be relative (no leading '/')",
            "pack.yaml:9:33: '{domain}' is not allowed in 'exclude[2]' "
            "(only in domains.from, layers, zones and roles)",
            "pack.yaml:9:50: unknown capture '{name}' in 'a/{name}/b' at 'exclude[3]' "
            "(only {domain} exists)",
            "pack.yaml:9:64: unbalanced brace in 'a/{domain' at 'exclude[4]'",
            "pack.yaml:10:18: pattern 'app/cus' at 'domains.from[0]' must contain exactly one "
            "'{domain}'",
            "pack.yaml:10:29: '{domain}' must be a whole segment in 'app/x{domain}' "
            "at 'domains.from[1]'",
            "pack.yaml:10:46: pattern 'app/{domain}/{domain}' at 'domains.from[2]' must contain "
            "exactly one '{domain}'",
        ],
    ),
    "options": (
        """\
rules:
  - code: LAM102
    options: {targets: "app.db", except: ["layer:cor"], transitve: true}
  - code: LAM307
    options: {max_public_methods: "5"}
  - code: LAM401
  - code: LAM001
    options: {x: 1}
  - code: LAM003
    paths: {include: ["app/**"]}
""",
        [
            "pack.yaml:11:24: expected a list of strings for 'rules[0].options.targets', got str",
            "pack.yaml:11:43: unknown layer 'cor' in rules[0].options.except "
            "(did you mean 'core'?)",
            "pack.yaml:11:57: unknown key 'transitve' in rules[0].options "
            "(did you mean 'transitive'?)",
            "pack.yaml:13:35: expected an integer >= 0 for 'rules[1].options.max_public_methods', "
            "got str",
            "pack.yaml:14:5: missing required key 'owners' in rules[2].options",
            "pack.yaml:16:15: unknown key 'x' in rules[3].options",
            "pack.yaml:18:13: always-on code LAM003 accepts no paths.include (rules[4]); "
            "only severity and paths.exclude can change",
        ],
    ),
    "matrix": (
        """\
rules:
  - code: LAM101
    options:
      matrix:
        api: [core, "core:modls", "core@same", "api@mine", nowhere]
        apx: [api]
      imports: {lazy: sometimes}
""",
        [
            "pack.yaml:13:21: unknown zone 'modls' of layer 'core' in rules[0].options.matrix.api "
            "(did you mean 'models'?)",
            "pack.yaml:13:48: invalid matrix target 'api@mine' at 'rules[0].options.matrix.api[3]' "
            "(expected X, X:zone, X@same or X@other)",
            "pack.yaml:13:60: unknown layer 'nowhere' in rules[0].options.matrix.api",
            "pack.yaml:14:9: unknown layer 'apx' in rules[0].options.matrix (did you mean 'api'?)",
            "pack.yaml:15:23: invalid import setting 'sometimes' for "
            "'rules[0].options.imports.lazy' "
            "(expected one of: include, ignore)",
        ],
    ),
    "operations_folders_pairing": (
        """\
operations:
  register: [{receiver: [registry]}]
  execute: [{decorator: "**.op"}]
  follow_roles: [handlers]
folders:
  - path: app/**
  - path: app/core
    expects:
      - {label: A}
      - {label: B, rule: LAM20}
      - {label: C, symbol: X, scope: folder}
      - {label: D, rule: LAM202, kind: class}
pairing: {entry_role: handle, bypass_layers: [cor]}
""",
        [
            "pack.yaml:10:14: operations.register[0] needs exactly one of 'call' or 'decorator'",
            "pack.yaml:11:14: 'decorator' is only valid in operations.register "
            "(operations.execute[0])",
            "pack.yaml:12:18: unknown role 'handlers' in operations.follow_roles "
            "(did you mean 'handler'?)",
            "pack.yaml:14:11: path 'app/**' at 'folders[0].path' must be a directory path, "
            "not a pattern",
            "pack.yaml:17:9: folders[1].expects[0] needs exactly one of 'symbol' or 'rule'",
            "pack.yaml:18:26: unknown rule code or id 'LAM20' in folders[1].expects[1] "
            "(did you mean 'LAM204'?)",
            "pack.yaml:19:31: 'scope' applies only to 'rule' entries (folders[1].expects[2])",
            "pack.yaml:20:34: 'kind' applies only to 'symbol' entries (folders[1].expects[3])",
            "pack.yaml:21:23: unknown role 'handle' in pairing.entry_role "
            "(did you mean 'handler'?)",
            "pack.yaml:21:47: unknown layer 'cor' in pairing.bypass_layers (did you mean 'core'?)",
        ],
    ),
    "folder_prohibitions": (
        """\
folders:
  - path: app/core
    must_not:
      - {text: A, rules: [LAM9999]}
      - {text: B, rules: [LAM101], unchecked: why}
      - {text: C}
    subfolders: {sub: {description: "never x", rules: [no-such-rule]}}
""",
        [
            "pack.yaml:12:27: unknown rule code or id 'LAM9999' in folders[0].must_not[0].rules",
            "pack.yaml:13:9: folders[0].must_not[1] needs exactly one of 'rules' or 'unchecked'",
            "pack.yaml:14:9: folders[0].must_not[2] needs exactly one of 'rules' or 'unchecked'",
            "pack.yaml:15:56: unknown rule code or id 'no-such-rule' in folders[0].subfolders.sub.rules",
        ],
    ),
    "receiver_keys": (
        """\
operations:
  register:
    - {call: "**.register", receiver_class: ["app/OperationRegistry"], receiver_factory: get_registry}
""",
        [
            "pack.yaml:11:46: pattern 'app/OperationRegistry' at 'operations.register[0].receiver_class[0]' "
            "matches one name and must not contain '/'",
            "pack.yaml:11:90: expected a list of strings for 'operations.register[0].receiver_factory', got str",
        ],
    ),
    "required_after_merge": (
        "domains: {exclude: [x]}\npairing: {wiring_layers: [api]}\n",
        [
            "pack.yaml:9:1: missing required key 'from' in domains",
            "pack.yaml:10:1: missing required key 'entry_role' in pairing",
        ],
    ),
    "yaml_structure": (
        "header: {max_lines: 0, max_lines: 3}\n",
        [
            "pack.yaml:9:24: duplicate key 'max_lines' (first at line 9)",
            "pack.yaml:9:21: expected an integer >= 1 for 'header.max_lines', got 0",
        ],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_error_kinds(case: str, pack_errors: Errors) -> None:
    snippet, expected = CASES[case]
    assert pack_errors(snippet) == sorted(expected, key=_position)


def _position(line: str) -> tuple[int, int]:
    _, row, column, _ = line.split(":", 3)
    return int(row), int(column)


def test_version_must_be_1(tree: Tree) -> None:
    tree.project("version: 2\nlayerz: []\n")
    assert tree.errors() == ["pack.yaml:1:10: unsupported pack version 2 (expected 1)"]


def test_version_is_required(tree: Tree) -> None:
    tree.project("name: x\n")
    assert tree.errors() == ["pack.yaml:1:1: missing required key 'version' in the pack"]


def test_empty_pack_file(tree: Tree) -> None:
    tree.project("")
    assert tree.errors() == ["pack.yaml:1:1: missing required key 'version' in the pack"]


def test_pack_must_be_a_mapping(tree: Tree) -> None:
    tree.project("- version: 1\n")
    assert tree.errors() == ["pack.yaml:1:1: expected a mapping for the pack, got list"]


def test_yaml_syntax_error(tree: Tree) -> None:
    tree.project("version: 1\nlayers:\n  - {name: api, paths: [\"a/**\"]\nroles: {}\n")
    assert tree.errors() == [
        "pack.yaml:4:1: YAML syntax error: expected ',' or '}', but got '<scalar>' "
        "(while parsing a flow mapping)"]


def test_yaml_is_composed_safely(tree: Tree) -> None:
    tree.project("version: 1\nname: !!python/object/apply:os.system [echo hacked]\n"
                 "roots: [!!python/name:os.system x]\n")
    assert tree.errors() == [
        "pack.yaml:2:7: unsupported YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'",
        "pack.yaml:3:9: unsupported YAML tag 'tag:yaml.org,2002:python/name:os.system'",
    ]


def test_names_must_have_their_syntax(tree: Tree) -> None:
    tree.project("""\
version: 1
layers:
  - {name: 2nd, paths: ["x/**"], zones: {Bad-Zone: ["x/z/**"]}}
  - {name: ok, paths: ["a/{domain}/{domain}/*.py"]}
roles:
  Handler: {paths: ["x/*.py"]}
rules:
  - {code: LAM204, id: Dynamic_Import}
""")
    assert tree.errors() == [
        "pack.yaml:3:12: layer name '2nd' must match [A-Za-z][A-Za-z0-9_.]*",
        "pack.yaml:3:42: zone name 'Bad-Zone' must match [A-Za-z][A-Za-z0-9_]*",
        "pack.yaml:4:24: pattern 'a/{domain}/{domain}/*.py' at 'layers[1].paths[0]' "
        "may contain '{domain}' at most once",
        "pack.yaml:6:3: role name 'Handler' must match [a-z][a-z0-9_]*",
        "pack.yaml:8:24: rule id 'Dynamic_Import' is not kebab-case ([a-z][a-z0-9-]*)",
    ]


def test_errors_of_all_packs_are_collected(tree: Tree) -> None:
    tree.write("base.yaml", "version: 1\nlayrs: []\n")
    tree.project('version: 1\nextends: ["base.yaml"]\nrules: [{code: LAM999}]\n', """\
[tool.lamina]
packs = ["pack.yaml"]
job = 2
""")
    assert tree.errors() == [
        "base.yaml:2:1: unknown key 'layrs' in the pack (did you mean 'layers'?)",
        "pack.yaml:3:16: unknown rule code 'LAM999'",
        "pyproject.toml:3:1: unknown key 'job' in [tool.lamina] (did you mean 'jobs'?)",
    ]
