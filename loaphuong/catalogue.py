"""Load every plan in plans/ with the topic registry, and check plans against each other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter
from .cache import Cache, digest
from .fingerprint import fingerprint
from .plan import Plan, share_values
from .problems import Problems
from .text import clean_text
from .topic import KINDS, Topic, TopicRegistry
from .validation import SLUG_PATTERN, validate

REGISTRY_NAME = "chuyen-muc.yml"
_last_load: dict = {}  # (path, bytes, registry) -> (plan, problems) of the previous load() in this process


@dataclass
class Catalogue:
    """All valid plans and topics, plus every problem met while loading them."""

    plans: list[Plan]
    topics: TopicRegistry
    problems: Problems = field(default_factory=Problems)
    files: int = 0  # plan files found in plans/ (valid or not)

    def published(self, today: dt.date) -> list[Plan]:
        """Published plans, newest first (by ngày ban hành, then ngày đăng)."""
        return newest_first(p for p in self.plans if p.is_published(today))

    def by_slug(self, slug: str) -> Plan | None:
        return next((p for p in self.plans if p.slug == slug), None)


def newest_first(plans) -> list[Plan]:
    """By ngày ban hành, then ngày đăng, then slug (so equal dates still order the same every build)."""
    return sorted(plans, key=lambda p: (p.sort_date, p.ngay_dang, p.slug), reverse=True)


def load(plans_dir: str | Path, root: str | Path | None = None, cache: Cache | None = None) -> Catalogue:
    """Read plans_dir; a broken plan is reported and skipped, never taking the others down.

    `cache`: the plans of the previous build, read back in one file instead of parsing and validating every
    plan's YAML again (a third of a warm build's start); a plan counts as unchanged when its path, its bytes
    and the topic registry are."""
    plans_dir = Path(plans_dir)
    root = Path(root) if root else plans_dir.parent
    problems = Problems()
    topics = load_topics(plans_dir / REGISTRY_NAME, _display(plans_dir / REGISTRY_NAME, root), problems)
    plans: list[Plan] = []
    files = plan_files(plans_dir)
    resolved_root = root.resolve()  # once, not once per plan (a third of loading 3,000 cached plans)
    memo: dict = {}
    registry = fingerprint(list(topics), [str(p) for p in problems])
    stored_key = cache.key("catalogue", registry) if cache is not None and cache.active else None
    stored = (cache.get(stored_key) or {}) if stored_key else {}
    for path in files:
        display = _display(path, root, resolved_root)
        if path.stat().st_size > 4 * frontmatter.MAX_PLAN_CHARS:  # refused unread, never kept in memory
            plan = load_plan(path, display, topics, problems)
        else:
            # `make serve` reloads every plan on each save: an unchanged file gives the same plan and problems.
            # Known by its digest: the file's bytes are not held from one load to the next.
            key = (display, digest(display, path.read_bytes()), registry)
            if key not in _last_load:
                known = stored.get(key[1])
                if known is None:
                    found = Problems()
                    known = (load_plan(path, display, topics, found), found.items)
                _last_load[key] = known
            plan, found = memo[key] = _last_load[key]
            problems.items.extend(found)
        if plan:
            plans.append(plan)
    _last_load.clear()
    _last_load.update(memo)
    if stored_key:
        now = {file_digest: value for (_, file_digest, _), value in memo.items()}
        if now.keys() != stored.keys():
            cache.put(stored_key, now)
    check_duplicates(plans, problems)
    share_values(plans)
    return Catalogue(plans=plans, topics=topics, problems=problems, files=len(files))


def plan_files(plans_dir: Path) -> list[Path]:
    """Plan files under plans_dir. Only names *inside* plans_dir decide what is skipped, never the folders
    above it (a checkout under ~/.local or /srv/.sites must publish the same site as anywhere else)."""
    return [path for path in sorted(plans_dir.rglob("*.md")) if path.is_file()
            and not is_ignored(path.relative_to(plans_dir))]


def is_ignored(relative: Path) -> bool:
    """Hidden files and folders, editor backups and lock files, READMEs: never plans."""
    if relative.name.lower() == "readme.md":
        return True
    return any(part.startswith((".", "#", "~")) or part.endswith(("~", "#", ".swp", ".bak", ".tmp", ".orig"))
               for part in relative.parts)


def load_plan(path: Path, display: str, topics: TopicRegistry, problems: Problems) -> Plan | None:
    text = _read_text(path, display, problems)
    if text is None:
        return None
    return load_plan_text(text, display, topics, problems)


def load_plan_text(text: str, display: str, topics: TopicRegistry, problems: Problems) -> Plan | None:
    try:
        doc = frontmatter.parse(text)
    except frontmatter.FrontMatterError as exc:
        problems.add(display, exc.line, exc.message, exc.hint, code="yaml")
        return None
    plan = validate(doc, display, topics, problems)
    if plan is not None:
        plan.digest = digest(display, text)
    return plan


def _read_text(path: Path, display: str, problems: Problems) -> str | None:
    """A staff file as text, or None with a problem: too big to be a plan, or not UTF-8."""
    size = path.stat().st_size
    if size > 4 * frontmatter.MAX_PLAN_CHARS:  # refused unread: no memory spent on a 20 MB paste
        problems.add(display, 1, f"tệp quá lớn ({size:,} byte)",
                     "một kế hoạch chỉ gồm phần thông tin và nội dung văn bản; tách hoặc rút gọn tệp", code="size")
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(display, line, "tệp không phải UTF-8 (có thể là mã TCVN3/VNI cũ)",
                     "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8", code="encoding")
        return None


def check_duplicates(plans: list[Plan], problems: Problems) -> None:
    """Same (term or year, số hiệu), or an address (slug or slug_cu) used twice: an error naming both files."""
    for label, keys in (("số hiệu", lambda p: [p.identity] if p.identity else []),
                        ("địa chỉ (slug)", lambda p: [p.slug, *p.slug_cu])):
        seen: dict = {}
        for plan in plans:
            for value in dict.fromkeys(keys(plan)):
                first = seen.setdefault(value, plan)
                if first is plan:
                    continue
                what = f"'{plan.so_hieu}' ({value[0]})" if label == "số hiệu" else f"'{value}'"
                problems.add(plan.source, 1, f"trùng {label} {what} với {first.source}",
                             "mỗi kế hoạch phải có số hiệu và địa chỉ riêng; xóa bản trùng hoặc đặt 'slug' khác",
                             code="duplicate")
                problems.add(first.source, 1, f"trùng {label} {what} với {plan.source}", code="duplicate")
    duplicated = {p.path for p in problems.errors if p.code == "duplicate"}
    plans[:] = [p for p in plans if p.source not in duplicated]


def load_topics(path: Path, display: str, problems: Problems) -> TopicRegistry:
    if not path.is_file():
        problems.add(display, 1, "không tìm thấy danh mục chuyên mục", "tạo tệp plans/chuyen-muc.yml",
                     code="registry")
        return TopicRegistry([])
    text = _read_text(path, display, problems)
    return TopicRegistry([]) if text is None else load_topics_text(text, display, problems)


def load_topics_text(text: str, display: str, problems: Problems) -> TopicRegistry:
    """The registry's YAML goes through the same guards as a plan's front-matter (frontmatter.compose)."""
    text = clean_text(text)
    try:
        if len(text) > frontmatter.MAX_FRONT_MATTER_CHARS:
            raise frontmatter.FrontMatterError(1, f"danh mục quá lớn ({len(text):,} ký tự)",
                                               "danh mục chỉ liệt kê chuyên mục; kiểm tra lại tệp")
        node = frontmatter.compose(text, offset=1)
        if node is not None:
            frontmatter.check_duplicate_keys(node, 1)
        data = frontmatter.construct(text, node, 1) if node is not None else None
    except frontmatter.FrontMatterError as exc:
        problems.add(display, exc.line, exc.message, exc.hint, code="yaml")
        return TopicRegistry([])
    if not isinstance(data, list):
        problems.add(display, 1, "danh mục chuyên mục phải là một danh sách",
                     "mỗi chuyên mục bắt đầu bằng '- slug: ...'", code="registry")
        return TopicRegistry([])
    topics, seen = [], set()
    for index, item in enumerate(data):
        line = node.value[index].start_mark.line + 1
        if not isinstance(item, dict) or not item.get("slug") or not item.get("ten"):
            problems.add(display, line, f"chuyên mục thứ {index + 1} cần có 'slug' và 'ten'", code="registry")
            continue
        slug, loai = str(item["slug"]).strip(), str(item.get("loai") or "chuyen-muc").strip()
        thu_tu = item.get("thu_tu") or 0
        if isinstance(thu_tu, bool) or not isinstance(thu_tu, int) or abs(thu_tu) > 1_000_000:
            problems.add(display, line, f"thu_tu của chuyên mục '{slug}' phải là số nguyên nhỏ",
                         "ví dụ: thu_tu: 10", code="registry")
            continue
        texts = {key: item.get(key) for key in ("ten", "mo_ta", "anh_bia")}
        wrong = [key for key, value in texts.items() if isinstance(value, (dict, list))]
        if wrong:
            problems.add(display, line, f"trường '{wrong[0]}' của chuyên mục '{slug}' phải là một đoạn chữ",
                         code="registry")
            continue
        if not SLUG_PATTERN.match(slug):
            problems.add(display, line, f"slug chuyên mục '{slug}' chỉ gồm chữ thường không dấu, số và '-'",
                         code="registry")
            continue
        if loai not in KINDS:
            problems.add(display, line, f"loại '{loai}' không hợp lệ", "dùng 'chuyen-trang' hoặc 'chuyen-muc'",
                         code="registry")
            continue
        if slug in seen:
            problems.add(display, line, f"chuyên mục '{slug}' bị khai báo hai lần", code="registry")
            continue
        seen.add(slug)
        topics.append(Topic(slug=slug, ten=str(item["ten"]).strip(), loai=loai,
                            mo_ta=(str(item["mo_ta"]).strip() if item.get("mo_ta") else None),
                            anh_bia=(str(item["anh_bia"]).strip() if item.get("anh_bia") else None),
                            thu_tu=thu_tu))
    return TopicRegistry(topics)


def _display(path: Path, root: Path, resolved_root: Path | None = None) -> str:
    try:
        return path.resolve().relative_to(resolved_root or root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
