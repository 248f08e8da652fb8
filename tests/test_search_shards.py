"""The search index in shards (loaphuong/search/shards.py): a small shard size forced through
LOAPHUONG_SEARCH_SHARD_BYTES makes a small corpus several Pagefind indexes; the browser merges them,
an edit re-runs Pagefind for one shard only, hidden plans are in none, the audit reads every shard.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, make_project, run_mkdocs_build, serve_directory
from loaphuong.search import indexed_urls
from loaphuong.search.normalize import fold_word
from loaphuong.search.shards import MAX_SHARDS, SHARD_BYTES_ENV, shard_count, shard_of
from search_corpus import corpus
from test_search import CNXH, CTR52, KH45, KH61, KH173, QUERIES, TBT, path_of, run_query, secrets_in

SMALL = "60000"  # bytes of record HTML per shard: the bundled plans and 40 distractors make ~10 shards


def shard_dirs(site: Path) -> dict[str, Path]:
    """Shard folder -> its index ('' is the primary, site/pagefind/ itself)."""
    root = site / "pagefind"
    return {"": root, **{p.name: p for p in sorted(root.glob("shard-*"), key=lambda p: int(p.name.split("-")[1]))}}


def shard_of_url(site: Path) -> dict[str, str]:
    """Page URL -> the shard folder whose fragments hold it."""
    where = {}
    for name, folder in shard_dirs(site).items():
        for path in folder.glob("fragment/*.pf_fragment"):
            raw = gzip.decompress(path.read_bytes()).decode("utf-8")
            url = json.loads(raw[raw.index("{"):])["url"].strip("/")
            where[url + "/" if url else ""] = name
    return where


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".gz")}


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("shards")
    os.environ[SHARD_BYTES_ENV] = SMALL
    try:
        result = run_mkdocs_build(make_project(tmp, corpus(40)), tmp / "site")
    finally:
        del os.environ[SHARD_BYTES_ENV]
    assert result.returncode == 0, result.output
    return result.site_dir


def test_a_small_shard_size_gives_several_indexes_each_plan_with_its_qa(sharded_site):
    dirs = shard_dirs(sharded_site)
    assert len(dirs) >= 5
    where = shard_of_url(sharded_site)
    assert len(set(where.values())) == len(dirs)  # no empty shard is written
    # Merged shards carry index files only: the browser runs the primary's Pagefind code and wasm.
    assert (dirs[""] / "pagefind.js").is_file() and list(dirs[""].glob("wasm.*"))
    for name, folder in dirs.items():
        assert (folder / "pagefind-entry.json").is_file()
        if name:
            assert not (folder / "pagefind.js").exists() and not list(folder.glob("wasm.*"))
    for url, name in where.items():
        if url.startswith("hoi-dap/") and "ke-hoach/" + url[len("hoi-dap/"):] in where:
            assert where["ke-hoach/" + url[len("hoi-dap/"):]] == name, url
    # Every page is in exactly one shard, and the worker is told of every merged shard.
    assert sorted(where) == sorted(set(indexed_urls(sharded_site)))
    worker = (sharded_site / "assets/javascripts/loaphuong/search-worker.js").read_text(encoding="utf-8")
    assert f"const LP_SHARDS = {json.dumps([n for n in dirs if n])};" in worker


def test_hidden_plans_are_in_no_shard(sharded_site):
    for path in (sharded_site / "pagefind").rglob("*"):
        if path.is_file():
            assert not secrets_in(path), path
    assert not [u for u in indexed_urls(sharded_site) if "nhap" in u or "tuong-lai" in u]


@pytest.fixture(scope="module")
def sharded_page(browser, sharded_site):
    with serve_directory(sharded_site) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
        page = context.new_page()
        page.goto(url)
        yield page
        context.close()


# One query per target plan, and the harder kinds (cited số hiệu, phrase without marks, NFD).
SHARD_QUERIES = [q for q in QUERIES if q[0] in {
    "Cao Thị Thanh Xuân", "nguyen manh hung", "huyen uy bao lam", "Võ Minh Đức", "173-KH/ĐU", "45 kh",
    "20-HD/BTGDVTU", "05-CT/TW", "hoa giai o co so", "khong de ai bi bo lai phia sau", "khoá XIII"}]


def test_the_browser_searches_every_shard(sharded_site, sharded_page):
    where = shard_of_url(sharded_site)
    targets = {CNXH, CTR52, TBT, KH173, KH45, KH61}
    assert len({where[t] for t in targets}) >= 3, {t: where[t] for t in targets}  # the corpus is really split
    assert len(SHARD_QUERIES) == 11
    for query, expected in SHARD_QUERIES:
        results = run_query(sharded_page, query)
        top = [path_of(r["href"]) for r in results[:3]]
        assert expected in top, f"{query!r} (shard {where[expected]!r}): {top}"
        assert "<mark>" in results[top.index(expected)]["text"] + results[top.index(expected)]["title"]
    # Words many plans share: results come from several shards, ranked together.
    found = [path_of(r["href"]) for r in run_query(sharded_page, "hoc tap quan triet")]
    assert len({where[u] for u in found if u in where}) >= 3, found
    assert run_query(sharded_page, "Zyxwvut") == []


def test_shard_assignment_is_stable_across_processes():
    urls = [f"ke-hoach/{i}-kh-du/" for i in range(200)]
    here = [shard_of(u, 7) for u in urls]
    there = subprocess.run([sys.executable, "-c", "import sys; from loaphuong.search.shards import shard_of; "
                            f"print([shard_of(u, 7) for u in {urls!r}])"],
                           capture_output=True, text=True, check=True, cwd=ROOT,
                           env=dict(os.environ, PYTHONHASHSEED="123")).stdout.strip()
    assert str(here) == there and len(set(here)) == 7
    assert shard_count(0) == 1 and shard_count(10, cap=10) == 1 and shard_count(11, cap=10) == 2
    assert shard_count(10**9, cap=10) == MAX_SHARDS  # the browser fetches from every shard: their number is bounded


def test_an_edit_reruns_pagefind_for_one_shard_only(tmp_path):
    project = make_project(tmp_path, corpus(20))
    os.environ[SHARD_BYTES_ENV] = SMALL
    try:
        first = run_mkdocs_build(project, tmp_path / "a")
        assert first.returncode == 0, first.output
        before = {name: tree(folder) for name, folder in shard_dirs(first.site_dir).items()}
        where = shard_of_url(first.site_dir)
        assert len(before) >= 4
        # A warm build with nothing changed runs Pagefind for no shard.
        again = run_mkdocs_build(project, tmp_path / "b")
        assert again.returncode == 0 and "chạy Pagefind cho 0 phần" in again.output, again.output
        assert {name: tree(folder) for name, folder in shard_dirs(again.site_dir).items()} == before
        # Edit one plan's body.
        plan = project / "plans" / "2025-173-kh-du.md"
        plan.write_text(plan.read_text(encoding="utf-8").replace("## II.", "Một câu mới: ngựa ô.\n\n## II.", 1),
                        encoding="utf-8")
        edited = run_mkdocs_build(project, tmp_path / "c")
    finally:
        del os.environ[SHARD_BYTES_ENV]
    assert edited.returncode == 0, edited.output
    assert "chạy Pagefind cho 1 phần" in edited.output, edited.output
    after = {name: tree(folder) for name, folder in shard_dirs(edited.site_dir).items()}
    changed = where["ke-hoach/2025-173-kh-du/"]
    assert after.keys() == before.keys()
    assert [name for name in after if after[name] != before[name]] == [changed]
    assert "ngua o" in fold_word(" ".join(
        gzip.decompress(data).decode("utf-8", "replace") for rel, data in after[changed].items()
        if rel.startswith("fragment/") and "/" not in rel.split("/", 1)[1]))


SABOTAGE = '''
import gzip, json
from pathlib import Path

def on_post_build(config):
    for fragment in sorted((Path(config.site_dir) / "pagefind").glob("shard-*/fragment/*.pf_fragment")):
        raw = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        url = json.loads(raw[raw.index("{"):])["url"].strip("/")
        if url.startswith("ke-hoach/"):
            fragment.unlink()
            (Path(config.config_file_path).parent / "removed.txt").write_text(url.split("/")[1])
            return
'''


def test_the_audit_reads_every_shard(tmp_path):
    project = make_project(tmp_path)
    (project / "hooks" / "sabotage.py").write_text(SABOTAGE, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - hooks/audit.py", "  - hooks/sabotage.py\n  - hooks/audit.py"), encoding="utf-8")
    os.environ[SHARD_BYTES_ENV] = "20000"
    try:
        result = run_mkdocs_build(project, tmp_path / "out")
    finally:
        del os.environ[SHARD_BYTES_ENV]
    removed = (project / "removed.txt").read_text()  # a plan of a merged shard, not of the primary
    assert result.returncode != 0 and "Traceback" not in result.output
    assert f"kế hoạch '{removed}' có 0 mục trong chỉ mục tìm kiếm" in result.output, result.output
    assert result.output.count("mục trong chỉ mục tìm kiếm") == 1  # the other shards' plans were all found
