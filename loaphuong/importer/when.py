"""Dates and times as Vietnamese documents write them, read without guessing.

A date that does not exist (31/02/2025) is returned as written, with a problem, never corrected.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

ROMAN_QUARTER = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_D = r"(\d{1,2})"
_Y = r"(\d{4})"
FULL_NUMERIC = re.compile(rf"(?<![\d/]){_D}\s*[/.\-]\s*{_D}\s*[/.\-]\s*{_Y}(?![\d/])")
FULL_WORDS = re.compile(rf"ngày\s+{_D}\s+tháng\s+{_D}\s*(?:,\s*)?năm\s+{_Y}", re.IGNORECASE)
MONTH = re.compile(rf"tháng\s+{_D}\s*(?:/|-|năm|,\s*năm)\s*{_Y}(?![\d/])", re.IGNORECASE)
QUARTER = re.compile(r"quý\s+(IV|I{1,3}|[1-4])\s*(?:/|-|năm|,\s*năm)\s*(\d{4})", re.IGNORECASE)
# '07 giờ 30', '7h30', '14h00', '08 giờ', '14 giờ 00 phút', '7g30', '14:00'. An 'h'/'g' followed by a letter is
# a word ('5 gia đình', '30 học viên'), not an hour.
TIME = re.compile(
    r"(?<![\d/:.,])(\d{1,2})\s*(?:giờ|h(?![^\W\d_])|g(?![^\W\d_])|:(?=\s*\d{2}))\s*(\d{2})?"
    r"(?:\s*(?:phút|p(?![^\W\d_])|'))?(?![\d/])", re.IGNORECASE)


@dataclass
class Found:
    """A date or time found in text: the value for YAML, what was written and where."""

    value: str          # ISO date, "yyyy-mm", "yyyy-Qn", "HH:MM"; or the text as written if impossible
    raw: str
    start: int
    end: int
    precision: str      # day | month | quarter | time
    problem: str = ""   # non-empty when the value is kept as written and needs a human
    note: str = ""      # a usable value a human should still confirm (a year taken from the document)
    until: "Found | None" = None   # the last day of a range 'từ ngày 20/5 đến 22/5/2026'

    @property
    def valid(self) -> bool:
        return not self.problem

    def date(self) -> dt.date | None:
        """Start date for comparisons (None when impossible)."""
        if self.problem:
            return None
        if self.precision == "day":
            return dt.date.fromisoformat(self.value)
        if self.precision == "month":
            y, m = self.value.split("-")
            return dt.date(int(y), int(m), 1)
        if self.precision == "quarter":
            y, q = self.value.split("-Q")
            return dt.date(int(y), 3 * (int(q) - 1) + 1, 1)
        return None

    def end_date(self) -> dt.date | None:
        start = self.date()
        if start is None or self.precision == "day":
            return start
        if self.precision == "month":
            return start.replace(day=calendar.monthrange(start.year, start.month)[1])
        last = start.month + 2
        return dt.date(start.year, last, calendar.monthrange(start.year, last)[1])


def make_day(day: int, month: int, year: int, raw: str, start: int, end: int) -> Found:
    try:
        value = dt.date(year, month, day).isoformat()
        return Found(value, raw, start, end, "day")
    except ValueError:
        hint = " (có thể ngày và tháng bị đảo)" if month > 12 and day <= 12 else ""
        return Found(f"{day:02d}/{month:02d}/{year}", raw, start, end, "day",
                     problem=f"ngày '{raw.strip()}' không tồn tại{hint}; giữ nguyên như văn bản, cần kiểm tra")


def full_dates(text: str) -> list[Found]:
    found = [make_day(int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(0), m.start(), m.end())
             for m in FULL_WORDS.finditer(text)]
    found += [make_day(int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(0), m.start(), m.end())
              for m in FULL_NUMERIC.finditer(text)]
    return sorted(found, key=lambda f: f.start)


def months(text: str) -> list[Found]:
    out = []
    for m in MONTH.finditer(text):
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            out.append(Found(f"{year}-{month:02d}", m.group(0), m.start(), m.end(), "month"))
        else:
            out.append(Found(f"{month}/{year}", m.group(0), m.start(), m.end(), "month",
                             problem=f"'{m.group(0)}': tháng {month} không tồn tại; cần kiểm tra"))
    return out


def quarters(text: str) -> list[Found]:
    return [Found(f"{m.group(2)}-Q{ROMAN_QUARTER[m.group(1).upper()]}", m.group(0), m.start(), m.end(), "quarter")
            for m in QUARTER.finditer(text)]


def _overlaps(a: Found, b: Found) -> bool:
    return a.start <= b.start < a.end or b.start <= a.start < b.end


def any_dates(text: str, year: int | None = None) -> list[Found]:
    """Ranges, full dates, then months and quarters not inside them; in text order. With `year` (the
    document's), a day written without a year ('trước ngày 31/3') takes it and carries a note."""
    found = ranges(text, year)
    for extra in full_dates(text) + months(text) + quarters(text) + (yearless_dates(text, year) if year else []):
        if not any(_overlaps(f, extra) for f in found):
            found.append(extra)
    return sorted(found, key=lambda f: f.start)


NO_YEAR = re.compile(r"ngày\s+(\d{1,2})\s*(?:/|-|\s+tháng\s+)\s*(\d{1,2})(?![\d/\-]|\s*(?:,\s*)?năm\s+\d)", re.IGNORECASE)


def yearless_dates(text: str, year: int | None = None) -> list[Found]:
    """'ngày 22/01' with no year. Without `year`: kept as written with a problem. With the document's year:
    that year, and a note asking a person to confirm it."""
    out = []
    for m in NO_YEAR.finditer(text):
        day, month = int(m.group(1)), int(m.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        if year is None:
            out.append(Found(m.group(0)[4:].strip(), m.group(0), m.start(), m.end(), "day",
                             problem=f"'{m.group(0)}' không ghi năm; điền ngày đủ theo văn bản gốc"))
            continue
        found = make_day(day, month, year, m.group(0), m.start(), m.end())
        if not found.problem:
            found.note = f"'{m.group(0)}' không ghi năm; đã lấy năm của văn bản ({year}), cần kiểm tra"
        out.append(found)
    return out


RANGE = re.compile(
    r"từ\s+(?:ngày\s+)?(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\s*(?:đến|tới|[-–])\s*(?:hết\s+)?(?:ngày\s+)?"
    r"(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?(?![\d/])", re.IGNORECASE)


def ranges(text: str, year: int | None = None) -> list[Found]:
    """'từ ngày 20/5 đến 22/5/2026', 'từ 01/6 đến ngày 30/6/2026': the first day, with `until` the last. The
    first day without a year takes the last day's (the year before when its month is later)."""
    out = []
    for m in RANGE.finditer(text):
        end_year = int(m.group(6)) if m.group(6) else year
        if end_year is None:
            continue
        d1, m1, d2, m2 = (int(m.group(i)) for i in (1, 2, 4, 5))
        start_year = int(m.group(3)) if m.group(3) else (end_year - 1 if m1 > m2 else end_year)
        first = make_day(d1, m1, start_year, m.group(0), m.start(), m.end())
        last = make_day(d2, m2, end_year, m.group(0), m.start(), m.end())
        if first.problem or last.problem or last.value <= first.value:
            continue
        if not m.group(6):
            first.note = f"'{m.group(0)}' không ghi năm; đã lấy năm của văn bản ({year}), cần kiểm tra"
        first.until = last
        out.append(first)
    return out


def times(text: str) -> list[Found]:
    out = []
    for m in TIME.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        unit = m.group(0)
        if ":" in unit and m.group(2) is None:
            continue
        if hour < 24 and minute < 60:
            out.append(Found(f"{hour:02d}:{minute:02d}", m.group(0), m.start(), m.end(), "time"))
    return out
