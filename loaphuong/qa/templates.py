"""The question sentences: a small set of grammatical templates per question kind.

A question is never made by splicing a clause of the plan into a fixed frame ("Khi nào phải thời gian tổ chức
triển khai?"). Each template has slots for phrases taken from the plan, and each slot says what kind of phrase it
takes: a verb phrase ("gửi danh sách đảng viên về Ban Xây dựng Đảng"), a name (a unit, an event, a section
title) or any phrase, quoted. `ask` fills a template after checking its phrases; `fits` tells whether a question
is one of a kind's templates with well-formed phrases (the test runs it over every generated question).
"""

from __future__ import annotations

import re

from ..importer.subject import VERBS

# kind -> form -> template. {task}: a verb phrase; {name}/{unit}/{event}/{section}/{activity}: a name (noun
# phrase, capitalised where it opens the question); {quoted}: any phrase, shown in quotation marks.
TEMPLATES: dict[str, dict[str, str]] = {
    "ky_ban_hanh": {"fixed": "Kế hoạch do cơ quan nào ban hành, ngày nào và ai ký?"},
    "can_cu": {"fixed": "Kế hoạch này được ban hành để thực hiện văn bản nào?"},
    "muc_dich": {"fixed": "Kế hoạch nhằm mục đích gì?", "both": "Mục đích, yêu cầu của kế hoạch là gì?"},
    "yeu_cau": {"fixed": "Kế hoạch đặt ra những yêu cầu gì?"},
    "muc_tieu": {"section": "{section} của kế hoạch là gì?", "topic": "Kế hoạch nêu những gì về “{quoted}”?"},
    "noi_dung": {"fixed": "Kế hoạch gồm những nội dung gì?", "section": "{section} gồm những gì?",
                 "topic": "Kế hoạch nêu những gì về “{quoted}”?"},
    "doi_tuong": {"fixed": "Đối tượng của kế hoạch là những ai?"},
    "hinh_thuc": {"fixed": "Kế hoạch được thực hiện theo những hình thức nào?",
                  "activity": "Việc {activity} được tiến hành theo những hình thức nào?",
                  "section": "{section} gồm những hình thức nào?",
                  "topic": "Kế hoạch nêu những gì về “{quoted}”?"},
    "tai_lieu": {"section": "{section} gồm những gì?", "topic": "Kế hoạch nêu những gì về “{quoted}”?"},
    "thoi_gian": {"fixed": "Kế hoạch được triển khai trong thời gian nào?"},
    "su_kien": {"event": "{event} diễn ra khi nào, ở đâu, ai chủ trì, ai tham dự và theo hình thức nào?"},
    "nhiem_vu_giai_phap": {"groups": "{section} gồm những nhóm nào?",
                           "group": "Nhóm nhiệm vụ “{quoted}” gồm những việc gì?",
                           "section": "{section} gồm những gì?",
                           "topic": "Kế hoạch nêu những gì về “{quoted}”?"},
    "nhiem_vu": {"unit": "{unit} có nhiệm vụ gì?"},
    "thoi_han": {
        "task": "Hạn chót để {task} là khi nào?",
        "unit_task": "{unit} phải {task} khi nào?",
        "quoted": "Việc “{quoted}” phải hoàn thành khi nào?",
        "unit_quoted": "{unit} phải hoàn thành việc “{quoted}” khi nào?",
        "recurring_task": "Bao lâu một lần phải {task}, vào thời điểm nào?",
        "recurring_quoted": "Việc “{quoted}” được thực hiện định kỳ vào thời điểm nào?",
    },
    "vuong_mac": {"fixed": "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc thì báo cáo về đâu?"},
    "kinh_phi": {"fixed": "Kinh phí thực hiện kế hoạch được bảo đảm thế nào?"},
    "khac": {"topic": "Kế hoạch nêu những gì về “{quoted}”?"},
}

_VERB_START = re.compile(r"^(?:" + "|".join(sorted(map(re.escape, VERBS), key=len, reverse=True)) + r")(?!\w)",
                         re.IGNORECASE)
# Words no object phrase may open with: they are the frame's own words, or a time rather than a thing.
_BAD_OPENING = re.compile(r"^(?:thời gian|thời hạn|hạn(?: chót)?|khi nào|trước|chậm nhất|trong|vào|lúc|là|"
                          r"phải|việc)\b", re.IGNORECASE)
_SLOT = re.compile(r"\{(\w+)\}")


class TemplateError(ValueError):
    """A phrase does not fit its slot: the caller picks another form or asks nothing."""


def is_verb_phrase(text: str) -> bool:
    return bool(_VERB_START.match(text.strip()))


def problem(slot: str, value: str) -> str | None:
    """Why `value` cannot fill `slot`, or None."""
    text = value.strip()
    if not text:
        return "trống"
    if text != " ".join(text.split()):
        return "khoảng trắng thừa"
    if text[-1] in ".;:,?!" or "?" in text:
        return "kết thúc bằng dấu câu"
    if text.count("(") != text.count(")") or text.count("“") != text.count("”") or text.count('"') % 2:
        return "ngoặc không cân"
    if _BAD_OPENING.match(text):
        return f"mở đầu bằng '{text.split()[0]}'"
    if slot == "task":
        if not is_verb_phrase(text):
            return "không mở đầu bằng động từ"
        if ";" in text:
            return "gồm nhiều vế"
    if slot in ("unit", "event", "section", "activity", "name") and len(text.split()) > 40:
        return "quá dài"
    if slot in ("unit", "event", "section") and not text[:1].isupper():
        return "không viết hoa chữ đầu"
    if slot == "section" and sum(c.isupper() for c in text if c.isalpha()) > 0.8 * sum(c.isalpha() for c in text):
        return "viết hoa toàn bộ"
    return None


def ask(kind: str, form: str, **phrases: str) -> str:
    """The question of `kind` in `form` with its phrases; TemplateError when a phrase does not fit."""
    template = TEMPLATES[kind][form]
    for slot in _SLOT.findall(template):
        why = problem(slot, phrases.get(slot, ""))
        if why:
            raise TemplateError(f"{kind}.{form}: {slot} '{phrases.get(slot, '')}' {why}")
    text = template.format(**phrases)
    return text[:1].upper() + text[1:]


def try_ask(kind: str, form: str, **phrases: str) -> str | None:
    """`ask`, or None when a phrase taken from the document (a name staff typed) fits no template: that item is
    not asked rather than asked in broken Vietnamese."""
    try:
        return ask(kind, form, **phrases)
    except TemplateError:
        return None


def _pattern(template: str) -> re.Pattern:
    parts = _SLOT.split(template)
    out = []
    for i, part in enumerate(parts):
        out.append(f"(?P<{part}>.+?)" if i % 2 else re.escape(part))
    return re.compile("^" + "".join(out) + "$", re.IGNORECASE)


def fits(kind: str, question: str) -> str | None:
    """The form `question` was built from when it is one of `kind`'s templates with well-formed phrases."""
    for form, template in TEMPLATES.get(kind, {}).items():
        match = _pattern(template).match(question)
        if not match or not question[:1].isupper():
            continue
        if all(problem(slot, value) is None for slot, value in match.groupdict().items()):
            return form
    return None
