"""Accessibility and validity as the web's auditors judge them, on every kind of page (issue 12).

One build: the bundled plans plus 22 generated ones in one chuyên mục, so a listing has a second page.
- axe-core (npm, tests/audit/) injected into real Chromium: no serious or critical violation, at phone and
  desktop width, the Q&A page also as printed;
- the Nu HTML Checker (npm vnu-jar on Debian's Java) over every HTML file of the build: no error;
- no console error or failed request (the site must not depend on site_url being reachable), lang="vi";
- keyboard journeys: skip link, search (Tab, type, arrow to a result, Enter), the header buttons at phone
  width, the Q&A "show all answers" toggle, the /van-ban/ filter, the copy button; visible focus;
- 200 % text size at 375 px: nothing sticks out sideways.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, make_project, run_mkdocs_build, screenshot, serve_directory
from loaphuong.a11y import PAGE_KINDS, page_kinds
from plan_texts import plan_text

AUDIT = ROOT / "tests" / "audit" / "node_modules"
AXE = AUDIT / "axe-core" / "axe.min.js"
VNU = AUDIT / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
TOPIC = "tuyen-truyen"
EXTRA = {f"a11y-{i:02d}.md": plan_text({
    "so_hieu:": f"so_hieu: {300 + i}-KH/ĐU",
    "trich_yeu:": f"trich_yeu: Tuyên truyền đợt {i} về chuyển đổi số ở khu phố",
    "ngay_ban_hanh:": f"ngay_ban_hanh: 2025-{1 + i % 12:02d}-{1 + i % 27:02d}",
    "    ngay: 2025-02-20": f"    ngay: 2025-{1 + i % 12:02d}-20",
    "    han: 2025-03-05": f"    han: 2025-{1 + i % 12:02d}",
    "  - hoc-tap-quan-triet": f"  - {TOPIC}",
}) for i in range(1, 23)}


@pytest.fixture(scope="module")
def audit_site(tmp_path_factory):
    assert AXE.exists() and VNU.exists(), "auditors missing: run `make test` (its `audit-tools` target installs them)"
    root = tmp_path_factory.mktemp("a11y")
    result = run_mkdocs_build(make_project(root, EXTRA), root / "site")
    assert result.returncode == 0, result.output
    kinds = page_kinds(result.site_dir)
    assert set(kinds) == {name for name, _, _ in PAGE_KINDS}, f"page kinds missing from the build: {kinds}"
    with serve_directory(result.site_dir) as url:
        yield result, url, kinds


def open_page(context, url):
    """A page with console errors and failed requests recorded, loaded and settled."""
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(f"console: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(f"error: {e}"))
    # A request the page itself cancels by navigating away (net::ERR_ABORTED, e.g. the favicon while Enter
    # opens a result) is not a failure of the site.
    page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
            and page.problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: page.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def axe_serious(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: tags})", AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:5]]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [375, 1280])
def test_axe_finds_nothing_serious_and_pages_load_cleanly_on_every_page_kind(audit_site, browser, width):
    _, base, kinds = audit_site
    context = browser.new_context(viewport={"width": width, "height": 812}, locale="vi-VN",
                                  is_mobile=width < 600, has_touch=width < 600)
    failures = {}
    try:
        for kind, path in kinds.items():
            page = open_page(context, base + path)
            assert page.locator("html").get_attribute("lang") == "vi", kind
            if kind.startswith("văn bản"):  # the filter from the address is applied and narrows the table
                assert page.locator("[data-lp-filter] input[name=tu-khoa]").input_value() == "ke hoach"
            problems = page.problems + axe_serious(page)
            if kind == "hỏi đáp":
                page.emulate_media(media="print")
                problems += [f"print: {p}" for p in axe_serious(page)]
            if problems:
                failures[f"{kind} /{path}"] = problems
            page.close()
    finally:
        context.close()
    assert not failures, json.dumps(failures, ensure_ascii=False, indent=1)


def test_nu_html_checker_finds_no_error_in_the_whole_site(audit_site):
    result, _, _ = audit_site
    java = shutil.which("java")
    assert java, "java not found: the Nu HTML Checker needs it (Debian's default-jre-headless)"
    proc = subprocess.run([java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
                           str(result.site_dir)], capture_output=True, text=True)
    messages = [m for m in json.loads(proc.stderr or proc.stdout)["messages"] if m["type"] == "error"]
    checked = list(result.site_dir.rglob("*.html"))
    assert len(checked) > 40
    assert not messages, "\n".join(f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}"
                                   for m in messages[:30])


def test_every_page_of_the_site_is_in_vietnamese(audit_site):
    result, _, _ = audit_site
    pages = list(result.site_dir.rglob("*.html"))
    wrong = [p.relative_to(result.site_dir).as_posix() for p in pages
             if not re.search(r'<html\b[^>]*\blang="vi"', p.read_text(encoding="utf-8")[:2000])]
    assert not wrong


def focused(page) -> dict:
    """What has keyboard focus, and whether a focus indicator is drawn around it."""
    return page.evaluate("""() => {
        const el = document.activeElement, s = getComputedStyle(el);
        return {tag: el.tagName, cls: el.className && String(el.className), text: (el.innerText || el.value || '').trim(),
                label: el.getAttribute('aria-label'), name: el.getAttribute('name'), href: el.getAttribute('href'),
                ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'};
    }""")


def settled(page, selector, quiet_ms=800, limit=30):
    """Wait until the element's content stops changing (search results are redrawn as the user types)."""
    before = None
    for _ in range(limit):
        now = page.locator(selector).inner_html()
        if now == before:
            return
        before = now
        page.wait_for_timeout(quiet_ms)
    raise AssertionError(f"{selector} never settled")


def tab_to(page, matches, limit=80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if matches(now):
            return now
    raise AssertionError(f"never reached by Tab; last focus: {now}")


def test_keyboard_skip_link_then_search_arrow_to_a_result_and_enter(audit_site, browser):
    _, base, kinds = audit_site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = open_page(context, base + kinds["chuyên mục"])
    try:
        page.keyboard.press("Tab")
        skip = focused(page)
        assert skip["text"] == "Chuyển đến nội dung chính" and skip["ring"], skip
        assert page.locator(".md-skip").is_visible()
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#lp-noi-dung"
        page.goto(base)
        box = tab_to(page, lambda f: "md-search__input" in (f["cls"] or ""))
        assert box["ring"], "the search box shows no focus"
        page.keyboard.type("chuyen doi so", delay=20)
        page.wait_for_selector(".md-search-result__item a", timeout=15000)
        settled(page, ".md-search-result")  # results are redrawn as the query grows: wait for the last draw
        for _ in range(3):
            page.keyboard.press("ArrowDown")
            result = focused(page)
            if result["tag"] == "A":
                break
        assert result["tag"] == "A" and result["href"], result
        target = page.evaluate("document.activeElement.href").split("#")[0].split("?")[0]
        screenshot(page, "a11y-keyboard-search")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: url.split("#")[0].split("?")[0] == target)
        assert target != base
        assert not page.problems, page.problems
    finally:
        context.close()


def test_keyboard_opens_menu_and_search_at_phone_width(audit_site, browser):
    _, base, _ = audit_site
    context = browser.new_context(viewport={"width": 375, "height": 812}, locale="vi-VN")
    page = open_page(context, base)
    try:
        menu = tab_to(page, lambda f: f["label"] == "Mở trình đơn")
        assert menu["ring"]
        assert menu["tag"] == "BUTTON"
        page.keyboard.press("Enter")
        assert page.locator("#__drawer").is_checked()
        page.keyboard.press("Enter")  # the same button closes it
        assert not page.locator("#__drawer").is_checked()
        search = tab_to(page, lambda f: f["label"] == "Mở ô tìm kiếm")
        assert search["ring"]
        page.keyboard.press("Enter")
        page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.type("tuyen truyen", delay=20)
        page.wait_for_selector(".md-search-result__item a", timeout=15000)
        screenshot(page, "a11y-keyboard-search-phone")
    finally:
        context.close()


def test_keyboard_works_the_qa_toggle_the_van_ban_filter_and_the_copy_button(audit_site, browser):
    _, base, kinds = audit_site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    try:
        page = open_page(context, base + kinds["hỏi đáp"])
        toggle = tab_to(page, lambda f: f["text"] == "Hiện tất cả đáp án")
        assert toggle["ring"]
        assert page.locator(".lp-qa details:not([open])").count() > 0
        page.keyboard.press("Enter")
        assert page.locator(".lp-qa details:not([open])").count() == 0
        assert focused(page)["text"] == "Ẩn tất cả đáp án"
        summary = tab_to(page, lambda f: f["tag"] == "SUMMARY")
        assert summary["ring"]
        page.keyboard.press("Enter")  # a question closes and opens from the keyboard too
        assert page.locator(".lp-qa details:not([open])").count() == 1

        page = open_page(context, base + "van-ban/")
        rows = page.locator("[data-lp-table] tbody tr:not([hidden])")
        everything = rows.count()
        assert tab_to(page, lambda f: f["name"] == "tu-khoa")["ring"], "the filter box shows no focus"
        page.keyboard.type("chuyen doi so 305", delay=10)
        assert rows.count() == 1 and "305-KH" in rows.first.inner_text()
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        assert rows.count() == everything
        select = tab_to(page, lambda f: f["name"] == "chuyen-muc")
        assert select["ring"]
        page.keyboard.press("ArrowDown")  # first chuyên mục in the list
        assert 0 < rows.count() < everything

        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        page = open_page(context, base + kinds["chuyên mục"])
        copy = tab_to(page, lambda f: f["text"] == "Sao chép")
        assert copy["ring"]
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('[data-lp-copy]').textContent === 'Đã chép'")
        assert page.evaluate("navigator.clipboard.readText()") == page.locator(".lp-feed__url").input_value()
        assert not page.problems, page.problems
    finally:
        context.close()


def test_text_at_200_percent_on_a_phone_never_sticks_out_sideways(audit_site, browser):
    _, base, kinds = audit_site
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="vi-VN")
    overflowing = {}
    try:
        for kind, path in kinds.items():
            page = open_page(context, base + path)
            # Text zoom doubles the default font size; Material sizes everything from html's 125 %.
            page.add_style_tag(content="html { font-size: 250% !important; }")
            page.wait_for_timeout(100)
            wide = page.evaluate("""() => {
                const width = document.documentElement.clientWidth, out = [];
                const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
                    const s = getComputedStyle(p); if (/(auto|scroll)/.test(s.overflowX)) return true; } return false; };
                for (const el of document.querySelectorAll('body *')) {
                    const r = el.getBoundingClientRect();
                    if (r.width && r.height && r.right > width + 1 && el.checkVisibility() && !scrolls(el)
                        && !el.closest('.md-sidebar, .md-search, .md-dialog, .md-tabs, [hidden]'))
                        out.push(`${el.tagName}.${el.className} right=${Math.round(r.right)}`);
                }
                return out.slice(0, 5);
            }""")
            if wide:
                overflowing[kind] = wide
            if kind in ("trang chủ", "kế hoạch", "văn bản, có lọc"):
                screenshot(page, f"a11y-zoom200-{path.split('/')[0] or 'home'}")
            page.close()
    finally:
        context.close()
    assert not overflowing, overflowing


def test_markup_fixes_touch_only_materials_faulty_markup_and_can_run_twice():
    from loaphuong.a11y import fix_page

    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
            '<input type="text" name="query" autocomplete="off">'
            '<div data-md-component="skip">\n    </div>'
            '<div class="md-search" data-md-component="search" role="dialog">'
            '<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
            '<label class="md-nav__title" for="__toc">'
            '<div class="md-content" data-md-component="content">')
    fixed = fix_page(page)
    assert 'id="__drawer">' in fixed and 'name="query" autocomplete="off"' in fixed  # text fields keep it
    assert 'tabindex=""' not in fixed and 'for="__toc"' not in fixed
    assert 'role="dialog" aria-label="Tìm kiếm"' in fixed
    assert '<a href="#lp-noi-dung" class="md-skip">' in fixed and 'data-md-component="content" id="lp-noi-dung"' in fixed
    assert fix_page(fixed) == fixed
    # A page whose nav has the #__toc toggle keeps the table of contents label pointing at it.
    with_toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc"><label class="md-nav__title" for="__toc">'
    assert fix_page(with_toggle) == with_toggle
