"""The three plans bundled in plans/: they load cleanly and keep what a clerk would check on paper."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pytest

from loaphuong import catalogue

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
SEEDS = Path("/work/shared/seeds")  # the extracted source texts, when available

CTR_52 = "2026-ke-hoach-hoc-tap-ctr-52-ctr-tu"
CNXH = "2026-ke-hoach-mo-hinh-cnxh"
TBT = "2024-ke-hoach-sinh-hoat-chinh-tri-bai-viet-tbt"
SOURCES = {CTR_52: "001_e913eb1688a6bb66.txt", CNXH: "002_fe09ffdeaefaf820.txt",
           TBT: "003_78fede42b966a1f6.txt"}

# A sentence near the end of each source: if it is in the body, nothing was cut off.
LAST_SENTENCES = {
    CTR_52: "Tổng hợp, báo cáo kết quả phổ biến, quán triệt với Ban Thường vụ Đảng ủy "
            "(*qua Ban xây dựng Đảng tổng hợp*) trước ngày **05/6/2026**.",
    CNXH: "Trong quá trình thực hiện có khó khăn, vướng mắc, các cơ quan, đơn vị thông tin, báo cáo về "
          "Thường trực Đảng ủy phường (qua Ban Xây dựng Đảng) để chỉ đạo, giải quyết kịp thời.",
    TBT: "nhất là thế hệ trẻ; chú trọng tuyên truyền trên trang thông tin điện tử, "
         "các ứng dụng nền tảng mạng xã hội.",
}


@pytest.fixture(scope="module")
def cat():
    return catalogue.load(PLANS)


@pytest.fixture(scope="module")
def plans(cat):
    return {Path(p.source).stem: p for p in cat.plans}


def test_catalogue_loads_without_errors(cat):
    assert not cat.problems.errors, [str(p) for p in cat.problems.errors]
    assert len(cat.plans) == 3


def test_plans_are_published_and_well_addressed(plans):
    assert set(plans) == set(SOURCES)
    for stem, plan in plans.items():
        assert plan.slug == stem
        assert not plan.ban_nhap
        assert plan.loai_van_ban == "Kế hoạch"
        assert plan.chuc_vu == "Phó Bí thư" and plan.tham_quyen == "T/M Ban Thường vụ"
        assert 1 <= len(plan.chuyen_muc) <= 3
        assert plan.hoi_dap == []


def test_files_are_nfc():
    for stem in SOURCES:
        text = (PLANS / f"{stem}.md").read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), stem


def test_undated_unnumbered_plans_stay_null(plans):
    for stem in (CTR_52, CNXH):
        plan = plans[stem]
        assert plan.so_hieu is None
        assert plan.ngay_ban_hanh is None
        assert plan.dia_danh is None
        assert plan.ngay_dang == dt.date(2026, 11, 20)  # the portal's publication date


def test_plan_001_ctr_52(plans):
    plan = plans[CTR_52]
    assert plan.co_quan_ban_hanh == "Đảng ủy phường Nông Tiến"
    assert plan.co_quan_cap_tren is None  # the text says only "Đảng bộ tỉnh"
    assert plan.nguoi_ky == "Nguyễn Mạnh Hùng"
    assert plan.nhiem_ky == "2025-2030"
    assert "nghi-quyet-dai-hoi-xiv" in plan.chuyen_muc
    [can_cu] = plan.can_cu
    assert (can_cu.so_hieu, can_cu.ngay) == ("52-CTr/TU", dt.date(2026, 4, 17))
    assert [v.so_hieu for v in plan.van_ban_lien_quan] == ["22-QĐ/TU"]
    [hoi_nghi] = plan.su_kien
    assert hoi_nghi.ngay.precision == "month" and hoi_nghi.ngay.start == dt.date(2026, 5, 1)
    assert hoi_nghi.gio is None
    assert hoi_nghi.dia_diem == "Hội trường trụ sở Đảng ủy phường, tổ dân phố Tràng Đà 6, phường Nông Tiến"
    reports = [t for t in plan.thoi_han if t.han.precision == "day"]
    assert reports and all(t.han.start == dt.date(2026, 6, 5) for t in reports)
    assert [d.don_vi for d in plan.don_vi_trach_nhiem] == [
        "Ban xây dựng Đảng", "Ủy ban nhân dân phường", "Văn phòng Đảng ủy",
        "Các chi bộ, đảng bộ cơ sở, chi bộ trực thuộc"]
    assert plan.noi_nhan[-1] == "Lưu Văn phòng Đảng ủy"


def test_plan_002_mo_hinh_cnxh(plans):
    plan = plans[CNXH]
    assert plan.co_quan_ban_hanh == "Đảng ủy phường Bạch Đằng"
    assert plan.co_quan_cap_tren == "Đảng bộ thành phố Hải Phòng"
    assert plan.nguoi_ky == "Cao Thị Thanh Xuân"
    assert plan.trich_yeu.startswith("tổ chức quán triệt")  # first letter as written
    [can_cu] = plan.can_cu
    # Kept as written even though the conference it prepares is in 2026.
    assert (can_cu.so_hieu, can_cu.ngay) == ("20-HD/BTGDVTU", dt.date(2025, 1, 27))
    assert {v.so_hieu for v in plan.van_ban_lien_quan} == {"04- ĐA/TU", "05-NQ/TU"}
    truc_tuyen, phuong = plan.su_kien
    assert truc_tuyen.ngay.precision == "day" and truc_tuyen.ngay.start == dt.date(2026, 2, 11)
    assert truc_tuyen.gio == "14:00"
    assert truc_tuyen.hinh_thuc == "Trực tuyến"
    assert phuong.ngay.precision == "quarter" and phuong.ngay.start == dt.date(2026, 1, 1)
    assert phuong.gio is None
    assert plan.thoi_han == []
    # The page break inside this sentence is mended.
    assert "Gắn tuyên truyền Đề án, Nghị quyết với các phong trào thi đua yêu nước tại địa phương." in plan.body
    assert "Chỉ trì tham mưu" in plan.body  # the source's own spelling is kept


def test_plan_003_sinh_hoat_chinh_tri(plans):
    plan = plans[TBT]
    assert plan.ngay_ban_hanh == dt.date(2024, 3, 1)
    assert plan.ngay_dang == plan.ngay_ban_hanh
    assert plan.dia_danh == "Bảo Lâm"
    assert plan.nguoi_ky == "K/Linh"
    assert plan.co_quan_ban_hanh == "Huyện ủy Bảo Lâm"
    assert plan.co_quan_cap_tren == "Đảng bộ tỉnh Lâm Đồng"
    assert plan.nhiem_ky is None
    [can_cu] = plan.can_cu
    assert (can_cu.so_hieu, can_cu.ngay) == ("107-KH/TU", dt.date(2024, 2, 28))
    [chi_thi] = plan.van_ban_lien_quan
    assert (chi_thi.so_hieu, chi_thi.ngay) == ("20-CT/TW", dt.date(2018, 1, 18))
    assert plan.su_kien == []  # "từ tháng 3/2024" is a start, not a deadline
    # ... but "Định kỳ báo cáo … hàng năm" is a recurring one (issue 15), with no day given
    [yearly] = plan.thoi_han
    assert (yearly.han, yearly.lap_lai.label(), yearly.chiu_trach_nhiem) == (None, "Hằng năm", "Ban Tuyên giáo Huyện ủy")
    assert "tu-hao-duoi-la-co-cua-dang" in plan.chuyen_muc
    # Hard-wrapped lines are joined into paragraphs, typos kept.
    assert "gắn với vai trò to lớn của Chủ tịch Hồ Chí Minh" in plan.body
    assert "các tầng lớp nhân dân nhận thức sâu sắc" in plan.body
    assert "cung cố niềm tin" in plan.body


@pytest.mark.parametrize("stem", sorted(SOURCES))
def test_body_is_complete_and_without_front_matter_parts(plans, stem):
    body = plans[stem].body
    assert body.lstrip().startswith("Thực hiện ")
    assert LAST_SENTENCES[stem] in body
    for moved in ("KẾ HOẠCH", "Nơi nhận", "T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", plans[stem].nguoi_ky):
        assert moved not in body
    assert body.count("**") % 2 == 0


def _words(text: str) -> str:
    return " ".join(re.sub(r"[*#\\]", "", text).split())


@pytest.mark.parametrize("stem", sorted(SOURCES))
def test_body_matches_source_word_for_word(plans, stem):
    source = SEEDS / SOURCES[stem]
    if not source.exists():
        pytest.skip(f"{source} is not available here")
    text = source.read_text(encoding="utf-8")
    original = text[text.index("Thực hiện "):text.index("Nơi nhận:")]
    assert _words(plans[stem].body) == _words(original)
