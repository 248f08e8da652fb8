"""Apply what the form changed to the original file text, and nothing else.

Decap CMS sends the whole file re-serialised (its own YAML style, comments dropped). Writing that would
reformat every plan on every save; instead each top-level field whose *value* changed is rewritten in place,
every other line (comments, quoting, folded text, field order) stays as it was.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import yaml

from ..dates import DateError, parse_date
from ..frontmatter import _Loader
from ..text import clean_text

_FENCE = re.compile(r"^---[ \t]*$")
_DATE_LIKE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}/\d{4})$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Dumper(yaml.SafeDumper):
    """Block style, Unicode as it is, and no aliases for repeated values."""

    def ignore_aliases(self, data):
        return True


def split(text: str) -> tuple[list[str], list[str], list[str]]:
    """(lines before the YAML incl. the opening fence, YAML lines, closing fence and body lines)."""
    lines = clean_text(text).split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return [], [], lines
    for end in range(1, len(lines)):
        if _FENCE.match(lines[end]):
            return lines[:1], lines[1:end], lines[end:]
    return lines[:1], lines[1:], []


def load_yaml(text: str):
    return yaml.load(text, Loader=_Loader) if text.strip() else None


def normalise(value):
    """Compare values as `check` reads them: empty is empty, a date is a date whatever its spelling."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        text = " ".join(value.split())
        if _DATE_LIKE.match(text):
            try:
                return parse_date(text).isoformat()
            except DateError:
                return text
        return text or None
    if isinstance(value, list):
        items = [normalise(v) for v in value]
        items = [v for v in items if v is not None]
        return items or None
    if isinstance(value, dict):
        items = {str(k): normalise(v) for k, v in value.items()}
        items = {k: v for k, v in items.items() if v is not None}
        return items or None
    return value


def key_spans(yaml_lines: list[str]) -> dict[str, tuple[int, int]]:
    """Top-level key -> (first line, end line) in yaml_lines; comments and blank lines that follow a
    value belong to the next key (the scaffold writes each key's comment above it)."""
    node = yaml.compose("\n".join(yaml_lines), Loader=_Loader)
    if not isinstance(node, yaml.MappingNode):
        return {}
    starts = [(key.value, key.start_mark.line) for key, _ in node.value]
    spans = {}
    for index, (key, start) in enumerate(starts):
        end = starts[index + 1][1] if index + 1 < len(starts) else len(yaml_lines)
        while end > start + 1 and (not yaml_lines[end - 1].strip() or yaml_lines[end - 1].lstrip().startswith("#")):
            end -= 1
        spans[key] = (start, end)
    return spans


def dump_field(key: str, value) -> list[str]:
    value = _for_yaml(value)
    text = yaml.dump({key: value}, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=110)
    return text.rstrip("\n").split("\n")


def _for_yaml(value):
    """Empty strings become null; ISO date strings become dates (written unquoted, as staff write them)."""
    if isinstance(value, str):
        value = value.strip()
        if _ISO_DATE.match(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                return value
        return value or None
    if isinstance(value, list):
        return [_for_yaml(v) for v in value if normalise(v) is not None]
    if isinstance(value, dict):
        return {k: _for_yaml(v) for k, v in value.items() if normalise(v) is not None}
    return value


def merge(original: str, data: dict, body: str | None, form_keys=()) -> str:
    """The original text with the fields whose value differs from `data` rewritten, and the body replaced
    only if it changed. Keys of `data` the original lacks are added at the end of the front matter; a form
    field missing from `data` was emptied."""
    head, yaml_lines, tail = split(original)
    old = load_yaml("\n".join(yaml_lines)) or {}
    spans = key_spans(yaml_lines)
    replaced: dict[int, tuple[int, list[str]]] = {}
    added: list[str] = []
    data = {**{key: None for key in form_keys if key in old}, **data}
    for key, value in data.items():
        if normalise(value) == normalise(old.get(key)):
            continue
        if key in spans:
            start, end = spans[key]
            lines = dump_field(key, value)
            comment = _inline_comment(yaml_lines[start]) if end - start == 1 else ""
            if comment and len(lines) == 1:
                lines[0] = f"{lines[0]}  {comment}"
            replaced[start] = (end, lines)
        elif normalise(value) is not None:
            added.extend(dump_field(key, value))
    out: list[str] = []
    index = 0
    while index < len(yaml_lines):
        if index in replaced:
            end, lines = replaced[index]
            out.extend(lines)
            index = end
        else:
            out.append(yaml_lines[index])
            index += 1
    while out and not out[-1].strip() and added:
        out.pop()
    out.extend(added)
    closing, old_body = (tail[:1], tail[1:]) if tail else (["---"], [])
    body_lines = old_body
    if body is not None and body.strip() != "\n".join(old_body).strip():
        lead = next((i for i, line in enumerate(old_body) if line.strip()), len(old_body)) if old_body else 1
        body_lines = [""] * min(lead, 1) + body.strip("\n").split("\n") + [""]
    return "\n".join((head or ["---"]) + out + closing + body_lines)


def render_new(data: dict, body: str, order: list[str]) -> str:
    """A new plan file: fields in the schema's order, empty optional fields left out."""
    lines: list[str] = []
    for key in order + [k for k in data if k not in order]:
        if key in data and (normalise(data[key]) is not None or key in ("so_hieu", "ngay_ban_hanh")):
            lines.extend(dump_field(key, data[key]))
    return "\n".join(["---", *lines, "---", "", body.strip("\n"), ""])


def merge_list(original: str, items: list) -> str:
    """A top-level YAML list (plans/chuyen-muc.yml) with unchanged items kept as written, changed or new items
    written in block style, removed items dropped; the comments above the first item stay."""
    lines = clean_text(original).split("\n")
    node = yaml.compose(original) if original.strip() else None
    old = yaml.safe_load(original) if node is not None else None
    if not isinstance(node, yaml.SequenceNode) or not isinstance(old, list):
        return yaml.dump(items, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110)
    starts = [item.start_mark.line for item in node.value]
    spans = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
            end -= 1
        spans.append((start, end))
    head = lines[:starts[0]] if starts else [line for line in lines if line.startswith("#")]
    by_value = {}
    for (start, end), value in zip(spans, old):
        by_value.setdefault(_canonical(value), lines[start:end])
    out = list(head)
    for item in items:
        kept = by_value.get(_canonical(item))
        out.extend(kept if kept is not None else yaml.dump(
            [_for_yaml(item)], Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=110).rstrip("\n").split("\n"))
    return "\n".join(out).rstrip("\n") + "\n"


def _canonical(value) -> str:
    """Equal values, equal text: key order and spelling of dates and spaces aside."""
    return json.dumps(normalise(value), sort_keys=True, ensure_ascii=False, default=str)


def _inline_comment(line: str) -> str:
    """'# …' ending a one-line 'key: value  # …', or '' (a '#' inside quotes is part of the value)."""
    try:
        whole = load_yaml(line)
    except yaml.YAMLError:
        return ""
    for match in re.finditer(r"\s#", line):
        try:
            if load_yaml(line[:match.start()]) == whole:
                return line[match.start():].strip()
        except yaml.YAMLError:
            continue
    return ""
