# clearread: `make demo` converts the bundled examples into out/; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FORMATS ?= html,epub,read-aloud,mp3,m4b,txt

.PHONY: setup demo test lint bench clean

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml scripts/install-system.sh
	sh scripts/install-system.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,dask,neural]'
	touch $@

node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

demo: setup
	$(BIN)/clearread convert examples -o out -f $(FORMATS)

test: setup lint
	$(BIN)/pytest -q

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks

bench: setup
	$(BIN)/python benchmarks/extraction.py
	$(BIN)/python benchmarks/epub.py
	$(BIN)/python benchmarks/audio.py --quick
	$(BIN)/python benchmarks/batch.py --quick

clean:
	rm -rf out test-artifacts .pytest_cache
