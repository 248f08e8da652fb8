"""Query and index text normalisation shared by the Python indexer and the browser (search-worker.js).

Readers type with or without marks, in NFC or NFD, and with either tone placement ('hoà'/'hòa',
'uỷ'/'ủy'). The index holds folded words (no marks, 'đ' -> 'd'); the browser folds the query with the
same per-character table, generated from this module at build time so both sides cannot drift apart.
"""

from __future__ import annotations

import json
import re
import unicodedata

from ..text import _FOLD, nfc

# Tone marks of Vietnamese (huyền, sắc, hỏi, ngã, nặng); vowel marks (â ă ơ ư ê ô) are not tones.
TONES = "\u0300\u0301\u0309\u0303\u0323"
_BETWEEN_WORDS = re.compile(r"(?<=[^\W_])[-/._:](?=[^\W_])")
_WORD = re.compile(r"[^\W_]+")


def fold_table() -> dict[str, str]:
    """One character -> one character (NFC text keeps its length, so positions map back 1:1)."""
    return dict(_TABLE)


_TABLE = {chr(code): value for code, value in _FOLD.items() if value is not None and len(value) == 1}


def fold_js() -> str:
    """The fold table as a JavaScript statement for the search worker."""
    return "const LP_FOLD = " + json.dumps(_TABLE, ensure_ascii=True, sort_keys=True) + ";\n"


class _Folded(dict):
    """Code point -> folded character, filled on first sight: str.translate then folds at C speed.

    Each character is lowered alone (not the whole string: 'Σ' at a word's end would become 'ς') and
    kept as is when its lower case has 2 characters ('İ'), so NFC text keeps its length."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        lowered = c.lower() if len(c.lower()) == 1 else c
        self[code] = folded = _TABLE.get(lowered, lowered)
        return folded


_FOLDED = _Folded()


def fold_word(text: str) -> str:
    """NFC, lower case, marks folded: the form both the index and the query are matched in."""
    return nfc(text).translate(_FOLDED)


def index_text(text: str) -> str:
    """Folded text for the index; '173-KH/ĐU' -> '173 kh du' so each part is a word of its own."""
    return _BETWEEN_WORDS.sub(" ", fold_word(text))


def query_words(query: str) -> list[str]:
    """Folded words of a query, as the browser computes them."""
    return _WORD.findall(index_text(query))


def tone_key(word: str) -> str:
    """The word with its tone moved to the end: 'hoà', 'hòa' -> same key; 'hoa' differs (no tone)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(c for c in decomposed if c in TONES)
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONES))
    return base + tones
