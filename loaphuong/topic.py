"""The topic registry (plans/chuyen-muc.yml): chuyên trang (campaigns) and chuyên mục (columns)."""

from __future__ import annotations

from dataclasses import dataclass

CHUYEN_TRANG = "chuyen-trang"
CHUYEN_MUC = "chuyen-muc"
KINDS = (CHUYEN_TRANG, CHUYEN_MUC)


@dataclass(frozen=True)
class Topic:
    slug: str
    ten: str
    loai: str = CHUYEN_MUC
    mo_ta: str | None = None
    anh_bia: str | None = None
    thu_tu: int = 0

    @property
    def url(self) -> str:
        """Site-relative URL: /chuyen-muc/<slug>/ or /chuyen-trang/<slug>/."""
        return f"{self.loai}/{self.slug}/"

    @property
    def feed_url(self) -> str:
        """Site-relative URL of the topic's RSS feed."""
        return f"{self.url}feed.xml"

    @property
    def qa_url(self) -> str | None:
        """Combined hỏi và đáp page: chuyên trang (campaigns) only."""
        return f"hoi-dap/chuyen-trang/{self.slug}/" if self.is_campaign else None

    @property
    def is_campaign(self) -> bool:
        return self.loai == CHUYEN_TRANG


class TopicRegistry:
    """Topics in display order (thu_tu, then name)."""

    def __init__(self, topics: list[Topic]):
        self._topics = sorted(topics, key=lambda t: (t.thu_tu, t.ten))
        self._by_slug = {t.slug: t for t in self._topics}

    def __iter__(self):
        return iter(self._topics)

    def __len__(self) -> int:
        return len(self._topics)

    def __contains__(self, slug: str) -> bool:
        return slug in self._by_slug

    def get(self, slug: str) -> Topic | None:
        return self._by_slug.get(slug)

    @property
    def slugs(self) -> list[str]:
        return [t.slug for t in self._topics]

    def of_kind(self, loai: str) -> list[Topic]:
        return [t for t in self._topics if t.loai == loai]
