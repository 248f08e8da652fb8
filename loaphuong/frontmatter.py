"""Split a plan file into YAML front-matter and Markdown body, keeping line numbers.

Every value's line is recorded so validation can name file:line for staff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from .text import clean_text


# libyaml's parser when PyYAML has it: parsing is most of the cost of loading thousands of plans.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):
    """Safe loader where '14:00' stays a string: YAML 1.1 reads it as the integer 840."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:int"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"),
)

_FENCE = re.compile(r"^---[ \t]*$")


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str, hint: str = ""):
        super().__init__(message)
        self.line, self.message, self.hint = line, message, hint


@dataclass
class Document:
    data: dict
    body: str
    body_line: int  # file line where the body starts
    lines: dict[tuple, int] = field(default_factory=dict)  # value path -> file line

    def line_of(self, *path) -> int:
        """Line of a value, falling back to its nearest recorded parent, then to line 1."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def parse(text: str) -> Document:
    text = clean_text(text)
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        raise FrontMatterError(
            1, "tệp không bắt đầu bằng phần thông tin (front-matter)",
            "dòng đầu tiên của tệp phải là '---', sau đó là các trường YAML, rồi một dòng '---'",
        )
    for end in range(1, len(lines)):
        if _FENCE.match(lines[end]):
            break
    else:
        raise FrontMatterError(1, "phần thông tin (front-matter) không có dòng '---' kết thúc",
                               "thêm một dòng '---' sau trường YAML cuối cùng")
    yaml_text = "\n".join(lines[1:end])
    offset = 2  # YAML line 0 is file line 2
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = offset + (mark.line if mark else 0)
        raise FrontMatterError(line, f"YAML không hợp lệ: {exc.problem or exc}", _yaml_hint(exc)) from None
    if node is None:
        data: dict = {}
    elif not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(offset, "phần thông tin phải là các cặp 'khóa: giá trị'")
    else:
        _check_duplicate_keys(node, offset)
        data = _Loader(yaml_text).construct_document(node)
    positions: dict[tuple, int] = {}
    if node is not None:
        _record_lines(node, (), offset, positions)
    body = "\n".join(lines[end + 1:])
    return Document(data=data, body=body, body_line=end + 2, lines=positions)


def _record_lines(node, path: tuple, offset: int, out: dict) -> None:
    out[path] = node.start_mark.line + offset
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = path + (key.value,)
            out[child] = key.start_mark.line + offset
            _record_lines(value, child, offset, out)
            out[child] = key.start_mark.line + offset
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), offset, out)


def _check_duplicate_keys(node, offset: int) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + offset
            if key.value in seen:
                raise FrontMatterError(
                    line, f"trường '{key.value}' được khai báo hai lần (dòng {seen[key.value]} và dòng {line})",
                    "xóa một trong hai dòng",
                )
            seen[key.value] = line
            _check_duplicate_keys(value, offset)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_duplicate_keys(item, offset)


def _yaml_hint(exc: yaml.MarkedYAMLError) -> str:
    problem = str(exc.problem or "")
    if "mapping values are not allowed" in problem:
        return "giá trị có dấu hai chấm ':' phải đặt trong ngoặc kép, ví dụ: trich_yeu: \"Về việc: ...\""
    if "found character '\\t'" in problem:
        return "YAML không cho phép ký tự Tab; dùng dấu cách để thụt lề"
    if "could not find expected ':'" in problem:
        return "mỗi dòng phải có dạng 'khóa: giá trị'; kiểm tra dấu hai chấm và thụt lề"
    return "kiểm tra thụt lề (dùng dấu cách) và ngoặc kép ở dòng này và dòng trước đó"


_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: generated pages number in the thousands


def dump(meta: dict, width: int | None = None) -> str:
    """Front-matter block ('---\\n…---\\n\\n') for a generated page; MkDocs reads it back."""
    options = {"width": width} if width else {}
    return "---\n" + yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, **options) + "---\n\n"
