# The two newcomer commands are `make demo` and `make test`; everything else is for developers.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev

.PHONY: demo test lint bench-env clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

## make demo: set up .venv and run the main job on the embedded default.
demo: $(STAMP)
	$(BIN)/sanjeh demo

## make test: set up .venv with dev extras and run the test suite.
test: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools
	$(BIN)/mypy

## make bench-env: a separate Python 3.12 environment with hazm, shekar and rishe as reference points.
bench-env:
	python3.12 -m venv .venv-bench
	.venv-bench/bin/pip install -q --upgrade pip
	.venv-bench/bin/pip install -q -e . hazm shekar rishe

clean:
	rm -rf $(VENV) .venv-bench build *.egg-info src/*.egg-info
