# CapVente — the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

FRONTEND := frontend
NODE_STAMP := $(FRONTEND)/node_modules/.installed
FRONTEND_SOURCES := $(shell find $(FRONTEND)/src $(FRONTEND)/index.html $(FRONTEND)/vite.config.ts \
	$(FRONTEND)/tsconfig.json $(FRONTEND)/package.json -type f 2>/dev/null)
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install install-dev python-checks lint typecheck imports pytest pytest-sqlite pytest-postgresql \
	frontend frontend-check e2e chromium pdf-libs api-client migrate seed serve clean

# Python packages are installed by uv (the whole set in seconds where pip takes a minute);
# pip does it when uv cannot be had.
PIP_INSTALL = if [ -x $(BIN)/uv ]; then $(BIN)/uv pip install --quiet --python $(BIN)/python $(1); \
	else $(BIN)/python -m pip install --quiet $(1); fi

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "CapVente needs Python 3.11 or newer (python3.11+ not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv || echo "uv not installed: pip installs the packages"

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	@$(call PIP_INSTALL,-e .)
	@touch $@

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	@$(call PIP_INSTALL,-e '.[dev]')
	@touch $@ $(RUN_STAMP)

install: $(RUN_STAMP) pdf-libs
install-dev: $(DEV_STAMP) pdf-libs

# WeasyPrint (quotes as PDF) draws text with Pango: Debian's libpango-1.0-0 and
# libpangoft2-1.0-0, and a font (fonts-dejavu-core). Installed here when missing and root.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
pdf-libs:
	@if ! { ldconfig -p | grep -q 'libpango-1.0.so.0' && ldconfig -p | grep -q 'libpangoft2-1.0.so.0' \
		&& fc-list 2>/dev/null | grep -qi dejavu; }; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(PDF_PACKAGES) >/dev/null; \
		else echo "Quotes as PDF need Pango and a font: sudo apt-get install -y $(PDF_PACKAGES)"; fi; fi

# The web client (Node.js 20 and npm): dependencies from the lock file, then the build,
# made again only when a source is newer than it.
$(NODE_STAMP): $(FRONTEND)/package.json $(FRONTEND)/package-lock.json
	@command -v npm >/dev/null || { echo "The web client needs Node.js 20 and npm"; exit 1; }
	cd $(FRONTEND) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(FRONTEND)/dist/index.html: $(NODE_STAMP) $(FRONTEND_SOURCES)
	cd $(FRONTEND) && npm run build --silent

frontend: $(FRONTEND)/dist/index.html

## make run: install, build the client if needed, migrate, seed the demo, fill its watch,
## detect its inactive accounts, serve on http://127.0.0.1:$${PORT:-8000}
run: install frontend
	$(BIN)/capvente migrate
	$(BIN)/capvente seed
	$(BIN)/capvente jobs watch-refresh
	$(BIN)/capvente jobs loyalty
	$(BIN)/capvente serve

## make test: every check (lint, format, types, the import contract, tests on SQLite and
## PostgreSQL, the web client's checks and component tests, end-to-end tests in Chromium)
# The Python checks run beside the client's (mypy takes one core while npm ci waits on the
# disk); then the browser tests run beside the two pytest runs: they mostly wait (on the
# browser and the server), so the 2 cores stay busy and the whole takes the time of the longest.
test: install-dev
	@$(MAKE) --no-print-directory -j2 python-checks frontend-check
	@$(MAKE) --no-print-directory -j2 pytest e2e

python-checks: lint typecheck imports

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy

# Dependencies go one way ([tool.importlinter] in pyproject.toml, app/README.md).
imports: install-dev
	$(BIN)/lint-imports --no-cache

# The two backends' runs at once (one core each), each line prefixed with its backend, each
# with its own coverage data, combined into one report. A sub-make runs them: Ctrl+C reaches
# both (a shell's background jobs would ignore it).
pytest: install-dev
	@rm -f .coverage .coverage.sqlite .coverage.postgresql
	@$(MAKE) --no-print-directory -j2 pytest-sqlite pytest-postgresql
	$(BIN)/coverage combine --quiet
	$(BIN)/coverage report --fail-under=90

# One backend's run, each line prefixed. Coverage is traced on the SQLite run only: the
# PostgreSQL run (the critical path of make test) took 58 % longer traced, for the few lines
# only PostgreSQL reaches; its coverage data, when asked (PG_COVERAGE=1), joins the report.
COVERAGE_sqlite := --cov --cov-report=
COVERAGE_postgresql := $(if $(PG_COVERAGE),--cov --cov-report=,)
PYTEST_RUN = set -o pipefail; COVERAGE_FILE=.coverage.$* PYTHONUNBUFFERED=1 \
	$(BIN)/pytest --db=$* $(COVERAGE_$*) -p no:cacheprovider 2>&1 | sed -u 's/^/[$*] /'

pytest-sqlite pytest-postgresql: pytest-%: install-dev
	@$(PYTEST_RUN)

# The client's API types are generated from the API's OpenAPI document: run after changing
# a route or a schema (a test fails until then).
api-client: install $(NODE_STAMP)
	$(BIN)/capvente openapi -o $(FRONTEND)/src/api/openapi.json
	cd $(FRONTEND) && npm run api:generate --silent

frontend-check: $(NODE_STAMP)
	cd $(FRONTEND) && npm run api:check --silent && npm run typecheck --silent && npm run lint --silent \
		&& npm run format:check --silent && npm test --silent

# Debian's Chromium for the browser tests (Playwright drives it; its own download is not used).
chromium:
	@test -x $(CHROMIUM) || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else echo "Chromium is missing: sudo apt-get install -y chromium"; exit 1; fi; }

e2e: install $(FRONTEND)/dist/index.html chromium
	@set -o pipefail; cd $(FRONTEND) && CHROMIUM=$(CHROMIUM) npx playwright test 2>&1 | sed -u 's/^/[e2e] /'

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .coverage \
		$(FRONTEND)/node_modules $(FRONTEND)/dist $(FRONTEND)/e2e-artifacts
