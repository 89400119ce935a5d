# The two commands of the README's Quick start: `make serve` and `make test`.
# Both create .venv (once) and install the project into it; a warm machine
# skips every step that is already done.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INI ?= development.ini
PYTEST_ARGS ?=
# Debian packages the test suite needs: the browser test drives Debian's
# Chromium (never a downloaded browser), Chinese pages and PDFs need a CJK
# font, every PDF the DejaVu fonts, and the locale tooling gettext's msgfmt.
APT_PACKAGES := chromium fonts-wqy-microhei fonts-dejavu-core gettext

.PHONY: install serve test system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-installs only when setup.py changes. setuptools<81 comes first: cornice,
# deform and pyramid_chameleon still import pkg_resources.
$(VENV)/.installed: $(BIN)/python setup.py
	$(BIN)/pip install --quiet --disable-pip-version-check 'setuptools<81'
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[testing]'
	touch $@

install: $(VENV)/.installed

serve: install
	$(BIN)/sherloc-admin install $(INI) --profile default
	$(BIN)/sherloc-admin install $(INI) --profile demo
	$(BIN)/pserve $(INI)

system-packages:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/msgfmt ] \
	    && [ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] \
	    && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then \
	  : ; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -q && apt-get install -y -q $(APT_PACKAGES); \
	else \
	  echo "warning: install the Debian packages '$(APT_PACKAGES)'" \
	       "(sudo apt-get install $(APT_PACKAGES)); the browser test fails without them." >&2; \
	fi

test: install system-packages
	$(BIN)/pytest $(PYTEST_ARGS)
