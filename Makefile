# CapVente — the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo $$p; break; }; done)
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: run test install install-dev lint typecheck pytest pytest-sqlite pytest-postgresql migrate seed serve clean

$(VENV)/bin/python:
	@test -n "$(PYTHON)" || { echo "CapVente needs Python 3.11 or newer (python3.11+ not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(DEV_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)
install-dev: $(DEV_STAMP)

## make run: install, migrate, seed the demo, serve on http://127.0.0.1:$${PORT:-8000}
run: install
	$(BIN)/capvente migrate
	$(BIN)/capvente seed
	$(BIN)/capvente jobs watch-refresh
	$(BIN)/capvente serve

## make test: every check (lint, format, types, tests on SQLite and PostgreSQL)
test: install-dev lint typecheck pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install-dev
	$(BIN)/mypy

pytest: pytest-sqlite pytest-postgresql
	$(BIN)/coverage report --fail-under=90

pytest-sqlite: install-dev
	$(BIN)/pytest --db=sqlite --cov --cov-report= -p no:cacheprovider

pytest-postgresql: install-dev
	$(BIN)/pytest --db=postgresql --cov --cov-append --cov-report= -p no:cacheprovider

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache .coverage
