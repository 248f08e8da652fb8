"""MkDocs hook: plans/ → plan pages. Thin: loaphuong does the work, this file speaks MkDocs."""

from __future__ import annotations

import functools
import logging
import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from loaphuong import dates
from loaphuong.cache import for_project, start_build
from loaphuong.problems import PlanError
from loaphuong.site import load_site, plan_page_markdown, redirect_html
from loaphuong.mkdocs_state import lazy_sources, remember_site, site_for

log = logging.getLogger("mkdocs.hooks.loaphuong")
_command = "build"


def on_startup(command, dirty):
    global _command
    _command = command


def on_config(config):
    start_build()  # caches opened from here on are this build's (hooks/render_cache.py prunes them)
    plans_dir = Path(config.config_file_path).parent / "plans"
    try:
        site = load_site(plans_dir, dates.build_date(), preview=_command == "serve",
                         cache=for_project(plans_dir.parent, "plans"))
    except PlanError as exc:
        # One clear Vietnamese report, no traceback: MkDocs prints PluginError messages as they are.
        raise PluginError(str(exc)) from None
    for problem in site.catalogue.problems.warnings:
        log.info(str(problem))  # INFO, not WARNING: advice for staff must not fail --strict builds
    remember_site(config, site)
    return config


def on_files(files, config):
    site = site_for(config)
    for plan in site.plans:
        # The page's Markdown is made from the plan when MkDocs reads it (lazy_sources), not held by
        # every file from here to the end of the build.
        files.append(File.generated(config, plan.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV))
    lazy_sources(config, functools.partial(_plan_markdown, site))
    for old_url, plan in site.redirects():
        # A static .html file: copied as it is, so it stays out of the sitemap, search and feeds.
        target = files.get_file_from_path(plan.src_uri).url
        relative = posixpath.relpath(target, old_url) + ("/" if target.endswith("/") else "")
        files.append(File.generated(config, old_url + "index.html", content=redirect_html(
            relative, config.site_url.rstrip("/") + "/" + plan.url if config.site_url else relative, plan.title)))
    return files


def _plan_markdown(site, src_uri: str) -> str | None:
    plan = site.plan_at(src_uri)
    return plan_page_markdown(plan) if plan is not None else None


def on_page_context(context, page, config, nav):
    site = site_for(config)
    plan = site.plan_at(page.file.src_uri)
    if plan is not None:
        context["plan"] = plan
        context["plan_topics"] = [site.topics.get(slug) for slug in plan.chuyen_muc]
        context["plan_hidden"] = site.is_hidden_in_production(plan)
    return context


def on_serve(server, config, builder):
    server.watch(str(Path(config.config_file_path).parent / "plans"))
    # MkDocs watches theme folders only with --watch-theme, and that would watch Material's whole package:
    # our templates (overrides/) are enough, so an edited template shows in the preview.
    custom_dir = getattr(config.theme, "custom_dir", None)
    if custom_dir:
        server.watch(str(custom_dir))
    return server
