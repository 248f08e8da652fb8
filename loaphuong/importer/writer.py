"""The plan file: YAML front-matter with comments for staff, then the Markdown body.

Written by hand (not yaml.dump) so fields keep the order of `python -m loaphuong new`, every comment sits
next to its field, dates are ISO, and any string YAML could misread is double-quoted.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import yaml

from .extract import Extraction

COMMENTS = {
    "so_hieu": "Số hiệu như trên văn bản; null nếu văn bản không có số.",
    "trich_yeu": "Trích yếu (bắt buộc).",
    "co_quan_ban_hanh": "Cơ quan ban hành (bắt buộc) và cơ quan cấp trên.",
    "dia_danh": "Địa danh và ngày ban hành như trên văn bản; null nếu văn bản không ghi.",
    "ngay_dang": "Ngày đăng lên cổng.",
    "nguoi_ky": "Người ký, chức vụ, thẩm quyền ký.",
    "chuyen_muc": "Một đến ba chuyên mục, slug trong plans/chuyen-muc.yml (bắt buộc).",
    "ban_nhap": "Bản nháp do công cụ nhập tạo: đọc lại, sửa, rồi đổi thành false để đăng.",
    "can_cu": "Văn bản căn cứ (câu \"Thực hiện …\").",
    "van_ban_lien_quan": "Các văn bản khác được nhắc tới trong kế hoạch.",
    "su_kien": "Hội nghị, sự kiện. ngay: ngày đủ, cả tháng \"2026-05\" hoặc cả quý \"2026-Q2\"; den_ngay: ngày cuối khi "
               "kéo dài nhiều ngày; bao_cao_vien: báo cáo viên.",
    "thoi_han": "Thời hạn: việc gì, hạn, ai chịu trách nhiệm. Việc định kỳ: lap_lai (hang-nam, 6-thang, hang-quy, "
                "hang-thang) và ngay_lap (\"15/12\", hoặc ngày trong tháng).",
    "don_vi_trach_nhiem": "Đơn vị trách nhiệm (phần \"TỔ CHỨC THỰC HIỆN\").",
    "noi_nhan": "Nơi nhận.",
}
ORDER = ("so_hieu", "loai_van_ban", "trich_yeu", "co_quan_ban_hanh", "co_quan_cap_tren", "dia_danh",
         "ngay_ban_hanh", "ngay_dang", "nhiem_ky", "nguoi_ky", "chuc_vu", "tham_quyen", "chuyen_muc", "tom_tat",
         "ban_nhap", "slug", "can_cu", "van_ban_lien_quan", "doi_tuong", "su_kien", "thoi_han",
         "don_vi_trach_nhiem", "noi_nhan")


def scalar(value) -> str:
    """A YAML scalar: null, true/false, ISO date, or a string (double-quoted when plain would misread)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _plain_ok(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text:
        return False
    if re.search(r":(\s|$)|\s#|^[-?:,\[\]{}#&*!|>'\"%@`]", text):
        return False
    if re.match(r"^\d", text) and re.match(r"^[\d:.\-/ +Qq]+$", text):
        return False  # numbers, times and dates must stay strings
    try:
        return yaml.safe_load(text) == text
    except yaml.YAMLError:
        return False


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}" for line in text.split("\n")]


def render(result: Extraction) -> str:
    f = result.fields
    out = ["---", "# Nhập tự động từ " + result.source + ". Kiểm tra từng trường với văn bản gốc trước khi đăng."]
    if result.needs_human:
        out.append("# CẦN NGƯỜI ĐIỀN: " + ", ".join(result.needs_human))
    if result.missing:
        out.append("# Văn bản không ghi (để null, không đoán): " + ", ".join(result.missing))
    for key in ORDER:
        if key not in f:
            continue
        value = f[key]
        if key in COMMENTS:
            out += _comment(COMMENTS[key])
        note = result.comments.get(key)
        if note:
            out += _comment(note)
        if key in ("chuyen_muc", "doi_tuong", "noi_nhan") or (isinstance(value, list) and not value):
            if not value:
                out.append(f"{key}: []")
            else:
                out.append(f"{key}:")
                out += [f"  - {scalar(v)}" for v in value]
            continue
        if isinstance(value, list):
            out.append(f"{key}:")
            for index, item in enumerate(value):
                prefix = "  - "
                for sub, sub_value in item.items():
                    note = result.comments.get(f"{key}[{index + 1}].{sub}")
                    if note:
                        out += _comment(note, "    ")
                    if isinstance(sub_value, list):
                        out.append(f"{prefix}{sub}:" + ("" if sub_value else " []"))
                        out += [f"      - {scalar(v)}" for v in sub_value]
                    else:
                        out.append(f"{prefix}{sub}: {scalar(sub_value)}")
                    prefix = "    "
            continue
        out.append(f"{key}: {scalar(value)}")
    out.append("---")
    return "\n".join(out) + "\n\n" + result.body
