"""Feed items from plans: plain data, independent of the feed format and of MkDocs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from html import escape

from ..plan import Plan
from ..social import published_time
from ..topic import Topic
from .content import absolute_html, first_paragraph


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    type: str


@dataclass(frozen=True)
class Category:
    term: str  # topic slug
    label: str  # topic name, what RSS readers show
    scheme: str  # the topic page


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str  # canonical URL; also the guid/id, so a plan keeps its identity across rebuilds
    published: dt.datetime
    description: str
    content_html: str
    author: str
    categories: tuple[Category, ...] = field(default_factory=tuple)
    enclosure: Enclosure | None = None


def newest_first(plans: list[Plan]) -> list[Plan]:
    """Newest ngày đăng first; ties broken by ngày ban hành and slug so the order never wobbles."""
    return sorted(plans, key=lambda p: (p.ngay_dang, p.sort_date, p.slug), reverse=True)


def feed_item(plan: Plan, topics: list[Topic], *, site_url: str, page_html: str = "",
              enclosure: Enclosure | None = None) -> FeedItem:
    link = site_url + plan.url
    body = absolute_html(page_html, link)
    return FeedItem(
        title=plan.title, link=link, published=published_time(plan.ngay_dang),
        description=plan.tom_tat or first_paragraph(page_html) or plan.trich_yeu,
        content_html=_document_header(plan) + body, author=plan.co_quan_ban_hanh,
        categories=tuple(Category(t.slug, t.ten, site_url + t.url) for t in topics), enclosure=enclosure,
    )


def _document_header(plan: Plan) -> str:
    """The facts a reposted item needs before the body: number, date and issuer (the page shows them in
    its template, so they are not in the captured body)."""
    facts = [("Số hiệu", plan.so_hieu or "Văn bản không ghi số")]
    if plan.ngay_ban_hanh_text:
        facts.append(("Ngày ban hành", plan.ngay_ban_hanh_text))
    facts.append(("Cơ quan ban hành", plan.co_quan_ban_hanh))
    return "<p>" + "<br>".join(f"<strong>{escape(k)}:</strong> {escape(v)}" for k, v in facts) + "</p>\n"
