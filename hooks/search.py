"""MkDocs hook: diacritic-insensitive search and plan metadata in the search index (see loaphuong.search)."""

from __future__ import annotations

from pathlib import Path

from loaphuong.mkdocs_state import site_for
from loaphuong.search import fold_search_index


def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.exists():
        return
    site = site_for(config)
    by_location = {plan.url: plan for plan in site.plans}
    index.write_text(fold_search_index(index.read_text(encoding="utf-8"), by_location.get), encoding="utf-8")
