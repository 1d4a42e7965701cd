# CodeAtlas. `make run` serves the demo site; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Runs $(1) in the foreground with a task queue worker (`manage.py db_worker`) beside it, in
# the same environment; the worker stops when $(1) does (Ctrl-C included).
with_task_worker = sh -c '$(BIN)/python manage.py db_worker & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; $(1)'

.PHONY: run serve test test-fast lint format screenshots browser-deps nginx-deps test-deps clean \
	import-icd10cm import-hcpcs bench

# `make run` installs what the site needs; `make test` and the other dev targets add the dev
# tools (pytest, playwright, ruff, import-linter). pip's own version is kept (any recent one
# installs these) and no bytecode is compiled ahead: Python compiles what it imports.
PIP_INSTALL = $(BIN)/python -m pip install --quiet --no-compile --disable-pip-version-check
DEV_STAMP := $(VENV)/.installed-dev

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(PIP_INSTALL) -e '.[dev]'
	touch $(DEV_STAMP)

# The development settings every `manage.py` command reads (manage.py loads .env; the
# environment wins over it, and gunicorn never reads it). Written once, never overwritten.
.env:
	printf '%s\n' '# Written by `make run` for development; never used by gunicorn.' 'DEBUG=1' > $@

# `make run PORT=8100` serves on another port; links in emails, feeds and canonical links
# follow it unless SITE_URL is set (config/settings.py).
PORT ?= 8000
MANAGE = PORT=$(PORT) $(BIN)/python manage.py

# What a first visit needs loads before serving (seconds): the demo pages, their fees, jobs
# and payers, the search dictionary. The full ICD-10-CM, HCPCS Level II and fee schedule,
# and CasePilot's index of them, load in the task worker beside the server (a few minutes on
# the first run only, its progress in this log); pages say what is still loading meanwhile.
# migrate has run the system checks: the server skips them.
# The web server and the task worker share a cache in files (CACHE_DIRECTORY in
# config/settings.py), emptied at each start as a process's own memory would be.
RUN_CACHE := $(CURDIR)/build/run-cache
run: export CACHE_DIRECTORY = $(RUN_CACHE)
run: $(STAMP) .env
	rm -rf $(RUN_CACHE)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_data
	$(MANAGE) load_search_synonyms
# Another quick load a first visit needs goes here, before serving; a long one is a step of
# the background load instead (STEPS in pages/full_catalogue.py).
	$(MANAGE) load_abbreviations
	$(MANAGE) load_catalogue --background
	PORT=$(PORT) $(call with_task_worker,$(BIN)/python manage.py runserver --skip-checks 127.0.0.1:$(PORT))

