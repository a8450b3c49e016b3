# Every target sets up .venv first, so each one works on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: bytecode run test lint bench stress screenshots demo clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv  # uv installs the rest in half the time pip takes on a fresh machine
	$(BIN)/uv pip install --quiet --python $(BIN)/python --compile-bytecode -e '.[test]'
	touch $(STAMP)

# Byte-compile our own sources: an editable install does not, and this shell may forbid writing .pyc.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q model tui

run: bytecode
	$(BIN)/nn-by-hand

# The checks first: a test run on code that does not lint is not worth its minutes.
test: lint bytecode  # compiled: the tests start the command as a process many times
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy model tui  # strict: see pyproject.toml

bench: bytecode
	$(BIN)/python -m tests.bench

# The suite ten times in a row while two processes hog both cores; nothing may be left behind.
stress: $(STAMP)
	HYPOTHESIS_PROFILE=thorough $(BIN)/python -m tests.stress 10

screenshots: $(STAMP)
	$(BIN)/python -m tui.frontends.screenshots screenshots

# The README's opening picture, and its cast for asciinema play: one recording of the noisy lesson.
demo: bytecode
	$(BIN)/nn-by-hand record screenshots/demo.cast screenshots/demo.gif --lesson noisy --force

clean:
	rm -rf $(VENV) build *.egg-info
