"""MkDocs hook: each generated page's Markdown is converted once, and its HTML kept across builds; every
page's finished HTML (Material's template output) is kept too, so an unchanged page is not rendered again.

The pages this site generates (plans, hỏi và đáp, listings) are read by MkDocs as usual, but through
`CachedPage`, whose render() looks the result up in .cache/pages/ under a hash of everything the
conversion reads: the page's Markdown after every on_page_markdown hook, its address, the Markdown
settings and the code version (loaphuong.cache); the answers its links got from the build's files are kept
with it and checked before it is used again (loaphuong.link_lookups). A hit restores the HTML, table of
contents and anchors exactly as MkDocs' render() left them, so the output is byte-identical to an uncached
build (tests/test_speed.py). A render that logged anything (a broken link, an unknown anchor) is not cached,
so its message is repeated on every build and --strict still fails. Comes last in mkdocs.yml: it sees the
files every other hook added.

Template output (.cache/output/) is keyed by loaphuong.page_inputs' fingerprints of what every page shows
(nav, configuration, docs/, overrides/, chuyên mục; render_fingerprint) and of the page's own data (its
Markdown, the plans it shows, what its template is given), the fingerprints `make serve` already trusts to
decide which pages to rewrite; its links' answers are checked as for conversions. A hit skips Jinja (half
of a warm build); on_post_page hooks still run on the result.

on_page_content hooks still run on every build, after a hit as after a render. Sanitising (nh3) depends
only on the HTML, so it runs here before the entry is stored: the page is marked `sanitized` and
hooks/sanitize.py does not clean it again (a page made of parts is still cleaned whole by the hook).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache, Template
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from loaphuong import sanitize
from loaphuong.cache import for_project, prune_unused
from loaphuong.deploy.written import Digest, page_bytes
from loaphuong.file_store import FileStore
from loaphuong.mkdocs_state import read_lazy_source
from loaphuong.link_lookups import RecordingFiles, files_digest, still_valid
from loaphuong.page_inputs import fingerprints, render_fingerprint
from loaphuong.qa.pages import PART_MARK

_state: dict = {}  # "cache", "output", "settings", "files": (id(files), digest), "site", "pages"


def _stable(value) -> str:
    # Functions in the Markdown settings (toc slugify) by name: their repr holds a memory address.
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"


def on_config(config):
    command = _state.get("command", "build")
    _state.clear()
    _state["command"] = command
    project = Path(config.config_file_path).parent
    _state["cache"] = for_project(project, "pages")
    _state["output"] = for_project(project, "output", remember=False)  # `serve` rewrites only changed pages
    # Finished pages as files, hard-linked into site/ (loaphuong.file_store): most of a warm build's writes.
    _state["html"] = FileStore(project / ".cache" / "html", active=_state["output"].active)
    _state["linked"] = set()
    _LINKED_FILTER.linked = _state["linked"]
    _filter_linked_pages()
    _state["settings"] = json.dumps(
        [config.markdown_extensions, config.mdx_configs, repr(config.validation), config.use_directory_urls,
    ], default=_stable, sort_keys=True, ensure_ascii=False)
    return config


def on_files(files, config):
    for file in files.documentation_pages():
        if file.page is None and file.generated_by is not None:
            CachedPage(None, file, config)  # pages in the nav get a plain Page from MkDocs instead
    return files


def on_nav(nav, config, files):
    # Generated pages in the nav (listings, the Q&A index) got a plain Page from MkDocs: cache them too.
    for page in nav.pages:
        if page.file.generated_by is not None and type(page) is Page:
            page.__class__ = CachedPage
    if _state["output"].active:
        _state["pages"] = fingerprints(config, files, nav)[1]
        _state["site"] = render_fingerprint(config, nav)
    return nav


def on_env(env, config, files):
    _state["config"], _state["build_files"] = config, files
    env.template_class = OutputTemplate
    if _state["output"].active:
        # Compiled templates (about 0.5 s of every build); Jinja checks each against its source's checksum.
        folder = Path(config.config_file_path).parent / ".cache" / "jinja"
        folder.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env


def on_page_markdown(markdown, page, config, files):
    # Last of the on_page_markdown hooks. A generated page whose finished HTML is cached (with its search
    # record, anchors and links) is not converted at all: nothing before its render needs its HTML, except
    # feeds for the plans they carry (hooks/feeds.py marks those `keep_html`).
    page.output_key = _output_key(page)
    # Looked for once, not read (one file read per page, at render time): an entry found damaged or gone
    # then has the page converted again (_convert_again).
    page.output_found = (page.output_key is not None and _dropped_when_cached(page)
                         and not getattr(page, "convert_again", False) and _state["output"].exists(page.output_key))
    page.output_cached = page.output_found and isinstance(page, CachedPage) and not getattr(page, "keep_html", False)
    return markdown


def _output_key(page) -> str | None:
    output, fingerprint = _state["output"], _state.get("pages", {}).get(page.file.src_uri)
    if not output.active or fingerprint is None:
        return None
    return output.key("output", _state["site"], fingerprint, page.file.src_uri, page.file.dest_uri, page.url,
                      page.meta.get("template", ""))


def _dropped_when_cached(page) -> bool:
    # Kept when Material's search plugin will index the page (the offline bundle's lunr index reads its
    # HTML); the title must come from meta, since nothing is converted to find a heading.
    return bool((page.meta.get("search") or {}).get("exclude")) and "title" in page.meta


def on_page_read_source(page, config):
    # The one handler MkDocs allows: plan and Q&A pages registered their Markdown's maker (lazy_source).
    return read_lazy_source(config, page.file.src_uri)


def on_page_content(html, page, config, files):
    # Last of the on_page_content hooks (search and feeds have taken the HTML). A page whose finished HTML
    # is cached will not be rendered: its HTML, Markdown and table of contents are not kept until then.
    page.output_dropped = False
    if getattr(page, "output_cached", False):
        page.markdown, page.output_dropped = "", True
        return ""
    if getattr(page, "output_found", False):  # converted for feeds, or a plain page: dropped once they have it
        page.markdown = ""  # not None: the title (from meta) is still asked for by the sitemap and nav
        page.toc = get_toc([])
        page.output_dropped = True
        return ""
    return html


def on_page_context(context, page, config, nav):
    # The context is complete (every hook that adds to it comes earlier): the key stands for all of it.
    key = getattr(page, "output_key", None)
    if key is not None:
        context[OutputTemplate.KEY] = key
    return context


def _convert_again(page, config, files) -> None:
    fast = getattr(page, "output_cached", False)
    page.output_cached, page.convert_again = False, True  # on_page_markdown must not skip it again
    page.read_source(config)
    page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
    page.render(config, files)
    if fast:  # never converted: search, feeds and sanitising see it now
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    elif not getattr(page, "sanitized", False):
        page.content = sanitize.clean(page.content)
    page.output_dropped = False


def on_post_build(config):
    # A complete `mkdocs build` used every entry it needs: the others (pages since changed or deleted,
    # older code versions) go, so .cache/ stays the size of one site. `serve` rebuilds only some pages.
    if _state.get("command") == "build":
        prune_unused({"pages", "output", "qa", "calendar", "plans"})
        _state["html"].prune()


def on_startup(command, dirty):
    _state["command"] = command


class OutputTemplate(Template):
    """Material's page template, looked up in .cache/output/ before it is rendered (see on_page_context)."""

    KEY = "_loaphuong_output_key"

    def render(self, *args, **kwargs) -> str:
        context = dict(*args, **kwargs)
        key, cache = context.pop(self.KEY, None), _state.get("output")
        if key is None or cache is None:
            return self._render(context)
        page = context["page"]
        entry = cache.get(key)
        if isinstance(entry, dict) and not _links_still_valid(entry, _state["build_files"]):
            entry = None  # a file it links to appeared, moved or went: rendered again (and stored again)
        html = _stored_html(page, entry) if isinstance(entry, dict) else None
        if html is None:
            entry = None
        if entry is None and getattr(page, "output_dropped", False):
            # Damaged, or deleted since on_page_content (another build pruned it): read and converted again.
            _convert_again(page, _state["config"], _state["build_files"])
        if entry is not None:
            if getattr(page, "output_cached", False):
                _restore_links(page, entry, _state["build_files"])
                page.stored_search_record = _stored_record(entry, key)
            page.output_final = True  # on_post_page hooks already ran over it (hooks/a11y.py skips it)
            return html  # "" when already linked into site/: MkDocs writes nothing
        with _counting_logs() as count:
            html = self._render(context)
        # A render (or a conversion) that warned is done again next time, so --strict still fails.
        page.output_unsaved = key if not count.count and not getattr(page, "render_warned", False) else None
        return html


    def _render(self, context: dict) -> str:
        """Template.render, joining the output a few thousand pieces at a time: a 3,000-row listing is
        ~200,000 small strings, which one join at the end holds all at once (+10 MB at the build's peak)."""
        ctx = self.new_context(context)
        try:
            chunks, pieces = [], []
            for piece in self.root_render_func(ctx):
                pieces.append(piece)
                if len(pieces) == 4096:
                    chunks.append("".join(pieces))
                    pieces.clear()
            chunks.append("".join(pieces))
            return "".join(chunks)
        except Exception:
            self.environment.handle_exception()


