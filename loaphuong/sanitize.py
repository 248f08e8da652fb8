"""Allow-list sanitising of staff-written HTML (plan bodies, chuyên trang intros) after Markdown rendering.

Markdown lets raw HTML through, and staff paste from Word, e-mail and web pages: whatever the rendered HTML
holds, only what a document needs survives (nh3, the Python binding of the Rust crate ammonia). Kept:
headings with their anchors, tables, footnotes, images, <details>, admonitions, definition lists, abbr,
ordinary links. Gone: scripts, event handlers, javascript:/data: URLs, iframes, forms, <style>.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import nh3
from lxml import html as lxml_html

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Dropped with everything inside them: their text is code or markup, never something a reader should see.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "embed", "noscript",
                                  "textarea", "select", "svg", "math", "frame", "frameset", "noembed"})
ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "role", "aria-hidden", "aria-label"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "type", "reversed"}, "li": {"value"},
    "details": {"open"}, "time": {"datetime"},
    "blockquote": {"cite"}, "q": {"cite"}, "del": {"cite", "datetime"}, "ins": {"cite", "datetime"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Python-Markdown's tables align columns with style="text-align: …": the only CSS staff content keeps.
STYLE_PROPERTIES = frozenset({"text-align"})


def clean(html: str) -> str:
    """The HTML a public page may carry. Relative links, #anchors and http(s)/mailto/tel URLs stay."""
    return nh3.clean(html, tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
                     attributes={k: set(v) for k, v in ATTRIBUTES.items()}, url_schemes=set(URL_SCHEMES),
                     filter_style_properties=set(STYLE_PROPERTIES), link_rel=None, strip_comments=True)


@dataclass(frozen=True)
class Removal:
    """Something the sanitiser takes out, said so staff can find it: '<script>', 'onerror=…', a link."""

    what: str
    needle: str  # text to look for in the source to find the line


def removals(html: str) -> list[Removal]:
    """What clean() would take out of html: elements, attributes and URLs (compared structurally, so
    harmless re-serialisation such as quoting or <br /> → <br> is not reported)."""
    before, after = _inventory(html), _inventory(clean(html))
    found = []
    for (kind, tag, name, value), count in (before - after).items():
        if kind == "tag":
            found.append(Removal(f"thẻ <{tag}>", f"<{tag}"))
        elif tag not in TAGS:
            continue  # the whole element goes: said once, above
        elif name in ("href", "src"):
            found.append(Removal(f"địa chỉ '{_short(value)}' (trong <{tag}>)", value[:40]))
        elif name == "style":
            found.append(Removal(f"định dạng style=\"{_short(value)}\" (trong <{tag}>)", value[:40]))
        else:
            found.append(Removal(f"thuộc tính {name}=\"{_short(value)}\" (trong <{tag}>)", name))
    return sorted(set(found), key=lambda r: r.what)


def _inventory(html: str) -> Counter:
    items: Counter = Counter()
    if not html.strip():
        return items
    try:
        roots = lxml_html.fragments_fromstring(html)
    except Exception:  # lxml refuses some fragments (e.g. only whitespace/comments): nothing to compare
        return items
    for root in roots:
        if isinstance(root, str):
            continue
        for element in root.iter():
            if not isinstance(element.tag, str):  # comments, processing instructions
                continue
            items[("tag", element.tag, "", "")] += 1
            for name, value in element.attrib.items():
                value = " ".join(value.split())
                if name == "style":
                    value = ";".join(p.replace(" ", "") for p in value.split(";") if p.strip())
                items[("attr", element.tag, name, value)] += 1
    return items


def _short(value: str, limit: int = 50) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[:limit] + "…"


def line_of(source: str, needle: str, first_line: int = 1) -> int:
    """File line of the first occurrence of needle in source (case-insensitive), else first_line."""
    index = source.lower().find(needle.lower()) if needle else -1
    if index < 0 and needle:
        index = re.sub(r"\s+", " ", source.lower()).find(needle.lower())
    return first_line + source.count("\n", 0, index) if index >= 0 else first_line


# The Markdown extensions of mkdocs.yml, so `check` sees the HTML the site will sanitise.
MARKDOWN_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
                       "pymdownx.details", "pymdownx.superfences", "toc"]


def render(markdown_text: str) -> str:
    import markdown

    from .text import toc_slugify

    return markdown.markdown(markdown_text, extensions=MARKDOWN_EXTENSIONS,
                             extension_configs={"toc": {"permalink": True, "slugify": toc_slugify}})


def warn_removals(markdown_text: str, display: str, first_line: int, problems) -> None:
    """A warning at file:line for everything the public page will lack once sanitised."""
    for removal in removals(render(markdown_text)):
        problems.warn(display, line_of(markdown_text, removal.needle, first_line),
                      f"trang công khai sẽ bỏ {removal.what}",
                      "mã HTML, script, khung nhúng, biểu mẫu và liên kết javascript:/data: không được đăng; "
                      "dùng Markdown thường (liên kết [chữ](https://…), bảng, ảnh)", code="sanitize")
