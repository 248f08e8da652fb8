"""Events (sự kiện) and deadlines (thời hạn) of plans, on one time line.

A partial date ('2026-05', '2026-Q1') is placed at the end of its period: that is the last day the event
can happen or the deadline can fall, so a reader is never told too late. Its label says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from ..dates import PartialDate, format_short
from ..plan import Plan
from ..recurrence import LapLai

SU_KIEN = "su-kien"
THOI_HAN = "thoi-han"


@dataclass(frozen=True, slots=True)
class AgendaItem:
    kind: str  # SU_KIEN | THOI_HAN
    title: str
    when: PartialDate
    plan: Plan
    index: int  # position in the plan's list: a stable id for calendars
    gio: str | None = None
    dia_diem: str | None = None
    hinh_thuc: str | None = None
    chu_tri: str | None = None
    thanh_phan: str | None = None
    chiu_trach_nhiem: str | None = None
    bao_cao_vien: str | None = None
    tu_ngay: dt.date | None = None      # a range: its first day ('từ … đến …'); `when` is then its last
    lap_lai: LapLai | None = None       # a recurring deadline; `when` is its next occurrence

    @property
    def day(self) -> dt.date:
        """The day the item is shown on: the date itself, the first day of a range, or the last day of its
        month or quarter."""
        return self.tu_ngay or self.when.end

    @property
    def last_day(self) -> dt.date:
        return self.when.end

    @property
    def is_range(self) -> bool:
        return self.tu_ngay is not None

    @property
    def is_recurring(self) -> bool:
        return self.lap_lai is not None

    @property
    def is_partial(self) -> bool:
        return self.when.is_partial

    @property
    def is_deadline(self) -> bool:
        return self.kind == THOI_HAN

    @property
    def kind_label(self) -> str:
        return "Thời hạn" if self.is_deadline else "Sự kiện"

    @property
    def when_label(self) -> str:
        """'20/05/2026 lúc 14:00', 'trong tháng 5/2026 (chưa ấn định ngày)', 'hạn chót 05/06/2026'."""
        if self.is_recurring:
            return f"{self.lap_lai.label()} (lần tới: {self.when.short()})"
        if self.is_partial:
            return f"trong {self.when.label()} (chưa ấn định ngày)"
        if self.is_range:
            text = f"từ {format_short(self.tu_ngay)} đến {self.when.short()}"
            return f"{text}, bắt đầu lúc {self.gio}" if self.gio else text
        text = self.when.short()
        return f"{text} lúc {self.gio}" if self.gio else text

    @property
    def uid(self) -> str:
        return f"{self.plan.slug}-{self.kind}-{self.index + 1}"

    def is_upcoming(self, today: dt.date) -> bool:
        return self.last_day >= today


def _day(day: dt.date) -> PartialDate:
    return PartialDate(day, day, "day", day.isoformat())


def agenda(plans: list[Plan], today: dt.date | None = None) -> list[AgendaItem]:
    """Every dated event and deadline of `plans`, soonest first. A recurring deadline with a day is placed on
    its next occurrence from `today` (without `today`: its first one after the plan's date, which is what a
    calendar feed starts its rule from); one without a day cannot be placed (see `recurring`)."""
    items = []
    for plan in plans:
        for i, event in enumerate(plan.su_kien):
            if event.ngay:
                ranged = event.den_ngay is not None
                items.append(AgendaItem(SU_KIEN, event.ten, _day(event.den_ngay) if ranged else event.ngay, plan, i,
                                        gio=event.gio, dia_diem=event.dia_diem, hinh_thuc=event.hinh_thuc,
                                        chu_tri=event.chu_tri, thanh_phan=event.thanh_phan,
                                        bao_cao_vien=event.bao_cao_vien,
                                        tu_ngay=event.ngay.start if ranged else None))
        for i, deadline in enumerate(plan.thoi_han):
            if deadline.lap_lai:
                start = max(today or plan.sort_date, plan.sort_date)
                upcoming_dates = deadline.lap_lai.next_dates(start, 1)
                if upcoming_dates:
                    items.append(AgendaItem(THOI_HAN, deadline.viec, _day(upcoming_dates[0]), plan, i,
                                            chiu_trach_nhiem=deadline.chiu_trach_nhiem, lap_lai=deadline.lap_lai))
            elif deadline.han:
                items.append(AgendaItem(THOI_HAN, deadline.viec, deadline.han, plan, i,
                                        chiu_trach_nhiem=deadline.chiu_trach_nhiem, tu_ngay=deadline.tu_ngay))
    # Exact dates before period ends on the same day; then by time, so a day reads in order.
    return sorted(items, key=lambda it: (it.day, it.is_partial, it.gio or "", it.kind, it.title, it.plan.slug))


@dataclass(frozen=True, slots=True)
class Recurring:
    """A recurring deadline as /lich/ lists it: 'Hằng quý, trước ngày 15 tháng cuối quý', next on …"""

    title: str
    lap_lai: LapLai
    plan: Plan
    chiu_trach_nhiem: str | None
    next_day: dt.date | None      # None when the plan gives no day

    @property
    def label(self) -> str:
        return self.lap_lai.label()


def recurring(plans: list[Plan], today: dt.date) -> list[Recurring]:
    """Every recurring deadline of `plans`, soonest next occurrence first, those without a day last."""
    out = []
    for plan in plans:
        for deadline in plan.thoi_han:
            if deadline.lap_lai:
                nxt = deadline.lap_lai.next_dates(max(today, plan.sort_date), 1)
                out.append(Recurring(deadline.viec, deadline.lap_lai, plan, deadline.chiu_trach_nhiem,
                                     nxt[0] if nxt else None))
    return sorted(out, key=lambda r: (r.next_day is None, r.next_day or dt.date.max, r.title, r.plan.slug))


def upcoming(items: list[AgendaItem], today: dt.date, limit: int | None = None) -> list[AgendaItem]:
    soon = [item for item in items if item.is_upcoming(today)]
    return soon[:limit] if limit else soon


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    items: list[AgendaItem]

    @property
    def label(self) -> str:
        return f"Tháng {self.month}/{self.year}"

    @property
    def anchor(self) -> str:
        return f"thang-{self.month:02d}-{self.year}"


def by_month(items: list[AgendaItem], newest_first: bool = False) -> list[Month]:
    months = [Month(y, m, list(group)) for (y, m), group in groupby(items, key=lambda it: (it.day.year, it.day.month))]
    return list(reversed(months)) if newest_first else months
