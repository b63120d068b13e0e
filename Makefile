# The compendium's commands. `make book` and `make test` are all a fresh machine needs
# (Python 3.11 and Debian's package manager); both create .venv from requirements.lock.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
JB := $(BIN)/jupyter-book build . --warningiserror --nitpick --keep-going
PKG := $(BIN)/python -m heilongjiang_russia

.PHONY: book test reproduce pdf clean lock help

help:
	@echo "make book       build the HTML book into _build/html (creates .venv if needed)"
	@echo "make test       run every test: package, data, notebooks (nbval), book"
	@echo "make reproduce  re-execute every chapter notebook in place with papermill"
	@echo "make clean      remove the build, the virtual environment and caches"

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11" >&2; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

book: $(STAMP)
	$(PKG) check
	$(JB) --builder html
	@echo "book: $(CURDIR)/_build/html/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env tests $$($(PKG) notebooks)

reproduce: $(STAMP)
	$(PKG) reproduce

clean:
	rm -rf _build $(VENV) .pytest_cache .jupyter_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

# Re-resolve the lock from the loose requirements (needs the registry; not part of a build).
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^heilongjiang-russia' > requirements.lock.new
	mv requirements.lock.new requirements.lock
