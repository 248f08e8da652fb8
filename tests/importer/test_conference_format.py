"""'Kế hoạch tổ chức Hội nghị' and the wordings a clerk meets in unseen plans: the event named by the trích
yếu, label and time forms, unit + verb lines, who owns a deadline, and nothing invented."""

import datetime as dt

import pytest

from loaphuong.cli import main
from loaphuong import frontmatter
from loaphuong.importer.extract import extract_file, extract_text

from .conftest import HERE

HEAD = """ĐẢNG BỘ QUẬN NINH KIỀU
ĐẢNG ỦY PHƯỜNG AN KHÁNH
*
Số 60-KH/ĐU
ĐẢNG CỘNG SẢN VIỆT NAM
An Khánh, ngày 15 tháng 01 năm 2025

KẾ HOẠCH
{title}

Căn cứ Kế hoạch số 45-KH/QU, ngày 05/01/2025 của Ban Thường vụ Quận ủy Ninh Kiều, Đảng ủy phường xây dựng kế hoạch như sau:

I. MỤC ĐÍCH, YÊU CẦU
Cán bộ, đảng viên nắm vững nội dung.

"""
END = """
Nơi nhận:
- Lưu VP.
T/M ĐẢNG ỦY
BÍ THƯ

Trần Văn Bình
"""
TITLE = "tổ chức Hội nghị học tập, quán triệt Kết luận số 123-KL/TW"


def _fields(body: str, title: str = TITLE) -> dict:
    return extract_text(HEAD.format(title=title) + body + END).fields


def test_lead_sample_end_to_end(plans_dir):
    assert main(["import", str(HERE / "fixtures" / "c1_hoi_nghi_sample.txt"), "-o", str(plans_dir),
                 "--chuyen-muc", "tuyen-truyen"]) == 0
    data = frontmatter.parse(next(plans_dir.glob("*.md")).read_text(encoding="utf-8")).data
    [event] = data["su_kien"]
    assert event["ten"].startswith("Hội nghị học tập, quán triệt Kết luận số 123-KL/TW")
    assert (event["ngay"], event["gio"]) == (dt.date(2025, 1, 22), "07:30")
    assert event["dia_diem"] == "Hội trường Ủy ban nhân dân phường"
    assert event["thanh_phan"] == "Đảng viên các chi bộ trực thuộc"
    assert event["hinh_thuc"] == "Trực tiếp kết hợp trực tuyến"
    assert event["chu_tri"] is None
    assert data["thoi_han"] == [{"viec": "Báo cáo kết quả về Đảng ủy", "han": dt.date(2025, 2, 28),
                                 "chiu_trach_nhiem": "Các chi bộ"}]
    assert data["don_vi_trach_nhiem"] == [
        {"don_vi": "Văn phòng Đảng ủy", "nhiem_vu": ["Chuẩn bị hội trường."]},
        {"don_vi": "Các chi bộ", "nhiem_vu": ["Báo cáo kết quả về Đảng ủy trước ngày 28/02/2025."]}]


@pytest.mark.parametrize("written, day, clock", [
    ("01 buổi, khai mạc lúc 07 giờ 30, ngày 22/01/2025 (thứ Tư)", dt.date(2025, 1, 22), "07:30"),
    ("7h30 ngày 22/01/2025", dt.date(2025, 1, 22), "07:30"),
    ("14h00, thứ Tư, ngày 22 tháng 01 năm 2025", dt.date(2025, 1, 22), "14:00"),
    ("08 giờ ngày 22-01-2025", dt.date(2025, 1, 22), "08:00"),
    ("lúc 14 giờ 00 phút, ngày 22/01/2025", dt.date(2025, 1, 22), "14:00"),
    ("Buổi sáng, từ 7 giờ 30 đến 11 giờ, ngày 22/01/2025", dt.date(2025, 1, 22), "07:30"),
    ("01 buổi (sáng), ngày 22/01/2025", dt.date(2025, 1, 22), None),   # no hour written: none invented
])
def test_time_and_date_forms(written, day, clock):
    body = f"II. THỜI GIAN, ĐỊA ĐIỂM\n- Thời gian: {written}.\n- Địa điểm: Hội trường Đảng ủy phường.\n"
    [event] = _fields(body)["su_kien"]
    assert (event["ngay"], event["gio"]) == (day, clock)
    assert event["ten"].startswith("Hội nghị học tập, quán triệt")


