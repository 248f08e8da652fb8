"""The hỏi và đáp pages as Markdown sources: one per plan, one per chuyên trang, and the /hoi-dap/ index.

Each question is a Material collapsible block (`??? question`); every answer links to its section on the
plan page with a relative `.md` link, so MkDocs checks the anchor and writes the right URL in both the
normal and the offline (file://) build. Staff text is escaped: the pages show it, never interpret it.
"""

from __future__ import annotations

import functools
import html
import pickle
import posixpath
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING


from .. import frontmatter
from ..cache import Cache
from ..listing.nav import topic_src as listing_src
from ..listing.pagination import Pager, page_src, paginate
from ..parallel import map_all
from ..plan import Plan
from ..text import toc_slugify
from ..site import PageSource, Site
from ..topic import Topic
from .jsonld import faq_document, faq_page, questions, script_json
from .model import QA

if TYPE_CHECKING:
    from .generator import QASet

INDEX_SRC = "hoi-dap/index.md"
TOPIC_DIR = "hoi-dap/chuyen-trang"
# Starts each plan's part of a chuyên trang Q&A page: hooks/render_cache.py renders and caches the parts one
# by one, so saving one plan of a campaign of hundreds re-renders that plan's part only.
PART_MARK = "<!-- lp-qa-part -->\n"
TEMPLATE = "qa.html"
# Plans per page of a chuyên trang's Q&A: a campaign gathers hundreds of plans over the years, and one page
# of all their questions (megabytes) neither loads on a phone nor prints for one meeting.
PLANS_PER_TOPIC_PAGE = 10
# Newest plans listed per topic on /hoi-dap/; the topic's own listing links the Q&A of every other one (the full
# list was thousands of links, re-rendered on every save).
INDEX_PLANS_PER_TOPIC = 10
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!])")


def md_text(text: str) -> str:
    """Plain text -> Markdown that renders as exactly that text."""
    text = html.escape(" ".join(text.split()), quote=False)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^(\d+)\.", r"\1\\.", text)  # "1. …" would start a numbered list


def plan_src(plan: Plan) -> str:
    return f"hoi-dap/{plan.slug}.md"  # → /hoi-dap/<slug>/ (Plan.qa_url)


def topic_src(topic: Topic) -> str:
    return f"{TOPIC_DIR}/{topic.slug}.md"  # → /hoi-dap/chuyen-trang/<slug>/ (Topic.qa_url)


def link(from_src: str, to_src: str, anchor: str | None = None) -> str:
    path = posixpath.relpath(to_src, posixpath.dirname(from_src))
    return f"{path}#{anchor}" if anchor else path


def _pack(value) -> bytes:
    """What a page needs later, held compressed meanwhile (thousands of pages' JSON-LD live all build long)."""
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(data: bytes):
    return pickle.loads(zlib.decompress(data))


@dataclass
class QAPage:
    """A generated page and what its template needs (print header, JSON-LD)."""

    src_uri: str
    markdown: str | None  # None: made again when MkDocs reads the page (`read`), not held all build long
    title: str
    kind: str  # "plan" | "topic" | "index"
    packed_jsonld: bytes | None = None  # the JSON-LD, compressed (`jsonld`)
    plan: Plan | None = None
    topic: Topic | None = None
    hidden: bool = False  # preview only: a draft or future plan
    plans: list[Plan] = field(default_factory=list)
    pager: Pager | None = None  # a chuyên trang's pages: which of them this is
    warnings: list[str] = field(default_factory=list)  # e.g. a hand-written question's 'muc' names no section
    reader: Callable[[], str] | None = None  # gives the Markdown when `markdown` is None
    jsonld_maker: Callable[[], str | None] | None = None  # gives the JSON-LD when it is made on demand

    def read(self) -> str:
        return self.markdown if self.markdown is not None else self.reader()

    @property
    def jsonld(self) -> str | None:
        """The page's schema.org JSON-LD, made or unpacked when asked (the fingerprint, the template)."""
        if self.jsonld_maker is not None:
            return self.jsonld_maker()
        return None if self.packed_jsonld is None else _unpack(self.packed_jsonld)

    @property
    def source(self) -> PageSource:
        return PageSource(self.src_uri, self.read())


