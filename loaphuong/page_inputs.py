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
    """What every page shows or where pages are: a change here touches every page."""
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
    env = sorted((k, v) for k, v in os.environ.items() if k.startswith("LOAPHUONG_") and k not in _NEUTRAL_ENV)
    return fingerprint(
        watched, [(f.src_uri, f.url, f.inclusion.name) for f in files], _nav_items(nav.items),
        list(site.topics), site.today, site.preview, config.site_url, config.use_directory_urls,
        dict(config.extra), plugins, env,
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
