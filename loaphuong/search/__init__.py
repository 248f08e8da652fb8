"""Vietnamese search: folded, tone-placement- and Unicode-form-insensitive matching, readable ranking.

Normal builds: a Pagefind index (pagefind_index.py) of the records in records.py, written in shards of
bounded size (shards.py) and queried in the browser by search-worker.js, which merges the shards and
speaks the protocol of Material's search worker so the header search box, its look and its keyboard
flow stay Material's. Offline builds (file://): Material's lunr
index with folded words (lunr.py), inlined by Material's offline plugin.
"""

from __future__ import annotations

import json
from pathlib import Path

from .lunr import fold_search_index, plan_summary
from .normalize import fold_js
from .pagefind_index import iter_fragments

__all__ = ["fold_search_index", "plan_summary", "indexed_urls", "page_locations", "worker_js"]


def worker_js(shards: list[str] = ()) -> str:
    """The browser side: search-worker.js behind the fold table the index was written with and the folders of
    the index's merged shards (site/pagefind/shard-N/, see pagefind_index.py)."""
    return (fold_js() + f"const LP_SHARDS = {json.dumps(list(shards))};\n"
            + (Path(__file__).parent / "search-worker.js").read_text(encoding="utf-8"))


def page_locations(site_dir: str | Path) -> list[str]:
    """Site-relative URL of every page entry in the search indexes written under site_dir, one per entry (so an
    audit can count them): Pagefind's records, and the pages (not '#section' entries) of Material's lunr index."""
    locations = [record["url"].lstrip("/") for record in iter_fragments(site_dir)]
    lunr = Path(site_dir) / "search" / "search_index.json"
    if lunr.exists():
        docs = json.loads(lunr.read_text(encoding="utf-8")).get("docs", [])
        locations += [doc["location"] for doc in docs if "#" not in doc["location"]]
    return locations


def indexed_urls(site_dir: str | Path) -> set[str]:
    """Site-relative URLs of every page in any search index written under site_dir."""
    return set(page_locations(site_dir))
