"""The site as a whole: which plans are visible on this build, and where each page lives.

Plain Python; the MkDocs hooks call it and translate its answers into MkDocs files.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from pathlib import Path


from . import frontmatter
from . import catalogue as catalogue_module
from .catalogue import Catalogue
from .plan import Plan
from .problems import PlanError, Problems


@dataclass
class PageSource:
    """A page the site generates: where it goes and its Markdown (front-matter included)."""

    src_uri: str
    markdown: str


@dataclass
class Site:
    catalogue: Catalogue
    today: dt.date
    preview: bool = False  # `make serve`: drafts and future plans shown, clearly marked
    _plans: list[Plan] = field(default_factory=list, init=False, repr=False)
    _by_src: dict[str, Plan] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        # Sorted once: every hook and listing reads it, some once per topic or per page.
        if self.preview:
            self._plans = catalogue_module.newest_first(self.catalogue.plans)
        else:
            self._plans = self.catalogue.published(self.today)
        self._by_src = {plan.src_uri: plan for plan in self._plans}

    @property
    def plans(self) -> list[Plan]:
        """Plans shown on this build, newest first. Drafts and future plans only in preview."""
        return self._plans

    @property
    def topics(self):
        return self.catalogue.topics

    def plan_at(self, src_uri: str) -> Plan | None:
        return self._by_src.get(src_uri)

    def is_hidden_in_production(self, plan: Plan) -> bool:
        return not plan.is_published(self.today)

    def redirects(self) -> list[tuple[str, Plan]]:
        """(old address, plan) for every slug_cu: links already shared keep working after a rename."""
        return [(f"ke-hoach/{old}/", plan) for plan in self.plans for old in plan.slug_cu if old != plan.slug]


def plan_page_markdown(plan: Plan) -> str:
    """Front-matter for MkDocs (title, template, description) followed by the plan's own body."""
    meta = {"title": plan.title, "template": "plan.html", "description": plan.tom_tat or plan.trich_yeu}
    return frontmatter.dump(meta) + plan.body


def redirect_html(target: str, canonical: str, title: str) -> str:
    """A static page sending readers (and search engines, via canonical) to a plan's new address."""
    target, canonical, title = (html.escape(v, quote=True) for v in (target, canonical, title))
    return (f'<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">\n<title>{title}</title>\n'
            f'<link rel="canonical" href="{canonical}">\n<meta name="robots" content="noindex">\n'
            f'<meta http-equiv="refresh" content="0; url={target}">\n</head><body>\n'
            f'<p>Kế hoạch đã chuyển sang địa chỉ mới: <a href="{target}">{title}</a>.</p>\n</body></html>\n')


def load_site(plans_dir: str | Path, today: dt.date, *, preview: bool = False, cache=None) -> Site:
    """Load and validate; any error stops here so a wrong or lost plan never reaches the public.
    `cache` (a loaphuong.cache.Cache): plans unchanged since the last build are not parsed again."""
    cat = catalogue_module.load(plans_dir, cache=cache)
    if cat.problems.errors:
        raise PlanError(cat.problems)
    site = Site(cat, today, preview=preview)
    if not preview and cat.files and not site.plans:
        raise PlanError(nothing_published(cat, today, Path(plans_dir).name))
    return site


def nothing_published(cat: Catalogue, today: dt.date, folder: str = "plans") -> Problems:
    """plans/ holds plan files and none would be published: a portal silently emptied is worse than no build."""
    drafts = sum(1 for p in cat.plans if p.ban_nhap)
    future = sum(1 for p in cat.plans if not p.ban_nhap and p.ngay_dang > today)
    problems = Problems()
    problems.add(f"{folder}/", 1,
                 f"thư mục {folder}/ có {cat.files} tệp kế hoạch nhưng không kế hoạch nào được đăng "
                 f"({drafts} bản nháp, {future} có ngày đăng sau {today.strftime('%d/%m/%Y')}, "
                 f"{cat.files - len(cat.plans)} không đọc được)",
                 "đổi 'ban_nhap: false' cho kế hoạch cần đăng; dựng trang dừng lại để không đăng một cổng trống",
                 code="nothing-published")
    return problems
