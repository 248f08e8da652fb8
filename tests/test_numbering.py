"""loaphuong.numbering: the one reading of Vietnamese section numbers, used by the importer and the Q&A outline."""

import pytest

from loaphuong import numbering
from loaphuong.importer import body
from loaphuong.qa.outline import split_number


@pytest.mark.parametrize("text, number, depth", [
    ("I. MỤC ĐÍCH, YÊU CẦU", "I", 1), ("IV- TỔ CHỨC THỰC HIỆN", "IV", 1), ("1. Mục đích", "1", 2),
    ("1.1. Cấp phường", "1.1", 3), ("2.1 Nội dung học tập", "2.1", 3), ("II.1 Hội nghị", "II.1", 2),
    ("a) Đại biểu cấp trên", "a", 4),
])
def test_heading_numbers_and_depths(text, number, depth):
    found = numbering.heading_number(text)
    assert (found.number, found.depth) == (number, depth)
    assert split_number(text)[0] == number


def test_plain_text_lines_as_the_importer_reads_them():
    assert numbering.roman_line("III- TỔ CHỨC THỰC HIỆN") == numbering.Numbered("III", "TỔ CHỨC THỰC HIỆN")
    assert numbering.arabic_line("1.2. Các chi bộ") == numbering.Numbered("1.2", "Các chi bộ")
    assert numbering.arabic_line("3) Văn phòng") == numbering.Numbered("3", "Văn phòng")
    assert numbering.bullet("- Cán bộ, đảng viên") == "Cán bộ, đảng viên"
    assert numbering.sub_bullet("+ Cấp chi bộ") == "Cấp chi bộ"
    assert numbering.heading_number("3 ngày học tập") is None  # text, not section 3
    assert numbering.without_paragraph_number("2. Các chi bộ báo cáo.") == "Các chi bộ báo cáo."


def test_importer_and_outline_agree_on_levels():
    nodes = body.structure(["I. NỘI DUNG", "1. Cấp phường", "1.1. Hội nghị", "- Thời gian: ngày 05/6/2026."])
    headings = [n for n in nodes if n.kind == "heading"]
    assert [(n.number, n.level - 1) for n in headings] == [
        ("I", numbering.depth("I")), ("1", numbering.depth("1")), ("1.1", numbering.depth("1.1"))]
