# Ukraine Partnership Map: set-up and everyday commands (GNU make).
# Needs only python3 (with venv), node/npm and make; `make run` and `make test`
# install what they need on first use and skip it afterwards.

PYTHON ?= python3
PORT ?= 8501
# `make serve` (your own server, README "Deploy"): the address to bind and the URL path
# the app lives under behind a reverse proxy (empty: at the root).
ADDRESS ?= 127.0.0.1
BASE_URL_PATH ?=
# Data folder the app and the checks read; override per command or in the environment.
PARTNERSHIP_MAP_DATA ?= data/
export PARTNERSHIP_MAP_DATA

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
CHROMIUM := /usr/bin/chromium
# Stamps: pip runs again only when a requirements file is newer than its stamp.
RUNTIME_STAMP := $(VENV)/.installed-requirements
DEV_STAMP := $(VENV)/.installed-requirements-dev

.DEFAULT_GOAL := help
.PHONY: help venv venv-dev assets run serve chromium test check-data export-workbook import-workbook translations geocode lint bench clean distclean

help:
	@echo "make run         start the app on http://127.0.0.1:$(PORT) (installs what it needs)"
	@echo "make test        unit, app and browser tests in one pytest run"
	@echo "make serve       run on your own server: ADDRESS, PORT, BASE_URL_PATH from the environment"
	@echo "make check-data  validate $(PARTNERSHIP_MAP_DATA)"
	@echo "make export-workbook [FILE=...]  all tables of $(PARTNERSHIP_MAP_DATA) as one Excel workbook"
	@echo "make import-workbook FILE=...    check a workbook and write its tables to $(PARTNERSHIP_MAP_DATA)"
	@echo "make translations  check the t() keys, then mark changed English fuzzy in locale/*/messages.po"
	@echo "make geocode ARGS=...   look up place coordinates (python -m geo.geocoding)"
	@echo "make lint | bench | assets | venv | venv-dev | chromium | clean | distclean"

venv: $(RUNTIME_STAMP)
venv-dev: $(DEV_STAMP)

$(PY):
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create $(VENV): on Debian install python3-venv (apt-get install python3-venv)." >&2; \
	  rm -rf $(VENV); exit 1; }

$(RUNTIME_STAMP): requirements.txt | $(PY)
	$(PIP) install -r requirements.txt
	@touch $@

# requirements-dev.txt includes requirements.txt, so this also satisfies `venv`.
$(DEV_STAMP): requirements-dev.txt requirements.txt | $(PY)
	$(PIP) install -r requirements-dev.txt
	@touch $@ $(RUNTIME_STAMP)

# Always runs the script: it checks every file and returns at once when nothing changed.
assets:
	@scripts/install_assets.sh

run: venv assets
	$(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT) \
	  --server.headless true --browser.gatherUsageStats false

# Your own server (README "Deploy"). Map files are installed when npm is there; without
# it the browsers take the same pinned versions from the CDN (geo/assets.py).
serve: venv
	@scripts/install_assets.sh || echo "make serve: map files not installed; browsers will load the pinned CDN copies" >&2
	$(VENV)/bin/streamlit run app.py --server.address "$(ADDRESS)" --server.port "$(PORT)" \
	  --server.baseUrlPath "$(BASE_URL_PATH)" --server.headless true --server.fileWatcherType none \
	  --browser.gatherUsageStats false

# Debian's chromium drives the browser tests (Playwright's own download is not possible here).
chromium:
	@if [ -x $(CHROMIUM) ]; then \
	  :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  DEBIAN_FRONTEND=noninteractive apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; \
	else \
	  echo "$(CHROMIUM) is missing and this is not root: run 'sudo make chromium'" \
	       "(or 'sudo apt-get install chromium'). Browser tests are skipped until then." >&2; \
	fi

test: venv-dev assets chromium
	$(PY) -m pytest tests

check-data: venv
	$(PY) -m partnerships.check

# The data in Excel and back (data/README.md): one sheet per table; the import writes the
# CSVs only when the workbook passes every check of check-data.
FILE ?=
export-workbook: venv
	$(PY) -m partnerships.workbook export "$(or $(FILE),partnership-data.xlsx)"

import-workbook: venv
	@if [ -z "$(FILE)" ]; then \
	  echo "make import-workbook needs the workbook: make import-workbook FILE=partnership-data.xlsx" >&2; exit 2; fi
	$(PY) -m partnerships.workbook import "$(FILE)"

# English (locale/messages.pot) is the source: every key the code uses must be there, and
# `pybabel update` marks a translation fuzzy when its English changed (README "Translations").
translations: venv
	$(PY) -m partnerships.i18n_check
	$(VENV)/bin/pybabel update -i locale/messages.pot -d locale -D messages --previous --ignore-obsolete

geocode: venv
	$(PY) -m geo.geocoding $(ARGS)

lint: venv-dev
	$(VENV)/bin/ruff check .

# Build side (bench_map), the live app beside its peers (bench_live --help), then the canvas
# painter on zooms (bench_canvas --help); the last two need Chromium.
# BENCH_LIVE_ARGS, e.g. "--sizes 0 8 1000 --runs 1", for a shorter live run.
BENCH_LIVE_ARGS ?=
bench: venv-dev assets chromium
	$(PY) -m bench.bench_map
	$(PY) -m bench.bench_live $(BENCH_LIVE_ARGS)
	$(PY) -m bench.bench_canvas

# N people open the map at once (bench/load.py --help); needs Chromium (`make chromium`).
.PHONY: load-bench
load-bench: venv-dev assets
	$(PY) -m bench.load

clean:
	rm -rf static/vendor tests/artifacts .pytest_cache .ruff_cache

distclean: clean
	rm -rf $(VENV)
