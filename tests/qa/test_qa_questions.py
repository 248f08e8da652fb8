"""Each question kind on small plans: odd headings, no events, no number, no header; never an invented fact."""

import markdown
import pytest

from conftest import ROOT
from facts import inventions, source_text
from loaphuong import frontmatter
from loaphuong.catalogue import load_topics
from loaphuong.problems import Problems
from loaphuong.qa import generate
from loaphuong.qa.generator import kind_of_question
from loaphuong.qa.jsonld import faq_page, script_json
from loaphuong.qa.outline import parse
from loaphuong.qa.pages import md_text
from loaphuong.qa.sentences import deadline_phrase, sentences
from loaphuong.text import toc_slugify
from plan_texts import plan_text

TOPICS = load_topics(ROOT / "plans" / "chuyen-muc.yml", "chuyen-muc.yml", Problems())

NHIEM_VU_GIAI_PHAP = """
Căn cứ Nghị quyết số 05-NQ/TU, ngày 10/3/2025 của Ban Chấp hành Đảng bộ tỉnh, Ban Thường vụ Đảng ủy xây dựng kế hoạch như sau:

## I- MỤC ĐÍCH, YÊU CẦU

- Nâng cao chất lượng sinh hoạt chi bộ.

## II- NHIỆM VỤ, GIẢI PHÁP

### 1. Nâng cao nhận thức

- Quán triệt sâu sắc các chủ trương của Đảng.

### 2. Đổi mới nội dung sinh hoạt

- Sinh hoạt chuyên đề ít nhất một lần mỗi quý.

### 3. Kiểm tra, giám sát

- Cấp ủy kiểm tra định kỳ việc sinh hoạt chi bộ.

## III- KINH PHÍ

Kinh phí thực hiện từ nguồn ngân sách Đảng ủy phường.
"""

ODD = """
Thực hiện Kế hoạch số 107-KH/TU, ngày 28/02/2024 của Ban Thường vụ Tỉnh ủy; Ban Thường vụ Huyện ủy ban hành Kế hoạch như sau:

## I. MỤC ĐÍCH, YÊU CẦU

### 1. Mục đích

Làm cho cán bộ, đảng viên nhận thức sâu sắc. Tạo sự thống nhất.

### 2. Yêu cầu

Tổ chức nghiêm túc, thiết thực.

## III. HÌNH THỨC, ĐỐI TƯỢNG, THỜI GIAN TỔ CHỨC
SINH HOẠT CHÍNH TRỊ, TƯ TƯỞNG

### 1. Hình thức

1.1. Sinh hoạt chi bộ chuyên đề.

1.2. Tổ chức tọa đàm tại TP. Đà Lạt.

### 2. Đối tượng

Cán bộ, đảng viên và Nhân dân.

3\\. Thời gian: Triển khai tổ chức thực hiện từ tháng 3/2024.

## IV. TỔ CHỨC THỰC HIỆN

### 1. Ủy ban nhân dân huyện chỉ đạo

#### 1.1. Phòng Văn hóa và Thông tin

- Xây dựng chuyên mục tuyên truyền.

### 2. Ban Tuyên giáo

- Báo cáo kết quả về Ban Thường vụ Huyện ủy trước ngày 15/4/2024.

### 2. Ban Tuyên giáo

- Hướng dẫn các chi bộ.

3\\. Văn phòng Huyện ủy: Bảo đảm kinh phí và điều kiện tổ chức hội nghị.

Trong quá trình thực hiện, có khó khăn, vướng mắc báo cáo về Thường trực Huyện ủy (qua Ban Tuyên giáo).
"""

EVENTS = """
## II.1 Hội nghị quán triệt cấp phường

- Thời gian: Từ 14h00, ngày 11/02/2026 (thứ Tư).
- Địa điểm: Hội trường Đảng ủy phường.
- Chủ trì: Đồng chí Bí thư Đảng ủy.
- Thành phần: Bí thư các chi bộ.
- Hình thức: Trực tiếp kết hợp trực tuyến.

## II.2 Cấp chi bộ

2.1 Nội dung học tập

- Các nội dung cốt lõi của Nghị quyết.
"""


def plan_of(text: str):
    doc = frontmatter.parse(text)
    problems = Problems()
    from loaphuong.validation import validate
    plan = validate(doc, "plans/thu.md", TOPICS, problems)
    assert plan is not None, problems
    return plan, doc


def qa_of(text: str):
    plan, doc = plan_of(text)
    items = generate(plan).items
    source = source_text(doc.data, doc.body)
    for item in items:  # whatever the plan, nothing stated that the plan does not state
        assert not inventions(item.plain_answer, source), (item.question, inventions(item.plain_answer, source))
    return items


