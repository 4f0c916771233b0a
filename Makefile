# Kelurahan Pintar — the two commands that matter: `make build` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SITE ?=
SITE_ARG := $(if $(SITE),--site $(SITE),)

.PHONY: build test serve check clean bench browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

## build: every kelurahan site and the city portal into output/
build: $(VENV)/.installed
	$(BIN)/python -m kelurahan build $(SITE_ARG)

## check: validate the content without publishing
check: $(VENV)/.installed
	$(BIN)/python -m kelurahan check $(SITE_ARG)

## serve: preview (make serve SITE=kauman)
serve: $(VENV)/.installed
	$(BIN)/python -m kelurahan serve $(SITE_ARG)

## browser: Debian's Chromium for the browser tests (installed once, needs root)
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

## test: the whole test suite
test: $(VENV)/.installed-test browser
	$(BIN)/python -m pytest -n 2

## bench: scale corpus, scenarios and plain-Pelican baseline (make bench QUICK=1 for a fast check)
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py $(if $(QUICK),--quick,) $(BENCH_ARGS)

clean:
	rm -rf output .cache .pytest_cache
