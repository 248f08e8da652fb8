"""Read .docx, .txt and .md into clean NFC text lines; refuse legacy TCVN3/VNI text."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

from ..text import nfc

SUPPORTED = (".docx", ".txt", ".md", ".markdown")


class ReadError(ValueError):
    """A file that cannot be imported; the message is Vietnamese, for staff."""


class LegacyEncodingError(ReadError):
    pass


# Vietnamese letters that only Unicode text has (ă â đ ê ô ơ ư and the U+1EA0.. block).
def _is_viet(ch: str) -> bool:
    return ch in "ăĂâÂđĐêÊôÔơƠưƯ" or "\u1ea0" <= ch <= "\u1ef9"


# TCVN3 (ABC, .VnTime) puts Vietnamese letters on Latin-1 symbols: "KÕ ho¹ch", "§¶ng", "Thùc hiÖn".
_TCVN3_MARKS = set("¸µ¶·¹¨©®ª«¬§¡¢£¤¥¦½¾ÆÇËÌÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞß")
# VNI-Windows writes a base letter then a Latin-1 tone letter: "Keá hoaïch", "Ñaûng", "ñoàng".
_VNI_PAIRS = re.compile(r"[aeiouyAEIOUY][øùúûõïöôäåëèéâêÀÁÂÃÄÅÈÉÊËÒÓÔÕÖØÙÚÛ]|[ñÑ][a-zA-Z]|ö[ôôa-z]")


def detect_legacy(text: str) -> str | None:
    """'TCVN3' or 'VNI' when the text is a legacy-encoded document read as Latin-1/Unicode."""
    letters = sum(1 for c in text if c.isalpha())
    if letters < 40:
        return None
    viet = sum(1 for c in text if _is_viet(c))
    latin1 = sum(1 for c in text if "\u00a0" < c <= "\u00ff")
    if latin1 < max(5, letters * 0.01) or viet > latin1 * 0.25:
        return None
    tcvn = sum(1 for c in text if c in _TCVN3_MARKS)
    vni = len(_VNI_PAIRS.findall(text))
    return "TCVN3" if tcvn >= vni else "VNI"


def legacy_message(name: str, kind: str) -> str:
    font = ".VnTime, .VnTimeH" if kind == "TCVN3" else "VNI-Times"
    return (f"{name}: văn bản dùng bảng mã cũ {kind} (phông {font}), không phải Unicode; "
            "không nhập để tránh chữ lỗi. Hãy chuyển mã sang Unicode (ví dụ Unikey → Công cụ chuyển mã, "
            f"nguồn {kind}, đích Unicode), lưu lại rồi nhập lại.")


def read_lines(path: str | Path) -> list[str]:
    """The document as clean text lines (NFC, markup removed, <sup>n</sup> kept for footnotes)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(f"{path.name}: chỉ nhập được tệp .docx, .txt, .md (tệp này là '{suffix or 'không đuôi'}')")
    if not path.exists():
        raise ReadError(f"{path}: không tìm thấy tệp")
    if suffix == ".docx":
        from .docx_reader import docx_text
        raw = docx_text(path)
    else:
        raw = _decode(path.read_bytes(), path.name)
    kind = detect_legacy(raw)
    if kind:
        raise LegacyEncodingError(legacy_message(path.name, kind))
    return clean_lines(raw, markdown=suffix in (".md", ".markdown"))


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Not UTF-8: TCVN3/VNI files are 8-bit; read as Windows-1252 so the detector sees their marks.
    text = data.decode("cp1252", errors="replace")
    if detect_legacy(text):
        return text
    try:
        return data.decode("cp1258")  # Windows Vietnamese
    except UnicodeDecodeError:
        raise ReadError(f"{name}: không đọc được bảng mã của tệp; lưu lại dạng UTF-8 rồi nhập lại") from None


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~\"'])")
_SUP = re.compile(r"<sup>\s*(?:\[\s*)?(\d{1,3})(?:\s*\]\s*(?:\([^)]*\))?)?\s*</sup>", re.IGNORECASE)
_MAMMOTH_SUP = re.compile(r"\[\s*\[?(\d{1,3})\]?\s*\]\(#footnote-\d+\)")
_TAG = re.compile(r"</?(?!sup\b)[a-zA-Z][^>]*>")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ANCHOR = re.compile(r"\[(↑|\^)\]\(#[^)]*\)|\{#[^}]*\}")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})")
_UNDERSCORE_EM = re.compile(r"(?<![\w\\])_(?=\S)(.+?)(?<=\S)_(?!\w)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")


def clean_line(line: str, markdown: bool = True) -> str:
    """Remove Markdown/HTML decoration a converter left behind; keep the words as written."""
    line = _INVISIBLE.sub("", line)
    line = _BR.sub(" ", line)
    line = _MAMMOTH_SUP.sub(lambda m: f"<sup>{m.group(1)}</sup>", line)
    line = _SUP.sub(lambda m: f"<sup>{m.group(1)}</sup>", line)
    line = _TAG.sub("", line)
    line = html.unescape(line)
    line = _ANCHOR.sub("", line)
    if markdown:
        line = _MD_HEADING.sub("", line)
        line = _MD_QUOTE.sub("", line)
    # Escapes first hide their character from the emphasis pass: '\*' stays a star.
    line = _ESCAPED.sub(lambda m: "\x00" + m.group(1), line)
    line = _EMPHASIS.sub("", line)
    line = _UNDERSCORE_EM.sub(r"\1", line)
    # A lone '*' wrapping words ("*(có văn bản)*"); a '*' alone on a line is a header separator.
    if line.strip() != "*":
        line = re.sub(r"(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])", "", line)
    line = re.sub("\x00(.)", r"\1", line)
    line = _SPACES.sub(" ", line)
    return line.strip()


def clean_lines(raw: str, markdown: bool = False) -> list[str]:
    text = nfc(raw).replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\v", "\n")
    # Markdown hard breaks (two spaces / backslash at line end) are just line ends here.
    lines = [clean_line(re.sub(r"\\$", "", line), markdown=True) for line in text.split("\n")]
    return [unicodedata.normalize("NFC", line) for line in lines]