def of_kind(items, kind):
    return [q for q in items if q.kind == kind]


BARE = plan_text({"so_hieu:": "so_hieu: null", "ngay_ban_hanh:": "ngay_ban_hanh: null"},
                 drop=("nguoi_ky", "chuc_vu", "tham_quyen", "can_cu", "    ", "  - loai", "su_kien", "  - ten",
                       "thoi_han", "  - viec", "dia_danh"),
                 add="ngay_dang: 2025-02-03")


def test_nhiem_vu_giai_phap_plan_without_events_or_number_still_gets_good_questions():
    items = qa_of(plan_text({"so_hieu:": "so_hieu: null"}, drop=("su_kien", "  - ten", "    gio", "    dia_diem",
                                                                  "    ngay: 2025-02-20"), body=NHIEM_VU_GIAI_PHAP))
    assert not of_kind(items, "su_kien")
    groups = of_kind(items, "nhiem_vu_giai_phap")
    assert groups[0].points == ["Nâng cao nhận thức", "Đổi mới nội dung sinh hoạt", "Kiểm tra, giám sát"]
    assert groups[0].source.label == "II" and groups[0].source.anchor == "ii-nhiem-vu-giai-phap"
    assert [q.source.label for q in groups[1:]] == ["II.1", "II.2", "II.3"]
    assert "ít nhất một lần mỗi quý" in groups[2].plain_answer
    assert "ngân sách Đảng ủy phường" in of_kind(items, "kinh_phi")[0].plain_answer
    ky = of_kind(items, "ky_ban_hanh")[0].plain_answer
    assert "Văn bản không ghi số hiệu." in ky and "03 tháng 02 năm 2025" in ky


def test_plan_with_no_header_facts_says_so_instead_of_guessing():
    items = qa_of(BARE)
    ky = of_kind(items, "ky_ban_hanh")[0].plain_answer
    assert "Văn bản không ghi số hiệu." in ky
    assert "Văn bản không ghi ngày ban hành." in ky
    assert "Văn bản không ghi người ký." in ky
    # căn cứ from the opening sentence, cut before the issuing clause
    assert of_kind(items, "can_cu")[0].answer == "Thực hiện Chương trình hành động số 52-CTr/TU."
    assert not of_kind(items, "su_kien") and not of_kind(items, "thoi_han")


def test_odd_headings_labels_and_anchors():
    outline = parse(ODD)
    labels = {s.label: s for s in outline.sections}
    assert labels["III"].title == "HÌNH THỨC, ĐỐI TƯỢNG, THỜI GIAN TỔ CHỨC SINH HOẠT CHÍNH TRỊ, TƯ TƯỞNG"
    assert labels["III.1.2"].title == "Tổ chức tọa đàm tại TP. Đà Lạt."  # a numbered paragraph inside 1.
    assert labels["III.3"].title == "Thời gian" and labels["III.3"].anchor is None
    assert labels["III.3"].link_anchor == labels["III"].anchor  # links go to the heading above
    assert labels["IV.1.1"].title == "Phòng Văn hóa và Thông tin"
    assert labels["IV.3"].title == "Văn phòng Huyện ủy"
    # anchors exactly as Python-Markdown's toc renders them, duplicates included
    md = markdown.Markdown(extensions=["attr_list", "toc"], extension_configs={"toc": {"slugify": toc_slugify}})
    md.convert(ODD)
    rendered = []

    def walk(tokens):
        for token in tokens:
            rendered.append(token["id"])
            walk(token["children"])
    walk(md.toc_tokens)
    assert [s.anchor for s in outline.sections if s.anchor] == rendered
    assert "2-ban-tuyen-giao_1" in rendered


def test_odd_plan_questions():
    items = qa_of(plan_text(body=ODD))
    assert of_kind(items, "muc_dich")[0].points == ["Làm cho cán bộ, đảng viên nhận thức sâu sắc. Tạo sự thống nhất."]
    assert of_kind(items, "yeu_cau")[0].source.label == "I.2"
    forms = of_kind(items, "hinh_thuc")
    assert len(forms) == 1 and forms[0].points == ["Sinh hoạt chi bộ chuyên đề.", "Tổ chức tọa đàm tại TP. Đà Lạt."]
    assert of_kind(items, "doi_tuong")[0].points == ["Cán bộ, đảng viên và Nhân dân."]
    assert of_kind(items, "thoi_gian")[0].points == ["Triển khai tổ chức thực hiện từ tháng 3/2024."]
    units = {q.subject: q for q in of_kind(items, "nhiem_vu")}
    assert set(units) >= {"Phòng Văn hóa và Thông tin", "Ban Tuyên giáo", "Văn phòng Huyện ủy"}
    assert units["Văn phòng Huyện ủy"].points == ["Bảo đảm kinh phí và điều kiện tổ chức hội nghị."]
    assert not any("vướng mắc" in p for q in of_kind(items, "nhiem_vu") for p in q.points)
    deadline = next(q for q in of_kind(items, "thoi_han") if q.source.label == "IV.2")
    assert deadline.answer == "Trước ngày 15/4/2024." and deadline.question.startswith("Ban Tuyên giáo phải báo cáo")
    assert "Thường trực Huyện ủy" in of_kind(items, "vuong_mac")[0].answer


