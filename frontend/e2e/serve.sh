#!/bin/sh
# The API for the end-to-end tests: a fresh SQLite database with the demo seed and its
# watch filled (as `make run` does), serving the built client (dist/) on the given port.
set -e
PORT="${1:-8765}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${CAPVENTE_BIN:-$HERE/../.venv/bin/capvente}"
WORK="$(mktemp -d /tmp/capvente-e2e.XXXXXX)"
export DATABASE_URL="sqlite:///$WORK/capvente.db"
export CAPVENTE_VAR_DIR="$WORK/var"
export CAPVENTE_FRONTEND_DIST="${E2E_DIST:-$HERE/dist}"
export CAPVENTE_LOG_LEVEL=warning
export PORT
"$BIN" migrate > "$WORK/setup.log" 2>&1
"$BIN" seed >> "$WORK/setup.log" 2>&1
"$BIN" jobs watch-refresh >> "$WORK/setup.log" 2>&1
exec "$BIN" serve
