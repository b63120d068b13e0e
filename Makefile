# The compendium's commands. `make book` and `make test` are all a fresh machine needs
# (Python 3.11 and Debian's package manager); both create .venv from requirements.lock (the runtime
# set) and requirements-dev.lock (the development set, on top). `make lab` needs the runtime set only.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JB := $(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
PKG := $(BIN)/python -m heilongjiang_russia

# Debian packages for `make pdf` (XeLaTeX with Cyrillic and Chinese) and for the PDF and browser
# tests (pdftotext, Chromium), and rsvg-convert, which sphinxcontrib-svg2pdfconverter calls to turn
# the SVG figures into PDF at LaTeX time. This list is the only place they are named; `make system-deps`
# installs the missing ones (as root, or through sudo).
DEBIAN_PACKAGES := texlive-latex-extra texlive-latex-recommended texlive-fonts-recommended \
	latexmk texlive-xetex xindy fonts-freefont-otf texlive-lang-cyrillic texlive-lang-chinese \
	lmodern fonts-noto-cjk poppler-utils chromium librsvg2-bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: book test test-fast lint bench reproduce replication pdf site system-deps release clean lock help lab binder-layers

# `make lab`: the runtime set alone, in its own environment (what a reader needs, as on Binder)
LAB := $(VENV)/lab
LAB_STAMP := $(LAB)/.installed
# Binder's image reproduced with pip (tests/support/environments.py): repo2docker's base environment, then
# environment.yml's pins, then postBuild; tests/test_binder_layers.py checks it offline.
BINDER_ENV := $(VENV)/binder-layers
BINDER_STAMP := $(BINDER_ENV)/.layered

help:
	@echo "make book       build the HTML book into _build/html (creates .venv if needed)"
	@echo "make test       run every test: lint, package, data, every notebook executed once, book, PDF, browser"
	@echo "make test-fast  the edit loop: lint and the tests that execute no notebook and build no book or PDF"
	@echo "make lint       ruff check and format --check (package, tests, notebooks); the import contracts (lint-imports)"
	@echo "make bench      time reproduce against its plain-Python floor, the book, the tests; write _build/bench.json"
	@echo "make reproduce  re-execute every chapter notebook in place with papermill (and rewrite REPLICATION.md)"
	@echo "make replication  rewrite REPLICATION.md (the replication README) from the notebooks, data and measured figures"
	@echo "make lab        open the chapters in JupyterLab, from the runtime set (creates .venv/lab if needed)"
	@echo "make pdf        build the PDF book into _build/latex/book.pdf, then the HTML book offering it"
	@echo "make site       the published build: the PDF first, then the HTML whose download menu offers it"
	@echo "make system-deps  install the Debian packages that make pdf and make test need (TeX Live, Chromium)"
	@echo "make release VERSION=x.y.z  bump the version everywhere, date CHANGELOG.md, run the tests, commit, tag vx.y.z"
	@echo "make clean      remove the build, the virtual environment and caches"

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(LAB_STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 2; }
	$(PYTHON) -m venv $(LAB)
	$(LAB)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(LAB)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# JupyterLab on this machine (http://localhost:8888 unless taken), showing the first chapter; stop it with Ctrl-C.
# A chapter re-run here writes its tables under runs/ (ignored by git), never over outputs/. LAB_ARGS adds
# options (LAB_ARGS="--no-browser --port=8890"); as root, JupyterLab needs --allow-root, given here.
lab: $(LAB_STAMP)
	$(LAB)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(if $(SUDO),,--allow-root) $(LAB_ARGS) chapters/01_introduction.ipynb

# Needs the registry (the packages of each layer); rebuilt when a layer changes: environment.yml, postBuild,
# or the jupyter-repo2docker pinned by requirements-dev.lock, whose base lock it reads. The package itself is
# installed editable (postBuild), so a change to src/ needs no rebuild.
$(BINDER_STAMP): environment.yml postBuild requirements-dev.lock | $(STAMP)
	$(BIN)/python tests/support/environments.py create $(BINDER_ENV)

binder-layers: $(BINDER_STAMP)

book: $(STAMP)
	$(PKG) check
	$(JB) --builder html
	@echo "book: $(CURDIR)/_build/html/index.html"