def test_events_from_the_body_and_from_front_matter():
    items = qa_of(plan_text(body=EVENTS))
    events = of_kind(items, "su_kien")
    body_event = next(q for q in events if q.source.label == "II.1")
    text = body_event.plain_answer
    for fact in ("14h00, ngày 11/02/2026", "Hội trường Đảng ủy phường", "Đồng chí Bí thư Đảng ủy",
                 "Bí thư các chi bộ", "Trực tiếp kết hợp trực tuyến"):
        assert fact in text
    assert "không nêu" not in text
    # same name, different date: the front-matter event is another event, not merged with II.1
    fm_event = next(q for q in events if q.source.label != "II.1")
    assert "ngày 20 tháng 02 năm 2025" in fm_event.plain_answer and "2026" not in fm_event.plain_answer
    assert "Hội trường Đảng ủy phường" in fm_event.plain_answer
    assert "Kế hoạch không nêu" in fm_event.plain_answer and "người chủ trì" in fm_event.plain_answer
    assert of_kind(items, "noi_dung")[0].source.label == "II.2.1"  # "2.1" without a dot
    deadline = of_kind(items, "thoi_han")[0]
    assert deadline.question == "Hạn chót để báo cáo kết quả là khi nào?"  # a template, issue 15
    assert "ngày 05 tháng 3 năm 2025" in deadline.plain_answer


def test_front_matter_can_cu_doi_tuong_don_vi():
    items = qa_of(plan_text(add="doi_tuong:\n  - Cán bộ, đảng viên\ndon_vi_trach_nhiem:\n  - don_vi: Ban Xây dựng Đảng\n"
                               "    nhiem_vu:\n      - Tham mưu báo cáo kết quả."))
    assert of_kind(items, "can_cu")[0].points == [
        "Chương trình hành động số 52-CTr/TU, ngày 17/01/2025 của Ban Chấp hành Đảng bộ tỉnh."]
    assert of_kind(items, "doi_tuong")[0].points == ["Cán bộ, đảng viên"]
    unit = of_kind(items, "nhiem_vu")[0]
    assert unit.question == "Ban Xây dựng Đảng có nhiệm vụ gì?" and unit.points == ["Tham mưu báo cáo kết quả."]
    ky = of_kind(items, "ky_ban_hanh")[0].plain_answer
    assert "Người ký: Nguyễn Văn A (T/M Ban Thường vụ, Phó Bí thư)." in ky
    assert "Ngày ban hành: Mỹ Thới, ngày 03 tháng 02 năm 2025." in ky


def test_hand_written_questions_come_first_and_replace_their_topic():
    text = plan_text(body=ODD, add="hoi_dap:\n  - hoi: Đợt sinh hoạt nhằm mục đích gì?\n    dap: Để hiểu sâu bài viết.\n"
                                   "  - hoi: Phòng Văn hóa làm gì?\n    dap: Làm chuyên mục.\n    muc: IV.1.1\n"
                                   "  - hoi: Câu lạc đề\n    dap: Đáp.\n    muc: IX.9")
    plan, _ = plan_of(text)
    qa = generate(plan)
    assert [q.question for q in qa.items[:3]] == ["Đợt sinh hoạt nhằm mục đích gì?", "Phòng Văn hóa làm gì?",
                                                  "Câu lạc đề"]
    assert qa.items[1].source.anchor == "1-1-phong-van-hoa-va-thong-tin"
    assert not [q for q in qa.items[3:] if q.kind == "muc_dich"]  # replaced by keyword
    assert of_kind(qa.items, "yeu_cau")  # a different topic stays
    assert not [q for q in qa.items[3:] if q.source.label == "IV.1.1"]  # replaced by section
    assert any("IX.9" in w for w in qa.warnings)


