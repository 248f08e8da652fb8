"""Field-by-field comparison of an extraction with a clerk's expected values (tests/importer/expected)."""

from __future__ import annotations

import datetime as dt
import re

from loaphuong.text import fold

HEADER = ("so_hieu", "loai_van_ban", "trich_yeu", "co_quan_ban_hanh", "co_quan_cap_tren", "dia_danh",
          "ngay_ban_hanh", "nguoi_ky", "chuc_vu", "tham_quyen")
# Only the keys an expected entry names are compared (older expected files do not name the newer keys).
ENTRY_KEYS = {
    "can_cu": ("so_hieu", "ngay", "co_quan", "loai"),
    "su_kien": ("ngay", "den_ngay", "gio", "dia_diem", "hinh_thuc", "chu_tri", "bao_cao_vien"),
    "thoi_han": ("han", "tu_ngay", "lap_lai", "ngay_lap", "chiu_trach_nhiem"),
}


def norm(value):
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    text = " ".join(str(value).split())
    text = re.sub(r"\s*([,;:])\s*", r"\1 ", text).strip(" .;,")
    return fold(text).lower().replace("uy", "uy")


def same(a, b) -> bool:
    return norm(a) == norm(b)


def _words(text) -> set:
    return set(re.findall(r"\w+", norm(text) or ""))


def entry_ok(kind: str, got: dict, want: dict) -> bool:
    for key in ENTRY_KEYS[kind]:
        if key in want and not same(got.get(key), want.get(key)):
            return False
    text_key = {"su_kien": "ten", "thoi_han": "viec", "can_cu": "trich_yeu"}[kind]
    if want.get(text_key):
        w, g = _words(want[text_key]), _words(got.get(text_key))
        if not g or len(w & g) / len(w) < 0.6:
            return False
    return True


def _similar(a, b) -> bool:
    w, g = _words(a), _words(b)
    return bool(w and g) and len(w & g) >= 0.8 * len(w) and len(w & g) >= 0.8 * len(g)


def score(fields: dict, expected: dict, lists: tuple = ()) -> dict:
    """{'header': (right, total), 'entries': (right, total), 'invented': n, 'misses': [...]}.

    `lists` names plain lists (doi_tuong) scored as entries too. Invented: a value where the clerk has none,
    or an entry the clerk does not list."""
    misses, right, invented = [], 0, 0
    for key in HEADER:
        if same(fields.get(key), expected.get(key)):
            right += 1
        else:
            misses.append(f"{key}: got {fields.get(key)!r}, want {expected.get(key)!r}")
            if expected.get(key) is None:
                invented += 1
    header = (right, len(HEADER))
    got_entries = right_entries = total = 0
    for kind in ENTRY_KEYS:
        want_list = expected.get(kind) or []
        got_list = list(fields.get(kind) or [])
        total += max(len(want_list), len(got_list))  # extra entries count against us
        for want in want_list:
            match = next((g for g in got_list if entry_ok(kind, g, want)), None)
            if match is not None:
                right_entries += 1
                got_list.remove(match)
            else:
                misses.append(f"{kind}: missing {want}")
        misses += [f"{kind}: unexpected {g}" for g in got_list]
        invented += len(got_list)
        got_entries += len(fields.get(kind) or [])
    for kind in lists:
        want_list = list(expected.get(kind) or [])
        got_list = list(fields.get(kind) or [])
        total += max(len(want_list), len(got_list))
        for want in want_list:
            match = next((g for g in got_list if _similar(want, g)), None)
            if match is not None:
                right_entries += 1
                got_list.remove(match)
            else:
                misses.append(f"{kind}: missing {want!r}")
        misses += [f"{kind}: unexpected {g!r}" for g in got_list]
        invented += len(got_list)
    return {"header": header, "entries": (right_entries, total), "invented": invented, "misses": misses}
