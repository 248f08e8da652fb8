"""Events (sự kiện) and deadlines (thời hạn) of plans, on one time line.

A partial date ('2026-05', '2026-Q1') is placed at the end of its period: that is the last day the event
can happen or the deadline can fall, so a reader is never told too late. Its label says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

from ..dates import PartialDate
from ..plan import Plan

SU_KIEN = "su-kien"
THOI_HAN = "thoi-han"


@dataclass(frozen=True)
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

    @property
    def day(self) -> dt.date:
        """The day the item is shown on: the date itself, or the last day of its month or quarter."""
        return self.when.end

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
        if self.is_partial:
            return f"trong {self.when.label()} (chưa ấn định ngày)"
        text = self.when.short()
        return f"{text} lúc {self.gio}" if self.gio else text

    @property
    def uid(self) -> str:
        return f"{self.plan.slug}-{self.kind}-{self.index + 1}"

    def is_upcoming(self, today: dt.date) -> bool:
        return self.day >= today


def agenda(plans: list[Plan]) -> list[AgendaItem]:
    """Every dated event and deadline of `plans`, soonest first."""
    items = []
    for plan in plans:
        for i, event in enumerate(plan.su_kien):
            if event.ngay:
                items.append(AgendaItem(SU_KIEN, event.ten, event.ngay, plan, i, gio=event.gio,
                                        dia_diem=event.dia_diem, hinh_thuc=event.hinh_thuc,
                                        chu_tri=event.chu_tri, thanh_phan=event.thanh_phan))
        for i, deadline in enumerate(plan.thoi_han):
            if deadline.han:
                items.append(AgendaItem(THOI_HAN, deadline.viec, deadline.han, plan, i,
                                        chiu_trach_nhiem=deadline.chiu_trach_nhiem))
    # Exact dates before period ends on the same day; then by time, so a day reads in order.
    return sorted(items, key=lambda it: (it.day, it.is_partial, it.gio or "", it.kind, it.title, it.plan.slug))


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
