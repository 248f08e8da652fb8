"""Plans for search tests and the search benchmark: target plans a reader looks for, and distractors.

Distractors share the targets' vocabulary (the same common words scattered, near-miss số hiệu, the same
family names, places that contain the target's place name), so a query only finds its target first
when matching and ranking are right. Deterministic: plan i is always the same text.
"""

from __future__ import annotations

TOPICS = ("hoc-tap-quan-triet", "tuyen-truyen", "xay-dung-dang", "nghi-quyet-dai-hoi-xiv")
BODIES = ("Đảng ủy phường Mỹ Thới", "Chi bộ Khu phố 3", "Đảng ủy phường Bạch Đằng", "Đảng ủy xã Điện Bàn Tây",
          "Đảng ủy phường Hòa Xuân", "Chi bộ Tổ dân phố Bắc Sơn")
SIGNERS = ("Trần Thị Hoa", "Nguyễn Văn Hòa", "Lê Thị Thu", "Trần Văn Xuân", "Phạm Thanh Thủy", "Lê Văn Thanh")
PLACES = ("Điện Bàn", "Bàn Cờ", "Bắc Sơn", "phường Hòa Khánh Nam", "Ninh Hòa", "khu phố Điện Ngọc")
TOPICS_TEXT = (
    "học tập chuyên đề về tư tưởng yêu nước, đạo đức cách mạng và phong cách làm việc khoa học",
    "tuyên truyền kỷ niệm ngày thành lập Đảng, học tập lý luận chính trị và tư tưởng của Đảng",
    "kiểm tra, giám sát việc thực hiện nghị quyết; người đứng đầu chịu trách nhiệm; đồng chí Hồ Văn Minh báo cáo",
    "xây dựng chi bộ trong sạch, vững mạnh; ký kết giao ước thi đua giữa các khu dân cư",
    "hòa nhập cộng đồng, chăm lo người nghèo; tổ hòa giải khu phố tiếp nhận đơn của người dân",
    "phát động phong trào trồng hoa, cây xanh; sạch đường, đẹp ngõ; đặt tên đường mới",
)


