"""Small plan files for tests, built from one valid example so each test changes one thing."""

from __future__ import annotations

VALID = """\
---
so_hieu: 173-KH/ĐU
trich_yeu: Tổ chức học tập, quán triệt Nghị quyết Đại hội XIV của Đảng
co_quan_ban_hanh: Đảng ủy phường Mỹ Thới
dia_danh: Mỹ Thới
ngay_ban_hanh: 03/02/2025
nguoi_ky: Nguyễn Văn A
chuc_vu: Phó Bí thư
tham_quyen: T/M Ban Thường vụ
chuyen_muc:
  - hoc-tap-quan-triet
can_cu:
  - loai: Chương trình hành động
    so_hieu: 52-CTr/TU
    ngay: 2025-01-17
    co_quan: Ban Chấp hành Đảng bộ tỉnh
su_kien:
  - ten: Hội nghị quán triệt cấp phường
    ngay: 2025-02-20
    gio: "14:00"
    dia_diem: Hội trường Đảng ủy phường
thoi_han:
  - viec: Báo cáo kết quả
    han: 2025-03-05
noi_nhan:
  - Lưu Văn phòng Đảng ủy
---

Thực hiện Chương trình hành động số 52-CTr/TU.

## I. MỤC ĐÍCH, YÊU CẦU

Nội dung mục đích.
"""


def plan_text(replace: dict[str, str] | None = None, *, drop: tuple[str, ...] = (), add: str = "",
              body: str | None = None) -> str:
    """VALID with whole front-matter lines replaced ({'so_hieu:': 'so_hieu: null'}), dropped or added."""
    head, _, rest = VALID.partition("\n---\n\n")
    lines = head.split("\n")
    for prefix, new in (replace or {}).items():
        lines = [new if line.startswith(prefix) else line for line in lines]
    lines = [line for line in lines if not any(line.startswith(p) for p in drop)]
    if add:
        lines.append(add.rstrip("\n"))
    return "\n".join(lines) + "\n---\n\n" + (rest if body is None else body)
