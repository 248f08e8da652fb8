"""The plan (Kế hoạch) model: one Markdown file with YAML front-matter in plans/."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field, fields

from .dates import PartialDate, format_short, format_vn_date
from .recurrence import LapLai
from .text import fold


@dataclass(frozen=True, slots=True)
class VanBan:
    """A document cited by a plan: a căn cứ or a văn bản liên quan."""

    loai: str | None = None
    so_hieu: str | None = None
    ngay: dt.date | None = None
    co_quan: str | None = None
    trich_yeu: str | None = None

    @property
    def title(self) -> str:
        parts = [self.loai or "Văn bản"]
        if self.so_hieu:
            parts.append(f"số {self.so_hieu}")
        return " ".join(parts)


@dataclass(frozen=True, slots=True)
class SuKien:
    """An event (hội nghị, buổi học tập…) that a plan schedules."""

    ten: str
    ngay: PartialDate | None = None
    gio: str | None = None
    dia_diem: str | None = None
    hinh_thuc: str | None = None
    chu_tri: str | None = None
    thanh_phan: str | None = None
    den_ngay: dt.date | None = None     # last day when it runs over several days ('từ 20/5 đến 22/5/2026')
    bao_cao_vien: str | None = None

    def when_label(self) -> str | None:
        """'từ ngày 20/05/2026 đến ngày 22/05/2026', 'ngày 05 tháng 6 năm 2026', 'tháng 5/2026'."""
        if self.ngay is None:
            return None
        if self.den_ngay:
            return f"từ ngày {format_short(self.ngay.start)} đến ngày {format_short(self.den_ngay)}"
        return self.ngay.label()


@dataclass(frozen=True, slots=True)
class ThoiHan:
    """A deadline: what must be done, by when, by whom."""

    viec: str
    han: PartialDate | None = None
    chiu_trach_nhiem: str | None = None
    tu_ngay: dt.date | None = None      # first day of the window when the plan gives one ('từ … đến …')
    lap_lai: LapLai | None = None       # a recurring obligation ('hằng năm, trước ngày 15/12')

    def when_label(self) -> str | None:
        """'Hằng năm, trước ngày 15/12', 'từ ngày 01/06/2026 đến ngày 30/06/2026', 'ngày 05 tháng 6 năm 2026'."""
        if self.lap_lai:
            return self.lap_lai.label()
        if self.han is None:
            return None
        if self.tu_ngay:
            return f"từ ngày {format_short(self.tu_ngay)} đến ngày {format_short(self.han.end)}"
        return self.han.label()


@dataclass(frozen=True, slots=True)
class DonViTrachNhiem:
    """A responsible unit and its tasks (from the plan's 'TỔ CHỨC THỰC HIỆN')."""

    don_vi: str
    nhiem_vu: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HoiDap:
    """A hand-written question and answer; it replaces a generated one on the same topic."""

    hoi: str
    dap: str
    muc: str | None = None


# slots: thousands of plans live for the whole build; a __dict__ each cost about 1 KB more per plan.
@dataclass(slots=True)
class Plan:
    source: str  # path of the plan file, as staff know it (plans/xxx.md)
    so_hieu: str | None
    trich_yeu: str
    co_quan_ban_hanh: str
    ngay_ban_hanh: dt.date | None
    ngay_dang: dt.date
    chuyen_muc: list[str]
    slug: str
    loai_van_ban: str = "Kế hoạch"
    co_quan_cap_tren: str | None = None
    dia_danh: str | None = None
    nhiem_ky: str | None = None
    nguoi_ky: str | None = None
    chuc_vu: str | None = None
    tham_quyen: str | None = None
    tom_tat: str | None = None
    anh_dai_dien: str | None = None
    ban_nhap: bool = False
    can_cu: list[VanBan] = field(default_factory=list)
    van_ban_lien_quan: list[VanBan] = field(default_factory=list)
    doi_tuong: list[str] = field(default_factory=list)
    su_kien: list[SuKien] = field(default_factory=list)
    thoi_han: list[ThoiHan] = field(default_factory=list)
    don_vi_trach_nhiem: list[DonViTrachNhiem] = field(default_factory=list)
    noi_nhan: list[str] = field(default_factory=list)
    hoi_dap: list[HoiDap] = field(default_factory=list)
    slug_cu: list[str] = field(default_factory=list)  # earlier addresses, kept alive as redirects
    body: str = ""
    body_line: int = 1
    # Hash of the plan's file (path and text): everything derived from the plan alone is cached under it.
    digest: str = field(default="", compare=False, repr=False)

    @property
    def title(self) -> str:
        """'Kế hoạch số 173-KH/ĐU về tổ chức …' style title: loại + số hiệu + trích yếu."""
        head = self.loai_van_ban
        if self.so_hieu:
            head += f" số {self.so_hieu}"
        return f"{head}: {self.trich_yeu}"

    @property
    def short_title(self) -> str:
        return f"{self.loai_van_ban} số {self.so_hieu}" if self.so_hieu else self.loai_van_ban

    @property
    def year(self) -> int:
        return (self.ngay_ban_hanh or self.ngay_dang).year

    @property
    def identity(self) -> tuple[str, str] | None:
        """(term or year, số hiệu): Party numbers restart each term. None without a số hiệu."""
        if not self.so_hieu:
            return None
        return (self.nhiem_ky or str(self.year), normalise_so_hieu(self.so_hieu))

    @property
    def url(self) -> str:
        """Site-relative URL of the plan page."""
        return f"ke-hoach/{self.slug}/"

    @property
    def qa_url(self) -> str:
        """Site-relative URL of the plan's hỏi và đáp page."""
        return f"hoi-dap/{self.slug}/"

    @property
    def src_uri(self) -> str:
        return f"ke-hoach/{self.slug}.md"

    @property
    def ngay_ban_hanh_text(self) -> str | None:
        return format_vn_date(self.ngay_ban_hanh) if self.ngay_ban_hanh else None

    @property
    def sort_date(self) -> dt.date:
        return self.ngay_ban_hanh or self.ngay_dang

    def is_published(self, today: dt.date) -> bool:
        """Drafts and plans whose publication date is still ahead are never shown."""
        return not self.ban_nhap and self.ngay_dang <= today


def normalise_so_hieu(so_hieu: str) -> str:
    """Compare numbers loosely: '59 -KH/ĐUK' == '59-KH/ĐUK', case and diacritics aside."""
    return fold("".join(so_hieu.split())).upper()


# A plan's body is read once a build (its page; its questions when they are made) but would be held all build
# long: a real plan's 15,000 characters of Vietnamese are 30 KB as a str, 90 MB over 3,000 plans. Its slot
# keeps a long body zlib-compressed (about a fifth of that); `plan.body` is still the exact text, to read
# and to set (Plan(body=...), pickling and equality all go through the property).
_BODY_SLOT = Plan.body
_PACK_OVER = 2048  # characters: shorter bodies are kept as they are


def _get_body(plan: Plan) -> str:
    value = _BODY_SLOT.__get__(plan, Plan)
    return zlib.decompress(value).decode("utf-8", "surrogatepass") if isinstance(value, bytes) else value


def _set_body(plan: Plan, value: str) -> None:
    if isinstance(value, str) and len(value) > _PACK_OVER:
        value = zlib.compress(value.encode("utf-8", "surrogatepass"), 6)
    _BODY_SLOT.__set__(plan, value)


Plan.body = property(_get_body, _set_body, doc="The plan's Markdown body, after its front-matter.")
_STORED = tuple(_BODY_SLOT if name == "body" else Plan.__dict__[name] for name in Plan.__slots__)


def _get_state(plan: Plan) -> tuple:
    # Pickled as stored (the body still compressed): the cached catalogue is read back without compressing
    # every body again, and without a field name per plan.
    return tuple(slot.__get__(plan, Plan) for slot in _STORED)


def _set_state(plan: Plan, state: tuple) -> None:
    for slot, value in zip(_STORED, state, strict=True):
        slot.__set__(plan, value)


Plan.__getstate__, Plan.__setstate__ = _get_state, _set_state


_UNSHARED = frozenset({"body", "digest", "source", "slug", "trich_yeu", "so_hieu"})  # one plan's own values


def share_values(plans: list[Plan]) -> None:
    """Make equal values of different plans one object: the cơ quan, người ký, chức vụ, chuyên mục slugs,
    dates and cited documents repeat across an archive, and every plan lives for the whole build. Values are
    equal before and after; only their identity changes (a cached catalogue then pickles each value once)."""
    pool: dict = {}
    for plan in plans:
        for name in _PLAN_FIELDS:
            value = getattr(plan, name)
            if isinstance(value, list):
                if value:
                    value[:] = [_shared(item, pool) for item in value]
            elif value is not None and name not in _UNSHARED:
                setattr(plan, name, _shared(value, pool))


def _shared(value, pool: dict):
    if isinstance(value, (VanBan, SuKien, ThoiHan, DonViTrachNhiem, HoiDap, PartialDate)):
        for name in value.__slots__:
            part = getattr(value, name)
            if part is not None:
                object.__setattr__(value, name, _shared(part, pool))  # frozen: same value, shared object
    elif isinstance(value, tuple):
        value = tuple(_shared(item, pool) for item in value)
    elif type(value) not in (str, dt.date, LapLai):  # never numbers: True == 1 would swap one for the other
        return value
    try:
        return pool.setdefault(value, value)
    except TypeError:  # unhashable: kept as it is
        return value


_PLAN_FIELDS = tuple(f.name for f in fields(Plan))
