"""The site as `make site` builds it, and what staff see when a plan is wrong."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.request
from pathlib import Path

from conftest import ROOT, TODAY, make_project, run_mkdocs_build, serve_directory
from loaphuong import catalogue
from loaphuong.dates import parse_date
from loaphuong.search import indexed_urls
from loaphuong.search.pagefind_index import read_fragments
from plan_texts import VALID, plan_text


def published_plans():
    return catalogue.load(ROOT / "plans").published(parse_date(TODAY))


def test_bundled_site_builds_strict_with_a_page_per_plan(built_site):
    plans = published_plans()
    assert plans, "the bundled plans must publish something"
    for plan in plans:
        html = built_site.page(plan.url)
        assert plan.trich_yeu in html.replace("&#34;", '"')
        assert (plan.so_hieu or "Văn bản không ghi số") in html
        if plan.ngay_ban_hanh:
            assert plan.ngay_ban_hanh_text in html
        assert plan.co_quan_ban_hanh in html
        for slug in plan.chuyen_muc:
            assert f'/{catalogue.load(ROOT / "plans").topics.get(slug).url}"' in html
        for item in plan.noi_nhan:
            assert item.replace('"', "&#34;") in html
        for heading in re.findall(r"^#+ (.+)$", plan.body, re.M):
            assert heading.strip() in html


def test_plan_pages_stay_out_of_the_nav(built_site):
    home = built_site.page("/")
    nav = home[home.index('class="md-nav md-nav--primary'):]
    assert not re.search(r'href="[./]*ke-hoach/', nav.split("</nav>")[0])


def test_sitemap_and_search_list_every_published_plan(built_site):
    sitemap = built_site.page("sitemap.xml")
    locations = indexed_urls(built_site.site_dir)
    for plan in published_plans():
        assert f"/{plan.url}</loc>" in sitemap
        assert plan.url in locations


def test_search_index_has_folded_words_and_accented_text(built_site):
    home = next(r for r in read_fragments(built_site.site_dir) if r["url"] == "/")
    assert "loa phuong" in home["content"] and "Loa Phường" not in home["content"]
    assert "Loa Phường" in home["meta"]["o"]


def test_broken_plan_fails_the_build_with_file_line_and_no_traceback(tmp_path):
    project = make_project(tmp_path, {"hong.md": plan_text({"trich_yeu:": "trich_yeu: Về việc: học tập"}),
                                      "sai-ngay.md": plan_text({"so_hieu:": "so_hieu: 9-KH/ĐU",
                                                                "ngay_ban_hanh:": "ngay_ban_hanh: 30/02/2025"})})
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "plans/hong.md:3: lỗi: YAML không hợp lệ" in result.output
    assert "plans/sai-ngay.md:6: lỗi: trường 'ngay_ban_hanh': ngày '30/02/2025' không tồn tại" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "index.html").exists()  # nothing half-built replaces the published site


def test_drafts_and_future_plans_leak_nowhere(tmp_path):
    project = make_project(tmp_path, {
        "nhap.md": plan_text({"so_hieu:": "so_hieu: 901-KH/ĐU", "trich_yeu:": "trich_yeu: Bản nháp bí mật"},
                             add="ban_nhap: true"),
        "sau.md": plan_text({"so_hieu:": "so_hieu: 902-KH/ĐU", "trich_yeu:": "trich_yeu: Kế hoạch tương lai"},
                            add="ngay_dang: 2099-01-01"),
        "dang.md": plan_text({"so_hieu:": "so_hieu: 903-KH/ĐU"}),
    })
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.output
    assert (tmp_path / "out" / "ke-hoach" / "2025-903-kh-du" / "index.html").exists()
    assert (tmp_path / "out" / "hoi-dap" / "2025-903-kh-du" / "index.html").exists()  # Q&A follows the plan
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".ics", ".atom", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="ignore")
            for secret in ("Bản nháp bí mật", "Ban nhap bi mat", "901-KH", "Kế hoạch tương lai", "902-KH",
                           "2025-901", "2025-902"):
                assert secret not in text, f"{secret} leaked into {path}"


def test_nfd_plan_builds_with_nfc_text(tmp_path):
    project = make_project(tmp_path, {"nfd.md": unicodedata.normalize("NFD", plan_text(
        {"so_hieu:": "so_hieu: 904-KH/ĐU"})).replace("\n", "\r\n")})
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.output
    html = (tmp_path / "out" / "ke-hoach" / "2025-904-kh-du" / "index.html").read_text(encoding="utf-8")
    assert "Đảng ủy phường Mỹ Thới" in html and "ngày 03 tháng 02 năm 2025" in html


def test_staff_text_is_escaped(tmp_path):
    project = make_project(tmp_path, {"x.md": plan_text({"so_hieu:": "so_hieu: 905-KH/ĐU",
                                                         "co_quan_ban_hanh:": 'co_quan_ban_hanh: "<script>alert(1)</script>"'})})
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.output
    html = (tmp_path / "out" / "ke-hoach" / "2025-905-kh-du" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_check_command_reports_every_problem_and_exit_code(tmp_path):
    project = make_project(tmp_path, {"a.md": plan_text({"so_hieu:": "so_hieu: 906-KH/ĐU"},
                                                        drop=("co_quan_ban_hanh",)),
                                      "b.md": plan_text({"so_hieu:": "so_hieu: 907-KH/ĐU"}, add="ban_nhap: có"),
                                      "ok.md": plan_text({"so_hieu:": "so_hieu: 908-KH/ĐU"})})
    proc = subprocess.run([sys.executable, "-m", "loaphuong", "check"], cwd=project, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 1
    assert "plans/a.md:1: lỗi: thiếu trường bắt buộc 'co_quan_ban_hanh'" in proc.stderr
    assert "plans/b.md:27: lỗi: trường 'ban_nhap' chỉ nhận true hoặc false" in proc.stderr
    assert "2 lỗi" in proc.stdout and "Traceback" not in proc.stderr
    good = make_project(tmp_path / "good")
    proc = subprocess.run([sys.executable, "-m", "loaphuong", "check"], cwd=good, capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_new_plan_journey_from_scaffold_to_page(tmp_path):
    """A staff member scaffolds a plan, fills it in, publishes it and sees it on the site."""
    project = make_project(tmp_path / "p", keep_bundled=False)
    env = dict(os.environ, PYTHONPATH=str(ROOT), LOAPHUONG_TODAY=TODAY)
    proc = subprocess.run([sys.executable, "-m", "loaphuong", "new", "2026-12-kh-du"], cwd=project,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    path = project / "plans" / "2026-12-kh-du.md"
    text = path.read_text(encoding="utf-8")
    assert f"ngay_ban_hanh: {TODAY}" in text and text.count("\n# ") >= 15  # every field commented
    proc = subprocess.run([sys.executable, "-m", "loaphuong", "check"], cwd=project, capture_output=True,
                          text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr  # a fresh scaffold is a valid draft
    draft = run_mkdocs_build(project, tmp_path / "draft")
    # Only a draft: nothing would be published, so the build stops and says why (issue 9: never a
    # green build of an empty portal).
    assert draft.returncode != 0 and "1 bản nháp" in draft.output
    assert not (tmp_path / "draft" / "ke-hoach").exists()  # still a draft: not published
    text = (text.replace("so_hieu: null", "so_hieu: 12-KH/ĐU").replace("ban_nhap: true", "ban_nhap: false")
            .replace('trich_yeu: "Tổ chức ..."', "trich_yeu: Tổ chức ra quân mùa xuân"))
    path.write_text(text, encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.output
    html = (tmp_path / "out" / "ke-hoach" / "2026-12-kh-du" / "index.html").read_text(encoding="utf-8")
    assert "Tổ chức ra quân mùa xuân" in html and "12-KH/ĐU" in html
    assert subprocess.run([sys.executable, "-m", "loaphuong", "new", "2026-12-kh-du"], cwd=project,
                          capture_output=True, env=env).returncode == 2  # never overwrites


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_serve_previews_drafts_and_reloads_on_plan_change(tmp_path):
    project = make_project(tmp_path, {"nhap.md": plan_text({"so_hieu:": "so_hieu: 909-KH/ĐU"}, add="ban_nhap: true")},
                           keep_bundled=False)
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LOAPHUONG_TODAY=TODAY, PYTHONPATH=str(ROOT))
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/ke-hoach/2025-909-kh-du/"
    try:
        html = _wait_for(lambda: _get(url), lambda h: "Bản xem trước" in h)
        assert "bản nháp" in html
        plan = project / "plans" / "nhap.md"
        plan.write_text(plan.read_text(encoding="utf-8").replace("Nội dung mục đích.", "Đoạn mới sửa."),
                        encoding="utf-8")
        assert "Đoạn mới sửa." in _wait_for(lambda: _get(url), lambda h: "Đoạn mới sửa." in h)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait_for(fetch, ready, attempts: int = 60):
    last = ""
    for _ in range(attempts):
        try:
            last = fetch()
            if ready(last):
                return last
        except OSError:
            pass
        time.sleep(0.5)
    return last


def test_renamed_plan_keeps_its_old_address_as_a_redirect(tmp_path, page):
    project = make_project(tmp_path, {"a.md": plan_text(add="slug: hoc-tap-nghi-quyet\nslug_cu:\n  - 2025-173-kh-du")},
                           keep_bundled=False)
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.output
    old = (tmp_path / "out" / "ke-hoach" / "2025-173-kh-du" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../hoc-tap-nghi-quyet/"' in old
    assert 'rel="canonical" href="https://loaphuong.example.vn/ke-hoach/hoc-tap-nghi-quyet/"' in old
    assert (tmp_path / "out" / "ke-hoach" / "hoc-tap-nghi-quyet" / "index.html").exists()
    assert "2025-173-kh-du" not in (tmp_path / "out" / "sitemap.xml").read_text(encoding="utf-8")
    assert "2025-173-kh-du" not in (tmp_path / "out" / "feed.xml").read_text(encoding="utf-8")
    # A reader following a link shared before the rename lands on the plan.
    with serve_directory(tmp_path / "out") as url:
        page.goto(url + "ke-hoach/2025-173-kh-du/")
        page.wait_for_url(url + "ke-hoach/hoc-tap-nghi-quyet/")
        assert "173-KH/ĐU" in page.locator(".lp-meta").inner_text()


def test_old_address_taken_by_another_plan_is_an_error(tmp_path):
    project = make_project(tmp_path, {"a.md": plan_text(add="slug_cu: [2025-174-kh-du]"),
                                      "b.md": plan_text({"so_hieu:": "so_hieu: 174-KH/ĐU"})}, keep_bundled=False)
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "trùng địa chỉ (slug) '2025-174-kh-du'" in result.output and "plans/b.md" in result.output
