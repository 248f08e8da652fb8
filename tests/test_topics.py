"""Topic pages, indexes, /van-ban/, calendar and document graph, built with `mkdocs build --strict` from
a project of 28 small plans (plus the bundled ones, a draft and a future plan), and driven in Chromium."""

from __future__ import annotations

import datetime as dt
import functools
import html as html_lib
import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import icalendar
import pytest

from conftest import TODAY, make_project, run_mkdocs_build, screenshot
from loaphuong import catalogue
from loaphuong.dates import parse_date
from loaphuong.listing.agenda import agenda
from loaphuong.listing.taxonomy import body_slug
from loaphuong.text import fold
from plan_texts import plan_text

TOPIC = "xay-dung-dang"
BODIES = ("Đảng ủy phường Mỹ Thới", "Chi bộ Khu phố 3")
SECRETS = ("Bản nháp bí mật", "Ban nhap bi mat", "901-KH", "Kế hoạch tương lai", "Ke hoach tuong lai", "902-KH",
           "Hội nghị nháp", "Hoi nghi nhap", "Hạn tương lai")


def generated_plan(i: int) -> str:
    """Plan i of a series in one chuyên mục, over two years and two bodies, all citing 52-CTr/ĐU."""
    year = 2025 if i < 15 else 2026
    month = 1 + i % 12
    event = "2026-12-1" + str(i % 10) if i % 5 == 0 else f"{year}-{month:02d}-20"
    return plan_text({
        "so_hieu:": f"so_hieu: {100 + i}-KH/ĐU",
        "trich_yeu:": f"trich_yeu: Tổ chức thử số {i} về sinh hoạt chi bộ & học tập",
        "co_quan_ban_hanh:": f"co_quan_ban_hanh: {BODIES[i % 2]}",
        "ngay_ban_hanh:": f"ngay_ban_hanh: {year}-{month:02d}-{1 + i % 27:02d}",
        "  - hoc-tap-quan-triet": f"  - {TOPIC}" + ("\n  - tuyen-truyen" if i % 3 == 0 else ""),
        "    so_hieu: 52-CTr/TU": "    so_hieu: 52-CTr/ĐU",
        "    ngay: 2025-01-17": "    ngay: 2024-12-17",
        "    ngay: 2025-02-20": f"    ngay: {event}",
        "    han: 2025-03-05": "    han: 2027-Q1" if i == 1 else f"    han: {year}-{month:02d}",
    }, add=f"tom_tat: Tóm tắt riêng của kế hoạch thử số {i}.")


PLANS = {f"thu-{i:02d}.md": generated_plan(i) for i in range(1, 27)}
PLANS["ctr.md"] = plan_text({"so_hieu:": "so_hieu: 52-CTr/ĐU", "loai_van_ban": "loai_van_ban: Chương trình",
                             "trich_yeu:": "trich_yeu: Chương trình hành động gốc của Đảng ủy",
                             "ngay_ban_hanh:": "ngay_ban_hanh: 2024-12-17", "  - hoc-tap-quan-triet":
                             "  - nghi-quyet-dai-hoi-xiv"}, drop=("can_cu", "    ", "  - loai", "su_kien",
                                                                  "  - ten", "thoi_han", "  - viec"))
PLANS["nhap.md"] = plan_text({"so_hieu:": "so_hieu: 901-KH/ĐU", "trich_yeu:": "trich_yeu: Bản nháp bí mật",
                              "  - ten:": "  - ten: Hội nghị nháp", "  - hoc-tap-quan-triet": f"  - {TOPIC}"},
                             add="ban_nhap: true")
PLANS["sau.md"] = plan_text({"so_hieu:": "so_hieu: 902-KH/ĐU", "trich_yeu:": "trich_yeu: Kế hoạch tương lai",
                             "  - viec:": "  - viec: Hạn tương lai", "ngay_ban_hanh:": "ngay_ban_hanh: 2026-11-20",
                             "  - hoc-tap-quan-triet": f"  - {TOPIC}"}, add="ngay_dang: 2099-01-01")
INTRO = "---\ntitle: x\n---\n\nLời giới thiệu **riêng** của chuyên trang Đại hội XIV.\n"


@pytest.fixture(scope="module")
def topics_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("topics")
    project = make_project(root, PLANS)
    (project / "docs" / "chuyen-trang").mkdir()
    (project / "docs" / "chuyen-trang" / "nghi-quyet-dai-hoi-xiv.md").write_text(INTRO, encoding="utf-8")
    result = run_mkdocs_build(project, root / "site")
    assert result.returncode == 0, result.output
    result.catalogue = catalogue.load(project / "plans")
    result.published = result.catalogue.published(parse_date(TODAY))
    return result


