"""MkDocs hook: chuyên trang / chuyên mục pages, indexes, home, calendar and the document graph.

Thin: loaphuong.listing builds the pages and their data; this file adds them to MkDocs and hands the
data to the templates in overrides/ (topic.html, groups.html, archive.html, documents.html, calendar.html,
home.html). Comes after hooks/plans.py in mkdocs.yml (it uses the Site that hook loaded).
"""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import normalize_url
from mkdocs.utils.meta import get_data

from loaphuong.cache import for_project
from loaphuong.listing import nav as site_nav
from loaphuong.listing.calendar_feed import cached_calendar_ics
from loaphuong.listing.pages import Listings
from loaphuong.mkdocs_state import lazy_file, share, site_for

ICS = "lich.ics"
_state: dict = {}  # "listings": Listings, "targets": canonical URL -> File, "feeds": bool


def on_config(config):
    config.nav = site_nav.site_nav(config.nav, site_for(config).topics)
    # Topic feeds (topic.feed_url) are written by hooks/feeds.py after the build, so they are never in
    # `files`; their links are shown when that hook is configured. Q&A pages are generated in on_files,
    # so their links are shown when the page is in `files` (see on_env). Until those branches land, no
    # link points at a missing page and strict builds stay clean.
    _state["feeds"] = any(str(name).replace("\\", "/").endswith("feeds.py") for name in (config.hooks or {}))
    return config


def on_files(files, config):
    site = site_for(config)
    intros = {}
    for topic in site.topics.of_kind("chuyen-trang"):
        # docs/chuyen-trang/<slug>.md is the campaign's intro: it becomes the body of the generated page.
        doc = files.get_file_from_path(site_nav.topic_src(topic))
        if doc is not None:
            intros[topic.slug], _ = get_data(doc.content_string)
            files.remove(doc)
    listings = Listings(site, intros)
    _state["listings"] = listings
    share(config, "listings", listings)  # hooks/preview.py: which pages a changed plan shows on
    for src, page in listings.pages.items():
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src, content=page.source.markdown, inclusion=inclusion))
    cache = for_project(Path(config.config_file_path).parent, "calendar")
    published = site.catalogue.published(site.today)  # lich.ics: published plans only, even in preview
    ics = functools.partial(cached_calendar_ics, published, config.site_url or "", config.site_name, cache)
    if cache.active:
        # Made (or read back from the cache) now, so the entry is this build's; then held by no one until
        # MkDocs writes the file: megabytes at 3,000 plans.
        ics()
        files.append(lazy_file(config, ICS, ics))
    else:
        files.append(File.generated(config, ICS, content=ics()))
    return files


def on_env(env, config, files):
    # Every file of the build is known now (all hooks ran on_files): index them by canonical URL.
    _state["targets"] = {_canonical(f.src_uri): f for f in files}
    return env


def on_page_context(context, page, config, nav):
    listings: Listings = _state["listings"]
    site = listings.site
    src = page.file.src_uri
    context["lp_link"] = lambda target, _page=page: _link(target, _page)
    context["lp_feed_url"] = lambda topic, _page=page: _link(topic.feed_url, _page, feed=True)
    context["lp_topics"] = listings.topic_of
    context["lp_hidden"] = site.is_hidden_in_production
    context["lp_body"] = listings.taxonomy.body_of
    if src in listings.pages:
        context["listing"] = listings.pages[src].data
    elif src == site_nav.HOME:
        context["listing"] = listings.home_data()
    plan = site.plan_at(src)
    if plan is not None:
        context["plan_refs"] = lambda van_ban, _plan=plan: listings.graph.target(van_ban, _plan)
        context["plan_cited_by"] = listings.graph.cited_by(plan)
    return context


def _canonical(src_uri: str) -> str:
    """The URL a file has with directory URLs: 'a/b.md' -> 'a/b/', 'a/index.md' -> 'a/'."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


def _link(target: str | None, page, feed: bool = False) -> str | None:
    """URL of `target` relative to `page`, or None when the build has no such page (so no dead link)."""
    if target is None:
        return None
    file = _state.get("targets", {}).get(target)
    if file is not None:
        return normalize_url(file.url, page=page)
    if feed and _state.get("feeds"):
        return normalize_url(target, page=page)
    return None
