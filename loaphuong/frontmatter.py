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

# Bounds on what one plan may hold, so a hostile or broken file is refused quickly, in little memory.
MAX_PLAN_CHARS = 2_000_000  # the bundled plans are under 20 kB
MAX_FRONT_MATTER_LINES = 2_000
MAX_FRONT_MATTER_CHARS = 200_000
MAX_DEPTH = 8  # plans nest at most: key -> list -> record -> list
MAX_NODES = 20_000
# Tags staff values may have (implicit or written): anything else (!!python/…, !!binary, !!set…) is refused.
_ALLOWED_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null",
                                                               "timestamp", "seq", "map"))
# C0/C1 control characters (tab and newline allowed), lone surrogates and non-characters: never staff text.
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


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
    if len(text) > MAX_PLAN_CHARS:
        raise FrontMatterError(1, f"tệp quá lớn ({len(text):,} ký tự; tối đa {MAX_PLAN_CHARS:,})",
                               "một kế hoạch chỉ gồm phần thông tin và nội dung văn bản; tách hoặc rút gọn tệp")
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
    if end - 1 > MAX_FRONT_MATTER_LINES or len(yaml_text) > MAX_FRONT_MATTER_CHARS:
        raise FrontMatterError(1, f"phần thông tin quá dài ({end - 1:,} dòng, {len(yaml_text):,} ký tự; tối đa "
                                  f"{MAX_FRONT_MATTER_LINES:,} dòng, {MAX_FRONT_MATTER_CHARS:,} ký tự)",
                               "có thể thiếu dòng '---' kết thúc phần thông tin; nội dung văn bản đặt sau dòng đó")
    node = compose(yaml_text, offset)
    if node is None:
        data: dict = {}
    elif not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(offset, "phần thông tin phải là các cặp 'khóa: giá trị'")
    else:
        check_duplicate_keys(node, offset)
        data = construct(yaml_text, node, offset)
    positions: dict[tuple, int] = {}
    if node is not None:
        _record_lines(node, (), offset, positions)
    body = "\n".join(lines[end + 1:])
    bad = BAD_CHARS.search(body)
    if bad:
        raise FrontMatterError(end + 2 + body.count("\n", 0, bad.start()), _bad_char_message(bad.group()),
                               _BAD_CHAR_HINT)
    return Document(data=data, body=body, body_line=end + 2, lines=positions)


def compose(yaml_text: str, offset: int = 1):
    """YAML text -> node graph, refusing what staff never need and what could exhaust the machine.

    libyaml's composer is recursive and crashes the process on deep flow nesting ('[[[[…'), so text with
    many brackets first goes through an iterative pass over parser events that bounds nesting. Aliases,
    how a few lines expand into billions of values ("billion laughs"), are refused on the node graph,
    where they are still shared nodes, before anything expands them.
    """
    bad = BAD_CHARS.search(yaml_text)  # before libyaml, which cannot even encode a lone surrogate
    if bad:
        raise FrontMatterError(offset + yaml_text.count("\n", 0, bad.start()), _bad_char_message(bad.group()),
                               _BAD_CHAR_HINT)
    try:
        if yaml_text.count("[") + yaml_text.count("{") > _FLOW_BRACKETS:
            _bound_nesting(yaml_text, offset)
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = offset + (mark.line if mark else 0)
        raise FrontMatterError(line, f"YAML không hợp lệ: {exc.problem or exc}", _yaml_hint(exc)) from None
    except yaml.YAMLError as exc:  # ReaderError: control characters, lone surrogates
        position = getattr(exc, "position", 0) or 0
        char = getattr(exc, "character", None)
        message = _bad_char_message(chr(char) if isinstance(char, int) else str(char or "?"))
        raise FrontMatterError(offset + yaml_text.count("\n", 0, position), message, _BAD_CHAR_HINT) from None
    if node is not None:
        _check_nodes(node, offset)
    return node


# Plans use a handful of brackets ('chuyen_muc: [a, b]', 'su_kien: []'); past this many, nesting is
# bounded before libyaml composes (block nesting needs indentation, so the size limits already bound it).
_FLOW_BRACKETS = 200


def _bound_nesting(yaml_text: str, offset: int) -> None:
    depth = 0
    for event in yaml.parse(yaml_text, Loader=_Loader):
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise FrontMatterError(offset + event.start_mark.line,
                                       f"giá trị lồng nhau quá sâu (quá {MAX_DEPTH} cấp)",
                                       "kiểm tra thụt lề và các dấu '[', '{', '-'")
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1


