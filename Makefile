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

.PHONY: site serve test check offline bench bench-search clean chromium nginx-apt nginx publish rollback editor editor-deps audit-tools lighthouse

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Web editor (/quan-tri/): Decap CMS pinned in editor/package-lock.json, copied into the site (no CDN).
EDITOR_VENDOR := docs/quan-tri/vendor
EDITOR_STAMP  := editor/node_modules/.vendored
EDITOR_PORT   ?= 8081
EDITOR_SERVE  ?= 127.0.0.1:8000

$(EDITOR_STAMP): editor/package.json editor/package-lock.json editor/LICENSE-decap-cms.txt
	cd editor && npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(EDITOR_VENDOR) && mkdir -p $(EDITOR_VENDOR)
	cp editor/node_modules/decap-cms/dist/*decap-cms.js editor/node_modules/decap-cms/dist/*.wasm \
	   editor/node_modules/decap-cms/dist/decap-cms.js.LICENSE.txt $(EDITOR_VENDOR)/
	cp editor/LICENSE-decap-cms.txt $(EDITOR_VENDOR)/LICENSE.txt
	touch $@

editor-deps: $(EDITOR_STAMP)

# Local editing: the editor's backend (writes plans/) and `mkdocs serve`, together; Ctrl+C stops both.
editor: $(STAMP) $(EDITOR_STAMP)
	@echo "Mở http://$(EDITOR_SERVE)/quan-tri/ — bấm 'Đăng nhập', soạn kế hoạch; tệp lưu vào plans/."
	$(BIN)/python -m loaphuong editor --port $(EDITOR_PORT) & backend=$$!; \
	  trap 'kill $$backend 2>/dev/null' EXIT INT TERM; \
	  LOAPHUONG_EDITOR_BACKEND=http://127.0.0.1:$(EDITOR_PORT)/api/v1 $(BIN)/mkdocs serve --livereload --dirty -a $(EDITOR_SERVE)

site: $(STAMP) $(EDITOR_STAMP)
	$(BIN)/python scripts/build_site.py --site-dir site

# ADDR=host:port for a script to drive it. --dirty: hooks/preview.py rewrites only the pages an edit changes.
ADDR ?= 127.0.0.1:8000
serve: $(STAMP) $(EDITOR_STAMP)
	$(BIN)/mkdocs serve --livereload --dirty -a $(ADDR)

check: $(STAMP)
	$(BIN)/python -m loaphuong check

# Browser tests drive Debian's chromium through Playwright; a fresh machine gets it from apt.
chromium:
	@test -x $(CHROMIUM) || { echo "Cài chromium (apt-get) cho kiểm thử trình duyệt..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null; }
	@test -x $(CHROMIUM)

test: $(STAMP) chromium nginx-apt audit-tools $(EDITOR_STAMP)
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
offline: $(STAMP) $(EDITOR_STAMP)
	rm -rf $(OFFLINE_DIR) && mkdir -p dist
	OFFLINE=true $(BIN)/mkdocs build --strict -d $(OFFLINE_DIR)
	$(BIN)/python -c "import shutil; shutil.make_archive('dist/loaphuong-offline', 'zip', '$(OFFLINE_DIR)')"
	@echo "Đã tạo dist/loaphuong-offline.zip: giải nén rồi mở index.html bằng trình duyệt."

N ?= 1000
bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py $(N)

# Search at 100, 1,000 and 3,000 plans in Chromium: index size, bytes for a first query, time to results.
bench-search: $(STAMP) chromium
	LOAPHUONG_CHROMIUM=$(CHROMIUM) $(BIN)/python scripts/search_benchmark.py

clean:
	rm -rf site .pytest_cache build dist

# --- Serving and publishing (deploy/nginx/, loaphuong/deploy/; guide: docs/huong-dan-may-chu.md) ---
NGINX ?= /usr/sbin/nginx
BROTLI_MODULE := /usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
PORT ?= 8088
KEEP ?= 5
RELOAD ?= auto

# Debian's nginx with its Brotli modules, for `make nginx` and the tests (which serve through it).
nginx-apt:
	@test -x $(NGINX) -a -e $(BROTLI_MODULE) || { echo "Cài nginx (apt-get) để phục vụ trang..."; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx \
	  libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static >/dev/null; }
	@test -x $(NGINX)

# The built site/ served by nginx with the production configuration, on 127.0.0.1:$(PORT), foreground.
nginx: nginx-apt site
	$(BIN)/python scripts/deploy.py nginx --site site --port $(PORT)

# make publish DEST=/var/www/loaphuong: strict build into DEST/releases/<time>-<commit>, then DEST/current
# switched in one step; keeps the last $(KEEP). A failed build leaves the live site as it was.
publish: $(STAMP)
	@test -n "$(DEST)" || { echo "Thiếu DEST, ví dụ: make publish DEST=/var/www/loaphuong"; exit 2; }
	$(BIN)/python scripts/deploy.py publish --dest "$(DEST)" --keep $(KEEP) --reload "$(RELOAD)"

# make rollback DEST=/var/www/loaphuong [TO=<release>]: back to the release before the live one.
rollback: $(STAMP)
	@test -n "$(DEST)" || { echo "Thiếu DEST, ví dụ: make rollback DEST=/var/www/loaphuong"; exit 2; }
	$(BIN)/python scripts/deploy.py rollback --dest "$(DEST)" --reload "$(RELOAD)" $(if $(TO),--to "$(TO)")
