"""`python -m loaphuong new`: a plan file with today's date and every field present and commented."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .text import slugify

TEMPLATE = """\
---
# Số hiệu như trên văn bản, ví dụ 173-KH/ĐU hoặc 12/KH-UBND. Ghi null nếu văn bản không có số.
so_hieu: null
# Loại văn bản (mặc định: Kế hoạch).
loai_van_ban: Kế hoạch
# Trích yếu: nội dung chính của văn bản, sau chữ "KẾ HOẠCH" (bắt buộc).
trich_yeu: "Tổ chức ..."
# Cơ quan ban hành (bắt buộc) và cơ quan cấp trên (dòng trên cùng của tiêu đề, nếu có).
co_quan_ban_hanh: "Đảng ủy phường ..."
co_quan_cap_tren: null
# Địa danh và ngày ban hành như trên văn bản ("..., ngày 03 tháng 02 năm 2025").
# Ngày viết 2025-02-03 hoặc 03/02/2025; ghi null nếu văn bản không ghi ngày (khi đó phải có ngay_dang).
dia_danh: null
ngay_ban_hanh: {today}
# Ngày đăng lên cổng; bỏ trống thì lấy ngày ban hành. Ngày trong tương lai: chưa hiện cho tới ngày đó.
ngay_dang: {today}
# Nhiệm kỳ, ví dụ 2025-2030 (số hiệu văn bản Đảng đánh lại từ đầu mỗi nhiệm kỳ).
nhiem_ky: null
# Người ký, chức vụ, thẩm quyền ký (ví dụ "T/M Ban Thường vụ", "PHÓ BÍ THƯ").
nguoi_ky: null
chuc_vu: null
tham_quyen: null
# Một đến ba chuyên mục, lấy slug trong plans/chuyen-muc.yml (bắt buộc).
chuyen_muc:
  - {first_topic}
# Tóm tắt vài câu, hiện ở danh sách, RSS và khi chia sẻ lên mạng xã hội.
tom_tat: null
# Ảnh đại diện (đường dẫn trong docs/, ví dụ assets/images/anh.jpg); bỏ trống thì tự tạo thẻ ảnh.
anh_dai_dien: null
# true: bản nháp, không đăng. Đổi thành false khi sẵn sàng.
ban_nhap: true
# Địa chỉ trang (chữ không dấu, số, '-'); bỏ trống thì tự tạo từ năm và số hiệu.
slug: null
# Địa chỉ cũ (nếu đã đổi slug sau khi đăng): liên kết cũ vẫn dẫn tới trang này.
slug_cu: []
# Văn bản căn cứ ("Thực hiện ..."): mỗi văn bản một mục.
can_cu:
  - loai: null        # ví dụ: Chương trình hành động
    so_hieu: null     # ví dụ: 52-CTr/TU
    ngay: null        # ví dụ: 2026-04-17
    co_quan: null     # ví dụ: Ban Chấp hành Đảng bộ tỉnh
    trich_yeu: null
# Các văn bản khác được nhắc tới trong kế hoạch.
van_ban_lien_quan: []
# Đối tượng học tập, tuyên truyền.
doi_tuong: []
# Hội nghị, sự kiện. ngay: ngày đủ, hoặc cả tháng "2026-05", hoặc cả quý "2026-Q2"; gio: "14:00" (trong ngoặc kép).
# Kéo dài nhiều ngày ("từ ngày 20/5 đến 22/5/2026"): ngay là ngày đầu, den_ngay là ngày cuối.
su_kien:
  - ten: null
    ngay: null
    den_ngay: null
    gio: null
    dia_diem: null
    hinh_thuc: null   # trực tiếp / trực tuyến
    chu_tri: null
    bao_cao_vien: null
    thanh_phan: null
# Thời hạn: việc gì, hạn (ngày, tháng hoặc quý như trên), ai chịu trách nhiệm; tu_ngay khi văn bản ghi "từ … đến …".
# Việc định kỳ: không ghi han; lap_lai là hang-nam, 6-thang, hang-quy hoặc hang-thang; ngay_lap là "15/12"
# (hằng năm), "10/6" (6 tháng: 10/6 và 10/12), 15 (ngày 15 tháng cuối quý) hoặc 20 (ngày 20 hằng tháng).
thoi_han:
  - viec: null
    han: null
    tu_ngay: null
    chiu_trach_nhiem: null
  - viec: null          # ví dụ: Báo cáo kết quả kiểm điểm, xếp loại đảng viên
    lap_lai: null       # ví dụ: hang-nam
    ngay_lap: null      # ví dụ: "15/12"
    chiu_trach_nhiem: null
# Đơn vị trách nhiệm và nhiệm vụ (phần "TỔ CHỨC THỰC HIỆN").
don_vi_trach_nhiem:
  - don_vi: null
    nhiem_vu: []
# Nơi nhận, mỗi nơi một dòng.
noi_nhan: []
# Câu hỏi - đáp viết tay (đứng đầu trang hỏi đáp, thay câu tự sinh cùng chủ đề).
hoi_dap: []
---

## I. MỤC ĐÍCH, YÊU CẦU

Nội dung kế hoạch viết ở đây, mỗi mục lớn là một tiêu đề "## I. ...", mục nhỏ "### 1. ...".
"""


def render(today: dt.date, first_topic: str = "chuyen-muc-cua-ban") -> str:
    return TEMPLATE.format(today=today.isoformat(), first_topic=first_topic)


def write_new_plan(plans_dir: Path, name: str, today: dt.date, *, force: bool = False) -> Path:
    from .catalogue import REGISTRY_NAME, load_topics
    from .problems import Problems

    topics = load_topics(plans_dir / REGISTRY_NAME, REGISTRY_NAME, Problems())
    target = plans_dir / f"{slugify(name) or 'ke-hoach-moi'}.md"
    if target.exists() and not force:
        raise FileExistsError(f"{target} đã có; chọn tên khác hoặc thêm --force để ghi đè")
    plans_dir.mkdir(parents=True, exist_ok=True)
    target.write_text(render(today, topics.slugs[0] if len(topics) else "chuyen-muc-cua-ban"), encoding="utf-8")
    return target
