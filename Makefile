# Kelurahan Pintar — the two commands that matter: `make build` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SITE ?=
SITE_ARG := $(if $(SITE),--site $(SITE),)

.PHONY: build test serve check clean bench browser tools publish editor editor-lokal codeowners panduan bench-images

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[bench]'
	touch $@

## editor: the web editor (Decap CMS) and its local backend from the npm registry, pinned by package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

editor: node_modules/.package-lock.json

## build: every kelurahan site and the city portal into output/
build: $(VENV)/.installed editor
	$(BIN)/python -m kelurahan build $(SITE_ARG)

## check: validate the content without publishing
check: $(VENV)/.installed
	$(BIN)/python -m kelurahan check $(SITE_ARG)

## serve: preview (make serve SITE=kauman)
serve: $(VENV)/.installed editor
	$(BIN)/python -m kelurahan serve $(SITE_ARG)

## editor-lokal: the web editor on this computer's files, next to the live preview (make editor-lokal SITE=kauman)
editor-lokal: $(VENV)/.installed editor
	$(BIN)/python -m kelurahan serve --editor $(SITE_ARG)

## panduan: regenerate the field reference of the staff guide from the schemas
panduan: $(VENV)/.installed
	$(BIN)/python docs/panduan/buat_referensi.py

## codeowners: regenerate .github/CODEOWNERS from the `tim` keys of the registry
codeowners: $(VENV)/.installed
	$(BIN)/python -m kelurahan codeowners

## browser: Debian's Chromium for the browser tests (installed once, needs root)
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@command -v java >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	@test -f .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar || npm install --silent --no-audit --no-fund --prefix .cache/vnu vnu-jar@26.9.27

## tools: rsync for the publish tests (installed once, needs root)
tools:
	@command -v rsync >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rsync >/dev/null; }

## publish: check, build, verify, then publish (make publish PUBLISH_ARGS="--dry-run" or "--target dir:/srv/www")
publish: $(VENV)/.installed editor
	$(BIN)/python -m kelurahan publish $(PUBLISH_ARGS)

## test: the whole test suite
test: $(VENV)/.installed-test browser editor tools
	$(BIN)/python -m pytest -n 2

## bench: scale corpus, scenarios and plain-Pelican and Hugo baselines (make bench QUICK=1 for a fast check);
## make bench SCALE=kota-besar: the 270-kelurahan city of issue 22 (benchmarks/kota_besar_bench.py)
bench: $(VENV)/.installed-bench
ifeq ($(SCALE),kota-besar)
	$(BIN)/python benchmarks/kota_besar_bench.py $(BENCH_ARGS)
else
	$(BIN)/python benchmarks/run.py $(if $(QUICK),--quick,) $(BENCH_ARGS)
endif

## bench-images: image pipeline only — CPU per photo, cold photos/s, warm rebuild
bench-images: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/images.py

clean:
	rm -rf output .cache .pytest_cache