def _front_matter(title: str, description: str, search: bool = True) -> str:
    meta = {"title": title, "template": TEMPLATE, "description": description}
    if not search:
        # Aggregates repeat the plans' own Q&A pages: one search hit per question, and no re-parsing
        # of pages with thousands of sections.
        meta["search"] = {"exclude": True}
    return frontmatter.dump(meta, width=1000)


def _qa_block(number: int, item: QA, here: str, plan: Plan) -> str:
    lines = [f'??? question "Câu {number}. {md_text(item.question)}"', ""]
    if item.answer:
        lines += [f"    {md_text(item.answer)}", ""]
    for point in item.points:
        lines.append(f"    - {md_text(point)}")
    if item.points:
        lines.append("")
    target = link(here, plan.src_uri, item.source.anchor)
    cite = md_text(item.source.text + (f" — {item.source.title}" if item.source.label and item.source.title else ""))
    lines += [f"    Nguồn: [{cite}]({target}){{ .lp-qa__source }}", ""]
    return "\n".join(lines)


def _questions_markdown(qa: QASet, here: str, level: int = 2, start: int = 1) -> tuple[str, int]:
    parts, number = [], start
    for group, items in qa.groups():
        # On a chuyên trang page every plan repeats the group headings: ids carry the plan's slug, so they
        # are unique without depending on the plans before (each part renders on its own, see PART_MARK).
        anchor = f" {{ #{qa.plan.slug}-{toc_slugify(group)} }}" if level > 2 else ""
        parts.append(f"{'#' * level} {md_text(group)}{anchor}\n")
        for item in items:
            parts.append(_qa_block(number, item, here, qa.plan))
            number += 1
    return "\n".join(parts), number


def _preview_note(plan: Plan) -> str:
    why = "đang là bản nháp" if plan.ban_nhap else f"sẽ đăng từ ngày {plan.ngay_dang:%d/%m/%Y}"
    return (f'!!! warning "Bản xem trước — chưa đăng công khai"\n\n    Kế hoạch {why}; trang hỏi đáp này '
            "chỉ hiện khi chạy `make serve`.\n\n")


def plan_page(plan: Plan, qa: QASet, hidden: bool = False) -> QAPage:
    from .questions import shorten  # with the generator: only when questions are made

    src = plan_src(plan)
    body, _ = _questions_markdown(qa, src)
    intro = (f"Tài liệu hỏi và đáp về [{md_text(plan.title)}]({link(src, plan.src_uri)}), dùng trong sinh hoạt "
             "chi bộ. Mỗi đáp án trích từ văn bản và ghi rõ mục nguồn.\n\n")
    title = f"Hỏi và đáp: {plan.short_title if plan.so_hieu else plan.loai_van_ban + ' ' + shorten(plan.trich_yeu, 14)}"
    markdown = (_front_matter(title, f"Hỏi và đáp về {plan.title}") + (_preview_note(plan) if hidden else "")
                + intro + body)
    jsonld = script_json(faq_page(qa.items, f"Hỏi và đáp: {plan.title}"))
    return QAPage(src, markdown, title, "plan", _pack(jsonld), plan=plan, hidden=hidden, warnings=qa.warnings)


def _topic_part(qa: QASet) -> str:
    # Every chuyên trang Q&A page sits in hoi-dap/chuyen-trang/: a plan's part is the same on each of them.
    return _questions_markdown(qa, f"{TOPIC_DIR}/_.md", level=3)[0]  # links depend on the folder only


@dataclass
class PlanQA:
    """What the chuyên trang and index pages need of a plan's questions (its Q&A items are not kept)."""

    plan: Plan
    count: int
    # (schema.org Questions for the chuyên trang JSON-LD, the plan's part of a chuyên trang page), compressed:
    # held from on_files until the chuyên trang pages are read, for every plan of a campaign.
    packed: bytes | None = None

    @property
    def entities(self) -> list[dict]:
        return _unpack(self.packed)[0] if self.packed else []

    @property
    def topic_markdown(self) -> str:
        return _unpack(self.packed)[1] if self.packed else ""