def links(html: str, page_url: str) -> set[str]:
    """Site-relative targets of the links on a page (page_url like 'chuyen-muc/x/')."""
    main = html[html.index('<article'):] if "<article" in html else html
    out = set()
    for href in re.findall(r'href="([^"#]+)', main):
        if not href.startswith(("http:", "https:", "mailto:", "webcal:")):
            out.add(urlsplit(urljoin("http://s/" + page_url, html_lib.unescape(href))).path.lstrip("/"))
    return out


def resolve(page_url: str, href: str) -> str:
    return urlsplit(urljoin("http://s/" + page_url, html_lib.unescape(href))).path.lstrip("/")


def group_counts(html: str, page_url: str) -> dict[str, int]:
    """{target URL: count shown} on an index page (/chuyen-muc/, /luu-tru/, /co-quan/)."""
    found = re.findall(r'class="lp-group__name" href="([^"]+)">[^<]*</a>\s*<span class="lp-group__count">(\d+) văn bản',
                       html)
    return {resolve(page_url, href): int(n) for href, n in found}


def listing_pages(site, first_url: str) -> list[tuple[str, str]]:
    """(url, html) of a listing's page 1 and every …/trang/n/ page after it."""
    pages, url = [], first_url
    while True:
        html = site.page(url)
        pages.append((url, html))
        nxt = re.search(r'<a class="lp-pager__step" rel="next" href="([^"]+)"', html)
        if not nxt:
            return pages
        url = urlsplit(urljoin("http://s/" + url, nxt.group(1))).path.lstrip("/")


def test_every_published_plan_is_reachable_from_its_topics_year_and_body(topics_site):
    site, cat = topics_site, topics_site.catalogue
    for plan in site.published:
        targets = [cat.topics.get(slug).url for slug in plan.chuyen_muc]
        targets += [f"luu-tru/{plan.year}/", f"co-quan/{body_slug(plan.co_quan_ban_hanh)}/"]
        for first in targets:
            reached = set().union(*(links(h, u) for u, h in listing_pages(site, first)))
            assert plan.url in reached, f"{plan.url} not reachable from {first}"
    documents = links(site.page("van-ban/"), "van-ban/")
    assert {p.url for p in site.published} <= documents


def test_topic_pages_paginate_by_twenty_newest_first_and_counts_agree(topics_site):
    site = topics_site
    expected = [p for p in site.published if TOPIC in p.chuyen_muc]
    assert len(expected) > 20
    pages = listing_pages(site, f"chuyen-muc/{TOPIC}/")
    assert [u for u, _ in pages] == [f"chuyen-muc/{TOPIC}/", f"chuyen-muc/{TOPIC}/trang/2/"]
    shown = []
    for url, html in pages:
        shown += [resolve(url, h) for h in re.findall(r'<h[23] class="lp-item__title"><a href="([^"]+)"', html)]
        assert f"{len(expected)} văn bản" in html or f"trong tổng số {len(expected)}" in html
    assert shown == [p.url for p in expected]
    topics = group_counts(site.page("chuyen-muc/"), "chuyen-muc/")
    for topic in site.catalogue.topics:
        assert topics[topic.url] == sum(topic.slug in p.chuyen_muc for p in site.published), topic.slug
    years = group_counts(site.page("luu-tru/"), "luu-tru/")
    assert years == {f"luu-tru/{y}/": sum(p.year == y for p in site.published) for y in {p.year for p in site.published}}
    bodies = group_counts(site.page("co-quan/"), "co-quan/")
    assert sum(bodies.values()) == len(site.published)
    assert bodies[f"co-quan/{body_slug(BODIES[1])}/"] == sum(p.co_quan_ban_hanh == BODIES[1] for p in site.published)


