"""One function per question kind. Each reads the plan (front-matter first, then the body outline) and
returns QA items, or nothing when the plan does not say.

Rules every function keeps: answers are the plan's own words (front-matter values or the body's sentences,
trimmed), each cites its section; nothing is composed that the plan does not state.
"""

from __future__ import annotations

import re

from .. import numbering
from ..dates import format_short
from ..plan import Plan
from ..text import fold
from .model import QA, Source
from .outline import Block, Outline, Section
from .sentences import dates_in, date_key, deadline_phrase, first_sentences, label_of, sentences
from .templates import TemplateError, ask, is_verb_phrase, try_ask

MAX_POINTS = 10
EVENT_NOUNS = ("hoi nghi", "hoi thao", "toa dam", "le ", "buoi ", "cuoc thi", "hoi thi", "dot sinh hoat",
               "sinh hoat chuyen de", "tap huan", "hop ")
HEADER = Source(title="Phần đầu văn bản")
OPENING = Source(title="Phần mở đầu")


# ---------------------------------------------------------------- helpers

def folded(text: str) -> str:
    return " ".join(fold(text).lower().split())


def source_of(section: Section) -> Source:
    return Source(section.label or None, section.link_anchor, section.title)


def sentence_case(title: str) -> str:
    """'NỘI DUNG TUYÊN TRUYỀN' -> 'Nội dung tuyên truyền'; Roman numerals and 'Đảng' keep their capitals."""
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return title
    words = []
    for i, word in enumerate(title.split()):
        core = word.strip(",.;:()")
        if re.fullmatch(r"[IVXLC]+", core) and len(core) > 1 or core in {"XHCN", "CNXH", "MTTQ", "HĐND", "UBND"}:
            words.append(word)
        elif core.lower() == "đảng":
            words.append(word.capitalize())
        else:
            words.append(word.lower() if i else word.capitalize())
    return " ".join(words)


def lower_first(text: str) -> str:
    """Lower-case the first word unless it starts a name ('Ban Thường vụ …')."""
    words = text.split()
    if len(words) > 1 and words[0][:1].isupper() and not words[1][:1].isupper():
        return words[0][:1].lower() + text[1:]
    return text


