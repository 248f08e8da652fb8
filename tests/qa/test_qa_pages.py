"""Q&A pages as readers meet them: built strict, linked, searchable, in no feed, printable, with FAQPage JSON-LD."""

import json
import re
import zipfile
from html import unescape
from pathlib import Path

from conftest import ROOT, TODAY, screenshot
from loaphuong import catalogue
from loaphuong.dates import parse_date
from loaphuong.search import indexed_urls


def published():
    return catalogue.load(ROOT / "plans").published(parse_date(TODAY))


def jsonld_of(html: str) -> dict:
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block, "no JSON-LD"
    return json.loads(block.group(1))


def visible_questions(html: str) -> list[str]:
    return [re.sub(r"^Câu \d+\. ", "", unescape(re.sub(r"<[^>]+>", "", s)).strip())
            for s in re.findall(r"<summary>(.*?)</summary>", html, re.S)]


def test_every_published_plan_has_a_qa_page_with_matching_json_ld(built_site):
    for plan in published():
        html = built_site.page(plan.qa_url)
        data = jsonld_of(html)
        assert data["@type"] == "FAQPage"
        questions = visible_questions(html)
        assert len(questions) >= 8
        assert [q["name"] for q in data["mainEntity"]] == questions
        assert all(q["acceptedAnswer"]["text"] for q in data["mainEntity"])
        plan_html = built_site.page(plan.url)
        assert f'href="../../{plan.qa_url}"' in plan_html  # "Hỏi và đáp về kế hoạch này"
        # every source link points at a heading that exists on the plan page
        for anchor in re.findall(rf'href="\.\./\.\./ke-hoach/{plan.slug}/#([^"]+)"', html):
            assert f'id="{anchor}"' in plan_html


def test_index_groups_by_topic_and_campaign_pages_combine(built_site):
    index = built_site.page("hoi-dap/")
    topics = catalogue.load(ROOT / "plans").topics
    for plan in published():
        assert f'href="{plan.slug}/"' in index
        for slug in plan.chuyen_muc:
            topic = topics.get(slug)
            assert unescape(topic.ten) in unescape(index)
            if topic.is_campaign:
                combined = built_site.page(topic.qa_url)
                assert plan.trich_yeu[:40] in unescape(combined)
                assert len(jsonld_of(combined)["mainEntity"]) == len(visible_questions(combined))


def test_qa_pages_are_searchable_and_in_no_feed(built_site):
    locations = indexed_urls(built_site.site_dir)
    for plan in published():
        assert plan.qa_url in locations
    for feed in list(built_site.site_dir.rglob("*.xml")) + list(built_site.site_dir.rglob("*.atom")):
        if feed.name != "sitemap.xml":
            assert "hoi-dap/" not in feed.read_text(encoding="utf-8"), feed


def test_show_all_answers_and_print_shows_every_answer(built_site, site_url, page):
    plan = next(p for p in published() if p.su_kien)
    page.goto(site_url + plan.qa_url)
    details = page.locator(".lp-qa details")
    count = details.count()
    assert count >= 8 and page.locator(".lp-qa details[open]").count() == 0
    first_answer = page.locator(".lp-qa details >> nth=0").locator("p, li").first
    assert not first_answer.is_visible()
    page.get_by_role("button", name="Hiện tất cả đáp án").click()
    assert page.locator(".lp-qa details[open]").count() == count
    page.get_by_role("button", name="Ẩn tất cả đáp án").click()
    assert page.locator(".lp-qa details[open]").count() == 0
    screenshot(page, "qa-screen")
    # Print: closed answers still show, no header/nav/sidebars, the document header on top.
    page.emulate_media(media="print")
    assert first_answer.is_visible()
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".lp-qa__controls"):
        assert not page.locator(hidden).first.is_visible(), hidden
    header = page.locator(".lp-qa__print-header")
    assert header.is_visible() and plan.co_quan_ban_hanh.upper() in header.inner_text().upper()
    assert plan.trich_yeu[:30] in header.inner_text()
    shot = screenshot(page, "qa-print")
    assert shot.exists()
    pdf = page.pdf(format="A4")
    assert pdf[:4] == b"%PDF"


