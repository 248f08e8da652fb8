"""Every validation rule, as staff meet it: a message in Vietnamese, at the right file:line, with a hint."""

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from loaphuong import catalogue
from plan_texts import VALID, plan_text

ROOT = Path(__file__).resolve().parent.parent


def load(tmp_path, files: dict[str, str | bytes]):
    plans = tmp_path / "plans"
    plans.mkdir(exist_ok=True)
    (plans / "chuyen-muc.yml").write_text((ROOT / "plans" / "chuyen-muc.yml").read_text(encoding="utf-8"),
                                          encoding="utf-8")
    for name, text in files.items():
        (plans / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return catalogue.load(plans)


def only(cat, code=None, severity=None):
    found = [p for p in cat.problems if (code is None or p.code == code)
             and (severity is None or p.severity == severity)]
    assert found, f"no problem with code={code}: {cat.problems.report()}"
    return found[0]


def test_valid_plan_loads_with_no_problem(tmp_path):
    cat = load(tmp_path, {"a.md": VALID})
    assert len(cat.problems) == 0, cat.problems.report()
    (plan,) = cat.plans
    assert plan.so_hieu == "173-KH/ĐU" and plan.ngay_ban_hanh == dt.date(2025, 2, 3)
    assert plan.ngay_dang == plan.ngay_ban_hanh  # defaults to the issue date
    assert plan.slug == "2025-173-kh-du" and plan.url == "ke-hoach/2025-173-kh-du/"
    assert plan.title == "Kế hoạch số 173-KH/ĐU: Tổ chức học tập, quán triệt Nghị quyết Đại hội XIV của Đảng"
    assert plan.su_kien[0].gio == "14:00" and plan.can_cu[0].so_hieu == "52-CTr/TU"
    assert plan.body.startswith("\nThực hiện") and plan.body_line == 28


@pytest.mark.parametrize("key", ["so_hieu", "trich_yeu", "co_quan_ban_hanh", "ngay_ban_hanh", "chuyen_muc"])
def test_missing_required_key(tmp_path, key):
    cat = load(tmp_path, {"a.md": plan_text(drop=(f"{key}:",))})
    problem = only(cat, "missing")
    assert problem.path == "plans/a.md" and f"thiếu trường bắt buộc '{key}'" in problem.message
    assert cat.plans == []


def test_null_so_hieu_is_allowed_and_slug_comes_from_trich_yeu(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"so_hieu:": "so_hieu: null"})})
    (plan,) = cat.plans
    assert plan.so_hieu is None and plan.identity is None
    assert plan.slug.startswith("2025-to-chuc-hoc-tap-quan-triet-nghi-quyet") and len(plan.slug) <= 80
    assert plan.title.startswith("Kế hoạch: Tổ chức")


def test_null_issue_date_needs_a_publication_date(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"ngay_ban_hanh:": "ngay_ban_hanh: null"})})
    problem = only(cat, "missing")
    assert problem.line == 6 and "ngay_dang" in problem.message
    cat = load(tmp_path, {"a.md": plan_text({"ngay_ban_hanh:": "ngay_ban_hanh: null\nngay_dang: 2026-11-20"})})
    assert cat.plans[0].ngay_dang == dt.date(2026, 11, 20) and cat.plans[0].year == 2026


def test_empty_required_text(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"trich_yeu:": 'trich_yeu: ""'})})
    problem = only(cat, "missing")
    assert problem.line == 3 and "đang để trống" in problem.message


@pytest.mark.parametrize("value, fragment", [("31/02/2025", "không tồn tại"), ("mùng 3 tháng 2", "không phải ngày")])
def test_bad_date_names_line_and_form(tmp_path, value, fragment):
    cat = load(tmp_path, {"a.md": plan_text({"ngay_ban_hanh:": f"ngay_ban_hanh: {value}"})})
    problem = only(cat, "date")
    assert problem.line == 6 and fragment in problem.message and "ngay_ban_hanh" in problem.message
    assert cat.plans == []


def test_unknown_topic_suggests_the_closest(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"  - hoc-tap-quan-triet": "  - hoc-tap-quan-triett"})})
    problem = only(cat, "chuyen-muc")
    assert problem.line == 11 and "'hoc-tap-quan-triett' không có trong plans/chuyen-muc.yml" in problem.message
    assert "hoc-tap-quan-triet" in problem.hint