def test_label_variants_and_nothing_invented():
    body = """II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN
1. Thời gian: 01 buổi, 07 giờ 30, ngày 22/01/2025.
2. Tại: Hội trường Ủy ban nhân dân phường.
3. Chủ trì hội nghị: Đồng chí Bí thư Đảng ủy phường.
4. Báo cáo viên: Đồng chí Phó Bí thư Thường trực Đảng ủy.
5. Thành phần dự: Cán bộ chủ chốt phường; bí thư các chi bộ.
"""
    [event] = _fields(body)["su_kien"]
    assert event["dia_diem"] == "Hội trường Ủy ban nhân dân phường"
    assert event["chu_tri"] == "Đồng chí Bí thư Đảng ủy phường"
    assert event["thanh_phan"] == "Cán bộ chủ chốt phường; bí thư các chi bộ"
    assert event["hinh_thuc"] is None   # not written


def test_run_in_labels_and_people_listed_under_a_heading():
    body = """II. TỔ CHỨC HỘI NGHỊ
Thời gian: 14h00 ngày 22/01/2025; địa điểm: Nhà Văn hóa khu vực 3; hình thức: trực tuyến kết hợp trực tiếp.
Thành phần:
- Đại biểu cấp trên: Lãnh đạo Quận ủy.
- Toàn thể đảng viên trong Đảng bộ.
"""
    [event] = _fields(body)["su_kien"]
    assert (event["ngay"], event["gio"]) == (dt.date(2025, 1, 22), "14:00")
    assert event["dia_diem"] == "Nhà Văn hóa khu vực 3"
    assert event["hinh_thuc"] == "trực tuyến kết hợp trực tiếp"
    assert event["ten"] == "Hội nghị học tập, quán triệt Kết luận số 123-KL/TW"   # the heading says only 'Hội nghị'
    assert event["thanh_phan"] == "Đại biểu cấp trên: Lãnh đạo Quận ủy; Toàn thể đảng viên trong Đảng bộ"


def test_two_conferences_each_named_by_its_heading():
    f = extract_file(HERE / "fixtures" / "c3_two_conferences.txt").fields
    assert [e["ten"] for e in f["su_kien"]] == ["Hội nghị sơ kết 05 năm thực hiện Chỉ thị số 05-CT/TW",
                                                "Hội nghị báo cáo viên quý II năm 2025"]
    assert [e["ngay"] for e in f["su_kien"]] == [dt.date(2025, 6, 10), dt.date(2025, 6, 12)]


def test_a_campaign_period_is_not_a_conference():
    """A 'Thời gian: từ … đến …' line in a section that names no event makes no sự kiện, even when the
    trích yếu names a conference."""
    body = """II. NỘI DUNG
1. Tuyên truyền trên hệ thống loa truyền thanh
- Thời gian: từ ngày 23/01/2025 đến ngày 28/02/2025.
"""
    assert _fields(body)["su_kien"] == []
    roadshow = "II. NỘI DUNG\n2. Tuyên truyền lưu động\n- Thời gian: ngày 25/01/2025.\n- Địa điểm: các khu phố.\n"
    assert _fields(roadshow)["su_kien"] == []
    assert _fields("III. THỜI GIAN THỰC HIỆN\nThời gian: từ ngày 01/3/2025 đến ngày 30/4/2025.\n",
                   title="tuyên truyền kỷ niệm 50 năm Ngày Giải phóng miền Nam")["su_kien"] == []


def test_unit_verb_lines_split_and_unit_headings_kept():
    body = """III. TỔ CHỨC THỰC HIỆN
1. Văn phòng Đảng ủy chuẩn bị hội trường, tài liệu.
2. Ban Xây dựng Đảng
- Tham mưu nội dung báo cáo đề dẫn.
3. Ủy ban Mặt trận Tổ quốc Việt Nam phường: Tuyên truyền đến đoàn viên, hội viên.
4. Ban Tổ chức Đảng ủy phối hợp với Văn phòng Đảng ủy theo dõi thành phần dự.
5. Các tổ chức chính trị - xã hội phường
- Cử hội viên dự hội nghị.
"""
    units = _fields(body)["don_vi_trach_nhiem"]
    assert [u["don_vi"] for u in units] == [
        "Văn phòng Đảng ủy", "Ban Xây dựng Đảng", "Ủy ban Mặt trận Tổ quốc Việt Nam phường", "Ban Tổ chức Đảng ủy",
        "Các tổ chức chính trị - xã hội phường"]
    assert units[0]["nhiem_vu"] == ["Chuẩn bị hội trường, tài liệu."]
    assert units[3]["nhiem_vu"] == ["Phối hợp với Văn phòng Đảng ủy theo dõi thành phần dự."]


