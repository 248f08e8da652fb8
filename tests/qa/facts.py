"""Checking answers against a plan's text: does an answer contain a fact, and does it state anything absent?"""

from __future__ import annotations

import datetime as dt
import re

from loaphuong.qa.sentences import dates_in
from loaphuong.text import fold

ORG_HEADS = ("Ban", "Đảng ủy", "Đảng bộ", "Ủy ban", "Văn phòng", "Phòng", "Trung tâm", "Thường trực", "Huyện ủy",
             "Tỉnh ủy", "Thành ủy", "Sở", "Hội đồng", "Mặt trận", "Chi bộ", "Trường", "Hội trường")
_ORG = re.compile(r"\b(?:%s)\b[^,.;:()\n—–]{0,60}" % "|".join(ORG_HEADS))
_DOC_NUMBER = re.compile(r"\b\d+\s*-\s*[A-Za-zĐđ]+(?:/[A-Za-zĐđ0-9]+)+|\b\d+/[A-Za-zĐđ]+-[A-Za-zĐđ]+")


_TIME = re.compile(r"\b(\d{1,2})\s*(?:h|giờ|:)\s*(\d{2})\b")


def norm(text: str) -> str:
    """Compare loosely: no diacritics or case, single spaces, '14h00' = '14:00'."""
    text = _TIME.sub(lambda m: f"{int(m[1]):02d}:{m[2]}", text)
    return " ".join(fold(text).lower().split())


def source_text(plan_data: dict, body: str) -> str:
    """Everything the plan states: its body and every front-matter value (YAML comments excluded)."""
    values: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, (dt.date, dt.datetime)):
            values.append(f"{value.isoformat()} {value.day}/{value.month}/{value.year}")
        elif value is not None:
            values.append(str(value))
    walk(plan_data)
    return body + "\n" + "\n".join(values)


def contains_fact(answer: str, fact: str) -> bool:
    fact_dates = dates_in(fact)
    if fact_dates:
        return fact_dates <= dates_in(answer)
    return norm(fact) in norm(answer)


def inventions(answer: str, source: str) -> list[str]:
    """Dates, numbers, document numbers and body names in the answer that the plan never states."""
    found = []
    source_dates, source_norm = dates_in(source), norm(source)
    source_numbers = {int(n) for n in re.findall(r"\d+", source)}
    for key in dates_in(answer) - source_dates:
        found.append(f"ngày {key}")
    for number in re.findall(r"\d+", answer):
        if int(number) not in source_numbers:
            found.append(f"số {number}")
    for doc in _DOC_NUMBER.findall(answer):
        if norm(doc).replace(" ", "") not in source_norm.replace(" ", ""):
            found.append(f"văn bản {doc}")
    for org in _ORG.findall(answer):
        words = org.split()[:6]  # the name itself, not the whole clause after it
        if norm(" ".join(words)) not in source_norm:
            found.append(f"tên {' '.join(words)}")
    return found