def construct(yaml_text: str, node, offset: int):
    """Node graph -> Python values; a value that cannot be built (2025-13-45, a 5,000-digit number) is an error
    at its own line, never a traceback."""
    loader = _Loader(yaml_text)
    for scalar in _scalars(node):
        if scalar.tag in _CHECKED_TAGS:
            try:
                loader.construct_object(scalar, deep=True)
            except Exception as exc:  # noqa: BLE001 — '!!timestamp x' raises AttributeError, '!!bool x' KeyError…
                raise FrontMatterError(offset + scalar.start_mark.line, *_construct_message(scalar, exc)) from None
    try:
        return loader.construct_document(node)
    except Exception as exc:  # noqa: BLE001 — whatever PyYAML raises, staff get file:line, not a traceback
        mark = getattr(exc, "problem_mark", None)
        raise FrontMatterError(offset + (mark.line if mark else 0), f"giá trị không đọc được: {exc}",
                               "viết giá trị trong ngoặc kép nếu là chữ") from None


_CHECKED_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("int", "float", "timestamp", "bool", "null"))
_BAD_CHAR_HINT = ("xóa ký tự này (thường lẫn vào khi dán từ Word, PDF hay e-mail); "
                  "nếu không thấy, gõ lại dòng này")


def _bad_char_message(char: str) -> str:
    return f"có ký tự không hợp lệ (U+{ord(char[0]):04X}) — ký tự điều khiển hoặc mã Unicode hỏng" if char \
        else "có ký tự không hợp lệ"


def _construct_message(node, exc: Exception) -> tuple[str, str]:
    value = node.value if len(node.value) <= 40 else node.value[:40] + "…"
    if node.tag.endswith("timestamp"):
        why = f" ({exc})" if isinstance(exc, ValueError) else ""
        return (f"ngày/giờ '{value}' không có thật{why}",
                "ngày viết dạng yyyy-mm-dd với tháng 1–12 và ngày có trong tháng, ví dụ 2025-03-15")
    if not node.tag.endswith(("int", "float")):
        return (f"giá trị '{value}' không đọc được theo kiểu {node.tag.rsplit(':', 1)[-1]}",
                "bỏ phần '!!…' trước giá trị, đặt chữ trong ngoặc kép")
    return (f"số '{value}' không đọc được ({str(exc)[:60]})",
            "viết số trong giới hạn thông thường, hoặc đặt trong ngoặc kép nếu là chữ")


def _scalars(node):
    """Every scalar node, iteratively (anchors are refused earlier, so the graph is a tree)."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            yield current
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                stack.extend((key, value))


def _check_nodes(node, offset: int) -> None:
    """Only the plain types staff write, as a tree: no aliases, no merge keys, no tags that build objects
    or bytes, bounded depth and size. Iterative, and stops at the first alias, so a bomb never expands."""
    stack = [(node, 1, offset + node.start_mark.line)]
    seen: set[int] = set()
    while stack:
        current, depth, line = stack.pop()
        if id(current) in seen:
            raise FrontMatterError(line, "không dùng neo và bí danh YAML ('&ten', '*ten')",
                                   "viết đầy đủ giá trị ở từng chỗ cần dùng")
        seen.add(id(current))
        if len(seen) > MAX_NODES:
            raise FrontMatterError(line, f"phần thông tin có quá nhiều giá trị (quá {MAX_NODES:,})",
                                   "một kế hoạch không cần nhiều trường như vậy; kiểm tra lại tệp")
        if depth > MAX_DEPTH + 1:
            raise FrontMatterError(line, f"giá trị lồng nhau quá sâu (quá {MAX_DEPTH} cấp)",
                                   "kiểm tra thụt lề và các dấu '[', '{', '-'")
        if current.tag == "tag:yaml.org,2002:merge":
            raise FrontMatterError(line, "không dùng khóa gộp YAML ('<<')", "viết đầy đủ từng trường")
        if current.tag not in _ALLOWED_TAGS:
            raise FrontMatterError(line, f"kiểu giá trị YAML '{current.tag.replace('tag:yaml.org,2002:', '!!')}' "
                                         "không được dùng", "bỏ phần '!!…' và viết giá trị bình thường")
        if isinstance(current, yaml.ScalarNode):
            bad = BAD_CHARS.search(current.value)
            if bad:
                raise FrontMatterError(line, _bad_char_message(bad.group()), _BAD_CHAR_HINT)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend((item, depth + 1, offset + item.start_mark.line) for item in reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                key_line = offset + key.start_mark.line
                if not isinstance(key, yaml.ScalarNode):
                    raise FrontMatterError(key_line, "tên trường phải là một từ, không phải danh sách hay nhóm",
                                           "mỗi dòng có dạng 'khóa: giá trị'")
                # An alias's own node marks point at its anchor: report it at the key that uses it.
                stack.extend(((value, depth + 1, key_line), (key, depth + 1, key_line)))


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


def check_duplicate_keys(node, offset: int) -> None:
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
            check_duplicate_keys(value, offset)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            check_duplicate_keys(item, offset)


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
