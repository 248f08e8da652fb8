"""Content-Security-Policy for a built site: every inline <script> and <style> allowed by its sha256 hash.

Material's base template writes small inline scripts (the __md_scope/__md_get set-up, whose text changes with
the page's depth, and the palette restore); some of our templates add their own. Hashing what the build
actually wrote keeps the policy exact without 'unsafe-inline' and without forking Material's templates.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

# Scripts the browser runs: no type, or a JavaScript type. JSON/ld+json blocks are data, not subject to CSP.
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
# What a hash cannot allow: inline event handlers, style attributes and javascript: URLs inside a tag.
_HANDLER = re.compile(r"<[a-zA-Z][^<>]*?\s(on[a-z]+|style)\s*=", re.S)
_JS_URL = re.compile(r"""<[a-zA-Z][^<>]*?\s(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.S | re.I)

# Everything else the site loads comes from itself. Pagefind search runs WebAssembly ('wasm-unsafe-eval',
# which allows compiling wasm but not eval()) and fetches its index under /pagefind/ ('self').
BASE_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'self'"),
)


def digest(text: str) -> str:
    """CSP source expression for an inline element's exact text (UTF-8, as the browser hashes it)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@dataclass
class InlineCode:
    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    blocked: list[str] = field(default_factory=list)  # "path: what" for code no hash can allow

    def add_page(self, html: str, where: str) -> None:
        for attrs, body in _SCRIPT.findall(html):
            kind = _TYPE.search(attrs)
            if not _SRC.search(attrs) and (kind.group(1).lower() if kind else "") in _JS_TYPES:
                self.scripts.add(digest(body))
        for body in _STYLE.findall(html):
            self.styles.add(digest(body))
        without_code = _STYLE.sub("", _SCRIPT.sub("", html))
        for match in _HANDLER.finditer(without_code):
            self.blocked.append(f"{where}: thuộc tính {match.group(1)}=")
        for _ in _JS_URL.finditer(without_code):
            self.blocked.append(f"{where}: liên kết javascript:")

    def policy(self) -> str:
        extra = {"script-src": sorted(self.scripts), "style-src": sorted(self.styles)}
        return "; ".join(" ".join([name, value, *extra.get(name, [])]) for name, value in BASE_POLICY)


def scan_site(site_dir: Path) -> InlineCode:
    code = InlineCode()
    for path in sorted(site_dir.rglob("*.html")):
        code.add_page(path.read_text(encoding="utf-8", errors="replace"), path.relative_to(site_dir).as_posix())
    return code


def nginx_map(policy: str) -> str:
    """Body of `map $uri $loaphuong_csp { … }`: one default value, the policy (it holds no double quote)."""
    assert '"' not in policy and "\\" not in policy
    return ("# Generated at build time by loaphuong.deploy.csp: sha256 of every inline script/style in this site.\n"
            f'default "{policy}";\n')
