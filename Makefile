# The two commands a newcomer needs: `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
VPY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Interpreters tried in order; the first that runs and is 3.12+ builds the virtual environment.
# pyenv's bare "python3.12" shim refuses to run while another version is active, so the real
# binaries under ~/.pyenv/versions come first. Override with `make run PYTHON=/path/to/python`.
PYENV_PYTHONS := $(foreach v,3.14 3.13 3.12,$(wildcard $(HOME)/.pyenv/versions/$(v)*/bin/python3))
PYTHON_CANDIDATES := $(PYTHON) $(PYENV_PYTHONS) \
	python3.13 python3.12 python3.14 python3 /usr/bin/python3.13 /usr/bin/python3.12 /usr/local/bin/python3.13 /usr/local/bin/python3.12

.PHONY: help run prod backup restore test test-browser test-hostile lint audit format install install-dev migrate seed clean-db messages bench bench-data wrk-installed

help:
	@echo "make run    - set up everything and serve the portal at http://$(HOST):$(PORT)/ (SQLite)"
	@echo "make test   - run the whole test suite (PostgreSQL when DATABASE_URL is set)"
	@echo "make prod   - nginx + granian + task worker with production settings (docs/operations.md)"
	@echo "make backup / make restore BACKUP=dir - database, media and ledger head"
	@echo "make test-browser - the browser tests alone (Chromium, axe-core, PostgreSQL)"
	@echo "make test-hostile - every payload of the XSS corpus through every entry point (long)"
	@echo "make lint   - ruff"
	@echo "make bench  - granian + wrk on PostgreSQL at 1,000 and 100,000 articles -> docs/benchmarks.md"

