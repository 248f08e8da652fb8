"""MkDocs hook: link previews (Open Graph/Twitter), feed autodiscovery links and preview images.

Thin: loaphuong.previews picks and draws the images, loaphuong.social shapes the tags;
overrides/partials/social.html prints them in every page head.
"""

from __future__ import annotations

import logging

from markupsafe import Markup
from mkdocs.exceptions import PluginError

from loaphuong import previews, social
from loaphuong.linked_file import LinkedFile
from loaphuong.mkdocs_state import site_for

log = logging.getLogger("mkdocs.hooks.loaphuong.social")
_images: previews.PreviewImages | None = None


def on_config(config):
    try:
        social.require_site_url(config.site_url)
    except social.SiteUrlMissing as exc:
        raise PluginError(str(exc)) from None
    return config


def on_files(files, config):
    global _images
    site = site_for(config)
    _images = previews.from_config(config)
    try:
        # Only published plans: a draft's title must not leak through an image URL either.
        images = _images.files(site.catalogue.published(site.today), site.topics)
    except previews.PreviewError as exc:
        raise PluginError(str(exc)) from None
    for uri, path in images.items():
        files.append(LinkedFile.generated(config, uri, abs_src_path=str(path)))  # cards: linked, not copied
    log.debug("preview images: %d published, %d drawn this build", len(images), _images.cache.rendered)
    return files


def on_page_context(context, page, config, nav):
    site = site_for(config)
    site_url, name = config.site_url, config.site_name
    plan = site.plan_at(page.file.src_uri)
    topic = next((t for t in site.topics if t.url == page.url), None)
    if plan is not None:
        topics = [t for t in (site.topics.get(s) for s in plan.chuyen_muc) if t]
        tags = social.plan_tags(plan, topics, site_url=site_url, site_name=name, image=_images.for_plan(plan))
    elif topic is not None:
        topics = [topic]
        tags = social.page_tags(topic.ten, topic.mo_ta or config.site_description or name, site_url + topic.url,
                                site_name=name, image=_images.for_topic(topic))
    else:
        topics = []
        title = name if page.is_homepage else (page.meta.get("title") or page.title or name)
        description = page.meta.get("description") or config.site_description or name
        tags = social.page_tags(_plain(title), _plain(description), page.canonical_url or site_url + page.url,
                                site_name=name, image=_images.site())
    context["social"] = tags
    context["feed_links"] = social.feed_links(site_url, name, topics)
    context["feed_topic"] = topic
    return context


def _plain(value) -> str:
    """Page titles/descriptions are escaped Markup by now (hooks/sanitize.py); social tags escape on output."""
    return value.unescape() if isinstance(value, Markup) else str(value)


def on_template_context(context, template_name, config):
    # 404.html and other static templates: feed links and the site preview, no page-specific tags.
    context["feed_links"] = social.feed_links(config.site_url, config.site_name)
    return context
