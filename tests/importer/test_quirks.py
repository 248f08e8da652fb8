"""Every input quirk of issue 6, one fixture each."""

import datetime as dt

import docx
from docx.enum.text import WD_BREAK  # noqa: F401

from loaphuong import catalogue, frontmatter
from loaphuong.cli import main
from loaphuong.importer import paragraphs, reader
from loaphuong.importer.extract import extract_file, extract_text

PARTY_HEAD = """ĐẢNG BỘ TỈNH TUYÊN QUANG ĐẢNG CỘNG SẢN VIỆT NAM ĐẢNG ỦY PHƯỜNG NÔNG TIẾN
*
Số 59 -KH/ĐUK
Nông Tiến, ngày 03 tháng 02 năm 2025

KẾ HOẠCH
tổ chức hội nghị sơ kết
"""
ENDING = """
Nơi nhận:
- Như trên,
- Lưu VP.

T/M BAN THƯỜNG VỤ
BÍ THƯ

Trần Văn Bình
"""


def _import(plans_dir, path, *extra):
    return main(["import", str(path), "-o", str(plans_dir), *extra])


def _only_plan(plans_dir):
    files = [p for p in plans_dir.glob("*.md")]
    assert len(files) == 1, files
    return files[0], frontmatter.parse(files[0].read_text(encoding="utf-8"))


def test_flattened_party_header_and_stray_spaces_in_number():
    f = extract_text(PARTY_HEAD + "\nThực hiện chỉ đạo của cấp trên.\n\nI. MỤC ĐÍCH\n\nNội dung.\n" + ENDING).fields
    assert f["so_hieu"] == "59-KH/ĐUK"
    assert f["co_quan_cap_tren"] == "Đảng bộ tỉnh Tuyên Quang"
    assert f["co_quan_ban_hanh"] == "Đảng ủy phường Nông Tiến"
    assert f["dia_danh"] == "Nông Tiến" and f["ngay_ban_hanh"] == dt.date(2025, 2, 3)
    assert f["trich_yeu"] == "tổ chức hội nghị sơ kết"
    assert (f["tham_quyen"], f["chuc_vu"], f["nguoi_ky"]) == ("T/M Ban Thường vụ", "BÍ THƯ", "Trần Văn Bình")
    assert f["noi_nhan"] == ["Như trên", "Lưu VP"]


def test_state_header_columns_interleaved():
    text = """ỦY BAN NHÂN DÂN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ MỸ THỚI
Độc lập - Tự do - Hạnh phúc
Số: 05/KH-UBND
Mỹ Thới, ngày 15 tháng 3 năm 2025
KẾ HOẠCH
Tổ chức Ngày hội
Đại đoàn kết toàn dân tộc
Căn cứ Kế hoạch số 20/KH-UBND ngày 01/3/2025 của UBND huyện về tổ chức Ngày hội;
I. MỤC ĐÍCH
Nội dung.
"""
    f = extract_text(text).fields
    assert f["so_hieu"] == "05/KH-UBND"
    assert f["dia_danh"] == "Mỹ Thới" and f["ngay_ban_hanh"] == dt.date(2025, 3, 15)
    assert f["trich_yeu"] == "Tổ chức Ngày hội Đại đoàn kết toàn dân tộc"
    assert f["can_cu"][0]["so_hieu"] == "20/KH-UBND" and f["can_cu"][0]["co_quan"] == "UBND huyện"


