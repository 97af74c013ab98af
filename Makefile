# npq-assistant: one command to set up and run, one to set up and test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run setup test test-fast lint bench eval system-deps clean

run: setup                 ## set up, then start the app on the bundled corpus
	$(BIN)/npq ui

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Debian packages the browser and PDF tests use (best effort: skipped tests say so if absent).
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v libreoffice >/dev/null 2>&1; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      chromium libreoffice-writer-nogui >/dev/null) || echo "system-deps: apt-get failed; browser/LibreOffice tests will skip"; \
	  else echo "system-deps: no apt-get as root; browser/LibreOffice tests will skip"; fi; \
	fi

test: setup system-deps    ## set up, then run the whole test suite
	$(BIN)/python -m pytest

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not browser"

lint: setup
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy

bench: setup               ## speed and memory benchmarks, written to eval/reports/
	$(BIN)/python -m eval.bench

eval: setup                ## all evaluations, written to eval/reports/
	$(BIN)/npq eval retrieval && $(BIN)/python -m eval.audit && $(BIN)/npq eval answers && $(BIN)/npq eval citations && $(BIN)/npq eval typos --split all && $(BIN)/npq eval phrasing --split all && $(BIN)/npq eval course && $(BIN)/npq eval scenarios && $(BIN)/npq eval find && $(BIN)/npq eval blind && $(BIN)/npq eval fourth && $(BIN)/npq eval fifth && $(BIN)/npq eval sixth && $(BIN)/npq eval seventh && $(BIN)/npq eval eighth && $(BIN)/npq eval ninth && $(BIN)/npq eval tenth && $(BIN)/npq eval eleventh && $(BIN)/npq eval twelfth && $(BIN)/npq eval thirteenth && $(BIN)/npq eval fourteenth && $(BIN)/npq eval fifteenth && $(BIN)/npq eval sixteenth && $(BIN)/npq eval seventeenth && $(BIN)/npq eval eighteenth && $(BIN)/npq eval nineteenth && $(BIN)/npq eval twentieth && $(BIN)/npq eval twentyfirst && $(BIN)/npq eval twentysecond && $(BIN)/npq eval twentythird && $(BIN)/npq eval comparison && $(BIN)/npq eval ids && $(BIN)/npq eval retrieval --questions eval/data/fourth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/fifth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/sixth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/seventh_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/eighth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/ninth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/tenth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/eleventh_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/twelfth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/thirteenth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/fourteenth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/fifteenth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/sixteenth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/seventeenth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/eighteenth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/nineteenth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/twentieth_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/twentyfirst_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/twentysecond_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/twentythird_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/search_test_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/search_test2_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/search_keywords_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/search_shorthand_questions.jsonl && $(BIN)/npq eval retrieval --questions eval/data/search_shorthand2_questions.jsonl

clean:
	rm -rf data .pytest_cache .mypy_cache .ruff_cache