def distractor(i: int) -> str:
    year, month, day = 2020 + i % 6, 1 + i % 12, 1 + i % 28
    near = (1173, 1730, 73, 17, 317)[i % 5]
    cited = ("173-KH/TU", "45-KH/TU", "05-NQ/TW", "318-QĐ/UBND", "20-KH/ĐU")[i % 5]
    topics = "\n".join(f"  - {t}" for t in sorted({TOPICS[i % 4], TOPICS[(i // 4) % 4]}))
    a, b = TOPICS_TEXT[i % 6], TOPICS_TEXT[(i // 6) % 6]
    return f"""---
so_hieu: {near + i * 10}-KH/ĐU
trich_yeu: Tổ chức {a.split(";")[0]} năm {year} (đợt {i})
co_quan_ban_hanh: {BODIES[i % len(BODIES)]}
ngay_ban_hanh: {year}-{month:02d}-{day:02d}
nguoi_ky: {SIGNERS[i % len(SIGNERS)]}
chuc_vu: Phó Bí thư
chuyen_muc:
{topics}
tom_tat: Kế hoạch số {i} tại {PLACES[i % len(PLACES)]}; {b}.
can_cu:
  - loai: Kế hoạch
    so_hieu: {cited}
    co_quan: Ban Thường vụ Tỉnh ủy
---

Thực hiện {cited}, cấp ủy ban hành kế hoạch tại {PLACES[(i + 1) % len(PLACES)]}.

## I. MỤC ĐÍCH, YÊU CẦU

Cán bộ, đảng viên {a}. Họ và tên đảng viên được ghi vào sổ; người dân góp ý, cán bộ ký xác nhận.

## II. NỘI DUNG

1. {b.capitalize()}.
2. Chi bộ ở {PLACES[(i + 2) % len(PLACES)]} học tập và làm theo gương người tốt; văn hóa, thông tin cơ sở.
3. Bản tin khóa {i % 9 + 1} ghi rõ ngày, tên người phụ trách và kết quả.
"""


TARGETS = {
    "2025-173-kh-du.md": """---
so_hieu: 173-KH/ĐU
trich_yeu: tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở các khu dân cư năm 2025
co_quan_ban_hanh: Đảng ủy phường Hoà Khánh
ngay_ban_hanh: 2025-10-02
nguoi_ky: Trần Thị Hoà
chuc_vu: Phó Bí thư Thường trực
chuyen_muc:
  - tuyen-truyen
can_cu:
  - loai: Hướng dẫn
    so_hieu: 12-HD/MTTQ-BTT
    co_quan: Ban Thường trực Ủy ban Mặt trận Tổ quốc thành phố
---

## I. MỤC ĐÍCH, YÊU CẦU

Phát huy vai trò của Uỷ ban Mặt trận Tổ quốc phường Hoà Khánh trong việc tập hợp Nhân dân; củng cố tổ hoà giải ở
cơ sở, kịp thời xử lý hành vi đe doạ an ninh trật tự tại khu dân cư.

## II. NỘI DUNG

Tổ chức Ngày hội tại 12 khu dân cư; mở một khoá bồi dưỡng nghiệp vụ cho trưởng ban công tác Mặt trận.
""",
    "2025-45-kh-du.md": """---
so_hieu: 45-KH/ĐU
trich_yeu: triển khai phong trào thi đua “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau”
co_quan_ban_hanh: Đảng ủy phường Thanh Khê
ngay_ban_hanh: 2025-06-15
nguoi_ky: Lê Văn Thuỷ
chuc_vu: Bí thư
chuyen_muc:
  - xay-dung-dang
can_cu:
  - loai: Chỉ thị
    so_hieu: 05-CT/TW
    co_quan: Bộ Chính trị
van_ban_lien_quan:
  - loai: Kế hoạch
    so_hieu: 318-KH/TU
    co_quan: Ban Thường vụ Thành ủy
---

## I. MỤC ĐÍCH, YÊU CẦU

Thực hiện Nghị quyết Đại hội Đảng bộ phường khóa XIII về giảm nghèo bền vững.

## II. TỔ CHỨC THỰC HIỆN

Các chi bộ gửi báo cáo theo mẫu, ghi rõ họ tên người ký, chức vụ và ngày ký; đóng dấu của chi bộ.
""",
    "2025-hoc-tap-lam-theo.md": """---
so_hieu: 61-KH/ĐU
trich_yeu: "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2025"
co_quan_ban_hanh: Đảng ủy phường Điện Bàn Bắc
ngay_ban_hanh: 2025-03-05
nguoi_ky: Võ Minh Đức
chuc_vu: Bí thư
chuyen_muc:
  - hoc-tap-quan-triet
---

## I. MỤC ĐÍCH, YÊU CẦU

Mỗi cán bộ, đảng viên đăng ký nội dung làm theo; chi bộ đánh giá hằng quý.

## II. NỘI DUNG

Hội nghị chuyên đề tổ chức tại hội trường Đảng ủy phường Điện Bàn Bắc.
""",
}

# Never shown anywhere: a draft and a plan published after the tests' build date (2026-11-24).
HIDDEN = {
    "2026-ban-nhap.md": """---
so_hieu: 999-KH/ĐU
trich_yeu: kế hoạch nháp về Zyxwvut bí mật
co_quan_ban_hanh: Đảng ủy phường Mỹ Thới
ngay_ban_hanh: 2026-01-02
ban_nhap: true
chuyen_muc:
  - tuyen-truyen
---

Nội dung nháp Zyxwvut.
""",
    "2027-tuong-lai.md": """---
so_hieu: 998-KH/ĐU
trich_yeu: kế hoạch tương lai về Qwertyuio sắp đăng
co_quan_ban_hanh: Đảng ủy phường Mỹ Thới
ngay_ban_hanh: 2026-11-20
ngay_dang: 2027-01-05
chuyen_muc:
  - tuyen-truyen
---

Nội dung tương lai Qwertyuio.
""",
}


def corpus(distractors: int) -> dict[str, str]:
    plans = {f"distractor-{i:05d}.md": distractor(i) for i in range(1, distractors + 1)}
    return {**plans, **TARGETS, **HIDDEN}
