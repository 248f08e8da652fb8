"""Sự kiện: conferences and other gatherings a plan schedules, with date, time, place, chair, participants.

Two shapes: a section whose heading names the event followed by labelled lines ('- Thời gian: Từ 14h00,
ngày 11/02/2026', '- Địa điểm: …', '- Thành phần: …'), or one sentence ('Tổ chức Hội nghị … vào lúc
08 giờ, ngày 20/5/2026 tại Hội trường …'). A 'Kế hoạch tổ chức Hội nghị …' whose logistics section
('II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN') names no event takes the name from the trích yếu. What is not
written stays None; a date without a year is kept as written for a person to complete.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import fold
from . import when
from .body import LABEL, Node

EVENT = re.compile(r"(hội nghị|hội thảo|tọa đàm|toạ đàm|lễ\s|buổi\s(?!sáng|chiều|tối|trưa)|tập huấn|mít tinh|"
                   r"hội diễn|giao ban|hội thi|diễn đàn|đại hội|sinh hoạt chuyên đề|họp mặt|gặp mặt|ngày hội|"
                   r"lớp (?:bồi dưỡng|tập huấn|học|đào tạo)|chiến dịch|ra quân)", re.IGNORECASE)
DEADLINE_WORDS = re.compile(r"hoàn thành|trước ngày|chậm nhất|hạn chót|xong trước", re.IGNORECASE)
PLACE = re.compile(r"\btại\s+([^,;()]+?)(?=\s*(?:[,;()]|\.\s|\.$|$|\s+(?:vào|lúc|từ|ngày|do)\s))")
CHAIR = re.compile(r"\bdo\s+(?:đồng chí\s+|đ/c\s+)?(.+?)\s+chủ trì", re.IGNORECASE)


@dataclass
class Event:
    ten: str
    ngay: when.Found | None = None
    gio: str | None = None
    dia_diem: str | None = None
    hinh_thuc: str | None = None
    chu_tri: str | None = None
    thanh_phan: str | None = None
    nodes: set = field(default_factory=set)   # node indexes used (not deadlines)
    bao_cao_vien: str | None = None


_KINDS = ((("thoi gian", "du kien", "khai mac"), "time"), (("dia diem", "tai"), "place"),
          (("thanh phan", "dai bieu", "doi tuong tham du", "thanh phan tham du"), "people"),
          (("hinh thuc",), "form"), (("chu tri",), "chair"), (("bao cao vien",), "speaker"))
# 'Thời gian: …; địa điểm: …; thành phần: …' written on one line.
RUN_IN = re.compile(r"(?<=[;.])\s+(?=(?:[-+]\s*)?(?:thời gian|địa điểm|thành phần|hình thức|chủ trì|đại biểu|"
                    r"báo cáo viên|tại)[^:;.]{0,25}:\s)", re.IGNORECASE)


def _label_kind(label: str) -> str | None:
    key = fold(label).lower().strip(" :-")
    if len(key.split()) > 6:
        return None
    if key == "tai":  # 'Tại: Hội trường …'; 'Tài liệu' folds to the same letters and is not a place
        return "place" if label.strip(" :-").lower() == "tại" else None
    for words, kind in _KINDS:
        if any(key == w or key.startswith(w + " ") or key.startswith(w + ",") or key.startswith("du kien " + w)
               for w in words if w != "tai"):
            return kind
    return None


def _form(text: str) -> str | None:
    low = text.lower()
    online, direct = "trực tuyến" in low, "trực tiếp" in low
    if online and direct:
        return "trực tiếp kết hợp trực tuyến"
    return "trực tuyến" if online else "trực tiếp" if direct else None


def _form_as_written(text: str) -> str | None:
    """'Trực tiếp kết hợp trực tuyến' as the document words it; a long line gives its keywords."""
    text = _clean(text)
    if text and _form(text) and not EVENT.search(text) and (
            len(text.split()) <= 6 or re.match(r"^(trực tiếp|trực tuyến)\b", text, re.IGNORECASE)
            and len(text.split()) <= 14 and "," not in text):
        return text
    return _form(text)


def blocks(nodes: list[Node]) -> list[tuple[Node | None, list[Node]]]:
    """(heading, its nodes). A heading that is itself a label ('2. Địa điểm: …' split into heading and
    text) hands its text to the enclosing block as a labelled line."""
    out: list[tuple[Node | None, list[Node]]] = [(None, [])]
    owner: dict[int, int] = {}
    for node in nodes:
        parent = node.path[-1] if node.path else None
        if node.kind == "heading":
            if _label_kind(node.text) and parent is not None and parent.index in owner:
                owner[node.index] = owner[parent.index]
                continue
            owner[node.index] = len(out)
            out.append((node, []))
            continue
        target = owner.get(parent.index, 0) if parent is not None else 0
        own = LABEL.match(re.sub(r"^[-+]\s*", "", node.text))
        if parent is not None and out[target][0] is not parent and _label_kind(parent.text) \
                and not (own and _label_kind(own.group(1))):
            node = Node(node.kind, f"{parent.text}: {node.text}", node.level, node.number, node.path, node.index)
        out[target][1].append(node)
    return out


def _clean(text: str) -> str:
    return text.strip().rstrip(".;,").strip()


def _name(heading: Node | None, first_text: str) -> str | None:
    chain = ([heading] + list(reversed(heading.path))) if heading else []
    chain = [n for n in chain if not re.search(r"thoi gian|dia diem", fold(n.text).lower())]
    for i, node in enumerate(chain):
        match = EVENT.search(node.text)
        if match:
            phrase = node.text[match.start():].strip().rstrip(":")
            phrase = phrase[:1].upper() + (phrase[1:].lower() if phrase.isupper() else phrase[1:])
            if i > 0 and heading is not None:  # 'HÌNH THỨC TỔ CHỨC HỘI NGHỊ' > '1. Cấp phường'
                sub = heading.text.rstrip(":")
                phrase = f"{phrase} {sub[:1].lower() + sub[1:]}"
            return phrase
    match = EVENT.search(first_text)
    if match:
        return _clean(re.split(r"[,;(]|\s(?:vào|lúc|từ|ngày|tại)\s", first_text[match.start():])[0]).capitalize()
    return None


def _from_title(trich_yeu: str | None, heading: Node | None) -> str | None:
    """The conference the trích yếu names ('tổ chức Hội nghị học tập, quán triệt …'), for a block headed
    'THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN'; a short level heading ('1. Cấp phường') is added to it."""
    match = EVENT.search(trich_yeu or "")
    if not match:
        return None
    phrase = " ".join(trich_yeu[match.start():].split()).rstrip(" .;:")
    phrase = phrase[:1].upper() + phrase[1:]
    if heading is not None and heading.level >= 3 and len(heading.text.split()) <= 5 \
            and not re.search(r"thoi gian|dia diem|thanh phan|hinh thuc", fold(heading.text).lower()):
        sub = heading.text.rstrip(":")
        phrase = f"{phrase} {sub[:1].lower() + sub[1:]}"
    return phrase


def _fuller(name: str, heading: Node, trich_yeu: str | None) -> str:
    """'II. TỔ CHỨC HỘI NGHỊ' names only 'Hội nghị': the trích yếu says which one."""
    word = EVENT.match(name)
    if not word:
        return name
    rest = name[word.end():].strip()
    if rest and rest.lower() != heading.text.rstrip(":").lower():
        return name
    titled = _from_title(trich_yeu, None)
    if titled and titled.lower().startswith(word.group(0).lower().strip()):
        return f"{titled} {rest}".strip()
    return name


def _unmarked(text: str) -> str:
    """'a) Đại biểu cấp trên: …' -> 'Đại biểu cấp trên: …' (list letters are layout, not content)."""
    return re.sub(r"^[a-zđ]\s*\)\s*", "", text.strip())


def _date_of(dates: list[when.Found], clock: list[when.Found], text: str) -> when.Found:
    """'Vòng sơ khảo trong tháng 5/2026; vòng chung kết lúc 19h30 ngày 30/5/2026': the date that goes with
    the hour, i.e. the one in the hour's clause; otherwise the first."""
    if clock:
        start = text.rfind(";", 0, clock[0].start) + 1
        end = text.find(";", clock[0].end)
        end = len(text) if end < 0 else end
        same = [d for d in dates if start <= d.start < end]
        if same:
            return same[0]
    return dates[0]


