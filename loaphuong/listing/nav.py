"""The navigation tabs: topic pages and indexes only, never individual plans (they would make the
build quadratic and the menu unusable)."""

from __future__ import annotations

from markupsafe import escape

from ..topic import CHUYEN_MUC, CHUYEN_TRANG, TopicRegistry

HOME = "index.md"
CAMPAIGNS_INDEX = "chuyen-trang/index.md"
TOPICS_INDEX = "chuyen-muc/index.md"
DOCUMENTS = "van-ban/index.md"
YEARS_INDEX = "luu-tru/index.md"
BODIES_INDEX = "co-quan/index.md"
CALENDAR = "lich/index.md"


def topic_src(topic) -> str:
    return f"{topic.url.rstrip('/')}.md"


def site_nav(configured: list | None, topics: TopicRegistry) -> list:
    """Trang chủ, Chuyên trang, Chuyên mục, Văn bản, Lịch, then whatever mkdocs.yml lists after the home."""
    rest = [item for item in (configured or []) if item not in (HOME, {"Trang chủ": HOME})]
    # Material prints nav titles unescaped; topic names come from staff.
    campaigns = [{escape(t.ten): topic_src(t)} for t in topics.of_kind(CHUYEN_TRANG)]
    columns = [{escape(t.ten): topic_src(t)} for t in topics.of_kind(CHUYEN_MUC)]
    return [
        {"Trang chủ": HOME},
        {"Chuyên trang": [CAMPAIGNS_INDEX, *campaigns]},
        {"Chuyên mục": [TOPICS_INDEX, *columns]},
        {"Văn bản": [DOCUMENTS, {"Lưu trữ theo năm": YEARS_INDEX}, {"Theo cơ quan ban hành": BODIES_INDEX}]},
        {"Lịch": [CALENDAR]},
        *rest,
    ]
