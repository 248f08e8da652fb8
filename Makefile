# Loa Phường — two commands on a fresh machine:
#   make site   build site/ from the bundled plans (strict)
#   make test   run the whole test suite (browser tests included)
# Both create .venv/ and install the pinned dependencies first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CHROMIUM ?= /usr/bin/chromium
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check offline bench bench-search clean chromium

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

site: $(STAMP)
	$(BIN)/mkdocs build --strict

serve: $(STAMP)
	$(BIN)/mkdocs serve --livereload

check: $(STAMP)
	$(BIN)/python -m loaphuong check

# Browser tests drive Debian's chromium through Playwright; a fresh machine gets it from apt.
chromium:
	@test -x $(CHROMIUM) || { echo "Cài chromium (apt-get) cho kiểm thử trình duyệt..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; }
	@test -x $(CHROMIUM)

test: $(STAMP) chromium
	LOAPHUONG_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

# A zip of the site for a meeting room without internet: open index.html from the unzipped folder.
# Material's offline plugin (enabled only here) turns off directory URLs and inlines the search index.
OFFLINE_DIR := build/offline
offline: $(STAMP)
	rm -rf $(OFFLINE_DIR) && mkdir -p dist
	OFFLINE=true $(BIN)/mkdocs build --strict -d $(OFFLINE_DIR)
	$(BIN)/python -c "import shutil; shutil.make_archive('dist/loaphuong-offline', 'zip', '$(OFFLINE_DIR)')"
	@echo "Đã tạo dist/loaphuong-offline.zip: giải nén rồi mở index.html bằng trình duyệt."

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py

# Search at 100, 1,000 and 3,000 plans in Chromium: index size, bytes for a first query, time to results.
bench-search: $(STAMP) chromium
	LOAPHUONG_CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/search_benchmark.py

clean:
	rm -rf site .pytest_cache build dist
