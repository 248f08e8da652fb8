"""Word .docx -> text with python-docx: paragraphs and tables in document order.

Auto-numbered paragraphs get their number written out ("1.", "I.", "-"), footnote references become
<sup>n</sup> and the footnote texts follow the document, so later stages see what a reader sees.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .reader import ReadError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(n: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while n >= value:
            out, n = out + letters, n - value
    return out


def docx_text(path: Path) -> str:
    try:
        import docx  # python-docx
    except ImportError as exc:  # pragma: no cover - dependency is declared
        raise ReadError("cần cài python-docx để nhập tệp .docx: pip install python-docx") from exc
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"{path.name}: không mở được tệp Word ({exc}); nếu là .doc cũ, lưu lại dạng .docx") from None
    numbering = _Numbering(document)
    lines: list[str] = []
    for child in document.element.body.iterchildren():
        if child.tag == W + "p":
            lines.append(_paragraph(child, numbering))
        elif child.tag == W + "tbl":
            lines.extend(_table(child, numbering))
    notes = _footnotes(document)
    if notes:
        lines.append("")
        lines.extend(f"[^{number}]: {text}" for number, text in notes)
    return "\n".join(lines)


def _table(tbl, numbering) -> list[str]:
    """Cells row by row, each cell's paragraphs on their own lines (a header table's two columns)."""
    lines: list[str] = []
    for row in tbl.iter(W + "tr"):
        for cell in row.iter(W + "tc"):
            for p in cell.iter(W + "p"):
                text = _paragraph(p, numbering)
                if text.strip():
                    lines.append(text)
            lines.append("")
    return lines


def _paragraph(p, numbering) -> str:
    parts: list[str] = []
    for node in p.iter():
        tag = node.tag
        if tag == W + "t":
            run = node.getparent()
            text = node.text or ""
            if _is_superscript(run) and text.strip().isdigit():
                text = f"<sup>{text.strip()}</sup>"
            parts.append(text)
        elif tag == W + "tab":
            parts.append(" ")
        elif tag in (W + "br", W + "cr"):
            parts.append("\n")
        elif tag == W + "footnoteReference":
            parts.append(f"<sup>{node.get(W + 'id')}</sup>")
    text = "".join(parts)
    prefix = numbering.label(p)
    return f"{prefix} {text}" if prefix and text.strip() else text


def _is_superscript(run) -> bool:
    if run is None:
        return False
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    va = rpr.find(W + "vertAlign")
    return va is not None and va.get(W + "val") == "superscript"


class _Numbering:
    """Just enough of numbering.xml to write '1.', 'I.', 'a)' or '-' for auto-numbered paragraphs."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[tuple[str, int], int] = {}
        try:
            part = document.part.numbering_part
        except (NotImplementedError, KeyError, AttributeError):
            return
        root = part.element
        abstract = {}
        for a in root.iter(W + "abstractNum"):
            levels = {}
            for lvl in a.iter(W + "lvl"):
                fmt = lvl.find(W + "numFmt")
                text = lvl.find(W + "lvlText")
                start = lvl.find(W + "start")
                levels[int(lvl.get(W + "ilvl"))] = (
                    fmt.get(W + "val") if fmt is not None else "decimal",
                    text.get(W + "val") if text is not None else "%1.",
                    int(start.get(W + "val")) if start is not None else 1,
                )
            abstract[a.get(W + "abstractNumId")] = levels
        for num in root.iter(W + "num"):
            ref = num.find(W + "abstractNumId")
            if ref is not None:
                for ilvl, value in abstract.get(ref.get(W + "val"), {}).items():
                    self.formats[(num.get(W + "numId"), ilvl)] = value

    def label(self, p) -> str:
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        if numpr is None:
            return ""
        num_id = numpr.find(W + "numId")
        ilvl = numpr.find(W + "ilvl")
        key = (num_id.get(W + "val") if num_id is not None else "0",
               int(ilvl.get(W + "val")) if ilvl is not None else 0)
        fmt, text, start = self.formats.get(key, ("bullet", "-", 1))
        if fmt == "bullet" or fmt == "none":
            return "-" if fmt == "bullet" else ""
        count = self.counters.get(key, start - 1) + 1
        self.counters[key] = count
        for other in list(self.counters):  # a new parent item restarts its children
            if other[0] == key[0] and other[1] > key[1]:
                del self.counters[other]
        value = {"upperRoman": roman(count), "lowerRoman": roman(count).lower(),
                 "upperLetter": chr(64 + min(count, 26)), "lowerLetter": chr(96 + min(count, 26))}.get(fmt, str(count))
        label = text
        for level in range(9):
            placeholder = f"%{level + 1}"
            if placeholder in label:
                label = label.replace(placeholder, value if level == key[1] else
                                      str(self.counters.get((key[0], level), 1)))
        return label


def _footnotes(document) -> list[tuple[str, str]]:
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes"):
            from lxml import etree
            root = etree.fromstring(rel.target_part.blob)
            notes = []
            for note in root.iter(W + "footnote"):
                if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join("".join(t.text or "" for t in p.iter(W + "t")) for p in note.iter(W + "p")).strip()
                if text:
                    notes.append((note.get(W + "id"), text))
            return notes
    return []
