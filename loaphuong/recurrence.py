"""Recurring deadlines (thời hạn định kỳ): 'hằng năm, trước ngày 15/12', '6 tháng một lần', 'hằng quý',
'trước ngày 20 hằng tháng'.

A plan states them as `lap_lai` (the period) and, where the document gives one, `ngay_lap` (the day):
- hang-nam: "15/12" (day/month);
- 6-thang: "10/6" (the first of the two days in a year: 10/6 and 10/12) or "10" (10/6 and 10/12);
- hang-quy: "15/1" (15/1, 15/4, 15/7, 15/10) or "15" (day 15 of each quarter's last month);
- hang-thang: "20" (day 20 of every month; 29–31 fall on the month's last day when it is shorter).
Without a day the recurrence is shown as written ("Hằng quý") and never placed on a made-up day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from dateutil import rrule

from .dates import DateError
from .text import fold

PERIODS = {"hang-nam": 12, "6-thang": 6, "hang-quy": 3, "hang-thang": 1}
ALIASES = {
    "hang-nam": "hang-nam", "nam": "hang-nam", "moi-nam": "hang-nam", "yearly": "hang-nam",
    "6-thang": "6-thang", "6-thang-mot-lan": "6-thang", "sau-thang": "6-thang", "nua-nam": "6-thang",
    "moi-6-thang": "6-thang", "hang-6-thang": "6-thang",
    "hang-quy": "hang-quy", "quy": "hang-quy", "moi-quy": "hang-quy", "quarterly": "hang-quy",
    "hang-thang": "hang-thang", "thang": "hang-thang", "moi-thang": "hang-thang", "monthly": "hang-thang",
}
LABELS = {"hang-nam": "Hằng năm", "6-thang": "6 tháng một lần", "hang-quy": "Hằng quý", "hang-thang": "Hằng tháng"}
_DAY_MONTH = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})$")
_DAY = re.compile(r"^(?:ngày\s*)?(\d{1,2})$", re.IGNORECASE)


def period_key(value: object) -> str | None:
    """'Hằng năm', 'hàng quý', '6 tháng', 'hang-thang' -> the canonical key; None when unknown."""
    key = re.sub(r"[^a-z0-9]+", "-", fold(str(value)).lower()).strip("-")
    return ALIASES.get(key)


@dataclass(frozen=True, slots=True)
class LapLai:
    """A recurrence: its period and, when the plan gives it, the day (and month) it falls on."""

    chu_ky: str                 # hang-nam | 6-thang | hang-quy | hang-thang
    ngay: int | None = None     # day of month
    thang: int | None = None    # the first month it falls in (None: the period's last month / every month)

    @property
    def months(self) -> tuple[int, ...]:
        """Months of the year it falls in (every month for hằng tháng)."""
        step = PERIODS[self.chu_ky]
        first = self.thang if self.thang else step
        first = (first - 1) % step + 1
        return tuple(range(first, 13, step))

    @property
    def has_day(self) -> bool:
        return self.ngay is not None

    def label(self) -> str:
        """'Hằng năm, trước ngày 15/12', '6 tháng một lần, trước ngày 10/6 và 10/12', 'Hằng quý'."""
        head = LABELS[self.chu_ky]
        if self.ngay is None:
            return head
        if self.chu_ky == "hang-thang":
            return f"{head}, trước ngày {self.ngay}"
        if self.chu_ky == "hang-quy" and self.thang is None:
            return f"{head}, trước ngày {self.ngay} tháng cuối quý"
        days = [f"{self.ngay}/{m}" for m in self.months]
        joined = days[0] if len(days) == 1 else ", ".join(days[:-1]) + " và " + days[-1]
        return f"{head}, trước ngày {joined}"

    def value(self) -> str | None:
        """`ngay_lap` as a plan file writes it."""
        if self.ngay is None:
            return None
        return f"{self.ngay}/{self.thang}" if self.thang else str(self.ngay)

    def rule(self, start: dt.date) -> rrule.rrule | None:
        """The dateutil rule from `start` (None without a day: nothing to place on a calendar)."""
        if self.ngay is None:
            return None
        if self.chu_ky == "hang-thang":
            if self.ngay > 28:  # 30 -> the 30th, or the month's last day when it has fewer days
                return rrule.rrule(rrule.MONTHLY, dtstart=start, bymonthday=tuple(range(28, self.ngay + 1)),
                                   bysetpos=-1)
            return rrule.rrule(rrule.MONTHLY, dtstart=start, bymonthday=self.ngay)
        return rrule.rrule(rrule.YEARLY, dtstart=start, bymonth=self.months, bymonthday=self.ngay)

    def ical(self) -> dict | None:
        """The RRULE value for icalendar (RFC 5545), None without a day."""
        if self.ngay is None:
            return None
        if self.chu_ky == "hang-thang":
            if self.ngay > 28:
                return {"FREQ": "MONTHLY", "BYMONTHDAY": list(range(28, self.ngay + 1)), "BYSETPOS": -1}
            return {"FREQ": "MONTHLY", "BYMONTHDAY": self.ngay}
        return {"FREQ": "YEARLY", "BYMONTH": list(self.months), "BYMONTHDAY": self.ngay}

    def next_dates(self, after: dt.date, count: int = 3) -> list[dt.date]:
        rule = self.rule(after)
        if rule is None:
            return []
        return [d.date() for d in rule[:count]] if count else []


def parse(lap_lai: object, ngay_lap: object = None) -> LapLai:
    """Read `lap_lai` / `ngay_lap`; DateError (Vietnamese) when they cannot be read."""
    chu_ky = period_key(lap_lai)
    if chu_ky is None:
        raise DateError(f"chu kỳ '{lap_lai}' không rõ; viết một trong: hang-nam, 6-thang, hang-quy, hang-thang")
    if ngay_lap is None or str(ngay_lap).strip() == "":
        return LapLai(chu_ky)
    text = str(ngay_lap).strip()
    day_month = _DAY_MONTH.match(text)
    day_only = _DAY.match(text)
    if day_month:
        day, month = int(day_month.group(1)), int(day_month.group(2))
        if chu_ky == "hang-thang":
            raise DateError(f"'{text}': hằng tháng chỉ ghi ngày trong tháng, ví dụ ngay_lap: {day}")
        if not 1 <= month <= 12:
            raise DateError(f"'{text}': tháng {month} không tồn tại")
        result = LapLai(chu_ky, day, month)
    elif day_only:
        day = int(day_only.group(1))
        if chu_ky == "hang-nam":
            raise DateError(f"'{text}': hằng năm cần cả ngày và tháng, ví dụ ngay_lap: \"{day}/12\"")
        result = LapLai(chu_ky, day)
    else:
        raise DateError(f"'{text}' không phải ngày định kỳ; viết \"15/12\" (ngày/tháng) hoặc 20 (ngày trong tháng)")
    if not 1 <= day <= 31:
        raise DateError(f"'{text}': ngày {day} không tồn tại")
    if chu_ky != "hang-thang":
        short = [m for m in result.months if day > calendar.monthrange(2025, m)[1]]
        if short:
            raise DateError(f"'{text}': tháng {', '.join(map(str, short))} không có ngày {day}")
    return result
