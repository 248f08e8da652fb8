"""Offline search (make offline, file://): Material's lunr index with folded words and plan metadata.

Material's search matches words as typed, so 'ke hoach' would not find 'kế hoạch'. After the search
plugin writes search_index.json, each entry gets a diacritic-free copy of its words in a hidden span
(indexed, never shown), and each plan page's entry gets its official metadata, which the plan template
renders outside the Markdown content that the search plugin indexes.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable

from ..plan import Plan
from ..text import fold

_TAG = re.compile(r"<[^>]+>")


def plan_summary(plan: Plan) -> str:
    """One line a reader recognises in results: số hiệu · cơ quan · ngày · người ký · căn cứ."""
    parts = [plan.so_hieu or "", plan.co_quan_ban_hanh, plan.ngay_ban_hanh_text or "", plan.nguoi_ky or ""]
    parts += [f"căn cứ {vb.title}" for vb in plan.can_cu]
    return " · ".join(p for p in parts if p)


def fold_search_index(raw_json: str, plan_at: Callable[[str], Plan | None] = lambda location: None) -> str:
    """Rewrite Material's search_index.json: plan metadata first, folded words hidden at the end."""
    index = json.loads(raw_json)
    for doc in index.get("docs", []):
        text = doc.get("text", "")
        plan = plan_at(doc.get("location", ""))
        if plan is not None:
            text = f"<p>{html.escape(plan_summary(plan))}</p> {text}"
        folded = fold(f"{doc.get('title', '')} {_TAG.sub(' ', text)}")
        doc["text"] = f"{text} <span hidden>{html.escape(folded, quote=False)}</span>"
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
