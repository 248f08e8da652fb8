"""The end of a document: nơi nhận, thẩm quyền ký (T/M, KT., TL., TUQ.), chức vụ and người ký.

Two-column endings (nơi nhận left, signature right) arrive one column after the other, or the
signature first; each line is recognised by its form, not its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .casing import organ_case

NOI_NHAN = re.compile(r"^Nơi\s+nhận\s*:?\s*", re.IGNORECASE)
AUTHORITY = re.compile(r"^(T/M|TM\.?|T\.M\.?|K/T|KT\.?|K\.T\.?|Q\.|TL\.?|T/L|TUQ\.?|T\.U\.Q\.?|T/U/Q)\s+(.+)$")
POSITION = re.compile(
    r"(PHÓ BÍ THƯ THƯỜNG TRỰC|PHÓ BÍ THƯ|BÍ THƯ|PHÓ CHỦ TỊCH THƯỜNG TRỰC|PHÓ CHỦ TỊCH|CHỦ TỊCH|PHÓ TRƯỞNG BAN"
    r"|TRƯỞNG BAN|PHÓ GIÁM ĐỐC|GIÁM ĐỐC|PHÓ CHÁNH VĂN PHÒNG|CHÁNH VĂN PHÒNG|PHÓ TRƯỞNG PHÒNG|TRƯỞNG PHÒNG"
    r"|PHÓ HIỆU TRƯỞNG|HIỆU TRƯỞNG|PHÓ CHỦ NHIỆM|CHỦ NHIỆM|PHÓ TRƯỞNG CÔNG AN|TRƯỞNG CÔNG AN|ỦY VIÊN|CHI ỦY VIÊN)$")
SIGNED = re.compile(r"^[(\[]?\s*(đã ký|ký|ký tên|ký, ghi rõ họ tên|đã ký và đóng dấu|ký và đóng dấu|daky|ký, đóng dấu)"
                    r"[^)\]]*[)\]]?$", re.IGNORECASE)
BULLET = re.compile(r"^[-+•–—*·]\s*")


@dataclass
class Signature:
    start: int | None = None                 # index of the first paragraph of the ending
    noi_nhan: list[str] = field(default_factory=list)
    tham_quyen: str | None = None
    chuc_vu: str | None = None
    nguoi_ky: str | None = None


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _is_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 6 and len(text) <= 45 and not text.endswith((".", ":", ";", ",")) \
        and all(w[:1].isupper() or w[:1].isdigit() for w in words if w.isalpha()) and not _is_upper(text.replace("/", ""))


def find_start(paras: list[str], body_start: int) -> int | None:
    """Index where the ending starts: 'Nơi nhận' or the signature, whichever comes first."""
    n = len(paras)
    floor = body_start + (n - body_start) // 3
    candidates = []
    for i in range(n - 1, floor - 1, -1):
        para = paras[i]
        if NOI_NHAN.match(para) or AUTHORITY.match(para):
            candidates.append(i)
        elif POSITION.search(para) and _is_upper(para) and len(para.split()) <= 8 and i >= n - 8:
            candidates.append(i)
    return min(candidates) if candidates else None


def parse(paras: list[str], body_start: int) -> Signature:
    sig = Signature(start=find_start(paras, body_start))
    if sig.start is None:
        return sig
    in_list = False
    after_position = False
    for para in paras[sig.start:]:
        if not para:
            continue
        match = NOI_NHAN.match(para)
        if match:
            in_list = True
            para = para[match.end():].strip()
            if not para:
                continue
        if BULLET.match(para):
            for item in re.split(r"[,;]\s+[-+•]\s+", BULLET.sub("", para)):
                item = item.strip().rstrip(",;.").strip()
                if item:
                    sig.noi_nhan.append(item)
            continue
        authority = AUTHORITY.match(para)
        if authority:
            rest = authority.group(2).strip()
            position = POSITION.search(rest)
            if position and position.start() > 0:
                sig.chuc_vu = position.group(1)
                rest = rest[:position.start()].strip()
                after_position = True
            sig.tham_quyen = f"{authority.group(1)} {organ_case(rest)}"
            in_list = False
            continue
        if SIGNED.match(para):
            continue
        if _is_upper(para) and len(para.split()) <= 8 and (sig.tham_quyen or POSITION.search(para)) \
                and not sig.chuc_vu:
            sig.chuc_vu = para
            after_position = True
            continue
        if (after_position or sig.chuc_vu) and _is_name(para):
            sig.nguoi_ky = para
            continue
        if in_list and len(para) < 120 and not sig.tham_quyen:
            sig.noi_nhan.append(para.rstrip(",;.").strip())
    return sig
