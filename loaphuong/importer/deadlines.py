"""Thời hạn: 'hoàn thành trước 28/02/2025', 'trong tháng 5/2026', 'trong quý I năm 2026'.

A deadline is a date led by a deadline word. The work (viec) is the sentence that carries it, without the
deadline phrase; the responsible unit is the 'TỔ CHỨC THỰC HIỆN' heading it sits under, else None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import numbering, recurrence
from ..dates import DateError
from . import subject, when
from .body import LABEL, Node
from .units import Unit, unit_of

LEAD = re.compile(
    r"(?:(?:hoàn thành|xong|kết thúc|thực hiện|báo cáo|gửi)[^.;:]{0,60}?)?"
    r"\b(?:trước|chậm nhất(?:\s+là)?|hạn chót(?:\s+là)?|hạn(?=\s*:)|trong|hoàn thành|xong)\s*:?\s*(?:ngày\s*)?$",
    re.IGNORECASE)
NOT_DEADLINE = re.compile(r"\b(?:dự kiến|từ|kể từ|đến nay|năm học)\s*(?:ngày\s*)?$|[A-ZĐ]{2,}/\S*\s*,?\s*(?:ngày\s*)?$",
                          re.IGNORECASE)
TRIM = re.compile(r"[\s,;:(]*(?:và\s+)?(?:(?:hoàn thành|xong|thời gian)\s*(?::\s*)?)?"
                  r"(?:trước|chậm nhất(?:\s+là)?|hạn chót|trong|hạn)?\s*:?\s*(?:ngày\s*)?$", re.IGNORECASE)


@dataclass
class Deadline:
    viec: str
    han: when.Found | None
    chiu_trach_nhiem: str | None = None
    lap_lai: recurrence.LapLai | None = None


# 'Định kỳ hằng năm', 'hàng quý', '6 tháng một lần', 'định kỳ 6 tháng', 'trước ngày 20 hằng tháng'. A bare
# 'hằng năm' counts only where it opens its clause or sits in a reporting / deadline clause ('… thước đo
# đánh giá cán bộ hằng năm' is not an obligation).
PERIOD = re.compile(
    r"(?:định kỳ\s+)?(?:(?:hằng|hàng|mỗi)\s+(?P<unit>năm|quý|tháng)|(?:6|sáu)\s+tháng\s+(?:một|1)\s+lần|"
    r"(?<=định kỳ )(?:6|sáu)\s+tháng|(?:định kỳ\s+)(?:6|sáu)\s+tháng)(?!\s+(?:đầu|cuối|qua|tới|trước|sau)\b)",
    re.IGNORECASE)
PERIOD_DAY = re.compile(
    r"\(?\s*(?:trước|chậm nhất(?:\s+là)?|vào)\s+ngày\s+(\d{1,2})(?:\s*/\s*(\d{1,2}))?(?![\d/])"
    r"(?:\s*(?:và|,)\s*(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}(?![\d/]))*"
    r"(?:\s+(?:của\s+)?(?:tháng cuối (?:mỗi\s+)?quý|hằng tháng|hàng tháng))?\s*\)?", re.IGNORECASE)
HELPER = re.compile(r"\((?:qua\s+)?([^()]{3,80}?)\s+(?:tham mưu|tổng hợp|chủ trì|thực hiện)\)")


def _key(match: re.Match) -> str:
    unit = (match.group("unit") or "").lower()
    return {"năm": "hang-nam", "quý": "hang-quy", "tháng": "hang-thang"}.get(unit, "6-thang")


def _clauses(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r";|\.(?=\s+[A-ZĐÀ-Ỹ(\-])", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def recurring(nodes: list[Node], units: list[Unit], skip: set[int]) -> tuple[list[Deadline], dict[int, list]]:
    """Recurring obligations, and for each node the spans they use (their days are not one-off deadlines)."""
    out: list[Deadline] = []
    used: dict[int, list] = {}
    for node in nodes:
        if node.index in skip or node.kind == "heading":
            continue
        text = node.text
        for start, end in _clauses(text):
            clause = text[start:end]
            match = PERIOD.search(clause)
            if not match:
                continue
            opening = not clause[:match.start()].strip(" -+•,")
            lead = clause[:match.start()].strip(" -+•,")
            if not (opening or "định kỳ" in match.group(0).lower() or re.search(
                    r"báo cáo|trước ngày|chậm nhất", clause, re.IGNORECASE)) or re.match(r"^\d", lead[-4:] or "x") \
                    and False:
                continue
            key = _key(match)
            also_yearly = re.match(r"\s*(?:,|và)\s*(?:hằng\s+|hàng\s+)?năm\b", clause[match.end():]) \
                if key == "6-thang" else None
            if also_yearly:  # 'báo cáo định kỳ 6 tháng, năm': a half-yearly and a yearly report
                match = _Span(match.start(), match.end() + also_yearly.end())
            day = PERIOD_DAY.search(clause)
            lap_lai = recurrence.LapLai(key)
            if day:
                try:
                    lap_lai = recurrence.parse(key, f"{day.group(1)}/{day.group(2)}" if day.group(2) and key != "hang-thang"
                                               else day.group(1))
                except DateError:
                    day = None
            rest = clause
            owner_hint = HELPER.search(rest)
            for span in sorted([m for m in (day, match, owner_hint) if m], key=lambda m: -m.start()):
                rest = rest[:span.start()] + " " + rest[span.end():]
            rest = re.sub(r"\s+", " ", rest).strip(" -+•,.;:")
            rest = numbering.without_paragraph_number(rest + " ").strip()
            rest = re.sub(r"\s+,", ",", rest).strip(" ,")
            opening_unit = subject.split(subject.sentence_case(rest))
            owner = None
            work = rest
            if opening_unit:
                owner, work = opening_unit
            elif owner_hint:
                owner = owner_hint.group(1).strip()
            labelled = subject.label_unit(text)
            if labelled and not opening_unit and start == 0 and work.startswith(labelled):
                work = work[len(labelled):].strip(" :")
            work = re.sub(r"^định kỳ\s*,?\s*", "", work.strip(" ,.;:"), flags=re.IGNORECASE)
            work = subject.sentence_case(work)
            if len(work.split()) < 2:
                continue
            owner = owner or labelled or unit_of(node, units)
            out.append(Deadline(work, None, owner, lap_lai))
            if also_yearly:
                out.append(Deadline(work, None, owner, recurrence.LapLai("hang-nam")))
            used.setdefault(node.index, []).append((start, end))
    return out, used


@dataclass
class _Span:
    """A match-like span: start() and end() as re.Match gives them."""

    a: int
    b: int

    def start(self) -> int:
        return self.a

    def end(self) -> int:
        return self.b


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"[.;](?=\s+[A-ZĐÀ-Ỹ(\-])", text):
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _tidy(text: str) -> str:
    text = re.sub(r"^[-+•\s]+", "", text).strip()
    label = LABEL.match(text)
    if label and len(label.group(1).split()) <= 3 and label.group(1).lower().startswith(("thời gian", "thời hạn")):
        text = label.group(2)
    text = text.strip(" .;,:(").strip()
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].strip(" .;,:")
    text = re.sub(r"\(\s*\)$", "", text).strip(" .;,")
    return text[:1].upper() + text[1:] if text else text


def find(nodes: list[Node], units: list[Unit], skip: set[int], year: int | None = None) -> list[Deadline]:
    """One-off deadlines, then recurring ones. `year`: the document's, for days written without one."""
    periodic, periodic_spans = recurring(nodes, units, skip)
    out: list[Deadline] = []
    for node in nodes:
        if node.index in skip:
            continue
        text = node.text
        for found in when.any_dates(text, year):
            if any(a <= found.start < b for a, b in periodic_spans.get(node.index, ())):
                continue
            if found.until is not None:
                continue  # 'từ … đến …' is when something runs, not a deadline
            before = text[max(0, found.start - 90):found.start]
            if not LEAD.search(before) or NOT_DEADLINE.search(before):
                continue
            work = _work(node, text, found)
            owner = _subject(text, found)
            if owner is None and _only_a_date(text, found):
                # '- Thời gian: Hoàn thành trước ngày 31/3/2025' under '2. Cấp cơ sở': the work is the item
                # beside it that names a unit ('- Các khu phố tổ chức tuyên truyền …').
                sibling = _unit_sibling(nodes, node)
                if sibling:
                    owner, work = sibling[0], subject.sentence_case(sibling[1].rstrip(" .;"))
            if owner and work.lower().startswith(owner.lower()):
                work = subject.sentence_case(work[len(owner):].strip(" ,:"))
            out.append(Deadline(work, found, owner or unit_of(node, units)))
    return out + periodic


