"""Caching and the incremental preview are correct: cached builds are byte-identical to uncached ones, and
`make serve` (mkdocs serve --dirty) shows what a clean build shows after every kind of edit.

Timing lives in `make bench` (scripts/benchmark.py), never here.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, make_project, run_mkdocs_build

PLAN = """---
so_hieu: {so}-KH/ĐU
trich_yeu: {trich_yeu}
co_quan_ban_hanh: Đảng ủy phường Mỹ Thới
ngay_ban_hanh: 2026-03-{day:02d}
nguoi_ky: Nguyễn Văn A
chuc_vu: Phó Bí thư
chuyen_muc:
  - {topic}
tom_tat: Tóm tắt kế hoạch {so}.
can_cu:
  - loai: Kế hoạch
    so_hieu: {cite}-KH/ĐU
su_kien:
  - ten: Hội nghị quán triệt số {so}
    ngay: 2026-12-{day:02d}
    gio: "14:00"
---

Thực hiện chỉ đạo của cấp trên, cấp ủy ban hành kế hoạch số {so}.

## I. MỤC ĐÍCH, YÊU CẦU

Nội dung mục đích của kế hoạch {so}.

## II. NỘI DUNG

1. Tổ chức học tập.
2. Tuyên truyền sâu rộng.
"""


def plan_text(so: int, trich_yeu: str | None = None, topic: str = "tuyen-truyen", cite: int | None = None) -> str:
    return PLAN.format(so=so, trich_yeu=trich_yeu or f"Tổ chức học tập văn bản số {so}", day=1 + so % 27,
                       topic=topic, cite=cite or so + 1)


def tree(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def modes(directory: Path) -> dict[str, int]:
    return {str(p.relative_to(directory)): p.stat().st_mode & 0o777 for p in directory.rglob("*") if p.is_file()}


def assert_same_tree(a: Path, b: Path) -> None:
    left, right = tree(a), tree(b)
    assert sorted(left) == sorted(right)
    different = [name for name in left if left[name] != right[name]]
    assert not different, different[:10]
    # Files linked from .cache/ are readable as the files MkDocs writes (nginx runs as another user).
    left_modes, right_modes = modes(a), modes(b)
    different = [name for name in left_modes if left_modes[name] != right_modes[name]]
    assert not different, [(name, oct(left_modes[name]), oct(right_modes[name])) for name in different[:10]]


def build(project: Path, out: Path, cache: bool = True):
    env = {} if cache else {"LOAPHUONG_CACHE": "0"}
    old = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        result = run_mkdocs_build(project, out)
    finally:
        for key, value in old.items():
            os.environ.pop(key) if value is None else os.environ.__setitem__(key, value)
    assert result.returncode == 0, result.output
    return result


def short_feeds(project: Path) -> None:
    """Feeds of one plan each: the other plans' pages are never converted when their finished HTML is
    cached (only plans a feed carries are), as in a real archive."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "length: 50" in text
    config.write_text(text.replace("length: 50", "length: 1", 1), encoding="utf-8")


def test_cached_builds_are_byte_identical_to_uncached(tmp_path):
    plans = {f"p{i}.md": plan_text(100 + i, cite=100 + (i + 1) % 6) for i in range(6)}
    project = make_project(tmp_path, plans)
    short_feeds(project)
    build(project, tmp_path / "plain", cache=False)
    assert not (project / ".cache" / "pages").exists()
    build(project, tmp_path / "cold")
    entries = list((project / ".cache" / "pages").rglob("*.pickle"))
    assert len(entries) > 20 and list((project / ".cache" / "qa").rglob("*.pickle"))
    build(project, tmp_path / "warm")
    assert_same_tree(tmp_path / "plain", tmp_path / "cold")
    assert_same_tree(tmp_path / "plain", tmp_path / "warm")

    # An edit, a new plan and a deletion: the warm cache gives what a build without it gives.
    (project / "plans" / "p1.md").write_text(plan_text(101, "Tiêu đề đã sửa", cite=105), encoding="utf-8")
    (project / "plans" / "p6.md").write_text(plan_text(106, topic="hoc-tap-quan-triet"), encoding="utf-8")
    (project / "plans" / "p2.md").unlink()
    build(project, tmp_path / "warm2")
    build(project, tmp_path / "plain2", cache=False)
    assert_same_tree(tmp_path / "plain2", tmp_path / "warm2")
    page = (tmp_path / "warm2" / "ke-hoach" / "2026-101-kh-du" / "index.html").read_text(encoding="utf-8")
    assert "Tiêu đề đã sửa" in page


