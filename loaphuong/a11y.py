"""Accessibility and validity fixes to the HTML Material renders, applied to every finished page.

Material's markup that the Nu HTML Checker or axe-core reject sits outside any template block we could
extend (the drawer/search checkboxes in base.html) or deep in partials we would otherwise copy whole
(nav-item.html, toc.html, search.html). Each fix below is one precise substitution on Material's own
markup; tests/test_a11y.py runs both auditors over the built site, so a Material upgrade that changes the
markup shows up there rather than silently.
"""

from __future__ import annotations

import re

SEARCH_NAME = "Tìm kiếm"
SKIP_TEXT = "Chuyển đến nội dung chính"
MAIN_ID = "lp-noi-dung"

# base.html: <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">.
# `autocomplete` is not allowed on checkboxes; docs/assets/javascripts/a11y.js keeps Firefox from restoring
# their state instead (what the attribute was for).
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')
# nav-item.html renders tabindex="" on labels of sections (where it means "not focusable").
_EMPTY_TABINDEX = 'tabindex=""'
# toc.html points its title at the #__toc toggle that only pages in the nav have.
_TOC_LABEL = re.compile(r'<label class="md-nav__title" for="__toc">')
# search.html: the search overlay is role="dialog" without a name.
_SEARCH_DIALOG = re.compile(r'(<div class="md-search"[^>]*\brole="dialog")(?![^>]*\baria-label)')
# base.html renders the skip link only on pages with a table of contents, pointing at its first heading.
_SKIP_EMPTY = re.compile(r'<div data-md-component="skip">\s*</div>')
_CONTENT = re.compile(r'<div class="md-content" data-md-component="content"(?![^>]*\bid=)')


def _drop_empty_tabindex(html: str) -> str:
    """re.sub(r'\\s+tabindex=""', '', html), without the regex's scan of every run of indentation
    (quadratic in its length; a third of the time of every page's post-processing)."""
    parts = html.split(_EMPTY_TABINDEX)
    out = [parts[0]]
    for part in parts[1:]:
        before = out[-1]
        if before and before[-1].isspace():
            out[-1] = before.rstrip()
        else:
            out.append(_EMPTY_TABINDEX)
        out.append(part)
    return "".join(out)


def fix_page(html: str) -> str:
    """The page with Material's invalid or unnamed markup corrected; everything else untouched.

    Every fix is in Material's chrome before the page's content (header, drawer, sidebars): only that part
    is rewritten, so a 4 MB listing is copied once, not once per fix."""
    content = _CONTENT.search(html)
    if content is None:
        return _fix_chrome(html)
    return _fix_chrome(html[:content.end()]) + f' id="{MAIN_ID}"' + html[content.end():]


def _fix_chrome(html: str) -> str:
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _drop_empty_tabindex(html)
    if 'id="__toc"' not in html:
        html = _TOC_LABEL.sub('<label class="md-nav__title">', html)
    html = _SEARCH_DIALOG.sub(rf'\1 aria-label="{SEARCH_NAME}"', html, count=1)
    if _CONTENT.search(html):  # the content follows (fix_page adds its id): the skip link can point at it
        html = _SKIP_EMPTY.sub(
            f'<div data-md-component="skip">\n      <a href="#{MAIN_ID}" class="md-skip">{SKIP_TEXT}</a>\n    </div>',
            html, count=1)
    return html


# The kinds of page a reader meets, as (name, glob under the built site, query string). The auditors
# (tests/test_a11y.py, scripts/lighthouse.py) check the first page of each kind that a build produced.
PAGE_KINDS = (
    ("trang chủ", "index.html", ""),
    ("chuyên trang", "chuyen-trang/*/index.html", ""),
    ("chuyên mục", "chuyen-muc/*/index.html", ""),
    ("chuyên mục, trang sau", "chuyen-muc/*/trang/*/index.html", ""),
    ("lưu trữ năm", "luu-tru/*/index.html", ""),
    ("cơ quan", "co-quan/*/index.html", ""),
    ("văn bản, có lọc", "van-ban/index.html", "?tu-khoa=ke+hoach"),
    ("lịch", "lich/index.html", ""),
    ("lịch năm trước", "lich/*/index.html", ""),
    ("kế hoạch", "ke-hoach/*/index.html", ""),
    ("hỏi đáp", "hoi-dap/*/index.html", ""),
    ("hướng dẫn", "huong-dan-soan-ke-hoach/index.html", ""),
    ("404", "404.html", ""),
)


def page_kinds(site_dir) -> dict[str, str]:
    """{kind: site-relative URL} for each kind of page found in a built site (directory URLs)."""
    from pathlib import Path

    site = Path(site_dir)
    found = {}
    for name, pattern, query in PAGE_KINDS:
        # Skip redirect stubs (old plan addresses) and index pages of a kind (chuyen-muc/index.html).
        paths = sorted(p for p in site.glob(pattern) if 'http-equiv="refresh"' not in p.read_text("utf-8")[:600])
        if paths:
            rel = paths[0].relative_to(site).as_posix()
            found[name] = (rel[: -len("index.html")] if rel.endswith("index.html") else rel) + query
    return found
