#!/usr/bin/env bash
# Developer entry point: `bash dev.sh example` and `bash dev.sh test`.
# Both install lamina into ./.venv first (only when pyproject.toml changed), so they work
# on a fresh machine with nothing but Python >= 3.10.
set -euo pipefail
cd "$(dirname "$0")"

PY="${PYTHON:-python3}"
VENV=.venv

install() {
    if ! "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
        echo "lamina needs Python >= 3.10 (found $("$PY" --version 2>&1)); set PYTHON=..." >&2
        exit 2
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        "$PY" -m venv "$VENV"
    fi
    stamp="$VENV/.lamina-installed"
    want="$(cat pyproject.toml | "$PY" -c 'import hashlib,sys; print(hashlib.sha256(sys.stdin.buffer.read()).hexdigest())')"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[dev]'
        echo "$want" > "$stamp"
    fi
}

case "${1:-}" in
    example)
        install
        shift
        # The bundled example: a HOC-shaped codebase with deliberate violations.
        cd examples/hoc_demo
        exec "../../$VENV/bin/lamina" check "$@"
        ;;
    test)
        install
        shift
        set +e
        "$VENV/bin/python" -m pytest -q "$@"
        status=$?
        set -e
        if [ "$status" -eq 5 ]; then
            echo "pytest collected no tests: failing on purpose" >&2
            exit 1
        fi
        exit "$status"
        ;;
    *)
        echo "usage: bash dev.sh example [lamina check options] | bash dev.sh test [pytest options]" >&2
        exit 2
        ;;
esac
