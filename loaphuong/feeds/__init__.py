"""RSS 2.0 and Atom feeds of published plans (see builder.FeedBuilder)."""

from .builder import SITE_ATOM, SITE_RSS, FeedBuilder, FeedConfigError, SiteInfo, feed_length, feed_slugs
from .items import Category, Enclosure, FeedItem, feed_item, newest_first

__all__ = ["SITE_ATOM", "SITE_RSS", "Category", "Enclosure", "FeedBuilder", "FeedConfigError", "FeedItem",
           "SiteInfo", "feed_item", "feed_length", "feed_slugs", "newest_first"]
