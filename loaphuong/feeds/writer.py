"""RSS 2.0 and Atom documents from feed items, via feedgen.

Nothing here reads the clock: feedgen defaults lastBuildDate/updated to "now", so the channel date is
set from the newest item and two builds of the same plans give byte-identical files (readers and
fanpage tools then see no change and post nothing twice).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from feedgen.util import xml_elem

from .items import FeedItem

GENERATOR = "Loa Phường"


@dataclass(frozen=True)
class Channel:
    title: str
    link: str  # the HTML page the feed mirrors
    description: str
    self_url: str  # where this feed is published (atom:link rel="self")
    updated: dt.datetime
    image_url: str | None = None
    copyright: str | None = None
    author: str | None = None
    language: str = "vi"


class _AtomEnclosure(BaseExtension):
    pass


class _AtomEnclosureEntry(BaseEntryExtension):
    """<link rel="enclosure"> for Atom entries: feedgen 1.0 drops rel/type/length from entry links, which
    would turn the image into a second rel="alternate" link and make the feed invalid."""

    def __init__(self):
        self.link: dict[str, str] | None = None

    def extend_atom(self, entry):
        if self.link:
            xml_elem("link", entry, rel="enclosure", **self.link)
        return entry


def rss(channel: Channel, items: list[FeedItem]) -> bytes:
    return _generator(channel, items, atom=False).rss_str(pretty=True)


def atom(channel: Channel, items: list[FeedItem]) -> bytes:
    return _generator(channel, items, atom=True).atom_str(pretty=True)


def _generator(channel: Channel, items: list[FeedItem], *, atom: bool) -> FeedGenerator:
    feed = FeedGenerator()
    feed.load_extension("dc")  # dc:creator carries the issuing body; RSS <author> needs an e-mail
    feed.register_extension("lp", _AtomEnclosure, _AtomEnclosureEntry, atom=True, rss=False)
    feed.id(channel.link)
    feed.title(channel.title)
    feed.description(channel.description)
    feed.link(href=channel.self_url, rel="self")
    feed.link(href=channel.link, rel="alternate")  # last: feedgen takes the RSS <link> from the last link
    feed.language(channel.language)
    feed.generator(GENERATOR)
    feed.updated(channel.updated)
    if channel.author:
        feed.author(name=channel.author)
    if channel.copyright:
        feed.rights(channel.copyright)
    if channel.image_url:
        feed.image(url=channel.image_url, title=channel.title, link=channel.link)
        feed.logo(channel.image_url)
    for item in items:
        _fill(feed.add_entry(order="append"), item, atom)  # entries made by the feed get its extensions
    return feed


def _fill(entry, item: FeedItem, atom: bool) -> None:
    entry.id(item.link)
    entry.guid(item.link, permalink=True)
    entry.title(item.title)
    entry.link(href=item.link, rel="alternate")
    entry.published(item.published)
    entry.updated(item.published)
    # Staff wrote plain text; readers treat RSS descriptions as HTML, so '<' and '&' are escaped once more.
    entry.summary(escape(item.description, quote=False), type="html")
    if item.content_html:
        entry.content(item.content_html, type="html")
    entry.author(name=item.author)
    entry.dc.dc_creator(item.author)
    for category in item.categories:
        entry.category(term=category.term, label=category.label, scheme=category.scheme)
    if item.enclosure and atom:
        entry.lp.link = {"href": item.enclosure.url, "type": item.enclosure.type,
                         "length": str(item.enclosure.length)}
    elif item.enclosure:
        entry.enclosure(item.enclosure.url, str(item.enclosure.length), item.enclosure.type)
