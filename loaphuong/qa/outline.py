"""A plan's Markdown body as a tree of numbered sections, each with its own paragraphs and list items.

Plans number their sections in many ways: "I." / "I-" / "II.1" / "1." / "1.1." / "2.1" (no dot) / "a)".
The label of a section joins its Roman part and its Arabic part: "IV.3", "II.2.1". Headings are Markdown
headings (with the anchor id Python-Markdown's toc gives them on the plan page) or, in pasted plans,
a stand-alone upper-case paragraph like "II. NỘI DUNG" (no anchor: links go to the nearest heading above).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from markdown.extensions.toc import unique

from .. import numbering
from ..text import fold, toc_slugify

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_ATTR_ID = re.compile(r"\s*\{:?\s*[^}]*#([\w-]+)[^}]*\}\s*$")
_ATTR_ANY = re.compile(r"\s*\{:[^}]*\}\s*$")
_BULLET = numbering.MARKDOWN_ITEM
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]+>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_UNDERSCORE_EM = re.compile(r"(?<!\w)_(\S(?:.*?\S)?)_(?!\w)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|])")


def plain(markdown_text: str) -> str:
    """Inline Markdown to plain text: emphasis, code marks, links and HTML tags removed."""
    text = _LINK.sub(r"\1", markdown_text)
    text = _TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _UNDERSCORE_EM.sub(r"\1", text)
    text = _ESCAPE.sub(r"\1", text)
    return " ".join(html.unescape(text).split())


@dataclass
class Block:
    text: str
    is_item: bool = False  # a list item ("- …") rather than a paragraph


@dataclass
class Section:
    number: str  # "IV", "1", "1.1", "II.1"; "" for an unnumbered heading
    title: str  # heading text without its number
    anchor: str | None  # id of the heading on the plan page; None for a pasted, non-Markdown heading
    depth: int
    parent: Section | None = field(default=None, repr=False)
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    @property
    def label(self) -> str:
        """'IV.3', 'II.2.1', '2' (no Roman ancestor) or '' (unnumbered)."""
        if not self.number or numbering.is_roman(self.number):
            return self.number
        roman = next((s.number for s in self.ancestors() if numbering.is_roman(s.number)), "")
        return f"{roman.split('.')[0]}.{self._arabic_path}" if roman else self._arabic_path

    @property
    def _arabic_path(self) -> str:
        """'1.1' for section 1.1 (or for '1' under '1.'); Roman-prefixed numbers ('II.1') drop the Roman."""
        if numbering.is_roman(self.number):
            return self.number.partition(".")[2]
        parent = self.parent
        if parent and parent.number and not numbering.is_plain_roman(parent.number):
            base = parent._arabic_path
            if base and not self.number.startswith(base + ".") and not self.number.startswith(parent.number + "."):
                return f"{base}.{self.number}"
        return self.number

    @property
    def folded_title(self) -> str:
        return fold(self.title).lower()

    @property
    def link_anchor(self) -> str | None:
        """Anchor of this heading, or of the nearest Markdown heading above it."""
        return self.anchor or (self.parent.link_anchor if self.parent else None)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def walk(self):
        for child in self.children:
            yield child
            yield from child.walk()

    def text_blocks(self) -> list[Block]:
        """Own blocks followed by the blocks of every subsection, in document order."""
        out = list(self.blocks)
        for child in self.children:
            out.extend(child.text_blocks())
        return out


@dataclass
class Outline:
    preamble: list[Block]  # text before the first section ("Thực hiện …, Ban Thường vụ ban hành …")
    root: Section

    @property
    def sections(self) -> list[Section]:
        return list(self.root.walk())

    def find(self, label: str) -> Section | None:
        wanted = label.strip().rstrip(".").upper()
        return next((s for s in self.sections if s.label.upper() == wanted), None)


number_depth = numbering.depth


def split_number(title: str) -> tuple[str, str]:
    found = numbering.heading_number(title)
    return (found.number, found.rest) if found else ("", title)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _pasted_heading(text: str) -> tuple[str, str] | None:
    """A paragraph that is really a Roman-numbered heading: 'II. NỘI DUNG' (upper case, short)."""
    number, rest = split_number(text)
    if number and numbering.is_plain_roman(number) and _is_upper(rest) and len(rest.split()) <= 25:
        return number, rest
    return None


class _EndOfBody(Exception):
    """'Nơi nhận:' reached: what follows (recipients, signature) is metadata, not content."""


class _Reader:
    """Reads the body line by line into an Outline."""

    def __init__(self) -> None:
        self.root = Section("", "", None, 0)
        self.preamble: list[Block] = []
        self.current = self.root
        self.used_ids: set[str] = set()
        self.paragraph: list[str] = []
        self.item: list[str] | None = None
        self.in_fence = False
        self.after_heading = False  # an upper-case line right after a heading continues it

    def target(self) -> list[Block]:
        return self.preamble if self.current is self.root else self.current.blocks

    def flush(self) -> None:
        item, paragraph = self.item, self.paragraph
        self.item, self.paragraph = None, []
        if item is not None and plain(" ".join(item)):
            self.target().append(Block(plain(" ".join(item)), is_item=True))
        if paragraph:
            text = plain(" ".join(paragraph))
            if fold(text).lower().rstrip(":").strip() == "noi nhan":
                raise _EndOfBody
            pasted = _pasted_heading(text) or self._numbered_paragraph(text)
            if pasted:
                self.open_section(pasted[0], pasted[1], None)
            elif text:
                self.target().append(Block(text))

    def _numbered_paragraph(self, text: str) -> tuple[str, str] | None:
        """'3\\. Phòng Văn hóa – Xã hội: …' after section 2, or '1.1. …' inside section 1: a section
        written as a paragraph. A number that continues no sequence ('2. …' right under 'II.') stays text."""
        number, rest = split_number(text)
        if not number or not re.fullmatch(r"\d{1,2}(\.\d{1,2})*", number):
            return None
        for section in (self.current, *self.current.ancestors()):
            own = section._arabic_path if section.number else ""  # "II.2" continues as "2.1"
            if not re.fullmatch(r"\d{1,2}(\.\d{1,2})*", own or "-"):
                continue
            if number == f"{own}.1":
                return number, rest  # first child
            head, _, last = own.rpartition(".")
            if number == (f"{head}." if head else "") + str(int(last) + 1):
                return number, rest  # next sibling
        return None

    def open_section(self, number: str, title: str, anchor: str | None, level: int | None = None) -> None:
        depth = number_depth(number) or (level - 1 if level else 1)
        parent = self.current
        while parent is not self.root and parent.depth >= depth:
            parent = parent.parent
        section = Section(number, title, anchor, depth, parent)
        # "3. Phòng Văn hóa – Xã hội: Chỉ đạo tăng cường …": a short name, then the section's first sentence.
        name, colon, text = title.partition(": ")
        if colon and len(name.split()) <= 12 and len(text.split()) >= 3:
            section.title = name.strip()
            section.blocks.append(Block(text.strip()))
        section.title = section.title.rstrip(":").strip()
        parent.children.append(section)
        self.current = section

    def heading(self, match: re.Match) -> None:
        self.flush()
        raw = match.group(2)
        custom = _ATTR_ID.search(raw)
        text = plain(_ATTR_ANY.sub("", _ATTR_ID.sub("", raw)))
        if custom:
            anchor = custom.group(1)
            self.used_ids.add(anchor)
        else:
            anchor = unique(toc_slugify(text), self.used_ids)  # exactly as toc de-duplicates: x, x_1, x_2
        number, title = split_number(text)
        self.open_section(number, title, anchor, len(match.group(1)))
        self.after_heading = True

    def line(self, line: str) -> None:
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            self.in_fence = not self.in_fence
            self.flush()
            return
        if self.in_fence or stripped.startswith(("<!--", "!!!", "???", "{:")) or re.fullmatch(r"[-*_]{3,}", stripped):
            self.flush()
            return
        heading = _HEADING.match(line)
        if heading:
            self.heading(heading)
            return
        if not stripped:
            self.flush()
            self.after_heading = False
            return
        current = self.current
        if self.after_heading and current is not self.root and not current.blocks and _is_upper(stripped) \
                and _is_upper(current.title) and not _BULLET.match(line):
            current.title = f"{current.title} {plain(stripped)}"  # heading split over two lines
            return
        self.after_heading = False
        stripped = stripped.lstrip(">").strip()
        bullet = _BULLET.match(line)
        if bullet:
            self.flush()
            self.item = [bullet.group(1)]
        elif self.item is not None:
            self.item.append(stripped)
        else:
            self.paragraph.append(stripped)


def parse(body: str) -> Outline:
    reader = _Reader()
    try:
        for line in body.split("\n"):
            reader.line(line)
        reader.flush()
    except _EndOfBody:
        pass
    return Outline(reader.preamble, reader.root)
