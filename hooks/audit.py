"""MkDocs hook: the end-of-build audit (loaphuong.audit). Last in mkdocs.yml 'hooks', so it sees the
finished site: pages, sitemap, search index, Q&A pages and topic listings."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from loaphuong import audit
from loaphuong.listing.nav import topic_src
from loaphuong.mkdocs_state import site_for
from loaphuong.qa.pages import plan_src as qa_src

_files: dict = {}


def on_files(files, config):
    _files["url"] = {f.src_uri: f.url for f in files.documentation_pages()}
    _files["dest"] = {f.src_uri: f.dest_uri for f in files.documentation_pages()}
    return files


def on_post_build(config):
    site = site_for(config)
    if site.preview:
        return  # `make serve` shows drafts on purpose
    site_dir = Path(config.site_dir)
    published = site.catalogue.published(site.today)
    hidden = [p for p in site.catalogue.plans if not p.is_published(site.today)]
    url_of = _files.get("url", {})
    built = audit.BuiltSite(
        site_dir=site_dir, url_of=url_of, dest_of=_files.get("dest", {}),
        sitemap=audit.sitemap_locations(site_dir, config.site_url or ""),
        search=audit.search_locations(site_dir),
        topic_pages={t.slug: [src for src in url_of if src == topic_src(t) or src.startswith(f"{t.url}trang/")]
                     for t in site.topics})
    problems = audit.audit(published, hidden, site.topics, built, qa_src)
    if problems.errors:
        raise PluginError("Kiểm tra cuối bản dựng không đạt:\n" + problems.report())
