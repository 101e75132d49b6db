# Two commands: `make run` and `make test`.  Each creates .venv and installs what it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out

.PHONY: run test install install-test evaluate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

run: install
	$(BIN)/corpus-tools run data/sample --out $(OUT)

test: install-test
	$(BIN)/python -m pytest tests corpus_tools --doctest-modules --nbmake notebooks

evaluate: install
	$(BIN)/corpus-tools evaluate

bench: install
	$(BIN)/python bench/read_split.py
	$(BIN)/python bench/clean.py
	$(BIN)/python bench/dedup.py
	$(BIN)/python bench/sections.py
	$(BIN)/python bench/classify.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
