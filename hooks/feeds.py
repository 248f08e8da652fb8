"""MkDocs hook: the site feed (feed.xml, feed.atom) and one RSS feed per topic, written after the build.

Thin: loaphuong.feeds builds the documents. Each plan's full content is the body HTML MkDocs renders
for its page anyway, captured here as it goes by; nothing is rendered twice.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from mkdocs.exceptions import PluginError

from loaphuong import previews
from loaphuong.feeds import Enclosure, FeedBuilder, FeedConfigError, SiteInfo, feed_length, feed_slugs
from loaphuong.mkdocs_state import site_for
from loaphuong.social import SiteUrlMissing, require_site_url

_page_html: dict[str, str] = {}
_carried: dict = {}  # "slugs": the plans some feed carries (only their HTML is kept)


def on_config(config):
    try:
        require_site_url(config.site_url)
        feed_length(config.extra)
    except (SiteUrlMissing, FeedConfigError) as exc:
        raise PluginError(str(exc)) from None
    _page_html.clear()
    _carried.clear()
    return config


def _carried_plan(config, page):
    """The page's plan when some feed carries it, else None."""
    site = site_for(config)
    if "slugs" not in _carried:
        _carried["slugs"] = feed_slugs(site.catalogue.published(site.today), site.topics,
                                           feed_length(config.extra))
    plan = site.plan_at(page.file.src_uri)
    return plan if plan is not None and plan.slug in _carried["slugs"] else None


def on_page_markdown(markdown, page, config, files):
    if _carried_plan(config, page) is not None:
        page.keep_html = True  # hooks/render_cache.py converts it even when its finished HTML is cached
    return markdown


def on_page_content(html, page, config, files):
    plan = _carried_plan(config, page)
    if plan is not None:
        _page_html[plan.slug] = html
    return html


def on_post_build(config):
    site = site_for(config)
    site_dir = Path(config.site_dir)
    images = previews.from_config(config)

    def enclosure(plan):
        uri = images.plan_uri(plan)
        if previews.is_remote(uri):
            return Enclosure(uri, 0, mimetypes.guess_type(uri)[0] or "image/jpeg")  # 0: size unknown (RSS Board)
        file = site_dir / uri
        return Enclosure(config.site_url + uri, file.stat().st_size, mimetypes.guess_type(uri)[0]) \
            if file.is_file() else None

    info = SiteInfo(url=config.site_url, name=config.site_name,
                    description=config.site_description or config.site_name, copyright=config.copyright,
                    image_url=images.site().url)
    builder = FeedBuilder(info, site.topics, length=feed_length(config.extra), page_html=_page_html,
                          enclosure_for=enclosure, topic_image=lambda topic: images.for_topic(topic).url)
    for path, data in builder.build(site.catalogue.published(site.today)).items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
