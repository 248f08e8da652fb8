"""Split a listing into pages of 20: page 1 at <base>, page n at <base>trang/<n>/."""

from __future__ import annotations

import math
from dataclasses import dataclass

PER_PAGE = 20


def page_url(base: str, number: int) -> str:
    """Site-relative URL of page `number` of the listing at `base` ('chuyen-muc/x/')."""
    return base if number == 1 else f"{base}trang/{number}/"


def page_src(first_src: str, base: str, number: int) -> str:
    """MkDocs source of page `number`: page 1 is `first_src` ('chuyen-muc/x.md' or 'van-ban/index.md')."""
    return first_src if number == 1 else f"{base}trang/{number}.md"


@dataclass(frozen=True)
class Pager:
    """Page `number` of `total` pages over `count` items."""

    base: str
    number: int
    total: int
    count: int
    per_page: int = PER_PAGE

    @property
    def first_index(self) -> int:
        """1-based position of the first item on this page (for 'Văn bản 21–40 trong 57')."""
        return (self.number - 1) * self.per_page + 1 if self.count else 0

    @property
    def last_index(self) -> int:
        return min(self.number * self.per_page, self.count)

    @property
    def prev_url(self) -> str | None:
        return page_url(self.base, self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return page_url(self.base, self.number + 1) if self.number < self.total else None

    def url(self, number: int) -> str:
        return page_url(self.base, number)

    def window(self, radius: int = 2) -> list[int | None]:
        """Page numbers to show: first, last and `radius` around the current one; None marks a gap."""
        shown = sorted({1, self.total, *range(max(1, self.number - radius), min(self.total, self.number + radius) + 1)})
        result: list[int | None] = []
        for n in shown:
            if result and n - result[-1] > 1:
                result.append(None)
            result.append(n)
        return result


def paginate(items: list, base: str, per_page: int = PER_PAGE) -> list[tuple[Pager, list]]:
    """(pager, items on that page) for every page; an empty listing still has one (empty) page."""
    total = max(1, math.ceil(len(items) / per_page))
    return [(Pager(base, n, total, len(items), per_page), items[(n - 1) * per_page: n * per_page])
            for n in range(1, total + 1)]
