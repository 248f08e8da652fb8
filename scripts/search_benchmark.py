"""Search at 100, 1,000 and 3,000 plans: index size, bytes a first query downloads, time to first results.

    .venv/bin/python scripts/search_benchmark.py [N ...]      (default 100 1000 3000; `make bench-search`)
    .venv/bin/python scripts/search_benchmark.py --site DIR   (measure a site already built)

Each size is built like `make site` (tests/search_corpus.py plans), served over HTTP, and searched from
the header search box in Chromium, a fresh browser context (empty cache) per query. Bytes are counted
from the network (response bodies as transferred). For comparison it prints what one lunr JSON index of
the same records weighs (Material's approach), full and trimmed to titles and metadata. Figures only.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from conftest import make_project, run_mkdocs_build, serve_directory  # noqa: E402
from search_corpus import corpus  # noqa: E402

from loaphuong.search.pagefind_index import read_fragments  # noqa: E402
from loaphuong.search.normalize import index_text  # noqa: E402

QUERIES = ("hoc tap quan triet", "173-KH/ĐU", "Trần Thị Hòa", "ho ten nguoi ky", "dien ban bac")
MIB = 1024 * 1024
WORKER = "assets/javascripts/loaphuong/search-worker.js"


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def lunr_sizes(site: Path) -> tuple[int, int]:
    """Bytes of one lunr-style JSON of these records: full text accented + folded, and trimmed."""
    full, trimmed = [], []
    for r in read_fragments(site):
        meta = r["meta"]
        head = " ".join(meta.get(k, "") for k in ("title", "s", "m"))
        full.append({"location": r["url"], "title": meta.get("title", ""),
                     "text": f"{head} {meta.get('o', '')} {index_text(head + ' ' + meta.get('o', ''))}"})
        trimmed.append({"location": r["url"], "title": meta.get("title", ""), "text": index_text(head)})
    size = lambda docs: len(json.dumps({"docs": docs}, ensure_ascii=False).encode())  # noqa: E731
    return size(full), size(trimmed)


def first_query(browser, url: str, query: str, site: Path) -> tuple[float, int, int]:
    """(seconds from the key press to results shown, bytes for the query, bytes of search at page load)."""
    context = browser.new_context()
    page = context.new_page()
    sizes: list[tuple[str, int]] = []
    page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    at_load = sum(s for u, s in sizes if "search" in u or "pagefind" in u)
    # Chromium reports 0 for a worker's own script: count its file.
    at_load += sum((site / WORKER).stat().st_size for u, s in sizes if WORKER in u and not s)
    sizes.clear()
    page.click(".md-search__input")
    page.fill(".md-search__input", query)
    start = time.perf_counter()
    page.press(".md-search__input", "End")
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    context.close()
    return seconds, sum(s for _, s in sizes), at_load


def measure(browser, site: Path, label: str, build: float) -> None:
    full, trimmed = lunr_sizes(site)
    with serve_directory(site) as url:
        runs = [first_query(browser, url, q, site) for q in QUERIES]
    times = [r[0] for r in runs]
    shards = 1 + len(list((site / "pagefind").glob("shard-*")))  # Pagefind indexes the browser merges
    print(f"{label} | {build:.0f} | {tree_size(site / 'pagefind') / MIB:.1f} MiB in {shards} shards | "
          f"{full / MIB:.1f} / {trimmed / MIB:.1f} MiB | "
          f"{statistics.median(r[1] for r in runs) / 1024:.0f} KiB ({max(r[1] for r in runs) / 1024:.0f} KiB) | "
          f"{statistics.median(times):.2f} s ({max(times):.2f} s) | {runs[0][2] / 1024:.0f} KiB", flush=True)
    for q, (s, b, _) in zip(QUERIES, runs):
        print(f"    {q!r}: {b / 1024:.0f} KiB, {s:.2f} s", flush=True)


def main() -> None:
    from playwright.sync_api import sync_playwright

    args = sys.argv[1:]
    sites = [Path(a) for a in args[1:]] if args[:1] == ["--site"] else []
    counts = [] if sites else [int(a) for a in args] or [100, 1000, 3000]
    chromium = os.environ.get("LOAPHUONG_CHROMIUM", "/usr/bin/chromium")
    print("plans | build s | pagefind/ on disk, shards | lunr JSON full / trimmed | first query: bytes (max) | "
          "time to results median (max) | search bytes at page load")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for site in sites:
            plans = len([d for d in (site / "ke-hoach").iterdir() if d.is_dir()])
            measure(browser, site, str(plans), 0)
        for count in counts:
            with tempfile.TemporaryDirectory(prefix="loaphuong-search-bench-") as tmp:
                project = make_project(Path(tmp), corpus(count), keep_bundled=True)
                start = time.perf_counter()
                result = run_mkdocs_build(project, Path(tmp) / "site")
                if result.returncode:
                    sys.exit(result.output[-3000:])
                measure(browser, result.site_dir, str(count), time.perf_counter() - start)
                # Pagefind runs (each shard's peak memory with LOAPHUONG_SEARCH_MEASURE=1), from the build's log.
                print("    " + next((line.split("-  ", 1)[-1] for line in result.output.splitlines()
                                     if "Chỉ mục tìm kiếm" in line), "(no index log)"), flush=True)
        browser.close()


if __name__ == "__main__":
    main()