def _written_since(project: Path, since: float) -> int:
    """Finished pages stored since `since`: the pages that build rendered (a hit is not stored again)."""
    return sum(1 for p in (project / ".cache" / "output").rglob("*.pickle") if p.stat().st_mtime > since)


def test_a_new_plan_or_a_new_day_re_renders_only_the_pages_that_show_it(tmp_path):
    """A ward's everyday builds: a plan added, a plan removed, the next day (a plan dated for it appears,
    events move from coming to past). Each re-renders the pages that show the change, not every page, and
    gives what a build without cache gives that day."""
    plans = {f"p{i}.md": plan_text(500 + i, topic=("tuyen-truyen", "hoc-tap-quan-triet")[i % 2],
                                    cite=500 + (i + 1) % 6) for i in range(6)}
    plans["p6.md"] = plan_text(506).replace("tom_tat:", "ngay_dang: 2026-12-05\ntom_tat:")  # published on 5/12
    project = make_project(tmp_path, plans)
    build(project, tmp_path / "cold")
    pages = len(list((project / ".cache" / "output").rglob("*.pickle")))
    assert pages > 30

    steps = [
        ("added", lambda: (project / "plans" / "p7.md").write_text(plan_text(507), encoding="utf-8"), TODAY),
        ("removed", lambda: (project / "plans" / "p3.md").unlink(), TODAY),
        ("next day", lambda: None, "2026-11-25"),
        ("plan dated today, events past", lambda: None, "2026-12-10"),
    ]
    for name, change, today in steps:
        change()
        since = time.time()
        warm = run_mkdocs_build(project, tmp_path / f"warm-{name}", today=today)
        assert warm.returncode == 0, warm.output
        rendered = _written_since(project, since)
        with_cache_off(lambda: run_mkdocs_build(project, tmp_path / f"plain-{name}", today=today))
        assert_same_tree(tmp_path / f"plain-{name}", tmp_path / f"warm-{name}")
        assert rendered < pages / 2, (name, rendered, pages)
    assert (tmp_path / "warm-plan dated today, events past" / "ke-hoach" / "2026-506-kh-du" / "index.html").is_file()
    assert not (tmp_path / "warm-next day" / "ke-hoach" / "2026-506-kh-du").exists()


def with_cache_off(run):
    old = os.environ.get("LOAPHUONG_CACHE")
    os.environ["LOAPHUONG_CACHE"] = "0"
    try:
        result = run()
    finally:
        os.environ.pop("LOAPHUONG_CACHE") if old is None else os.environ.__setitem__("LOAPHUONG_CACHE", old)
    assert result.returncode == 0, result.output
    return result


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# Site-wide changes, each on its own (one change's key must not hide behind another's): the file, the text
# replaced, its replacement, a page where the change must show, and what shows there.
SITE_WIDE_CHANGES = [
    ("overrides/plan.html", "{% block content %}", "{% block content %}<p>Mẫu đã đổi</p>",
     "ke-hoach/2026-401-kh-du/", "<p>Mẫu đã đổi</p>"),
    ("docs/huong-dan-soan-ke-hoach.md", "\n## ", "\nĐoạn hướng dẫn mới.\n\n## ", "huong-dan-soan-ke-hoach/",
     "Đoạn hướng dẫn mới."),
    ("plans/chuyen-muc.yml", "ten: Học tập, quán triệt Nghị quyết Đại hội XIV của Đảng", "ten: Chuyên trang đã đổi tên",
     "", "Chuyên trang đã đổi tên"),
    # A chuyên trang's description alone (its slug and name unchanged) shows on its page.
    ("plans/chuyen-muc.yml", "mo_ta: >-\n    Các kế hoạch tuyên truyền", "mo_ta: >-\n    Mô tả đã sửa. Các kế hoạch tuyên truyền",
     "chuyen-trang/nghi-quyet-dai-hoi-xiv/", "Mô tả đã sửa."),
    # mkdocs.yml: the footer and the header of every page, plans and Q&A included.
    ("mkdocs.yml", "copyright: Loa Phường —", "copyright: Loa Phường (bản thử) —", "ke-hoach/2026-401-kh-du/",
     "Loa Phường (bản thử)"),
    ("mkdocs.yml", "site_name: Loa Phường", "site_name: Loa Phường Mỹ Thới", "hoi-dap/2026-402-kh-du/",
     "Loa Phường Mỹ Thới"),
]


