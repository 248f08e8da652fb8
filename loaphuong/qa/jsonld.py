"""schema.org FAQPage JSON-LD for a page of questions, safe to put inside a <script> element."""

from __future__ import annotations

import json

from .model import QA


def questions(items: list[QA]) -> list[dict]:
    """The schema.org Question of each item (what a FAQPage lists)."""
    return [{"@type": "Question", "name": item.question,
             "acceptedAnswer": {"@type": "Answer", "text": item.plain_answer}} for item in items]


def faq_page(items: list[QA], name: str, url: str | None = None) -> dict:
    return faq_document(questions(items), name, url)


def faq_document(entities: list[dict], name: str, url: str | None = None) -> dict:
    data = {"@context": "https://schema.org", "@type": "FAQPage", "name": name, "mainEntity": entities}
    if url:
        data["url"] = url
    return data


def script_json(data: dict) -> str:
    """JSON for a <script type="application/ld+json">: no '<' at all, so neither '</script>' nor '<!--'
    can end or confuse the element; '\\u003c' is the same character to a JSON parser."""
    return json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