def topic_pages(topic: Topic, sets: list[PlanQA], site: Site) -> list[QAPage]:
    """A chuyên trang's pages, PLANS_PER_TOPIC_PAGE plans each (page n at hoi-dap/chuyen-trang/<slug>/trang/n/).

    Their Markdown and JSON-LD are made when MkDocs reads a page and when they are asked for, not held from
    on_files to the end of the build."""
    pages = []
    for pager, chunk in paginate(sets, topic.qa_url, PLANS_PER_TOPIC_PAGE):
        src = page_src(topic_src(topic), topic.qa_url, pager.number)
        title = f"Hỏi và đáp: {topic.ten}" + (f" — trang {pager.number}" if pager.number > 1 else "")
        pages.append(QAPage(src, None, title, "topic", topic=topic, plans=[qa.plan for qa in chunk], pager=pager,
                            reader=functools.partial(_topic_markdown, topic, chunk, site, title, src, pager),
                            jsonld_maker=functools.partial(_topic_jsonld, chunk, title)))
    return pages


def _topic_markdown(topic: Topic, sets: list[PlanQA], site: Site, title: str, src: str, pager: Pager) -> str:
    # The plans' parts link from hoi-dap/chuyen-trang/ (_topic_part); later pages sit deeper.
    deeper = posixpath.relpath(TOPIC_DIR, posixpath.dirname(src)) + "/"
    parts = []
    for qa in sets:
        plan = qa.plan
        parts.append(f"{PART_MARK}## {md_text(plan.title)} {{ #{plan.slug} }}\n")
        if site.is_hidden_in_production(plan):
            parts.append(_preview_note(plan))
        parts.append(f"[Xem kế hoạch]({link(src, plan.src_uri)}) · [Hỏi đáp riêng kế hoạch này]"
                     f"({link(src, plan_src(plan))})\n")
        part = qa.topic_markdown
        # Staff text is escaped (md_text), so "](" only starts the part's own links, all relative ("../").
        parts.append(part if deeper == "./" else part.replace("](../", f"]({deeper}../"))
    intro = (f"Tài liệu hỏi và đáp tổng hợp các kế hoạch thuộc chuyên trang “{md_text(topic.ten)}”."
             if sets else "Chuyên trang chưa có kế hoạch nào.")
    if pager.total > 1:
        intro += (f" Mỗi trang gồm {pager.per_page} kế hoạch; trang này gồm kế hoạch {pager.first_index}–"
                  f"{pager.last_index} trong tổng số {pager.count}.")
    description = f"Hỏi và đáp tổng hợp: {topic.ten}" + (f", trang {pager.number}" if pager.number > 1 else "")
    return _front_matter(title, description, search=False) + intro + "\n\n" + "\n".join(parts)


def _topic_jsonld(sets: list[PlanQA], title: str) -> str | None:
    items = [entity for qa in sets for entity in qa.entities]
    return script_json(faq_document(items, title)) if items else None


def index_page(site: Site, sets: dict[str, PlanQA]) -> QAPage:
    lines = ["Tài liệu hỏi và đáp tạo từ nội dung từng kế hoạch, dùng để sinh hoạt chi bộ, tự kiểm tra "
             "hoặc in phát cho đảng viên. Mỗi đáp án dẫn về mục gốc của kế hoạch.\n"]
    for topic in site.topics:
        plans = [p for p in site.plans if topic.slug in p.chuyen_muc]
        if not plans:
            continue
        # Each topic a part rendered and cached alone (hooks/render_cache.py): a save re-renders the lists of
        # the edited plan's topics, not the whole index (200 KB of Markdown at 1,000 plans).
        lines.append(f"{PART_MARK}## {md_text(topic.ten)}\n")
        if topic.is_campaign:
            lines.append(f"[Hỏi và đáp tổng hợp của chuyên trang]({link(INDEX_SRC, topic_src(topic))})\n")
        for plan in plans[:INDEX_PLANS_PER_TOPIC]:
            count = sets[plan.slug].count
            mark = " *(bản xem trước)*" if site.is_hidden_in_production(plan) else ""
            lines.append(f"- [{md_text(plan.title)}]({link(INDEX_SRC, plan_src(plan))}) — {count} câu hỏi{mark}")
        if len(plans) > INDEX_PLANS_PER_TOPIC:
            # Every plan of the topic's listing links its own Q&A page ("Hỏi – đáp").
            lines.append(f"\n[Xem đủ {len(plans)} kế hoạch của {'chuyên trang' if topic.is_campaign else 'chuyên mục'}"
                         f" “{md_text(topic.ten)}”, mỗi kế hoạch có liên kết hỏi đáp]"
                         f"({link(INDEX_SRC, listing_src(topic))}){{ .lp-qa__more }}")
        lines.append("")
    if len(lines) == 1:
        lines.append("Chưa có kế hoạch nào được đăng.")
    markdown = _front_matter("Hỏi và đáp", "Tài liệu hỏi và đáp về các kế hoạch, theo chuyên mục.") + "\n".join(lines)
    return QAPage(INDEX_SRC, markdown, "Hỏi và đáp", "index")