def test_finished_pages_are_cached_and_follow_every_site_wide_change(tmp_path):
    """Unchanged pages are not rendered again (their HTML comes from .cache/output), and each change that
    touches every page — a template, a hand-written page, the chuyên mục registry, mkdocs.yml — gives the
    same site as a build without any cache."""
    plans = {f"p{i}.md": plan_text(400 + i, cite=400 + (i + 1) % 4) for i in range(4)}
    project = make_project(tmp_path, plans)
    build(project, tmp_path / "cold")
    assert len(list((project / ".cache" / "output").rglob("*.pickle"))) > 20
    for step, (name, old, new, page, shown) in enumerate(SITE_WIDE_CHANGES):
        _edit(project / name, old, new)
        build(project, tmp_path / f"warm-{step}")
        build(project, tmp_path / f"plain-{step}", cache=False)
        assert_same_tree(tmp_path / f"plain-{step}", tmp_path / f"warm-{step}")
        assert shown.encode() in tree(tmp_path / f"warm-{step}")[page + "index.html"], (name, shown)


PRUNER = """
import os, shutil
from pathlib import Path

def on_env(env, config, files):
    if os.environ.get("TEST_PRUNE_OUTPUT"):
        output = Path(config.config_file_path).parent / ".cache" / "output"
        Path(os.environ["TEST_PRUNE_OUTPUT"]).write_text(str(len(list(output.rglob("*.pickle")))))
        shutil.rmtree(output)
"""