def test_drafts_and_future_plans_appear_nowhere(topics_site):
    files = [p for p in topics_site.site_dir.rglob("*") if p.is_file() and p.suffix in {".html", ".xml", ".json", ".ics", ".txt"}]
    assert any(p.name == "search_index.json" for p in files) and any(p.name == "lich.ics" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8", errors="ignore")
        for secret in SECRETS:
            assert secret not in text, f"{secret} leaked into {path}"


def test_ics_parses_and_holds_every_dated_event_and_deadline(topics_site):
    cal = icalendar.Calendar.from_ical((topics_site.site_dir / "lich.ics").read_bytes())
    events = {str(e["uid"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    expected = agenda(topics_site.published)
    assert expected and set(events) == {item.uid for item in expected}
    for item in expected:
        event = events[item.uid]
        start = event.decoded("dtstart")
        assert (start.date() if hasattr(start, "date") else start) == item.day
        assert item.title in str(event["summary"])
        if item.is_partial:
            assert item.when.label() in str(event["summary"]) and "chưa ấn định ngày" in str(event["summary"])
            assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(days=1)
        assert str(event["url"]).endswith(item.plan.url)
    partial = [i for i in expected if i.is_partial and i.when.precision == "quarter"]
    assert "2027-03-31" in {i.day.isoformat() for i in partial}  # 2027-Q1 sits on the quarter's last day


def test_calendar_page_lists_upcoming_by_month_and_home_shows_them(topics_site):
    items = [i for i in agenda(topics_site.published) if i.day >= parse_date(TODAY)]
    lich = topics_site.page("lich/")
    coming = lich[lich.index('id="sap-toi"'):lich.index('id="da-qua"')]
    for item in items:
        assert html_lib.escape(item.title, quote=False) in coming
    assert "Tháng 12/2026" in coming and "trong quý I năm 2027 (chưa ấn định ngày)" in coming
    home = topics_site.page("/")
    assert html_lib.escape(items[0].title, quote=False) in home
    assert "Chuyên trang" in home and "Văn bản mới đăng" in home


def test_calendar_keeps_recent_months_and_gives_each_earlier_year_a_page(topics_site):
    """/lich/ lists what is coming and the last three months; every earlier past item is on its year's page
    (/lich/<year>/), linked from /lich/, so an archive of years never makes /lich/ megabytes long."""
    today = parse_date(TODAY)
    past = [i for i in agenda(topics_site.published) if not i.is_upcoming(today) and not i.is_recurring]
    recent_from = dt.date(2026, 9, 1)
    older = [i for i in past if i.day < recent_from]
    assert older, "the test plans must have items before the last three months"
    lich = topics_site.page("lich/")
    shown = lich[lich.index('id="da-qua"'):]
    for item in past:
        anchor = f'id="thang-{item.day.month:02d}-{item.day.year}"'
        assert (anchor in shown) == (item.day >= recent_from), item
    assert {f"lich/{y}/" for y in {i.day.year for i in older}} <= links(lich, "lich/")
    for year in sorted({i.day.year for i in past}):
        items = [i for i in past if i.day.year == year]
        if not any(i.day < recent_from for i in items):
            continue  # only the recent months of this year: /lich/ shows them all
        page = topics_site.page(f"lich/{year}/")
        assert f"Lịch công tác năm {year}" in page
        assert page.count('class="lp-agenda__item ') == len(items)
        assert all(f'datetime="{i.day.isoformat()}"' in page for i in items)
        assert "lich/" in links(page, f"lich/{year}/")
    assert not (topics_site.site_dir / "lich" / str(today.year + 1)).exists()


def test_document_graph_links_can_cu_and_lists_implementing_plans(topics_site):
    site = topics_site
    root = site.catalogue.by_slug("2024-52-ctr-du")
    citing = [p for p in site.published if any(vb.so_hieu == "52-CTr/ĐU" for vb in p.can_cu)]
    assert len(citing) > 20
    page = site.page(root.url)
    section = page[page.index("Văn bản triển khai"):]
    assert {p.url for p in citing} <= links(section, root.url)
    assert "901-KH" not in page  # the draft cites it too, and must not show
    one = site.page(citing[0].url)
    assert root.url in links(one[one.index("Căn cứ"):one.index("Căn cứ") + 2000], citing[0].url)


def test_campaign_page_has_banner_intro_and_no_dead_links(topics_site):
    site = topics_site
    page = site.page("chuyen-trang/nghi-quyet-dai-hoi-xiv/")
    assert 'class="lp-banner"' in page and "Lời giới thiệu <strong>riêng</strong>" in page
    # Links to feeds and Q&A appear only when those pages exist: every internal link resolves to a file.
    for path in site.site_dir.rglob("*.html"):
        url = path.relative_to(site.site_dir).as_posix().removesuffix("index.html")
        for target in links(path.read_text(encoding="utf-8"), url):
            file = site.site_dir / target
            assert file.is_file() or (file / "index.html").is_file(), f"{url} links to missing {target}"


def test_listings_escape_staff_text(topics_site):
    page = topics_site.page(f"chuyen-muc/{TOPIC}/")
    assert "sinh hoạt chi bộ &amp; học tập" in page and "&amp;amp;" not in page


def test_nav_tabs_list_indexes_never_plans_years_or_pages(topics_site):
    home = topics_site.page("/")
    tabs = home[home.index('class="md-tabs"'):].split("</nav>")[0]
    names = re.findall(r'class="md-tabs__link">\s*([^<]+?)\s*<', tabs)
    assert names[:6] == ["Trang chủ", "Chuyên trang", "Chuyên mục", "Văn bản", "Lịch", "Hướng dẫn"]
    assert len(names) <= 7  # and "Hỏi và đáp" from mkdocs.yml: indexes only
    nav = home[home.index('class="md-nav md-nav--primary'):home.index('md-sidebar--secondary')]
    hrefs = re.findall(r'href="([^"]+)"', nav)
    assert "chuyen-muc/" in hrefs and "van-ban/" in hrefs and "lich/" in hrefs
    assert not [h for h in hrefs if re.match(r"(\.\./)*(ke-hoach/|.*/trang/|luu-tru/20|co-quan/[a-z])", h)]


def test_theme_strings_are_vietnamese(topics_site):
    home = topics_site.page("/")
    assert '<html lang="vi"' in home
    assert "Đang chuẩn bị tìm kiếm" in home and "Initializing search" not in home
    assert "Lên đầu trang" in home and "Trở lại mục lục" not in home
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home, re.S).group(1))
    assert config["translations"]["search.result.none"] == "Không tìm thấy kết quả phù hợp"
    index = json.loads(topics_site.page("search/search_index.json"))
    assert index["config"]["lang"] == ["vi"]


# --- in Chromium ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def topics_url(topics_site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(topics_site.site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def words(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text).lower()).split())


def titles(page) -> list[str]:
    return page.locator(".lp-list .lp-item__title a").evaluate_all("els => els.map(e => e.href)")


def test_browser_topic_page_lists_its_plans_and_pages_through(page, topics_url, topics_site):
    expected = [topics_url + p.url for p in topics_site.published if TOPIC in p.chuyen_muc]
    page.goto(topics_url + f"chuyen-muc/{TOPIC}/")
    assert page.locator("h1").inner_text() == topics_site.catalogue.topics.get(TOPIC).ten
    assert titles(page) == expected[:20]
    page.get_by_role("link", name="Trang sau ›").click()
    page.wait_for_url("**/trang/2/")
    assert titles(page) == expected[20:]
    assert page.locator(".lp-pager [aria-current]").inner_text() == "2"
    page.get_by_role("link", name="‹ Trang trước").click()
    page.wait_for_url(f"**/chuyen-muc/{TOPIC}/")
    assert titles(page) == expected[:20]


def test_browser_van_ban_filter_narrows_the_table(page, topics_url, topics_site):
    page.goto(topics_url + "van-ban/")
    rows = page.locator("[data-lp-table] tbody tr:visible")
    total = len(topics_site.published)
    assert rows.count() == total
    texts = dict(rows.evaluate_all("rs => rs.map(r => [r.querySelector('a').href, r.textContent])"))
    text_of = {p.slug: texts[topics_url + p.url] for p in topics_site.published}

    def typed(query, plans):  # rows where every word typed starts a word of the row, diacritics aside
        return [p for p in plans if all(f" {w}" in f" {words(text_of[p.slug])} " for w in words(query).split())]

    page.fill("input[name=tu-khoa]", "ke hoach thu so")
    expected = typed("ke hoach thu so", topics_site.published)
    assert rows.count() == len(expected) and 1 < len(expected) < total
    assert page.locator("[data-lp-shown]").inner_text() == str(len(expected))
    page.fill("input[name=tu-khoa]", "115 KH")
    assert rows.locator("a").first.get_attribute("href").endswith("2026-115-kh-du/") and rows.count() == 1
    page.fill("input[name=tu-khoa]", "thu so")
    page.select_option("select[name=nam]", "2026")
    assert rows.count() == len(typed("thu so", [p for p in topics_site.published if p.year == 2026]))
    page.fill("input[name=tu-khoa]", "")
    page.select_option("select[name=co-quan]", body_slug(BODIES[1]))
    assert rows.count() == sum(p.year == 2026 and p.co_quan_ban_hanh == BODIES[1] for p in topics_site.published)
    assert "co-quan=" in page.url  # the filtered list can be shared
    page.get_by_role("button", name="Xóa bộ lọc").click()
    page.wait_for_function(f"document.querySelector('[data-lp-shown]').textContent == '{total}'")
    page.select_option("select[name=chuyen-muc]", "tuyen-truyen")
    assert rows.count() == sum("tuyen-truyen" in p.chuyen_muc for p in topics_site.published)
    page.select_option("select[name=chuyen-muc]", "")
    page.select_option("select[name=sap-xep]", "cu")
    dates = rows.evaluate_all("rs => rs.map(r => r.dataset.date)")
    assert dates == sorted(dates) and len(dates) == total


def test_browser_topic_page_reads_on_a_phone(phone, topics_url):
    phone.goto(topics_url + "chuyen-trang/nghi-quyet-dai-hoi-xiv/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert phone.locator(".lp-banner h1").is_visible()
    screenshot(phone, "topic-campaign-phone")
    phone.goto(topics_url + f"chuyen-muc/{TOPIC}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    box = phone.locator(".lp-item__title").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    screenshot(phone, "topic-phone")
    phone.goto(topics_url + "van-ban/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "van-ban-phone")
