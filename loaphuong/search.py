"""Search folding: Vietnamese readers type with or without diacritics, often on a phone."""

from __future__ import annotations

import json
import re

from .text import fold

_TAG = re.compile(r"<[^>]+>")


def folded_extra(text: str) -> str:
    """The diacritic-free copy of `text`, or '' when folding changes nothing."""
    folded = fold(text)
    return folded if folded != text else ""


def fold_search_index(raw_json: str) -> str:
    """Append a folded copy of title and text to each entry of Material's search_index.json."""
    index = json.loads(raw_json)
    for doc in index.get("docs", []):
        extra = " ".join(part for part in (folded_extra(doc.get("title", "")),
                                            folded_extra(_TAG.sub(" ", doc.get("text", "")))) if part)
        if extra:
            doc["text"] = f"{doc.get('text', '')} {extra}"
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