def _links_of(page) -> dict:
    """The anchors a converted page has and the anchors it links to, as MkDocs' anchor validation reads them."""
    return {"anchors": sorted(page.present_anchor_ids or ()),
            "links": None if page.links_to_anchors is None else
            {f.src_uri: links for f, links in page.links_to_anchors.items()}}


def _restore_links(page, entry: dict, files) -> None:
    """What MkDocs' anchor validation reads, as the page's conversion left it."""
    # Held until MkDocs validates anchors after the last page: the same headings ("i-muc-dich-yeu-cau") on
    # thousands of pages are one string each, not one per page.
    page.present_anchor_ids = set(map(sys.intern, entry["anchors"]))
    if entry["links"] is not None:
        page.links_to_anchors = {files.get_file_from_path(src): {text: sys.intern(anchor) for text, anchor in links.items()}
                                 for src, links in entry["links"].items()}


def _stored_record(entry: dict, key: str):
    """(url, group, digest, size, reader) of the page's search record, its HTML read back only if needed."""
    record = entry.get("record")
    if record is None:
        return None
    cache = _state["output"]

    def load():
        again = cache.get(key)
        return again["record"][4] if isinstance(again, dict) and again.get("record") else None

    return (*record[:4], load)


def _stored_html(page, entry: dict) -> str | None:
    """A cached page's finished HTML: "" once its stored file is linked at its place in site/ (then
    `page.output_linked` holds its digest, for hooks/nginx.py), the HTML when it must be written, None when
    the stored file is gone (a miss)."""
    stored = entry.get("file")
    if stored is None:
        return entry.get("html")
    name, size, mtime_ns = stored
    store = _state["html"]
    if store.link(name, page.file.abs_dest_path, size, mtime_ns):
        page.output_linked = Digest(bytes.fromhex(name.removesuffix(".html")), size)
        _state["linked"].add(page.file.src_uri)
        return ""
    data = store.read(name)
    return data.decode("utf-8") if data is not None and Digest.of(data).key.hex() + ".html" == name else None


