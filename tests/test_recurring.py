"""Recurring deadlines (lap_lai / ngay_lap), date ranges (den_ngay, tu_ngay) and bao_cao_vien: validated with
file:line, shown on the plan page, /lich/ and lich.ics (RRULEs a phone calendar expands), asked in the Q&A."""

import datetime as dt
import html
import shutil
from pathlib import Path

import icalendar
import pytest
from dateutil import rrule

from loaphuong import catalogue, recurrence
from loaphuong.scaffold import render as scaffold

from conftest import ROOT, make_project, run_mkdocs_build, screenshot

HOSTILE = "<script>alert(1)</script>"
PLAN = f"""---
so_hieu: 31-KH/ĐU
trich_yeu: Thực hiện chế độ thông tin, báo cáo định kỳ
co_quan_ban_hanh: Đảng ủy phường Hà Tu
ngay_ban_hanh: 2026-01-09
chuyen_muc: [tuyen-truyen]
su_kien:
  - ten: Lớp bồi dưỡng nghiệp vụ
    ngay: 2026-12-20
    den_ngay: 2026-12-22
    gio: "07:30"
    dia_diem: Trường Chính trị tỉnh
    bao_cao_vien: "Lãnh đạo Ủy ban Kiểm tra {HOSTILE}"
thoi_han:
  - viec: "Báo cáo kiểm điểm, xếp loại đảng viên {HOSTILE}"
    lap_lai: hang-nam
    ngay_lap: "15/12"
    chiu_trach_nhiem: Các chi bộ trực thuộc
  - viec: Báo cáo tình hình tư tưởng
    lap_lai: hằng tháng
    ngay_lap: 20
  - viec: Báo cáo kết quả công tác dân vận
    lap_lai: 6-thang
    ngay_lap: "10/6"
  - viec: Báo cáo tình hình kinh tế - xã hội
    lap_lai: hang-quy
    ngay_lap: 15
  - viec: Báo cáo kết quả thực hiện Quy định
    lap_lai: hang-nam
  - viec: Tổ chức học tập ở các chi bộ
    tu_ngay: 2026-12-01
    han: 2026-12-30
---

## I. NỘI DUNG

Hằng năm, trước ngày 15/12, các chi bộ trực thuộc báo cáo kết quả kiểm điểm.
"""


def _plans_dir(tmp_path: Path, text: str) -> Path:
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(ROOT / "plans" / "chuyen-muc.yml", plans / "chuyen-muc.yml")
    (plans / "ke-hoach.md").write_text(text, encoding="utf-8")
    return plans


def test_labels_and_rules():
    assert recurrence.parse("hang-nam", "15/12").label() == "Hằng năm, trước ngày 15/12"
    assert recurrence.parse("Hằng quý", 15).label() == "Hằng quý, trước ngày 15 tháng cuối quý"
    assert recurrence.parse("6 tháng một lần", "10/6").label() == "6 tháng một lần, trước ngày 10/6 và 10/12"
    assert recurrence.parse("hàng tháng", 20).label() == "Hằng tháng, trước ngày 20"
    assert recurrence.parse("hang-quy").label() == "Hằng quý"
    assert recurrence.parse("hang-thang", 31).next_dates(dt.date(2027, 1, 15)) == [
        dt.date(2027, 1, 31), dt.date(2027, 2, 28), dt.date(2027, 3, 31)]


@pytest.mark.parametrize("fields, message", [
    ("    lap_lai: hang-tuan\n", "chu kỳ 'hang-tuan' không rõ"),
    ("    lap_lai: hang-nam\n    ngay_lap: 15\n", "hằng năm cần cả ngày và tháng"),
    ("    lap_lai: hang-quy\n    ngay_lap: 31\n", "không có ngày 31"),
    ("    lap_lai: hang-thang\n    ngay_lap: 3/4\n", "hằng tháng chỉ ghi ngày"),
    ("    ngay_lap: 15/12\n", "có 'ngay_lap' nhưng thiếu 'lap_lai'"),
    ("    lap_lai: hang-nam\n    han: 2026-12-15\n", "không ghi kèm 'han'"),
    ("    tu_ngay: 2026-12-20\n    han: 2026-12-01\n", "'tu_ngay' (20/12/2026) phải trước hạn"),
])
def test_bad_recurrences_and_ranges_are_vietnamese_errors_with_file_and_line(tmp_path, fields, message):
    text = ("---\nso_hieu: 1-KH/ĐU\ntrich_yeu: Thử\nco_quan_ban_hanh: Đảng ủy phường\nngay_ban_hanh: 2026-01-09\n"
            "chuyen_muc: [tuyen-truyen]\nthoi_han:\n  - viec: Báo cáo định kỳ\n" + fields + "---\nNội dung.\n")
    cat = catalogue.load(_plans_dir(tmp_path, text))
    [error] = cat.problems.errors
    assert message in error.message and error.path.endswith("ke-hoach.md")
    assert error.line >= 9  # the line of the entry's field, not the top of the file


def test_event_range_must_end_after_it_starts(tmp_path):
    text = ("---\nso_hieu: 1-KH/ĐU\ntrich_yeu: Thử\nco_quan_ban_hanh: Đảng ủy phường\nngay_ban_hanh: 2026-01-09\n"
            "chuyen_muc: [tuyen-truyen]\nsu_kien:\n  - ten: Lớp học\n    ngay: 2026-05-22\n    den_ngay: 2026-05-20\n"
            "---\nNội dung.\n")
    [error] = catalogue.load(_plans_dir(tmp_path, text)).problems.errors
    assert "'den_ngay' (20/05/2026) phải sau ngày bắt đầu" in error.message and error.line == 10


