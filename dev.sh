#!/usr/bin/env bash
# Developer entry point: `bash dev.sh example`, `bash dev.sh test`, `lint`, `fuzz` and `mutate`.
# Each installs lamina into ./.venv first (only when pyproject.toml changed), so they work
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

# The gates CI runs before the tests: mypy and ruff, configured in pyproject.toml.
lint() {
    echo "== mypy (src/)"
    if ! "$VENV/bin/mypy"; then
        echo "lint: mypy found type errors (above); fix them before the tests run" >&2
        exit 1
    fi
    echo "== ruff check (src/ tests/ bench/ examples/)"
    if ! "$VENV/bin/ruff" check src tests bench examples; then
        echo "lint: ruff found problems (above); 'ruff check --fix' repairs the fixable ones" >&2
        exit 1
    fi
}

case "${1:-}" in
    lint)
        install
        lint
        ;;
    example)
        install
        shift
        lamina="$PWD/$VENV/bin/lamina"
        # The bundled example: a layered service built on lamina.spine (clean), then its
        # deliberately broken twin (every planted violation reported).
        echo "== lamina check examples/shop (expected: clean)"
        status=0
        (cd examples/shop && "$lamina" check "$@") || status=$?
        echo
        echo "== lamina check on the broken twin: examples/shop + tests/twins/shop_broken (expected: findings)"
        twin="$(mktemp -d)/shop_broken"
        mkdir -p "$twin/.git"
        cp -R examples/shop/. "$twin/"
        cp -R tests/twins/shop_broken/. "$twin/"
        (cd "$twin" && "$lamina" check --no-cache "$@") || true
        rm -rf "$(dirname "$twin")"
        exit "$status"
        ;;
    test)
        # With no arguments (CI, the README's command) the lint gates run first and fail
        # fast; with pytest arguments (iterating on a few tests) only pytest runs.
        install
        shift
        if [ "$#" -eq 0 ]; then
            lint
            echo "== pytest"
        fi
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
    fuzz)
        # A long fuzz campaign: N examples per strategy, new ones each time; prints the
        # outcomes by strategy (exit-0/1/2, or violation: exit 3, a traceback, invalid
        # output or cached != --no-cache) and fails when any property was violated.
        install
        examples="${2:-1000}"
        stats="$(mktemp)"
        set +e
        LAMINA_FUZZ_EXAMPLES="$examples" LAMINA_FUZZ_STATS="$stats" \
            "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests/fuzz
        status=$?
        set -e
        echo "== fuzz campaign: $examples examples per strategy; cases by strategy and outcome"
        sort "$stats" | uniq -c
        echo "total cases: $(wc -l < "$stats"), violations: $(grep -c violation "$stats" || true)"
        rm -f "$stats"
        exit "$status"
        ;;
    mutate)
        # Mutation testing (mutmut, configured in pyproject.toml's [tool.mutmut]): every mutant
        # of src/lamina/rules and src/lamina/layout against a fast subset of the suite, or only
        # the mutants named by the glob arguments ("lamina.rules.layer_direction*"). Results are
        # kept in ./mutants, so a second run only tests what changed. Prints the survivors and
        # the score (killed / tested; "no tests" counts as not killed) and fails when any survive.
        install
        shift
        set +e
        "$VENV/bin/mutmut" run "$@" > "$VENV/mutmut-run.log" 2>&1
        status=$?
        set -e
        if [ "$status" -ne 0 ]; then
            tail -n 20 "$VENV/mutmut-run.log" >&2
            exit "$status"
        fi
        "$VENV/bin/mutmut" results --all true | awk -F': ' '
            NF == 2 && $2 != "not checked" && $2 != "skipped" {
                count[$2]++; tested++
                if ($2 == "survived" || $2 == "no tests" || $2 == "suspicious") { sub(/^ +/, "", $1); print $2 ": " $1; left++ }
            }
            END {
                killed = count["killed"] + count["timeout"] + count["segfault"] + count["caught by type check"]
                printf "mutants tested: %d, killed: %d, survived: %d, no tests: %d, suspicious: %d, score: %.1f%%\n",
                    tested, killed, count["survived"], count["no tests"], count["suspicious"], tested ? 100 * killed / tested : 100
                exit (left > 0 ? 1 : 0)
            }'
        ;;
    *)
        echo "usage: bash dev.sh example [lamina check options] | bash dev.sh test [pytest options] | bash dev.sh lint | bash dev.sh fuzz [N] | bash dev.sh mutate [mutant globs]" >&2
        exit 2
        ;;
esac
