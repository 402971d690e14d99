# civicdesk: `make run` starts it, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test test-fast lint bench demo messages clean-venv

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "civicdesk needs Python 3.11 or newer"; exit 1; }
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		echo "Could not create .venv: on Debian/Ubuntu run: sudo apt-get install python3-venv"; exit 1; }
	$(VENV)/bin/pip install --quiet -r requirements.lock
	touch $@

run: $(VENV)/.installed
	bin/run

demo: $(VENV)/.installed
	HTTPS=off $(PY) manage.py migrate --noinput -v0
	HTTPS=off $(PY) manage.py load_demo_network

test: $(VENV)/.installed
	$(VENV)/bin/pytest

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .

bench: $(VENV)/.installed
	$(PY) benchmarks/run.py

# Refresh locale/uk from the code (needs gettext's xgettext), then translate and compile.
messages: $(VENV)/.installed
	HTTPS=off $(PY) manage.py makemessages -l uk --no-obsolete -i '.venv/*' -i 'var/*' -i 'static/*'
	HTTPS=off $(PY) manage.py compilemessages -l uk --ignore '.venv/*'

clean-venv:
	rm -rf $(VENV)