def _labelled(members: list[Node], named: bool = False, year: int | None = None) -> dict[str, tuple[str, int]]:
    """Labelled lines of a block. Under a heading that names an event (`named`), an unlabelled clause with a
    date ('Các khu dân cư tổ chức từ ngày 01/11 đến ngày 18/11/2026') gives its time."""
    fields: dict[str, tuple[str, int]] = {}
    pending: str | None = None   # 'Thành phần:' alone on its line, the list follows as bullets
    for node in members:
        if pending and node.kind in ("bullet", "sub"):
            text, _ = fields.get(pending, ("", 0))
            fields[pending] = ((_clean(text) + "; " if text else "") + _unmarked(node.text), node.index)
            continue
        pending = None
        bare = re.match(r"^[-+]?\s*([^:.;]{2,40}?)\s*:$", node.text.strip())
        if bare and _label_kind(bare.group(1)) and _label_kind(bare.group(1)) not in fields:
            pending = _label_kind(bare.group(1))
            continue
        for part in RUN_IN.split(node.text):
            label = LABEL.match(re.sub(r"^[-+]\s*", "", part))
            kind = _label_kind(label.group(1)) if label else None
            if kind and kind not in fields:
                fields[kind] = (_unmarked(label.group(2)), node.index)
            elif kind and kind == "people" and node.path and _label_kind(node.path[-1].text) == kind \
                    and fields[kind][1] == node.index - 1:
                # '3. Thành phần:' over several lines, one group of people each
                fields[kind] = (_clean(fields[kind][0]) + "; " + _unmarked(label.group(2)), node.index)
            elif not kind and re.match(r"^(dự kiến|thời gian)\b", part, re.IGNORECASE) and "time" not in fields:
                fields["time"] = (part, node.index)
            elif not kind and named and "time" not in fields and node.kind == "text" \
                    and when.any_dates(part, year) and not DEADLINE_WORDS.search(part):
                fields["time"] = (part, node.index)
    return fields


