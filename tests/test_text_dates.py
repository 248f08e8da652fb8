import datetime as dt
import unicodedata

import pytest

from loaphuong.dates import DateError, format_vn_date, parse_date, parse_partial_date
from loaphuong.text import clean_text, fold, slugify


def test_fold_handles_d_stroke_and_tones():
    assert fold("Kế hoạch Đảng ủy phường") == "Ke hoach Dang uy phuong"


def test_slugify_is_ascii_and_cut_at_word_boundary():
    slug = slugify("2026 Tổ chức tuyên truyền, quán triệt và học tập Chương trình hành động số 52-CTr/TU ngày 17/4/2026")
    assert slug.isascii() and len(slug) <= 80 and not slug.endswith("-")
    assert slug.startswith("2026-to-chuc-tuyen-truyen-quan-triet")
    assert slugify("173-KH/ĐU") == "173-kh-du"


def test_clean_text_normalises_nfd_bom_and_crlf():
    nfd = unicodedata.normalize("NFD", "\ufeffKế hoạch\r\nĐảng ủy\r")
    assert clean_text(nfd) == "Kế hoạch\nĐảng ủy\n"


@pytest.mark.parametrize("value", ["2025-02-03", "03/02/2025", "3/2/2025", dt.date(2025, 2, 3)])
def test_dates_in_iso_and_vietnamese_forms(value):
    assert parse_date(value) == dt.date(2025, 2, 3)


@pytest.mark.parametrize("value, fragment", [("31/02/2025", "không tồn tại"), ("tháng 2", "không phải ngày")])
def test_bad_dates_are_explained_in_vietnamese(value, fragment):
    with pytest.raises(DateError, match=fragment):
        parse_date(value)


def test_official_date_format_pads_day_and_months_one_and_two():
    assert format_vn_date(dt.date(2025, 2, 3)) == "ngày 03 tháng 02 năm 2025"
    assert format_vn_date(dt.date(2024, 3, 1)) == "ngày 01 tháng 3 năm 2024"
    assert format_vn_date(dt.date(2026, 11, 20)) == "ngày 20 tháng 11 năm 2026"


def test_partial_dates_cover_their_period():
    month = parse_partial_date("2026-05")
    assert (month.start, month.end, month.label()) == (dt.date(2026, 5, 1), dt.date(2026, 5, 31), "tháng 5/2026")
    quarter = parse_partial_date("2026-q1")
    assert (quarter.end, quarter.label()) == (dt.date(2026, 3, 31), "quý I năm 2026")
    day = parse_partial_date("05/06/2026")
    assert not day.is_partial and day.start == dt.date(2026, 6, 5)
    with pytest.raises(DateError):
        parse_partial_date("2026-13")
