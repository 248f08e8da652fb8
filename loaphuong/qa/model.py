"""A question and its answer, with the section of the plan the answer comes from."""

from __future__ import annotations

from dataclasses import dataclass, field

# Question kinds, in the order a chi bộ meeting goes through a plan; each has a group heading on the page.
KINDS = {
    "ky_ban_hanh": "Văn bản và căn cứ",
    "can_cu": "Văn bản và căn cứ",
    "muc_dich": "Mục đích, yêu cầu",
    "yeu_cau": "Mục đích, yêu cầu",
    "muc_tieu": "Mục đích, yêu cầu",
    "noi_dung": "Nội dung, đối tượng và hình thức",
    "doi_tuong": "Nội dung, đối tượng và hình thức",
    "hinh_thuc": "Nội dung, đối tượng và hình thức",
    "tai_lieu": "Nội dung, đối tượng và hình thức",
    "thoi_gian": "Hội nghị, sự kiện và thời gian",
    "su_kien": "Hội nghị, sự kiện và thời gian",
    "nhiem_vu_giai_phap": "Nhiệm vụ, giải pháp",
    "nhiem_vu": "Nhiệm vụ của các đơn vị",
    "thoi_han": "Thời hạn và báo cáo",
    "vuong_mac": "Thời hạn và báo cáo",
    "kinh_phi": "Các nội dung khác",
    "khac": "Các nội dung khác",
    "viet_tay": "Câu hỏi của cấp ủy",
}


@dataclass(frozen=True)
class Source:
    """Where an answer comes from: a section ('IV.3' + heading anchor), the opening or the document header."""

    label: str | None = None  # 'IV.3'; None for the opening text or the document's header
    anchor: str | None = None  # heading id on the plan page
    title: str | None = None

    @property
    def text(self) -> str:
        if self.label:
            return f"Mục {self.label}"
        return self.title or "Phần đầu văn bản"


@dataclass
class QA:
    question: str
    answer: str  # the lead sentence(s)
    kind: str
    points: list[str] = field(default_factory=list)  # list items after the lead
    source: Source = field(default_factory=Source)
    subject: str = ""  # the event, unit or task asked about: hand-written items match on it
    handwritten: bool = False

    @property
    def group(self) -> str:
        return KINDS.get(self.kind, KINDS["khac"])

    @property
    def plain_answer(self) -> str:
        """The whole answer as one text (JSON-LD, tests)."""
        return "\n".join([self.answer, *(f"- {p}" for p in self.points)]).strip()
