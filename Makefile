# The two newcomer commands are `make demo` and `make test`; everything else is for developers.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint bench-env clean system-deps

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# constraints.txt pins the versions the suite was last green with (upper bounds alone in pyproject would
# let a fresh clone pick up a release nobody tested). The package is built without isolation, with the
# build tools installed first: pip would otherwise apply the constraints to the isolated build too.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q 'setuptools>=77' wheel
	$(BIN)/pip install -q --no-build-isolation -c constraints.txt -e '.[dev]'
	touch $(STAMP)

## make demo: set up .venv and run the main job on the embedded default.
demo: $(STAMP)
	SANJEH_HOME=$${SANJEH_HOME:-$(CURDIR)/var/demo} $(BIN)/sanjeh demo

# PostgreSQL for the second pass of the database tests; set SANJEH_TEST_PG= (empty) to skip it.
SANJEH_TEST_PG ?= postgresql://postgres@127.0.0.1:5432/test

## make test: set up .venv with dev extras, the lint gate (ruff check, ruff format --check, mypy on the
## pure cores) and the test suite (SQLite, then PostgreSQL).
test: $(STAMP) system-deps
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy
	$(BIN)/pytest -n 2
	@if [ -n "$(SANJEH_TEST_PG)" ]; then \
	  echo "database tests again on PostgreSQL ($(SANJEH_TEST_PG))"; \
	  DATABASE_URL="$(SANJEH_TEST_PG)" $(BIN)/pytest -n 2 -m "django_db and not browser"; \
	fi

# System packages: Debian's Chromium for the end-to-end tests (Playwright drives /usr/bin/chromium; no
# browser download) and Pango for WeasyPrint's PDF exports. Installed only when missing (needs root).
SYSTEM_PACKAGES := chromium chromium-driver libpango-1.0-0 libpangoft2-1.0-0
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! ldconfig -p | grep -q libpangoft2-1.0; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing $(SYSTEM_PACKAGES)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else echo "warning: missing system packages ($(SYSTEM_PACKAGES)) and not root: install them first"; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

## make bench-env: a separate Python 3.12 environment with hazm, shekar and rishe as reference points.
# They are benchmark references only, never sanjeh dependencies. A pyenv shim for python3.12 fails
# unless 3.12 is selected, so fall back to the newest installed pyenv 3.12.
BENCH_PYTHON ?= $(shell python3.12 -c 'import sys; print(sys.executable)' 2>/dev/null || \
	PYENV_VERSION=$$(pyenv versions --bare 2>/dev/null | grep '^3\.12' | tail -1) \
	python3.12 -c 'import sys; print(sys.executable)' 2>/dev/null)
BENCH_REFERENCES := 'hazm>=0.12,<0.13' 'shekar>=1.7,<2' 'rishe>=0.5,<0.6'

bench-env:
	@test -n "$(BENCH_PYTHON)" || { echo "bench-env needs python3.12 (set BENCH_PYTHON=/path/to/python3.12)"; exit 1; }
	$(BENCH_PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install -q --upgrade pip
	.venv-bench/bin/pip install -q -e . $(BENCH_REFERENCES)

clean:
	rm -rf $(VENV) .venv-bench build *.egg-info src/*.egg-info
