# glosa: set-up, the main job, and the tests. `make sample` and `make test` are the README's two commands.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
DEBS := apertium apertium-eng-spa lttoolbox-dev gettext chromium dict-freedict-eng-spa dict-freedict-spa-eng mythes-en-us
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: setup debs venv argos sample test lint typecheck bench clean locales locales-extract

debs:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	touch $@

venv: $(VENV)/.installed

# The argos extra (argostranslate, ctranslate2, sentencepiece), for `make test` and users of
# `--engine argos`. CPU torch first: argostranslate's dependencies otherwise pull a 5.9 GB CUDA
# build (about 1.5 GB and 3 minutes this way). `make sample` does not need it.
$(VENV)/.argos: $(VENV)/.installed
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[dev,argos]'
	touch $@

argos: $(VENV)/.argos

setup: debs venv locales

# glosa's own UI in Spanish: the .mo is a build product (gitignored), compiled from the reviewed .po
# (here for the checkout; a wheel build compiles it into the package through setup.py).
LOCALE_PO := locales/es/LC_MESSAGES/glosa.po
locales: venv
	$(VENV)/bin/glosa catalog compile $(LOCALE_PO) -o locales/es/LC_MESSAGES/glosa.mo

# After adding UI strings: re-extract, merge, prefill the new ones (fuzzy), then review by hand.
locales-extract: venv
	$(VENV)/bin/pybabel extract --no-default-keywords -k _ -k N_ -k ngettext:1,2 \
	  --project glosa --version 0.1.0 --copyright-holder "glosa contributors" \
	  --sort-by-file -w 79 -o locales/glosa.pot translate glossary
	$(PY) -m translate.cli.helpdocs locales/glosa.pot
	$(VENV)/bin/glosa catalog update $(LOCALE_PO) locales/glosa.pot
	$(VENV)/bin/glosa catalog translate $(LOCALE_PO) --from en --to es

sample: setup
	$(VENV)/bin/glosa translate samples/story.en.md --from en --to es

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: setup argos lint
	$(VENV)/bin/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info