def test_make_offline_zip_opens_from_file_without_internet(tmp_path, browser):
    import subprocess
    import os
    env = dict(os.environ, PYTHONPATH=str(ROOT), LOAPHUONG_TODAY=TODAY, BIN=str(Path(os.sys.executable).parent))
    proc = subprocess.run(["make", "-s", "offline", f"BIN={Path(os.sys.executable).parent}", "STAMP="],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    with zipfile.ZipFile(ROOT / "dist" / "loaphuong-offline.zip") as archive:
        archive.extractall(tmp_path / "site")
    plan = published()[0]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.route("http*://**", lambda route: route.abort())  # the meeting room has no internet
    tab = context.new_page()
    tab.goto((tmp_path / "site" / "ke-hoach" / f"{plan.slug}.html").as_uri())
    assert plan.trich_yeu[:30] in tab.inner_text("article")
    with tab.expect_navigation():
        tab.get_by_role("link", name="Hỏi và đáp về kế hoạch này").click()
    assert tab.url.endswith(f"hoi-dap/{plan.slug}.html")
    tab.wait_for_selector(".lp-qa details")
    assert tab.locator(".lp-qa details").count() >= 8
    # search works offline: the index is inlined and the worker shim is bundled
    tab.locator("input[data-md-component=search-query]").click()
    tab.keyboard.type("ke hoach")
    tab.wait_for_selector(".md-search-result__item", timeout=10_000)
    assert tab.locator(".md-search-result__item").count() > 0
    context.close()


CAMPAIGN_PLAN = """---
so_hieu: {so}-KH/ĐU
trich_yeu: Học tập chuyên đề số {so} về Nghị quyết Đại hội XIV
co_quan_ban_hanh: Đảng ủy phường Mỹ Thới
ngay_ban_hanh: 2026-0{month}-{day:02d}
nguoi_ky: Nguyễn Văn A
chuc_vu: Phó Bí thư
chuyen_muc:
  - nghi-quyet-dai-hoi-xiv
su_kien:
  - ten: Hội nghị học tập chuyên đề số {so}
    ngay: 2026-12-{day:02d}
---

## I. MỤC ĐÍCH, YÊU CẦU

Cán bộ, đảng viên nắm vững nội dung chuyên đề số {so}.

## II. NỘI DUNG

1. Tổ chức học tập chuyên đề số {so}.
2. Tuyên truyền sâu rộng trong Nhân dân.
"""


def test_a_campaign_of_many_plans_spreads_its_questions_over_pages(tmp_path):
    """A campaign gathers plans over the years: its Q&A is paged, ten plans a page, each page with its own
    JSON-LD, its source links resolving to real headings, and every plan on exactly one page."""
    from conftest import make_project, run_mkdocs_build
    from loaphuong.qa.pages import PLANS_PER_TOPIC_PAGE

    count = PLANS_PER_TOPIC_PAGE + 3
    plans = {f"c{i}.md": CAMPAIGN_PLAN.format(so=200 + i, month=1 + i % 9, day=1 + i) for i in range(count)}
    result = run_mkdocs_build(make_project(tmp_path, plans, keep_bundled=False), tmp_path / "site")
    assert result.returncode == 0, result.output
    base = "hoi-dap/chuyen-trang/nghi-quyet-dai-hoi-xiv/"
    first, second = result.page(base), result.page(base + "trang/2/")
    assert not (result.site_dir / base / "trang" / "3").exists()
    seen = []
    for url, html in ((base, first), (base + "trang/2/", second)):
        headings = re.findall(r'<h2 id="(2026-2\d\d-kh-du)"', html)
        seen += headings
        assert len(jsonld_of(html)["mainEntity"]) == len(visible_questions(html)) > 0
        for href in re.findall(r'href="(\.\.[^"]*)"', html):
            path, _, anchor = href.partition("#")
            target = (result.site_dir / url / path).resolve()
            target = target / "index.html" if target.is_dir() else target
            assert target.is_file(), (url, href)
            if anchor:
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (url, href)
    assert sorted(seen) == sorted(f"2026-{200 + i}-kh-du" for i in range(count)) and len(seen) == len(set(seen))
    assert len(re.findall(r'<h2 id="2026-2', first)) == PLANS_PER_TOPIC_PAGE
    assert 'rel="next" href="trang/2/"' in first and 'rel="prev" href="../../"' in second
    assert f"kế hoạch {PLANS_PER_TOPIC_PAGE + 1}–{count} trong tổng số {count}" in unescape(second)
    assert "— trang 2" in unescape(re.search(r"<title>(.*?)</title>", second).group(1))

    # /hoi-dap/ lists the newest plans of each topic and sends to the topic's listing for the rest, where
    # every plan links its own Q&A page.
    from loaphuong.qa.pages import INDEX_PLANS_PER_TOPIC
    index = result.page("hoi-dap/")
    assert len(re.findall(r'href="2026-2\d\d-kh-du/"', index)) == INDEX_PLANS_PER_TOPIC < count
    more = re.search(r'<a class="lp-qa__more" href="([^"]+)">Xem đủ (\d+) kế hoạch', index)
    assert more and int(more.group(2)) == count and more.group(1) == "../chuyen-trang/nghi-quyet-dai-hoi-xiv/"
    listing = result.page("chuyen-trang/nghi-quyet-dai-hoi-xiv/") + result.page("chuyen-trang/nghi-quyet-dai-hoi-xiv/trang/2/") \
        if (result.site_dir / "chuyen-trang/nghi-quyet-dai-hoi-xiv/trang/2").is_dir() else \
        result.page("chuyen-trang/nghi-quyet-dai-hoi-xiv/")
    assert sorted(set(re.findall(r'href="[./]*hoi-dap/(2026-2\d\d-kh-du)/"', listing))) == sorted(seen)
