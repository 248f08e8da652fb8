"""Link-preview images (1200×630): drawn cards for plans without a cover, and covers cropped to fit.

Drawn offline with the Noto Sans fonts bundled in loaphuong/fonts/ (full Vietnamese coverage), so a
build never needs the internet or the machine's fonts. Images are cached by content: the file name is
a hash of everything drawn plus LAYOUT_VERSION, so an unchanged plan is never redrawn.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .dates import format_vn_date
from .file_store import FILE_MODE
from .parallel import map_all
from .plan import Plan
from .topic import Topic

if TYPE_CHECKING:  # Pillow itself is imported where something is drawn
    from PIL import Image, ImageFont

WIDTH, HEIGHT = 1200, 630
LAYOUT_VERSION = "3"  # bump when the drawing changes, so cached cards are redrawn
FONT_DIR = Path(__file__).parent / "fonts"
CARD_DIR = "assets/cards"
SITE_CARD = f"{CARD_DIR}/site.png"

RED, GOLD, INK, GREY, PAPER = "#b71c1c", "#ffd54f", "#1f1f1f", "#555555", "#fffdf8"
MARGIN = 64


@dataclass(frozen=True)
class CardText:
    """Everything a card shows. Its hash names the cached file."""

    band: str  # site name, in the red band
    kicker: str  # 'KẾ HOẠCH SỐ 173-KH/ĐU', 'CHUYÊN MỤC'
    headline: str  # trích yếu, topic name, site description
    footer: tuple[str, ...] = field(default_factory=tuple)  # cơ quan ban hành, date

    @property
    def key(self) -> str:
        data = json.dumps([LAYOUT_VERSION, WIDTH, HEIGHT, asdict(self)], ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


def plan_card_text(plan: Plan, site_name: str) -> CardText:
    kicker = plan.loai_van_ban.upper() + (f" SỐ {plan.so_hieu}" if plan.so_hieu else "")
    if plan.ngay_ban_hanh_text:
        day = f"{plan.dia_danh}, {plan.ngay_ban_hanh_text}" if plan.dia_danh else plan.ngay_ban_hanh_text
    else:  # an undated document: the card still says when it was published
        day = "Đăng " + format_vn_date(plan.ngay_dang)
    # Trích yếu is often copied lower-case from after the word "KẾ HOẠCH"; a card starts a sentence.
    headline = plan.trich_yeu[:1].upper() + plan.trich_yeu[1:]
    return CardText(band=site_name, kicker=kicker, headline=headline, footer=(plan.co_quan_ban_hanh, day))


def topic_card_text(topic: Topic, site_name: str) -> CardText:
    kicker = "CHUYÊN TRANG" if topic.is_campaign else "CHUYÊN MỤC"
    return CardText(band=site_name, kicker=kicker, headline=topic.ten, footer=(topic.mo_ta or "",)[:1])


def site_card_text(site_name: str, description: str, host: str) -> CardText:
    return CardText(band=site_name, kicker="CỔNG THÔNG TIN", headline=description, footer=(host,))


# Where each image is published, relative to the site root. Sub-folders keep plan and topic slugs apart.
def plan_card_uri(plan: Plan, *, cover: bool = False) -> str:
    return f"{CARD_DIR}/ke-hoach/{plan.slug}.{'jpg' if cover else 'png'}"


def topic_card_uri(topic: Topic) -> str:
    return f"{CARD_DIR}/{topic.loai}/{topic.slug}.png"


class CardCache:
    """A directory of rendered images named by content hash. `rendered` counts actual drawing."""

    def __init__(self, directory: str | Path):
        self.directory = Path(directory)
        self.rendered = 0

    def card(self, text: CardText) -> Path:
        path = self.directory / f"{text.key}.png"
        if not path.exists():
            self._save(_card_image(text), path, "PNG")
        return path

    def draw_missing(self, texts: list[CardText]) -> None:
        """Draw every card of `texts` not cached yet, on all cores (a first build draws thousands)."""
        todo = {text.key: text for text in texts if not (self.directory / f"{text.key}.png").exists()}
        if todo:
            self.directory.mkdir(parents=True, exist_ok=True)
            map_all(_draw_card, [(text, str(self.directory)) for text in todo.values()], min_batch=8)
            self.rendered += len(todo)

    def cover(self, source: Path) -> Path:
        """The cover cropped to 1200×630 JPEG (staff photos are often 5 MB; previews want ≤ 1 MB)."""
        digest = hashlib.sha256(LAYOUT_VERSION.encode() + source.read_bytes()).hexdigest()
        path = self.directory / f"{digest}.jpg"
        if not path.exists():
            from PIL import Image, ImageOps  # Pillow only when something is drawn (a warm build draws nothing)

            with Image.open(source) as image:
                image = ImageOps.exif_transpose(image)
                if image.mode in ("RGBA", "LA", "P"):
                    image = image.convert("RGBA")
                    backdrop = Image.new("RGBA", image.size, "white")
                    image = Image.alpha_composite(backdrop, image)
                fitted = ImageOps.fit(image.convert("RGB"), (WIDTH, HEIGHT), Image.Resampling.LANCZOS)
            self._save(fitted, path, "JPEG", quality=85)
        return path

    def _save(self, image: Image.Image, path: Path, fmt: str, **options) -> None:
        # Write then rename: a build killed half-way never leaves a truncated file under a valid name.
        self.directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        os.fchmod(fd, FILE_MODE)  # linked into site/ (LinkedFile): readable as MkDocs' own files are
        with os.fdopen(fd, "wb") as out:
            image.save(out, fmt, **options)
        os.replace(tmp, path)
        self.rendered += 1


def _card_image(text: CardText) -> Image.Image:
    from PIL import Image

    # 256 colours look the same for flat colours and anti-aliased text, at half the bytes.
    # Fast octree: a quarter of median-cut's time, no visible difference on flat-colour cards.
    return render(text).quantize(256, method=Image.Quantize.FASTOCTREE)


def _draw_card(job: tuple[CardText, str]) -> None:
    text, directory = job
    cache = CardCache(directory)
    cache.card(text)


@functools.lru_cache(maxsize=None)  # loading a font file costs more than drawing a line with it
def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_DIR / ("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")), size)


def render(text: CardText) -> Image.Image:
    """Red band with the site name, kicker, headline (wrapped, ellipsised), footer lines at the bottom."""
    from PIL import Image, ImageDraw

    text = CardText(*(_nfc(v) for v in (text.band, text.kicker, text.headline)),
                    tuple(_nfc(v) for v in text.footer if v))
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    width = WIDTH - 2 * MARGIN

    draw.rectangle((0, 0, WIDTH, 104), fill=RED)
    draw.rectangle((0, 104, WIDTH, 112), fill=GOLD)
    band_font = _font(True, 40)
    draw.text((MARGIN, 52), _ellipsise(text.band.upper(), band_font, width), font=band_font, fill=GOLD, anchor="lm")

    kicker_font = _font(True, 34)
    draw.text((MARGIN, 150), _ellipsise(text.kicker, kicker_font, width), font=kicker_font, fill=RED, anchor="lt")

    footer_fonts = [_font(True, 30), _font(False, 28)]
    footer_top = HEIGHT - 40 - 44 * len(text.footer)
    top, bottom = 212, footer_top - 24
    for size in (72, 64, 56, 50, 44):  # the largest size that fits without cutting
        font, line_height = _font(True, size), round(size * 1.28)
        max_lines = (bottom - top) // line_height
        lines = wrap(text.headline, font, width, max_lines)
        if not lines[-1].endswith("…"):
            break
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * line_height), line, font=font, fill=INK, anchor="lt")

    if text.footer:
        draw.line((MARGIN, footer_top - 12, WIDTH - MARGIN, footer_top - 12), fill="#e0d6c8", width=2)
    for index, line in enumerate(text.footer):
        font = footer_fonts[min(index, 1)]
        draw.text((MARGIN, footer_top + index * 44), _ellipsise(line, font, width), font=font,
                  fill=INK if index == 0 else GREY, anchor="lt")
    return image


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap; the last allowed line ends in '…' when the text does not fit."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while font.getlength(current) > width:  # a word wider than the card (a long number, a URL)
            cut = len(current)
            while cut > 1 and font.getlength(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = _ellipsise(lines[-1] + " …", font, width, force=True)
    return lines or [""]


def _ellipsise(text: str, font: ImageFont.FreeTypeFont, width: int, force: bool = False) -> str:
    if not force and font.getlength(text) <= width:
        return text
    text = text.removesuffix(" …")
    while text and font.getlength(text.rstrip(" ,;:-") + "…") > width:
        text = text[:-1]
    return text.rstrip(" ,;:-") + "…"


def _nfc(value: str) -> str:
    # Decomposed marks (pasted from Word/PDF) would be drawn apart from their letters.
    return unicodedata.normalize("NFC", value)