def _subject(text: str, found: when.Found) -> str | None:
    """The unit named at the head of the sentence that carries the deadline ('Các chi bộ báo cáo …',
    'Văn phòng Đảng ủy: Chuẩn bị …')."""
    labelled = subject.label_unit(text)
    if labelled:
        return labelled
    for start, end in _sentences(text):
        if start <= found.start < end:
            opening = subject.split(text[start:found.start])
            return opening[0] if opening else None
    return None


def _only_a_date(text: str, found: when.Found) -> bool:
    rest = re.sub(r"(?i)thời (?:gian|hạn)|hoàn thành|trước|chậm nhất(?: là)?|trong|ngày|[\s:.,;()\-]", "",
                  text[:found.start] + text[found.end:])
    return not rest


def _unit_sibling(nodes: list[Node], node: Node) -> tuple[str, str] | None:
    heading = node.path[-1] if node.path else None
    if heading is None:
        return None
    for other in nodes[heading.index + 1:]:
        if heading not in other.path:
            break  # out of the heading's section
        if other is not node and other.path[-1] is heading and other.kind != "heading":
            opening = subject.split(other.text)
            if opening:
                return opening
    return None


def _work(node: Node, text: str, found: when.Found) -> str:
    for start, end in _sentences(text):
        if start <= found.start < end:
            sentence = text[start:found.start]
            tail = text[found.end:end].split(";")[0]
            work = _tidy(TRIM.sub("", sentence) + " " + tail.strip(" .;,)"))
            if len(work.split()) >= 3 and not re.match(r"^(hoàn thành|thời gian)\b", work, re.IGNORECASE):
                return work
            previous = text[:start].strip()
            if previous:
                last = _sentences(previous)[-1]
                return _tidy(previous[last[0]:last[1]])
            break
    heading = node.path[-1] if node.path else None
    if heading is None:
        return _tidy(text)
    parent = heading.path[-1].text if heading.path else ""
    name = heading.text
    if parent and len(name.split()) <= 4:
        parent = parent[:1] + parent[1:].lower() if parent.isupper() else parent
        return f"{parent}: {name[:1].lower() + name[1:]}"
    return name