$(VPY):
	@py=""; for c in $(PYTHON_CANDIDATES); do \
	  if "$$c" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1; then py="$$c"; break; fi; \
	done; \
	if [ -z "$$py" ]; then \
	  echo "Python 3.12 or newer is needed and none was found (tried: $(PYTHON_CANDIDATES))." >&2; \
	  echo "Install one: 'pyenv install 3.13', 'uv python install 3.13', or your system's python3.12+ package" >&2; \
	  echo "(Debian 13 / Ubuntu 24.04: 'sudo apt-get install python3 python3-venv')," >&2; \
	  echo "then run make again, or point to it: make run PYTHON=/path/to/python3.12" >&2; \
	  exit 1; \
	fi; \
	echo "Creating $(VENV) with $$py ($$("$$py" --version))"; \
	"$$py" -m venv $(VENV) && $(VPY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VPY)
	$(VPY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/.installed
	$(VPY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

var/demo-password:
	@mkdir -p var
	@$(VPY) -c 'import secrets; print(secrets.token_urlsafe(12))' > $@

migrate: install
	$(VPY) manage.py migrate --no-input

seed: migrate var/demo-password
	$(VPY) manage.py seed_demo --password "$$(cat var/demo-password)"

# The development server and the task worker (scripts/run_dev.py); Ctrl-C stops both.
run: seed
	$(VPY) scripts/run_dev.py $(HOST):$(PORT)

# The production stack on this machine (nginx, granian, worker) with the production settings
# from the environment or ENV_FILE (deploy/portal.env.example); docs/operations.md.
LISTEN ?= 8080
APP_PORTS ?= 8001
prod: install
	$(VPY) scripts/serve-production --listen $(LISTEN) --app-ports $(APP_PORTS) $(if $(ENV_FILE),--env-file $(ENV_FILE))

# Backups: the database, the media and the ledger head into $(BACKUP_DIR)/<UTC time>/;
# `make restore BACKUP=var/backups/<name>` puts one back (stop the servers first).
BACKUP_DIR ?= var/backups
backup: install
	$(VPY) manage.py backup_portal --to $(BACKUP_DIR)

restore: install
	@test -n "$(BACKUP)" || { echo "Which backup? make restore BACKUP=$(BACKUP_DIR)/<name>" >&2; exit 1; }
	$(VPY) manage.py restore_portal "$(BACKUP)" --yes

AXE := tests/browser/node_modules/axe-core/axe.min.js

# axe-core (accessibility engine for the browser tests) from the npm registry, when npm exists;
# without it (or without Chromium / PostgreSQL) the browser tests are skipped with the reason.
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) && touch $@; \
	else echo "npm not found: browser tests will be skipped"; fi

test: install-dev
	-@$(MAKE) --no-print-directory $(AXE)
	$(VPY) -m pytest $(PYTEST_ARGS)

test-browser: install-dev $(AXE)
	$(VPY) -m pytest tests/browser $(PYTEST_ARGS)

# Issue 23: every payload of /work/shared/corpora/xss/ (CI runs a sample inside `make test`).
test-hostile: install-dev $(AXE)
	PORTAL_HOSTILE_FULL=1 $(VPY) -m pytest tests/hostile tests/browser/test_hostile_content.py -p no:cacheprovider $(PYTEST_ARGS)

lint: install-dev
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .

# pip-audit over the virtual environment built from the pinned requirements (and what they
# pull in); exits non-zero on any known vulnerability.
audit: install-dev
	$(VPY) -m pip_audit --progress-spinner off --desc on --skip-editable

format: install-dev
	$(VPY) -m ruff check --fix .
	$(VPY) -m ruff format .

clean-db:
	rm -f var/portal.sqlite3

# makemessages runs inside cms/, editorial/, ledger/, citizen_reports/ and portal_site/operations/ only (demo/ has no
# strings). portal_site/locale (Wagtail's admin strings in Vietnamese) holds no msgid from our
# source, so makemessages --no-obsolete would empty it: it is never extracted, only checked and
# compiled here (edit its django.po by hand).
WAGTAIL_VI := portal_site/locale/vi/LC_MESSAGES

messages: install-dev
	for app in cms editorial ledger citizen_reports portal_site/operations; do \
	  if [ -d $$app/locale ]; then (cd $$app && DJANGO_SETTINGS_MODULE=portal_site.settings.dev PYTHONPATH=$(CURDIR) $(CURDIR)/$(VPY) -m django makemessages -l vi --no-obsolete && $(CURDIR)/$(VPY) -m django compilemessages -l vi); fi; \
	done
	for domain in django djangojs; do msgfmt --check -o $(WAGTAIL_VI)/$$domain.mo $(WAGTAIL_VI)/$$domain.po || exit 1; done

# --- Benchmarks (issue 9): docs/benchmarks.md ------------------------------------------------
# Two PostgreSQL databases filled by seed_demo + generate_articles, then scripts/bench.py runs
# granian (2 WSGI workers, production settings, plain HTTP on 127.0.0.1) under wrk, cold and with
# Redis (127.0.0.1:6379, DB $(BENCH_REDIS_DB)). `make bench-data` once, then `make bench`.
PG_URL ?= postgres://postgres@127.0.0.1:5432
BENCH_SIZES ?= 1k:1000 100k:100000
BENCH_REDIS_DB ?= 5
BENCH_VAR ?= $(CURDIR)/var/bench

wrk-installed:
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y wrk; else sudo apt-get install -y wrk; fi; }

bench-data: install
	@for size in $(BENCH_SIZES); do \
	  label=$${size%%:*}; count=$${size##*:}; db=portal_bench_$$label; \
	  psql "$(PG_URL)/postgres" -qc "CREATE DATABASE $$db" 2>/dev/null || true; \
	  export DATABASE_URL="$(PG_URL)/$$db" DJANGO_SETTINGS_MODULE=portal_site.settings.dev PORTAL_VAR_DIR=$(BENCH_VAR); \
	  $(VPY) manage.py migrate --no-input -v0 && \
	  $(VPY) manage.py seed_demo --password "$$($(VPY) -c 'import secrets; print(secrets.token_urlsafe(16))')" >/dev/null && \
	  have=$$($(VPY) manage.py shell -c "from cms.models import ArticlePage; print(ArticlePage.objects.count())" | tail -1) && \
	  if [ "$$have" -lt "$$count" ]; then time $(VPY) manage.py generate_articles $$((count - have)) --batch-size 2000; fi \
	  || exit 1; \
	done

bench: install wrk-installed
	@for size in $(BENCH_SIZES); do \
	  label=$${size%%:*}; \
	  PORTAL_VAR_DIR=$(BENCH_VAR) $(VPY) scripts/bench.py --database-url "$(PG_URL)/portal_bench_$$label" \
	    --label $$label --redis-db $(BENCH_REDIS_DB) || exit 1; \
	done