@event_priority(-200)  # after every other hook's, hooks/nginx.py's too: the page exactly as it is written
def on_post_page(output, page, config):
    key = getattr(page, "output_unsaved", None)
    if key is not None:
        store, dest = _state["html"], page.file.abs_dest_path
        data = getattr(page, "output_bytes", None) or page_bytes(output)
        name = Digest.of(data).key.hex() + ".html"
        stamp = store.put(name, data) if store.linkable else None
        _state["output"].put(key, {
            "file": (name, *stamp) if stamp else None, "html": None if stamp else output, **_links_of(page),
            **_lookups_of(page, _state["build_files"]),
            # (url, group, digest, size, compressed HTML) from hooks/search.py; None: not indexed
            "record": getattr(page, "search_record", None),
        })
        page.output_unsaved = page.search_record = None
        if stamp and store.link(name, dest, *stamp):
            _state["linked"].add(page.file.src_uri)
            output = ""  # linked in place of MkDocs writing it
    page.output_bytes = None
    if output:
        _unlink(page.file.abs_dest_path)  # MkDocs opens it for writing: never through a link to the store
    # Written: the HTML is not needed again (feeds and search took theirs earlier), so memory stays flat.
    if isinstance(page, CachedPage) and "title" in page.meta:
        page.content = None
        page.markdown = ""  # not None: the title (from meta) is still asked for by the sitemap and nav
    page.toc = get_toc([])  # only the page itself shows its table of contents
    return output