# Production-like on this machine: PostgreSQL, Redis, collectstatic, gunicorn on a unix
# socket behind Debian's nginx (deploy/nginx/codeatlas-local.conf) on http://127.0.0.1:$(PORT).
# Plain HTTP on localhost, so the HTTPS-only settings are relaxed here (never in production).
SERVE_DIR := $(CURDIR)/build/serve
SERVE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/codeatlas
SERVE_ENV = DEBUG=0 \
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret-key)}" \
	DATABASE_URL="$${DATABASE_URL:-$(SERVE_DATABASE_URL)}" \
	REDIS_URL="$${REDIS_URL:-redis://127.0.0.1:6379/0}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" \
	ALLAUTH_TRUSTED_PROXY_COUNT=1 GUNICORN_BIND=unix:$(SERVE_DIR)/gunicorn.sock \
	SECURE_SSL_REDIRECT=0 SESSION_COOKIE_SECURE=0 CSRF_COOKIE_SECURE=0 SECURE_HSTS_SECONDS=0

.secret-key:
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@

serve: $(STAMP) .secret-key nginx-deps
	psql "$(SERVE_DATABASE_URL)" -c "SELECT 1" >/dev/null 2>&1 \
		|| createdb -h 127.0.0.1 -U postgres "$$(basename $(SERVE_DATABASE_URL))"
	$(SERVE_ENV) $(BIN)/python manage.py migrate --noinput
	$(SERVE_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(SERVE_ENV) $(BIN)/python manage.py load_demo_data
	$(SERVE_ENV) $(BIN)/python manage.py load_search_synonyms
	$(SERVE_ENV) $(BIN)/python manage.py load_catalogue
	mkdir -p $(SERVE_DIR)
	sed -e 's#@ROOT@#$(SERVE_DIR)#g' -e 's#@SOCKET@#$(SERVE_DIR)/gunicorn.sock#g' \
		-e 's#@PORT@#$(PORT)#g' -e 's#@SERVER_NAME@#127.0.0.1 localhost#g' \
		-e 's#@PROXY_SETTINGS@#$(CURDIR)/deploy/nginx/codeatlas-proxy.conf#g' \
		deploy/nginx/codeatlas-local.conf > $(SERVE_DIR)/nginx.conf
	$(SERVE_ENV) sh -c '$(BIN)/python manage.py db_worker & worker=$$!; \
		$(BIN)/gunicorn -c config/gunicorn.py config.wsgi & server=$$!; \
		trap "kill $$worker $$server 2>/dev/null" EXIT INT TERM; \
		nginx -p $(SERVE_DIR) -e $(SERVE_DIR)/error.log -c $(SERVE_DIR)/nginx.conf'

# The full code sets, an extra step after `make run` (README, "Importing the code sets").
# Both use DATABASE_URL when set, the SQLite file otherwise. ICD-10-CM's history, MS-DRG
# and CMS-HCC tables come after its tabular list, from the copies in fixtures/codesets/.
import-icd10cm: $(STAMP) .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_icd10cm $(ICD10CM_FILE)
	$(BIN)/python manage.py import_icd10cm_index $(ICD10CM_INDEX_FILE)
	$(BIN)/python manage.py import_icd10cm_history
	$(BIN)/python manage.py import_ms_drg
	$(BIN)/python manage.py import_cms_hcc
	$(BIN)/python manage.py load_search_synonyms
	$(BIN)/python manage.py load_abbreviations
	$(BIN)/python manage.py rebuild_assistant_index

HCPCS_FILE ?= fixtures/codesets/hcpcs/HCPC2026_JAN_ANWEB_01122026.txt.xz
import-hcpcs: $(STAMP) .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py import_hcpcs $(HCPCS_FILE)
	$(BIN)/python manage.py load_abbreviations
	$(BIN)/python manage.py rebuild_assistant_index

# Import and search figures on their own databases (bench/README.md); never the tests' ones.
bench: $(DEV_STAMP)
	$(BIN)/python bench/import_speed.py
	$(BIN)/python bench/search_speed.py
	$(BIN)/python bench/code_page_speed.py
	$(BIN)/python bench/careers_list.py
	$(BIN)/python bench/import_code_facts.py
	$(BIN)/python bench/bulk_check_speed.py

# The browser tests drive Debian's chromium; install it when missing (needs root, as in CI).
browser-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

# `make serve` and the deployment tests run Debian's nginx in front of gunicorn; installed the
# same way.
nginx-deps:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx \
		|| { apt-get update -qq && apt-get install -y -qq nginx; }

# The deployment tests also start a redis-server of their own (never the machine's shared one).
test-deps: browser-deps nginx-deps
	@command -v redis-server >/dev/null \
		|| { apt-get update -qq && apt-get install -y -qq redis-server; }

test: $(DEV_STAMP) test-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest

# The edit-run loop: no browser, no gunicorn, nginx or redis-server processes.
test-fast: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -m "not browser and not server"

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Screenshots of a code page at desktop and phone widths, saved in build/screenshots/.
screenshots: $(DEV_STAMP) browser-deps
	$(BIN)/python -m pytest tests/browser/test_screenshots.py

clean:
	rm -rf $(VENV) build staticfiles