# Every notebook is executed once per run, by the `reproduced` fixture (tests/conftest.py): a
# `reproduce` in a scratch copy whose notebooks, tables and derived data must equal the committed
# ones byte for byte (stricter than nbval, which stays available for one notebook:
# `HLJRU_STAGING=$(mktemp -d) HLJRU_OUTPUTS=$PWD/outputs .venv/bin/python -m pytest --nbval --nbval-current-env
# chapters/NAME.ipynb`, see CONTRIBUTING.md). That and the strict
# book build start in the background while the quick tests run. The JupyterLab browser test
# (tests/book/test_jupyterlab.py) runs the chapters in a JupyterLab of the runtime set, .venv/lab.
test: system-deps $(STAMP) $(LAB_STAMP) $(BINDER_STAMP) lint
	$(BIN)/python -m pytest tests

# No notebook execution, no book, no PDF, no browser: the slow tests are left out, the rest run in
# one process (two xdist workers each import the package and repeat the shared fixtures: more CPU
# time, and slower on this 2-core machine), without the notebook and async plugins they never use.
test-fast: $(STAMP) lint
	$(BIN)/python -m pytest -q -m "not slow" -p no:cacheprovider -p no:nbval -p no:anyio tests

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports pyproject.toml

# The loop's figures (run it on a quiet machine; it builds and tests a scratch copy, about 10 minutes):
# prints them and writes _build/bench.json.
bench: system-deps $(STAMP)
	$(BIN)/python -m heilongjiang_russia.dev.bench --venv "$(CURDIR)/$(VENV)" --output _build/bench.json

reproduce: $(STAMP)
	$(PKG) reproduce
	$(BIN)/python -m heilongjiang_russia.dev.replication --write

# REPLICATION.md, the replication README (the Social Science Data Editors' template), generated from the
# notebooks, data/datapackage.json, requirements.lock and the measured figures; a test compares it.
replication: $(STAMP)
	$(BIN)/python -m heilongjiang_russia.dev.replication --write

# Idempotent: asks apt only for packages that dpkg does not report as installed.
system-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:" $$missing; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing; \
	fi

# The PDF through Jupyter Book's LaTeX route (XeLaTeX). A glyph missing from every font compiles
# silently as an empty box, so the log is checked. The HTML is rebuilt afterwards so that it
# offers this PDF in its download menu (copied to _build/html/book.pdf); `make book` alone needs
# no TeX and shows no PDF link unless a PDF as new as the sources is there.
pdf: system-deps $(STAMP)
	$(PKG) check
	$(JB) --builder pdflatex
	@! grep -n "Missing character" _build/latex/book.log || { echo "error: _build/latex/book.log: characters missing from the fonts (above)" >&2; exit 1; }
	@# latexmk leaves the PDF untouched when the LaTeX did not change; it is current all the same
	touch _build/latex/book.pdf
	$(JB) --builder html
	@echo "pdf: $(CURDIR)/_build/latex/book.pdf ($$(du -k _build/latex/book.pdf | cut -f1) kB), offered by $(CURDIR)/_build/html/book.pdf"

# The published build (what goes on the web): `make pdf`, then a check that the HTML really offers
# the PDF; `make book` alone builds HTML whose download menu has no PDF entry (never a print of one page).
site: pdf
	@test -f _build/html/book.pdf || { echo "error: _build/html/book.pdf missing: the HTML does not offer the PDF" >&2; exit 1; }
	@grep -q 'book.pdf' _build/html/index.html || { echo "error: _build/html/index.html has no link to book.pdf" >&2; exit 1; }
	@echo "site: publish $(CURDIR)/_build/html (HTML book with its PDF, book.pdf)"

# `make release VERSION=x.y.z`: refuses a dirty tree and a malformed or non-increasing version,
# then bumps pyproject.toml, CITATION.cff, .zenodo.json and CHANGELOG.md, runs RELEASE_TEST
# (undoing the bump if it fails), commits and makes the annotated tag vx.y.z. RELEASE_DATE
# (YYYY-MM-DD) defaults to today. The venv is created if missing, otherwise used as it is.
RELEASE_TEST ?= $(MAKE) test
export RELEASE_TEST
release: $(if $(wildcard $(BIN)/python),,$(STAMP))
	@$(BIN)/python -m heilongjiang_russia.dev.release --root "$(CURDIR)" \
	  $(if $(RELEASE_DATE),--date "$(RELEASE_DATE)") "$(VERSION)"

clean:
	rm -rf _build $(VENV) .pytest_cache .jupyter_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# Re-resolve requirements.lock, requirements-dev.lock and environment.yml from the loose requirements of
# pyproject.toml (needs the registry; not part of a build): tests/support/environments.py `lock`.
lock: $(STAMP)
	$(BIN)/python tests/support/environments.py lock