def test_the_cache_keeps_one_site_and_survives_entries_deleted_mid_build(tmp_path):
    plans = {f"p{i}.md": plan_text(500 + i) for i in range(3)}
    project = make_project(tmp_path, plans)
    # Outside hooks/ (whose code is part of every cache key): another build pruning the cache while this one
    # runs, deleting the finished pages found when pages were read, before they are written.
    (project / "testing").mkdir()
    (project / "testing" / "pruner.py").write_text(PRUNER, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - hooks/render_cache.py\n", "  - hooks/render_cache.py\n  - testing/pruner.py\n"), encoding="utf-8")
    build(project, tmp_path / "plain", cache=False)
    build(project, tmp_path / "cold")
    output = project / ".cache" / "output"
    first = {p.name for p in output.rglob("*.pickle")}
    marker = tmp_path / "pruned.txt"
    os.environ["TEST_PRUNE_OUTPUT"] = str(marker)
    try:
        build(project, tmp_path / "pruned")
    finally:
        del os.environ["TEST_PRUNE_OUTPUT"]
    assert int(marker.read_text()) == len(first) > 20  # every page had been found, and was deleted
    assert_same_tree(tmp_path / "plain", tmp_path / "pruned")  # each converted and rendered again

    build(project, tmp_path / "again")
    (project / "plans" / "p1.md").write_text(plan_text(501, "Tiêu đề mới"), encoding="utf-8")
    build(project, tmp_path / "edited")
    pages = len(list((tmp_path / "edited").rglob("index.html")))
    kept = {p.name for p in output.rglob("*.pickle")}
    assert len(kept) <= pages and kept != first  # one site's pages, not every version ever built
    qa_entries = list((project / ".cache" / "qa").rglob("*.pickle"))
    assert len(qa_entries) == len(list((project / "plans").glob("*.md")))


def test_the_offline_bundle_is_the_same_from_a_warm_cache(tmp_path):
    """The meeting-room zip indexes pages with Material's own search: cached pages must still feed it."""
    project = make_project(tmp_path, {"p1.md": plan_text(601), "p2.md": plan_text(602)})
    os.environ["OFFLINE"] = "true"
    try:
        build(project, tmp_path / "plain", cache=False)
        build(project, tmp_path / "cold")
        build(project, tmp_path / "warm")
    finally:
        del os.environ["OFFLINE"]
    assert_same_tree(tmp_path / "plain", tmp_path / "warm")
    index = (tmp_path / "warm" / "search" / "search_index.js").read_text(encoding="utf-8")
    assert "Tổ chức học tập văn bản số 601" in index


def test_a_damaged_cache_entry_is_a_miss(tmp_path):
    project = make_project(tmp_path, {"p1.md": plan_text(201)})
    build(project, tmp_path / "plain", cache=False)
    build(project, tmp_path / "cold")
    for entry in (project / ".cache").rglob("*.pickle"):
        entry.write_bytes(b"\x80garbage")
    build(project, tmp_path / "damaged")
    assert_same_tree(tmp_path / "plain", tmp_path / "damaged")


def test_a_broken_link_fails_strict_builds_with_a_warm_cache(tmp_path):
    """A render that warned is never cached: the warning, and the --strict failure, come back every time."""
    text = plan_text(301).replace("2. Tuyên truyền sâu rộng.", "2. Xem [mục này](khong-co.md).")
    project = make_project(tmp_path, {"p1.md": text})
    for _ in range(2):
        result = run_mkdocs_build(project, tmp_path / "site")
        assert result.returncode != 0 and "khong-co.md" in result.output


def test_links_to_anchors_of_cached_pages_are_still_checked(tmp_path):
    """A cached page is not converted again: the anchors it has and the anchors it links to come back with
    its finished HTML, so MkDocs' anchor check stays right both ways."""
    project = make_project(tmp_path, {f"p{i}.md": plan_text(700 + i, cite=700) for i in range(3)})
    short_feeds(project)
    guide = project / "docs" / "huong-dan-soan-ke-hoach.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nXem [nội dung](ke-hoach/2026-701-kh-du.md#ii-noi-dung).\n",
                     encoding="utf-8")
    # A cited plan's page links to the citing plan's section: a link from one cached page to another.
    cited = project / "plans" / "p0.md"
    cited.write_text(cited.read_text(encoding="utf-8") + "\nXem thêm [mục II](2026-702-kh-du.md#ii-noi-dung).\n",
                     encoding="utf-8")
    for name in ("cold", "warm"):
        result = build(project, tmp_path / name)
        assert "ii-noi-dung" not in result.output
    target = project / "plans" / "p2.md"
    target.write_text(target.read_text(encoding="utf-8").replace("## II. NỘI DUNG", "## II. NHIỆM VỤ"), encoding="utf-8")
    other = project / "plans" / "p1.md"
    other.write_text(other.read_text(encoding="utf-8").replace("## II. NỘI DUNG", "## II. NHIỆM VỤ"), encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "edited")
    # The guide (converted every build) and the cached p0 page both lost their targets: both are reported.
    assert result.returncode != 0
    warnings = [line for line in result.output.splitlines() if "ii-noi-dung" in line]
    assert any("huong-dan-soan-ke-hoach.md" in line for line in warnings), result.output
    assert any("2026-700-kh-du" in line for line in warnings), result.output


# --- make serve -------------------------------------------------------------------------------------

