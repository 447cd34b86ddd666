"""The minimal pack shown in the README loads and does what its comments say."""

from __future__ import annotations

from pathlib import Path

from fixture_projects import run_project

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_minimal_pack(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    pack = text[text.index("A minimal pack:") :].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "lamina.yaml").write_text(pack, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.lamina]\npacks = ["lamina.yaml"]\n', encoding="utf-8")
    (tmp_path / ".git").mkdir()
    files = {
        "app/api/views.py": "from app.services.billing import pay\n",
        "app/services/billing/pay.py": "from app.services.orders import place\nfrom app.models import m\n",
        "app/services/orders/place.py": "",
        "app/models/m.py": "",
    }
    for rel, body in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(body, encoding="utf-8")
    result = run_project(tmp_path)
    assert [(f.path, f.line, f.code) for f in result.findings] == [("app/services/billing/pay.py", 1, "LAM101")]
