"""What the search index holds: one record per readable page, written as HTML for Pagefind.

Pagefind indexes the folded words (see normalize.py) with field weights: số hiệu above title and
trích yếu, above metadata (cơ quan, người ký, chuyên mục, cited documents), above body text. The
accented original travels in the record's meta, unindexed, so results and snippets show it.
"""

from __future__ import annotations

import copy
import html
import json
import re
from dataclasses import dataclass, field

import lxml.html

from ..plan import Plan, VanBan
from ..text import nfc
from .normalize import index_text, query_words

PLAN, QA, PAGE = "plan", "qa", "page"
_BLOCKS = {"p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
           "div", "section", "summary", "details", "tr", "br", "figcaption"}
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
_SPACES = re.compile(r"\s+")


@dataclass
class PageContent:
    """A built page as the search hook sees it: its address, title and rendered Markdown content."""

    src_uri: str
    url: str
    title: str
    html: str
    generated: bool = False


@dataclass
class SearchRecord:
    url: str
    kind: str
    title: str
    content_html: str
    so_hieu: str = ""
    meta: str = ""
    extra_words: list[str] = field(default_factory=list)  # indexed, never shown (joined số hiệu forms)
    plan_url: str = ""


def so_hieu_words(so_hieu: str | None) -> list[str]:
    """'173-KH/ĐU' -> ['173kh', '173khdu']: readers also type the số hiệu without separators."""
    parts = query_words(so_hieu or "")
    return ["".join(parts[:n]) for n in range(2, len(parts) + 1)]


def _van_ban(vb: VanBan) -> str:
    return " ".join(p for p in (vb.loai, vb.so_hieu, vb.co_quan, vb.trich_yeu) if p)


def plan_metadata(plan: Plan, topic_names: list[str]) -> str:
    """Everything the plan template shows around the body, in reading order."""
    parts = [plan.co_quan_cap_tren, plan.co_quan_ban_hanh, plan.dia_danh, plan.ngay_ban_hanh_text,
             plan.nhiem_ky and f"nhiệm kỳ {plan.nhiem_ky}", plan.tham_quyen, plan.chuc_vu, plan.nguoi_ky,
             *topic_names, plan.tom_tat]
    parts += [f"Căn cứ {_van_ban(vb)}" for vb in plan.can_cu]
    parts += [_van_ban(vb) for vb in plan.van_ban_lien_quan]
    parts += plan.doi_tuong
    parts += [" ".join(p for p in (ev.ten, ev.dia_diem, ev.chu_tri) if p) for ev in plan.su_kien]
    parts += [" ".join(p for p in (t.viec, t.chiu_trach_nhiem) if p) for t in plan.thoi_han]
    parts += [d.don_vi for d in plan.don_vi_trach_nhiem]
    return " · ".join(nfc(p) for p in parts if p)


class RecordMaker:
    """Turns one built page into its search record, or None for a page the index leaves out (listings,
    the chuyên trang Q&A aggregates, drafts, future plans): the hook keeps only records, not every page."""

    def __init__(self, site):
        visible = [p for p in site.plans if not site.is_hidden_in_production(p)]
        self.site = site
        self.plans = {p.url: p for p in visible}
        self.qa = {p.qa_url: p for p in visible}

    def __call__(self, page: PageContent) -> SearchRecord | None:
        plan = self.plans.get(page.url)
        if plan is not None:
            topics = [t.ten for t in (self.site.topics.get(s) for s in plan.chuyen_muc) if t]
            cited = [w for vb in (*plan.can_cu, *plan.van_ban_lien_quan) for w in so_hieu_words(vb.so_hieu)]
            return SearchRecord(page.url, PLAN, plan.title, page.html, plan.so_hieu or "",
                                plan_metadata(plan, topics), so_hieu_words(plan.so_hieu) + cited)
        if page.url in self.qa:
            return SearchRecord(page.url, QA, page.title, page.html, plan_url=self.qa[page.url].url)
        if not page.generated:
            return SearchRecord(page.url, PAGE, page.title, page.html)
        return None


def build_records(site, pages: list[PageContent]) -> list[SearchRecord]:
    """Plan pages, their own Q&A pages and the hand-written pages; never drafts or future plans."""
    make = RecordMaker(site)
    return [record for record in map(make, pages) if record is not None]


def pairs(folded: str) -> str:
    """Adjacent words written together ('hoa giai o' -> 'hoagiai giaio'): searching for the query's
    pairs finds the pages that hold its words as a phrase, which Pagefind alone cannot rank."""
    words = query_words(folded)
    return " ".join(a + b for a, b in zip(words, words[1:]))


def _content_tree(content_html: str):
    root = lxml.html.fragment_fromstring(content_html or "<p></p>", create_parent="div")
    for bad in root.xpath("//script|//style|//comment()|//a[contains(@class,'headerlink')]"):
        bad.drop_tree()
    return root


def plain_text(root) -> str:
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = " " + (el.tail or "")
    return _SPACES.sub(" ", root.text_content()).strip()


def record_html(record: SearchRecord) -> str:
    """The HTML Pagefind indexes for one record: folded words weighted by field, accented meta."""
    root = _content_tree(nfc(record.content_html))
    headings = {el.get("id"): _SPACES.sub(" ", el.text_content()).strip()
                for el in root.iter(*_HEADINGS) if el.get("id")}
    original = plain_text(copy.deepcopy(root))  # plain_text spaces out the tails: a copy, not a second parse
    for el in root.iter():
        if el.text:
            el.text = index_text(el.text)
        if el.tail:
            el.tail = index_text(el.tail)
    body = lxml.html.tostring(root, encoding="unicode")
    e = html.escape
    meta = {"title": nfc(record.title), "k": record.kind, "s": nfc(record.so_hieu), "m": record.meta,
            "o": original, "h": json.dumps(headings, ensure_ascii=False), "p": record.plan_url}
    hidden = "".join(f'<span data-pagefind-meta="{k}">{e(v)}</span>' for k, v in meta.items() if v)
    title, meta_text = index_text(record.title), index_text(record.meta)
    return (f'<html lang="vi"><body><div data-pagefind-ignore>{hidden}</div>'
            f'<h1 data-pagefind-weight="7">{e(title)} {e(pairs(title))}</h1>'
            f'<p data-pagefind-weight="10">{e(index_text(record.so_hieu))} {e(" ".join(record.extra_words))}</p>'
            f'<p data-pagefind-weight="3">{e(meta_text)} {e(pairs(meta_text))}</p>'
            f'{body}<p>{e(pairs(original))}</p></body></html>')