def test_docx_with_header_table_numbering_and_superscript(tmp_path, plans_dir):
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "HUYỆN ỦY BẢO LÂM"
    table.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM"
    table.cell(1, 0).text = "Số 120-KH/HU"
    table.cell(1, 1).text = "Bảo Lâm, ngày 05 tháng 4 năm 2024"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("tuyên truyền kỷ niệm ngày thành lập huyện")
    p = document.add_paragraph("Thực hiện Kế hoạch số 107-KH/TU, ngày 28/02/2024 của Ban Thường vụ Tỉnh ủy")
    sup = p.add_run("1")
    sup.font.superscript = True
    p.add_run(", Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("Nội dung mục đích.")
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Lưu VPHU.")
    document.add_paragraph("T/M BAN THƯỜNG VỤ")
    document.add_paragraph("PHÓ BÍ THƯ")
    document.add_paragraph("Nguyễn Văn Cường")
    path = tmp_path / "ke-hoach.docx"
    document.save(path)
    assert _import(plans_dir, path, "--chuyen-muc", "tuyen-truyen") == 0
    target, doc = _only_plan(plans_dir)
    assert target.name == "2024-120-kh-hu.md"
    d = doc.data
    assert d["so_hieu"] == "120-KH/HU" and d["co_quan_ban_hanh"] == "Huyện ủy Bảo Lâm"
    assert d["ngay_ban_hanh"] == dt.date(2024, 4, 5) and d["dia_danh"] == "Bảo Lâm"
    assert d["can_cu"][0]["so_hieu"] == "107-KH/TU"
    assert "[^1]" not in doc.body and "<sup>1</sup>" in doc.body  # a reference without its note stays visible
    assert "## I. MỤC ĐÍCH, YÊU CẦU" in doc.body
    assert not catalogue.load(plans_dir).problems.errors


def test_blank_line_after_every_line_is_rejoined():
    lines = ["- Tuyên truyền và phổ biến rộng rãi, làm cho cán bộ, đảng viên và các tầng",
             "lớp nhân dân nhận thức sâu sắc, khơi dậy niềm tự hào, niềm tin son sắt về Đảng",
             "quang vinh, Chủ tịch Hồ Chí Minh vĩ đại, dân tộc Việt Nam anh hùng.",
             "- Khẳng định vai trò, sứ mệnh, sự cống hiến của Đảng đối với sự nghiệp cách",
             "mạng dân tộc; khẳng định đường lối, sự lãnh đạo đúng đắn của Đảng ta trong",
             "Nghị quyết Đại hội XIII của Đảng, xây dựng và bảo vệ Tổ quốc Việt Nam.",
             "II. NỘI DUNG", "1. Nội dung thứ nhất", "Một đoạn ngắn."]
    spaced = []
    for line in lines:
        spaced += [line, ""]
    paras = [p for p in paragraphs.join_lines(spaced) if p]
    assert len(paras) == 5, paras
    assert paras[0].endswith("dân tộc Việt Nam anh hùng.") and "các tầng lớp nhân dân" in paras[0]
    assert "đúng đắn của Đảng ta trong Nghị quyết" in paras[1]


def test_wrapped_heading_and_page_break_split_are_rejoined():
    text = ("I. MỤC ĐÍCH, YÊU CẦU\n\nNội dung.\n\n"
            "1. Tổ chức nghiên cứu, học tập, quán triệt theo Hướng dẫn của Ban Tuyên giáo và\n"
            "Dân vận Thành ủy\n\n"
            "- Tập trung tuyên truyền; gắn tuyên truyền Đề án, Nghị quyết với các\n\n"
            "phong trào thi đua yêu nước tại địa phương.\n\n"
            "2.1 Nội dung tuyên truyền\n\nVăn bản.\n\nII- NỘI DUNG SINH HOẠT CHÍNH TRỊ,\nTƯ TƯỞNG\n\nChữ.\n")
    body = extract_text("KẾ HOẠCH\nabc\n\n" + text).body
    assert "### 1. Tổ chức nghiên cứu, học tập, quán triệt theo Hướng dẫn của Ban Tuyên giáo và Dân vận Thành ủy" in body
    assert "với các phong trào thi đua" in body
    assert "#### 2.1. Nội dung tuyên truyền" in body
    assert "## II. NỘI DUNG SINH HOẠT CHÍNH TRỊ, TƯ TƯỞNG" in body


def test_stray_markup_and_escapes_are_cleaned():
    assert reader.clean_line(r"- Dự kiến trong tháng **5/2026** *(có văn bản triệu tập riêng)*\.") == \
        "- Dự kiến trong tháng 5/2026 (có văn bản triệu tập riêng)."
    assert reader.clean_line(r"Phòng Văn hóa \- Xã hội, 1\. Mục đích __đậm__") == "Phòng Văn hóa - Xã hội, 1. Mục đích đậm"
    assert reader.clean_line("Tên&nbsp;cơ&amp;quan<br>tiếp") == "Tên cơ&quan tiếp"


def test_sup_footnote_becomes_markdown_footnote_and_is_scanned():
    text = ("KẾ HOẠCH\ntổ chức hội nghị\n\nI. NỘI DUNG\n\nQuán triệt Nghị quyết<sup>1</sup> của Đảng.\n\n"
            "[^1]: Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học.\n")
    result = extract_text(text)
    assert "Quán triệt Nghị quyết[^1] của Đảng." in result.body
    assert "[^1]: Nghị quyết số 57-NQ/TW" in result.body
    related = result.fields["van_ban_lien_quan"]
    assert related[0]["so_hieu"] == "57-NQ/TW" and related[0]["co_quan"] == "Bộ Chính trị"


def test_tcvn3_is_refused_in_vietnamese_and_nothing_written(tmp_path, plans_dir, capsys):
    legacy = ("§¶ng bé tØnh L©m §ång\nKÕ ho¹ch\nThùc hiÖn KÕ ho¹ch sè 107-KH/TU cña Ban Th­êng vô TØnh ñy "
              "vÒ tæ chøc ®ît sinh ho¹t chÝnh trÞ, t­ t­ëng; Ban Th­êng vô HuyÖn ñy ban hµnh KÕ ho¹ch.")
    path = tmp_path / "cu.txt"
    path.write_bytes(legacy.encode("cp1252", errors="replace"))
    assert _import(plans_dir, path) != 0
    err = capsys.readouterr().err
    assert "TCVN3" in err and "Unicode" in err and "bảng mã cũ" in err
    assert not list(plans_dir.glob("*.md"))


def test_vni_is_detected():
    legacy = ("Keá hoaïch toå chöùc hoäi nghò quaùn trieät Nghò quyeát cuûa Ñaûng uûy xaõ; "
              "Ban Thöôøng vuï Ñaûng uûy ban haønh keá hoaïch nhö sau: ñoàng chí Bí thö chuû trì.")
    assert reader.detect_legacy(legacy) == "VNI"
    assert reader.detect_legacy("Kế hoạch tổ chức hội nghị quán triệt Nghị quyết của Đảng ủy xã") is None


def test_nfc(tmp_path):
    import unicodedata
    path = tmp_path / "nfd.md"
    path.write_text(unicodedata.normalize("NFD", "KẾ HOẠCH\ntổ chức hội nghị\n\nI. MỤC ĐÍCH\n\nNội dung."),
                    encoding="utf-8")
    result = extract_file(path)
    assert result.fields["trich_yeu"] == unicodedata.normalize("NFC", "tổ chức hội nghị")


def test_never_overwrite_without_force(tmp_path, plans_dir, capsys):
    path = tmp_path / "kh.txt"
    path.write_text(PARTY_HEAD + "\nI. MỤC ĐÍCH\n\nNội dung.\n" + ENDING, encoding="utf-8")
    assert _import(plans_dir, path, "--chuyen-muc", "tuyen-truyen") == 0
    target, _ = _only_plan(plans_dir)
    target.write_text(target.read_text(encoding="utf-8") + "\nSửa tay.\n", encoding="utf-8")
    assert _import(plans_dir, path, "--chuyen-muc", "tuyen-truyen") != 0
    assert "--force" in capsys.readouterr().err
    assert "Sửa tay." in target.read_text(encoding="utf-8")
    assert _import(plans_dir, path, "--chuyen-muc", "tuyen-truyen", "--force") == 0
    assert "Sửa tay." not in target.read_text(encoding="utf-8")


def test_never_guess_missing_date_and_name_fields_for_a_human(tmp_path, plans_dir, capsys):
    path = tmp_path / "khong-ngay.txt"
    path.write_text("KẾ HOẠCH\ntổ chức tuyên truyền\n\nI. NỘI DUNG\n\nTuyên truyền.\n", encoding="utf-8")
    assert _import(plans_dir, path) == 0
    out = capsys.readouterr().out
    assert "ngay_ban_hanh" in out.split("thiếu")[1]
    assert "cần người điền: co_quan_ban_hanh, chuyen_muc" in out
    _, doc = _only_plan(plans_dir)
    assert doc.data["ngay_ban_hanh"] is None and doc.data["so_hieu"] is None
    assert doc.data["ngay_dang"] == dt.date(2026, 11, 24)  # import day, said so in a comment
    errors = catalogue.load(plans_dir).problems.errors
    assert {e.message for e in errors} == {"trường bắt buộc 'co_quan_ban_hanh' đang để trống",
                                           "cần ít nhất một chuyên mục"}


def test_impossible_and_out_of_order_dates_are_kept_and_flagged(tmp_path, plans_dir, capsys):
    text = PARTY_HEAD.replace("ngày 03 tháng 02", "ngày 31 tháng 02") + (
        "\nThực hiện Kế hoạch số 12-KH/TU, ngày 20/3/2025 của Ban Thường vụ Tỉnh ủy về tổ chức hội nghị, "
        "Ban Thường vụ Đảng ủy ban hành Kế hoạch như sau:\n\nI. HỘI NGHỊ\n\n"
        "- Thời gian: 08 giờ, ngày 10/01/2024.\n- Địa điểm: Hội trường.\n" + ENDING)
    path = tmp_path / "ngay-sai.txt"
    path.write_text(text, encoding="utf-8")
    _import(plans_dir, path, "--chuyen-muc", "tuyen-truyen")
    out = capsys.readouterr().out
    assert "cần người điền: ngay_ban_hanh" in out
    target, doc = _only_plan(plans_dir)
    assert doc.data["ngay_ban_hanh"] == "31/02/2025"
    assert "CẦN KIỂM TRA" in target.read_text(encoding="utf-8")
    errors = catalogue.load(plans_dir).problems.errors
    assert any("ngay_ban_hanh" in e.message for e in errors)

    # A valid plan date: căn cứ after it and an event long before it are flagged, never changed.
    path.write_text(text.replace("ngày 31 tháng 02", "ngày 03 tháng 02"), encoding="utf-8")
    _import(plans_dir, path, "--chuyen-muc", "tuyen-truyen", "--force")
    out = capsys.readouterr().out
    assert "can_cu[1].ngay" in out and "su_kien[1].ngay" in out
    _, doc = _only_plan(plans_dir)
    assert doc.data["can_cu"][0]["ngay"] == dt.date(2025, 3, 20)
    assert doc.data["su_kien"][0]["ngay"] == dt.date(2024, 1, 10) and doc.data["su_kien"][0]["gio"] == "08:00"


def test_deadline_forms():
    text = ("KẾ HOẠCH\nabc\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng\n\n"
            "- Trình dự thảo, hoàn thành trước 28/02/2025.\n- Sơ kết trong quý I năm 2026.\n"
            "- Tổng kết, báo cáo trong tháng 5/2026.\n- Thực hiện từ tháng 3/2024.\n")
    found = extract_text(text).fields["thoi_han"]
    assert [(t["han"], t["chiu_trach_nhiem"]) for t in found] == [
        (dt.date(2025, 2, 28), "Văn phòng"), ("2026-Q1", "Văn phòng"), ("2026-05", "Văn phòng")]
    assert found[0]["viec"] == "Trình dự thảo"
