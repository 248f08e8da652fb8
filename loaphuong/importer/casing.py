"""Write an upper-case organ name the way Vietnamese documents write it in running text.

'ĐẢNG ỦY PHƯỜNG NÔNG TIẾN' -> 'Đảng ủy phường Nông Tiến', 'BAN THƯỜNG VỤ' -> 'Ban Thường vụ',
'ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG' -> 'Ủy ban nhân dân tỉnh Lâm Đồng' (Nghị định 30/2020, Phụ lục II).
Text that is not upper case is left as written.
"""

from __future__ import annotations

import re

# Fixed names, longest first; matched on lower-case text.
_PHRASES = [
    "Ban Tuyên giáo và Dân vận", "Ban Chấp hành Trung ương", "Ban Chấp hành", "Ban Thường vụ", "Ban Bí thư",
    "Bộ Chính trị", "Ban Tuyên giáo", "Ban Dân vận", "Ban Tổ chức", "Ban Nội chính", "Ban Xây dựng Đảng",
    "Ban Kinh tế", "Ban Chỉ đạo", "Ban Thường trực", "Thường trực", "Ủy ban Kiểm tra", "Uỷ ban Kiểm tra",
    "Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban Mặt trận Tổ quốc", "Mặt trận Tổ quốc Việt Nam",
    "Mặt trận Tổ quốc", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân", "Văn phòng", "Trung ương",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Hội Liên hiệp Phụ nữ", "Hội Nông dân", "Hội Cựu chiến binh",
    "Liên đoàn Lao động", "Đảng đoàn", "Ban Cán sự đảng", "Đảng Cộng sản Việt Nam", "Chính phủ", "Quốc hội",
    "Thủ tướng Chính phủ", "Công an", "Quân sự", "Bộ Chỉ huy Quân sự", "Trung tâm Chính trị",
    "Trung tâm Văn hóa, Thông tin và Thể thao", "Phòng Văn hóa - Xã hội", "Phòng Văn hóa và Thông tin",
    "Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Giám đốc", "Phó Giám đốc", "Trưởng ban", "Phó Trưởng ban",
    "Chánh Văn phòng", "Phó Chánh Văn phòng", "Đảng ủy", "Đảng uỷ", "Đảng bộ", "Chi bộ", "Chi ủy",
]
_ADMIN = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")
_COMMITTEE = re.compile(r"^(tỉnh|thành|huyện|quận|thị|đảng|chi|khối)\s+(ủy|uỷ)\b")


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _title(word: str) -> str:
    return word[:1].upper() + word[1:]


def organ_case(text: str) -> str:
    """Running-text case for an upper-case name; anything else comes back unchanged."""
    text = " ".join(text.split())
    if not _is_upper(text):
        return text
    low = text.lower()
    out: list[str] = []
    i = 0
    proper = False  # after an administrative unit every word is part of a place name
    field = False   # after Sở/Phòng/Bộ the first word of each field is capitalised: Sở Giáo dục và Đào tạo
    after_joiner = False
    while i < len(low):
        if low[i] == " ":
            out.append(" ")
            i += 1
            continue
        rest = low[i:]
        committee = _COMMITTEE.match(rest)
        if committee:
            word = committee.group(0)
            out.append(_title(word))
            i += len(word)
            proper = committee.group(1) not in ("đảng", "chi", "khối")
            continue
        admin = next((a for a in _ADMIN if rest.startswith(a + " ") or rest == a), None)
        if admin and not proper and not field:
            out.append(admin)
            i += len(admin)
            proper = True
            continue
        phrase = next((p for p in sorted(_PHRASES, key=len, reverse=True)
                       if rest.startswith(p.lower()) and (len(rest) == len(p) or not rest[len(p)].isalpha())), None)
        if phrase and not proper:
            out.append(phrase)
            i += len(phrase)
            continue
        end = low.find(" ", i)
        end = len(low) if end < 0 else end
        word = low[i:end]
        if field and after_joiner:
            word = _title(word)
        if proper or word in ("đảng", "việt", "nam", "khối"):
            word = _title(word) if word not in ("và",) else word
        after_joiner = field and word in ("và", "-", "–", ",")
        if word in ("sở", "phòng", "bộ", "cục", "vụ") and not out[-1:] == ["ban "]:
            word, field, after_joiner = _title(word), True, True
        elif field and admin:
            field = False
            out.append(admin)
            i += len(admin)
            proper = True
            continue
        out.append(word)
        i = end
    result = "".join(out)
    # Abbreviations stay upper case: UBND, HĐND, MTTQ, TNCS, CT-XH.
    result = re.sub(r"\b(ubnd|hđnd|mttq|tncs|ctxh|ct-xh|bch|btv|ubkt|vptw|tw|tu|hu|đu)\b",
                    lambda m: m.group(1).upper(), result, flags=re.IGNORECASE)
    return _title(result)
