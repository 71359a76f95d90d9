# The two commands that set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test install ingest bench quality clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

## index/ is build output: (re)ingest seeds/ (a no-op when nothing changed)
ingest: $(STAMP)
	$(BIN)/rag ingest seeds

## The main interface (terminal chat until the web UI lands)
run: ingest
	$(BIN)/rag chat

test: $(TEST_STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/engine_speed.py

quality: $(STAMP)
	$(BIN)/python benchmarks/seed_quality.py

clean:
	rm -rf index/chroma index/bm25 index/texts index/manifest.json
