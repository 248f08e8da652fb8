"""MkDocs hook: Vietnamese search (see loaphuong.search).

Normal builds: Material's search plugin keeps the header search box but indexes nothing; each page's
search record is kept compressed as the page is built (loaphuong.search.shards.RecordStore) and after
the build Pagefind indexes the shards whose records changed; the browser searches through
search-worker.js. `make serve --dirty` keeps the store for the whole process, so pages an incremental
rebuild does not render keep their records and only the shards whose records changed are re-indexed,
in the background after the save's pages are written (the next rebuild waits for it).
`make offline` (file://, where Pagefind cannot load): Material's lunr index with folded words, inlined.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

from loaphuong.cache import for_project
from loaphuong.mkdocs_state import site_for
from loaphuong.search import fold_search_index, worker_js
from loaphuong.search.pagefind_index import write_index
from loaphuong.search.records import PageContent, RecordMaker
from loaphuong.search.shards import Entry, RecordStore

log = logging.getLogger("mkdocs.hooks.loaphuong.search")
WORKER = "assets/javascripts/loaphuong/search-worker.js"
_state: dict = {"serve": False, "store": None, "maker": None, "urls": set(), "indexing": None}


def _pagefind(config) -> bool:
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    return not (offline and offline.config.enabled)


def on_startup(command, dirty):
    _state["serve"] = command == "serve" and dirty  # pages not rebuilt keep their records


def on_shutdown():
    _wait_for_index()
    if _state["store"] is not None:
        _state["store"].close()
        _state["store"] = None


def on_config(config):
    _wait_for_index()
    _state["maker"] = None
    if not _state["serve"]:
        on_shutdown()
    if _state["store"] is None:
        _state["store"] = RecordStore()
    config.extra["loaphuong_search_worker"] = WORKER if _pagefind(config) else None
    return config


def on_page_markdown(markdown, page, config, files):
    if _pagefind(config):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}  # Pagefind indexes it
    return markdown


def on_env(env, config, files):
    # Page URLs as on_page_content sees them ('' for the home page, whose file URL is './').
    _state["urls"] = {file.page.url if file.page is not None else file.url for file in files.documentation_pages()}
    return env


def on_page_content(html, page, config, files):
    if _pagefind(config):
        if getattr(page, "output_cached", False):
            return html  # not converted: its record comes with its finished HTML (on_post_page)
        if _state["maker"] is None:
            _state["maker"] = RecordMaker(site_for(config))
        record = _state["maker"](PageContent(page.file.src_uri, page.url, page.title or "", html,
                                             generated=page.file.generated_by is not None))
        page.search_record = None  # hooks/render_cache.py keeps it with the page's finished HTML
        if record is not None:
            entry, packed = _state["store"].add(record)
            page.search_record = (entry.url, entry.group, entry.digest, entry.size, packed)
        else:
            _state["store"].discard(page.url)  # e.g. a plan turned into a draft in `serve`
    return html


def on_post_page(output, page, config):
    # A page whose finished HTML came from the cache brought the record an earlier build made of it.
    if hasattr(page, "stored_search_record"):
        stored = page.stored_search_record
        if stored is None:
            _state["store"].discard(page.url)
        else:
            *fields, load = stored
            _state["store"].add_stored(Entry(*fields), load)
        del page.stored_search_record
    return output


def on_post_build(config):
    site = site_for(config)
    store: RecordStore = _state["store"]
    if _pagefind(config):
        store.keep_only(_state["urls"])  # `serve`: a page that is gone takes its record along
        cache = for_project(Path(config.config_file_path).parent, "pagefind")
        index = Path(config.site_dir) / "pagefind" / "pagefind-entry.json"
        if _state["serve"] and index.is_file():
            # A save in `make serve`: the edited page reloads now, its search shard follows in about a
            # second (Pagefind's run was half of each save). The next rebuild waits for it (on_config).
            job = threading.Thread(target=_index_in_background, args=(store, config.site_dir, cache), daemon=True)
            _state["indexing"] = job
            job.start()
            return
        try:
            _write_index(store, config.site_dir, cache)
        except RuntimeError as exc:  # one Vietnamese line, no traceback; the published site/ stays as it was
            raise PluginError(str(exc)) from None
        finally:
            if not _state["serve"]:
                on_shutdown()
        return
    if not _state["serve"]:
        on_shutdown()
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.exists():
        by_location = {plan.url: plan for plan in site.plans}
        index.write_text(fold_search_index(index.read_text(encoding="utf-8"), by_location.get), encoding="utf-8")


def _write_index(store: RecordStore, site_dir: str, cache) -> None:
    report = write_index(store, site_dir, cache)
    ran = [run for run in report.runs if run.seconds is not None]
    log.info("Chỉ mục tìm kiếm: %d phần, chạy Pagefind cho %d phần%s", len(report.runs), len(ran),
             "".join(f"; {run.name or 'chính'}: {run.records} mục, {run.input_bytes // 1000} kB, "
                     f"{run.seconds:.1f} s" + (f", {run.peak_kib // 1024} MB" if run.peak_kib else "") for run in ran))
    worker = Path(site_dir) / WORKER
    worker.parent.mkdir(parents=True, exist_ok=True)
    worker.write_text(worker_js(report.shards), encoding="utf-8")


def _index_in_background(store: RecordStore, site_dir: str, cache) -> None:
    try:
        _write_index(store, site_dir, cache)
    except Exception as exc:  # noqa: BLE001 — `serve` keeps running; the message says what failed
        log.error("Không cập nhật được chỉ mục tìm kiếm của bản xem trước: %s", exc)


def _wait_for_index() -> None:
    """The previous save's search index is complete before the store or site/pagefind/ change again."""
    job = _state.get("indexing")
    if job is not None:
        job.join()
        _state["indexing"] = None


def on_build_error(error):
    if not _state["serve"]:
        on_shutdown()
