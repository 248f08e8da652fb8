"""nginx map for renamed plans: every old address (slug_cu) answered with a 301 to the plan's new address.

The static redirect pages (loaphuong.site.redirect_html) stay for hosts without nginx; with nginx, readers and
search engines get a real 301 instead of a 200 page with a meta refresh.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..plan import Plan

HEADER = "# Generated at build time by loaphuong.deploy.redirects from slug_cu: old address -> new address.\n"


def entries(moves: Iterable[tuple[str, Plan]]) -> list[tuple[str, str]]:
    """(old path, new path) for `/ke-hoach/<old>`, `/ke-hoach/<old>/` and `/ke-hoach/<old>/index.html`."""
    pairs = []
    for old_url, plan in moves:
        old = "/" + old_url.strip("/")
        new = "/" + plan.url.lstrip("/")
        pairs += [(old, new), (old + "/", new), (old + "/index.html", new)]
    return sorted(pairs)


def nginx_map(moves: Iterable[tuple[str, Plan]]) -> str:
    """Body of `map $uri $loaphuong_moved { … }`. Slugs are [a-z0-9-] (validated), so quoting is plain."""
    lines = [HEADER]
    for old, new in entries(moves):
        assert '"' not in old + new and " " not in old + new
        lines.append(f'"{old}" "{new}";\n')
    return "".join(lines)
