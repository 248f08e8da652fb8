"""The hỏi và đáp of one plan: hand-written questions first, then the generated ones.

How a hand-written question (front-matter `hoi_dap`) replaces generated ones:
- with `muc` (a section label such as "III.1" or "IV.3"): every generated question citing that section goes;
- without `muc`: the question's words name a kind (mục đích, yêu cầu, căn cứ, đối tượng, hình thức, nội dung,
  ai ký, hội nghị, thời hạn, nhiệm vụ …); a generated question of that kind goes when it is the only one of
  its kind, or when its subject (the event, unit or task it asks about) is named in the hand-written question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..plan import HoiDap, Plan
from . import questions
from .model import QA, Source
from .outline import Outline, parse
from .questions import folded, points_of, sentence_case, source_of
from .templates import ask

# Folded keywords of a hand-written question -> the generated kind it is about (first match wins).
KIND_WORDS = (
    ("ky_ban_hanh", ("ai ky", "nguoi ky", "co quan nao ban hanh", "ban hanh ngay")),
    ("can_cu", ("can cu", "van ban nao", "cap tren", "thuc hien van ban")),
    ("muc_dich", ("muc dich",)),
    ("yeu_cau", ("yeu cau",)),
    ("muc_tieu", ("muc tieu", "chi tieu")),
    ("doi_tuong", ("doi tuong", "danh cho ai")),
    ("thoi_han", ("thoi han", "han chot", "truoc ngay", "bao cao ket qua")),
    ("su_kien", ("hoi nghi", "hoi thao", "toa dam", "dien ra", "to chuc khi nao", "o dau")),
    ("hinh_thuc", ("hinh thuc",)),
    ("tai_lieu", ("tai lieu",)),
    ("noi_dung", ("noi dung",)),
    ("nhiem_vu", ("nhiem vu", "trach nhiem", "phan cong")),
    ("kinh_phi", ("kinh phi",)),
)


@dataclass
class QASet:
    plan: Plan
    items: list[QA]
    warnings: list[str] = field(default_factory=list)  # e.g. a hoi_dap 'muc' that names no section

    def groups(self) -> list[tuple[str, list[QA]]]:
        """Items grouped under their headings, in first-appearance order."""
        out: dict[str, list[QA]] = {}
        for item in self.items:
            out.setdefault(item.group, []).append(item)
        return list(out.items())


def generate(plan: Plan) -> QASet:
    outline = parse(plan.body)
    generated: list[QA] = []
    warnings: list[str] = []
    for kind in (*questions.ALL, lambda plan, outline: _uncovered_sections(outline, generated)):
        try:
            generated.extend(kind(plan, outline))
        except questions.TemplateError as exc:
            # A heading or name staff typed fits no question template (e.g. an unclosed bracket): that kind of
            # question is left out for this plan, never asked in broken Vietnamese, and the build goes on.
            warnings.append(f"không sinh được câu hỏi: {exc}")
    handwritten = []
    for item in plan.hoi_dap:
        qa, warning = _handwritten(item, outline, plan)
        handwritten.append(qa)
        if warning:
            warnings.append(warning)
        generated = [g for g in generated if not _replaces(item, qa, g, generated)]
    return QASet(plan, handwritten + generated, warnings)


def _handwritten(item: HoiDap, outline: Outline, plan: Plan) -> tuple[QA, str | None]:
    source, warning = Source(title="Cấp ủy biên soạn"), None
    if item.muc:
        section = outline.find(item.muc)
        if section:
            source = source_of(section)
        else:
            warning = f"{plan.source}: câu hỏi “{item.hoi}”: mục '{item.muc}' không có trong nội dung kế hoạch"
    return QA(item.hoi, item.dap, "viet_tay", [], source, handwritten=True), warning


def kind_of_question(text: str) -> str | None:
    words = folded(text)
    return next((kind for kind, keys in KIND_WORDS if any(k in words for k in keys)), None)


def _replaces(item: HoiDap, qa: QA, candidate: QA, generated: list[QA]) -> bool:
    if item.muc:
        return bool(candidate.source.label) and candidate.source.label.upper() == item.muc.strip().rstrip(".").upper()
    kind = kind_of_question(item.hoi)
    if kind is None or candidate.kind != kind:
        return False
    if candidate.subject and folded(candidate.subject) in folded(item.hoi):
        return True
    return sum(g.kind == kind for g in generated) == 1


def _uncovered_sections(outline: Outline, generated: list[QA]) -> list[QA]:
    """A top-level section no question drew from still gets one: 'Kế hoạch nêu gì về …?'."""
    cited = {g.source.label for g in generated if g.source.label}
    items = []
    for section in outline.root.children:
        labels = {section.label} | {s.label for s in section.walk()}
        if not section.title or labels & cited:
            continue
        points = points_of(section)
        if points:
            items.append(QA(ask("khac", "topic", quoted=sentence_case(section.title).lower().rstrip(" :.")), "", "khac",
                            points, source_of(section)))
    return items
