"""The plan body as Markdown: sections become headings, lists stay lists, footnotes become [^n].

'I.' / 'I-' -> '## I.', '1.' -> '### 1.', '1.1.' and '2.1' -> '#### 1.1.'. A numbered line that is a
label with text after it ('3. Phòng Văn hóa – Xã hội: Chỉ đạo …') becomes a heading and a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import numbering
from . import subject

SEPARATOR = re.compile(r"^[\s*\-–—_=.•·]*$")
FOOTNOTE_DEF = re.compile(r"^\[\^(\d+)\]:\s*(.*)$")
LABEL = re.compile(r"^([^:.;]{2,80}?)\s*:\s+(\S.*)$")
HEADING_MAX = 200


@dataclass
class Node:
    kind: str                 # heading | bullet | sub | text
    text: str
    level: int = 0            # heading level (2 = roman section)
    number: str = ""
    path: list = field(default_factory=list)   # enclosing headings, outermost first
    index: int = 0            # position in the node list

    @property
    def section(self) -> "Node | None":
        return self.path[0] if self.path else None


def _roman_heading(para: str) -> tuple[str, str] | None:
    match = numbering.roman_line(para)
    if not match:
        return None
    title = match.rest
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.6 * len(letters) or len(title) > HEADING_MAX:
        return None
    return match.number, title


def structure(paras: list[str]) -> list[Node]:
    nodes: list[Node] = []
    stack: list[Node] = []

    def add(node: Node) -> None:
        if node.kind == "heading":
            while stack and stack[-1].level >= node.level:
                stack.pop()
            node.path = list(stack)
            stack.append(node)
        else:
            node.path = list(stack)
        node.index = len(nodes)
        nodes.append(node)

    for para in paras:
        if not para or SEPARATOR.match(para) or FOOTNOTE_DEF.match(para):
            continue
        roman = _roman_heading(para)
        if roman:
            add(Node("heading", roman[1].rstrip(" :."), 2, roman[0]))
            continue
        numbered = numbering.arabic_line(para)
        if numbered:
            number, text = numbered.number, numbered.rest
            level = min(3 + number.count("."), 6)
            label = LABEL.match(text)
            if label and len(text) > len(label.group(1)) + 3 and not re.search(r"\d$", label.group(1)):
                add(Node("heading", label.group(1).strip(), level, number))
                add(Node("text", label.group(2).strip()))
                continue
            if len(text) <= HEADING_MAX and not _is_sentence(text):
                add(Node("heading", text.rstrip(" :."), level, number))
                continue
            add(Node("text", para))
            continue
        sub = numbering.sub_bullet(para)
        if sub:
            add(Node("sub", sub))
            continue
        bullet = numbering.bullet(para)
        if bullet:
            add(Node("bullet", bullet))
            continue
        add(Node("text", para))
    return nodes


def _is_sentence(text: str) -> bool:
    """'1. Văn phòng Đảng ủy chuẩn bị hội trường.' is a numbered sentence of running text, not a heading:
    it ends with a full stop and either opens with a unit doing something or is long."""
    if not text.endswith(".") or text.endswith(".."):
        return False
    return subject.split(text) is not None or len(text.split()) > 12


def footnotes(paras: list[str]) -> dict[str, str]:
    notes = {}
    for para in paras:
        match = FOOTNOTE_DEF.match(para)
        if match:
            notes[match.group(1)] = match.group(2).strip()
    return notes


_SUP = re.compile(r"<sup>(\d{1,3})</sup>")


def _inline(text: str) -> str:
    text = _SUP.sub(lambda m: f"[^{m.group(1)}]", text)
    # Characters Markdown would read as markup, escaped on purpose (the source's stray ones are gone).
    text = re.sub(r"(?<!\\)([*_`])", r"\\\1", text)
    text = re.sub(r"<(?!/?sup)", "&lt;", text)
    return text


def _paragraph(text: str) -> str:
    text = _inline(text)
    # A paragraph that opens with '2. ' or '+ ' would turn into a list; '#' into a heading.
    text = re.sub(r"^(\d+)\.(\s)", r"\1\\.\2", text)
    return re.sub(r"^([#+>])", r"\\\1", text)


def render(nodes: list[Node], notes: dict[str, str] | None = None) -> str:
    out: list[str] = []
    previous = None
    for node in nodes:
        if node.kind == "heading":
            number = node.number if node.number.endswith(".") else node.number + "."
            out += ["", f"{'#' * node.level} {number} {_inline(node.text)}"]
        elif node.kind == "bullet":
            if previous not in ("bullet", "sub"):
                out.append("")
            out.append(f"- {_inline(node.text)}")
        elif node.kind == "sub":
            if previous in ("bullet", "sub"):
                out.append(f"    - {_inline(node.text)}")
            else:
                out += ["", f"- {_inline(node.text)}"]
        else:
            out += ["", _paragraph(node.text)]
        previous = node.kind
    used = set(re.findall(r"\[\^(\d+)\]", "\n".join(out)))
    if notes:
        out.append("")
        for number, text in notes.items():
            out.append(f"[^{number}]: {_inline(text)}")
        used -= set(notes)
    text = "\n".join(out).strip() + "\n"
    for number in used:  # a reference without its note: keep the number visible, not a broken link
        text = text.replace(f"[^{number}]", f"<sup>{number}</sup>")
    return text
