"""Rejoin hard-wrapped lines and page-break splits into paragraphs.

Documents reach us with every paragraph on one line, hard-wrapped at ~80 characters, with a blank line
after every line, or split by a page break in mid-sentence. A line is continued by the next when the
sentence visibly goes on: no closing punctuation and the next line starts in lower case, or the line is
as long as the document's wrapped lines and the next line does not open a new item.
"""

from __future__ import annotations

import re

# New item: bullet, "1.", "1.1", "I.", "a)", "Nơi nhận", footnote definition, separator.
ITEM = re.compile(
    r"^(?:[-+•–—*·▪►✓]\s|[-+•–—]\S|\d+(?:\.\d+)*\s*[.)-]?\s|\d+(?:\.\d+)+\.?\s|[IVXLC]+\s*[.\-/)]\s?|[a-zđ]\s*[).]\s"
    r"|\(\d+\)|Nơi nhận|\[\^\d+\]:|<sup>|\*$|-{3,}|_{3,}|(?:T/M|TM\.?|K/T|KT\.?|TL\.?|T/L|TUQ\.?|Q\.)\s)"
)
TERMINAL = re.compile(r"[.:;!?…]['\"”’)]*$|[.:;!?…]\)?\s*\d*$")
_LOWER_START = re.compile(r"^[\"“‘'(]?[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")
ROMAN_HEADING = re.compile(r"^[IVXLC]+\s*[.\-/)]\s*\S")
# Words a phrase cannot end with: a line ending in one was cut by the wrap.
_DANGLING = re.compile(
    r"\s(?:và|của|về|các|với|cho|trong|theo|tại|những|được|là|để|từ|đến|trên|dưới|hoặc|cùng|nhằm|bằng|do|"
    r"khi|mà|như|vào|sự|một|giữa|qua|đối|ngày|tháng|phải|đã|sẽ|đang|"
    r"VÀ|CỦA|VỀ|CÁC|VỚI|TRONG|THEO|TẠI)$")


_LABEL_START = re.compile(r"^(?:Thời gian|Địa điểm|Thành phần|Hình thức|Chủ trì|Báo cáo viên|Đối tượng|Đại biểu)"
                          r"[^:.;]{0,20}:\s")
_RUN_IN_LABEL_END = re.compile(r"[.;]\s+(?:Thời gian|Địa điểm|Thành phần|Hình thức|Chủ trì|Báo cáo viên|Đối tượng)"
                               r"[^:.;]{0,20}:$")
_DATE_WORD_END = re.compile(r"\s(?:ngày|tháng)$")
ITEM_HEAD = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\s*[.)]|[IVXLC]+\s*[.\-/)]|[a-zđ]\))\s")


def _is_upper(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def wrap_width(lines: list[str]) -> int | None:
    """The width of hard-wrapped lines, or None when the text is not hard-wrapped."""
    candidates = [len(s) for s in lines if 50 <= len(s) <= 130 and not TERMINAL.search(s)]
    if len(candidates) < 3:
        return None
    candidates.sort()
    return candidates[len(candidates) // 2]


def every_line_spaced(lines: list[str]) -> bool:
    """True when (almost) every line is followed by a blank: blank lines then mean nothing."""
    nonblank = [i for i, s in enumerate(lines) if s.strip()]
    if len(nonblank) < 8:
        return False
    adjacent = sum(1 for a, b in zip(nonblank, nonblank[1:]) if b == a + 1)
    return adjacent <= len(nonblank) * 0.03


def continues(cur: str, nxt: str, width: int | None, across_blank: bool) -> bool:
    """Does `nxt` continue the sentence whose last physical line is `cur`?"""
    if not cur or not nxt or ITEM.match(nxt):
        return False
    if re.match(r"^(Số|Nơi nhận|KẾ HOẠCH)\b", nxt):
        return False
    if _is_upper(cur) != _is_upper(nxt) and len(nxt) > 3 and not _LOWER_START.match(nxt):
        return False  # an upper-case title line does not run into sentence text
    if _LABEL_START.match(nxt):
        return False  # 'Thời gian: …' under a heading line opens its own labelled line
    if _RUN_IN_LABEL_END.search(cur):
        return True   # '… tại Nhà Văn hóa phường. Báo cáo viên:' + 'Chị Lê Thị Hồng …': the label's value
    ends = bool(TERMINAL.search(cur))
    if _LOWER_START.match(nxt) and not ends:
        return True
    if _LOWER_START.match(nxt) and cur.endswith(",") :
        return True
    if ends:
        return False
    if _DANGLING.search(cur) and (not across_blank or _LOWER_START.match(nxt)) \
            and not (_DATE_WORD_END.search(cur) and ITEM_HEAD.match(cur) and not nxt[:1].isdigit()):
        return True  # "… của Ban" / "… và": a phrase cannot end there ('1. Báo cáo tháng' is a title)
    if width and not across_blank and width * 0.75 <= len(cur) <= width * 1.3:
        return True  # a full-width line without closing punctuation was wrapped
    if _is_upper(cur) and _is_upper(nxt) and ROMAN_HEADING.match(cur) and len(nxt) < 80:
        return True  # "II. NỘI DUNG SINH HOẠT CHÍNH TRỊ," + "TƯ TƯỞNG": a wrapped section title
    return False


def join_lines(lines: list[str]) -> list[str]:
    """Paragraphs (one string each); blank lines are kept as '' between paragraphs."""
    spaced = every_line_spaced(lines)
    if spaced:
        lines = [s for s in lines if s.strip()]
    width = wrap_width(lines)
    out: list[str] = []
    blank_since = False
    last = ""
    for line in lines:
        if not line.strip():
            blank_since = True
            continue
        if out and out[-1] and continues(last, line, width, blank_since and not spaced):
            out[-1] = _join(out[-1], line)
        else:
            if blank_since and out:
                out.append("")
            out.append(line)
        blank_since = False
        last = line
    return out


def _join(a: str, b: str) -> str:
    if a.endswith("-") and not a.endswith(" -") and b[:1].islower():
        return a + b  # not hyphenation in Vietnamese, but keep words like "x-quang" whole
    return f"{a} {b}"