def shorten(text: str, max_words: int = 28) -> str:
    words = text.split()
    if len(words) <= max_words:
        return text.rstrip(" .;:,")
    cut = " ".join(words[:max_words])
    head = cut.rsplit(",", 1)[0] if "," in cut[len(cut) // 2:] else cut
    return head.rstrip(" .;:,") + " …"


def is_aside(block: Block) -> bool:
    """'(có … gửi kèm theo)' and similar asides are not content."""
    return block.text.startswith("(") and block.text.endswith(")")


def without_number(text: str) -> str:
    """'2. Các chi bộ báo cáo …' -> 'Các chi bộ báo cáo …': a numbered paragraph quoted as an answer point."""
    return numbering.without_paragraph_number(text)


def point_of(block: Block, count: int = 1) -> str:
    """A list item or paragraph trimmed to its first sentence(s); a labelled item keeps its label."""
    labelled = without_number(block.text).partition(": ")
    if labelled[1] and len(labelled[0].split()) <= 8:
        return f"{labelled[0]}: {first_sentences(labelled[2], count)}"
    return first_sentences(without_number(block.text), count)


def points_of(section: Section, count: int = 1) -> list[str]:
    """A section's content as points: its subsection titles when it has them, else its own blocks."""
    if section.children and not [b for b in section.blocks if not is_aside(b)]:
        return [child.title for child in section.children][:MAX_POINTS]
    return [point_of(b, count) for b in section.blocks if not is_aside(b)][:MAX_POINTS]


def titled(outline: Outline, *prefixes: str, top: bool = False) -> list[Section]:
    """Sections whose folded title starts with one of the prefixes."""
    return [s for s in outline.sections if (not top or s.depth == 1)
            and any(s.folded_title.startswith(p) for p in prefixes)]


def execution_sections(outline: Outline) -> list[Section]:
    """'TỔ CHỨC THỰC HIỆN', 'TRÁCH NHIỆM THỰC HIỆN', 'PHÂN CÔNG NHIỆM VỤ' (top-level)."""
    return [s for s in outline.sections if s.depth <= 2 and any(
        key in s.folded_title for key in ("to chuc thuc hien", "trach nhiem thuc hien", "phan cong",
                                          "trach nhiem cua cac"))]


def inside(section: Section, parents: list[Section]) -> bool:
    return any(section is p or p in section.ancestors() for p in parents)


def labelled_facts(section: Section, *, subsections: bool = False) -> dict[str, tuple[str, str]]:
    """{'thoi_gian': ('Thời gian', 'Từ 14h00, ngày 11/02/2026'), …} from a section's own blocks; with
    `subsections`, also from subsections titled by a label ('1. Thời gian', '2. Địa điểm' …), the way
    conference plans often lay out their one event."""
    facts = {}
    for block in section.blocks:
        found = label_of(block.text)
        if found and found[0] not in facts:
            facts[found[0]] = (found[1], found[2])
    for child in section.children if subsections else ():
        text = " ".join(b.text for b in child.blocks if not is_aside(b)).strip()
        found = label_of(f"{child.title.rstrip(':. ')}: {text}") if text and not child.children else None
        if found and found[0] not in facts:
            facts[found[0]] = (found[1], found[2])
    return facts


def section_question(kind: str, title: str, form: str = "section") -> str:
    """A question about a section by its title; a title listing several things ('Nội dung, hình thức') or one
    that does not read as a name is asked about in quotes."""
    name = sentence_case(title).rstrip(" :.")
    if "," not in name or len(name.split(",")[0].split()) > 2:  # 'Nội dung, hình thức' lists two things
        try:
            return ask(kind, form, section=name)
        except TemplateError:
            pass
    topic_kind = kind if "topic" in _forms(kind) else "khac"
    return ask(topic_kind, "topic", quoted=lower_first(name))


def _forms(kind: str) -> dict:
    from .templates import TEMPLATES
    return TEMPLATES[kind]


_LEAD_IN = re.compile(r"^([^,;:()]{2,30}),\s+(?=\S)")
_LABEL_WORDS = re.compile(r"^(?:hình thức|nội dung|thời gian|thời hạn)\s+", re.IGNORECASE)


def task_phrase(viec: str) -> str:
    """The object phrase of a deadline question from its 'việc' as the plan words it: without asides in
    brackets, the clause the deadline belongs to (the last), no lead-in ('Sau hội nghị, …'), no label."""
    text = re.sub(r"\s*\([^()]*\)", "", viec).strip(" .;,")
    text = text.split(";")[-1].strip(" .;,") or text
    if ":" in text:
        left, _, right = text.partition(":")
        if len(left.split()) <= 8 and right.strip():
            right = right.strip()
            text = f"{_LABEL_WORDS.sub('', left.strip())} {right[:1].lower() + right[1:]}"
    lead = _LEAD_IN.match(text)
    if lead and not is_verb_phrase(lead.group(1)) and len(lead.group(1).split()) <= 5 and \
            is_verb_phrase(text[lead.end():]):
        text = text[lead.end():]
    text = re.sub(r"^định kỳ,?\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"^(?:thời gian|thời hạn|hạn chót|hạn)\s+(?:để\s+|của\s+)?", "", text, flags=re.IGNORECASE)
    text = re.sub(r",\s*qua\s+[^,;]+$", "", text)
    text = " ".join(text.replace("“", "").replace("”", "").split())
    return shorten(lower_first(text[:1].lower() + text[1:] if is_verb_phrase(text) else text), 24)


def deadline_question(viec: str, unit: str | None = None, recurring: bool = False) -> str | None:
    """'Các chi bộ phải gửi danh sách … khi nào?', 'Hạn chót để chuẩn bị tài liệu là khi nào?',
    'Bao lâu một lần phải báo cáo …, vào thời điểm nào?', or the task quoted when it is not a verb phrase."""
    task = task_phrase(viec)
    forms = []
    if recurring:
        forms = [("recurring_task", {"task": task}), ("recurring_quoted", {"quoted": task})]
    else:
        if unit:
            forms += [("unit_task", {"unit": unit, "task": task}), ("unit_quoted", {"unit": unit, "quoted": task})]
        forms += [("task", {"task": task}), ("quoted", {"quoted": task})]
    for form, phrases in forms:
        try:
            return ask("thoi_han", form, **phrases)
        except TemplateError:
            continue
    return None  # nothing of the plan's wording makes a sentence: ask nothing rather than something broken


# ---------------------------------------------------------------- the document itself

def ky_ban_hanh(plan: Plan, outline: Outline) -> list[QA]:
    points = [f"Cơ quan ban hành: {plan.co_quan_ban_hanh}."]
    points.append(f"Số hiệu: {plan.so_hieu}." if plan.so_hieu else "Văn bản không ghi số hiệu.")
    if plan.ngay_ban_hanh:
        place = f"{plan.dia_danh}, " if plan.dia_danh else ""
        points.append(f"Ngày ban hành: {place}{plan.ngay_ban_hanh_text}.")
    else:
        points.append("Văn bản không ghi ngày ban hành.")
    if plan.nguoi_ky:
        role = ", ".join(p for p in (plan.tham_quyen, plan.chuc_vu) if p)
        points.append(f"Người ký: {plan.nguoi_ky}" + (f" ({role})." if role else "."))
    else:
        points.append("Văn bản không ghi người ký.")
    return [QA(ask("ky_ban_hanh", "fixed"), "", "ky_ban_hanh", points, HEADER)]


def can_cu(plan: Plan, outline: Outline) -> list[QA]:
    question = ask("can_cu", "fixed")
    if plan.can_cu:
        points = []
        for vb in plan.can_cu:
            text = vb.title
            if vb.ngay:
                text += f", ngày {format_short(vb.ngay)}"
            if vb.co_quan:
                text += f" của {vb.co_quan}"
            if vb.trich_yeu:
                text += f" {vb.trich_yeu}"
            points.append(text.strip() + ".")
        lead = "Kế hoạch căn cứ văn bản sau:" if len(points) == 1 else "Kế hoạch căn cứ các văn bản sau:"
        return [QA(question, lead, "can_cu", points, OPENING)]
    # The opening: "Thực hiện X (sau đây viết tắt là Y), Ban Thường vụ … ban hành Kế hoạch …"
    for block in outline.preamble:
        if re.match(r"(Thực hiện|Căn cứ|Triển khai|Thi hành|Quán triệt)\b", block.text):
            text = re.sub(r"\s*\(sau đây[^)]*\)", "", block.text)
            text = re.split(r"[,;]\s*(?=(?:Ban Thường vụ|Ban Chấp hành|Thường trực|Đảng ủy|Huyện ủy|Thành ủy|"
                            r"Tỉnh ủy|Quận ủy|Chi bộ|Chi ủy|Ủy ban|Ban chỉ đạo)[^,;]*?"
                            r"(?:ban hành|xây dựng|triển khai|đề ra))", text, maxsplit=1)[0]
            return [QA(question, text.rstrip(" ,;.") + ".", "can_cu", [], OPENING)]
    return []


# ---------------------------------------------------------------- purpose, content, audience, forms

def muc_dich_yeu_cau(plan: Plan, outline: Outline) -> list[QA]:
    items = []
    for section in titled(outline, "muc dich", "yeu cau", top=True):
        parts = {c.folded_title: c for c in section.children}
        muc_dich = next((c for t, c in parts.items() if t.startswith("muc dich")), None)
        yeu_cau = next((c for t, c in parts.items() if t.startswith("yeu cau")), None)
        if muc_dich or yeu_cau:
            for part, kind, question in ((muc_dich, "muc_dich", ask("muc_dich", "fixed")),
                                         (yeu_cau, "yeu_cau", ask("yeu_cau", "fixed"))):
                if part and points_of(part):
                    items.append(QA(question, "", kind, points_of(part), source_of(part)))
        elif points_of(section):
            kind = "yeu_cau" if section.folded_title.startswith("yeu cau") else "muc_dich"
            question = (ask("yeu_cau", "fixed") if kind == "yeu_cau" and "muc dich" not in
                        section.folded_title else ask("muc_dich", "both"))
            items.append(QA(question, "", kind, points_of(section), source_of(section)))
    return items


def muc_tieu(plan: Plan, outline: Outline) -> list[QA]:
    return [QA(section_question("muc_tieu", s.title), "", "muc_tieu", points_of(s), source_of(s))
            for s in titled(outline, "muc tieu", "chi tieu") if points_of(s)]


def noi_dung(plan: Plan, outline: Outline) -> list[QA]:
    items = []
    for section in titled(outline, "noi dung"):
        if inside(section, execution_sections(outline)) or not points_of(section):
            continue
        name = sentence_case(section.title)
        question = ask("noi_dung", "fixed") if folded(name) == "noi dung" else section_question("noi_dung", name)
        items.append(QA(question, "", "noi_dung", points_of(section, 1), source_of(section)))
    return items


def doi_tuong(plan: Plan, outline: Outline) -> list[QA]:
    points, source = list(plan.doi_tuong), HEADER if plan.doi_tuong else None
    seen = {folded(p).rstrip(" .;") for p in points}

    def add(text: str, section: Section, context: str = "") -> None:
        nonlocal source
        value = folded(text).rstrip(" .;")
        if value and not any(value in s or s in value for s in seen):
            seen.add(value)
            points.append(f"{context}: {text}" if context else text)
            source = source or source_of(section)

    for section in titled(outline, "doi tuong"):
        for block in section.blocks:
            if not label_of(block.text) or label_of(block.text)[0] == "doi_tuong":
                add(point_of(block), section)
    for section in outline.sections:
        fact = labelled_facts(section).get("doi_tuong")
        if fact:
            add(fact[1], section, section.title)
    if not points:
        return []
    return [QA(ask("doi_tuong", "fixed"), "", "doi_tuong", points[:MAX_POINTS], source)]


def hinh_thuc(plan: Plan, outline: Outline) -> list[QA]:
    items = []
    for section in titled(outline, "hinh thuc"):
        if inside(section, execution_sections(outline)) or any(
                c.folded_title.startswith(("hinh thuc", "doi tuong", "thoi gian")) for c in section.children):
            continue  # "HÌNH THỨC, ĐỐI TƯỢNG, THỜI GIAN" only groups its subsections
        if section.children and not section.blocks:
            points = []
            for child in section.children:
                facts = labelled_facts(child)
                blocks = [b for b in child.blocks if not label_of(b.text) and not is_aside(b)]
                form = facts.get("hinh_thuc", (None, None))[1] or next(
                    (first_sentences(b.text) for b in blocks if "hinh thuc" in folded(b.text)), None)
                points.append(f"{child.title}: {form}" if form else child.title)
        else:
            points = points_of(section)
        if points:
            name = sentence_case(section.title).rstrip(" :.")
            activity = name[len("Hình thức"):].strip() if folded(name).startswith("hinh thuc ") else ""
            if len(name.split()) > 8 or folded(name) == "hinh thuc" or "," in name:
                question = ask("hinh_thuc", "fixed")
            elif activity:
                question = ask("hinh_thuc", "activity", activity=activity)
            else:
                question = section_question("hinh_thuc", name)
            items.append(QA(question, "", "hinh_thuc", points, source_of(section)))
    return items


def tai_lieu(plan: Plan, outline: Outline) -> list[QA]:
    return [QA(section_question("tai_lieu", s.title), "", "tai_lieu", points_of(s), source_of(s))
            for s in titled(outline, "tai lieu") if points_of(s)]


def thoi_gian(plan: Plan, outline: Outline) -> list[QA]:
    """When the plan as a whole runs: a 'Thời gian' section or a labelled line outside any event."""
    points, source = [], None
    events = [s for s, _ in event_sections(outline)]
    for section in outline.sections:
        if inside(section, events) or inside(section, execution_sections(outline)):
            continue
        if section.folded_title.startswith("thoi gian"):
            texts = [point_of(b) for b in section.blocks if not is_aside(b)]
        else:
            fact = labelled_facts(section).get("thoi_gian")
            texts = [f"{section.title}: {fact[1]}" if section.title else fact[1]] if fact else []
        for text in texts:
            points.append(text)
            source = source or source_of(section)
    if not points:
        return []
    return [QA(ask("thoi_gian", "fixed"), "", "thoi_gian", points, source)]


# ---------------------------------------------------------------- events

def event_sections(outline: Outline) -> list[tuple[Section, dict]]:
    """Sections describing one event: a time plus a place, attendees, chair, speaker or form."""
    found = []
    execution = execution_sections(outline)
    for section in outline.sections:
        if inside(section, execution):
            continue
        facts = labelled_facts(section, subsections=True)
        if "thoi_gian" not in facts:
            timed = next((b.text for b in section.blocks if dates_in(b.text) and re.match(
                r"(Dự kiến|Vào|Từ|Trong|Thời gian|Tổ chức)\b", b.text)), None)
            if timed:
                facts["thoi_gian"] = ("Thời gian", timed)
        others = {"dia_diem", "thanh_phan", "chu_tri", "bao_cao_vien", "hinh_thuc"} & set(facts)
        named = any(noun in folded(section.title) + " " for noun in EVENT_NOUNS)
        if "thoi_gian" in facts and (others or named):
            found.append((section, facts))
    return found


def event_name(section: Section) -> str:
    """'Hội nghị nghiên cứu … do Ban Thường vụ tổ chức'; 'Cấp phường' under 'HÌNH THỨC TỔ CHỨC HỘI NGHỊ'
    becomes 'Hội nghị cấp phường' (the words are the plan's own)."""
    title = section.title
    folded_title = folded(title) + " "
    for noun in EVENT_NOUNS:
        at = folded_title.find(noun)
        if at != -1:
            return title[at:] if at and len(title[:at].split()) <= 3 else title
    for parent in section.ancestors():
        for noun in EVENT_NOUNS:
            at = (folded(parent.title) + " ").find(noun)
            if at != -1:
                return f"{sentence_case(parent.title[at:at + len(noun)].strip()).capitalize()} {lower_first(title)}"
    if all(label_of(f"{part}: x") for part in re.split(r",|\bvà\b", title) if part.strip()):
        return ""  # 'THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN' names no event: the caller finds a better name
    return title


def event_of_plan(plan: Plan) -> str:
    """'Hội nghị học tập, quán triệt …' from a trích yếu such as 'tổ chức Hội nghị học tập, quán triệt …'."""
    text = plan.trich_yeu
    folded_text = folded(text) + " "
    at = min((i for i in (folded_text.find(noun) for noun in EVENT_NOUNS) if i != -1), default=-1)
    return sentence_case(text[at:]).strip() if at != -1 else ""


FACT_LABELS = (("thoi_gian", "Thời gian"), ("dia_diem", "Địa điểm"), ("hinh_thuc", "Hình thức"),
               ("chu_tri", "Chủ trì"), ("bao_cao_vien", "Báo cáo viên"), ("thanh_phan", "Thành phần"))
MISSING = {"thoi_gian": "thời gian", "dia_diem": "địa điểm", "hinh_thuc": "hình thức (trực tiếp hay trực tuyến)",
           "chu_tri": "người chủ trì", "thanh_phan": "thành phần tham dự"}


def su_kien(plan: Plan, outline: Outline) -> list[QA]:
    body_events = event_sections(outline)
    items, used = [], set()
    for event in plan.su_kien:
        facts: dict[str, str] = {}
        when = ", ".join(p for p in (event.gio, event.when_label()) if p)
        for key, value in (("thoi_gian", when), ("dia_diem", event.dia_diem), ("hinh_thuc", event.hinh_thuc),
                           ("chu_tri", event.chu_tri), ("bao_cao_vien", event.bao_cao_vien),
                           ("thanh_phan", event.thanh_phan)):
            if value:
                facts[key] = value
        match = _matching_event(event, body_events, used, len(plan.su_kien) == 1)
        source = HEADER
        if match:
            used.add(id(match[0]))
            source = source_of(match[0])
            for key, (_, value) in match[1].items():
                facts.setdefault(key, value)
        qa = _event_qa(event.ten, facts, source)
        if qa:
            items.append(qa)
    for section, facts in body_events:
        if id(section) not in used:
            name = event_name(section) or event_of_plan(plan) or f"Sự kiện nêu ở {source_of(section).text}"
            qa = _event_qa(name, {k: v for k, (_, v) in facts.items()}, source_of(section))
            if qa is None:
                continue
            if any(folded(qa.question) == folded(other.question) for other in items):
                if not dates_in(facts.get("thoi_gian", ("", ""))[1]):
                    continue  # the same event again, without a date of its own
                # same name, another date: another event, told apart by where the plan gives it
                qa = _event_qa(f"{name} nêu ở {source_of(section).text}", {k: v for k, (_, v) in facts.items()},
                               source_of(section))
            if qa:
                items.append(qa)
    return items


def _matching_event(event, body_events, used, only_one: bool = False):
    words = set(folded(event.ten).split())
    for section, facts in body_events:
        if id(section) in used:
            continue
        when = dates_in(facts.get("thoi_gian", ("", ""))[1])
        keys = {date_key(event.ngay)} if event.ngay else set()
        if event.den_ngay:
            keys.add((event.den_ngay.year, event.den_ngay.month, event.den_ngay.day))
        if keys & when:
            return section, facts
        if only_one and not when and not event_name(section):
            return section, facts  # the plan's one event, laid out in a 'THỜI GIAN, ĐỊA ĐIỂM' section
        if event.ngay and when:
            continue  # two different dates: two events, whatever their names
        name = set(folded(event_name(section)).split())
        if words and len(words & name) >= 0.6 * len(words):
            return section, facts
    return None


def _event_qa(name: str, facts: dict[str, str], source: Source) -> QA | None:
    points = [f"{label}: {facts[key].rstrip('.')}." for key, label in FACT_LABELS if facts.get(key)]
    missing = [text for key, text in MISSING.items() if not facts.get(key)
               and not (key == "chu_tri" and facts.get("bao_cao_vien"))]
    if missing:
        points.append("Kế hoạch không nêu " + ", ".join(missing) + ".")
    name = name.rstrip(":. ")
    question = try_ask("su_kien", "event", event=name[:1].upper() + name[1:])
    return QA(question, "", "su_kien", points, source, subject=name) if question else None


# ---------------------------------------------------------------- tasks, deadlines

def units(outline: Outline) -> list[Section]:
    """Responsible units: the subsections of 'TỔ CHỨC THỰC HIỆN' (one level further when a subsection
    only groups units, as in '1. Ủy ban nhân dân huyện chỉ đạo' > '1.1. Phòng Văn hóa và Thông tin')."""
    found = []
    for execution in execution_sections(outline):
        for child in execution.children:
            if child.blocks or not child.children:
                found.append(child)
            found.extend(g for g in child.children if g.blocks)
    return found


def unit_tasks(section: Section) -> list[str]:
    blocks = [b for b in section.blocks if not is_aside(b)]
    # A closing paragraph after the last unit ("Ban Thường vụ đề nghị …", "có khó khăn, vướng mắc …")
    # belongs to the whole plan, not to that unit.
    while len(blocks) > 1 and not blocks[-1].is_item and any(
            k in folded(blocks[-1].text) for k in ("kho khan", "de nghi cac", "vuong mac")):
        blocks.pop()
    return [first_sentences(b.text, 2) for b in blocks][:MAX_POINTS]


def nhiem_vu(plan: Plan, outline: Outline) -> list[QA]:
    items, covered = [], []
    body_units = units(outline)
    for unit in plan.don_vi_trach_nhiem:
        match = next((s for s in body_units if _same_unit(unit.don_vi, s.title)), None)
        tasks = list(unit.nhiem_vu) or (unit_tasks(match) if match else [])
        if not tasks:
            continue
        covered.append(match)
        question = try_ask("nhiem_vu", "unit", unit=unit.don_vi)
        if not question:
            continue
        twice = next((qa for qa in items if qa.question == question), None)
        if twice:  # the same unit listed twice: one question, all its tasks
            twice.points.extend(t for t in tasks if t not in twice.points)
            continue
        items.append(QA(question, "", "nhiem_vu", tasks,
                        source_of(match) if match else HEADER, subject=unit.don_vi))
    for section in body_units:
        if any(section is c for c in covered):
            continue
        tasks = unit_tasks(section)
        if tasks:
            name = section.title
            if section.parent and section.parent not in execution_sections(outline) and section.parent.title:
                name = f"{name} ({lower_first(section.parent.title)})"
            question = try_ask("nhiem_vu", "unit", unit=name[:1].upper() + name[1:])
            if question:
                items.append(QA(question, "", "nhiem_vu", tasks, source_of(section), subject=section.title))
    return items


def _same_unit(name: str, title: str) -> bool:
    a, b = folded(name), folded(title)
    return a == b or a in b or b in a


def nhiem_vu_giai_phap(plan: Plan, outline: Outline) -> list[QA]:
    """'NHIỆM VỤ, GIẢI PHÁP' plans: the task groups, then one question per group."""
    items = []
    for section in outline.sections:
        title = section.folded_title
        if not (("nhiem vu" in title or "giai phap" in title) and section.depth == 1
                and not inside(section, execution_sections(outline))):
            continue
        if section.children:
            items.append(QA(section_question("nhiem_vu_giai_phap", section.title, "groups"), "", "nhiem_vu_giai_phap",
                            [c.title for c in section.children], source_of(section)))
            for child in section.children:
                points = points_of(child, 1)
                if points:
                    items.append(QA(ask("nhiem_vu_giai_phap", "group", quoted=shorten(child.title, 20)), "",
                                    "nhiem_vu_giai_phap", points, source_of(child), subject=child.title))
        elif points_of(section):
            items.append(QA(section_question("nhiem_vu_giai_phap", section.title), "", "nhiem_vu_giai_phap",
                            points_of(section), source_of(section)))
    return items


def thoi_han(plan: Plan, outline: Outline) -> list[QA]:
    found = _body_deadlines(outline)
    items, used = [], set()
    asked: dict[tuple, QA] = {}
    for deadline in plan.thoi_han:
        same = (deadline.viec, deadline.chiu_trach_nhiem)
        if deadline.lap_lai and same in asked:  # 'báo cáo định kỳ 6 tháng, năm': one question, both rules
            asked[same].points.insert(1, f"{deadline.when_label()}.")
            continue
        key = date_key(deadline.han) if deadline.han else None
        matches = [d for d in found if id(d) not in used and (key and key in d["dates"] or deadline.lap_lai)
                   and _same_task(deadline, d)]
        used.update(id(d) for d in matches)
        when = deadline.when_label()
        if deadline.lap_lai:
            points = [f"{when}." if deadline.lap_lai.has_day else
                      f"{when}; kế hoạch không nêu ngày cụ thể trong kỳ."]
        elif deadline.tu_ngay:
            points = [f"Thời gian: {when}."]
        else:
            points = [f"Hạn: {when}." if when else "Kế hoạch không nêu hạn cụ thể."]
        if deadline.chiu_trach_nhiem:
            points.append(f"Chịu trách nhiệm: {deadline.chiu_trach_nhiem}.")
        points += [f"{d['unit']}: {without_number(d['text'])}" if d["unit"] else without_number(d["text"])
                   for d in matches][:3]
        source = source_of(matches[0]["section"]) if matches else HEADER
        question = deadline_question(deadline.viec, deadline.chiu_trach_nhiem, recurring=bool(deadline.lap_lai))
        if question is None:
            continue
        items.append(QA(question, "", "thoi_han", points, source, subject=deadline.viec))
        if deadline.lap_lai:
            asked[same] = items[-1]
    for d in found:
        if id(d) in used:
            continue
        question = deadline_question(d["task"], d["unit"] or None)
        if question is None:
            continue
        items.append(QA(question, f"{d['phrase'][:1].upper()}{d['phrase'][1:]}.", "thoi_han", [d["text"]],
                        source_of(d["section"]), subject=d["task"]))
    return items


def _same_task(deadline, found: dict) -> bool:
    """A front-matter deadline and a body sentence agree on who, or share most words of what."""
    if deadline.chiu_trach_nhiem and found["unit"] and _same_unit(deadline.chiu_trach_nhiem, found["unit"]):
        return True
    words, task = set(folded(deadline.viec).split()), set(folded(found["task"]).split())
    return bool(words) and len(words & task) >= 0.6 * len(words)


def _body_deadlines(outline: Outline) -> list[dict]:
    """Sentences that set a deadline, with the task they belong to and the unit of their section."""
    found = []
    events = {id(s) for s, _ in event_sections(outline)}
    unit_ids = {id(s): s for s in units(outline)}
    for section in outline.sections:
        if id(section) in events:
            continue
        unit = section.title if id(section) in unit_ids else ""
        for block in section.blocks:
            parts = sentences(block.text)
            for i, sentence in enumerate(parts):
                phrase = deadline_phrase(sentence)
                if not phrase:
                    continue
                task = sentence.replace(phrase, "").strip(" .,;:")
                text = sentence
                if len(task.split()) < 4 and i > 0:  # "Hoàn thành trong tháng 5/2026." closes the previous one
                    task, text = parts[i - 1].rstrip(" ."), f"{parts[i - 1]} {sentence}"
                elif len(task.split()) < 4:
                    continue
                task = re.sub(r"^(Tham mưu [^:]{3,60}):\s*(\w)", lambda m: f"{m[1]} {m[2].lower()}", task)
                found.append({"section": section, "unit": unit, "task": task.rstrip(" .:;,"), "text": text,
                              "phrase": phrase, "dates": dates_in(phrase)})
    return found


def vuong_mac(plan: Plan, outline: Outline) -> list[QA]:
    """'Trong quá trình thực hiện, có khó khăn, vướng mắc … báo cáo về …'."""
    for section in outline.sections:
        for block in section.blocks:
            for sentence in sentences(block.text):
                text = folded(sentence)
                if "vuong mac" in text and ("bao cao" in text or "phan anh" in text or "lien he" in text):
                    return [QA(ask("vuong_mac", "fixed"),
                               sentence, "vuong_mac", [], source_of(section))]
    return []


def kinh_phi(plan: Plan, outline: Outline) -> list[QA]:
    return [QA(ask("kinh_phi", "fixed"), "", "kinh_phi", points_of(s, 2), source_of(s))
            for s in titled(outline, "kinh phi") if points_of(s)]


# Every kind, in page order. generator.py calls them in turn.
ALL = (ky_ban_hanh, can_cu, muc_dich_yeu_cau, muc_tieu, noi_dung, doi_tuong, hinh_thuc, tai_lieu, thoi_gian,
       su_kien, nhiem_vu_giai_phap, nhiem_vu, thoi_han, vuong_mac, kinh_phi)
