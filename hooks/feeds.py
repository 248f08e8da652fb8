"""MkDocs hook: the site feed (feed.xml, feed.atom) and one RSS feed per topic, written after the build.

Thin: loaphuong.feeds builds the documents. Each plan's full content is the body HTML MkDocs renders
for its page anyway, captured here as it goes by; nothing is rendered twice. Only plans some feed shows
(the newest `length` overall and per topic) have theirs kept: at 3,000 plans all of them held ~9 MB.
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
_shown: dict = {}  # id(config) -> slugs of the plans the feeds show, worked out at the first page


def on_config(config):
    try:
        require_site_url(config.site_url)
        feed_length(config.extra)
    except (SiteUrlMissing, FeedConfigError) as exc:
        raise PluginError(str(exc)) from None
    _page_html.clear()
    _shown.clear()
    return config


def on_page_content(html, page, config, files):
    site = site_for(config)
    plan = site.plan_at(page.file.src_uri)
    if plan is not None and not site.is_hidden_in_production(plan) and plan.slug in _feed_slugs(config, site):
        _page_html[plan.slug] = html
    return html


def _feed_slugs(config, site) -> set[str]:
    if id(config) not in _shown:
        _shown.clear()
        _shown[id(config)] = feed_slugs(site.catalogue.published(site.today), site.topics,
                                        feed_length(config.extra))
    return _shown[id(config)]


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
