# Two commands matter: `make run` and `make test`. Both work on a fresh
# machine with only Python 3.11: they create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Absolute links in emails and share links point where `make run` serves
# (`PORT=8101 make run`), unless SITE_URL is set in the environment.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: install translations run test test-browser worker beat lint format migrations-check serve-prod snapshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --upgrade --quiet pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

install: $(STAMP)

var:
	@mkdir -p -m 0700 var

# Local development settings for every later command too (`.venv/bin/python
# manage.py createsuperuser`, `make worker`): written once, never overwritten.
# Production settings ignore its debug switch and still demand a real key.
.env:
	@umask 077 && printf '%s\n' \
		'# Written once by `make run` for local development (see .env.example).' \
		'# Debug mode: the development secret key, the /dev/outbox/ pages.' \
		'DJANGO_DEBUG=true' > $@

run: install var .env
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py compile_translations --stale
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py load_content
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py load_snapshot
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} SITE_URL='$(SITE_URL)' $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The Spanish catalogue is compiled with Babel (core/translations.py): no GNU gettext.
translations: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py compile_translations --stale

test: install var translations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-browser: install var translations
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

worker: install
	$(BIN)/celery -A advocacy worker --loglevel=INFO

beat: install var
	$(BIN)/celery -A advocacy beat --loglevel=INFO --schedule var/celerybeat-schedule

# The production shape locally: gunicorn + Celery worker + beat (honcho, Procfile)
# on the local PostgreSQL and Redis, production settings over plain http.
# Override any variable, e.g. `DATABASE_URL=... PORT=8001 make serve-prod`.
serve-prod: install var
	$(BIN)/python deploy/serve_prod.py

# Style, template indentation, and the layers (pyproject.toml [tool.importlinter]).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml templates

migrations-check: install
	DJANGO_SETTINGS_MODULE=advocacy.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Rebuild letters/data/snapshot/ from the public sources (see its README.md).
SHARED_DATA ?= ../shared/data
PEOPLE ?= $(SHARED_DATA)/openstates/people
ZIPS ?= $(SHARED_DATA)/zcta_sld/zcta_sld.csv
ROSTER_AS_OF ?= 2026-08-05
ZIP_SOURCE ?= U.S. Census Bureau 2020 ZCTA relationship files, 2024 state legislative districts (zcta_sld.csv, converted 2026-11-29)
snapshot: install
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py make_snapshot \
		--people $(PEOPLE) --zips $(ZIPS) \
		--as-of $(ROSTER_AS_OF) --zip-source "$(ZIP_SOURCE)"

clean:
	rm -rf $(VENV) var
