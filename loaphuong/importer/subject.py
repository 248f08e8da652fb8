"""The unit that opens a sentence: 'Văn phòng Đảng ủy chuẩn bị hội trường' -> ('Văn phòng Đảng ủy',
'chuẩn bị hội trường').

Only a noun phrase naming a body counts (Ban…, Văn phòng…, Ủy ban…, Các chi bộ…); it ends at the first
lower-case verb of the list below. A verb right after 'Ban' is part of the name ('Ban Tổ chức',
'Ban xây dựng Đảng', 'Ban Chỉ đạo'), and 'các tổ chức chính trị - xã hội' is a noun, so the split
waits for the next one.
"""

from __future__ import annotations

import re

UNIT_START = re.compile(
    r"^(?:các\s+|mỗi\s+|từng\s+)?(?:ban|văn phòng|ủy ban|uỷ ban|ubnd|ubmttq|mttq|mặt trận|chi bộ|chi ủy|chi uỷ|"
    r"đảng ủy|đảng uỷ|đảng bộ|đảng đoàn|ban cán sự|phòng|trung tâm|đoàn|hội|công an|quân sự|ban chỉ huy|"
    r"thường trực|thường vụ|bộ phận|liên đoàn|tổ chức cơ sở đảng|tổ chức chính trị|đoàn thể|cấp ủy|cấp uỷ|"
    r"trạm|trường|hđnd|hội đồng|huyện đoàn|thành đoàn|tỉnh đoàn|đài|cơ quan|đơn vị|công chức|khu phố|tổ dân phố|"
    r"thôn|ấp|khóm)\b"
    r"(?!\s*(?:nghị|thảo|thi|diễn|viên|hành|hợp|chống|ngừa|trường)\b)(?<!phòng(?=,))(?<!Phòng(?=,))",
    re.IGNORECASE)
VERBS = ("chủ trì", "phối hợp", "chuẩn bị", "tham mưu", "hướng dẫn", "chỉ đạo", "tổ chức", "báo cáo",
         "xây dựng", "theo dõi", "triển khai", "thực hiện", "có trách nhiệm", "chịu trách nhiệm", "căn cứ",
         "đôn đốc", "kiểm tra", "tuyên truyền", "bảo đảm", "đảm bảo", "tổng hợp", "gửi", "nộp", "rà soát",
         "bố trí", "phân công", "cử", "đăng ký", "ban hành", "chủ động", "tiếp tục", "khẩn trương", "quán triệt",
         "phổ biến", "cung cấp", "vận động", "tăng cường", "lãnh đạo", "phụ trách", "đưa tin", "phát hành",
         "tập trung", "quan tâm", "nghiên cứu", "giám sát", "lựa chọn", "trang trí", "in ấn", "mời", "dự",
         "tham dự", "tham gia", "biên soạn", "cập nhật", "thông báo", "trình", "là đầu mối", "làm", "đề xuất",
         "sơ kết", "tổng kết", "đánh giá", "học tập", "hoàn thành", "hỗ trợ", "sắp xếp", "thành lập", "lập",
         "phát động", "duy trì", "củng cố", "kiện toàn", "tiếp nhận", "quản lý", "giới thiệu", "đề nghị",
         "niêm yết", "đăng tải", "bổ sung", "nắm", "phản ánh", "động viên", "xử lý", "thẩm định", "tập huấn",
         "giải quyết", "nâng cao", "đẩy mạnh", "tích cực", "thường xuyên", "kịp thời", "thống nhất", "xác định")
_VERB = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, VERBS), key=len, reverse=True)) + r")(?!\w)")
_PART_OF_NAME = re.compile(r"\b(?:ban|Ban|BAN|các|những|mỗi)\s*$")
_NOUN_AFTER = re.compile(r"^tổ chức\s+(?:chính trị|đảng|cơ sở|hội|đoàn|thành viên)", re.IGNORECASE)


def split(text: str) -> tuple[str, str] | None:
    """(unit, predicate) when `text` opens with a unit noun phrase followed by a verb, else None.
    A short lead-in ('Định kỳ 6 tháng, các khu phố báo cáo …') stays with the predicate."""
    text = re.sub(r"^[-+•\s]+", "", text).strip()
    if not UNIT_START.match(text):
        lead = re.match(r"^([^,;:.()]{3,40}),\s+(?=\S)", text)
        if lead and len(lead.group(1).split()) <= 6 and not _VERB.search(lead.group(1)):
            found = _split(text[lead.end():])
            if found:
                return sentence_case(found[0]), f"{lead.group(1)}, {found[1]}"
        return None
    return _split(text)


def _split(text: str) -> tuple[str, str] | None:
    if not UNIT_START.match(text):
        return None
    for match in _VERB.finditer(text):
        if _PART_OF_NAME.search(text[:match.start()]) or _NOUN_AFTER.match(text[match.start():]):
            continue
        unit = text[:match.start()].strip(" ,;:-–")
        if not unit or len(unit.split()) > 16 or re.search(r"[.:;()]", unit):
            return None
        if not UNIT_START.match(unit) or len(unit.split()) < 2 and unit.lower() not in ("hội", "đoàn"):
            return None
        return unit, text[match.start():].strip()
    return None


def label_unit(text: str) -> str | None:
    """'Văn phòng Đảng ủy: Chuẩn bị …' -> 'Văn phòng Đảng ủy'."""
    text = re.sub(r"^[-+•\s]+", "", text).strip()
    match = re.match(r"^([^:.;()]{2,100}?)\s*:\s+\S", text)
    if match and UNIT_START.match(match.group(1)) and len(match.group(1).split()) <= 16:
        return match.group(1).strip()
    return None


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
