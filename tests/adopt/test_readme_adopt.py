"""README "Adopt on an existing codebase": every command of the section runs as written,
in order, on a legacy project with an old layer violation, and does what the text says.

The commands are read from the README itself (shell blocks, and the ``run:`` steps of the
workflow block), so the section cannot drift from this test: ``EXPECTED`` must list them
exactly. Two substitutions are unavoidable and the only ones: the placeholders for the
lamina repository URL and tag in the pre-commit configuration become a snapshot of this
tree, and the workflow's ``pip install`` step is not run (lamina is already installed in
the environment running the tests).
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import yaml
from adopt_tools import REPOSITORY, base_env, git, init_repo, run, write
from output_schemas import validate_sarif

SECTION = "## Adopt on an existing codebase"
URL, TAG = "<URL of the lamina repository>", "<lamina release tag>"
# (command as written in the README, expected exit code)
EXPECTED = [
    ("lamina init", 0),
    ("lamina check", 1),  # the legacy violation
    ("lamina baseline", 0),
    ("lamina check", 0),
    ("git add pyproject.toml lamina.yaml lamina-baseline.json", 0),
    ("pre-commit install", 0),
    ("pre-commit run --all-files", 0),
    ("lamina check --format sarif --output lamina.sarif", 0),
]
LEGACY = {
    "pyproject.toml": '[project]\nname = "shop"\nversion = "1.0"\n',
    "src/shop/__init__.py": "",
    "src/shop/api/__init__.py": "",
    "src/shop/api/orders.py": "from shop.services import ordering\n",
    "src/shop/services/__init__.py": "",
    "src/shop/services/ordering.py": "from shop.models import order\n",
    "src/shop/models/__init__.py": "",
    # The old sin: a model reaching up into the API layer.
    "src/shop/models/order.py": "from shop.api import orders\n",
}


def section() -> str:
    text = (REPOSITORY / "README.md").read_text(encoding="utf-8")
    start = text.index(SECTION)
    end = text.find("\n## ", start + len(SECTION))
    return text[start:end if end >= 0 else len(text)]


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def readme_commands(text: str) -> list[str]:
    commands = []
    for block in blocks(text, "bash"):
        for line in block.splitlines():
            command = line.split("#", 1)[0].strip()
            if command:
                commands.append(command)
    workflow = next(yaml.safe_load(b) for b in blocks(text, "yaml") if "jobs:" in b)
    for step in next(iter(workflow["jobs"].values()))["steps"]:
        if "run" in step and not step["run"].startswith("pip install"):
            commands.append(step["run"])
    return commands


def test_every_readme_adoption_command_works_as_written(
    tmp_path: Path, hook_repo: Path, pre_commit_home: Path
) -> None:
    text = section()
    commands = readme_commands(text)
    assert commands == [command for command, _ in EXPECTED]
    project = init_repo(tmp_path / "shop")
    write(project, LEGACY)
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "years of history")
    config = next(b for b in blocks(text, "yaml") if "repos:" in b)
    assert URL in config and TAG in config
    rev = git(hook_repo, "rev-parse", "HEAD").strip()
    write(project, {".pre-commit-config.yaml": config.replace(URL, hook_repo.as_posix()).replace(TAG, rev)})
    env = base_env(pre_commit_home)
    for command, expected in EXPECTED:
        done = run(project, *shlex.split(command), env=env)
        assert done.returncode == expected, f"{command}: {done.stdout}{done.stderr}"
    # What the text promises: the pack found the layers, the baseline holds the old sin,
    # and the SARIF log (valid SARIF 2.1.0) carries it as a closed (suppressed) alert.
    assert "name: api" in (project / "lamina.yaml").read_text(encoding="utf-8")
    log = json.loads((project / "lamina.sarif").read_text(encoding="utf-8"))
    validate_sarif(log)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["suppressions"][0]["kind"]) for r in results if r["ruleId"] == "LAM101"] == [
        ("LAM101", "external")]
    # ... and the installed hook now blocks a *new* violation at commit time.
    write(project, {"src/shop/services/ordering.py": "from shop.models import order\nfrom shop.api import orders\n"})
    git(project, "add", "src/shop/services/ordering.py")
    blocked = run(project, "git", "commit", "-m", "a new sin", env=env)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "src/shop/services/ordering.py:2:1: LAM101" in blocked.stdout + blocked.stderr
