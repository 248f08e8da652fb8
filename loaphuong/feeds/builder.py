"""Which feeds the site publishes and what each holds: the site feed (RSS + Atom) and one RSS feed
per chuyên mục/chuyên trang, each the newest `length` published plans."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from itertools import islice

from ..plan import Plan
from ..social import published_time
from ..topic import Topic, TopicRegistry
from . import writer
from .items import Enclosure, FeedItem, feed_item, newest_first
from .writer import Channel

DEFAULT_LENGTH = 50
SITE_RSS = "feed.xml"
SITE_ATOM = "feed.atom"


class FeedConfigError(ValueError):
    pass


def feed_length(extra: Mapping | None) -> int:
    """`extra: feeds: length: N` in mkdocs.yml; 50 when absent."""
    settings = (extra or {}).get("feeds") or {}
    if not isinstance(settings, Mapping):
        raise FeedConfigError("mkdocs.yml: 'extra.feeds' phải có dạng 'feeds:' rồi dòng 'length: 50' thụt vào")
    length = settings.get("length", DEFAULT_LENGTH)
    if isinstance(length, bool) or not isinstance(length, int) or length < 1:
        raise FeedConfigError(f"mkdocs.yml: 'extra.feeds.length' phải là số nguyên dương (đang là {length!r})")
    return length


@dataclass
class SiteInfo:
    url: str  # absolute, ends with '/'
    name: str
    description: str
    copyright: str | None = None
    image_url: str | None = None


class FeedBuilder:
    """Feeds as {site-relative path: bytes}. `page_html` holds each plan's rendered body by slug;
    `enclosure_for` gives a plan's preview image (or None)."""

    def __init__(self, info: SiteInfo, topics: TopicRegistry, *, length: int = DEFAULT_LENGTH,
                 page_html: Mapping[str, str] | None = None,
                 enclosure_for: Callable[[Plan], Enclosure | None] = lambda plan: None,
                 topic_image: Callable[[Topic], str | None] = lambda topic: None):
        self.info, self.topics, self.length = info, topics, length
        self.page_html = page_html or {}
        self.enclosure_for, self.topic_image = enclosure_for, topic_image

    def build(self, plans: list[Plan]) -> dict[str, bytes]:
        plans = newest_first(plans)
        # The newest plan anywhere dates an empty topic feed, so it too is stable across rebuilds.
        fallback = published_time(plans[0].ngay_dang) if plans else None
        newest, by_topic = selection(plans, self.topics, self.length)
        # Items only for plans some feed shows (each parses its page's HTML); one per slug, as listed last.
        last = {plan.slug: plan for plan in plans}
        items: dict[str, FeedItem] = {}

        def item(plan: Plan) -> FeedItem:
            if plan.slug not in items:
                items[plan.slug] = self._item(last[plan.slug])
            return items[plan.slug]

        newest = [item(p) for p in newest]
        info = self.info
        site = dict(title=info.name, link=info.url, description=info.description)
        feeds = {
            SITE_RSS: writer.rss(self._channel(**site, self_url=info.url + SITE_RSS,
                                               updated=_updated(newest, fallback)), newest),
            SITE_ATOM: writer.atom(self._channel(**site, self_url=info.url + SITE_ATOM,
                                                 updated=_updated(newest, fallback)), newest),
        }
        for topic in self.topics:
            chosen = [item(p) for p in by_topic[topic.slug]]
            feeds[topic.feed_url] = writer.rss(self._topic_channel(topic, _updated(chosen, fallback)), chosen)
        return feeds

    def _item(self, plan: Plan) -> FeedItem:
        topics = [t for t in (self.topics.get(slug) for slug in plan.chuyen_muc) if t]
        return feed_item(plan, topics, site_url=self.info.url, page_html=self.page_html.get(plan.slug, ""),
                         enclosure=self.enclosure_for(plan))

    def _topic_channel(self, topic: Topic, updated: dt.datetime) -> Channel:
        kind = "Chuyên trang" if topic.is_campaign else "Chuyên mục"
        return self._channel(
            title=f"{topic.ten} — {self.info.name}", link=self.info.url + topic.url,
            description=topic.mo_ta or f"{kind} {topic.ten}: các kế hoạch mới trên {self.info.name}",
            self_url=self.info.url + topic.feed_url, updated=updated,
            image_url=self.topic_image(topic) or self.info.image_url,
        )

    def _channel(self, **fields) -> Channel:
        fields.setdefault("image_url", self.info.image_url)
        return Channel(copyright=self.info.copyright, author=self.info.name, **fields)


def selection(plans: list[Plan], topics: TopicRegistry, length: int) -> tuple[list[Plan], dict[str, list[Plan]]]:
    """What the feeds show, from plans sorted newest first: the site feed's plans and each topic's."""
    by_topic: dict[str, list[Plan]] = {}
    for topic in topics:
        by_topic[topic.slug] = list(islice((p for p in plans if topic.slug in p.chuyen_muc), length))
    return plans[:length], by_topic


def feed_slugs(plans: list[Plan], topics: TopicRegistry, length: int) -> set[str]:
    """Slugs of the plans some feed shows: only their page HTML is needed (a build keeps no other)."""
    newest, by_topic = selection(newest_first(plans), topics, length)
    return {p.slug for p in newest} | {p.slug for chosen in by_topic.values() for p in chosen}


def _updated(items: list[FeedItem], fallback: dt.datetime | None) -> dt.datetime:
    if items:
        return max(item.published for item in items)
    if fallback:
        return fallback
    return published_time(dt.date(2000, 1, 1))  # no plan at all yet: any fixed date keeps builds identical
