"""Build time, peak memory and preview reload time with N synthetic plans, against MkDocs' own floor.

    .venv/bin/python scripts/benchmark.py [N] [--rounds R] [--no-serve]      (make bench N=3000)

The portal (every feature on) and the floor (stock MkDocs + Material + search over the same plan files as
plain Markdown pages, kept out of the nav like the portal's plan pages) are built alternately in one run,
so a busy machine slows both alike; ratios are of medians. Each build runs in a fresh process; its peak
memory is the largest resident set of any process of its tree (getrusage) and the sampled sum over the
tree (card and Q&A workers included). Rows: cold (nothing cached, every card drawn), warm (nothing
changed), edit (warm cache, one plan edited: what CI builds after a commit), add (one new plan file) and
day (the next day, nothing else changed: a daily build). Figures only, no assertions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODIES = ("Đảng ủy phường Mỹ Thới", "Chi bộ Khu phố 3", "Đảng ủy phường Bạch Đằng", "Ban Tuyên giáo Đảng ủy")
TOPICS = ("hoc-tap-quan-triet", "tuyen-truyen", "xay-dung-dang", "nghi-quyet-dai-hoi-xiv")
TODAY = "2026-11-24"

# Runs the build in a fresh process and reports the largest resident set of its process tree.
MEASURED = """
import resource, subprocess, sys
run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
sys.stderr.write(run.stderr[-3000:] if run.returncode else "")
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, run.returncode)
"""

FLOOR_CONFIG = """site_name: Floor
site_url: https://floor.example/
theme:
  name: material
plugins:
  - search
nav:
  - index.md