def _plan_entry(job: tuple[Plan, bool]) -> tuple:
    """What a plan's Q&A page is made of; depends on the plan alone (and whether it is shown as a preview)."""
    from .generator import generate  # imported on a cache miss only (a warm build makes no questions)

    plan, hidden = job
    qa = generate(plan)
    page = plan_page(plan, qa, hidden)
    # Stored packed as pages hold them (QAPage.packed_jsonld, PlanQA.packed): a warm build compresses nothing.
    return (len(qa.items), qa.warnings, page.markdown, page.title, page.packed_jsonld,
            _pack((questions(qa.items), _topic_part(qa))))


def _read_markdown(cache: Cache, key: str, job: tuple[Plan, bool]) -> str:
    entry = cache.get(key) or _plan_entry(job)  # gone or damaged since: made again, the same
    return entry[2]


def qa_pages(site: Site, cache: Cache | None = None) -> list[QAPage]:
    """Every Q&A page of this build: only the plans the build shows (site.plans: drafts only in preview).

    A plan's questions and page are cached by the plan's digest (`cache`), and generated on every core
    for the plans that are not.
    """
    jobs = [(plan, site.is_hidden_in_production(plan)) for plan in site.plans]
    keys = [cache.key("qa", plan.digest, str(hidden)) if cache and plan.digest else None for plan, hidden in jobs]
    # Cached entries are read one at a time below: a warm build never holds every plan's questions at once.
    missing = [i for i, key in enumerate(keys) if not (key and cache.exists(key))]
    made = dict(zip(missing, map_all(_plan_entry, [jobs[i] for i in missing])))
    campaigns = {topic.slug for topic in site.topics.of_kind("chuyen-trang")}
    sets, pages = {}, []
    for i, (plan, hidden) in enumerate(jobs):
        entry = made.pop(i, None)
        fresh = entry is not None
        if entry is None and keys[i]:
            entry = cache.get(keys[i])
        if entry is None:  # no digest, or an entry unreadable after all: made again
            entry, fresh = _plan_entry(jobs[i]), True
        if fresh and keys[i]:
            cache.put(keys[i], entry)
        count, warnings, markdown, title, packed_jsonld, packed_parts = entry
        in_campaign = bool(campaigns.intersection(plan.chuyen_muc))  # only campaigns gather plans' questions
        sets[plan.slug] = PlanQA(plan, count, packed_parts if in_campaign else None)
        # With a cache, the page's Markdown is read back from it when MkDocs reads the page (hooks/qa.py):
        # a thousand Q&A pages' Markdown is never held at once.
        reader = functools.partial(_read_markdown, cache, keys[i], jobs[i]) if keys[i] else None
        pages.append(QAPage(plan_src(plan), None if reader else markdown, title, "plan", packed_jsonld, plan=plan,
                            hidden=hidden, warnings=warnings, reader=reader))
    for topic in site.topics.of_kind("chuyen-trang"):
        pages += topic_pages(topic, [sets[p.slug] for p in site.plans if topic.slug in p.chuyen_muc], site)
    pages.append(index_page(site, sets))
    return pages

