"""Đơn vị trách nhiệm (the 'TỔ CHỨC THỰC HIỆN' section) and đối tượng."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import numbering
from ..text import fold
from . import subject
from .body import LABEL, Node

SECTION = re.compile(r"to chuc thuc hien|trach nhiem|phan cong")
CLOSING = re.compile(r"đề nghị các|yêu cầu các|trong quá trình (?:tổ chức )?(?:thực hiện|triển khai)|"
                     r"báo cáo về .* để (?:chỉ đạo|xem xét)", re.IGNORECASE)


@dataclass
class Unit:
    don_vi: str
    nhiem_vu: list[str] = field(default_factory=list)
    heading: Node | None = None
    intro: bool = False      # its only task is the verb of its own heading line ('1. UBND huyện chỉ đạo:')


def _in_section(node: Node) -> Node | None:
    section = node.section if node.kind != "heading" or node.level != 2 else node
    if section is not None and section.level == 2 and SECTION.search(fold(section.text).lower()):
        return section
    return None


def find(nodes: list[Node]) -> list[Unit]:
    units: list[Unit] = []
    current: Unit | None = None
    for node in nodes:
        section = _in_section(node)
        if section is None:
            current = None
            continue
        if node.kind == "heading" and node.level >= 3:
            current = _heading_unit(node, nodes)
            # A parent unit that only introduces its sub-units ('1. Ủy ban nhân dân huyện chỉ đạo') gives way.
            if units and units[-1].heading is not None and units[-1].heading.level < node.level \
                    and (not units[-1].nhiem_vu or units[-1].intro and len(units[-1].nhiem_vu) == 1):
                units.pop()
            units.append(current)
            continue
        if node.kind == "heading":
            continue
        text = node.text.strip()
        numbered = numbering.paragraph_number(text + " ")
        opening = subject.split(numbering.without_paragraph_number(text + " ").strip() if numbered else text)
        if opening and (numbered or current is None) and not CLOSING.search(text):
            # '2. Các chi bộ báo cáo …' too long to be a heading, or a unit sentence with no unit heading yet.
            current = Unit(opening[0], [_task(opening[1], ".")])
            units.append(current)
            continue
        if current is None:
            label = LABEL.match(text)
            if node.kind == "bullet" and label and len(label.group(1).split()) <= 14 and label.group(1)[:1].isupper():
                units.append(Unit(label.group(1).strip(), [label.group(2).strip()]))
            continue
        if node.kind == "text" and CLOSING.search(text) and node is _last_text(nodes, node):
            continue
        if node.kind == "sub" and current.nhiem_vu:
            current.nhiem_vu[-1] += "; " + text
        else:
            current.nhiem_vu.append(text)
    return [u for u in units if u.don_vi]


def _task(predicate: str, end: str) -> str:
    predicate = predicate.strip()
    if predicate and predicate[-1] not in ".:;!?)":
        predicate += end
    return subject.sentence_case(predicate)


def _heading_unit(node: Node, nodes: list[Node]) -> Unit:
    """'1. Ban Tuyên giáo' is a unit; '1. Văn phòng Đảng ủy chuẩn bị hội trường.' is a unit and its task."""
    opening = subject.split(node.text)
    if opening is None:
        return Unit(node.text.rstrip(":"), heading=node)
    has_items = node.index + 1 < len(nodes) and node in nodes[node.index + 1].path
    return Unit(opening[0], [_task(opening[1], ":" if has_items else ".")], heading=node, intro=has_items)


def _last_text(nodes: list[Node], node: Node) -> Node:
    """The node itself when no more work items follow in its section (a closing paragraph)."""
    for later in nodes[node.index + 1:]:
        if later.kind == "heading":
            break
        if later.kind in ("bullet", "sub"):
            return later
    return node


def unit_of(node: Node, units: list[Unit]) -> str | None:
    """The responsible unit whose heading encloses `node`."""
    chain = [h for h in node.path] + ([node] if node.kind == "heading" else [])
    for heading in reversed(chain):
        for unit in units:
            if unit.heading is heading:
                return unit.don_vi
    return None


def audiences(nodes: list[Node]) -> list[str]:
    """'Đối tượng: Cán bộ, đảng viên …' lines, or the text under a heading 'Đối tượng'."""
    out: list[str] = []
    for node in nodes:
        if node.kind == "heading":
            continue
        label = LABEL.match(node.text)
        if label and fold(label.group(1)).lower().strip() in ("doi tuong", "doi tuong hoc tap",
                                                              "doi tuong tuyen truyen", "doi tuong tham gia"):
            out.append(label.group(2).strip().rstrip("."))
            continue
        heading = node.path[-1] if node.path else None
        if heading is not None and fold(heading.text).lower().strip(" :") == "doi tuong" \
                and (node.index == 0 or node.index - 1 == heading.index):
            out.append(_audience_sentences([node]) and _audience_sentences([node])[0] or node.text.strip().rstrip("."))
    if not out:
        out = _audience_sentences(nodes)
    seen, unique = set(), []
    for item in out:
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return unique


# Đối tượng written as a sentence: 'Đối tượng tuyên truyền của kế hoạch là …', 'Lớp bồi dưỡng dành cho …'
# (under a 'Đối tượng' or 'Thành phần' heading, or anywhere for the first shape).
_SUBJECT_IS = re.compile(r"\bĐối tượng(?:\s+[^.;:]{0,40}?)?\s+(?:là|gồm|bao gồm)\s+(?P<who>[^.;]+)", re.IGNORECASE)
_MEANT_FOR = re.compile(r"\bdành cho\s+(?P<who>[^.;]+)", re.IGNORECASE)
_TRAILER = re.compile(r",\s*(?:mỗi|với|số lượng|tổng số|khoảng|dự kiến|trong đó)\b.*$", re.IGNORECASE)


def _audience_sentences(nodes: list[Node]) -> list[str]:
    out = []
    for node in nodes:
        if node.kind == "heading":
            continue
        heading = node.path[-1] if node.path else None
        under = heading is not None and re.match(r"(doi tuong|thanh phan)\b", fold(heading.text).lower().strip())
        under = under or len(nodes) == 1
        match = _SUBJECT_IS.search(node.text) or (_MEANT_FOR.search(node.text) if under else None)
        if match:
            who = _TRAILER.sub("", match.group("who")).strip(" ,.;")
            if len(who.split()) >= 2:
                out.append(who[:1].upper() + who[1:])
    return out
