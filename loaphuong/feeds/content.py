"""A plan page's rendered HTML made fit for feed readers: absolute links, no heading permalinks."""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html

URL_ATTRIBUTES = ("href", "src", "poster", "cite", "data")


def absolute_html(html: str, base_url: str) -> str:
    """Every link and image resolved against the page URL: readers show the item far from the site."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for anchor in root.xpath('.//a[contains(concat(" ", normalize-space(@class), " "), " headerlink ")]'):
        anchor.drop_tree()  # the '¶' after each heading only makes sense on the site
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for name in URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, urljoin(base_url, value.strip()))
        srcset = element.get("srcset")
        if srcset:
            element.set("srcset", ", ".join(_absolute_candidate(c, base_url) for c in srcset.split(",")))
    inner = (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return inner.strip()


def first_paragraph(html: str) -> str:
    """Text of the first non-empty <p>: the description when staff wrote no tóm tắt."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for paragraph in root.iter("p"):
        text = " ".join(paragraph.text_content().split())
        if text:
            return text
    return ""


def _absolute_candidate(candidate: str, base_url: str) -> str:
    parts = candidate.strip().split(maxsplit=1)
    if not parts:
        return candidate
    return " ".join([urljoin(base_url, parts[0])] + parts[1:])
