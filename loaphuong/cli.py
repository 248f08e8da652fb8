"""Command line: `python -m loaphuong check|new|…`. Thin: the work is done by the package."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import catalogue, sanitize, scaffold
from .dates import build_date


def cmd_check(args: argparse.Namespace) -> int:
    cat = catalogue.load(args.plans)
    # What the sanitiser will take out of bodies and chuyên trang intros (docs/chuyen-trang/*.md).
    for plan in cat.plans:
        sanitize.warn_removals(plan.body, plan.source, plan.body_line, cat.problems)
    intros = Path(args.plans).parent / "docs" / "chuyen-trang"
    for path in sorted(intros.glob("*.md")) if intros.is_dir() else []:
        text = path.read_text(encoding="utf-8", errors="replace")
        body, line = _strip_front_matter(text)
        sanitize.warn_removals(body, f"docs/chuyen-trang/{path.name}", line, cat.problems)
    for problem in cat.problems:
        print(problem, file=sys.stderr if problem.is_error else sys.stdout)
    today = build_date()
    published = cat.published(today)
    print(f"Đã đọc {len(cat.plans)} kế hoạch hợp lệ ({len(published)} đang đăng), "
          f"{len(cat.problems.errors)} lỗi, {len(cat.problems.warnings)} cảnh báo.")
    return 1 if cat.problems.errors else 0


def _strip_front_matter(text: str) -> tuple[str, int]:
    """(body, its first line) of a Markdown page that may start with a '---' front-matter block."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() == "---":
                return "\n".join(lines[end + 1:]), end + 2
    return text, 1


def cmd_new(args: argparse.Namespace) -> int:
    target = scaffold.write_new_plan(Path(args.plans), args.ten, build_date(), force=args.force)
    print(f"Đã tạo {target}. Mở tệp, điền các trường rồi chạy: python -m loaphuong check")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m loaphuong", description="Công cụ kế hoạch Loa Phường")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="kiểm tra mọi kế hoạch trong plans/")
    check.add_argument("--plans", default="plans", help="thư mục kế hoạch (mặc định: plans)")
    check.set_defaults(func=cmd_check)

    new = sub.add_parser("new", help="tạo tệp kế hoạch mới với đủ các trường")
    new.add_argument("ten", nargs="?", default="ke-hoach-moi", help="tên tệp (không dấu), ví dụ 173-kh-du")
    new.add_argument("--plans", default="plans")
    new.add_argument("--force", action="store_true", help="ghi đè nếu tệp đã có")
    new.set_defaults(func=cmd_new)

    from .importer.cli import register as register_import
    register_import(sub)
    from .editor.cli import register as register_editor
    register_editor(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (FileExistsError, FileNotFoundError) as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 2
