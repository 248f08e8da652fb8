"""The web editor at /quan-tri/: its form is generated from the plan schema, and a staff member can write and
edit plans in real Chromium through the local backend, with files landing in plans/ ready to commit."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TODAY, make_project, run_mkdocs_build, screenshot, serve_directory
from loaphuong import catalogue, validation
from loaphuong.editor import config as editor_config
from loaphuong.editor.backend import make_server
from loaphuong.editor.merge import merge
from loaphuong.frontmatter import parse


def _config():
    topics = catalogue.load(ROOT / "plans").topics
    return editor_config.build_config(topics), topics


def _plan_collection(config):
    return next(c for c in config["collections"] if c["name"] == "ke-hoach")


# -- the form is the schema -------------------------------------------------------------------------------

def test_every_schema_field_is_in_the_form_and_nothing_else():
    config, _ = _config()
    fields = {f["name"]: f for f in _plan_collection(config)["fields"]}
    assert set(fields) - {"body"} == set(validation.KNOWN_KEYS)
    for key, subkeys in validation.RECORD_KEYS.items():
        assert fields[key]["widget"] == "list"
        assert [f["name"] for f in fields[key]["fields"]] == list(subkeys), key
    for key in validation.LIST_KEYS:
        assert fields[key]["widget"] == "list" and "field" in fields[key], key


def test_a_field_added_to_the_schema_appears_in_the_form(monkeypatch):
    """The importer (or anyone) adding a field to validation.py needs no editor change for it to show."""
    monkeypatch.setattr(validation, "KNOWN_KEYS", validation.KNOWN_KEYS | {"bao_cao_vien"})
    monkeypatch.setitem(validation.RECORD_KEYS, "thoi_han", validation.RECORD_KEYS["thoi_han"] + ("lap_lai",))
    fields = {f["name"]: f for f in _plan_collection(_config()[0])["fields"]}
    assert "bao_cao_vien" in fields
    assert "lap_lai" in [f["name"] for f in fields["thoi_han"]["fields"]]


def test_every_field_has_a_vietnamese_label_and_the_guide_hint():
    config, _ = _config()
    guide = (ROOT / "docs" / "huong-dan-soan-ke-hoach.md").read_text(encoding="utf-8")

    def walk(fields, parent=""):
        for field in fields:
            assert field["label"] and field["label"] != field["name"], f"{parent}{field['name']}: thiếu nhãn"
            assert field.get("hint"), f"{parent}{field['name']}: thiếu gợi ý"
            walk(field.get("fields", []), f"{parent}{field['name']}.")

    walk(_plan_collection(config)["fields"])
    for key in validation.KNOWN_KEYS:  # the guide documents every field the form shows
        assert f"`{key}`" in guide, key


def test_production_backends():
    topics = catalogue.load(ROOT / "plans").topics
    gitlab = editor_config.build_config(topics, production={"backend": {"name": "gitlab", "repo": "a/b"},
                                                            "publish_mode": "editorial_workflow"})
    assert gitlab["backend"]["name"] == "gitlab" and gitlab["publish_mode"] == "editorial_workflow"
    gitea = editor_config.build_config(topics, production={"backend": {"name": "gitea", "repo": "a/b"}})
    assert gitea["publish_mode"] == "simple"  # Decap's Gitea backend has no editorial workflow
    assert gitea["local_backend"]["url"] == editor_config.DEFAULT_BACKEND_URL


def test_form_rules_match_check():
    config, topics = _config()
    fields = {f["name"]: f for f in _plan_collection(config)["fields"]}
    assert fields["ban_nhap"]["widget"] == "boolean" and fields["ban_nhap"]["default"] is True
    topic_field = fields["chuyen_muc"]
    assert topic_field["multiple"] and topic_field["max"] == validation.MAX_TOPICS and topic_field["min"] == 1
    assert [o["value"] for o in topic_field["options"]] == topics.slugs
    for key in ("trich_yeu", "co_quan_ban_hanh", "chuyen_muc"):
        assert fields[key]["required"] is True
    for key in ("so_hieu", "ngay_ban_hanh"):  # required lines that may be null: the form may leave them empty
        assert fields[key]["required"] is False
    pattern = re.compile(fields["so_hieu"]["pattern"][0])
    for good in ("173-KH/ĐU", "52-CTr/TU", "12/KH-UBND", "30/2020/NĐ-CP", "04-ĐA/TU"):
        assert pattern.match(good), good
    for bad in ("173", "KH/ĐU", "173-KH", "số 173-KH/ĐU"):
        assert not pattern.match(bad), bad
        assert not (validation.PARTY_NUMBER.match(bad) or validation.STATE_NUMBER.match(bad))
    assert "173-KH/ĐU" in fields["so_hieu"]["pattern"][1]
    dates = {f["name"]: f for f in fields["su_kien"]["fields"]}
    partial = re.compile(dates["ngay"]["pattern"][0])
    assert all(partial.match(v) for v in ("2026-05", "2026-Q1", "2026-05-20"))
    assert not partial.match("tháng 5")
    assert fields["ngay_ban_hanh"]["widget"] == "datetime"
    registry = next(c for c in config["collections"] if c["name"] == "danh-muc")["files"][0]
    assert registry["file"] == "plans/chuyen-muc.yml"


# -- saving changes only what changed ------------------------------------------------------------------------

def test_merge_rewrites_only_the_changed_field():
    original = (ROOT / "plans" / "2026-ke-hoach-mo-hinh-cnxh.md").read_text(encoding="utf-8")
    doc = parse(original)
    data = dict(doc.data, tom_tat="Tóm tắt mới: hội nghị tháng 5/2026.")
    data["chuyen_muc"] = list(data["chuyen_muc"])
    result = merge(original, data, doc.body, form_keys=validation.KNOWN_KEYS)
    changed = [line for line in _diff(original, result)]
    assert [line for line in changed if line.startswith("+")] == ["+tom_tat: 'Tóm tắt mới: hội nghị tháng 5/2026.'"]
    removed = [line for line in changed if line.startswith("-")]
    assert removed[0] == "-tom_tat: >-" and all(line.startswith("-  ") for line in removed[1:]), changed
    assert parse(result).data["tom_tat"] == "Tóm tắt mới: hội nghị tháng 5/2026."
    assert merge(original, dict(doc.data), doc.body, form_keys=validation.KNOWN_KEYS) == original


def test_merge_keeps_the_comment_at_the_end_of_a_changed_line():
    original = ('---\nso_hieu: 173-KH/ĐU            # null nếu văn bản không có số\n'
                'trich_yeu: "Về việc #2: học tập"  # trích yếu\nchuyen_muc:\n  - tuyen-truyen\n---\n\nNội dung\n')
    data = parse(original).data
    result = merge(original, dict(data, so_hieu="174-KH/ĐU", trich_yeu="Về việc #3"), None)
    assert "so_hieu: 174-KH/ĐU  # null nếu văn bản không có số" in result
    assert "trich_yeu: 'Về việc #3'  # trích yếu" in result or "trich_yeu: Về việc #3  # trích yếu" in result
    assert parse(result).data["trich_yeu"] == "Về việc #3" and result.endswith("\n\nNội dung\n")


def _diff(before: str, after: str) -> list[str]:
    import difflib
    return [line for line in difflib.unified_diff(before.split("\n"), after.split("\n"), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


# -- in the browser -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def editor_site(tmp_path_factory):
    """A project copy, its editor backend, and the built site served over HTTP (as `make editor` does)."""
    tmp = tmp_path_factory.mktemp("editor")
    project = make_project(tmp)
    server = make_server(project, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    backend = f"http://127.0.0.1:{server.server_address[1]}/api/v1"
    old = os.environ.get("LOAPHUONG_EDITOR_BACKEND")
    os.environ["LOAPHUONG_EDITOR_BACKEND"] = backend
    try:
        result = run_mkdocs_build(project, tmp / "site")
    finally:
        os.environ.pop("LOAPHUONG_EDITOR_BACKEND") if old is None else os.environ.update(
            LOAPHUONG_EDITOR_BACKEND=old)
    assert result.returncode == 0, result.output
    with serve_directory(result.site_dir) as url:
        yield project, url, result
    server.shutdown()


@pytest.fixture
def vn_page(browser):
    """Desktop Chromium as staff have it: Vietnamese, in Vietnam's time zone (dates must not shift a day)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN",
                                  timezone_id="Asia/Ho_Chi_Minh")
    yield context.new_page()
    context.close()


