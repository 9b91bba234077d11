# Two commands on a machine with Python 3.11+ and make:  `make demo`  and  `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test test-fast lint lock bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/claimgraph analyze examples/ --db out/claimgraph.db --format json --out out/analysis.json
	$(BIN)/claimgraph show --db out/claimgraph.db --format md > out/report.md
	$(BIN)/claimgraph report --all --db out/claimgraph.db --format html --out out/report.html
	@echo "wrote out/analysis.json and out/report.md"

test: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow and not browser"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

# Re-pin every dependency after changing pyproject.toml.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet -e . --group dev 2>/dev/null || $(BIN)/python -m pip install --quiet -e .
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^claimgraph' > requirements.lock

bench: $(STAMP)
	$(BIN)/python -m benchmarks.throughput

clean:
	rm -rf $(VENV) out build *.egg-info
