# One command runs the product, one command tests it; both set up .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install install-dev browser-deps pdf-deps service-deps fixtures lint eval eval-library bench bench-load bench-library verify clean

$(VENV)/.run-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e .
	touch $@

# torch is pinned and installed first: 2.13.0 is the CPU build on local disk; plain `torch` is a CUDA build.
$(VENV)/.dev-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev]'
	touch $(VENV)/.run-installed $@

install: $(VENV)/.run-installed
install-dev: $(VENV)/.dev-installed

# Debian's chromium and a CJK font for the real-browser test (never `playwright install`: no downloads here).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi wqy; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-zenhei >/dev/null; \
	fi

# poppler-utils (pdffonts, to check the test PDFs embed their fonts with a ToUnicode map), the CJK font and
# Pango that WeasyPrint renders the test PDFs with (`make fixtures`).
pdf-deps:
	@if ! command -v pdffonts >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi wqy || ! ldconfig -p | grep -q libpangoft2; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils fonts-wqy-zenhei libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; \
	fi

# PostgreSQL and Redis for the scale-out test (two app processes sharing one database, one rate-limit store and
# one Chroma server); the test starts them as its own processes on free ports in temporary dirs.
service-deps:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || ! command -v redis-server >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null; \
	fi

# Regenerate the committed test PDFs from the fixture reports (synthetic test data; reproducible byte for byte).
fixtures: install-dev pdf-deps
	$(PY) tests/pdfgen/make_pdfs.py

run: install
	$(PY) -m index build
	$(PY) -m ui

test: install-dev browser-deps pdf-deps service-deps
	$(PY) -m ruff check .
	$(PY) -m pytest -q

eval: install
	$(PY) -m evals run

# The report library: the shipped report, the fixtures and SYNTHETIC reports, routed and across-report questions.
eval-library: install
	$(PY) -m evals run --library evals/library_reports --gold evals/gold_library.jsonl

bench: install
	$(PY) -m index bench

# Open-loop load: 100 questions/s for 30 s, cached then uncached mix (starts its own server on loopback).
bench-load: install
	$(PY) -m index build
	$(PY) benchmarks/load_open.py --mix cached
	$(PY) benchmarks/load_open.py --mix uncached

# 200 SYNTHETIC reports in one library: add time, server RSS, answer latency (long: every report is embedded once).
bench-library: install
	$(PY) benchmarks/library_scale.py --count 200

verify: install
	$(PY) -m index verify

clean:
	rm -rf .data
