# The two set-up commands of the README: `make demo` and `make test`.
# Both create the virtual environment and install slant with its pinned dependencies first.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: install demo test lint format check-shared browser clean

$(BIN)/.installed: pyproject.toml requirements.lock constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

install: $(BIN)/.installed

demo: install
	$(BIN)/slant demo

lint: install
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

browser:
	@bash scripts/ensure-chromium

test: install lint browser
	$(BIN)/pytest -q

# Second tier: checks that read ../shared (evaluations, the sample article). Run by .ci/run.
check-shared: install
	$(BIN)/pytest -q -m shared

format: install
	$(BIN)/ruff format src tests benchmarks scripts
	$(BIN)/ruff check --fix src tests benchmarks scripts

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
