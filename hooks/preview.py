"""MkDocs hook: `make serve` (mkdocs serve --dirty) rewrites only the pages an edit changes.

MkDocs' --dirty rebuilds a page when its source file is newer than its output; generated pages have no
source file, and a listing changes when a plan it shows changes. So this hook decides instead, from a
fingerprint of each page's data (loaphuong.fingerprint): its Markdown, the plans it shows (by digest) and
what its template is given. A page is written again when its fingerprint changed or its output is missing.
Anything that can move pages or change every page (the set of files, nav, chuyên mục, mkdocs.yml, docs/,
overrides/, hooks/, the day) gives a full rebuild into a cleaned directory, so no deleted or renamed page
survives. Comes last in mkdocs.yml; does nothing in `mkdocs build`.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from jinja2.bccache import BytecodeCache
from mkdocs import utils

from loaphuong import cache

from loaphuong.page_inputs import fingerprints

log = logging.getLogger("mkdocs.hooks.loaphuong.preview")
SEARCH_INDEX = "search/search_index.json"
# Kept across the rebuilds of one `serve` (MkDocs loads a hook module once per process).
_previous: dict = {}  # "global": str, "pages": {src_uri: fingerprint}, "search": [docs]
_current: dict = {}
_mode = {"on": False}


class _MemoryBytecode(BytecodeCache):
    def __init__(self):
        self.buckets: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.buckets:
            bucket.bytecode_from_string(self.buckets[bucket.key])

    def dump_bytecode(self, bucket):
        self.buckets[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _MemoryBytecode()


def on_startup(command, dirty):
    _mode["on"] = command == "serve" and dirty
    if _mode["on"]:
        cache.keep_in_memory()  # cached HTML and Q&A stay in memory between rebuilds


def on_env(env, config, files):
    if _mode["on"]:
        # MkDocs makes a new Jinja environment per rebuild; compiled templates are kept (checked by source).
        env.bytecode_cache = _TEMPLATES
    return env


def on_nav(nav, config, files):
    if not _mode["on"]:
        return nav
    whole, pages = fingerprints(config, files, nav)
    full = _previous.get("global") != whole
    if full and _previous:
        log.info("Thay đổi cấu trúc (thêm/xóa/đổi tên kế hoạch, chuyên mục, cấu hình, giao diện): dựng lại toàn bộ")
        utils.clean_directory(config.site_dir)  # no page of a deleted or renamed plan may survive
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index_prev"):
            # Material's own dirty merge assumes one page per rebuild; on_post_build merges by page instead.
            plugin.search_index_prev = None
    old = _previous.get("pages", {})
    rebuilt = []
    for file in files.documentation_pages():
        changed = full or old.get(file.src_uri) != pages[file.src_uri] or not os.path.isfile(file.abs_dest_path)
        file.is_modified = (lambda changed=changed: changed)  # what MkDocs' --dirty asks of every file
        if changed:
            rebuilt.append(file)
        elif file.page is not None and file.inclusion.is_in_nav():
            file.page.read_source(config)  # skipped, but the nav on rebuilt pages shows its title
    _current.clear()
    _current.update({"global": whole, "pages": pages, "full": full, "urls": {f.url for f in rebuilt}})
    if not full:
        log.info("Dựng lại %d trang: %s", len(rebuilt), ", ".join(f.src_uri for f in rebuilt[:8]))
    return nav


def on_post_build(config):
    if not _mode["on"] or not _current:
        return
    # Material's search index holds the pages built this time only: keep the others' entries.
    index = Path(config.site_dir) / SEARCH_INDEX
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        if not _current["full"] and "search" in _previous:
            urls = _current["urls"]
            kept = [doc for doc in _previous["search"] if doc.get("location", "").split("#")[0] not in urls]
            data["docs"] = kept + data.get("docs", [])
            index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        _current["search"] = data.get("docs", [])
    _previous.clear()
    _previous.update(_current)
    _current.clear()


def on_build_error(error):
    _previous.clear()  # a half-written build: the next one starts from scratch
    _current.clear()
