"""Vietnamese sentences, labelled lines ("Địa điểm: …") and the dates written in them.

A full stop ends a sentence only when followed by a space and a capital letter or an opening mark, and not
after an abbreviation ("TP.", "Q.", "v.v.", "Đ/c.") or an initial: "05/6/2026" and "52-CTr/TU" never split.
"""

from __future__ import annotations

import re

from ..text import fold

ABBREVIATIONS = frozenset({
    "tp", "q", "p", "tx", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "cn", "st", "đ/c", "d/c", "v.v", "vv",
    "ông", "bà", "th.s", "tr", "số", "no", "k/t", "t/m", "t/l", "tl", "kt", "tm", "ubnd", "hđnd",
})
_BOUNDARY = re.compile(r"(?<=[.!?…;])\s+")
_FOLDED_ABBREVIATIONS = frozenset(fold(a) for a in ABBREVIATIONS)
_LAST_TOKEN = re.compile(r"(\S+)[.!?…;]$")

LABELS = {  # folded label prefix -> fact key; the first match wins
    "du kien thoi gian": "thoi_gian", "thoi gian": "thoi_gian", "thoi diem": "thoi_gian",
    "dia diem": "dia_diem", "dia chi": "dia_diem",
    "thanh phan": "thanh_phan", "dai bieu": "thanh_phan", "nguoi du": "thanh_phan",
    "chu tri": "chu_tri", "bao cao vien": "bao_cao_vien", "hinh thuc": "hinh_thuc",
    "doi tuong": "doi_tuong", "noi dung": "noi_dung",
}


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences; a ';' before a capital letter also ends one."""
    parts, start = [], 0
    for match in _BOUNDARY.finditer(text):
        after = text[match.end():].lstrip("\"“([")
        if not after or not (after[0].isupper() or after[0].isdigit()):
            continue
        chunk = text[start:match.start()]
        last = _LAST_TOKEN.search(chunk)
        token = fold(last.group(1)).lower().strip("(\"“") if last else ""
        if not chunk.endswith(";") and (token in _FOLDED_ABBREVIATIONS
                                        or re.fullmatch(r"[a-zđ]|[ivxlc]+|\d{1,2}", token)):
            continue  # "TP. Hồ Chí Minh", "Nguyễn V. A", "Mục 2. Nội dung"
        parts.append(chunk.strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def first_sentences(text: str, count: int = 1, min_words: int = 12) -> str:
    """The first `count` sentences, taking one more while the answer is shorter than `min_words`."""
    found = sentences(text)
    taken = found[:count]
    while len(" ".join(taken).split()) < min_words and len(taken) < len(found):
        taken = found[:len(taken) + 1]
    return " ".join(taken)


def label_of(text: str) -> tuple[str, str, str] | None:
    """'Địa điểm: Hội trường …' -> ('dia_diem', 'Địa điểm', 'Hội trường …'); None when not labelled."""
    name, colon, value = text.partition(":")
    if not colon or not value.strip() or len(name.split()) > 6:
        return None
    folded = fold(name).lower().strip(" -–*")
    for prefix, key in LABELS.items():
        if folded.startswith(prefix):
            return key, name.strip(" -–*"), value.strip()
    return None


# Dates as plans write them. Each match is normalised to a tuple so that 05/6/2026, 05/06/2026 and
# "ngày 05 tháng 6 năm 2026" compare equal: (y, m, d), (y, m) or (y, "Q", n).
_ROMAN_Q = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
DATE_PATTERNS = (
    (re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b"), lambda m: (int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"), lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I),
     lambda m: (int(m[3]), int(m[2]), int(m[1]))),
    (re.compile(r"tháng\s+(\d{1,2})\s*(?:/|năm|-)\s*(\d{4})", re.I), lambda m: (int(m[2]), int(m[1]))),
    (re.compile(r"quý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm|-)\s*(\d{4})", re.I),
     lambda m: (int(m[2]), "Q", _ROMAN_Q[m[1].lower()])),
)
_DEADLINE = re.compile(
    r"(?:(?:hoàn thành|xong|chậm nhất|trước|kết thúc)\s+(?:trong\s+|vào\s+|trước\s+)?|trong\s+|từ\s+)?"
    r"(?:ngày\s+\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|tháng\s+\d{1,2}\s*(?:/|năm)\s*\d{4}|quý\s+(?:I{1,3}|IV|[1-4])\s*(?:/|năm)\s*\d{4})",
    re.I)
DEADLINE_CUES = ("hoan thanh", "truoc ngay", "truoc thang", "cham nhat", "han chot", "xong truoc",
                 "xong trong", "ket thuc", "bao cao")


def dates_in(text: str) -> set[tuple]:
    """Every date written in the text; a full date does not also count as its month ('ngày 05 tháng 6 …')."""
    found = set()
    for pattern, key in DATE_PATTERNS:
        for match in pattern.finditer(text):
            try:
                found.add(key(match))
            except (KeyError, ValueError):
                continue
            text = text[:match.start()] + " " * (match.end() - match.start()) + text[match.end():]
    return found


def date_key(partial) -> tuple:
    """The normalised key of a loaphuong.dates.PartialDate."""
    start = partial.start
    if partial.precision == "day":
        return (start.year, start.month, start.day)
    if partial.precision == "month":
        return (start.year, start.month)
    return (start.year, "Q", (start.month - 1) // 3 + 1)


def deadline_phrase(sentence: str) -> str | None:
    """'trước ngày 05/6/2026' / 'trong tháng 5/2026' when the sentence sets a deadline, else None."""
    folded = fold(sentence).lower()
    if not any(cue in folded for cue in DEADLINE_CUES):
        return None
    phrases = [m.group(0).strip() for m in _DEADLINE.finditer(sentence)]
    # A document's own date ("số 52-CTr/TU, ngày 17/4/2026") is not a deadline: prefer a phrase with a cue.
    cued = [p for p in phrases if re.match(r"(hoàn thành|xong|chậm nhất|trước|kết thúc|trong)\b", p, re.I)]
    return (cued or [None])[-1]
