"""Content-Security-Policy for a built site: every inline <script> and <style> allowed by its sha256 hash.

Material's base template writes small inline scripts (the __md_scope/__md_get set-up, whose text changes with
the page's depth, and the palette restore); some of our templates add their own. Hashing what the build
actually wrote keeps the policy exact without 'unsafe-inline' and without forking Material's templates.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import pickle
import re
from html import unescape
from dataclasses import dataclass, field
from collections.abc import Callable
from pathlib import Path

from .written import Digest, Written, walk

# Scripts the browser runs: no type, or a JavaScript type. JSON/ld+json blocks are data, not subject to CSP.
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Lower-case tags as MkDocs and Jinja write them; no re.I, which would cost the fast literal search.
_CODE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
# Inside a tag: inline event handlers and javascript: URLs (no hash can allow them without also allowing
# script injection), and style attributes (allowed by hash through 'unsafe-hashes': Markdown writes
# style="text-align: …" for aligned table columns). _SUSPECT is a fast first look at the page; only pages it
# finds something on are read tag by tag, attribute by attribute, so text inside an attribute value (an escaped
# "<img onerror=…>" in a meta description) is never taken for an attribute.
_SUSPECT = re.compile(r"""<[a-z][^<>]*?\s(?:on[a-z]+\s*=|style\s*=|(?:href|src|action)\s*=\s*["']?\s*javascript:)""",
                      re.I)
_TAG = re.compile(r"""<[a-zA-Z][a-zA-Z0-9-]*((?:\s+[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?)*)\s*/?>""")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]*)))?""")

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


# The web editor (/quan-tri/, Decap CMS) is a different kind of page: its bundle compiles code at run time
# ('unsafe-eval'), injects CSS-in-JS <style> elements ('unsafe-inline' styles), previews uploads as blob:
# images, and talks to the Git host's API (GitHub, GitLab, Gitea: any https origin) or, on a staff member's
# own machine, to the local editing backend on loopback. Only that folder gets this looser policy.
ADMIN_PREFIX = "/quan-tri/"
ADMIN_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'unsafe-eval' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob: https:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self' https: http://127.0.0.1:* http://localhost:*"),
    ("frame-src", "'self' blob:"),
    ("worker-src", "'self' blob:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'self'"),
)


def admin_policy() -> str:
    return "; ".join(f"{name} {value}" for name, value in ADMIN_POLICY)


def digest(text: str) -> str:
    """CSP source expression for an inline element's exact text (UTF-8, as the browser hashes it)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


@dataclass
class InlineCode:
    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)
    blocked: list[str] = field(default_factory=list)  # "path: what" for code no hash can allow

    def add_page(self, html: str, where: str) -> None:
        self.add(page_code(html), where)

    def add(self, code: "PageCode", where: str) -> None:
        self.scripts.update(code.scripts)
        self.styles.update(code.styles)
        self.style_attributes.update(code.style_attributes)
        self.blocked += [f"{where}: {what}" for what in code.blocked]

    def policy(self) -> str:
        extra = {"script-src": sorted(self.scripts), "style-src": sorted(self.styles)}
        directives = [" ".join([name, value, *extra.get(name, [])]) for name, value in BASE_POLICY]
        if self.style_attributes:
            directives.insert(3, " ".join(["style-src-attr", "'unsafe-hashes'", *sorted(self.style_attributes)]))
        return "; ".join(directives)


@dataclass(frozen=True)
class PageCode:
    """The inline code of one page: hashes to allow, and what no hash can allow (inline handlers…)."""

    scripts: frozenset[str] = frozenset()
    styles: frozenset[str] = frozenset()
    style_attributes: frozenset[str] = frozenset()
    blocked: tuple[str, ...] = ()


