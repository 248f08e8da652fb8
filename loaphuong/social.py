"""What a page tells Facebook, Zalo and feed readers about itself: Open Graph/Twitter tags and feed links.

Plain data for overrides/partials/social.html; every URL here is absolute because crawlers and feed
readers fetch them out of context.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .dates import VIETNAM_TZ
from .plan import Plan
from .topic import Topic

LOCALE = "vi_VN"
DESCRIPTION_MAX = 300  # Facebook shows about two lines; Zalo fewer


class SiteUrlMissing(ValueError):
    pass


def require_site_url(site_url: str | None) -> str:
    """Feeds and previews need absolute URLs, so a build without site_url stops here."""
    if not site_url:
        raise SiteUrlMissing(
            "mkdocs.yml: thiếu 'site_url' (địa chỉ thật của cổng, ví dụ https://loaphuong.example.vn/); "
            "RSS và ảnh xem trước khi chia sẻ cần địa chỉ tuyệt đối"
        )
    return site_url if site_url.endswith("/") else site_url + "/"


@dataclass(frozen=True)
class SocialImage:
    url: str
    width: int | None = None
    height: int | None = None
    type: str | None = None
    alt: str = ""


@dataclass(frozen=True)
class FeedLink:
    title: str
    href: str
    type: str = "application/rss+xml"


@dataclass(frozen=True)
class SocialTags:
    title: str
    description: str
    url: str
    site_name: str
    image: SocialImage | None = None
    type: str = "website"
    published_time: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)

    def meta(self) -> list[tuple[str, str, str]]:
        """(attribute, name, content) triples: Open Graph uses property=, Twitter uses name=."""
        og = [("og:type", self.type), ("og:site_name", self.site_name), ("og:locale", LOCALE),
              ("og:title", self.title), ("og:description", self.description), ("og:url", self.url)]
        if self.image:
            og.append(("og:image", self.image.url))
            if self.image.url.startswith("https:"):
                og.append(("og:image:secure_url", self.image.url))
            if self.image.type:
                og.append(("og:image:type", self.image.type))
            if self.image.width and self.image.height:
                og += [("og:image:width", str(self.image.width)), ("og:image:height", str(self.image.height))]
            if self.image.alt:
                og.append(("og:image:alt", self.image.alt))
        if self.type == "article":
            if self.published_time:
                og.append(("article:published_time", self.published_time))
            if self.section:
                og.append(("article:section", self.section))
            og += [("article:tag", tag) for tag in self.tags]
        twitter = [("twitter:card", "summary_large_image" if self.image else "summary"),
                   ("twitter:title", self.title), ("twitter:description", self.description)]
        if self.image:
            twitter.append(("twitter:image", self.image.url))
            if self.image.alt:
                twitter.append(("twitter:image:alt", self.image.alt))
        return [("property", name, value) for name, value in og] + [("name", n, v) for n, v in twitter]


def published_time(day: dt.date) -> dt.datetime:
    """Midnight in Vietnam: a date-only value keeps its day in every time zone's reading of it."""
    return dt.datetime.combine(day, dt.time(0, 0), VIETNAM_TZ)


def shorten(text: str, limit: int = DESCRIPTION_MAX) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut[: cut.rfind(" ")] if " " in cut else cut).rstrip(" ,;:") + "…"


def plan_tags(plan: Plan, topics: list[Topic], *, site_url: str, site_name: str,
              image: SocialImage | None) -> SocialTags:
    return SocialTags(
        title=plan.title, description=shorten(plan.tom_tat or plan.trich_yeu), url=site_url + plan.url,
        site_name=site_name, image=image, type="article",
        published_time=published_time(plan.ngay_dang).isoformat(),
        section=topics[0].ten if topics else None, tags=tuple(t.ten for t in topics),
    )


def page_tags(title: str, description: str, url: str, *, site_name: str,
              image: SocialImage | None) -> SocialTags:
    return SocialTags(title=title, description=shorten(description), url=url, site_name=site_name, image=image)


def feed_links(site_url: str, site_name: str, topics: list[Topic] = ()) -> list[FeedLink]:
    """The site's RSS and Atom feeds, then one RSS feed per topic the page belongs to."""
    links = [FeedLink(f"{site_name} — kế hoạch mới", site_url + "feed.xml"),
             FeedLink(f"{site_name} — kế hoạch mới (Atom)", site_url + "feed.atom", "application/atom+xml")]
    links += [FeedLink(f"{topic.ten} — {site_name}", site_url + topic.feed_url) for topic in topics]
    return links
