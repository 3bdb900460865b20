# comity — build, run and test. `make help` lists the targets.
#
# Everything runs inside .venv, created on first use. Python packages are (re)installed only when
# pyproject.toml is newer than the stamp file in .venv.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON3 ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.comity-installed
PORT ?= 8000
COMITY_HOME ?= $(CURDIR)/var
export COMITY_HOME PORT VENV

LANGS := -l ar -l zh_Hans -l fr -l ru -l es -l uk -l en

.PHONY: help venv run test bench lint format messages clean

help: ## List the targets
	@echo "comity — make targets:"
	@grep -E '^[a-z][a-zA-Z_-]*:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(PY):
	@echo "==> creating the virtualenv in $(VENV)"
	@$(PYTHON3) -m venv $(VENV) || { \
		rm -rf $(VENV); \
		echo ""; \
		echo "Could not create a virtualenv with '$(PYTHON3) -m venv'."; \
		echo "On Debian or Ubuntu install the venv module first:  apt-get install python3-venv"; \
		exit 1; }

$(STAMP): pyproject.toml | $(PY)
	@echo "==> installing comity and its development tools into $(VENV)"
	$(PY) -m pip install --disable-pip-version-check -q -e '.[dev]'
	@touch $@

venv: $(STAMP) ## Create .venv and install comity with its dev tools (when pyproject.toml changed)

run: $(STAMP) ## Prepare everything and serve comity on http://127.0.0.1:$PORT (default 8000)
	@$(PY) -c 'import socket, sys; s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' $(PORT) 2>/dev/null || { \
		echo "Port $(PORT) on 127.0.0.1 is already in use. Stop what uses it, or choose another: PORT=8001 make run"; \
		exit 1; }
	@echo "==> compiling translations"
	@$(PY) manage.py compile_translations
	@echo "==> migrating the database in $(COMITY_HOME)"
	@$(PY) manage.py migrate --noinput
	@echo "==> loading reference data"
	@$(PY) manage.py load_reference
	@echo "==> collecting static files"
	@$(PY) manage.py collectstatic --noinput -v 0
	@$(PY) manage.py library_reindex --if-needed
	@echo "==> demo account"
	@$(PY) manage.py demo
	@echo ""
	@echo "  ================================================================"
	@echo "   comity is running at  http://127.0.0.1:$(PORT)/"
	@echo "   data folder:          $(COMITY_HOME)"
	@echo "   sign in with the demo account printed above (first run only)."
	@echo "   Entries marked 'example data' are not real. Ctrl-C stops."
	@echo "  ================================================================"
	@echo ""
	@exec $(VENV)/bin/gunicorn comity.wsgi --bind 127.0.0.1:$(PORT) --workers 3 --access-logfile -

test: $(STAMP) ## Lint, checks, tests on SQLite, PostgreSQL (if installed) and Chromium (if installed)
	@scripts/test

bench: $(STAMP) ## Run the benchmarks (SQLite, then PostgreSQL when installed); see docs/PERFORMANCE.md
	$(PY) benchmarks/run.py $(BENCH_ARGS)
	@if scripts/with-postgres --available; then \
		scripts/with-postgres sh -c '$(PY) benchmarks/run.py $(BENCH_ARGS) --only directory_search,legal_basis,case_register,library_search,liaison_inbox --database-url "$$DATABASE_URL"'; \
	else echo "PostgreSQL not installed: the PostgreSQL runs were skipped."; fi

lint: $(STAMP) ## ruff check and ruff format --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP) ## Format the code and apply ruff's safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: $(STAMP) ## Extract translatable strings into the .po files (needs GNU gettext), then compile
	@mkdir -p comity/locale
	$(PY) manage.py makemessages $(LANGS) --ignore='.venv/*' --ignore='var/*' --ignore='tests/*' --ignore='benchmarks/*' --ignore='test-artifacts/*'
	$(PY) manage.py compile_translations

clean: ## Remove var/ (local database, secret key, uploads) and test artefacts; keeps .venv
	rm -rf var test-artifacts .pytest_cache .ruff_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
