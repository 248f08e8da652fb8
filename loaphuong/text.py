"""Vietnamese text helpers: Unicode normalisation, diacritic folding and slugs."""

from __future__ import annotations

import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")

SLUG_MAX = 80


def nfc(text: str) -> str:
    """NFC-normalise: Word and some PDF tools paste decomposed (NFD) Vietnamese."""
    return unicodedata.normalize("NFC", text)


def _fold_table() -> dict[int, str | None]:
    """Latin letters with marks -> base letter, combining marks -> nothing; built once."""
    table: dict[int, str | None] = {ord("đ"): "d", ord("Đ"): "D"}  # letters of their own, NFD keeps them
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        base = "".join(c for c in unicodedata.normalize("NFD", chr(code)) if not unicodedata.combining(c))
        if base != chr(code) and base:
            table[code] = base
    table.update({code: None for code in range(0x300, 0x370)})
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Strip Vietnamese diacritics: 'Kế hoạch Đảng ủy' -> 'Ke hoach Dang uy' (NFC or NFD input)."""
    return text.translate(_FOLD)


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """ASCII slug: lower case, diacritics folded, words joined by '-', cut at a word boundary."""
    slug = _NON_SLUG.sub("-", fold(text).lower()).strip("-")
    if len(slug) <= max_length:
        return slug
    cut = slug[: max_length + 1]
    if "-" in cut:
        cut = cut[: cut.rindex("-")]
    return cut[:max_length].strip("-")


def toc_slugify(value: str, separator: str = "-") -> str:
    """Heading anchors for Python-Markdown's toc: same folding as page slugs, no length cut."""
    return slugify(value, max_length=10_000).replace("-", separator)


def clean_text(text: str) -> str:
    """Load-time normalisation of any text a staff member typed: NFC, no BOM, LF line endings."""
    text = nfc(text)
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")
