"""MkDocs hook: Vietnamese search (see loaphuong.search).

Normal builds: Material's search plugin keeps the header search box but indexes nothing; after the
build, Pagefind indexes the pages collected here and the browser searches through search-worker.js.
`make offline` (file://, where Pagefind cannot load): Material's lunr index with folded words, inlined.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from loaphuong.cache import for_project
from loaphuong.mkdocs_state import site_for
from loaphuong.search import fold_search_index, worker_js
from loaphuong.search.pagefind_index import write_index
from loaphuong.search.records import PageContent, RecordMaker, SearchRecord

WORKER = "assets/javascripts/loaphuong/search-worker.js"
_records: list[SearchRecord] = []  # made as pages are built: listings' HTML is not kept until the end
_maker: list[RecordMaker] = []


def _pagefind(config) -> bool:
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    return not (offline and offline.config.enabled)


def on_config(config):
    _records.clear()
    _maker.clear()
    config.extra["loaphuong_search_worker"] = WORKER if _pagefind(config) else None
    return config


def on_page_markdown(markdown, page, config, files):
    if _pagefind(config):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}  # Pagefind indexes it
    return markdown


def on_page_content(html, page, config, files):
    if _pagefind(config):
        if not _maker:
            _maker.append(RecordMaker(site_for(config)))
        record = _maker[0](PageContent(page.file.src_uri, page.url, page.title or "", html,
                                       generated=page.file.generated_by is not None))
        if record is not None:
            _records.append(record)
    return html


def on_post_build(config):
    site = site_for(config)
    if _pagefind(config):
        try:
            write_index(_records, config.site_dir, for_project(Path(config.config_file_path).parent, "pagefind"))
        except RuntimeError as exc:  # one Vietnamese line, no traceback; the published site/ stays as it was
            raise PluginError(str(exc)) from None
        worker = Path(config.site_dir) / WORKER
        worker.parent.mkdir(parents=True, exist_ok=True)
        worker.write_text(worker_js(), encoding="utf-8")
        return
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        by_location = {plan.url: plan for plan in site.plans}
        index.write_text(fold_search_index(index.read_text(encoding="utf-8"), by_location.get), encoding="utf-8")
