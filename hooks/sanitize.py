"""MkDocs hook: what staff wrote reaches HTML only escaped (titles, descriptions) or sanitised (bodies).

Comes right after hooks/plans.py in mkdocs.yml, so feeds, search and Q&A see the cleaned HTML. Material
prints page.meta.title, page.title and page.meta.description unescaped (<title>, md-header__topic, meta
description); making them markupsafe.Markup of the escaped text keeps every template correct, and templates
that escape (`| e`, autoescape) do not escape twice. The allow-list lives in loaphuong.sanitize.
Generated pages are cleaned once, by hooks/render_cache.py, and their clean HTML cached across builds.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from loaphuong import sanitize


def on_page_content(html, page, config, files):
    # Every page of the build: all are read before any is rendered, so nav, tabs and the search
    # plugin (on_page_context) only ever see the escaped titles.
    for key in ("title", "description"):
        value = page.meta.get(key)
        if value is not None and not isinstance(value, Markup):
            page.meta[key] = escape(str(value))
    if getattr(page, "sanitized", False) and html is page.content:
        return html  # cleaned by hooks/render_cache.py before its HTML was cached
    return sanitize.clean(html)
