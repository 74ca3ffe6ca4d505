# Two commands matter: `make run` (the site on SQLite with demo content) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
WORKERS ?= 2

.PHONY: run test install install-test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# make run serves any DATABASE_URL, REDIS_URL and S3 bucket: the optional drivers come with it.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[postgres,redis,s3]'
	touch $@

AXE := .cache/node/node_modules/axe-core/axe.min.js

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $@

# axe-core, for the accessibility audits of the browser tests (skipped, with the reason, without npm).
$(AXE):
	@if command -v npm >/dev/null 2>&1; then \
		npm install --prefix .cache/node --no-audit --no-fund --silent axe-core@4.10.2; \
	else echo "npm not found: the accessibility audits will be skipped"; fi

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(BIN)/guichet init
	@echo "Guichet: http://$(HOST):$(PORT)/"
	HOST=$(HOST) PORT=$(PORT) WORKERS=$(WORKERS) $(BIN)/gunicorn guichet.wsgi -c guichet/gunicorn_conf.py

test: install-test $(AXE)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-test
	$(BIN)/python -m ruff check guichet tests benchmarks docs
	$(BIN)/python -m mypy

bench: install-test
	$(BIN)/python benchmarks/quality.py
	$(BIN)/python benchmarks/latency.py

clean:
	rm -rf $(VENV) staticfiles .cache
