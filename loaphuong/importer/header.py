"""The header block, document type and trích yếu (Hướng dẫn 36-HD/VPTW; Nghị định 30/2020/NĐ-CP).

Party: cơ quan cấp trên / cơ quan ban hành / '*' / 'Số 173-KH/ĐU' on the left, 'ĐẢNG CỘNG SẢN VIỆT NAM'
and '<địa danh>, ngày … tháng … năm …' on the right. State: the same with 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA
VIỆT NAM / Độc lập - Tự do - Hạnh phúc' and 'Số: 12/KH-UBND'. Serialised two-column headers arrive
flattened into one line or with the columns interleaved; everything here is found by pattern, not by
position, and whatever is not written stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import when
from .casing import organ_case

TYPES = ["CHƯƠNG TRÌNH HÀNH ĐỘNG", "KẾ HOẠCH", "CHƯƠNG TRÌNH", "HƯỚNG DẪN", "THÔNG BÁO", "BÁO CÁO",
         "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "CHỈ THỊ", "KẾT LUẬN", "QUY ĐỊNH", "QUY CHẾ", "ĐỀ ÁN", "TỜ TRÌNH",
         "THÔNG TRI", "CÔNG VĂN", "ĐỀ CƯƠNG", "PHƯƠNG ÁN"]
TITLE = re.compile(r"(?:^|(?<=\s))(" + "|".join(TYPES) + r")(?=\s*$|\s+(?:[a-zà-ỹđ“\"(]|[A-ZĐÀ-Ỹ][a-zà-ỹđ]))")

PARTY_MOTTO = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
STATE_MOTTO = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM")
SLOGAN = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.IGNORECASE)
# The Đoàn's right-hand motto, alone on its line or flattened onto the end of the first left-hand line. Inside
# an issuer's name ('BAN CHẤP HÀNH ĐOÀN THANH NIÊN CỘNG SẢN HỒ CHÍ MINH PHƯỜNG …') it is part of the name.
YOUTH_MOTTO = re.compile(r"(?:^|(?<=[A-ZĐÀ-Ỹ.] ))ĐOÀN\s+(?:TNCS|THANH\s+NIÊN\s+CỘNG\s+SẢN)\s+HỒ\s+CHÍ\s+MINH$",
                         re.MULTILINE)
NUMBER = re.compile(r"\bSố\s*:?\s*(\d+[A-Za-z]?(?:\s*[-/]\s*[A-Za-zĐđ0-9]+)+)")
BLANK_NUMBER = re.compile(r"\bSố\s*:?\s*[.…_ ]*\s*[-/]\s*[A-ZĐ]")
PLACE_DATE = re.compile(
    r"([^\d,\n|*]{2,60}?)\s*,\s*ngày\s+([\d.…_ ]*?)\s*tháng\s+([\d.…_ ]*?)\s*năm\s+(\d{4})", re.IGNORECASE)
SEPARATOR = re.compile(r"^[\s*\-–—_=.•·]*$")
ORGAN_START = re.compile(
    r"(?<!\S)(ĐẢNG BỘ|ĐẢNG Ủ?U?Ỷ?Y|ĐẢNG UỶ|ĐẢNG ỦY|TỈNH ỦY|TỈNH UỶ|THÀNH ỦY|THÀNH UỶ|HUYỆN ỦY|HUYỆN UỶ|QUẬN ỦY|"
    r"QUẬN UỶ|THỊ ỦY|THỊ UỶ|BAN CHẤP HÀNH|BAN THƯỜNG VỤ|CHI BỘ|ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|BAN TUYÊN GIÁO|"
    r"BAN DÂN VẬN|BAN TỔ CHỨC|BAN XÂY DỰNG|BAN CHỈ ĐẠO|VĂN PHÒNG|SỞ|PHÒNG|BỘ|MẶT TRẬN|ĐOÀN|HỘI|TRUNG TÂM|"
    r"TRƯỜNG|CÔNG AN|THÀNH ĐOÀN|TỈNH ĐOÀN|HUYỆN ĐOÀN|QUẬN ĐOÀN|LIÊN ĐOÀN|CÔNG ĐOÀN|BAN)(?=\s)")
ADMIN_WORD = re.compile(r"\b(TỈNH|THÀNH PHỐ|TP\.|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|TRUNG ƯƠNG|ĐẶC KHU)\s*\S|"
                        r"(TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) (ỦY|UỶ)\s+\S")
LEADING_ADMIN = re.compile(r"^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s+\S")
PREAMBLE_START = re.compile(r"^(Thực hiện|Căn cứ|Để|Nhằm|Triển khai|Ngày|Qua|Sau|Trên cơ sở|Thi hành|Theo|Tiếp tục|"
                            r"Nhân dịp|Hưởng ứng|Chấp hành|Thực hiện sự chỉ đạo)\b")
ISSUER = re.compile(
    r"(?:^|[,;:.]\s+)((?:Ban Thường vụ|Ban Chấp hành|Thường trực|Ban Thường trực|Ban Tuyên giáo|Ban Dân vận|"
    r"Ban Tổ chức|Ban Xây dựng Đảng|Ban Chỉ đạo|Đảng ủy|Đảng uỷ|Chi ủy|Chi uỷ|Chi bộ|Huyện ủy|Huyện uỷ|Tỉnh ủy|"
    r"Tỉnh uỷ|Thành ủy|Thành uỷ|Quận ủy|Thị ủy|Ủy ban|Uỷ ban|UBND|Hội đồng|Văn phòng|Phòng|Sở|Trung tâm|"
    r"Mặt trận|Ủy ban Mặt trận|Đoàn|Hội)[^,;:.()]{0,80}?)\s+(?:thống nhất\s+)?(?:ban hành|xây dựng|triển khai|đề ra|"
    r"lập|thực hiện)\s+(?:kế hoạch|chương trình|hướng dẫn|đề án|phương án|quy chế)", re.IGNORECASE)


@dataclass
class Header:
    loai_van_ban: str | None = None
    trich_yeu: str | None = None
    so_hieu: str | None = None
    co_quan_ban_hanh: str | None = None
    co_quan_cap_tren: str | None = None
    dia_danh: str | None = None
    ngay: when.Found | None = None
    format: str | None = None          # "đảng" | "nhà nước" | None
    body_start: int = 0                # index of the first paragraph after the title block
    notes: dict[str, str] = field(default_factory=dict)   # field -> what a human should look at


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def find_title(paras: list[str], limit: int = 40) -> tuple[int, re.Match] | None:
    seen = 0
    for i, para in enumerate(paras):
        if not para:
            continue
        seen += 1
        if seen > limit:
            break
        for match in TITLE.finditer(para):
            before = para[:match.start()]
            # The type word opens a line, or follows the header flattened onto the same line.
            if not before.strip() or _is_upper(before) or re.search(r"năm\s+\d{4}\s*$|[A-Z]{2,}\s*$", before):
                if "số" in para[match.end():match.end() + 6].lower() and not para[match.end():].strip()[:1].islower():
                    continue  # "KẾ HOẠCH số 12" in a sentence is a reference, not a title
                return i, match
    return None


def parse(paras: list[str]) -> Header:
    header = Header()
    found = find_title(paras)
    if found is None:
        header.notes["loai_van_ban"] = "không thấy dòng tên loại văn bản (ví dụ 'KẾ HOẠCH')"
        header_paras, title_index = _leading_header(paras), None
        header.body_start = len(header_paras)
    else:
        title_index, match = found
        header.loai_van_ban = TYPES_CASE.get(match.group(1), match.group(1).capitalize())
        head = paras[title_index][:match.start()].strip()
        header_paras = [p for p in paras[:title_index] if p] + ([head] if head else [])
        tail = paras[title_index][match.end():].strip()
        header.trich_yeu, header.body_start = _trich_yeu(paras, title_index, tail)
    _parse_block(header, header_paras)
    return header


TYPES_CASE = {t: t[0] + t[1:].lower() for t in TYPES}


def _leading_header(paras: list[str]) -> list[str]:
    """Without a title line: the leading upper-case / 'Số' / date lines, if any."""
    out = []
    for para in paras:
        if not para:
            continue
        if _is_upper(para) or NUMBER.search(para) or PLACE_DATE.search(para) or SLOGAN.search(para) \
                or SEPARATOR.match(para):
            out.append(para)
        else:
            break
    return out


def _trich_yeu(paras: list[str], title_index: int, tail: str) -> tuple[str | None, int]:
    parts = [tail] if tail else []
    i = title_index + 1
    blanks = 0
    while i < len(paras):
        para = paras[i]
        if not para:
            blanks += 1
            i += 1
            continue
        if SEPARATOR.match(para):
            i += 1
            if parts:
                break
            continue
        if re.match(r"^([IVX]+|\d+)\s*[.\-)]\s", para) or re.match(r"^(Kính gửi|Căn cứ)\b", para):
            break
        if parts and PREAMBLE_START.match(para):
            break
        if parts and (blanks or len(" ".join(parts)) > 400 or ISSUER.search(para)):
            if not para[:1].islower():
                break
        if re.match(r"^V/v\b", para):
            para = para[3:].strip()
        parts.append(para)
        blanks = 0
        i += 1
    text = " ".join(" ".join(parts).split()).strip(" -–—*")
    return (text or None), i


def _parse_block(header: Header, paras: list[str]) -> None:
    text = "\n".join(paras)
    if PARTY_MOTTO.search(text):
        header.format = "đảng"
    elif STATE_MOTTO.search(text) or SLOGAN.search(text):
        header.format = "nhà nước"
    for rx in (PARTY_MOTTO, STATE_MOTTO, SLOGAN):
        text = rx.sub("\n", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = YOUTH_MOTTO.sub("\n", text)

    number = NUMBER.search(text)
    if number:
        header.so_hieu = re.sub(r"\s+", "", number.group(1))
        text = text[:number.start()] + "\n" + text[number.end():]
    elif BLANK_NUMBER.search(text):
        header.notes["so_hieu"] = "văn bản để trống số (chưa vào sổ); điền số khi có"
        text = re.sub(r"\bSố\s*:?[^\n]*", "\n", text)

    date = PLACE_DATE.search(text)
    if date:
        place = _place(date.group(1))
        header.dia_danh = place
        day, month = date.group(2).strip(" ._…"), date.group(3).strip(" ._…")
        if day.isdigit() and month.isdigit():
            header.ngay = when.make_day(int(day), int(month), int(date.group(4)),
                                        date.group(0)[len(date.group(1)):].strip(" ,"), date.start(), date.end())
            if header.ngay.problem:
                header.notes["ngay_ban_hanh"] = header.ngay.problem
        else:
            header.notes["ngay_ban_hanh"] = "văn bản chưa ghi ngày (để trống ngày hoặc tháng)"
        cut_from = date.start() + date.group(0).find(place) if place else date.start(1)
        text = text[:cut_from] + "\n" + text[date.end():]

    organs = _organs(text)
    if organs:
        # The issuer is the name just above the asterisks / underline (the last of the left column); the
        # upper-level body is the column's top line. Anything between belongs to neither reading.
        header.co_quan_ban_hanh = organ_case(organs[-1])
        if len(organs) >= 2:
            header.co_quan_cap_tren = organ_case(organs[0])


def _place(raw: str) -> str | None:
    """The words just before ', ngày': title-case words only ('Mỹ Thới', 'TP. Hồ Chí Minh')."""
    words = raw.replace("|", " ").split()
    picked: list[str] = []
    for word in reversed(words):
        if re.match(r"^(TP\.|Tp\.|TX\.|[A-ZĐÀ-Ỹ][a-zà-ỹđ]+|\d+)$", word):
            picked.insert(0, word)
        else:
            break
    return " ".join(picked) or None


def _organs(text: str) -> list[str]:
    fragments = []
    for line in text.split("\n"):
        line = line.strip(" *-–—_|.,")
        if not line or SEPARATOR.match(line) or not any(c.isalpha() for c in line):
            continue
        fragments.extend(_split_organs(line))
    fragments = [f for f in fragments if len(f) > 2 and _is_upper(f)]
    # A long name wraps: 'ỦY BAN NHÂN DÂN' / 'XÃ TÂN PHÚ', 'ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ' / 'DOANH NGHIỆP TỈNH',
    # 'BAN CHẤP HÀNH ĐOÀN THANH NIÊN CỘNG SẢN' / 'HỒ CHÍ MINH PHƯỜNG AN PHÚ'. A line that does not open with a
    # body's name goes on the name above it while that name has not yet reached its place name.
    merged: list[str] = []
    for fragment in fragments:
        if merged and _continues_name(merged[-1], fragment):
            merged[-1] = f"{merged[-1]} {fragment}"
        else:
            merged.append(fragment)
    return merged


_NAME_DANGLING = re.compile(r"\s(VÀ|CỦA|VỀ|CÁC|VỚI|CHO|TRONG|THEO|TẠI|-|–)$")


def _continues_name(previous: str, line: str) -> bool:
    if _NAME_DANGLING.search(previous):
        return True
    if ORGAN_START.match(line):
        return False
    return not ADMIN_WORD.search(previous + " ") or bool(LEADING_ADMIN.match(line)) and \
        not re.search(r"(TỈNH|THÀNH PHỐ|TP\.|HUYỆN|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN)\s+\S", previous)


def _split_organs(line: str) -> list[str]:
    """'ĐẢNG BỘ TỈNH TUYÊN QUANG ĐẢNG ỦY PHƯỜNG NÔNG TIẾN' -> two names; 'BAN THƯỜNG VỤ ĐẢNG ỦY XÃ A' -> one."""
    starts = [m.start() for m in ORGAN_START.finditer(line)]
    cuts = [0]
    for start in starts[1:]:
        previous = line[cuts[-1]:start]
        if ADMIN_WORD.search(previous + " ") and not re.search(r"(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|XÃ|PHƯỜNG)\s*$", previous):
            cuts.append(start)
    cuts.append(len(line))
    return [line[a:b].strip() for a, b in zip(cuts, cuts[1:]) if line[a:b].strip()]


def issuer_from_preamble(text: str) -> str | None:
    """'… , Ban Thường vụ Đảng ủy phường ban hành Kế hoạch …' -> 'Ban Thường vụ Đảng ủy phường'."""
    match = ISSUER.search(text)
    return " ".join(match.group(1).split()) if match else None
