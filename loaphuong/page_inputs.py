"""What each page of a build is rendered from, as fingerprints (loaphuong.fingerprint): the whole site's
shape (files, nav, configuration, docs/, overrides/, chuyên mục, the day) and each page's own data (its
Markdown, the plans it shows, what its template is given).

Two users: hooks/preview.py rewrites in `make serve` only the pages whose fingerprint changed, and
hooks/render_cache.py keeps each page's finished HTML across builds under its fingerprint. The preview
tests (every edit compared with a clean build) and the byte-identity tests check that nothing a page shows
is missing here.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .fingerprint import fingerprint
from .listing import nav as site_nav
from .mkdocs_state import share, shared, site_for

# Environment variables that change what pages show (LOAPHUONG_CACHE and LOAPHUONG_JOBS never do).
_NEUTRAL_ENV = {"LOAPHUONG_CACHE", "LOAPHUONG_JOBS"}


def fingerprints(config, files, nav) -> tuple[str, dict[str, str]]:
    """(site fingerprint, {src_uri: page fingerprint}) of this build, computed once and shared by the hooks
    (call it from on_nav or later: the listings and Q&A pages are known by then)."""
    known = shared(config, "fingerprints")
    if known is None or known[0] is not files:
        known = (files, site_fingerprint(config, files, nav), page_fingerprints(config, files))
        share(config, "fingerprints", known)
    return known[1], known[2]


def site_fingerprint(config, files, nav) -> str:
    """What every page shows or where pages are: a change here touches every page (`make serve` rebuilds
    the whole site into a cleaned folder, so no page of a removed plan survives)."""
    return fingerprint(_shown_everywhere(config, nav), [(f.src_uri, f.url, f.inclusion.name) for f in files],
                       site_for(config).today)


def render_fingerprint(config, nav) -> str:
    """What every finished page shows, for the cache of finished pages (hooks/render_cache.py): the site
    fingerprint without the list of files and, outside the preview, without the day. A page depends on other
    files only through its links, which the cache checks page by page (loaphuong.link_lookups); what depends
    on the day (which plans are published, coming events) is in each page's own fingerprint. So adding a plan,
    or a new day, re-renders the pages that show it, not the whole site."""
    known = shared(config, "render_fingerprint")
    if known is None or known[0] is not nav:
        site = site_for(config)
        known = (nav, fingerprint(_shown_everywhere(config, nav), site.today if site.preview else None))
        share(config, "render_fingerprint", known)
    return known[1]


def _shown_everywhere(config, nav) -> str:
    known = shared(config, "shown_everywhere")
    if known is None or known[0] is not nav:
        known = (nav, _shown_everywhere_now(config, nav))  # docs/ and overrides/ read once per build
        share(config, "shown_everywhere", known)
    return known[1]


def _shown_everywhere_now(config, nav) -> str:
    project = Path(config.config_file_path).parent
    site = site_for(config)
    folders = [project / "docs", project / "overrides"]
    custom_dir = getattr(config.theme, "custom_dir", None)
    if custom_dir and Path(custom_dir) not in folders:
        folders.append(Path(custom_dir))
    watched = [_folder_digest(folder) for folder in folders]
    for path in (Path(config.config_file_path), project / "plans" / "chuyen-muc.yml"):
        watched.append(path.read_bytes() if path.is_file() else b"")
    plugins = [(name, type(plugin).__qualname__, dict(getattr(plugin, "config", {}) or {}))
               for name, plugin in config.plugins.items()]
    # LOAPHUONG_TODAY is the day: counted as site.today where the day matters (see render_fingerprint).
    env = sorted((k, v) for k, v in os.environ.items()
                 if k.startswith("LOAPHUONG_") and k not in _NEUTRAL_ENV and k != "LOAPHUONG_TODAY")
    return fingerprint(
        watched, _nav_items(nav.items), list(site.topics), site.preview, config.site_url,
        config.use_directory_urls, dict(config.extra), plugins, env,
    )


def page_fingerprints(config, files) -> dict[str, str]:
    """src_uri -> fingerprint of what that page's own content and template are given."""
    site = site_for(config)
    listings = shared(config, "listings")
    qa_pages = shared(config, "qa_pages", {})
    out, memo = {}, {}
    for file in files.documentation_pages():
        src = file.src_uri
        plan = site.plan_at(src)
        # A plan page's Markdown comes from the plan's file alone: its digest stands for it.
        parts: list = [None if plan else file.content_string if file.generated_by else _source(file)]
        if plan is not None:
            refs = plan.can_cu + plan.van_ban_lien_quan
            parts += [plan, site.is_hidden_in_production(plan)]
            if listings is not None:
                parts += [listings.graph.cited_by(plan), [listings.graph.target(v, plan) for v in refs],
                          listings.topic_of(plan)]
        if listings is not None and src in listings.pages:
            parts.append(listings.pages[src].data)
        elif listings is not None and src == site_nav.HOME:
            parts.append(listings.home_data())
        qa = qa_pages.get(src)
        if qa is not None:
            parts += [qa.plan, qa.plans, qa.topic, qa.hidden, qa.pager, qa.jsonld]
        out[src] = fingerprint(*parts, memo=memo)
    return out


def _nav_items(items) -> list:
    return [(getattr(i, "title", None), getattr(i, "url", None), _nav_items(getattr(i, "children", None) or []))
            for i in items]


def _folder_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode("utf-8", "surrogatepass") + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _source(file) -> bytes | None:
    try:
        with open(file.abs_src_path, "rb") as handle:
            return handle.read()
    except (OSError, TypeError):
        return None
