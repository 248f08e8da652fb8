"""Every listing page of the site: its Markdown source (front-matter picks the template) and the data
the template shows. Built once per build from front-matter; no plan body is rendered here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


from .. import frontmatter
from ..plan import Plan
from ..site import PageSource, Site
from ..topic import CHUYEN_MUC, CHUYEN_TRANG, Topic
from . import nav
from .agenda import AgendaItem, agenda, by_month, recurring, upcoming
from .pagination import paginate, page_src
from .references import DocumentGraph
from .taxonomy import Taxonomy, year_url

HOME_LATEST = 8
HOME_UPCOMING = 6
CAMPAIGN_FEATURED = 3
CAMPAIGN_UPCOMING = 6
RECENT_PAST_MONTHS = 3  # months of past items on /lich/ itself, this one included


def calendar_year_url(year: int) -> str:
    return f"lich/{year}/"


def _months_before(today: dt.date, months: int) -> dt.date:
    """The first day of the month `months` before today's."""
    index = today.year * 12 + today.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass
class ListingPage:
    source: PageSource
    data: dict  # put into the template context as `listing`
    in_nav: bool = True


@dataclass
class GroupItem:
    ten: str
    url: str
    count: int
    mo_ta: str | None = None


@dataclass
class Group:
    title: str
    items: list[GroupItem] = field(default_factory=list)


