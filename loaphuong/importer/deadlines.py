"""Thời hạn: 'hoàn thành trước 28/02/2025', 'trong tháng 5/2026', 'trong quý I năm 2026'.

A deadline is a date led by a deadline word. The work (viec) is the sentence that carries it, without the
deadline phrase; the responsible unit is the 'TỔ CHỨC THỰC HIỆN' heading it sits under, else None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    han: when.Found
    chiu_trach_nhiem: str | None = None


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


def find(nodes: list[Node], units: list[Unit], skip: set[int]) -> list[Deadline]:
    out: list[Deadline] = []
    for node in nodes:
        if node.index in skip:
            continue
        text = node.text
        for found in when.any_dates(text):
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
    return out


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