def test_topic_typed_as_its_name_suggests_its_slug(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"  - hoc-tap-quan-triet": "  - Công tác tuyên truyền"})})
    assert "'tuyen-truyen'" in only(cat, "chuyen-muc").hint


def test_topic_count_limits(tmp_path):
    many = "chuyen_muc: [hoc-tap-quan-triet, tuyen-truyen, xay-dung-dang, nghi-quyet-dai-hoi-xiv]"
    cat = load(tmp_path, {"a.md": plan_text({"chuyen_muc:": many}, drop=("  - hoc-tap",))})
    assert "tối đa 3" in only(cat, "chuyen-muc").message
    cat = load(tmp_path, {"a.md": plan_text({"chuyen_muc:": "chuyen_muc: []"}, drop=("  - hoc-tap",))})
    assert "ít nhất một" in only(cat, "chuyen-muc").message


def test_unknown_key_is_a_warning_with_did_you_mean(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text(add="nguoi_kí: Trần B")})
    problem = only(cat, "unknown-key")
    assert problem.severity == "cảnh báo" and problem.line == 27 and "nguoi_ky" in problem.hint
    assert len(cat.plans) == 1  # a warning never drops a plan


@pytest.mark.parametrize("so_hieu", ["173-KH/ĐU", "59 -KH/ĐUK", "12/KH-UBND", "30/2020/NĐ-CP", "04-ĐA/TU"])
def test_party_and_state_numbers_pass(tmp_path, so_hieu):
    cat = load(tmp_path, {"a.md": plan_text({"so_hieu:": f"so_hieu: {so_hieu}"})})
    assert not [p for p in cat.problems if p.code == "so-hieu"]


def test_odd_number_is_a_warning(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"so_hieu:": "so_hieu: KH 173"})})
    problem = only(cat, "so-hieu")
    assert problem.severity == "cảnh báo" and problem.line == 2 and "173-KH/ĐU" in problem.message


def test_deadline_before_issue_date_is_a_warning(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"    han:": "    han: 2024-03-05"})})
    problem = only(cat, "deadline-before-issue")
    assert problem.severity == "cảnh báo" and problem.line == 24 and "03/02/2025" in problem.message


def test_publication_before_issue_is_a_warning(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text(add="ngay_dang: 2025-01-01")})
    assert only(cat, "date-order").severity == "cảnh báo"


def test_ban_nhap_must_be_true_or_false(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text(add="ban_nhap: có")})
    assert "true hoặc false" in only(cat, "type").message and cat.plans == []


def test_slug_override(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text(add="slug: hoc-tap-nghi-quyet")})
    assert cat.plans[0].slug == "hoc-tap-nghi-quyet"
    cat = load(tmp_path, {"a.md": plan_text(add="slug: Học tập")})
    assert "ví dụ: slug: hoc-tap" in only(cat, "slug").hint


@pytest.mark.parametrize("gio, expected", [('"14:00"', "14:00"), ("14:00", "14:00"), ("14h00", "14:00"),
                                           ('"8h"', "08:00"), ("08 giờ 30", "08:30")])
def test_event_times(tmp_path, gio, expected):
    cat = load(tmp_path, {"a.md": plan_text({"    gio:": f"    gio: {gio}"})})
    assert cat.plans[0].su_kien[0].gio == expected


def test_bad_event_time(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"    gio:": '    gio: "25:00"'})})
    problem = only(cat, "time")
    assert problem.line == 20 and '"14:00"' in problem.hint


def test_partial_event_date(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"    ngay: 2025-02-20": "    ngay: 2025-Q1"})})
    assert cat.plans[0].su_kien[0].ngay.label() == "quý I năm 2025"


def test_event_without_name(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"  - ten:": "  - dia_diem: Hội trường"}, drop=("    dia_diem",))})
    problem = only(cat, "missing")
    assert problem.line == 18 and "sự kiện thứ 1 thiếu 'ten'" in problem.message


def test_list_field_of_wrong_shape(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text(add="don_vi_trach_nhiem: Ban Xây dựng Đảng")})
    assert "danh sách các mục" in only(cat, "type").message


def test_unknown_sub_key_is_a_warning(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"    dia_diem:": "    dia_iem: Hội trường"})})
    problem = only(cat, "unknown-key")
    assert problem.line == 21 and "dia_diem" in problem.hint


def test_incomplete_question(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text(add="hoi_dap:\n  - hoi: Ai ký?")})
    assert "cần cả 'hoi' và 'dap'" in only(cat, "missing").message


