"""Validate one plan document into a Plan, reporting every problem with file:line.

Pure Python: no MkDocs here, so `python -m loaphuong check` and the build share this code.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from .dates import DateError, PartialDate, parse_date, parse_partial_date
from .frontmatter import Document
from .plan import DonViTrachNhiem, HoiDap, Plan, SuKien, ThoiHan, VanBan
from .problems import Problems
from . import recurrence
from .text import slugify
from .topic import TopicRegistry

REQUIRED_KEYS = ("so_hieu", "trich_yeu", "co_quan_ban_hanh", "ngay_ban_hanh", "chuyen_muc")
NULLABLE_REQUIRED = ("so_hieu", "ngay_ban_hanh")
TEXT_KEYS = ("so_hieu", "loai_van_ban", "trich_yeu", "co_quan_ban_hanh", "co_quan_cap_tren", "dia_danh",
             "nhiem_ky", "nguoi_ky", "chuc_vu", "tham_quyen", "tom_tat", "anh_dai_dien", "slug")
RECORD_KEYS = {
    "can_cu": ("loai", "so_hieu", "ngay", "co_quan", "trich_yeu"),
    "van_ban_lien_quan": ("loai", "so_hieu", "ngay", "co_quan", "trich_yeu"),
    "su_kien": ("ten", "ngay", "den_ngay", "gio", "dia_diem", "hinh_thuc", "chu_tri", "bao_cao_vien", "thanh_phan"),
    "thoi_han": ("viec", "han", "tu_ngay", "lap_lai", "ngay_lap", "chiu_trach_nhiem"),
    "don_vi_trach_nhiem": ("don_vi", "nhiem_vu"),
    "hoi_dap": ("hoi", "dap", "muc"),
}
LIST_KEYS = ("doi_tuong", "noi_nhan", "slug_cu")
KNOWN_KEYS = frozenset(TEXT_KEYS + ("ngay_ban_hanh", "ngay_dang", "chuyen_muc", "ban_nhap")
                       + tuple(RECORD_KEYS) + LIST_KEYS)
MAX_TOPICS = 3

# 173-KH/ĐU, 52-CTr/TU, 04-ĐA/TU (Party, Hướng dẫn 36-HD/VPTW); 12/KH-UBND, 30/2020/NĐ-CP (state).
PARTY_NUMBER = re.compile(r"^\d+[A-Za-z]?-[A-Za-zĐđ]+(/[A-Za-zĐđ0-9]+)+$")
STATE_NUMBER = re.compile(r"^\d+(/\d{4})?/[A-Za-zĐđ]+(-[A-Za-zĐđ0-9]+)*$")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TIME_PATTERN = re.compile(r"^(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})?\s*(?:phút)?$", re.IGNORECASE)


def did_you_mean(value: str, choices) -> str:
    match = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"có phải ý bạn là '{match[0]}'?" if match else ""


class _Reader:
    """Reads typed values out of a document, recording problems at the right line."""

    def __init__(self, doc: Document, path: str, problems: Problems):
        self.doc, self.path, self.problems = doc, path, problems

    def line(self, *path) -> int:
        return self.doc.line_of(*path)

    def error(self, path: tuple, message: str, hint: str = "", code: str = "") -> None:
        self.problems.add(self.path, self.line(*path), message, hint, code=code)

    def warn(self, path: tuple, message: str, hint: str = "", code: str = "") -> None:
        self.problems.warn(self.path, self.line(*path), message, hint, code=code)

    def text(self, value, path: tuple) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            self.error(path, f"trường '{_name(path)}' phải là một đoạn chữ",
                       "viết giá trị trên cùng dòng, đặt trong ngoặc kép nếu có dấu ':' hoặc '#'",
                       code="type")
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        text = " ".join(str(value).split()) if not isinstance(value, str) or "\n" not in value.strip() \
            else str(value).strip()
        return text or None

    def date(self, value, path: tuple) -> dt.date | None:
        if value is None:
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            self.error(path, f"trường '{_name(path)}': {exc}", code="date")
            return None

    def partial_date(self, value, path: tuple) -> PartialDate | None:
        if value is None:
            return None
        try:
            return parse_partial_date(value)
        except DateError as exc:
            self.error(path, f"trường '{_name(path)}': {exc}", code="date")
            return None

    def text_list(self, value, path: tuple) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(path, f"trường '{_name(path)}' phải là danh sách",
                       "mỗi mục một dòng, bắt đầu bằng '- '", code="type")
            return []
        items = [self.text(item, path + (i,)) for i, item in enumerate(value)]
        return [item for item in items if item]

    def records(self, key: str, data: dict) -> list[tuple[int, dict]]:
        """Items of a list of mappings, with unknown sub-keys warned about."""
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.error((key,), f"trường '{key}' phải là danh sách các mục có dạng 'khóa: giá trị'",
                       f"ví dụ:\n      {key}:\n        - {RECORD_KEYS[key][0]}: ...", code="type")
            return []
        known = RECORD_KEYS[key]
        for index, item in enumerate(value):
            for sub in item:
                if sub not in known:
                    self.warn((key, index, sub), f"khóa lạ '{sub}' trong '{key}' sẽ bị bỏ qua",
                              did_you_mean(str(sub), known) or f"các khóa hợp lệ: {', '.join(known)}",
                              code="unknown-key")
        # An item left all-empty (as `new` scaffolds it) is not an entry yet.
        return [(i, item) for i, item in enumerate(value) if any(v not in (None, "", []) for v in item.values())]


def _name(path: tuple) -> str:
    return ".".join(str(p) if not isinstance(p, int) else f"[{p + 1}]" for p in path).replace(".[", "[")


def validate(doc: Document, path: str, topics: TopicRegistry, problems: Problems) -> Plan | None:
    """The Plan, or None when an error makes it unusable. Problems go to `problems`."""
    start = len(problems.errors)
    data = doc.data
    read = _Reader(doc, path, problems)

    for key in data:
        if key not in KNOWN_KEYS:
            read.warn((key,), f"trường lạ '{key}' sẽ bị bỏ qua",
                      did_you_mean(str(key), KNOWN_KEYS) or "xem danh sách trường trong Hướng dẫn soạn kế hoạch",
                      code="unknown-key")
    for key in REQUIRED_KEYS:
        if key not in data:
            hint = ("ghi 'null' nếu văn bản không có " + ("số hiệu" if key == "so_hieu" else "ngày ban hành")
                    if key in NULLABLE_REQUIRED else f"thêm dòng '{key}: ...' vào phần thông tin")
            problems.add(path, 1, f"thiếu trường bắt buộc '{key}'", hint, code="missing")

    texts = {key: read.text(data.get(key), (key,)) for key in TEXT_KEYS}
    for key in ("trich_yeu", "co_quan_ban_hanh"):
        if key in data and not texts[key]:
            read.error((key,), f"trường bắt buộc '{key}' đang để trống", code="missing")

    ngay_ban_hanh = read.date(data.get("ngay_ban_hanh"), ("ngay_ban_hanh",))
    ngay_dang = read.date(data.get("ngay_dang"), ("ngay_dang",))
    if ngay_dang is None and data.get("ngay_dang") is None:
        ngay_dang = ngay_ban_hanh
        if ngay_dang is None and "ngay_ban_hanh" in data and data.get("ngay_ban_hanh") is None:
            read.error(("ngay_ban_hanh",), "văn bản không có ngày ban hành nên phải có 'ngay_dang'",
                       "thêm 'ngay_dang: yyyy-mm-dd' là ngày đăng kế hoạch lên cổng", code="missing")
    if ngay_ban_hanh and ngay_dang and ngay_dang < ngay_ban_hanh:
        read.warn(("ngay_dang",), "ngày đăng trước ngày ban hành", "kiểm tra lại hai ngày này", code="date-order")

    so_hieu = texts["so_hieu"]
    if so_hieu and not (PARTY_NUMBER.match(_compact(so_hieu)) or STATE_NUMBER.match(_compact(so_hieu))):
        read.warn(("so_hieu",), f"số hiệu '{so_hieu}' không theo mẫu của Đảng (173-KH/ĐU) "
                  "hay của Nhà nước (12/KH-UBND)", "kiểm tra lại số hiệu trên văn bản gốc", code="so-hieu")
    nhiem_ky = texts["nhiem_ky"]
    if nhiem_ky and not re.match(r"^\d{4}\s*-\s*\d{4}$", nhiem_ky):
        read.warn(("nhiem_ky",), f"nhiệm kỳ '{nhiem_ky}' nên viết dạng 2025-2030", code="nhiem-ky")
    elif nhiem_ky:
        nhiem_ky = re.sub(r"\s+", "", nhiem_ky)

    chuyen_muc = _topics(read, data, topics)

    ban_nhap = data.get("ban_nhap", False)
    if ban_nhap is None:
        ban_nhap = False
    if not isinstance(ban_nhap, bool):
        read.error(("ban_nhap",), "trường 'ban_nhap' chỉ nhận true hoặc false",
                   "ghi 'ban_nhap: true' để giữ bản nháp, 'false' để đăng", code="type")
        ban_nhap = True  # never publish what we could not read

    slug = texts["slug"]
    if slug and not (SLUG_PATTERN.match(slug) and len(slug) <= 80):
        read.error(("slug",), f"slug '{slug}' chỉ được gồm chữ thường không dấu, số và dấu '-', tối đa 80 ký tự",
                   f"ví dụ: slug: {slugify(slug)}", code="slug")
        slug = None
    old_slugs = read.text_list(data.get("slug_cu"), ("slug_cu",))
    for index, old in enumerate(old_slugs):
        if not SLUG_PATTERN.match(old):
            read.error(("slug_cu", index), f"slug cũ '{old}' không hợp lệ", f"ví dụ: {slugify(old)}", code="slug")

    can_cu = [_van_ban(read, "can_cu", i, item) for i, item in read.records("can_cu", data)]
    lien_quan = [_van_ban(read, "van_ban_lien_quan", i, item)
                 for i, item in read.records("van_ban_lien_quan", data)]
    su_kien = [_su_kien(read, i, item) for i, item in read.records("su_kien", data)]
    thoi_han = [_thoi_han(read, i, item, ngay_ban_hanh) for i, item in read.records("thoi_han", data)]
    don_vi = [_don_vi(read, i, item) for i, item in read.records("don_vi_trach_nhiem", data)]
    hoi_dap = [_hoi_dap(read, i, item) for i, item in read.records("hoi_dap", data)]

    if not doc.body.strip():
        problems.warn(path, doc.body_line, "kế hoạch chưa có nội dung (phần sau dòng '---' thứ hai trống)",
                      code="empty-body")

    if len(problems.errors) > start or not texts["trich_yeu"] or not texts["co_quan_ban_hanh"] or not ngay_dang:
        return None

    plan = Plan(
        source=path, so_hieu=so_hieu, trich_yeu=texts["trich_yeu"], co_quan_ban_hanh=texts["co_quan_ban_hanh"],
        ngay_ban_hanh=ngay_ban_hanh, ngay_dang=ngay_dang, chuyen_muc=chuyen_muc, slug="",
        loai_van_ban=texts["loai_van_ban"] or "Kế hoạch", co_quan_cap_tren=texts["co_quan_cap_tren"],
        dia_danh=texts["dia_danh"], nhiem_ky=nhiem_ky, nguoi_ky=texts["nguoi_ky"], chuc_vu=texts["chuc_vu"],
        tham_quyen=texts["tham_quyen"], tom_tat=texts["tom_tat"], anh_dai_dien=texts["anh_dai_dien"],
        ban_nhap=ban_nhap, can_cu=[v for v in can_cu if v], van_ban_lien_quan=[v for v in lien_quan if v],
        doi_tuong=read.text_list(data.get("doi_tuong"), ("doi_tuong",)),
        su_kien=[s for s in su_kien if s], thoi_han=[t for t in thoi_han if t],
        don_vi_trach_nhiem=[d for d in don_vi if d], noi_nhan=read.text_list(data.get("noi_nhan"), ("noi_nhan",)),
        hoi_dap=[h for h in hoi_dap if h], body=doc.body, body_line=doc.body_line, slug_cu=old_slugs,
    )
    plan.slug = slug or default_slug(plan)
    return plan


def default_slug(plan: Plan) -> str:
    """'2025-173-kh-du' from year and số hiệu; from the trích yếu when there is no số hiệu."""
    return slugify(f"{plan.year} {plan.so_hieu or plan.trich_yeu}")


def _compact(so_hieu: str) -> str:
    return "".join(so_hieu.split())


def _topics(read: _Reader, data: dict, topics: TopicRegistry) -> list[str]:
    value = data.get("chuyen_muc")
    if "chuyen_muc" not in data:
        return []
    slugs = read.text_list(value, ("chuyen_muc",))
    if not slugs:
        read.error(("chuyen_muc",), "cần ít nhất một chuyên mục",
                   f"các chuyên mục hiện có: {', '.join(topics.slugs)}", code="chuyen-muc")
        return []
    if len(slugs) > MAX_TOPICS:
        read.error(("chuyen_muc",), f"tối đa {MAX_TOPICS} chuyên mục cho một kế hoạch (đang có {len(slugs)})",
                   "giữ lại các chuyên mục sát nhất", code="chuyen-muc")
    names = {slugify(t.ten): t.slug for t in topics}
    result = []
    for index, slug in enumerate(slugs):
        if slug in topics:
            result.append(slug)
            continue
        guess = names.get(slugify(slug)) or (slugify(slug) if slugify(slug) in topics else None)
        hint = f"có phải ý bạn là '{guess}'?" if guess else did_you_mean(slug, topics.slugs)
        read.error(("chuyen_muc", index) if isinstance(value, list) else ("chuyen_muc",),
                   f"chuyên mục '{slug}' không có trong plans/chuyen-muc.yml",
                   hint or f"các chuyên mục hiện có: {', '.join(topics.slugs)}", code="chuyen-muc")
    return result


def _van_ban(read: _Reader, key: str, index: int, item: dict) -> VanBan | None:
    path = (key, index)
    van_ban = VanBan(
        loai=read.text(item.get("loai"), path + ("loai",)),
        so_hieu=read.text(item.get("so_hieu"), path + ("so_hieu",)),
        ngay=read.date(item.get("ngay"), path + ("ngay",)),
        co_quan=read.text(item.get("co_quan"), path + ("co_quan",)),
        trich_yeu=read.text(item.get("trich_yeu"), path + ("trich_yeu",)),
    )
    if not (van_ban.so_hieu or van_ban.trich_yeu):
        read.error(path, f"mục {index + 1} của '{key}' cần ít nhất 'so_hieu' hoặc 'trich_yeu'", code="missing")
        return None
    return van_ban


def _su_kien(read: _Reader, index: int, item: dict) -> SuKien | None:
    path = ("su_kien", index)
    ten = read.text(item.get("ten"), path + ("ten",))
    if not ten:
        read.error(path, f"sự kiện thứ {index + 1} thiếu 'ten'", "ví dụ: ten: Hội nghị quán triệt", code="missing")
    gio = item.get("gio")
    if gio is not None:
        match = TIME_PATTERN.match(str(gio).strip()) if isinstance(gio, str) else None
        if match and int(match.group(1)) < 24 and int(match.group(2) or 0) < 60:
            gio = f"{int(match.group(1)):02d}:{match.group(2) or '00'}"
        else:
            read.error(path + ("gio",), f"giờ '{gio}' không hợp lệ",
                       'viết giờ dạng "HH:MM" trong ngoặc kép, ví dụ: gio: "14:00"', code="time")
            gio = None
    thanh_phan = item.get("thanh_phan")
    if isinstance(thanh_phan, list):
        thanh_phan = "; ".join(read.text_list(thanh_phan, path + ("thanh_phan",)))
    else:
        thanh_phan = read.text(thanh_phan, path + ("thanh_phan",))
    ngay = read.partial_date(item.get("ngay"), path + ("ngay",))
    den_ngay = read.date(item.get("den_ngay"), path + ("den_ngay",))
    if den_ngay and ngay is None and item.get("ngay") is None:
        read.error(path + ("den_ngay",), "có 'den_ngay' nhưng thiếu 'ngay' (ngày bắt đầu)",
                   "ví dụ: ngay: 2026-05-20 và den_ngay: 2026-05-22", code="date-range")
        den_ngay = None
    elif den_ngay and ngay and (ngay.is_partial or den_ngay <= ngay.start):
        read.error(path + ("den_ngay",), f"'den_ngay' ({den_ngay:%d/%m/%Y}) phải sau ngày bắt đầu '{ngay.short()}'"
                   + (" và 'ngay' phải là ngày đủ" if ngay.is_partial else ""),
                   "một sự kiện trong một ngày thì bỏ 'den_ngay'", code="date-range")
        den_ngay = None
    if not ten:
        return None
    return SuKien(
        ten=ten, ngay=ngay, gio=gio,
        dia_diem=read.text(item.get("dia_diem"), path + ("dia_diem",)),
        hinh_thuc=read.text(item.get("hinh_thuc"), path + ("hinh_thuc",)),
        chu_tri=read.text(item.get("chu_tri"), path + ("chu_tri",)), thanh_phan=thanh_phan or None,
        den_ngay=den_ngay, bao_cao_vien=read.text(item.get("bao_cao_vien"), path + ("bao_cao_vien",)),
    )


def _thoi_han(read: _Reader, index: int, item: dict, issued: dt.date | None) -> ThoiHan | None:
    path = ("thoi_han", index)
    viec = read.text(item.get("viec"), path + ("viec",))
    han = read.partial_date(item.get("han"), path + ("han",))
    if not viec:
        read.error(path, f"thời hạn thứ {index + 1} thiếu 'viec'", code="missing")
        return None
    if han and issued and han.end < issued:
        read.warn(path + ("han",), f"hạn '{han.short()}' sớm hơn ngày ban hành {issued:%d/%m/%Y}",
                  "kiểm tra lại năm hoặc tháng của thời hạn", code="deadline-before-issue")
    tu_ngay = read.date(item.get("tu_ngay"), path + ("tu_ngay",))
    if tu_ngay and han is None:
        read.error(path + ("tu_ngay",), "có 'tu_ngay' nhưng thiếu 'han' (ngày kết thúc)",
                   "ví dụ: tu_ngay: 2026-06-01 và han: 2026-06-30", code="date-range")
        tu_ngay = None
    elif tu_ngay and han and tu_ngay >= han.end:
        read.error(path + ("tu_ngay",), f"'tu_ngay' ({tu_ngay:%d/%m/%Y}) phải trước hạn '{han.short()}'",
                   code="date-range")
        tu_ngay = None
    lap_lai = None
    if item.get("lap_lai") is not None:
        try:
            lap_lai = recurrence.parse(item.get("lap_lai"), item.get("ngay_lap"))
        except DateError as exc:
            bad = "lap_lai" if recurrence.period_key(item.get("lap_lai")) is None else "ngay_lap"
            hint = did_you_mean(str(item.get("lap_lai")), recurrence.PERIODS) if bad == "lap_lai" else ""
            read.error(path + (bad,), f"trường '{_name(path + (bad,))}': {exc}", hint, code="recurrence")
        if lap_lai and (han or tu_ngay):
            read.error(path + ("han",), "thời hạn định kỳ ('lap_lai') không ghi kèm 'han' hay 'tu_ngay'",
                       "tách thành hai mục: một mục có hạn lần đầu, một mục định kỳ", code="recurrence")
    elif item.get("ngay_lap") is not None:
        read.error(path + ("ngay_lap",), "có 'ngay_lap' nhưng thiếu 'lap_lai' (chu kỳ)",
                   "ví dụ: lap_lai: hang-nam và ngay_lap: \"15/12\"", code="recurrence")
    return ThoiHan(viec=viec, han=han, chiu_trach_nhiem=read.text(item.get("chiu_trach_nhiem"),
                                                                  path + ("chiu_trach_nhiem",)),
                   tu_ngay=tu_ngay, lap_lai=lap_lai)


def _don_vi(read: _Reader, index: int, item: dict) -> DonViTrachNhiem | None:
    path = ("don_vi_trach_nhiem", index)
    don_vi = read.text(item.get("don_vi"), path + ("don_vi",))
    if not don_vi:
        read.error(path, f"mục {index + 1} của 'don_vi_trach_nhiem' thiếu 'don_vi'", code="missing")
        return None
    return DonViTrachNhiem(don_vi, tuple(read.text_list(item.get("nhiem_vu"), path + ("nhiem_vu",))))


def _hoi_dap(read: _Reader, index: int, item: dict) -> HoiDap | None:
    path = ("hoi_dap", index)
    hoi = read.text(item.get("hoi"), path + ("hoi",))
    dap = read.text(item.get("dap"), path + ("dap",))
    if not (hoi and dap):
        read.error(path, f"câu hỏi thứ {index + 1} trong 'hoi_dap' cần cả 'hoi' và 'dap'", code="missing")
        return None
    return HoiDap(hoi, dap, read.text(item.get("muc"), path + ("muc",)))
