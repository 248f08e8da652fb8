"""Dates as Vietnamese documents write them.

Accepts ISO dates (2025-02-03) and the 'dd/mm/yyyy' form of Vietnamese documents, and partial
dates for events and deadlines ('2026-05', '2026-Q1'). Formats dates the official way
(Nghị định 30/2020): a day below 10 and the months 1 and 2 take a leading zero.
"""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass

VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7), "+07:00")

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")


class DateError(ValueError):
    """A date that cannot be read; the message is Vietnamese and meant for staff."""


# Plans cite documents back to 1930 and set deadlines a few years ahead: a year outside this range is a
# typo (0205, 20255), and 0001-01-01 or 9999-12-31 would overflow date arithmetic in feeds and calendars.
MIN_YEAR, MAX_YEAR = 1900, 2199


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(f"năm {year} trong '{text}' nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}; có thể gõ nhầm năm")


def parse_date(value: object) -> dt.date:
    """A full date from YAML: a date object, 'yyyy-mm-dd' or 'dd/mm/yyyy'."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        _check_year(value.year, value.isoformat())
        return value
    text = str(value).strip()
    match = _ISO.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _VN.match(text)
        if not match:
            raise DateError(
                f"'{text}' không phải ngày hợp lệ; viết dạng 2025-02-03 hoặc 03/02/2025"
            )
        day, month, year = (int(g) for g in match.groups())
    _check_year(year, text)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"ngày '{text}' không tồn tại (ngày {day}, tháng {month}, năm {year})") from None


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A full date, a month ('2026-05') or a quarter ('2026-Q1') of an event or deadline."""

    start: dt.date
    end: dt.date
    precision: str  # "day" | "month" | "quarter"
    raw: str

    @property
    def is_partial(self) -> bool:
        return self.precision != "day"

    def label(self) -> str:
        """Vietnamese label: 'ngày 05 tháng 6 năm 2026', 'tháng 5/2026', 'quý I năm 2026'."""
        if self.precision == "day":
            return format_vn_date(self.start)
        if self.precision == "month":
            return f"tháng {self.start.month}/{self.start.year}"
        quarter = (self.start.month - 1) // 3
        return f"quý {('I', 'II', 'III', 'IV')[quarter]} năm {self.start.year}"

    def short(self) -> str:
        if self.precision == "day":
            return f"{self.start.day:02d}/{self.start.month:02d}/{self.start.year}"
        return self.label()

    def __str__(self) -> str:
        return self.raw


def parse_partial_date(value: object) -> PartialDate:
    """A date that may be partial: full date, 'yyyy-mm' or 'yyyy-Qn'."""
    if isinstance(value, (dt.date, dt.datetime)):
        day = parse_date(value)
        return PartialDate(day, day, "day", day.isoformat())
    text = str(value).strip()
    match = _MONTH.match(text)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        _check_year(year, text)
        if not 1 <= month <= 12:
            raise DateError(f"tháng {month} trong '{text}' không tồn tại")
        last = calendar.monthrange(year, month)[1]
        return PartialDate(dt.date(year, month, 1), dt.date(year, month, last), "month", text)
    match = _QUARTER.match(text)
    if match:
        year, quarter = int(match.group(1)), int(match.group(2))
        _check_year(year, text)
        first_month = 3 * (quarter - 1) + 1
        last_month = first_month + 2
        last = calendar.monthrange(year, last_month)[1]
        return PartialDate(
            dt.date(year, first_month, 1), dt.date(year, last_month, last), "quarter", text.upper()
        )
    try:
        day = parse_date(text)
    except DateError:
        raise DateError(
            f"'{text}' không phải ngày hợp lệ; viết 2026-05-20, 20/05/2026, "
            "2026-05 (cả tháng) hoặc 2026-Q2 (cả quý)"
        ) from None
    return PartialDate(day, day, "day", day.isoformat())


def format_vn_date(day: dt.date) -> str:
    """'ngày 03 tháng 02 năm 2025', as Vietnamese official documents write it."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def format_short(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def build_date() -> dt.date:
    """Today in Vietnam, unless LOAPHUONG_TODAY (yyyy-mm-dd) pins it for reproducible builds."""
    pinned = os.environ.get("LOAPHUONG_TODAY")
    if pinned:
        return parse_date(pinned)
    return dt.datetime.now(VIETNAM_TZ).date()