REFERENCE = textwrap.dedent("""
    import sys
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    if __name__ == "__main__":
        out, url = sys.argv[1], sys.argv[2]
        config = load_config("mkdocs.yml", site_dir=out)
        config.site_url = url
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url=url, dirty=False)
""")
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function\(.*?livereload\(\d+, \d+\);\s*</script>", re.S)  # serve adds it


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never through a proxy


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with _LOCAL.open(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, b""  # not listening yet


class Preview:
    """`make serve` on a project copy: mkdocs serve --dirty --livereload -a 127.0.0.1:PORT."""

    def __init__(self, project: Path, tmp: Path):
        self.project, self.tmp, self.port = project, tmp, free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        # A small search shard size: the index is several shards, as at a ward's whole archive.
        self.env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LOAPHUONG_TODAY=TODAY, PYTHONPATH=str(ROOT),
                        LOAPHUONG_SEARCH_SHARD_BYTES="40000")
        self.log = open(tmp / "serve.log", "w")
        command = shutil.which("make")
        assert command, "make is needed for `make serve`"
        # Exactly `make serve ADDR=…` (the Makefile's own recipe), with the project copy as working directory.
        # -o: the venv and the editor bundle are the suite's own (set up by `make test`), never reinstalled here.
        self.proc = subprocess.Popen(
            [command, "-f", str(ROOT / "Makefile"), "--no-print-directory", "-o", ".venv/.installed",
             "-o", "editor/node_modules/.vendored", "serve",
             f"ADDR=127.0.0.1:{self.port}", f"BIN={Path(sys.executable).parent}"],
            cwd=project, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.count = 0
        deadline = time.monotonic() + 300
        while fetch(self.url)[0] != 200:
            assert self.proc.poll() is None, (tmp / "serve.log").read_text()
            assert time.monotonic() < deadline, "serve did not start"
            time.sleep(0.5)

    def stop(self):
        os.killpg(self.proc.pid, 15)
        self.proc.wait(timeout=30)
        self.log.close()

    def reference(self) -> Path:
        """A clean build of the project as it is now, as `serve` builds it (preview: drafts shown)."""
        self.count += 1
        out = self.tmp / f"reference-{self.count}"
        subprocess.run([sys.executable, "-c", REFERENCE, str(out), self.url], cwd=self.project, env=self.env,
                       check=True, capture_output=True)
        return out

    def differences(self, reference: Path, gone: list[str]) -> list[str]:
        wrong = []
        for path in sorted(reference.rglob("*.html")):
            rel = path.relative_to(reference).as_posix()
            status, body = fetch(self.url + rel)
            if status != 200 or LIVERELOAD.sub(b"", body) != path.read_bytes():
                wrong.append(rel)
        # The search index too, every shard: pages an incremental rebuild did not render keep their records.
        index = [p for p in sorted((reference / "pagefind").rglob("*")) if p.is_file() and p.suffix != ".gz"]
        assert index, "the reference build has no search index"
        for path in [*index, reference / "assets/javascripts/loaphuong/search-worker.js"]:
            rel = path.relative_to(reference).as_posix()
            if fetch(self.url + rel) != (200, path.read_bytes()):
                wrong.append(rel)
        wrong += [f"{url} still served" for url in gone if fetch(self.url + url)[0] != 404]
        return wrong

    def matches_clean_build(self, gone: list[str] = (), timeout: float = 240) -> None:
        reference = self.reference()
        deadline = time.monotonic() + timeout
        while True:
            wrong = self.differences(reference, list(gone))
            if not wrong:
                return
            assert time.monotonic() < deadline, f"served pages differ from a clean build: {wrong[:10]}"
            time.sleep(1)


@pytest.fixture
def preview(tmp_path):
    plans = {f"p{i}.md": plan_text(400 + i, topic=("tuyen-truyen", "hoc-tap-quan-triet")[i % 2],
                                    cite=400 + (i + 1) % 5) for i in range(5)}
    project = make_project(tmp_path, plans)
    server = Preview(project, tmp_path)
    yield server
    server.stop()


def test_serve_binds_the_address_given(preview):
    status, body = fetch(preview.url)
    assert status == 200 and b"Loa Ph" in body
    assert f"127.0.0.1:{preview.port}" in (preview.tmp / "serve.log").read_text()


def test_serve_shows_every_edit_as_a_clean_build_would(preview):
    plans = preview.project / "plans"
    preview.matches_clean_build()

    # Edit one plan: its title shows on its page, its Q&A, listings and the plans citing it.
    (plans / "p1.md").write_text(plan_text(401, "Tiêu đề mới của kế hoạch 401", cite=402), encoding="utf-8")
    preview.matches_clean_build()
    assert "Tiêu đề mới của kế hoạch 401" in fetch(preview.url + "ke-hoach/2026-401-kh-du/")[1].decode()
    log = (preview.tmp / "serve.log").read_text(encoding="utf-8")
    assert "Dựng lại" in log  # the incremental path ran, not a full rebuild
    shards = [(int(a), int(b)) for a, b in re.findall(r"Chỉ mục tìm kiếm: (\d+) phần, chạy Pagefind cho (\d+) phần", log)]
    assert shards[0][0] >= 3 and shards[0][0] == shards[0][1], shards  # first build: every shard indexed
    assert any(0 < ran < total for total, ran in shards[1:]), shards  # the edit: only its shards again

    # Move a plan to another topic and date: listings it leaves and joins both change.
    (plans / "p2.md").write_text(plan_text(402, topic="hoc-tap-quan-triet").replace("2026-03-", "2025-07-"),
                                 encoding="utf-8")
    preview.matches_clean_build()

    # Add, rename (new slug), delete.
    (plans / "p9.md").write_text(plan_text(409), encoding="utf-8")
    preview.matches_clean_build()
    (plans / "p3.md").rename(plans / "p3-moi.md")
    text = (plans / "p3-moi.md").read_text(encoding="utf-8").replace("so_hieu: 403-KH/ĐU", "so_hieu: 413-KH/ĐU")
    (plans / "p3-moi.md").write_text(text, encoding="utf-8")
    preview.matches_clean_build(gone=["ke-hoach/2026-403-kh-du/", "hoi-dap/2026-403-kh-du/"])
    (plans / "p4.md").unlink()
    preview.matches_clean_build(gone=["ke-hoach/2026-404-kh-du/", "hoi-dap/2026-404-kh-du/"])

    # A draft is shown in the preview, marked; chuyen-muc.yml edits rebuild everything.
    (plans / "p0.md").write_text(plan_text(400).replace("tom_tat:", "ban_nhap: true\ntom_tat:"), encoding="utf-8")
    preview.matches_clean_build()
    registry = plans / "chuyen-muc.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("Tuyên truyền", "Tuyên truyền, vận động", 1),
                        encoding="utf-8")
    preview.matches_clean_build()

    # A plan saved half-typed fails the rebuild with its file named; once fixed, the preview is whole again.
    broken, log = plans / "p1.md", preview.tmp / "serve.log"
    good, seen = broken.read_text(encoding="utf-8"), len(log.read_text(encoding="utf-8"))
    broken.write_text(good.replace("so_hieu:", "so_hieu: [chưa đóng", 1), encoding="utf-8")
    deadline = time.monotonic() + 60
    while not re.search(r"p1\.md:\d+", log.read_text(encoding="utf-8")[seen:]):  # file:line, in its message
        assert time.monotonic() < deadline, "the broken plan was not reported: " + log.read_text(encoding="utf-8")[seen:]
        time.sleep(0.5)
    broken.write_text(good, encoding="utf-8")
    preview.matches_clean_build()

    # A hand-written page, a template and mkdocs.yml: each shows everywhere it belongs, as in a clean build.
    guide = preview.project / "docs" / "huong-dan-soan-ke-hoach.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nĐoạn hướng dẫn mới.\n", encoding="utf-8")
    preview.matches_clean_build()
    template = preview.project / "overrides" / "plan.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}<p>Mẫu đã đổi</p>", 1), encoding="utf-8")
    preview.matches_clean_build()
    assert "Mẫu đã đổi" in fetch(preview.url + "ke-hoach/2026-401-kh-du/")[1].decode()
    config = preview.project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "copyright: Loa Phường —", "copyright: Loa Phường (bản thử) —", 1), encoding="utf-8")
    preview.matches_clean_build()
    assert "Loa Phường (bản thử)" in fetch(preview.url + "ke-hoach/2026-401-kh-du/")[1].decode()
