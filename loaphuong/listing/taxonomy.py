"""Group plans by topic (chuyên trang / chuyên mục), year and issuing body, like Hugo taxonomies."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..plan import Plan
from ..text import slugify
from ..topic import Topic, TopicRegistry


@dataclass
class Body:
    """An issuing body (cơ quan ban hành), keyed by the slug of its name."""

    slug: str
    ten: str
    plans: list[Plan] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"co-quan/{self.slug}/"


def body_slug(name: str) -> str:
    return slugify(name)


def year_url(year: int) -> str:
    return f"luu-tru/{year}/"


class Taxonomy:
    """Plans grouped three ways. `plans` keep the order they come in (newest first from Site.plans)."""

    def __init__(self, plans: list[Plan], topics: TopicRegistry):
        self.plans = plans
        self.topics = topics
        self.by_topic: dict[str, list[Plan]] = {topic.slug: [] for topic in topics}
        self.by_year: dict[int, list[Plan]] = {}
        self.bodies: dict[str, Body] = {}
        for plan in plans:
            for slug in plan.chuyen_muc:
                self.by_topic.setdefault(slug, []).append(plan)
            self.by_year.setdefault(plan.year, []).append(plan)
            key = body_slug(plan.co_quan_ban_hanh)
            # Spellings differing only in case or diacritics share a page; the first name met is shown.
            self.bodies.setdefault(key, Body(key, plan.co_quan_ban_hanh)).plans.append(plan)

    def plans_of(self, topic: Topic) -> list[Plan]:
        return self.by_topic.get(topic.slug, [])

    def count(self, topic: Topic) -> int:
        return len(self.plans_of(topic))

    @property
    def years(self) -> list[int]:
        """Newest year first."""
        return sorted(self.by_year, reverse=True)

    def body_of(self, plan: Plan) -> Body:
        return self.bodies[body_slug(plan.co_quan_ban_hanh)]

    def sorted_bodies(self) -> list[Body]:
        """Busiest bodies first, then by name."""
        return sorted(self.bodies.values(), key=lambda b: (-len(b.plans), b.ten))