def test_deadline_owner_is_a_unit_or_the_section_unit_or_nobody():
    body = """II. NỘI DUNG
1. Các ngành rà soát tài liệu, hoàn thành trước ngày 10/3/2025.
2. Đảng ủy phường sơ kết việc thực hiện chậm nhất ngày 20/3/2025.
3. Tổng hợp kết quả học tập trong tháng 5/2025.

III. TỔ CHỨC THỰC HIỆN
1. Ban Xây dựng Đảng
- Báo cáo kết quả về Quận ủy trong quý II năm 2025.
- Các chi bộ gửi danh sách đảng viên về Ban Xây dựng Đảng trước ngày 15/3/2025.
- Báo cáo định kỳ 6 tháng về Ban Thường vụ.
"""
    got = [(d["viec"], d["han"] or d.get("lap_lai"), d["chiu_trach_nhiem"]) for d in _fields(body)["thoi_han"]]
    assert got == [
        ("Các ngành rà soát tài liệu", dt.date(2025, 3, 10), None),
        ("Sơ kết việc thực hiện", dt.date(2025, 3, 20), "Đảng ủy phường"),
        ("Tổng hợp kết quả học tập", "2025-05", None),
        ("Báo cáo kết quả về Quận ủy", "2025-Q2", "Ban Xây dựng Đảng"),
        ("Gửi danh sách đảng viên về Ban Xây dựng Đảng", dt.date(2025, 3, 15), "Các chi bộ"),
        ("Báo cáo về Ban Thường vụ", "6-thang", "Ban Xây dựng Đảng"),   # recurring (issue 15)
    ]


def test_state_organ_on_two_lines():
    f = extract_file(HERE / "fixtures" / "c5_sentence_and_chaired.txt").fields
    assert (f["co_quan_ban_hanh"], f["co_quan_cap_tren"]) == ("Ủy ban nhân dân xã Tân Phú", None)
    assert f["so_hieu"] == "58/KH-UBND"


def test_a_date_without_year_takes_the_documents_year_and_is_flagged():
    text = HEAD.format(title=TITLE) + "II. THỜI GIAN, ĐỊA ĐIỂM\n- Thời gian: 7h30, thứ Tư, ngày 22/01.\n" \
        "- Địa điểm: Hội trường Đảng ủy phường.\n" + END
    result = extract_text(text)
    [event] = result.fields["su_kien"]
    assert event["ngay"] == dt.date(2025, 1, 22) and event["gio"] == "07:30"
    assert ("su_kien[1].ngay", "'ngày 22/01' không ghi năm; đã lấy năm của văn bản (2025), cần kiểm tra") \
        in result.review
    assert "CẦN KIỂM TRA" in result.comments["su_kien[1].ngay"]


def test_a_date_without_year_and_no_document_date_stays_as_written():
    text = "KẾ HOẠCH\nTổ chức Hội nghị\n\nII. THỜI GIAN, ĐỊA ĐIỂM\n- Thời gian: 7h30, ngày 22/01.\n" \
        "- Địa điểm: Hội trường Đảng ủy phường.\n" + END
    result = extract_text(text)
    [event] = result.fields["su_kien"]
    assert event["ngay"] == "22/01"
    assert "su_kien[1].ngay" in result.needs_human


def test_lead_in_phrase_stays_with_the_task_and_a_hall_is_not_a_unit():
    body = """III. TỔ CHỨC THỰC HIỆN
1. Định kỳ 6 tháng, các khu phố báo cáo kết quả về Đảng ủy.
2. Văn phòng Đảng ủy
- Chuẩn bị tài liệu, hội trường; gửi giấy mời chậm nhất ngày 05/6/2025.
"""
    f = _fields(body)
    assert f["don_vi_trach_nhiem"][0] == {"don_vi": "Các khu phố",
                                          "nhiem_vu": ["Định kỳ 6 tháng, báo cáo kết quả về Đảng ủy."]}
    assert [(d["han"], d.get("lap_lai"), d["chiu_trach_nhiem"]) for d in f["thoi_han"]] == [
        (dt.date(2025, 6, 5), None, "Văn phòng Đảng ủy"), (None, "6-thang", "Các khu phố")]


def test_hour_goes_with_the_date_of_its_clause():
    body = "II. THỜI GIAN, ĐỊA ĐIỂM\n- Thời gian: vòng sơ khảo trong tháng 5/2025; vòng chung kết lúc 19h30 " \
           "ngày 30/5/2025.\n- Địa điểm: Sân Nhà Văn hóa phường.\n"
    [event] = _fields(body, title="tổ chức Hội thi tìm hiểu pháp luật")["su_kien"]
    assert (event["ngay"], event["gio"]) == (dt.date(2025, 5, 30), "19:30")
