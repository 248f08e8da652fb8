"""MkDocs hook: let readers search with or without Vietnamese diacritics.

Material's search matches words as typed, so 'ke hoach' would not find 'kế hoạch'. After the search
plugin writes its index, each entry gets a diacritic-free copy of its title and text appended.
"""

from __future__ import annotations

from pathlib import Path

from loaphuong.search import fold_search_index


def on_post_build(config):
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        index.write_text(fold_search_index(index.read_text(encoding="utf-8")), encoding="utf-8")
