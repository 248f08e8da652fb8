"""Which preview image each page gets, and the image files the site must publish for them.

A plan with a cover (anh_dai_dien) gets the cover cropped to 1200×630; a plan without one gets a drawn
card; topics likewise (anh_bia); every other page gets the site card. Drafts and future plans get
nothing: their pages fall back to the site card and no file names them.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path


from . import cards
from .cards import CardCache
from .plan import Plan
from .social import SocialImage
from .topic import Topic


class PreviewError(ValueError):
    """A cover image staff named that cannot be used; the message has file:line."""


def is_remote(path: str) -> bool:
    return path.startswith(("http://", "https://", "//"))


class PreviewImages:
    def __init__(self, cache: CardCache, *, project_dir: Path, docs_dir: Path, site_url: str, site_name: str,
                 site_description: str):
        self.cache, self.project_dir, self.docs_dir = cache, Path(project_dir), Path(docs_dir)
        self.site_url, self.site_name, self.site_description = site_url, site_name, site_description
        self._published: set[str] = set()

    # --- files to publish -------------------------------------------------------------------------
    def files(self, plans: list[Plan], topics) -> dict[str, Path]:
        """{site-relative uri: cached image} for the site card, every topic and every published plan."""
        self._published = {plan.slug for plan in plans}
        host = self.site_url.split("//", 1)[-1].rstrip("/")
        self.cache.draw_missing(
            [cards.site_card_text(self.site_name, self.site_description, host)]
            + [cards.topic_card_text(t, self.site_name) for t in topics if not t.anh_bia and not is_remote(self.topic_uri(t))]
            + [cards.plan_card_text(p, self.site_name) for p in plans if not p.anh_dai_dien])
        out = {cards.SITE_CARD: self.cache.card(cards.site_card_text(self.site_name, self.site_description, host))}
        for topic in topics:
            uri = self.topic_uri(topic)
            if not is_remote(uri):
                out[uri] = self._cover(topic.anh_bia, "plans/chuyen-muc.yml", "anh_bia") if topic.anh_bia \
                    else self.cache.card(cards.topic_card_text(topic, self.site_name))
        for plan in plans:
            uri = self.plan_uri(plan)
            if not is_remote(uri):
                out[uri] = self._cover(plan.anh_dai_dien, plan.source, "anh_dai_dien") if plan.anh_dai_dien \
                    else self.cache.card(cards.plan_card_text(plan, self.site_name))
        return out

    # --- what each page shows -----------------------------------------------------------------------
    def plan_uri(self, plan: Plan) -> str:
        if plan.anh_dai_dien and is_remote(plan.anh_dai_dien):
            return plan.anh_dai_dien
        return cards.plan_card_uri(plan, cover=bool(plan.anh_dai_dien))

    def topic_uri(self, topic: Topic) -> str:
        if topic.anh_bia and is_remote(str(topic.anh_bia)):
            return str(topic.anh_bia)
        return cards.topic_card_uri(topic).removesuffix(".png") + (".jpg" if topic.anh_bia else ".png")

    def for_plan(self, plan: Plan) -> SocialImage:
        if plan.slug not in self._published:
            return self.site()
        return self._image(self.plan_uri(plan), plan.title)

    def for_topic(self, topic: Topic) -> SocialImage:
        return self._image(self.topic_uri(topic), topic.ten)

    def site(self) -> SocialImage:
        return self._image(cards.SITE_CARD, self.site_name)

    def _image(self, uri: str, alt: str) -> SocialImage:
        if is_remote(uri):
            return SocialImage(url=uri if not uri.startswith("//") else "https:" + uri, alt=alt,
                               type=mimetypes.guess_type(uri.split("?")[0])[0])
        return SocialImage(url=self.site_url + uri, width=cards.WIDTH, height=cards.HEIGHT,
                           type=mimetypes.guess_type(uri)[0], alt=alt)

    def _cover(self, path: str, source: str, key: str) -> Path:
        file = self.docs_dir / str(path).lstrip("/")
        where = f"{source}:{_line_of(self.project_dir / source, key, str(path))}"
        if not file.is_file():
            raise PreviewError(f"{where}: lỗi: không tìm thấy ảnh '{path}' trong docs/ "
                               f"(đường dẫn tính từ thư mục docs/, ví dụ assets/images/anh.jpg)")
        try:
            return self.cache.cover(file)
        except OSError as exc:  # PIL.UnidentifiedImageError is one
            raise PreviewError(f"{where}: lỗi: không đọc được ảnh '{path}' ({exc.__class__.__name__}); "
                               "dùng ảnh JPG hoặc PNG") from None


def _line_of(path: Path, key: str, value: str) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith(f"{key}:") and value in line:
                return number
    except OSError:
        pass
    return 1


def from_config(config) -> PreviewImages:
    """PreviewImages for a MkDocs config (read as a mapping; no MkDocs import). Cache: <project>/.cache/cards."""
    project = Path(config.config_file_path).parent
    return PreviewImages(
        CardCache(project / ".cache" / "cards"), project_dir=project, docs_dir=Path(config["docs_dir"]),
        site_url=config["site_url"], site_name=config["site_name"],
        site_description=config["site_description"] or config["site_name"],
    )
