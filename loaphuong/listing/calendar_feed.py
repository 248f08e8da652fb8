"""/lich.ics: the events and deadlines as an iCalendar feed a phone calendar can subscribe to.

Built with the icalendar library. Output is deterministic (no build time in it) so rebuilds are identical.
Dated items only; partial dates become all-day items on the period's last day, labelled as such; a range is
one all-day span; a recurring deadline with a day is one event with an RRULE (those without a day are listed on
/lich/ only: a calendar cannot hold them without making up a day).
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo


from ..cache import Cache
from ..fingerprint import fingerprint
from ..plan import Plan
from .agenda import AgendaItem, agenda

if TYPE_CHECKING:  # icalendar itself is imported where the calendar is made
    import icalendar

TZ_NAME = "Asia/Ho_Chi_Minh"


def calendar_ics(items: list[AgendaItem], site_url: str, site_name: str) -> bytes:
    return _calendar_ics(items, site_url, site_name)


def cached_calendar_ics(plans: list[Plan], site_url: str, site_name: str, cache: Cache | None) -> bytes:
    """calendar_ics of the plans' agenda, looked up first by the plans' digests (the feed has no build date).

    On a miss (a plan changed), the events of unchanged plans come from one pack of every plan's events, keyed
    by plan digest, so an edit draws only that plan's events: drawing them all is about a second per 1,000.
    """
    key = cache.key("ics", fingerprint(plans, site_url, site_name)) if cache else None
    data = cache.get(key) if key else None
    if data is None:
        items = agenda(plans)
        data = _assembled(items, site_url, site_name, cache) if cache is not None else \
            _calendar_ics(items, site_url, site_name)
        if key:
            cache.put(key, data)
    return data


def _assembled(items: list[AgendaItem], site_url: str, site_name: str, cache: Cache) -> bytes:
    """calendar_ics, byte for byte, from each plan's events drawn once and kept in the pack."""
    import icalendar  # only when the calendar is made (a warm build reads it from the cache)

    site_url = site_url if site_url.endswith("/") else site_url + "/"
    host = urlsplit(site_url).hostname or "loaphuong"
    pack_key = cache.key("ics-events", site_url, host)
    pack: dict[str, dict] = cache.get(pack_key) or {}
    events: dict[str, dict] = {}
    for item in items:
        plan = item.plan
        name = (plan.slug, plan.digest or id(plan))  # the slug too: it is the events' address
        if name not in events:
            events[name] = pack.get(name) or {
                (it.kind, it.index): _event(it, site_url, host).to_ical() for it in agenda([plan])}
    if events.keys() != pack.keys() and all(isinstance(plan_digest, str) for _, plan_digest in events):
        cache.put(pack_key, events)  # only this site's plans, so the pack never grows with history
    head = _calendar(site_name)
    if any(item.gio and not item.is_partial and not item.is_range for item in items):
        # The same VTIMEZONE calendar_ics adds, which puts it before the events.
        probe = icalendar.Event()
        probe.add("dtstart", dt.datetime(2000, 1, 1, tzinfo=ZoneInfo(TZ_NAME)))
        head.add_component(probe)
        head.add_missing_timezones()
        head.subcomponents.remove(probe)
    end = b"END:VCALENDAR\r\n"
    text = head.to_ical()
    assert text.endswith(end)
    return text[: -len(end)] + b"".join(events[it.plan.slug, it.plan.digest or id(it.plan)][it.kind, it.index]
                                       for it in items) + end


def _calendar_ics(items: list[AgendaItem], site_url: str, site_name: str) -> bytes:
    site_url = site_url if site_url.endswith("/") else site_url + "/"
    host = urlsplit(site_url).hostname or "loaphuong"
    cal = _calendar(site_name)
    for item in items:
        cal.add_component(_event(item, site_url, host))
    if any(item.gio and not item.is_partial and not item.is_range for item in items):
        cal.add_missing_timezones()  # VTIMEZONE for Asia/Ho_Chi_Minh, so every client agrees on the hour
    return cal.to_ical()


def _calendar(site_name: str) -> icalendar.Calendar:
    import icalendar  # only when the calendar is made (a warm build reads it from the cache)

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{site_name}//Lịch công tác//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Lịch công tác — {site_name}")
    cal.add("x-wr-timezone", TZ_NAME)
    cal.add("x-wr-caldesc", "Sự kiện và thời hạn trong các kế hoạch đăng trên cổng")
    cal.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    return cal


def _event(item: AgendaItem, site_url: str, host: str) -> icalendar.Event:
    import icalendar  # only when the calendar is made (a warm build reads it from the cache)

    event = icalendar.Event()
    event.add("uid", f"{item.uid}@{host}")
    # DTSTAMP is required; the publication date keeps the feed byte-identical between builds.
    event.add("dtstamp", dt.datetime.combine(item.plan.ngay_dang, dt.time(0, 0), tzinfo=dt.timezone.utc))
    prefix = "Hạn: " if item.is_deadline else ""
    suffix = f" ({item.when.label()}, chưa ấn định ngày)" if item.is_partial else ""
    if item.is_recurring:
        suffix = f" ({item.lap_lai.label()})"
    event.add("summary", f"{prefix}{item.title}{suffix}")
    if item.is_range:
        # Several days: one all-day span (DTEND is exclusive); the opening hour goes in the description.
        event.add("dtstart", item.tu_ngay)
        event.add("dtend", item.last_day + dt.timedelta(days=1))
    elif item.gio and not item.is_partial:
        hour, minute = (int(x) for x in item.gio.split(":"))
        event.add("dtstart", dt.datetime.combine(item.day, dt.time(hour, minute), tzinfo=ZoneInfo(TZ_NAME)))
    else:
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # an all-day reminder does not block the day
    if item.is_recurring:
        event.add("rrule", item.lap_lai.ical())  # DTSTART is the first occurrence after the plan's date
    if item.dia_diem:
        event.add("location", item.dia_diem)
    event.add("description", _description(item))
    event.add("url", site_url + item.plan.url)
    event.add("categories", [item.kind_label])
    return event


def _description(item: AgendaItem) -> str:
    lines = []
    if item.is_partial:
        lines.append(f"Thời gian: {item.when.label()} — văn bản chưa ấn định ngày; lịch ghi vào ngày cuối kỳ.")
    if item.is_range:
        lines.append(f"Thời gian: {item.when_label}.")
    if item.is_recurring:
        lines.append(f"Định kỳ: {item.lap_lai.label()}.")
    for label, value in (("Hình thức", item.hinh_thuc), ("Chủ trì", item.chu_tri),
                         ("Báo cáo viên", item.bao_cao_vien),
                         ("Thành phần", item.thanh_phan), ("Chịu trách nhiệm", item.chiu_trach_nhiem)):
        if value:
            lines.append(f"{label}: {value}")
    lines.append(f"Theo {item.plan.title}")
    return "\n".join(lines)
