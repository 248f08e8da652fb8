"""Vietnamese section numbering, shared by the importer (plain text -> Markdown headings) and the Q&A outline
(Markdown -> numbered sections): 'I.' / 'I-' (Roman part), '1.' / '1)' (Arabic), '1.1.' / '2.1' (nested),
'II.1' (Roman then Arabic), 'a)' (letter), and the list marks '-', '+', '•'.

`depth` orders them: I → 1, 1 → 2, 1.1 → 3, II.1 → 2, a → 4.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROMAN = r"[IVXLC]+"
ARABIC = r"\d{1,2}"
NESTED = rf"{ARABIC}(?:\.{ARABIC})+"
LETTER = r"[a-zđ]"
BULLET_MARKS = "-•–—*·▪►✓"

_ROMAN_LINE = re.compile(rf"^({ROMAN})\s*[.\-/)]\s*(.+)$")
_NESTED_LINE = re.compile(rf"^({NESTED})\.?\s+(\S.*)$")
_ARABIC_LINE = re.compile(rf"^({ARABIC})\s*[.)\-]\s*(\S.*)$")
_ANY_NUMBER = re.compile(
    rf"^(?P<num>{ROMAN}(?:\.{ARABIC})*|{ARABIC}(?:\.{ARABIC})*|{LETTER})(?:\s*[.)\-–:]\s*|\s+)(?P<rest>\S.*)$")
_BULLET_LINE = re.compile(rf"^([{re.escape(BULLET_MARKS)}])\s*(\S.*)$")
_SUB_BULLET_LINE = re.compile(r"^\+\s*(\S.*)$")
# A Markdown list item: '- …', '* …', '+ …', '• …' or '1. …' / '1) …'.
MARKDOWN_ITEM = re.compile(rf"^[ \t]*(?:[-*+•]|{ARABIC}[.)])[ \t]+(.*)$")
_PARAGRAPH_NUMBER = re.compile(rf"^{ARABIC}(?:\.{ARABIC})*\s*[.)]\s+")


@dataclass(frozen=True)
class Numbered:
    number: str   # 'IV', '1', '1.1', 'II.1', 'a'
    rest: str     # the text after the number

    @property
    def depth(self) -> int:
        return depth(self.number)

    @property
    def is_roman(self) -> bool:
        return is_roman(self.number)


def is_roman(number: str) -> bool:
    """'IV' or 'II.1': a number whose first part is Roman."""
    return bool(re.match(ROMAN + r"(\.|$)", number))


def is_plain_roman(number: str) -> bool:
    return bool(re.fullmatch(ROMAN, number))


def depth(number: str) -> int:
    """I → 1, 1 → 2, 1.1 → 3, II.1 → 2, II.1.1 → 3, a → 4; '' → 0."""
    if not number:
        return 0
    if re.fullmatch(LETTER, number):
        return 4
    parts = number.split(".")
    return len(parts) if re.match(ROMAN, parts[0]) else len(parts) + 1


def roman_line(line: str) -> Numbered | None:
    """'II. NỘI DUNG', 'III- TỔ CHỨC THỰC HIỆN' in plain text."""
    match = _ROMAN_LINE.match(line)
    return Numbered(match.group(1), match.group(2).strip()) if match else None


def arabic_line(line: str) -> Numbered | None:
    """'1. Mục đích', '1) …', '2.1 Nội dung', '1.1. …' in plain text."""
    match = _NESTED_LINE.match(line) or _ARABIC_LINE.match(line)
    return Numbered(match.group(1), match.group(2).strip()) if match else None


def heading_number(title: str) -> Numbered | None:
    """The number of a heading as Markdown plans write it, leniently: 'I.', 'II.1', '2.1' (no dot), 'a)',
    '1:'. A bare digit followed by lower-case text ('3 ngày …') is text, not section 3."""
    match = _ANY_NUMBER.match(title)
    if not match:
        return None
    number, rest = match.group("num"), match.group("rest").strip()
    if number.isdigit() and match.group(0)[len(number):].lstrip()[:1] not in ".)-–:" and not rest[:1].isupper():
        return None
    return Numbered(number, rest)


def bullet(line: str) -> str | None:
    """The text of a '- …' / '• …' item in plain text."""
    match = _BULLET_LINE.match(line)
    return match.group(2).strip() if match else None


def sub_bullet(line: str) -> str | None:
    """The text of a '+ …' sub-item in plain text."""
    match = _SUB_BULLET_LINE.match(line)
    return match.group(1).strip() if match else None


def markdown_item(line: str) -> str | None:
    match = MARKDOWN_ITEM.match(line)
    return match.group(1) if match else None


def without_paragraph_number(text: str) -> str:
    """'2. Các chi bộ báo cáo …' -> 'Các chi bộ báo cáo …'."""
    return _PARAGRAPH_NUMBER.sub("", text)


def paragraph_number(text: str) -> re.Match | None:
    return _PARAGRAPH_NUMBER.match(text)