def page_code(html: str) -> PageCode:
    scripts, styles, style_attributes, blocked = set(), set(), set(), []
    code_spans = []
    for match in _CODE.finditer(html):
        tag, attrs, body = match.groups()
        code_spans.append(match.span(3))
        if tag == "style":
            styles.add(digest(body))
        else:
            kind = _TYPE.search(attrs)
            if not _SRC.search(attrs) and (kind.group(1).lower() if kind else "") in _JS_TYPES:
                scripts.add(digest(body))
    if _SUSPECT.search(html):
        for match in _TAG.finditer(html):
            attributes = match.group(1)
            if not attributes or any(start <= match.start() < end for start, end in code_spans):
                continue  # no attributes, or text inside a script or style body rather than a tag
            for attribute in _ATTR.finditer(attributes):
                name = attribute.group(1).lower()
                value = next((v for v in attribute.groups()[1:] if v is not None), None)
                if name.startswith("on"):
                    blocked.append(f"thuộc tính {name}=")
                elif name == "style" and value is not None:
                    # The browser hashes the attribute's value as parsed, entities decoded.
                    style_attributes.add(digest(unescape(value)))
                elif name in ("href", "src", "action") and value is not None \
                        and unescape(value).strip().lower().startswith("javascript:"):
                    blocked.append("liên kết javascript:")
    return PageCode(frozenset(scripts), frozenset(styles), frozenset(style_attributes), tuple(blocked))


@functools.cache
def _version() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


class Findings:
    """Each page's PageCode by the sha256 of its bytes (loaphuong.deploy.written.Digest.key), kept from the
    last build in one pickle, so only pages that changed are scanned again."""

    def __init__(self, cache_file: Path | None = None):
        self.cache_file = cache_file
        self.known: dict[bytes, PageCode] = {}
        self.used: dict[bytes, PageCode] = {}
        # Equal findings are one object (most pages hold the same few inline scripts): the pickle and the
        # memory held through the build are then a digest per page, not a set of hashes per page.
        self._same: dict[PageCode, PageCode] = {}
        if cache_file is not None:
            try:
                with open(cache_file, "rb") as handle:
                    stored = pickle.load(handle)
                self.known = stored["pages"] if stored["version"] == _version() else {}
                for found in self.known.values():
                    self._same.setdefault(found, found)
            except Exception:  # missing, unreadable or from another version of this scanner: scan everything
                self.known = {}

    def code(self, key: bytes, data: str | bytes | Callable[[], bytes]) -> PageCode:
        """The findings of the page with digest `key`; `data` (its text or bytes, or what reads them) is
        scanned only when they are not known."""
        found = self.used.get(key) or self.known.get(key)
        if found is None:
            data = data() if callable(data) else data
            found = page_code(data if isinstance(data, str) else data.decode("utf-8", errors="replace"))
            found = self._same.setdefault(found, found)
        self.used[key] = found
        return found

    def save(self) -> None:
        if self.cache_file is None or self.used.keys() == self.known.keys():
            return
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            temp = self.cache_file.with_name(f"{self.cache_file.name}.{os.getpid()}.tmp")
            with open(temp, "wb") as handle:
                pickle.dump({"version": _version(), "pages": self.used}, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.cache_file)
        except OSError:
            pass  # a read-only checkout still builds


def scan_site(site_dir: Path, cache_file: Path | None = None, *, findings: Findings | None = None,
              written: Written | None = None, files: list[str] | None = None) -> InlineCode:
    """Every page's inline code. `cache_file` (or `findings`, already holding this build's pages): each page's
    findings by the hash of its bytes, kept from the last build. `written`: digests of the pages as MkDocs
    wrote them, whose findings `findings` already holds (hooks/nginx.py): those pages are not read back."""
    findings = findings or Findings(cache_file)
    code, root = InlineCode(), str(site_dir)
    for rel in files if files is not None else walk(site_dir):
        if not rel.endswith(".html"):
            continue
        path = os.path.join(root, rel)
        digest = written.get(rel, os.path.getsize(path)) if written is not None else None
        found = findings.used.get(digest.key) if digest is not None else None
        if found is None:
            with open(path, "rb") as handle:
                data = handle.read()
            found = findings.code(Digest.of(data).key, data)
        code.add(found, rel)
    findings.save()
    return code


def nginx_map(policy: str) -> str:
    """Body of `map $uri $loaphuong_csp { … }`: the site's policy by default, the editor's under /quan-tri/
    (neither holds a double quote)."""
    admin = admin_policy()
    assert '"' not in policy + admin and "\\" not in policy + admin
    return ("# Generated at build time by loaphuong.deploy.csp: sha256 of every inline script/style in this site.\n"
            f'default "{policy}";\n'
            f'"~^{ADMIN_PREFIX}" "{admin}";\n')