def _unlink(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


class _LinkedPages(logging.Filter):
    """MkDocs logs 'Page skipped' (INFO) for a page whose output is empty: ours were linked, not skipped."""

    linked: set = set()

    def filter(self, record) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '"):
            return message[len("Page skipped: '"):].split("'", 1)[0] not in self.linked
        return True


_LINKED_FILTER = _LinkedPages()


def _filter_linked_pages() -> None:
    # This module is loaded again with the configuration on every `serve` rebuild: one filter at a time.
    logger = logging.getLogger("mkdocs.commands.build")
    for old in [f for f in logger.filters if type(f).__name__ == "_LinkedPages"]:
        logger.removeFilter(old)
    logger.addFilter(_LINKED_FILTER)


def _lookups_of(page, files) -> dict:
    """What the page's conversion looked up among the files (loaphuong.link_lookups), checked before the
    entry is used again; a page converted without recording them (MkDocs' own Page) is tied to every file."""
    lookups = getattr(page, "link_lookups", None)
    return {"lookups": lookups, "files": None if lookups is not None else _files_digest(files)}


def _links_still_valid(entry: dict, files) -> bool:
    if entry.get("lookups") is not None:
        return still_valid(entry["lookups"], files)
    return entry.get("files") == _files_digest(files)


def _files_digest(files) -> str:
    known = _state.get("files")
    if known and known[0] == id(files):
        return known[1]
    value = files_digest(files)
    _state["files"] = (id(files), value)
    return value


class _Count(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record):
        self.count += 1


@contextlib.contextmanager
def _counting_logs():
    """Counts what is logged meanwhile: a render that logged anything is not cached (--strict must still fail)."""
    count = _Count()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger()]
    for logger in loggers:
        logger.addHandler(count)
    try:
        yield count
    finally:
        for logger in loggers:
            logger.removeHandler(count)


def _toc_tokens(items) -> list[dict]:
    return [{"level": a.level, "id": a.id, "name": a.title, "children": _toc_tokens(a.children)} for a in items]


class CachedPage(Page):
    sanitized = False  # True: self.content is already loaphuong.sanitize.clean's output

    def render(self, config, files) -> None:
        self.sanitized = False
        if getattr(self, "output_cached", False):
            # Its finished HTML is cached (on_page_markdown): OutputTemplate restores what validation reads.
            self.content, self.toc, self.sanitized = "", get_toc([]), True
            self.present_anchor_ids, self.links_to_anchors = set(), None
            return
        if self.markdown is not None and PART_MARK in self.markdown:
            self._render_parts(config, files)
            return
        cache = _state.get("cache")
        key = None
        if cache is not None and cache.active and self.markdown is not None:
            key = cache.key(_state["settings"], self.file.src_uri, self.file.dest_uri, self.file.url, self.markdown)
            entry = cache.get(key)
            if entry is not None and _links_still_valid(entry, files):
                self._restore(entry, files)
                return
        self._render_and_store(config, files, key)

    def _render_parts(self, config, files) -> None:
        """A page made of independent parts (a chuyên trang Q&A page): each part rendered and cached alone."""
        whole, cache = self.markdown, _state.get("cache")
        combined = {"content": [], "toc": [], "title": None, "anchors": set(), "links": {}, "lookups": {}}
        try:
            for part in whole.split(PART_MARK):
                key = None
                if cache is not None and cache.active:
                    key = cache.key(_state["settings"], self.file.src_uri, self.file.dest_uri, self.file.url,
                                    "part", part)
                entry = cache.get(key) if key else None
                if entry is None or not _links_still_valid(entry, files):
                    self.markdown = part
                    entry = self._render_and_store(config, files, key, whole=False)
                combined["content"].append(entry["content"])
                combined["toc"] += entry["toc"]
                combined["title"] = combined["title"] or entry["title"]
                combined["anchors"].update(entry["anchors"])
                for src, links in (entry["links"] or {}).items():
                    combined["links"].setdefault(src, {}).update(links)
                if combined["lookups"] is not None and entry.get("lookups") is not None:
                    combined["lookups"].update(entry["lookups"])
                else:
                    combined["lookups"] = None
        finally:
            self.markdown = whole
        combined["content"] = "\n".join(combined["content"])
        self._restore(combined, files)

    def _render_and_store(self, config, files, key, whole: bool = True) -> dict:
        cache = _state.get("cache")
        recording = RecordingFiles(files)  # what the conversion asks of the other files, checked on reuse
        with _counting_logs() as count:
            super().render(config, recording)
        self.render_warned = getattr(self, "render_warned", False) or bool(count.count)
        if whole:  # parts are joined first and cleaned whole by hooks/sanitize.py, as before
            self.content = sanitize.clean(self.content)
        self.sanitized = whole
        lookups = recording.lookups if recording.complete else None
        self.link_lookups = lookups
        entry = {
            "content": self.content, "sanitized": whole,
            "toc": _toc_tokens(self.toc), "title": self._title_from_render, **_links_of(self),
            "lookups": lookups, "files": None if lookups is not None else _files_digest(files),
        }
        if key is not None and not count.count:
            cache.put(key, entry)
        return entry

    def _restore(self, entry: dict, files) -> None:
        self.link_lookups = entry.get("lookups")
        self.content = entry["content"]
        self.sanitized = entry.get("sanitized", False)
        self.toc = get_toc(entry["toc"])
        self._title_from_render = entry["title"]
        _restore_links(self, entry, files)
