"""End-of-build audit: every published plan is on the site exactly where readers look for it, and no hidden
plan is anywhere. Pure Python over the built folder; hooks/audit.py calls it after every other hook.

A plan that validates but does not reach the public (a skipped file, a hook that drops it, a template that
forgets it) fails the build naming the plan, instead of passing green.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .plan import Plan
from .search import page_locations
from .problems import Problems
from .topic import Topic

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@dataclass
class BuiltSite:
    """What the build produced: where pages were written and the site's own indexes."""

    site_dir: Path
    url_of: dict[str, str]  # src_uri -> site-relative URL, for every page of the build
    dest_of: dict[str, str]  # src_uri -> path of the written file, relative to site_dir
    sitemap: list[str]  # site-relative URLs listed in sitemap.xml
    search: list[str] | None  # site-relative URLs of search entries (None: this build has no search index)
    topic_pages: dict[str, list[str]] = field(default_factory=dict)  # topic slug -> src_uris of its pages


def sitemap_locations(site_dir: Path, site_url: str) -> list[str]:
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return []
    # Streamed: the whole tree of a 3,000-plan sitemap (20,000 elements) was a peak of the build's memory.
    locations = []
    for _, element in ET.iterparse(path, events=("end",)):
        if element.tag == f"{_SITEMAP_NS}loc":
            locations.append(_relative(element.text or "", site_url))
        elif element.tag == f"{_SITEMAP_NS}url":
            element.clear()
    return locations


def search_locations(site_dir: Path) -> list[str] | None:
    """Page entries of the search indexes (Pagefind in normal builds, Material's lunr index offline); None when
    the build wrote no index at all."""
    if not (site_dir / "pagefind").is_dir() and not (site_dir / "search" / "search_index.json").is_file():
        return None
    return page_locations(site_dir)


def _relative(url: str, site_url: str) -> str:
    url = url.strip()
    return url[len(site_url):] if site_url and url.startswith(site_url) else url.lstrip("/")


def audit(published: list[Plan], hidden: list[Plan], topics, built: BuiltSite, qa_src_of) -> Problems:
    """Problems naming each plan whose page, sitemap entry, search entry, Q&A page or topic entries are not
    exactly there; and each hidden plan (draft, future) found anywhere."""
    problems = Problems()
    sitemap, search = Counter(built.sitemap), Counter(built.search or [])
    urls = Counter(built.url_of.get(p.src_uri) for p in published)
    linked: dict[str, set[str]] = {}

    def fail(plan: Plan, what: str) -> None:
        problems.add(plan.source, 1, f"kế hoạch '{plan.slug}' {what}",
                     "lỗi của bộ dựng trang, không phải của tệp kế hoạch: báo cho người quản trị; "
                     "bản đang đăng được giữ nguyên", code="audit")

    for plan in published:
        url = built.url_of.get(plan.src_uri)
        dest = built.dest_of.get(plan.src_uri)
        if url is None or dest is None or not (built.site_dir / dest).is_file():
            fail(plan, "không có trang trong bản dựng")
            continue
        if urls[url] != 1:
            fail(plan, f"dùng chung địa chỉ {url} với kế hoạch khác")
        if sitemap[url] != 1:
            fail(plan, f"có {sitemap[url]} mục trong sitemap.xml (cần đúng 1)")
        if built.search is not None and search[url] != 1:
            fail(plan, f"có {search[url]} mục trong chỉ mục tìm kiếm (cần đúng 1)")
        qa_dest = built.dest_of.get(qa_src_of(plan))
        if qa_dest is None or not (built.site_dir / qa_dest).is_file():
            fail(plan, "không có trang hỏi và đáp")
        for slug in plan.chuyen_muc:
            topic: Topic | None = topics.get(slug)
            if topic is None:
                continue
            if _name(url) not in _linked_names(topic, built, linked):
                fail(plan, f"không có trong trang chuyên mục '{topic.slug}'")

    for plan in hidden:
        url = built.url_of.get(plan.src_uri) or plan.url
        where = [name for name, found in (
            ("trang", plan.src_uri in built.url_of or (built.site_dir / plan.url).exists()),
            ("sitemap.xml", sitemap[url] > 0), ("chỉ mục tìm kiếm", search[url] > 0),
            ("trang hỏi và đáp", qa_src_of(plan) in built.url_of)) if found]
        if where:
            problems.add(plan.source, 1, f"kế hoạch chưa đăng '{plan.slug}' (bản nháp hoặc chưa tới ngày đăng) "
                         f"lại có trong: {', '.join(where)}", "báo cho người quản trị", code="audit")
    return problems


_HREF = re.compile(r'href="([^"#?]*)')


def _linked_names(topic: Topic, built: BuiltSite, cache: dict) -> set[str]:
    """Last path segment of every link on the topic's pages (its listing is paged), read once per topic."""
    if topic.slug not in cache:
        names = set()
        for src in built.topic_pages.get(topic.slug, []):
            dest = built.dest_of.get(src)
            path = built.site_dir / dest if dest else None
            if path and path.is_file():
                for href in _HREF.findall(path.read_text(encoding="utf-8", errors="replace")):
                    names.add(_name(href))
        cache[topic.slug] = names
    return cache[topic.slug]


def _name(url: str) -> str:
    """'../../ke-hoach/x/', 'ke-hoach/x/index.html', 'ke-hoach/x.html' -> 'x'."""
    url = url.rstrip("/")
    for suffix in ("/index.html", ".html"):
        if url.endswith(suffix):
            url = url[: -len(suffix)]
    return url.rsplit("/", 1)[-1]
