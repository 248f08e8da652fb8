"""Issue 9: no plan silently lost, no traceback, a failed build never damages the published site."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, TODAY, make_project, run_mkdocs_build
from plan_texts import plan_text


def _env(**extra) -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT), LOAPHUONG_TODAY=TODAY, NO_MKDOCS_2_WARNING="1", **extra)


def _tree(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def _check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaphuong", "check"], cwd=project, capture_output=True,
                          text=True, env=_env())


# 1. A checkout under a dot-folder (~/.local/src, /srv/.sites), with spaces and Vietnamese letters.

def test_checkout_under_a_dot_folder_builds_the_same_site(tmp_path, built_site):
    project = make_project(tmp_path / ".kiểm tra" / "repo có dấu cách")
    (project / "plans" / ".nhap-an.md").write_text(plan_text({"so_hieu:": "so_hieu: 901-KH/ĐU"}), encoding="utf-8")
    (project / "plans" / "2026-ke-hoach-mo-hinh-cnxh.md~").write_text("sao lưu của trình soạn thảo", encoding="utf-8")
    (project / "plans" / "README.md").write_text("# Thư mục kế hoạch\n", encoding="utf-8")
    result = run_mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.output
    assert (project / "site" / "ke-hoach").is_dir()
    here, there = _tree(project / "site"), _tree(built_site.site_dir)
    assert here.keys() == there.keys()
    assert [name for name in here if here[name] != there[name]] == []
    # `check` says the same from both places.
    assert _check(project).stdout == _check(ROOT).stdout
    assert "Đã đọc 3 kế hoạch hợp lệ" in _check(project).stdout


def test_plan_files_but_nothing_to_publish_stops_the_build(tmp_path):
    project = make_project(tmp_path, {"a.md": plan_text(add="ban_nhap: true"),
                                      "b.md": plan_text({"so_hieu:": "so_hieu: 174-KH/ĐU"}, add="ngay_dang: 2099-01-01")},
                           keep_bundled=False)
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "có 2 tệp kế hoạch nhưng không kế hoạch nào được đăng (1 bản nháp, 1 có ngày đăng sau" in result.output
    assert not (tmp_path / "out" / "ke-hoach").exists()


# 2. A typo is a message with file:line, never a traceback.

def test_impossible_date_is_a_message_not_a_traceback(tmp_path):
    text = plan_text({"ngay_ban_hanh:": "ngay_ban_hanh: 2025-13-45"})
    project = make_project(tmp_path, {"sai-ngay.md": text}, keep_bundled=False)
    line = text.splitlines().index("ngay_ban_hanh: 2025-13-45") + 1
    proc = _check(project)
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    assert f"plans/sai-ngay.md:{line}: lỗi: ngày/giờ '2025-13-45' không có thật" in proc.stderr
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert f"plans/sai-ngay.md:{line}:" in result.output


def test_hostile_yaml_is_refused_quickly_with_file_and_line(tmp_path):
    bomb = "lol: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
        f"l{i}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
    plans = {
        "bom.md": "---\n" + bomb + "---\n\nNội dung.\n",
        "lon.md": plan_text(body="Nội dung rất dài. " * 1_200_000),  # ~22 MB
        "dai.md": "---\n" + "a: b\n" * 100_000 + "---\n",
        "python.md": plan_text(add="x: !!python/object/apply:os.system ['echo hacked']"),
        "so.md": plan_text(add="x: 1" + "0" * 5000),
        "sau.md": "---\na: " + "[" * 50_000 + "]" * 50_000 + "\n---\n",
    }
    project = make_project(tmp_path, plans, keep_bundled=False)
    started = time.monotonic()
    proc = _check(project)
    assert time.monotonic() - started < 30
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1 and "Traceback" not in output
    for name in plans:
        assert f"plans/{name}:" in output, name
    assert "hacked" not in output


def test_broken_topic_registry_is_a_message_not_a_traceback(tmp_path):
    project = make_project(tmp_path, keep_bundled=False)
    registry = project / "plans" / "chuyen-muc.yml"
    for text, expected in (("- slug: a\n  ten: A\n  thu_tu: abc\n", "chuyen-muc.yml:1:"),
                           ("- slug: a\n  ten: !!python/name:os.system\n", "chuyen-muc.yml:2:"),
                           ("- &x {slug: a, ten: A}\n- *x\n", "chuyen-muc.yml:1:"),
                           ("- slug: a\n  ten: A\n  mo_ta: 2025-02-30\n", "chuyen-muc.yml:3:")):
        registry.write_text(text, encoding="utf-8")
        proc = _check(project)
        assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr, text
        assert expected in proc.stderr, (text, proc.stderr)


# 3. The sanitiser: what `check` warns about, and that the bundled plans lose nothing.

def test_check_warns_at_file_and_line_about_what_the_public_page_will_lack(tmp_path):
    body = "Mở đầu.\n\n## I. MỤC ĐÍCH\n\n<script>alert(1)</script>\n\n[bấm](javascript:alert(2))\n"
    project = make_project(tmp_path, {"x.md": plan_text(body=body)}, keep_bundled=False)
    text = (project / "plans" / "x.md").read_text(encoding="utf-8").splitlines()
    proc = _check(project)
    assert proc.returncode == 0, proc.stderr
    script_line = text.index("<script>alert(1)</script>") + 1
    link_line = text.index("[bấm](javascript:alert(2))") + 1
    assert f"plans/x.md:{script_line}: cảnh báo: trang công khai sẽ bỏ thẻ <script>" in proc.stdout
    assert f"plans/x.md:{link_line}: cảnh báo: trang công khai sẽ bỏ địa chỉ 'javascript:alert(2)'" in proc.stdout


def test_bundled_plans_and_intros_lose_nothing_to_the_sanitiser():
    from loaphuong import catalogue, sanitize

    cat = catalogue.load(ROOT / "plans")
    assert len(cat.plans) == 3
    for plan in cat.plans:
        rendered = sanitize.render(plan.body)
        assert "<h2" in rendered and sanitize.removals(rendered) == [], plan.source
    for intro in (ROOT / "docs").rglob("*.md"):
        assert sanitize.removals(sanitize.render(intro.read_text(encoding="utf-8"))) == [], intro


def test_sanitiser_keeps_document_markup_and_drops_active_content():
    from loaphuong import sanitize

    markdown = "\n".join([
        "# Tiêu đề", "", "| A | B |", "|:--|--:|", "| 1 | 2 |", "", "Chú thích[^1].", "", "[^1]: Nguồn.", "",
        "![Ảnh](anh.png)", "", "??? note \"Chi tiết\"", "    Nội dung.", "", "!!! warning", "    Cẩn thận.", "",
        "*[HTML]: Ngôn ngữ", "HTML", "", "Thuật ngữ", ":   Định nghĩa", "", "[Cổng](https://example.vn/)",
        "", "<script>alert(1)</script><iframe src=x></iframe><form><input></form><style>p{}</style>",
        "", "<img src=x onerror=alert(2)> [a](javascript:alert(3)) [b](data:text/html,x)",
    ])
    html = sanitize.clean(sanitize.render(markdown))
    for kept in ('<table>', 'style="text-align:left"', 'class="footnote"', 'href="#fn:1"', 'src="anh.png"',
                 '<details class="note">', '<summary>Chi tiết</summary>', 'class="admonition warning"',
                 '<abbr title="Ngôn ngữ">', '<dl>', 'href="https://example.vn/"', 'class="headerlink"',
                 'id="tieu-de"'):
        assert kept in html, kept
    for gone in ("<script", "alert(1)", "<iframe", "<form", "<input", "<style", "onerror", "javascript:", "data:"):
        assert gone not in html, gone


# 4. The end-of-build audit.

SABOTAGE = '''
import gzip, json, shutil
from pathlib import Path

def on_post_build(config):
    site = Path(config.site_dir)
    sitemap = site / "sitemap.xml"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace(
        "ke-hoach/2026-ke-hoach-mo-hinh-cnxh/", "ke-hoach/khac/"), encoding="utf-8")
    for fragment in (site / "pagefind").rglob("*.pf_fragment"):  # Pagefind: one fragment a page, in any shard
        raw = gzip.decompress(fragment.read_bytes()).decode("utf-8")
        if json.loads(raw[raw.index("{"):])["url"].strip("/") == "ke-hoach/2026-ke-hoach-hoc-tap-ctr-52-ctr-tu":
            fragment.unlink()
    shutil.rmtree(site / "hoi-dap" / "2024-ke-hoach-sinh-hoat-chinh-tri-bai-viet-tbt")
'''


def test_audit_fails_the_build_naming_each_plan_missing_somewhere(tmp_path):
    project = make_project(tmp_path)
    (project / "hooks" / "sabotage.py").write_text(SABOTAGE, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - hooks/audit.py", "  - hooks/sabotage.py\n  - hooks/audit.py"), encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.output
    assert "Kiểm tra cuối bản dựng không đạt" in result.output
    assert "kế hoạch '2026-ke-hoach-mo-hinh-cnxh' có 0 mục trong sitemap.xml" in result.output
    assert "kế hoạch '2026-ke-hoach-hoc-tap-ctr-52-ctr-tu' có 0 mục trong chỉ mục tìm kiếm" in result.output
    assert "kế hoạch '2024-ke-hoach-sinh-hoat-chinh-tri-bai-viet-tbt' không có trang hỏi và đáp" in result.output


def test_audit_checks_topic_listings_and_hidden_plans(tmp_path, built_site):
    """The pure function: a plan missing from a topic page, a draft found in the sitemap."""
    import datetime as dt

    from loaphuong import audit, catalogue
    from loaphuong.listing.nav import topic_src
    from loaphuong.qa.pages import plan_src

    site = tmp_path / "site"
    shutil.copytree(built_site.site_dir, site)
    cat = catalogue.load(ROOT / "plans")
    published = cat.published(dt.date.fromisoformat(TODAY))
    plan, draft = published[0], published[1]
    topic = cat.topics.get(plan.chuyen_muc[0])
    listing = site / topic.url / "index.html"
    listing.write_text(listing.read_text(encoding="utf-8").replace(f"/{plan.slug}/", "/khac/"), encoding="utf-8")
    srcs = [p.src_uri for p in published] + [plan_src(p) for p in published] + [topic_src(t) for t in cat.topics]
    url_of = {s: s[:-3] + "/" for s in srcs}
    built = audit.BuiltSite(site, url_of, {s: url_of[s] + "index.html" for s in srcs},
                            audit.sitemap_locations(site, "https://loaphuong.example.vn/"),
                            audit.search_locations(site), {t.slug: [topic_src(t)] for t in cat.topics})
    problems = [str(p) for p in audit.audit(published, [draft], cat.topics, built, plan_src)]
    assert any(f"'{plan.slug}' không có trong trang chuyên mục '{topic.slug}'" in p for p in problems), problems
    assert any(f"kế hoạch chưa đăng '{draft.slug}'" in p and "sitemap.xml" in p for p in problems), problems
    clean = audit.audit(published, [], cat.topics, audit.BuiltSite(
        built_site.site_dir, url_of, built.dest_of, audit.sitemap_locations(built_site.site_dir,
                                                                            "https://loaphuong.example.vn/"),
        audit.search_locations(built_site.site_dir), built.topic_pages), plan_src)
    assert not clean.errors, clean.report()


# 5. A failed or interrupted build leaves the published site byte for byte.

def _make_site(project: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", "site"],
                            cwd=project, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)


def test_failed_or_interrupted_build_leaves_the_published_site_intact(tmp_path):
    project = make_project(tmp_path)
    first = _make_site(project)
    output = first.communicate(timeout=600)[0]
    assert first.returncode == 0, output
    published = _tree(project / "site")
    assert "ke-hoach/2026-ke-hoach-mo-hinh-cnxh/index.html" in published

    # A plan with an error: the build stops, site/ is untouched, no temporary folder is left behind.
    (project / "plans" / "loi.md").write_text(plan_text({"ngay_ban_hanh:": "ngay_ban_hanh: 2025-13-45"}),
                                             encoding="utf-8")
    failed = _make_site(project)
    output = failed.communicate(timeout=600)[0]
    assert failed.returncode != 0 and "plans/loi.md" in output and "được giữ nguyên" in output
    assert _tree(project / "site") == published
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")]

    # Interrupted half-way (SIGTERM, as CI or systemd stop a job): same.
    (project / "plans" / "loi.md").unlink()
    (project / "plans" / "moi.md").write_text(plan_text({"so_hieu:": "so_hieu: 902-KH/ĐU"}), encoding="utf-8")
    interrupted = _make_site(project)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not any(
            (p / "assets").exists() for p in project.iterdir() if p.name.startswith(".site.new-")):
        time.sleep(0.05)  # the build has started writing its temporary folder
    os.killpg(interrupted.pid, signal.SIGTERM)
    output = interrupted.communicate(timeout=60)[0]
    assert interrupted.returncode != 0, output
    assert _tree(project / "site") == published
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")]

    # And a good build replaces it.
    good = _make_site(project)
    output = good.communicate(timeout=600)[0]
    assert good.returncode == 0, output
    assert "ke-hoach/2025-902-kh-du/index.html" in _tree(project / "site")
    assert not [p for p in project.iterdir() if p.name.startswith(".site.")]


def test_dates_outside_any_plausible_year_are_errors_not_overflows():
    """Found while fuzzing: 9999-12-31 in su_kien passed validation and crashed lich.ics (date + 1 day)."""
    from loaphuong import catalogue
    from loaphuong.problems import Problems
    from loaphuong.topic import Topic, TopicRegistry

    topics = TopicRegistry([Topic("hoc-tap-quan-triet", "Học tập")])
    for add, key in (("su_kien:\n  - ten: X\n    ngay: 9999-12-31", "su_kien[1].ngay"),
                     ("thoi_han:\n  - viec: Y\n    han: 0000-05", "thoi_han[1].han"),
                     ("ngay_dang: 0001-01-01", "ngay_dang")):
        text = plan_text(drop=("su_kien", "thoi_han", "  - ", "    "), add=add)
        problems = Problems()
        assert catalogue.load_plan_text(text, "plans/x.md", topics, problems) is None, add
        line = text.splitlines().index(add.splitlines()[-1]) + 1
        assert any(p.line == line and key in p.message and "nằm ngoài khoảng" in p.message
                   for p in problems.errors), problems.report()


def test_explicit_yaml_tags_with_wrong_values_are_messages():
    """Found by the fuzzer on main's plans: '!!timestamp <text>' raised AttributeError inside PyYAML."""
    from loaphuong import frontmatter

    for value in ("!!timestamp 2025-99-99 chữ", "!!bool có lẽ", "!!int mười", "!!float x", "!!map x", "!!seq x"):
        try:
            frontmatter.parse(f"---\nso_hieu: 1-KH/ĐU\nx: {value}\n---\n")
        except frontmatter.FrontMatterError as exc:
            assert exc.line == 3 and exc.message, value
        else:
            raise AssertionError(f"accepted {value}")