def test_scaffolded_empty_entries_are_not_entries(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text(add="van_ban_lien_quan:\n  - loai: null\n    so_hieu: null")})
    assert cat.plans[0].van_ban_lien_quan == [] and not cat.problems.errors


def test_broken_yaml_names_the_line_and_hints(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text({"trich_yeu:": "trich_yeu: Về việc: tổ chức học tập"}),
                          "b.md": plan_text({"so_hieu:": "so_hieu: 174-KH/ĐU"})})
    problem = only(cat, "yaml")
    assert problem.path == "plans/a.md" and problem.line == 3 and "ngoặc kép" in problem.hint
    assert [p.so_hieu for p in cat.plans] == ["174-KH/ĐU"]  # the other plan is unaffected


def test_duplicate_yaml_key(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text(add="so_hieu: 175-KH/ĐU")})
    problem = only(cat, "yaml")
    assert problem.line == 27 and "dòng 2 và dòng 27" in problem.message


def test_missing_front_matter(tmp_path):
    cat = load(tmp_path, {"a.md": "# Kế hoạch\n\nNội dung"})
    assert only(cat, "yaml").line == 1 and "front-matter" in only(cat, "yaml").message


def test_nfd_bom_and_crlf_are_tolerated(tmp_path):
    text = "\ufeff" + unicodedata.normalize("NFD", VALID).replace("\n", "\r\n")
    cat = load(tmp_path, {"a.md": text})
    assert not cat.problems.errors, cat.problems.report()
    plan = cat.plans[0]
    assert plan.co_quan_ban_hanh == "Đảng ủy phường Mỹ Thới"
    assert unicodedata.is_normalized("NFC", plan.trich_yeu + plan.body) and "\r" not in plan.body
    assert plan.slug == "2025-173-kh-du"


def test_legacy_encoding_is_reported(tmp_path):
    cat = load(tmp_path, {"a.md": VALID.encode("utf-8").replace("Mỹ".encode(), b"M\xfe")})
    problem = only(cat, "encoding")
    assert "UTF-8" in problem.message and problem.line == 4


def test_duplicate_identity_names_both_files(tmp_path):
    cat = load(tmp_path, {"a.md": VALID, "b.md": plan_text(add="slug: ban-khac")})
    messages = [str(p) for p in cat.problems if p.code == "duplicate"]
    assert any("plans/b.md" in m and "trùng số hiệu" in m and "plans/a.md" in m.split(":", 2)[2] for m in messages)
    assert any(m.startswith("plans/a.md") and "plans/b.md" in m for m in messages)
    assert cat.plans == []


def test_same_number_in_another_term_is_not_a_duplicate(tmp_path):
    cat = load(tmp_path, {"a.md": plan_text(add="nhiem_ky: 2020-2025"),
                          "b.md": plan_text(add="nhiem_ky: 2025-2030\nslug: ban-khac")})
    assert not cat.problems.errors and len(cat.plans) == 2


def test_duplicate_slug(tmp_path):
    cat = load(tmp_path, {"a.md": VALID, "b.md": plan_text({"so_hieu:": "so_hieu: 174-KH/ĐU"},
                                                           add="slug: 2025-173-kh-du")})
    assert "trùng địa chỉ (slug) '2025-173-kh-du'" in only(cat, "duplicate").message


def test_drafts_and_future_plans_are_not_published(tmp_path):
    cat = load(tmp_path, {"a.md": VALID,
                          "b.md": plan_text({"so_hieu:": "so_hieu: 174-KH/ĐU"}, add="ban_nhap: true"),
                          "c.md": plan_text({"so_hieu:": "so_hieu: 175-KH/ĐU"}, add="ngay_dang: 2099-01-01")})
    assert not cat.problems.errors
    assert [p.so_hieu for p in cat.published(dt.date(2026, 11, 24))] == ["173-KH/ĐU"]
    assert len(cat.published(dt.date(2099, 1, 1))) == 2


def test_registry_problems(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "chuyen-muc.yml").write_text("- slug: a\n  ten: A\n- slug: a\n  ten: B\n- slug: b\n  ten: C\n"
                                          "  loai: chuyen-de\n", encoding="utf-8")
    cat = catalogue.load(plans)
    messages = [(p.line, p.message) for p in cat.problems]
    assert (3, "chuyên mục 'a' bị khai báo hai lần") in messages
    assert any(line == 5 and "loại 'chuyen-de'" in m for line, m in messages)
    assert cat.topics.slugs == ["a"]
