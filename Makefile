# `make run` serves the portal with demo data; `make test` runs the whole test suite.
PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
# uv must use this machine's Python, never download one.
export UV_PYTHON_DOWNLOADS := never

.PHONY: install run test lint system-packages clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

# The six languages' catalogues, compiled (gettext's msgfmt) whenever a .po file changes.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

install: $(VENV)/.synced $(MO_FILES)

# `make run PORT=8101` serves on another port; links in mails and feeds follow unless SITE_URL is given.
PORT ?= 8000
run: export SITE_URL ?= http://127.0.0.1:$(PORT)
run: install
	$(VENV)/bin/python manage.py migrate --noinput
	$(VENV)/bin/python manage.py seed_demo
	$(VENV)/bin/python manage.py runserver 127.0.0.1:$(PORT)

system-packages:
	@bash .ci/system-packages

# The suite runs on two processes (pytest-xdist; tests/settings.py gives each its own Redis
# databases and files); `make test TEST_WORKERS=0` runs it in one.
TEST_WORKERS ?= 2
test: system-packages install
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache
