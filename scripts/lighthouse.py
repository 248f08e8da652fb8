"""Lighthouse (mobile) scores for every kind of page of a built site.

    python scripts/lighthouse.py [SITE_DIR] [--runs N] [--json OUT]

Serves SITE_DIR (default site/) on 127.0.0.1, runs Lighthouse 12.2.3 from tools/lighthouse/ (installed by
`make lighthouse`, which runs this) on Debian's chromium ($CHROME_PATH, default /usr/bin/chromium), and prints
a Markdown table of accessibility, best-practices, SEO and performance per page kind (median of N runs).
Exits 1 when a page scores below 100 on the first three or below 95 on performance. Not part of `make test`:
a run takes about 20 s a page.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaphuong.a11y import page_kinds  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices", "seo", "performance")
TARGET = {"accessibility": 100, "best-practices": 100, "seo": 100, "performance": 95}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    """Serves the site as the production web server does: text compressed with gzip when asked."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", "")
                or path.suffix not in (".html", ".css", ".js", ".json", ".xml", ".svg")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(body)


def run_once(url: str, chrome: str) -> tuple[dict[str, int], list[str]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
             "--only-categories=" + ",".join(CATEGORIES), "--locale=vi",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            check=True, env=dict(os.environ, CHROME_PATH=chrome), cwd=tmp)
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    failing = sorted({ref["id"] for c in CATEGORIES for ref in report["categories"][c]["auditRefs"]
                      if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 0.9})
    return scores, failing


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", default=str(ROOT / "site"))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--json", help="write the scores here too")
    args = parser.parse_args(argv)
    chrome = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    if not LIGHTHOUSE.exists():
        sys.exit(f"Chưa cài Lighthouse: chạy `make lighthouse` (cài vào {LIGHTHOUSE.parent.parent}).")
    kinds = page_kinds(args.site)
    handler = functools.partial(_Quiet, directory=args.site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results, ok = {}, True
    print("| trang | địa chỉ | " + " | ".join(CATEGORIES) + " | điểm chưa đạt |")
    print("|---|---|" + "---|" * len(CATEGORIES) + "---|")
    for kind, path in kinds.items():
        runs = [run_once(base + path, chrome) for _ in range(args.runs)]
        scores = {c: int(statistics.median(r[0][c] for r in runs)) for c in CATEGORIES}
        failing = sorted(set().union(*(r[1] for r in runs)))
        results[kind] = {"url": "/" + path, **scores, "failing": failing}
        ok &= all(scores[c] >= TARGET[c] for c in CATEGORIES)
        print(f"| {kind} | /{path} | " + " | ".join(str(scores[c]) for c in CATEGORIES)
              + f" | {', '.join(failing)} |", flush=True)
    server.shutdown()
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
