#!/usr/bin/env bash
# Runs lakefs-spec's own test suite (from its source distribution, the version requirements-ci.txt pins)
# against our local server, started here on a free loopback port; or against LAKEFS_SPEC_SUITE_HOST
# (host:port of any lakeFS with the quickstart key pair, e.g. a real lakeFS for comparison).
# Not part of CI: it needs the suite's own test dependencies (polars, DuckDB, pytest) and the package index
# for the sdist. Usage: scripts/lakefs-spec-suite.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${LAKEFS_RX_PYTHON:-.venv-ci/bin/python}
VERSION=$(sed -n 's/^lakefs-spec==//p' requirements-ci.txt)
KEY=AKIAIOSFOLQUICKSTART
SECRET='wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' # lakeFS's public quickstart pair, which the suite hard-codes
WORK=$(mktemp -d)
SERVER=
cleanup() {
  [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

"$PY" -m pip install -q --disable-pip-version-check pytest==9.2.0 pytest-asyncio==1.5.0 polars==2.1.0 duckdb==2.0.1
"$PY" -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: -d "$WORK" "lakefs-spec==$VERSION"
tar xzf "$WORK/lakefs_spec-$VERSION.tar.gz" -C "$WORK"
SUITE="$WORK/lakefs_spec-$VERSION"
# The suite hard-codes localhost:8000; point it at the server under test.
grep -rl 'host="localhost:8000"' "$SUITE/tests" |
  xargs sed -i 's/host="localhost:8000"/host=__import__("os").environ["SPEC_HOST"]/'

HOST=${LAKEFS_SPEC_SUITE_HOST:-}
if [ -z "$HOST" ]; then
  node_modules/.bin/tsx src/cli/main.ts serve --port 0 --access-key-id "$KEY" --secret-access-key "$SECRET" \
    >"$WORK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do
    HOST=$(sed -n 's|.*listening on http://\([^ ]*\) .*|\1|p' "$WORK/server.log")
    [ -n "$HOST" ] && break
    sleep 0.2
  done
  [ -n "$HOST" ] || { cat "$WORK/server.log" >&2; exit 1; }
fi
echo "lakefs-spec $VERSION suite against $HOST"
# HOME: the suite writes a temporary ~/.lakectl.yaml
cd "$SUITE" && SPEC_HOST=$HOST HOME=$WORK "$OLDPWD/$PY" -m pytest -q -p no:cacheprovider tests "$@"