def test_scaffold_lists_the_new_fields_and_loads_clean(tmp_path):
    text = scaffold(dt.date(2026, 1, 9), "tuyen-truyen")
    cat = catalogue.load(_plans_dir(tmp_path, text))
    assert not cat.problems.errors, [str(e) for e in cat.problems.errors]
    for key in ("bao_cao_vien:", "den_ngay:", "lap_lai:", "ngay_lap:", "tu_ngay:"):
        assert key in text
    assert "hang-nam, 6-thang, hang-quy hoặc hang-thang" in text


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("recurring")
    project = make_project(tmp, {"2026-31-kh-du.md": PLAN}, keep_bundled=False)
    result = run_mkdocs_build(project, tmp / "site", today="2026-11-24")
    assert result.returncode == 0, result.output
    return result


def test_plan_page_shows_rules_and_ranges_escaped(site):
    page = site.page("ke-hoach/2026-31-kh-du/")
    assert "Hằng năm, trước ngày 15/12" in page and "Hằng tháng, trước ngày 20" in page
    assert "6 tháng một lần, trước ngày 10/6 và 10/12" in page and "Hằng quý, trước ngày 15 tháng cuối quý" in page
    assert "từ ngày 20/12/2026 đến ngày 22/12/2026" in page
    assert "Từ ngày 01/12/2026 đến ngày 30/12/2026" in page
    assert "Báo cáo viên: Lãnh đạo Ủy ban Kiểm tra" in page
    assert HOSTILE not in page and html.escape(HOSTILE, quote=False) in page


def test_calendar_page_lists_recurring_deadlines(site):
    page = site.page("lich/")
    section = page[page.index('id="dinh-ky"'):]
    for label in ("Hằng năm, trước ngày 15/12", "Hằng tháng, trước ngày 20", "Hằng năm</strong>"):
        assert label in section
    assert "lần tới: <time datetime=\"2026-12-15\">15/12/2026</time>" in section
    coming = page[page.index('id="sap-toi"'):page.index('id="dinh-ky"')]
    assert "Hằng tháng, trước ngày 20 (lần tới: 20/12/2026)" in coming  # placed on its next occurrence
    assert "từ 20/12/2026 đến 22/12/2026, bắt đầu lúc 07:30" in coming
    assert HOSTILE not in page


def test_ics_has_rrules_a_calendar_expands(site):
    cal = icalendar.Calendar.from_ical((site.site_dir / "lich.ics").read_bytes())
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    recurring = {s: e for s, e in events.items() if "rrule" in e}
    assert len(recurring) == 4  # the rule without a day is on /lich/ only
    expected = {
        "Hằng năm, trước ngày 15/12": [dt.date(2026, 12, 15), dt.date(2027, 12, 15), dt.date(2028, 12, 15)],
        "Hằng tháng, trước ngày 20": [dt.date(2026, 1, 20), dt.date(2026, 2, 20), dt.date(2026, 3, 20)],
        "6 tháng một lần, trước ngày 10/6 và 10/12": [dt.date(2026, 6, 10), dt.date(2026, 12, 10),
                                                     dt.date(2027, 6, 10)],
        "Hằng quý, trước ngày 15 tháng cuối quý": [dt.date(2026, 3, 15), dt.date(2026, 6, 15),
                                                  dt.date(2026, 9, 15)],
    }
    for label, first_three in expected.items():
        [event] = [e for s, e in recurring.items() if label in s]
        start = event.decoded("dtstart")
        rule = rrule.rrulestr(event["rrule"].to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time()))
        assert [d.date() for d in rule[:3]] == first_three
        assert event.decoded("dtend") - start == dt.timedelta(days=1)
    course = next(e for s, e in events.items() if "Lớp bồi dưỡng" in s)
    assert course.decoded("dtstart") == dt.date(2026, 12, 20) and course.decoded("dtend") == dt.date(2026, 12, 23)
    assert "Báo cáo viên" in str(course["description"])
    window = next(e for s, e in events.items() if "Tổ chức học tập" in s)
    assert window.decoded("dtstart") == dt.date(2026, 12, 1) and window.decoded("dtend") == dt.date(2026, 12, 31)


def test_qa_page_asks_about_recurring_deadlines(site):
    page = site.page("hoi-dap/2026-31-kh-du/")
    assert "Bao lâu một lần phải báo cáo tình hình tư tưởng, vào thời điểm nào?" in page
    assert "Hằng tháng, trước ngày 20." in page
    assert "Hằng năm; kế hoạch không nêu ngày cụ thể trong kỳ." in page
    assert HOSTILE not in page


def test_recurring_deadline_on_a_phone(phone, site_url):
    """The bundled plan of seed 003 reports yearly: the plan page and /lich/ say so, readable at 375 px."""

    phone.goto(site_url + "ke-hoach/2024-ke-hoach-sinh-hoat-chinh-tri-bai-viet-tbt/")
    deadlines = phone.locator(".lp-meta__deadlines")
    assert deadlines.is_visible()
    assert "Định kỳ" in deadlines.inner_text() and "Hằng năm" in deadlines.inner_text()
    deadlines.screenshot(path=str(screenshot(phone, "ke-hoach-dinh-ky-phone").with_name("ke-hoach-thoi-han-phone.png")))
    phone.goto(site_url + "lich/")
    section = phone.locator(".lp-calendar__recurring")
    section.scroll_into_view_if_needed()
    assert section.is_visible() and "Hằng năm" in section.inner_text()
    assert "Ban Tuyên giáo Huyện ủy" in section.inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width
    screenshot(phone, "lich-dinh-ky-phone")