not_in_nav: |
  /ke-hoach/**
"""


def plan(i: int) -> str:
    year, month, day = 2020 + i % 7, 1 + i % 12, 1 + i % 28
    topics = "\n".join(f"  - {t}" for t in sorted({TOPICS[i % 4], TOPICS[(i // 4) % 4]}))
    return f"""---
so_hieu: {i}-KH/ĐU
trich_yeu: Tổ chức học tập, quán triệt văn bản số {i} của cấp ủy
co_quan_ban_hanh: {BODIES[i % len(BODIES)]}
ngay_ban_hanh: {year}-{month:02d}-{day:02d}
nguoi_ky: Nguyễn Văn A
chuc_vu: Phó Bí thư
chuyen_muc:
{topics}
tom_tat: Kế hoạch thử nghiệm số {i}, dùng để đo thời gian dựng trang.
can_cu:
  - loai: Kế hoạch
    so_hieu: {max(1, i - 1)}-KH/ĐU
su_kien:
  - ten: Hội nghị quán triệt số {i}
    ngay: {year}-{month:02d}-{day:02d}
    gio: "14:00"
thoi_han:
  - viec: Báo cáo kết quả số {i}
    han: {year}-Q{1 + (month - 1) // 3}
---

Thực hiện chỉ đạo của cấp trên, cấp ủy ban hành kế hoạch số {i}.

## I. MỤC ĐÍCH, YÊU CẦU

Nội dung mục đích của kế hoạch {i}.

## II. NỘI DUNG

1. Tổ chức học tập.
2. Tuyên truyền sâu rộng.
"""


def make_portal(base: Path, count: int) -> Path:
    project = base / "portal"
    for name in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "plans").mkdir()
    shutil.copy(ROOT / "plans" / "chuyen-muc.yml", project / "plans" / "chuyen-muc.yml")
    for i in range(1, count + 1):
        (project / "plans" / f"bench-{i:05d}.md").write_text(plan(i), encoding="utf-8")
    return project


def make_floor(base: Path, portal: Path) -> Path:
    project = base / "floor"
    (project / "docs" / "ke-hoach").mkdir(parents=True)
    (project / "mkdocs.yml").write_text(FLOOR_CONFIG, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Floor\n\nStock MkDocs over the same plans.\n", encoding="utf-8")
    for path in (portal / "plans").glob("*.md"):
        shutil.copy(path, project / "docs" / "ke-hoach" / path.name)
    return project


class TreeMemory:
    """Samples the summed resident memory of a process and its descendants (from /proc)."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.wait(0.1):
            self.peak = max(self.peak, _tree_rss(self.pid))

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def run_build(project: Path, site: Path, env: dict) -> dict:
    if site.exists():
        shutil.rmtree(site)
    command = [sys.executable, "-c", MEASURED, sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
               "-d", str(site)]
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, text=True)
    sampler = TreeMemory(proc.pid)
    out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    tree = sampler.stop()
    maxrss_kb, code = (int(x) for x in out.split())
    pages = sum(1 for _ in site.rglob("*.html")) if code == 0 else 0
    return {"ok": code == 0, "seconds": seconds, "rss_mb": maxrss_kb / 1024, "tree_mb": tree / 2**20,
            "pages": pages}


def edit_plan(project: Path, i: int, text: str) -> None:
    path = project / "plans" / f"bench-{i:05d}.md"
    path.write_text(re.sub(r"trich_yeu: .*", f"trich_yeu: {text}", path.read_text(encoding="utf-8"), count=1),
                    encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def edit_to_reload(project: Path, env: dict, edits: int = 3) -> list[float]:
    """`make serve ADDR=…` on the portal; time from writing a plan file to its served page showing the edit."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def get(path: str) -> str:
        try:
            with opener.open(url + path, timeout=30) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    bin_dir = Path(sys.executable).parent
    proc = subprocess.Popen(["make", "-f", str(ROOT / "Makefile"), "--no-print-directory", "-o", ".venv/.installed",
                             "-o", "editor/node_modules/.vendored", "serve", f"ADDR=127.0.0.1:{port}",
                             f"BIN={bin_dir}"],
                            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    times = []
    try:
        start = time.perf_counter()
        while "</html>" not in get(""):
            if proc.poll() is not None or time.perf_counter() - start > 1800:
                raise RuntimeError("make serve did not start")
            time.sleep(0.5)
        print(f"serve: first build and start {time.perf_counter() - start:.1f} s")
        count = len(list((project / "plans").glob("bench-*.md")))
        for n in range(edits):
            i = 1 + (n * 7919) % count
            path = project / "plans" / f"bench-{i:05d}.md"
            text = path.read_text(encoding="utf-8")
            marker = f"Đã sửa lần {n + 1} lúc {time.time():.0f}"
            slug = f"{2020 + i % 7}-{i}-kh-du"
            time.sleep(1.0)  # let the watcher settle between edits
            start = time.perf_counter()
            path.write_text(re.sub(r"trich_yeu: .*", f"trich_yeu: {marker}", text, count=1), encoding="utf-8")
            while marker not in get(f"ke-hoach/{slug}/"):
                if time.perf_counter() - start > 600:
                    raise RuntimeError("the edit never showed")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=60)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2,
                        help="warm portal and floor builds, alternating; then as many builds after a one-plan edit")
    parser.add_argument("--no-serve", action="store_true")
    args = parser.parse_args()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LOAPHUONG_TODAY=TODAY,
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    with tempfile.TemporaryDirectory(prefix="loaphuong-bench-") as tmp:
        base = Path(tmp)
        portal = make_portal(base, args.count)
        floor = make_floor(base, portal)
        print(f"plans: {args.count}, cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
        runs: dict[str, list[dict]] = {"floor": [], "cold": [], "warm": [], "edit": [], "add": [], "day": []}

        def record(label: str, result: dict) -> None:
            runs[label].append(result)
            per_plan = 1000 * result["seconds"] / args.count
            print(f"{label:5} {'ok' if result['ok'] else 'FAILED':6} {result['seconds']:7.1f} s  "
                  f"{per_plan:6.1f} ms/plan  {result['pages']:6} pages  peak {result['rss_mb']:5.0f} MB "
                  f"(tree {result['tree_mb']:5.0f} MB)", flush=True)

        # Alternating: floor, cold portal (nothing cached: cards to draw), then warm portal and floor in turn.
        record("floor", run_build(floor, base / "site-floor", env))
        record("cold", run_build(portal, base / "site-portal", env))
        for _ in range(args.rounds):
            record("warm", run_build(portal, base / "site-portal", env))
            record("floor", run_build(floor, base / "site-floor", env))
        # What CI meets after a commit: the warm cache, one plan's trích yếu changed (its pages, the listings
        # that show it, its search shard and feeds are redone).
        for n in range(args.rounds):
            edit_plan(portal, 1 + (n * 7919) % args.count, f"Sửa để đo lần {n + 1}")
            record("edit", run_build(portal, base / "site-portal", env))
            record("floor", run_build(floor, base / "site-floor", env))
        # A ward's everyday builds: a new plan published (its pages, the listings and feeds that show it),
        # and the next day with nothing else changed (a daily build: coming events become past).
        for n in range(args.rounds):
            i = args.count + 1 + n
            (portal / "plans" / f"bench-{i:05d}.md").write_text(plan(i), encoding="utf-8")
            shutil.copy(portal / "plans" / f"bench-{i:05d}.md", floor / "docs" / "ke-hoach")  # same plans
            record("add", run_build(portal, base / "site-portal", env))
            record("floor", run_build(floor, base / "site-floor", env))
        today = dt.date.fromisoformat(TODAY)
        for n in range(args.rounds):
            day = dict(env, LOAPHUONG_TODAY=(today + dt.timedelta(days=n + 1)).isoformat())
            record("day", run_build(portal, base / "site-portal", day))
            record("floor", run_build(floor, base / "site-floor", env))

        def median(label: str, key: str) -> float:
            return statistics.median(r[key] for r in runs[label])

        print("\nsummary (medians)")
        for label in ("floor", "cold", "warm", "edit", "add", "day"):
            print(f"  {label:5} {median(label, 'seconds'):7.1f} s  {median(label, 'rss_mb'):5.0f} MB  "
                  f"(tree {median(label, 'tree_mb'):5.0f} MB)  {median(label, 'pages'):6.0f} pages  "
                  f"{1000 * median(label, 'seconds') / args.count:6.1f} ms/plan")
        for label in ("warm", "edit", "add", "day", "cold"):
            print(f"  {label} / floor: time {median(label, 'seconds') / median('floor', 'seconds'):.2f}×, "
                  f"peak memory {median(label, 'rss_mb') / median('floor', 'rss_mb'):.2f}× "
                  f"(tree {median(label, 'tree_mb') / median('floor', 'tree_mb'):.2f}×)")
        if not args.no_serve:
            times = edit_to_reload(portal, env)
            print(f"  edit-to-reload in make serve: {', '.join(f'{t:.2f}' for t in times)} s "
                  f"(median {statistics.median(times):.2f} s)")


if __name__ == "__main__":
    main()