def find(nodes: list[Node], trich_yeu: str | None = None, year: int | None = None) -> list[Event]:
    """`year`: the document's, given to a day written without one (the value is then flagged)."""
    events: list[Event] = []
    for heading, members in blocks(nodes):
        fields = _labelled(members, heading is not None and bool(EVENT.search(heading.text)), year)
        time_text = fields.get("time", ("", -1))[0]
        dates = when.any_dates(time_text, year) or when.yearless_dates(time_text)
        if dates and not DEADLINE_WORDS.search(time_text) and (heading is not None or "place" in fields):
            plain = [m.text for m in members if not (LABEL.match(m.text) and _label_kind(LABEL.match(m.text).group(1)))]
            name = _name(heading, plain[0] if plain else "")
            if not name and (heading is None and len(fields) >= 2 or heading is not None and re.search(
                    r"thoi gian|dia diem|thanh phan|hinh thuc|^cap\b", fold(heading.text).lower())):
                # a logistics section ('II. THỜI GIAN, ĐỊA ĐIỂM') or a level ('1. Cấp phường'), not any
                # activity with a date and a place ('2. Tuyên truyền lưu động')
                name = _from_title(trich_yeu, heading)
            elif name:
                name = _fuller(name, heading, trich_yeu)
            if name:
                form_text = fields.get("form", ("", 0))[0]
                place = fields.get("place", (None, 0))[0]
                if not place:
                    located = PLACE.search(form_text) or PLACE.search(time_text)
                    place = located.group(1) if located else None
                clock = when.times(time_text)
                day = _date_of(dates, clock, time_text)
                events.append(Event(
                    ten=name, ngay=day, gio=clock[0].value if clock else None,
                    dia_diem=_clean(place) if place else None,
                    hinh_thuc=_form_as_written(form_text) or (_form(heading.text) if heading else None)
                    or (_clean(form_text) or None),
                    chu_tri=_clean(fields["chair"][0]) if "chair" in fields else None,
                    thanh_phan=_clean(fields["people"][0]) if "people" in fields else None,
                    nodes={index for _, index in fields.values()},
                    bao_cao_vien=_clean(fields["speaker"][0]) if "speaker" in fields else None))
                continue
        for node in ([heading] if heading is not None else []) + members:  # one-sentence events
            event = _sentence_event(node)
            if event:
                events.append(event)
    return events


def _sentence_event(node: Node) -> Event | None:
    text = node.text
    match = EVENT.search(text)
    dates = when.full_dates(text)
    clock = when.times(text)
    if not match or not dates or not (clock or PLACE.search(text)) or DEADLINE_WORDS.search(text):
        return None
    if match.start() > 60:
        return None
    name = _clean(re.split(r"[,;(]|\s(?:vào|lúc|từ|ngày|tại)\s", text[match.start():])[0])
    place = PLACE.search(text[match.start():])
    chair = CHAIR.search(text)
    label_chair = re.search(r"chủ trì\s*:\s*([^;.]+)", text, re.IGNORECASE)
    people = re.search(r"thành phần(?: tham dự| dự)?\s*:\s*([^;]+)", text, re.IGNORECASE)
    return Event(ten=name[:1].upper() + name[1:], ngay=dates[0], gio=clock[0].value if clock else None,
                 dia_diem=_clean(place.group(1)) if place else None, hinh_thuc=_form(text),
                 chu_tri=_clean((chair or label_chair).group(1)) if (chair or label_chair) else None,
                 thanh_phan=_clean(people.group(1)) if people else None, nodes={node.index})
