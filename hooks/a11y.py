"""MkDocs hook: every page, generated ones included, gets loaphuong.a11y's fixes to Material's markup."""

from __future__ import annotations

from loaphuong.a11y import fix_page


def on_post_page(output, page, config):
    if getattr(page, "output_final", False):
        return output  # from hooks/render_cache.py's cache, fixed when it was stored
    return fix_page(output)


def on_post_template(output_content, template_name, config):
    # 404.html is a static template: it never passes through on_post_page.
    return fix_page(output_content) if template_name.endswith(".html") else output_content
