"""LAM102 with selector targets and exceptions, names and transitive chains (found weak by
``bash dev.sh mutate``)."""

from __future__ import annotations

from pathlib import Path

from fixture_projects import pack_findings

PACK = """\
version: 1
roots: ["."]
domains: {from: ["app/svc/{domain}"]}
layers:
  - {name: api, paths: ["app/api/**"]}
  - {name: svc, paths: ["app/svc/{domain}/**"]}
  - {name: db, paths: ["app/db/**"]}
rules:
  - code: LAM102
    paths: {include: ["layer:api"]}
    options:
      targets: ["layer:db", "app/svc/*/secret.py"]
      except: ["app/db/public.py"]
      names: [Engine, Session]
      transitive: true
"""

FILES = {
    "app/__init__.py": "", "app/api/__init__.py": "", "app/svc/__init__.py": "", "app/svc/a/__init__.py": "",
    "app/db/__init__.py": "",
    "app/db/engine.py": "Engine = Session = other = 1\n",
    "app/db/public.py": "Engine = 1\n",
    "app/svc/a/secret.py": "Engine = 1\n",
    "app/svc/a/open.py": "import app.db.engine\n",
    "app/svc/a/via_public.py": "import app.db.public\n",
    "app/api/direct.py": "from app.db.engine import other, Session, Engine\nfrom app.db.engine import other as o\n",
    "app/api/excepted.py": "from app.db.public import Engine\n",
    "app/api/by_path.py": "from app.svc.a.secret import Engine\n",
    "app/api/chain.py": "import app.svc.a.open\nimport app.svc.a.via_public\n",
    "app/api/chain_public.py": "import app.svc.a.via_public\n",  # reaches only the exception
    "app/svc/a/to_secret.py": "import app.svc.a.secret\n",
    "app/api/chain_secret.py": "import app.svc.a.to_secret\n",  # reaches a path target
}  # fmt: skip


def test_selector_targets_exceptions_names_and_chains(tmp_path: Path) -> None:
    found = pack_findings(tmp_path, PACK, FILES, "LAM102")
    assert found == [
        ("app/api/by_path.py", 1, "'app.api.by_path' imports forbidden 'app.svc.a.secret' (names: Engine)"),
        (
            "app/api/chain.py",
            1,
            "'app.api.chain' reaches forbidden 'app.db.engine' via app.svc.a.open -> app.db.engine",
        ),
        (
            "app/api/chain_secret.py",
            1,
            "'app.api.chain_secret' reaches forbidden 'app.svc.a.secret' via app.svc.a.to_secret -> app.svc.a.secret",
        ),
        ("app/api/direct.py", 1, "'app.api.direct' imports forbidden 'app.db.engine' (names: Engine, Session)"),
    ]
