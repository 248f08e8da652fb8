"""MkDocs hook: after the build, the files nginx needs (redirect and CSP maps) and gzip copies of text files.

Thin: loaphuong.deploy does the work. Listed last in mkdocs.yml so it sees every file the other hooks wrote.
Each page's digest and CSP findings are taken from its finished HTML as it passes (on_post_page, after every
other hook's), so the pages are not read back after the build (loaphuong.deploy.written).
Skipped for `mkdocs serve` and for `make offline` (no nginx there).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import event_priority

from loaphuong.cache import enabled
from loaphuong.deploy import build, csp
from loaphuong.deploy.written import Written, page_bytes
from loaphuong.mkdocs_state import site_for

log = logging.getLogger("mkdocs.hooks.nginx")
_command = "build"
_state: dict = {}  # "written", "findings": this build's pages, when nginx files are made


def on_startup(command, dirty):
    global _command
    _command = command


def _offline(config) -> bool:
    return any(name.endswith("offline") and plugin.config.get("enabled")
               for name, plugin in config.plugins.items())


def _cache(config) -> Path | None:
    return Path(config.config_file_path).parent / ".cache" if enabled() else None


def on_pre_build(config):
    _state.clear()
    if _command == "build" and not _offline(config):
        _state["written"] = Written()
        _state["findings"] = csp.Findings(build.cache_files(_cache(config))[1])


@event_priority(-100)  # after every hook that changes the output: what is digested is what MkDocs writes
def on_post_page(output, page, config):
    written = _state.get("written")
    if written is None:
        return output
    linked = getattr(page, "output_linked", None)  # hooks/render_cache.py linked its stored file in place
    if linked is not None:
        written.pages[page.file.dest_uri] = linked
        _state["findings"].code(linked.key, lambda: Path(page.file.abs_dest_path).read_bytes())
    elif output and not output.isspace():  # as MkDocs skips it (strip() would copy)
        data = page_bytes(output)
        _state["findings"].code(written.add(page.file.dest_uri, data).key, output)  # the text: not decoded again
        page.output_bytes = data  # what MkDocs would write: hooks/render_cache.py stores these, not a 2nd encoding
    return output


def on_post_build(config):
    if _command != "build" or _offline(config):
        return
    blocked = build.finish(Path(config.site_dir), site_for(config).redirects(), cache_dir=_cache(config),
                           findings=_state.get("findings"), written=_state.get("written"))
    _state.clear()
    for what in blocked:
        # A warning fails --strict: the Content-Security-Policy would silently break this page in browsers.
        log.warning(f"Mã JavaScript/CSS viết trong thẻ HTML sẽ bị Content-Security-Policy chặn: {what}. "
                    "Hãy chuyển vào tệp .js/.css.")
