"""Vietnamese text helpers: Unicode normalisation, diacritic folding and slugs."""

from __future__ import annotations

import re
import unicodedata

# đ/Đ are letters of their own, not d + combining mark, so NFD does not split them.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")

SLUG_MAX = 80


def nfc(text: str) -> str:
    """NFC-normalise: Word and some PDF tools paste decomposed (NFD) Vietnamese."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Strip Vietnamese diacritics: 'Kế hoạch Đảng ủy' -> 'Ke hoach Dang uy'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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
