"""MkDocs hook: /quan-tri/config.yml for the web editor, generated from the plan schema and topic registry.

Thin: loaphuong.editor.config does the work. The editor page itself is static (docs/quan-tri/), so it is no
MkDocs page: never in the sitemap, search index or feeds.
"""

from __future__ import annotations

import logging
import os

from mkdocs.structure.files import File

from loaphuong.editor.config import DEFAULT_BACKEND_URL, render_config
from loaphuong.mkdocs_state import site_for

EDITOR_DIR = "quan-tri"
BUNDLE = f"{EDITOR_DIR}/vendor/decap-cms.js"
log = logging.getLogger("mkdocs.hooks.loaphuong.editor")


def on_files(files, config):
    # The meeting-room zip has no one to edit it; a plain `mkdocs build` in a checkout where `make editor-deps`
    # never ran has no editor bundle. Either way the public portal is built without the admin app, never
    # blocked by it (`make site` and `make serve` always install the bundle first).
    missing = files.get_file_from_path(BUNDLE) is None
    if _offline(config) or missing:
        if missing and not _offline(config):
            # INFO, not WARNING: the portal itself is complete, so a --strict build must still publish it.
            log.info(f"Trình soạn /quan-tri/ bị bỏ qua: thiếu docs/{BUNDLE} (chạy `make editor-deps`)")
        for file in [f for f in files if f.src_uri.startswith(EDITOR_DIR + "/")]:
            files.remove(file)
        return files
    site = site_for(config)
    backend = os.environ.get("LOAPHUONG_EDITOR_BACKEND", DEFAULT_BACKEND_URL)
    files.append(File.generated(config, f"{EDITOR_DIR}/config.yml",
                                content=render_config(site.topics, backend_url=backend,
                                                      site_url=config.site_url or None,
                                                      production=config.extra.get("editor"))))
    return files


def _offline(config) -> bool:
    return any(name.endswith("offline") and plugin.config.get("enabled", True)
               for name, plugin in config.plugins.items())