@pytest.mark.parametrize("question,kind", [("Ai ký kế hoạch?", "ky_ban_hanh"), ("Mục đích là gì?", "muc_dich"),
                                           ("Hội nghị tổ chức ở đâu?", "su_kien"), ("Hạn chót báo cáo?", "thoi_han"),
                                           ("Ban A có nhiệm vụ gì?", "nhiem_vu"), ("Thời tiết?", None)])
def test_hand_written_question_kinds(question, kind):
    assert kind_of_question(question) == kind


def test_sentences_keep_abbreviations_dates_and_numbers_whole():
    text = ("Tổ chức tại TP. Hồ Chí Minh và Q. 1. Báo cáo theo Kế hoạch số 52-CTr/TU, ngày 05/6/2026. "
            "Đồng chí Nguyễn V. An chủ trì; Hoàn thành trong tháng 5/2026.")
    assert sentences(text) == ["Tổ chức tại TP. Hồ Chí Minh và Q. 1. Báo cáo theo Kế hoạch số 52-CTr/TU, ngày 05/6/2026.",
                               "Đồng chí Nguyễn V. An chủ trì;", "Hoàn thành trong tháng 5/2026."]
    assert deadline_phrase("Thực hiện Kế hoạch số 52-CTr/TU, ngày 17/4/2026 của Ban") is None
    assert deadline_phrase("Báo cáo về Ban Thường vụ trước ngày 05/6/2026.") == "trước ngày 05/6/2026"


def test_markdown_escaping_and_json_ld_script_safety():
    assert md_text("1. <b>*x*</b> [a](b) & y") == "1\\. &lt;b&gt;\\*x\\*&lt;/b&gt; \\[a\\](b) &amp; y"
    rendered = markdown.markdown(md_text("1. <script>alert(1)</script> *đậm* [a](b)"))
    assert "<script>" not in rendered and "<em>" not in rendered and "<a" not in rendered
    plan, _ = plan_of(plan_text(add='hoi_dap:\n  - hoi: "Hỏi </script><!-- ?"\n    dap: Đáp'))
    data = script_json(faq_page(generate(plan).items, "x"))
    assert "</" not in data and "<!--" not in data
    import json
    assert json.loads(data)["mainEntity"][0]["name"] == "Hỏi </script><!-- ?"


CONFERENCE = """
Căn cứ Kế hoạch số 45-KH/QU, ngày 05/01/2025 của Ban Thường vụ Quận ủy, Đảng ủy phường xây dựng kế hoạch như sau:

## I. MỤC ĐÍCH, YÊU CẦU

Giúp cán bộ, đảng viên nắm vững nội dung Kết luận.

## II. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN

### 1. Thời gian

01 buổi, khai mạc lúc 07 giờ 30, ngày 22/01/2025 (thứ Tư).

### 2. Địa điểm

Hội trường Ủy ban nhân dân phường.

### 3. Thành phần

Đảng viên các chi bộ trực thuộc.
"""


def test_conference_laid_out_as_label_subsections_is_one_event_named_by_the_trich_yeu():
    text = plan_text({"trich_yeu:": "trich_yeu: tổ chức Hội nghị học tập, quán triệt Kết luận số 123-KL/TW"},
                     drop=("su_kien", "  - ten", "    ngay: 2025-02-20", "    gio", "    dia_diem"), body=CONFERENCE)
    (event,) = of_kind(qa_of(text), "su_kien")
    assert event.question.startswith("Hội nghị học tập, quán triệt Kết luận số 123-KL/TW diễn ra khi nào")
    answer = event.plain_answer
    assert "ngày 22/01/2025" in answer and "Hội trường Ủy ban nhân dân phường" in answer
    assert "Đảng viên các chi bộ trực thuộc" in answer and "không nêu" in answer  # no chair, no form: said so
    assert event.source.label == "II"


def test_numbered_paragraph_quoted_in_an_answer_loses_its_paragraph_number():
    body = CONFERENCE + "\n## III. TỔ CHỨC THỰC HIỆN\n\n2\\. Các chi bộ báo cáo kết quả về Đảng ủy trước ngày 28/02/2025.\n"
    text = plan_text({"    han:": "    han: 2025-02-28", "  - viec:": "  - viec: Báo cáo kết quả về Đảng ủy"},
                     drop=("su_kien", "  - ten", "    ngay: 2025-02-20", "    gio", "    dia_diem"), body=body)
    (deadline,) = of_kind(qa_of(text), "thoi_han")
    assert "Các chi bộ báo cáo kết quả về Đảng ủy trước ngày 28/02/2025." in deadline.points
    assert not any(p.startswith("2") for p in deadline.points)