class Listings:
    """The listing pages of one build."""

    def __init__(self, site: Site, intros: dict[str, str] | None = None):
        self.site = site
        self.taxonomy = Taxonomy(site.plans, site.topics)
        self.graph = DocumentGraph(site.plans)
        self.agenda = agenda(site.plans, site.today)
        self.intros = intros or {}  # chuyên trang slug -> intro Markdown from docs/chuyen-trang/<slug>.md
        self.pages: dict[str, ListingPage] = {}
        self._build()

    def calendar_items(self) -> list[AgendaItem]:
        """For lich.ics: published plans only, even in preview."""
        return agenda(self.site.catalogue.published(self.site.today))

    def home_data(self) -> dict:
        """Context for docs/index.md, whose own Markdown is the intro."""
        return {"kind": "home", "latest": self.site.plans[:HOME_LATEST], "count": len(self.site.plans),
                "campaigns": self._topic_items(self.site.topics.of_kind(CHUYEN_TRANG)),
                "upcoming": upcoming(self.agenda, self.site.today, HOME_UPCOMING)}

    def topic_of(self, plan: Plan) -> list[Topic]:
        return [t for t in (self.site.topics.get(s) for s in plan.chuyen_muc) if t]

    # -- building -----------------------------------------------------------------------------------

    def _add(self, src: str, meta: dict, data: dict, body: str = "", in_nav: bool = True) -> None:
        meta = {"hide": ["toc"], **meta}
        markdown = frontmatter.dump(meta) + body
        self.pages[src] = ListingPage(PageSource(src, markdown), data, in_nav)

    def _paged(self, first_src: str, base: str, meta: dict, data: dict, plans: list[Plan],
               body: str = "", in_nav: bool = True) -> None:
        """A plan list over pages of 20; page 1 carries the extras in `data` and the intro `body`."""
        for pager, chunk in paginate(plans, base):
            page_meta = dict(meta)
            if pager.number > 1:
                page_meta["title"] = f"{meta['title']} — trang {pager.number}"
                page_meta["search"] = {"exclude": True}  # one search hit per listing, not one per page
            page_data = {**data, "pager": pager, "plans": chunk, "count": len(plans), "first_page": pager.number == 1}
            self._add(page_src(first_src, base, pager.number), page_meta, page_data,
                      body if pager.number == 1 else "", in_nav and pager.number == 1)

    def _build(self) -> None:
        topics, tax, today = self.site.topics, self.taxonomy, self.site.today
        campaigns, columns = topics.of_kind(CHUYEN_TRANG), topics.of_kind(CHUYEN_MUC)

        self._add(nav.CAMPAIGNS_INDEX, {"title": "Chuyên trang", "template": "groups.html",
                                        "description": "Các đợt học tập, quán triệt, tuyên truyền trọng tâm."},
                  {"kind": "campaigns", "lead": "Các đợt học tập, quán triệt, tuyên truyền trọng tâm của cấp ủy.",
                   "groups": [Group("Chuyên trang", self._topic_items(campaigns))], "cards": True})
        self._add(nav.TOPICS_INDEX, {"title": "Chuyên mục", "template": "groups.html",
                                     "description": "Mọi chuyên mục và chuyên trang của cổng, kèm số văn bản."},
                  {"kind": "topics", "lead": "Văn bản được xếp theo chủ đề. Mỗi văn bản có thể thuộc nhiều chuyên mục.",
                   "groups": [Group("Chuyên mục", self._topic_items(columns)),
                              Group("Chuyên trang", self._topic_items(campaigns))]})
        for topic in topics:
            plans = tax.plans_of(topic)
            data = {"kind": "topic", "topic": topic}
            if topic.is_campaign:
                items = agenda(plans, today)
                data.update(featured=plans[:CAMPAIGN_FEATURED], upcoming=upcoming(items, today, CAMPAIGN_UPCOMING))
            self._paged(nav.topic_src(topic), topic.url,
                        {"title": topic.ten, "template": "topic.html", "description": topic.mo_ta or topic.ten},
                        data, plans, body=self.intros.get(topic.slug, "") if topic.is_campaign else "")

        self._add(nav.YEARS_INDEX, {"title": "Lưu trữ theo năm", "template": "groups.html",
                                    "description": "Văn bản theo năm ban hành."},
                  {"kind": "years", "lead": "Văn bản theo năm ban hành (văn bản không ghi ngày xếp theo năm đăng).",
                   "groups": [Group("Năm", [GroupItem(f"Năm {y}", year_url(y), len(tax.by_year[y]))
                                            for y in tax.years])], "compact": True})
        for year in tax.years:
            self._paged(f"{year_url(year).rstrip('/')}.md", year_url(year),
                        {"title": f"Văn bản năm {year}", "template": "archive.html",
                         "description": f"Các văn bản ban hành năm {year}."},
                        {"kind": "year", "year": year, "years": tax.years}, tax.by_year[year], in_nav=False)

        bodies = tax.sorted_bodies()
        self._add(nav.BODIES_INDEX, {"title": "Cơ quan ban hành", "template": "groups.html",
                                     "description": "Văn bản theo cơ quan ban hành."},
                  {"kind": "bodies", "lead": "Văn bản theo cơ quan ban hành.",
                   "groups": [Group("Cơ quan", [GroupItem(b.ten, b.url, len(b.plans)) for b in bodies])]})
        for body in bodies:
            self._paged(f"{body.url.rstrip('/')}.md", body.url,
                        {"title": body.ten, "template": "archive.html",
                         "description": f"Các văn bản do {body.ten} ban hành."},
                        {"kind": "body", "body": body}, body.plans, in_nav=False)

        self._add(nav.DOCUMENTS, {"title": "Văn bản", "template": "documents.html",
                                  "description": "Danh sách mọi văn bản đăng trên cổng, lọc theo chủ đề, năm, cơ quan."},
                  {"kind": "documents", "plans": self.site.plans, "count": len(self.site.plans),
                   "topics": list(topics), "years": tax.years, "bodies": sorted(tax.bodies.values(), key=lambda b: b.ten)})

        # /lich/ shows what is coming and the last few months; each earlier year has its page (/lich/<year>/):
        # an archive of thousands of past items made /lich/ megabytes long on a phone.
        past = [it for it in self.agenda if not it.is_upcoming(today) and not it.is_recurring]
        recent_from = _months_before(today, RECENT_PAST_MONTHS - 1)
        years = sorted({it.day.year for it in past if it.day < recent_from}, reverse=True)
        year_items = [GroupItem(f"Năm {y}", calendar_year_url(y), sum(it.day.year == y for it in past))
                      for y in years]
        self._add(nav.CALENDAR, {"title": "Lịch công tác", "template": "calendar.html",
                                 "description": "Sự kiện và thời hạn trong các kế hoạch, theo tháng."},
                  {"kind": "calendar",
                   "coming": by_month(upcoming(self.agenda, today)),
                   "past": by_month([it for it in past if it.day >= recent_from], newest_first=True),
                   "past_years": year_items,
                   "recurring": recurring(self.site.plans, today),
                   "count": len(self.agenda)})
        for year in years:
            self._add(f"{calendar_year_url(year).rstrip('/')}.md",
                      {"title": f"Lịch công tác năm {year}", "template": "calendar.html",
                       "description": f"Sự kiện và thời hạn đã qua trong năm {year}, theo tháng.",
                       "search": {"exclude": True}},
                      {"kind": "calendar-year", "year": year, "past_years": year_items,
                       "past": by_month([it for it in past if it.day.year == year], newest_first=True)},
                      in_nav=False)

    def _topic_items(self, topics: list[Topic]) -> list[GroupItem]:
        return [GroupItem(t.ten, t.url, self.taxonomy.count(t), t.mo_ta) for t in topics]
