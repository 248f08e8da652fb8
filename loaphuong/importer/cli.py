"""`python -m loaphuong import INPUT... [-o plans/]`: one draft plan per document, one summary line each."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..dates import DateError, build_date, parse_date
from ..problems import Problems
from ..text import slugify
from .extract import Extraction, extract_file
from .reader import ReadError
from .writer import render


def register(subparsers) -> None:
    p = subparsers.add_parser("import", help="nhập kế hoạch từ tệp .docx, .txt, .md thành bản nháp trong plans/")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="tệp văn bản cần nhập (.docx, .txt, .md)")
    p.add_argument("-o", "--plans", default="plans", help="thư mục kế hoạch (mặc định: plans)")
    p.add_argument("--force", action="store_true", help="ghi đè kế hoạch đã có cùng tên tệp")
    p.add_argument("--chuyen-muc", action="append", default=[], metavar="SLUG",
                   help="chuyên mục (slug trong plans/chuyen-muc.yml); lặp lại tối đa 3 lần")
    p.add_argument("--co-quan", metavar="TÊN", help="cơ quan ban hành, khi văn bản không có phần tiêu đề")
    p.add_argument("--ngay-dang", metavar="YYYY-MM-DD",
                   help="ngày đăng, dùng khi văn bản không ghi ngày ban hành (mặc định: hôm nay)")
    p.set_defaults(func=cmd_import)


def target_name(result: Extraction, stem: str) -> str:
    """The foundation's slug rule: year + số hiệu, or year + trích yếu when there is no number."""
    f = result.fields
    issued = f.get("ngay_ban_hanh")
    year = issued.year if isinstance(issued, dt.date) else None
    if year is None and isinstance(issued, str) and issued[-4:].isdigit():
        year = int(issued[-4:])
    if year is None:
        year = f["ngay_dang"].year
    return slugify(f"{year} {f.get('so_hieu') or f.get('trich_yeu') or stem}") or slugify(stem) or "ke-hoach"


def cmd_import(args: argparse.Namespace) -> int:
    from ..catalogue import REGISTRY_NAME, load_plan, load_topics

    plans = Path(args.plans)
    topics = load_topics(plans / REGISTRY_NAME, REGISTRY_NAME, Problems())
    if len(args.chuyen_muc) > 3:
        print("lỗi: tối đa 3 chuyên mục (--chuyen-muc)", file=sys.stderr)
        return 2
    unknown = [s for s in args.chuyen_muc if len(topics) and s not in topics]
    if unknown:
        print(f"lỗi: chuyên mục {', '.join(unknown)} không có trong {plans / REGISTRY_NAME}; "
              f"các chuyên mục hiện có: {', '.join(topics.slugs)}", file=sys.stderr)
        return 2
    try:
        ngay_dang = parse_date(args.ngay_dang) if args.ngay_dang else build_date()
    except DateError as exc:
        print(f"lỗi: --ngay-dang: {exc}", file=sys.stderr)
        return 2

    failures = 0
    for name in args.inputs:
        source = Path(name)
        try:
            result = extract_file(source)
        except ReadError as exc:
            print(f"✗ {exc}", file=sys.stderr)
            failures += 1
            continue
        f = result.fields
        if args.co_quan and not f.get("co_quan_ban_hanh"):
            f["co_quan_ban_hanh"] = args.co_quan
            result.comments["co_quan_ban_hanh"] = "Điền lúc nhập (--co-quan)."
        if not f.get("co_quan_ban_hanh"):
            result.comments.setdefault("co_quan_ban_hanh", "CẦN ĐIỀN: văn bản không ghi rõ cơ quan ban hành.")
        _place(f, "ngay_dang", None, after="ngay_ban_hanh")
        if not isinstance(f.get("ngay_ban_hanh"), dt.date):
            f["ngay_dang"] = ngay_dang
            result.comments["ngay_dang"] = ("Văn bản không có ngày ban hành hợp lệ: ngày đăng đặt là ngày nhập "
                                            f"({ngay_dang:%d/%m/%Y}); sửa nếu cần.")
        else:
            del f["ngay_dang"]
        f["chuyen_muc"] = list(args.chuyen_muc)
        if not args.chuyen_muc:
            result.comments["chuyen_muc"] = ("CẦN ĐIỀN: chọn 1-3 chuyên mục trong plans/chuyen-muc.yml: "
                                             + ", ".join(topics.slugs))
        f["ban_nhap"] = True
        target = plans / f"{target_name(result, source.stem)}.md"
        if target.exists() and not args.force:
            print(f"✗ {source.name}: {target} đã có, không ghi đè (thêm --force để ghi đè)", file=sys.stderr)
            failures += 1
            continue
        plans.mkdir(parents=True, exist_ok=True)
        target.write_text(render(result), encoding="utf-8")
        problems = Problems()
        load_plan(target, target.as_posix(), topics, problems)
        print(summary(source.name, target, result, problems))
    return 1 if failures else 0


def _place(fields: dict, key: str, value, after: str) -> None:
    """Insert `key` right after `after`, keeping the field order of the plan template."""
    items = list(fields.items())
    fields.clear()
    for k, v in items:
        fields[k] = v
        if k == after:
            fields[key] = value
    fields.setdefault(key, value)


def summary(name: str, target: Path, result: Extraction, problems: Problems) -> str:
    f = result.fields
    counts = [(len(f.get(k) or []), label) for k, label in (
        ("can_cu", "căn cứ"), ("van_ban_lien_quan", "văn bản liên quan"), ("su_kien", "sự kiện"),
        ("thoi_han", "thời hạn"), ("don_vi_trach_nhiem", "đơn vị"), ("noi_nhan", "nơi nhận"))]
    have = [k for k in ("so_hieu", "trich_yeu", "co_quan_ban_hanh", "ngay_ban_hanh", "nguoi_ky") if f.get(k)]
    parts = [f"{'✓' if not problems.errors else '!'} {name} → {target}",
             "có: " + ", ".join(have + [f"{n} {label}" for n, label in counts])]
    if result.missing:
        parts.append("thiếu (văn bản không ghi, để null): " + ", ".join(result.missing))
    human = list(dict.fromkeys(result.needs_human))
    if human:
        parts.append("cần người điền: " + ", ".join(human))
    if result.review:
        parts.append("cần kiểm tra: " + ", ".join(dict.fromkeys(k for k, _ in result.review)))
    line = " | ".join(parts)
    details = [f"    - {k}: {m}" for k, m in result.review]
    details += [f"    - check: {p.message}" for p in problems.errors]
    return "\n".join([line] + details)
