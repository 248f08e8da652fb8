"""One document in, every field the importer can read out, plus what it could not and why."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..plan import normalise_so_hieu
from . import body, deadlines, events, header, paragraphs, reader, references, signature, units, when

HEADER_FIELDS = ("so_hieu", "loai_van_ban", "trich_yeu", "co_quan_ban_hanh", "co_quan_cap_tren", "dia_danh",
                 "ngay_ban_hanh", "nguoi_ky", "chuc_vu", "tham_quyen")
REQUIRED = ("trich_yeu", "co_quan_ban_hanh", "chuyen_muc")


@dataclass
class Extraction:
    source: str
    fields: dict = field(default_factory=dict)          # front-matter values, in output order
    comments: dict = field(default_factory=dict)        # field -> YAML comment for staff
    review: list = field(default_factory=list)          # (field, message): kept as written, check it
    missing: list = field(default_factory=list)         # fields the document does not give
    body: str = ""

    @property
    def needs_human(self) -> list[str]:
        """Required fields `check` will reject until a person fills them."""
        out = [k for k in REQUIRED if not self.fields.get(k)]
        value = self.fields.get("ngay_ban_hanh")
        if value is not None and not isinstance(value, dt.date):
            out.append("ngay_ban_hanh")
        for key in ("can_cu", "van_ban_lien_quan", "su_kien", "thoi_han"):
            for index, item in enumerate(self.fields.get(key) or []):
                for sub in ("ngay", "han"):
                    if sub in item and isinstance(item[sub], str) and not re.match(
                            r"^\d{4}-(\d{2}(-\d{2})?|Q[1-4])$", item[sub]):
                        out.append(f"{key}[{index + 1}].{sub}")
        return out

    def flag(self, name: str, message: str) -> None:
        self.review.append((name, message))
        self.comments.setdefault(name, f"CẦN KIỂM TRA: {message}")


def _value(found: when.Found | None):
    if found is None:
        return None
    if found.problem:
        return found.value  # as written; `check` names the field
    if found.precision == "day":
        return dt.date.fromisoformat(found.value)
    return found.value


def extract_file(path: str | Path) -> Extraction:
    path = Path(path)
    return extract_lines(reader.read_lines(path), path.name)


def extract_text(text: str, source: str = "văn bản") -> Extraction:
    return extract_lines(reader.clean_lines(text), source)


def extract_lines(lines: list[str], source: str) -> Extraction:
    result = Extraction(source)
    paras = paragraphs.join_lines(lines)
    notes = body.footnotes(paras)
    paras = [p for p in paras if not body.FOOTNOTE_DEF.match(p)]
    head = header.parse(paras)
    sig = signature.parse(paras, head.body_start)
    end = sig.start if sig.start is not None else len(paras)
    content = paras[head.body_start:end]
    nodes = body.structure(content)
    first_heading = next((n.index for n in nodes if n.kind == "heading"), len(nodes))
    preamble = " ".join(n.text for n in nodes[:first_heading])

    f = result.fields
    f["so_hieu"] = head.so_hieu
    f["loai_van_ban"] = head.loai_van_ban
    f["trich_yeu"] = head.trich_yeu
    co_quan = head.co_quan_ban_hanh
    if co_quan is None:
        co_quan = header.issuer_from_preamble(preamble)
        if co_quan:
            result.flag("co_quan_ban_hanh", f"văn bản không có phần tiêu đề; lấy '{co_quan}' từ câu mở đầu")
    f["co_quan_ban_hanh"] = co_quan
    f["co_quan_cap_tren"] = head.co_quan_cap_tren
    f["dia_danh"] = head.dia_danh
    f["ngay_ban_hanh"] = _value(head.ngay)
    for name, message in head.notes.items():
        result.flag(name, message)
    issued = head.ngay.date() if head.ngay else None
    f["nhiem_ky"] = None
    f["nguoi_ky"] = sig.nguoi_ky
    f["chuc_vu"] = sig.chuc_vu
    f["tham_quyen"] = sig.tham_quyen

    own = {normalise_so_hieu(head.so_hieu)} if head.so_hieu else set()
    preamble_refs = references.find_refs(preamble, header.ISSUER)
    can_cu = references.merge([r for r in preamble_refs if not r.nested], own)
    for clause in re.split(r";|\n", preamble):
        extra = references.unnumbered(clause)
        if extra:
            extra.position = preamble.find(clause.strip())
            can_cu.append(extra)
    can_cu.sort(key=lambda r: r.position)
    cited = own | {normalise_so_hieu(r.so_hieu) for r in can_cu if r.so_hieu}
    body_text = "\n".join(n.text for n in nodes[first_heading:]) + "\n" + "\n".join(notes.values())
    related = references.merge([r for r in preamble_refs if r.nested] + references.find_refs(body_text), cited)
    f["can_cu"] = [_ref(result, "can_cu", i, r, issued) for i, r in enumerate(can_cu)]
    f["van_ban_lien_quan"] = [_ref(result, "van_ban_lien_quan", i, r, None) for i, r in enumerate(related)]

    unit_list = units.find(nodes)
    f["doi_tuong"] = units.audiences(nodes)
    year = issued.year if issued else None
    found_events = events.find(nodes, head.trich_yeu, year)
    f["su_kien"] = []
    for i, event in enumerate(found_events):
        item = {"ten": event.ten, "ngay": _value(event.ngay), "gio": event.gio, "dia_diem": event.dia_diem,
                "hinh_thuc": event.hinh_thuc, "chu_tri": event.chu_tri, "thanh_phan": event.thanh_phan}
        if event.ngay is not None and event.ngay.until is not None:
            item = {k: v for k, v in item.items() if k != "gio"} | {"den_ngay": _value(event.ngay.until)} | {
                k: v for k, v in item.items() if k not in ("ten", "ngay")}
        if event.bao_cao_vien:
            item["bao_cao_vien"] = event.bao_cao_vien
        _check_date(result, f"su_kien[{i + 1}].ngay", event.ngay, issued, "sự kiện")
        f["su_kien"].append(item)
    used = set().union(*(e.nodes for e in found_events)) if found_events else set()
    f["thoi_han"] = []
    for i, deadline in enumerate(deadlines.find(nodes, unit_list, used, year)):
        _check_date(result, f"thoi_han[{i + 1}].han", deadline.han, issued, "thời hạn")
        item = {"viec": deadline.viec, "han": _value(deadline.han), "chiu_trach_nhiem": deadline.chiu_trach_nhiem}
        if deadline.lap_lai:
            item = {"viec": deadline.viec, "han": None, "lap_lai": deadline.lap_lai.chu_ky, "ngay_lap": deadline.lap_lai.value(),
                    "chiu_trach_nhiem": deadline.chiu_trach_nhiem}
        f["thoi_han"].append(item)
    f["don_vi_trach_nhiem"] = [{"don_vi": u.don_vi, "nhiem_vu": u.nhiem_vu} for u in unit_list]
    f["noi_nhan"] = sig.noi_nhan
    result.body = body.render(nodes, notes)

    for name in HEADER_FIELDS:
        if f.get(name) is None and name not in dict(result.review):
            result.missing.append(name)
    return result


def _ref(result: Extraction, key: str, index: int, ref: references.Ref, issued: dt.date | None) -> dict:
    if ref.ngay is not None and ref.ngay.problem:
        result.flag(f"{key}[{index + 1}].ngay", ref.ngay.problem)
    elif ref.ngay is not None and issued and ref.ngay.date() > issued:
        result.flag(f"{key}[{index + 1}].ngay",
                    f"văn bản căn cứ {ref.so_hieu or ''} ghi ngày {ref.ngay.raw}, sau ngày ban hành kế hoạch "
                    f"{issued:%d/%m/%Y}; giữ nguyên như văn bản")
    return {"loai": ref.loai, "so_hieu": ref.so_hieu, "ngay": _value(ref.ngay), "co_quan": ref.co_quan,
            "trich_yeu": ref.trich_yeu}


def _check_date(result: Extraction, name: str, found: when.Found | None, issued: dt.date | None, what: str) -> None:
    if found is None:
        return
    if found.problem:
        result.flag(name, found.problem)
        return
    if found.note:
        result.flag(name, found.note)
    end = found.end_date()
    if issued and end and end < issued:
        result.flag(name, f"{what} '{found.raw}' trước ngày ban hành {issued:%d/%m/%Y}; giữ nguyên như văn bản")
