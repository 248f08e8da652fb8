"""MkDocs hook: after the build, the files nginx needs (redirect and CSP maps) and gzip copies of text files.

Thin: loaphuong.deploy does the work. Listed last in mkdocs.yml so it sees every file the other hooks wrote.
Skipped for `mkdocs serve` and for `make offline` (no nginx there).
"""

from __future__ import annotations

import logging
from pathlib import Path

from loaphuong.cache import enabled
from loaphuong.deploy import build
from loaphuong.mkdocs_state import site_for

log = logging.getLogger("mkdocs.hooks.nginx")
_command = "build"


def on_startup(command, dirty):
    global _command
    _command = command


def _offline(config) -> bool:
    return any(name.endswith("offline") and plugin.config.get("enabled")
               for name, plugin in config.plugins.items())


def on_post_build(config):
    if _command != "build" or _offline(config):
        return
    cache = Path(config.config_file_path).parent / ".cache" if enabled() else None
    blocked = build.finish(Path(config.site_dir), site_for(config).redirects(), cache_dir=cache)
    for what in blocked:
        # A warning fails --strict: the Content-Security-Policy would silently break this page in browsers.
        log.warning(f"Mã JavaScript/CSS viết trong thẻ HTML sẽ bị Content-Security-Policy chặn: {what}. "
                    "Hãy chuyển vào tệp .js/.css.")
