"""Numbered documents: số hiệu, and the căn cứ and văn bản liên quan a plan cites.

A reference is written '<loại> số <số hiệu>, ngày <ngày> của <cơ quan> về <trích yếu>', every part
but the number optional. Party numbers are '52-CTr/TU' (stray spaces: '04- ĐA/TU'), state numbers
'12/KH-UBND', '30/2020/NĐ-CP' (Hướng dẫn 36-HD/VPTW; Nghị định 30/2020/NĐ-CP).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..plan import normalise_so_hieu
from . import when

DOC_TYPES = ["Chương trình hành động", "Thông báo kết luận", "Nghị quyết liên tịch", "Thông tư liên tịch",
             "Nghị quyết", "Chỉ thị", "Kết luận", "Quy định", "Quyết định", "Hướng dẫn", "Kế hoạch", "Chương trình",
             "Thông báo", "Công văn", "Văn bản", "Đề án", "Thông tư", "Nghị định", "Luật", "Báo cáo", "Thông tri",
             "Tờ trình", "Công điện", "Quy chế", "Pháp lệnh", "Điều lệ", "Đề cương"]
# Abbreviations in numbers (Hướng dẫn 36, Nghị định 30 Phụ lục III) -> document type.
CODE_TYPES = {"NQ": "Nghị quyết", "CT": "Chỉ thị", "KL": "Kết luận", "QĐ": "Quyết định", "QĐi": "Quy định",
              "HD": "Hướng dẫn", "KH": "Kế hoạch", "CTr": "Chương trình", "TB": "Thông báo", "CV": "Công văn",
              "ĐA": "Đề án", "BC": "Báo cáo", "TTr": "Tờ trình", "QC": "Quy chế", "TT": "Thông tư",
              "NĐ": "Nghị định", "CĐ": "Công điện", "TTr-": "Tờ trình"}

_PARTY = r"\d+[a-z]?\s*-\s*[A-ZĐ][A-Za-zĐđ]*(?:\s*/\s*[A-ZĐ0-9][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*)+"
_STATE = r"\d+(?:/\d{4})?/[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ0-9][A-Za-zĐđ0-9]*)*"
_TYPES = "|".join(DOC_TYPES)
REF = re.compile(
    rf"(?:(?P<loai>{_TYPES})\s+(?:số\s*:?\s*)?|\b[Ss]ố\s*:?\s*)(?P<so>{_PARTY}|{_STATE})(?![\w/])", re.IGNORECASE)
_CO_QUAN_STOP = re.compile(
    r"\s+(?:về|thực hiện|triển khai|quy định|hướng dẫn|ban hành|tổ chức|tiếp tục|đẩy mạnh|tăng cường|phê duyệt|"
    r"lãnh đạo|chỉ đạo|V/v|gửi|và (?=(?:" + _TYPES + r")\b))\b|[,;(“\"”:]|\.(?:\s|$)|\s+-\s|$", re.IGNORECASE)
_SUBJECT_START = re.compile(
    r"^(?:về việc\s+|về\s+|V/v\s+|“|\"|(?=(?:thực hiện|triển khai|quy định|hướng dẫn|phê duyệt|ban hành|tổ chức|"
    r"tiếp tục|đẩy mạnh|tăng cường)\b))", re.IGNORECASE)
_SUBJECT_END = re.compile(r"\s*(?:;|\(\s*(?:sau đây|gọi tắt|viết tắt)|\.(?:\s+[A-ZĐÀ-Ỹ]|\s*$)|$)")
_NUMBER_ONLY = re.compile(rf"^(?:{_PARTY}|{_STATE})$")


@dataclass
class Ref:
    loai: str | None = None
    so_hieu: str | None = None
    ngay: when.Found | None = None
    co_quan: str | None = None
    trich_yeu: str | None = None
    position: int = 0
    nested: bool = False

    def merge(self, other: "Ref") -> None:
        for name in ("loai", "ngay", "co_quan", "trich_yeu"):
            if getattr(self, name) is None and getattr(other, name) is not None:
                setattr(self, name, getattr(other, name))


def compact(so_hieu: str) -> str:
    """'59 -KH/ĐUK' -> '59-KH/ĐUK'."""
    return re.sub(r"\s+", "", so_hieu)


def _type_of(so_hieu: str) -> str | None:
    party = re.match(r"^\d+[a-z]?-([A-Za-zĐđ]+)/", so_hieu)
    state = re.match(r"^\d+(?:/\d{4})?/([A-Za-zĐđ]+)", so_hieu)
    code = (party or state).group(1) if (party or state) else None
    return CODE_TYPES.get(code) if code else None


def _canonical_type(word: str) -> str:
    return next((t for t in DOC_TYPES if t.lower() == word.lower()), word)


def find_refs(text: str, issuer_stop: re.Pattern | None = None) -> list[Ref]:
    """Every numbered document in `text`, in order (repeats not merged)."""
    matches = [m for m in REF.finditer(text) if not re.fullmatch(r"\d+/\d{4}", compact(m.group("so")))]
    # A number inside another reference's subject ('… của Ban Thường vụ Tỉnh ủy về học tập Nghị quyết số
    # 18-NQ/TW') is nested: it is mentioned, not cited, and the outer subject runs on past it.
    nested = [False] * len(matches)
    for index in range(1, len(matches)):
        gap = text[matches[index - 1].end():matches[index].start()]
        nested[index] = bool(re.search(r"\bvề\b|\bthực hiện\b|\btriển khai\b|\bquán triệt\b|“", gap)) \
            and not re.search(r"[;]|\.\s|\bvà\s*$|,\s*$", gap)
    refs = []
    for index, match in enumerate(matches):
        so_hieu = compact(match.group("so"))
        following = [i for i in range(index + 1, len(matches)) if not nested[i]]
        limit = matches[following[0]].start() if following else len(text)
        tail = text[match.end():limit]
        ref = Ref(loai=_canonical_type(match.group("loai")) if match.group("loai") else _type_of(so_hieu),
                  so_hieu=so_hieu, position=match.start())
        _read_tail(ref, tail, issuer_stop)
        ref.nested = nested[index]
        refs.append(ref)
    # 'Đề án 04-ĐA/TU và Nghị quyết số 05-NQ/TU của Ban Chấp hành …': the 'của' covers both.
    for ref, match, nxt in zip(refs, matches, refs[1:]):
        gap = text[match.end():nxt.position]
        if re.fullmatch(r"\s*(?:,|và|,\s*và)\s*(?:" + _TYPES + r")?\s*(?:số\s*)?", gap, re.IGNORECASE):
            ref.co_quan = ref.co_quan or nxt.co_quan
            ref.ngay = ref.ngay or None
    return refs


def _read_tail(ref: Ref, tail: str, issuer_stop: re.Pattern | None) -> None:
    rest = tail
    date = re.match(r"^\s*,?\s*(?:ban hành\s+)?", rest)
    after = rest[date.end():]
    found = when.full_dates(after[:45])
    if found and found[0].start <= 6 and re.fullmatch(r"(?:ngày\s*)?", after[:found[0].start].strip()):
        ref.ngay = found[0]
        rest = after[found[0].end:]
    of = re.match(r"^\s*,?\s*của\s+", rest)
    if of:
        rest = rest[of.end():]
        stop = _CO_QUAN_STOP.search(rest)
        name = rest[:stop.start()].strip(" ,")
        if name and len(name) <= 120:
            ref.co_quan = name
            rest = rest[stop.start():]
    subject = _SUBJECT_START.match(rest.lstrip(" ,"))
    if subject:
        rest = rest.lstrip(" ,")[subject.end():]
        if subject.group(0) in ("“", "\""):
            close = re.search(r"[”\"]", rest)
            text = rest[:close.start()] if close else rest
        else:
            if issuer_stop:
                issuer = issuer_stop.search(rest)
                if issuer:
                    rest = rest[:issuer.start()]
            end = _SUBJECT_END.search(rest)
            text = rest[:end.start()]
        text = re.sub(r"^(?:về việc|về)\s+", "", text.strip(" ,“”\"")).strip(" ,;“”\"")
        text = re.sub(r"\s+(?:và|,)$", "", text)
        ref.trich_yeu = text or None


def merge(refs: list[Ref], exclude: set[str] = frozenset()) -> list[Ref]:
    """One entry per số hiệu, first mention first, details filled from later mentions."""
    out: dict[str, Ref] = {}
    for ref in refs:
        key = normalise_so_hieu(ref.so_hieu) if ref.so_hieu else f"#{ref.position}"
        if key in exclude:
            continue
        if key in out:
            out[key].merge(ref)
        else:
            out[key] = ref
    return list(out.values())


_UNNUMBERED = re.compile(rf"^(?:Căn cứ|Thực hiện|Triển khai|Thi hành|Theo)\s+(?P<loai>{_TYPES})\s+(?P<rest>.+)$",
                         re.IGNORECASE)


def unnumbered(clause: str) -> Ref | None:
    """'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015' -> Luật with a name and date."""
    match = _UNNUMBERED.match(clause.strip())
    if not match or REF.search(clause):
        return None
    rest = match.group("rest")
    dates = when.full_dates(rest)
    name = rest[:dates[0].start].strip(" ,") if dates else rest
    name = re.sub(r"\s+(?:năm|ngày)$", "", name.strip(" ,;."))
    ref = Ref(loai=_canonical_type(match.group("loai")), ngay=dates[0] if dates else None)
    if re.match(r"^(của|các|này|đó|trên)\b", name) or not name or not name[:1].isupper():
        return None  # "Thực hiện Kế hoạch của Ban Thường vụ…": no name, nothing to cite
    ref.trich_yeu = name
    return ref


def is_number(text: str) -> bool:
    return bool(_NUMBER_ONLY.match(compact(text)))
