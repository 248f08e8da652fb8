"""MkDocs hook: hỏi và đáp pages (/hoi-dap/…). Thin: loaphuong.qa builds them, this file speaks MkDocs.

Comes after hooks/plans.py in mkdocs.yml (it uses the Site that hook loaded). Pages live under hoi-dap/ so
feeds, which are built from plan pages only, never pick them up.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

from loaphuong.cache import for_project
from loaphuong.mkdocs_state import lazy_source, share, site_for
from loaphuong.qa.pages import INDEX_SRC, qa_pages

log = logging.getLogger("mkdocs.hooks.loaphuong.qa")
_pages: dict = {}  # src_uri -> QAPage of the current build
_urls: dict = {}  # plan src_uri -> URL of its Q&A page (differs in the offline build: no directory URLs)


def on_files(files, config):
    site = site_for(config)
    _pages.clear()
    _urls.clear()
    cache = for_project(Path(config.config_file_path).parent, "qa")
    for page in qa_pages(site, cache):
        inclusion = InclusionLevel.INCLUDED if page.src_uri == INDEX_SRC else InclusionLevel.NOT_IN_NAV
        # A plan's Q&A Markdown is read back from the cache when MkDocs reads the page (lazy_source): the
        # file holds none. Its page fingerprint (loaphuong.page_inputs) counts the plan, not this text.
        file = File.generated(config, page.src_uri, content=page.markdown or "", inclusion=inclusion)
        files.append(file)
        if page.markdown is None:
            lazy_source(config, page.src_uri, page.read)
        _pages[page.src_uri] = page
        if page.plan:
            _urls[page.plan.src_uri] = file.url
        for warning in page.warnings:
            log.info(warning)  # advice for staff, not a build failure
    share(config, "qa_pages", _pages)  # hooks/preview.py
    return files


def on_page_context(context, page, config, nav):
    qa_page = _pages.get(page.file.src_uri)
    if qa_page is not None:
        context["qa_page"] = qa_page
    if page.file.src_uri in _urls:
        context["plan_qa_url"] = _urls[page.file.src_uri]
    return context

