# Two commands: `make run` and `make test`. Both create .venv from pyproject.toml when it is
# missing or older than pyproject.toml, so a fresh machine needs nothing installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench installer kiosk display clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	@bash tools/qt-system-libs.sh gui
	@bash tools/letter-system-libs.sh
	$(BIN)/reception-app

kiosk: $(STAMP)
	@bash tools/qt-system-libs.sh gui
	$(BIN)/reception-app kiosk

display: $(STAMP)
	@bash tools/qt-system-libs.sh gui
	$(BIN)/reception-app display

# The suite runs on every core (pytest-xdist); PYTEST_ARGS adds to or overrides that,
# e.g. make test PYTEST_ARGS="-n 0 -x tests/services". Bytecode is written even where the
# machine sets PYTHONDONTWRITEBYTECODE: else every worker and every subprocess the tests start
# compiles the app and re-rewrites the tests' asserts (collection 4.7 s CPU rather than 1.9 s).
# The tests' temporary folders (their SQLite files, the PostgreSQL server's data) are made in
# memory where the machine has /dev/shm: a SQLite commit there takes 0.03 ms rather than the
# 1.7 ms a disk's fsync takes, with the same pragmas (docs/decisions.md).
TEST_TMPDIR := $(shell test -d /dev/shm -a -w /dev/shm && echo /dev/shm/reception-tests)
test: $(STAMP)
	@bash tools/qt-system-libs.sh offscreen
	@bash tools/letter-system-libs.sh
	@bash tools/test-system-packages.sh
	$(if $(TEST_TMPDIR),mkdir -p $(TEST_TMPDIR))
	$(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR)) PYTHONDONTWRITEBYTECODE= QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# What CI checks besides the tests: lint and formatting, mypy (strict, pyproject.toml) on the
# package and the benchmarks, and the import-linter layer contracts.
LINT_PATHS := reception_app tests benchmarks tools db
lint: $(STAMP)
	$(BIN)/ruff check $(LINT_PATHS)
	$(BIN)/ruff format --check $(LINT_PATHS)
	$(BIN)/mypy reception_app benchmarks
	$(BIN)/lint-imports

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/reports.py
	$(BIN)/python benchmarks/office_profile.py
	$(BIN)/python benchmarks/letters.py
	$(BIN)/python benchmarks/report_pdf.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/slots.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/correspondence_table.py

# The bundle, then the bundle run: --version, sample data into a temporary home, check, a report
# and a letter (tools/check-installer.sh); it fails when any of them fails.
installer: $(STAMP)
	$(BIN)/python -m pip install --quiet 'pyinstaller>=6.10' 'psycopg[binary]>=3.1'
	@bash tools/qt-system-libs.sh offscreen
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build build_installer.spec
	bash tools/check-installer.sh dist/Reception

clean:
	rm -rf $(VENV) build dist *.egg-info
