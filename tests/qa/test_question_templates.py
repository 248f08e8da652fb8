"""Every generated question is one of its kind's grammatical templates with a well-formed object phrase
(issue 15): listed for every bundled plan and every importer fixture, blind-set document and seed, imported."""

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from loaphuong import catalogue
from loaphuong.cli import main
from loaphuong.qa.generator import generate
from loaphuong.qa.questions import deadline_question
from loaphuong.qa.templates import TEMPLATES, TemplateError, ask, fits

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted((ROOT / "tests" / "importer" / "fixtures").glob("*.txt")) \
    + sorted((ROOT / "tests" / "importer" / "blind").glob("*.txt")) + sorted(Path("/work/shared/seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def every_plan(tmp_path_factory):
    bundled = catalogue.load(ROOT / "plans")
    imported = tmp_path_factory.mktemp("imported")
    shutil.copy(ROOT / "plans" / "chuyen-muc.yml", imported / "chuyen-muc.yml")
    for document in DOCUMENTS:  # one directory each: two documents may share a number
        target = imported / document.stem
        target.mkdir()
        shutil.copy(ROOT / "plans" / "chuyen-muc.yml", target / "chuyen-muc.yml")
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["import", str(document), "-o", str(target), "--chuyen-muc", "tuyen-truyen"]) == 0
    plans = list(bundled.plans)
    for folder in sorted(p for p in imported.iterdir() if p.is_dir()):
        loaded = catalogue.load(folder)
        assert not loaded.problems.errors, [str(e) for e in loaded.problems.errors]
        plans += loaded.plans
    assert len(plans) >= len(DOCUMENTS) + 3
    return plans


def test_every_generated_question_fits_a_template(every_plan):
    wrong, count = [], 0
    for plan in every_plan:
        print(f"## {plan.source}")
        seen = set()
        for qa in generate(plan).items:
            print(f"  [{qa.kind}] {qa.question}")
            if qa.handwritten:
                continue
            count += 1
            if fits(qa.kind, qa.question) is None:
                wrong.append(f"{plan.source}: [{qa.kind}] {qa.question}")
            if qa.question in seen:
                wrong.append(f"{plan.source}: asked twice: {qa.question}")
            seen.add(qa.question)
    print(f"{count} generated questions checked")
    assert count > 150
    assert not wrong, "\n".join(wrong)


def test_recurring_deadlines_are_asked_and_answered_with_their_rule(every_plan):
    plan = next(p for p in every_plan if p.so_hieu == "31-KH/ĐU")
    qas = [qa for qa in generate(plan).items if qa.kind == "thoi_han"]
    assert len(qas) == 5
    monthly = next(qa for qa in qas if "tình hình tư tưởng" in qa.question)
    assert monthly.question.startswith("Bao lâu một lần phải báo cáo tình hình tư tưởng")
    assert monthly.points[0] == "Hằng tháng, trước ngày 20."
    assert "Chịu trách nhiệm: Các chi bộ trực thuộc." in monthly.points
    yearly = [qa.points[0] for qa in qas]
    assert "Hằng năm, trước ngày 15/12." in yearly and "Hằng quý, trước ngày 15 tháng cuối quý." in yearly
    assert "6 tháng một lần, trước ngày 10/6 và 10/12." in yearly
    assert "Hằng năm; kế hoạch không nêu ngày cụ thể trong kỳ." in yearly


def test_ranges_and_bao_cao_vien_reach_the_event_answer(every_plan):
    plan = next(p for p in every_plan if p.so_hieu == "214-KH/ĐUK")
    [event] = [qa for qa in generate(plan).items if qa.kind == "su_kien"]
    assert "Thời gian: 07:30, từ ngày 20/05/2026 đến ngày 22/05/2026." in event.points
    assert "Báo cáo viên: Lãnh đạo Ủy ban Kiểm tra Tỉnh ủy và Ủy ban Kiểm tra Đảng ủy Khối." in event.points


@pytest.mark.parametrize("viec, expected", [
    ("Thời gian tổ chức triển khai", "Hạn chót để tổ chức triển khai là khi nào?"),
    ("Hình thức tổ chức hội nghị: cấp cơ sở", "Hạn chót để tổ chức hội nghị cấp cơ sở là khi nào?"),
    ("Sau hội nghị, tổ chức cho đảng viên viết bản đăng ký", "Hạn chót để tổ chức cho đảng viên viết bản đăng ký là khi nào?"),
    ("Danh sách đảng viên", "Việc “danh sách đảng viên” phải hoàn thành khi nào?"),
    ("Xây dựng chương trình họp mặt; mời đại biểu", "Hạn chót để mời đại biểu là khi nào?"),
])
def test_deadline_questions_are_built_from_templates_not_spliced(viec, expected):
    assert deadline_question(viec) == expected
    assert "Khi nào phải thời gian" not in (deadline_question(viec, "Các chi bộ") or "")


def test_a_phrase_that_does_not_fit_is_refused():
    with pytest.raises(TemplateError):
        ask("thoi_han", "task", task="thời gian tổ chức triển khai")
    with pytest.raises(TemplateError):
        ask("nhiem_vu", "unit", unit="")
    assert fits("thoi_han", "Khi nào phải thời gian tổ chức triển khai?") is None
    assert fits("thoi_han", "Hạn chót để thời gian tổ chức triển khai là khi nào?") is None
    assert all(t.endswith("?") for forms in TEMPLATES.values() for t in forms.values())