def _open_editor(page, url: str, route: str):
    page.goto(url + "quan-tri/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("text=Kế hoạch")
    page.goto(url + "quan-tri/#" + route)
    page.wait_for_selector('[id^="so_hieu-field-"]')


def _field(scope, name: str):
    return scope.locator(f'[id^="{name}-field-"]').first


def test_admin_app_stays_out_of_sitemap_search_and_robots(editor_site):
    _, _, result = editor_site
    html = result.page("quan-tri/")
    assert 'name="robots" content="noindex, nofollow"' in html and 'data-pagefind-ignore="all"' in html
    assert "vendor/decap-cms.js" in html and "https://" not in html.split("<body")[1]
    from loaphuong.search import indexed_urls
    indexed = indexed_urls(result.site_dir)
    assert indexed and not [url for url in indexed if url.startswith("quan-tri")]
    sitemap = (result.site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" in sitemap and "quan-tri/" not in sitemap
    for name in ("feed.xml", "feed.atom"):
        feed = (result.site_dir / name).read_text(encoding="utf-8")
        assert "ke-hoach/" in feed and "quan-tri/" not in feed
    config = yaml.safe_load((result.site_dir / "quan-tri" / "config.yml").read_text(encoding="utf-8"))
    assert config["local_backend"]["url"].startswith("http://127.0.0.1:")
    assert (result.site_dir / "quan-tri" / "vendor" / "LICENSE.txt").exists()


def _publish(page):
    page.get_by_role("button", name="Công bố", exact=True).click()
    page.get_by_text("Công bố ngay", exact=True).click()


def _wait_for(predicate, page, timeout_ms=15000):
    for _ in range(timeout_ms // 250):
        if predicate():
            return True
        page.wait_for_timeout(250)
    return predicate()


def _check(project: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, LOAPHUONG_TODAY=TODAY, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "loaphuong", "check", "--plans", str(project / "plans")],
                          capture_output=True, text=True, env=env, cwd=project)


def test_create_a_plan_in_the_form(editor_site, vn_page, tmp_path):
    project, url, _ = editor_site
    page = vn_page
    _open_editor(page, url, "/collections/ke-hoach/new")
    _field(page, "so_hieu").fill("175-KH/ĐU")
    _field(page, "trich_yeu").fill("Tổ chức hội nghị quán triệt Nghị quyết về chuyển đổi số trong Đảng bộ phường")
    _field(page, "co_quan_ban_hanh").fill("Đảng ủy phường Mỹ Thới")
    _field(page, "dia_danh").fill("Mỹ Thới")
    _field(page, "ngay_ban_hanh").fill("2026-11-10")
    _field(page, "nguoi_ky").fill("Nguyễn Thị Hồng Nhung")
    screenshot(page, "editor-form-top")
    for topic in ("Công tác tuyên truyền (chuyên mục)", "Học tập, quán triệt nghị quyết (chuyên mục)"):
        _field(page, "chuyen_muc").click()
        page.keyboard.type(topic)
        page.keyboard.press("Enter")
    _field(page, "tom_tat").fill("Hội nghị quán triệt cấp phường trong quý IV; các chi bộ báo cáo trước tháng 12.")
    _field(page, "ban_nhap").click()  # default is a draft: publish this one
    page.get_by_role("button", name="Thêm căn cứ").click()
    can_cu = page.locator('[id^="can_cu-field-"]').first
    _field(can_cu, "loai").fill("Nghị quyết")
    _field(can_cu, "so_hieu").fill("57-NQ/TW")
    _field(can_cu, "ngay").fill("2024-12-22")
    _field(can_cu, "co_quan").fill("Bộ Chính trị")
    _field(can_cu, "trich_yeu").fill("về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia")
    page.get_by_role("button", name="Thêm sự kiện, hội nghị").click()
    event = page.locator('[id^="su_kien-field-"]').first
    _field(event, "ten").fill("Hội nghị quán triệt cấp phường")
    _field(event, "ngay").fill("2026-Q4")
    _field(event, "gio").fill("14:00")
    _field(event, "dia_diem").fill("Hội trường Đảng ủy phường")
    page.get_by_role("button", name="Thêm thời hạn").click()
    deadline = page.locator('[id^="thoi_han-field-"]').first
    _field(deadline, "viec").fill("Các chi bộ báo cáo kết quả quán triệt")
    deadline.locator('input[type="date"]').first.fill("2026-12-05")  # the calendar beside the month/quarter box
    editor = page.locator("[data-slate-editor]").first
    editor.click()
    page.keyboard.type("## I. MỤC ĐÍCH, YÊU CẦU")
    page.keyboard.press("Enter")
    page.keyboard.type("Nâng cao nhận thức của cán bộ, đảng viên về chuyển đổi số.")
    preview = page.frame_locator("iframe").first
    assert "Kế hoạch số 175-KH/ĐU" in preview.locator(".lp-plan__kind").text_content()
    assert "ngày 10 tháng 11 năm 2026" in preview.locator(".lp-meta").text_content()
    assert preview.locator(".lp-plan__body h2").text_content() == "I. MỤC ĐÍCH, YÊU CẦU"  # Markdown, not escaped
    screenshot(page, "editor-new-plan")
    _publish(page)

    target = project / "plans" / "2026-175-kh-du.md"  # as `python -m loaphuong new 2026-175-kh-du` names it
    assert _wait_for(target.exists, page), sorted(p.name for p in (project / "plans").iterdir())
    text = target.read_text(encoding="utf-8")
    assert "_ten_tep" not in text
    data = parse(text).data
    assert data["so_hieu"] == "175-KH/ĐU" and data["ban_nhap"] is False
    assert data["chuyen_muc"] == ["tuyen-truyen", "hoc-tap-quan-triet"]
    assert data["can_cu"][0]["so_hieu"] == "57-NQ/TW"
    assert data["su_kien"][0]["ngay"] == "2026-Q4" and data["su_kien"][0]["gio"] == "14:00"
    assert str(data["thoi_han"][0]["han"]) == "2026-12-05"
    assert "\n## I. MỤC ĐÍCH, YÊU CẦU\n" in text
    check = _check(project)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "2026-175-kh-du.md" not in check.stdout + check.stderr  # not even a warning

    built = run_mkdocs_build(project, tmp_path / "site")
    assert built.returncode == 0, built.output
    html = built.page("ke-hoach/2026-175-kh-du/")
    assert "Kế hoạch số 175-KH/ĐU" in html and "chuyển đổi số trong Đảng bộ phường" in html
    assert "Mỹ Thới, ngày 10 tháng 11 năm 2026" in html
    assert "Công tác tuyên truyền" in html and "Học tập, quán triệt nghị quyết" in html
    assert "57-NQ/TW" in html and "Nguyễn Thị Hồng Nhung" in html
    assert "ke-hoach/2026-175-kh-du/" in (built.site_dir / "sitemap.xml").read_text(encoding="utf-8")


def test_invalid_form_shows_vietnamese_messages_and_writes_nothing(editor_site, page):
    project, url, _ = editor_site
    before = {p.name: p.read_bytes() for p in (project / "plans").iterdir()}
    _open_editor(page, url, "/collections/ke-hoach/new")
    _field(page, "so_hieu").fill("số 175 KH")
    _field(page, "co_quan_ban_hanh").fill("Đảng ủy phường Mỹ Thới")
    _publish(page)
    page.wait_for_timeout(1500)
    body = page.locator("body").text_content()
    assert "Số hiệu không khớp với mẫu: cần dạng 173-KH/ĐU" in body
    assert "Bạn còn thiếu vài thông tin bắt buộc" in body  # trích yếu and chuyên mục left empty
    assert "Trích yếu bắt buộc nhập" in body and "Chuyên mục bắt buộc nhập" in body
    screenshot(page, "editor-invalid")
    page.wait_for_timeout(1000)
    assert {p.name: p.read_bytes() for p in (project / "plans").iterdir()} == before


def test_edit_a_bundled_plan_changes_only_that_field(editor_site, vn_page):
    project, url, _ = editor_site
    page = vn_page
    path = project / "plans" / "2026-ke-hoach-mo-hinh-cnxh.md"
    original = path.read_text(encoding="utf-8")
    _open_editor(page, url, "/collections/ke-hoach/entries/2026-ke-hoach-mo-hinh-cnxh")
    assert "Bạch Đằng" in _field(page, "co_quan_ban_hanh").input_value()
    _field(page, "nguoi_ky").fill("Trần Văn Bình")
    screenshot(page, "editor-edit-plan")
    _publish(page)
    assert _wait_for(lambda: path.read_text(encoding="utf-8") != original, page), page.locator("body").text_content()[:2000]
    changed = _diff(original, path.read_text(encoding="utf-8"))
    assert len(changed) == 2 and changed[0].startswith("-nguoi_ky:"), changed
    assert changed[1] == "+nguoi_ky: Trần Văn Bình", changed
    assert _check(project).returncode == 0


def test_file_name_rule_in_the_browser_is_the_python_rule(editor_site, page):
    """editor.js names new files with validation.default_slug's rule; same answers for awkward input."""
    from loaphuong.text import slugify
    _, url, _ = editor_site
    page.goto(url + "quan-tri/")
    page.wait_for_function("window.loaphuongSlug !== undefined")
    samples = ["2026 175-KH/ĐU", "2025 12/KH-UBND", "2026 Tổ chức “Hội nghị” quán triệt — Nghị quyết số 57",
               "2024 Đảng ủy phường Ông Ích Khiêm, ngày 03/02", "2026 " + "Kế hoạch tuyên truyền dài " * 8,
               "1999 <script>alert(1)</script>", "2026 Ủy ban MTTQ Việt Nam phường Hải Châu I"]
    for text in samples:
        assert page.evaluate("t => window.loaphuongSlug.slugify(t)", text) == slugify(text), text


def test_topic_registry_is_edited_through_the_backend(tmp_path):
    """plans/chuyen-muc.yml is a top-level list: the backend wraps it for Decap and keeps its header comments."""
    from loaphuong.editor.backend import EditorError, Repo
    project = make_project(tmp_path)
    repo = Repo(project)
    entry = repo.handle("getEntry", {"path": "plans/chuyen-muc.yml"})
    data = yaml.safe_load(entry["data"])
    data["chu_de"].append({"slug": "chuyen-doi-so", "ten": "Chuyển đổi số", "loai": "chuyen-muc", "thu_tu": 13})
    raw = yaml.safe_dump(data, allow_unicode=True)
    repo.handle("persistEntry", {"dataFiles": [{"path": "plans/chuyen-muc.yml", "raw": raw}], "assets": []})
    text = (project / "plans" / "chuyen-muc.yml").read_text(encoding="utf-8")
    original = (ROOT / "plans" / "chuyen-muc.yml").read_text(encoding="utf-8")
    assert text.startswith(original)  # every item kept as written, the new one added at the end
    assert "chuyen-doi-so" in catalogue.load(project / "plans").topics.slugs
    data["chu_de"].append({"slug": "Sai Slug", "ten": "x"})
    with pytest.raises(EditorError, match="slug chuyên mục 'Sai Slug'"):
        repo.handle("persistEntry", {"dataFiles": [{"path": "plans/chuyen-muc.yml",
                                                    "raw": yaml.safe_dump(data, allow_unicode=True)}], "assets": []})
    assert "Sai Slug" not in (project / "plans" / "chuyen-muc.yml").read_text(encoding="utf-8")
    with pytest.raises(EditorError):  # nothing outside plans/ and the media folder
        repo.handle("persistEntry", {"dataFiles": [{"path": "mkdocs.yml", "raw": "x"}], "assets": []})


def test_backend_refuses_a_plan_that_check_rejects(tmp_path):
    from loaphuong.editor.backend import EditorError, Repo
    project = make_project(tmp_path)
    raw = "---\nso_hieu: 9-KH/ĐU\ntrich_yeu: Thử\nco_quan_ban_hanh: Đảng ủy\nngay_ban_hanh: 30/02/2026\nchuyen_muc:\n  - khong-co\n---\nx\n"
    with pytest.raises(EditorError) as exc:
        Repo(project).handle("persistEntry", {"dataFiles": [{"path": "plans/2026-9-kh-du.md", "raw": raw}],
                                              "assets": []})
    assert "plans/2026-9-kh-du.md:5" in str(exc.value) and "không tồn tại" in str(exc.value)
    assert "khong-co" in str(exc.value)
    assert not (project / "plans" / "2026-9-kh-du.md").exists()


def test_edit_the_topic_registry_in_the_form(editor_site, vn_page):
    project, url, _ = editor_site
    page = vn_page
    path = project / "plans" / "chuyen-muc.yml"
    original = path.read_text(encoding="utf-8")
    page.goto(url + "quan-tri/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("text=Kế hoạch")
    page.goto(url + "quan-tri/#/collections/danh-muc/entries/chuyen-muc")
    # Items are folded to their summary; the chevron of the item's top bar opens one.
    page.locator('xpath=//*[text()="Công tác tuyên truyền (tuyen-truyen)"]'
                 '/ancestor::div[.//button][1]//button').first.click()
    field = page.locator('[id^="ten-field-"] >> visible=true').first
    field.wait_for(timeout=5000)
    assert field.input_value() == "Công tác tuyên truyền"
    field.fill("Công tác tuyên truyền, vận động")
    screenshot(page, "editor-topics")
    _publish(page)
    assert _wait_for(lambda: path.read_text(encoding="utf-8") != original, page), \
        page.locator("body").text_content()[:2000]
    assert _diff(original, path.read_text(encoding="utf-8")) == [
        "-  ten: Công tác tuyên truyền", "+  ten: Công tác tuyên truyền, vận động"]
    topics = catalogue.load(project / "plans").topics
    assert topics.get("tuyen-truyen").ten == "Công tác tuyên truyền, vận động"


def test_edit_a_file_made_by_new_keeps_its_comments(editor_site, vn_page):
    """`python -m loaphuong new` writes a commented template; filling one field in the form keeps every comment."""
    from loaphuong.scaffold import render
    import datetime as dt
    project, url, _ = editor_site
    page = vn_page
    path = project / "plans" / "2026-moi.md"
    path.write_text(render(dt.date(2026, 11, 20), "tuyen-truyen"), encoding="utf-8")
    original = path.read_text(encoding="utf-8")
    _open_editor(page, url, "/collections/ke-hoach/entries/2026-moi")
    text = 'Tuyên truyền: "Ngày hội" #1 — <b>đại đoàn kết</b> & chi bộ'  # YAML and HTML specials
    _field(page, "trich_yeu").fill(text)
    _publish(page)
    assert _wait_for(lambda: path.read_text(encoding="utf-8") != original, page), \
        page.locator("body").text_content()[:2000]
    after = path.read_text(encoding="utf-8")
    changed = _diff(original, after)
    assert changed[0] == '-trich_yeu: "Tổ chức ..."' and changed[1].startswith("+trich_yeu: "), changed
    assert len(changed) == 2, changed
    assert parse(after).data["trich_yeu"] == text
    assert [line for line in after.split("\n") if line.lstrip().startswith("#")] == \
        [line for line in original.split("\n") if line.lstrip().startswith("#")]


def test_edit_a_published_plan_without_ban_nhap_keeps_it_published(editor_site, vn_page):
    """The form's defaults (ban_nhap: true for new plans) must not creep into an existing plan that omits the key."""
    project, url, _ = editor_site
    page = vn_page
    path = project / "plans" / "2025-12-kh-ubnd.md"
    path.write_text("---\nso_hieu: 12/KH-UBND\ntrich_yeu: Tổ chức ngày hội đại đoàn kết\n"
                    "co_quan_ban_hanh: Ủy ban nhân dân phường\nngay_ban_hanh: 2025-10-01\nchuyen_muc: [tuyen-truyen]\n"
                    "---\n\nNội dung.\n", encoding="utf-8")
    original = path.read_text(encoding="utf-8")
    _open_editor(page, url, "/collections/ke-hoach/entries/2025-12-kh-ubnd")
    _field(page, "nguoi_ky").fill("Lê Văn An")
    _publish(page)
    assert _wait_for(lambda: path.read_text(encoding="utf-8") != original, page), \
        page.locator("body").text_content()[:2000]
    assert _diff(original, path.read_text(encoding="utf-8")) == ["+nguoi_ky: Lê Văn An"]


def test_portal_builds_without_the_editor_bundle(tmp_path):
    """A plain `mkdocs build` in a checkout where `make editor-deps` never ran still publishes every plan: only
    the admin app is left out, with a note saying how to add it."""
    project = make_project(tmp_path)
    shutil.rmtree(project / "docs" / "quan-tri" / "vendor", ignore_errors=True)
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "make editor-deps" in result.output
    assert not (result.site_dir / "quan-tri").exists()
    assert len(list((result.site_dir / "ke-hoach").glob("*/index.html"))) == len(list((ROOT / "plans").glob("*.md")))
