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

.PHONY: site serve test check offline bench clean chromium audit-tools lighthouse

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

test: $(STAMP) chromium audit-tools
	LOAPHUONG_CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

# Accessibility and HTML auditors for tests/test_a11y.py: axe-core and the Nu HTML Checker (vnu.jar ships
# inside the npm package; --ignore-scripts skips its optional Java download: Debian's Java runs it).
AUDIT := tests/audit
audit-tools: $(AUDIT)/node_modules/.installed
	@command -v java >/dev/null || { echo "Cài Java (apt-get) cho Nu HTML Checker..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
$(AUDIT)/node_modules/.installed: $(AUDIT)/package.json $(AUDIT)/package-lock.json
	cd $(AUDIT) && npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

# Lighthouse (mobile) scores of every page kind of the built site; not part of `make test` (~20 s a page).
LIGHTHOUSE_DIR := tools/lighthouse
lighthouse: site $(LIGHTHOUSE_DIR)/node_modules/.installed
	CHROME_PATH=$(CHROMIUM) $(BIN)/python scripts/lighthouse.py site
$(LIGHTHOUSE_DIR)/node_modules/.installed: $(LIGHTHOUSE_DIR)/package.json $(LIGHTHOUSE_DIR)/package-lock.json
	cd $(LIGHTHOUSE_DIR) && npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

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

clean:
	rm -rf site .pytest_cache build dist
