"""Stored script injection: a plan and a topic whose every staff string carries the usual XSS payloads
(OWASP's filter-evasion kinds), built strictly and opened page by page in real Chromium."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from lxml import html as lxml_html

from conftest import make_project, run_mkdocs_build, serve_directory, screenshot

# One per kind: script tags, event handlers, javascript:/data: URLs, SVG, broken quoting and attribute
# breakouts, closing the element the text lands in (<title>, <script>, <textarea>), comments, entities.
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><script>alert(2)</script>',
    "'><img src=x onerror=alert(3)>",
    "<svg onload=alert(4)>",
    "<svg><script>alert(5)</script></svg>",
    "<a href=\"javascript:alert(6)\">liên kết</a>",
    "<IMG SRC=JaVaScRiPt:alert(7)>",
    "<img \"\"\"><script>alert(8)</script>\">",
    "</title><script>alert(9)</script>",
    "</script><script>alert(10)</script>",
    "<details open ontoggle=alert(11)>",
    "\" onmouseover=\"alert(12)\" autofocus onfocus=\"alert(12)\" x=\"",
    "' autofocus onfocus='alert(13)' x='",
    "<iframe src=\"javascript:alert(14)\"></iframe>",
    "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxNSk8L3NjcmlwdD4=\"></object>",
    "<!--<img src=x onerror=alert(16)>-->",
    "</textarea><img src=x onerror=alert(17)>",
    "<body onload=alert(18)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(19)>",
    "{{ config.site_name }} {% raw %}",
    "&lt;script&gt;alert(20)&lt;/script&gt;",
]
MARK = "XSSMARK"


def _field(i: int) -> str:
    return f"{MARK}{i} " + " ".join(PAYLOADS[i % len(PAYLOADS):] + PAYLOADS[:i % len(PAYLOADS)])


def hostile_plan() -> str:
    texts = iter(range(100))

    def t():
        return _field(next(texts))

    data = {
        "so_hieu": "99-KH/ĐU",
        "loai_van_ban": "Kế hoạch " + PAYLOADS[1],
        "trich_yeu": f"XSS1 <script>alert(1)</script> <img src=x onerror=alert(2)> {t()}",
        "co_quan_ban_hanh": t(), "co_quan_cap_tren": t(), "dia_danh": t(), "nguoi_ky": t(), "chuc_vu": t(),
        "tham_quyen": t(), "tom_tat": t(), "nhiem_ky": "2025-2030",
        "ngay_ban_hanh": "2026-11-02", "chuyen_muc": ["tuyen-truyen", "xss-chuyen-trang"],
        "can_cu": [{"loai": t(), "so_hieu": "52-CTr/TU", "ngay": "2025-01-17", "co_quan": t(), "trich_yeu": t()}],
        "van_ban_lien_quan": [{"loai": t(), "so_hieu": t(), "co_quan": t(), "trich_yeu": t()}],
        "doi_tuong": [t(), t()],
        "su_kien": [{"ten": t(), "ngay": "2026-12-20", "gio": "14:00", "dia_diem": t(), "hinh_thuc": t(),
                     "chu_tri": t(), "thanh_phan": t()}],
        "thoi_han": [{"viec": t(), "han": "2026-12-30", "chiu_trach_nhiem": t()}],
        "don_vi_trach_nhiem": [{"don_vi": t(), "nhiem_vu": t()}],
        "hoi_dap": [{"hoi": t(), "dap": t()}],
        "slug_cu": ["xss-dia-chi-cu"],  # a redirect page carrying the hostile title
        "noi_nhan": [t(), t()],
    }
    body = "\n\n".join([
        "Thực hiện Chương trình hành động số 52-CTr/TU.",
        "## I. MỤC ĐÍCH, YÊU CẦU",
        "| Cột | Giá trị |\n|:---|---:|\n| a | <span onclick=alert(36)>b</span> |",
        "## II. NỘI DUNG",
        f"### {MARK}H <img src=x onerror=alert(37)> &lt;script&gt;alert(38)&lt;/script&gt; \\<b onclick=alert(39)>",
        f"Văn bản thường: {MARK}BODY &lt;script&gt;alert(35)&lt;/script&gt; còn hiện.",
        "[bấm vào đây](javascript:alert(30)) và [ảnh](data:text/html;base64,PHNjcmlwdD5hbGVydCgzMSk8L3NjcmlwdD4=)",
        "![ảnh](javascript:alert(32))",
        "Đoạn có thuộc tính { onclick=\"alert(33)\" }\n{: onmouseover=\"alert(34)\" }",
        "<form action=\"https://evil.example/\"><input name=x><button>Gửi</button></form>",
        "<style>body{display:none}</style><link rel=stylesheet href=\"https://evil.example/x.css\">",
        *PAYLOADS,  # last: an unclosed tag swallows the Markdown after it (headings the Q&A links to)
    ])
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n" + body + "\n"


HOSTILE_TOPIC = {
    "slug": "xss-chuyen-trang", "loai": "chuyen-trang", "thu_tu": 0,
    "ten": f"{MARK}TEN " + PAYLOADS[8] + PAYLOADS[2] + PAYLOADS[11],
    "mo_ta": f"{MARK}MOTA " + " ".join(PAYLOADS),
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xss")
    project = make_project(tmp, {"xss.md": hostile_plan()})
    registry = project / "plans" / "chuyen-muc.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + "\n" + yaml.safe_dump(
        [HOSTILE_TOPIC], allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    intro = project / "docs" / "chuyen-trang" / "xss-chuyen-trang.md"
    intro.parent.mkdir(parents=True, exist_ok=True)
    intro.write_text("\n\n".join(["Giới thiệu chuyên trang.", f"{MARK}INTRO còn hiện.", *PAYLOADS]) + "\n",
                     encoding="utf-8")
    result = run_mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def _norm(text: str) -> str:
    return re.sub(r"(\.\./)+|\./", "", " ".join(text.split()))


def _shipped_scripts(site_dir) -> set[str]:
    """Scripts of the bundled site (no hostile input): src paths, inline code and inline handlers
    (e.g. the feed box's onfocus="this.select()"), relative prefixes removed."""
    shipped = set()
    for path in site_dir.rglob("*.html"):
        root = lxml_html.fromstring(path.read_bytes())
        for script in root.iter("script"):
            shipped.add(_norm(script.get("src") or script.text or ""))
        for element in root.iter():
            for name, value in getattr(element, "attrib", {}).items():
                if name.startswith("on"):
                    shipped.add(f"{str(element.tag).upper()} {name}={_norm(value)}")
    return shipped


def _pages(site_dir) -> list[str]:
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


def test_every_page_of_a_hostile_site_runs_no_injected_script(hostile_site, built_site, browser):
    shipped = _shipped_scripts(built_site.site_dir)
    pages = _pages(hostile_site.site_dir)
    assert any(p.startswith("ke-hoach/99-kh-du") or "ke-hoach/2026-99" in p for p in pages), pages
    dialogs: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    try:
        with serve_directory(hostile_site.site_dir) as url:
            for path in pages:
                source = (hostile_site.site_dir / path).read_text(encoding="utf-8")
                if 'http-equiv="refresh"' in source:
                    # A slug_cu redirect: checked as written (it moves on at once), then where it lands.
                    root = lxml_html.fromstring(source)
                    assert not list(root.iter("script")), path
                    assert not [a for e in root.iter() for a in e.attrib if a.startswith("on")], path
                    assert "XSS1 <script>alert(1)</script>" in root.findtext(".//title"), path
                    page.goto(url + path)
                    page.wait_for_url(lambda current: "xss-dia-chi-cu" not in current)
                else:
                    page.goto(url + path)
                page.wait_for_load_state("load")
                page.mouse.move(200, 200)
                page.mouse.move(640, 450)
                page.keyboard.press("Tab")
                scripts = page.eval_on_selector_all(
                    "script", "els => els.map(e => [e.type, e.getAttribute('src') || e.textContent])")
                for kind, code in scripts:
                    if kind in ("application/ld+json", "application/json"):
                        json.loads(code)  # data, not code: must still be valid JSON
                        continue
                    assert _norm(code) in shipped, f"{path}: script the site did not ship: {code[:120]}"
                handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(e =>
                    [...e.attributes].filter(a => a.name.startsWith('on')
                      || /^\\s*(javascript|data):/i.test(a.value) && ['href', 'src', 'action', 'data',
                         'formaction', 'xlink:href'].includes(a.name)).map(a => e.tagName + ' ' + a.name
                         + '=' + a.value))""")
                injected = [h for h in handlers if f"{h.split('=')[0]}={_norm(h.split('=', 1)[1])}" not in shipped]
                assert not injected, f"{path}: {injected}"
                assert not page.locator("iframe, object, embed, form[action*='evil']").count(), path
            # The plan page and its Q&A page: the payload is there, as text.
            plan_path = next(p for p in pages if p.startswith("ke-hoach/") and "99" in p)
            page.goto(url + plan_path)
            assert "XSS1 <script>alert(1)</script> <img src=x onerror=alert(2)>" in page.title()
            assert "XSS1 <script>alert(1)</script>" in page.locator(".md-header__topic").last.inner_text()
            body = page.locator("body").inner_text()
            assert f"{MARK}0 " in body and PAYLOADS[11].strip() in body and f"{MARK}BODY <script>" in body
            description = page.locator('meta[name="description"]').get_attribute("content")
            assert description.startswith(f"{MARK}") and "<script>" in description
            og = page.locator('meta[property="og:title"]').get_attribute("content")
            assert "XSS1 <script>alert(1)</script>" in og
            screenshot(page, "injection-plan")
            page.goto(url + "hoi-dap/" + plan_path.split("/")[1] + "/")
            assert "XSS1 <script>alert(1)</script>" in page.locator("body").inner_text()
            page.goto(url + "chuyen-trang/xss-chuyen-trang/")
            body = page.locator("body").inner_text()
            assert f"{MARK}TEN </title><script>alert(9)</script>" in body and f"{MARK}INTRO còn hiện." in body
            assert f"{MARK}TEN </title>" in page.title()
            # Search renders results as HTML: the hostile titles must come back as text.
            page.click(".md-search__input")
            page.keyboard.type("XSS1", delay=15)
            page.wait_for_function("document.querySelector('.md-search-result__meta').innerText.match(/\\d/)",
                                   timeout=10_000)
            assert "<script>alert(1)</script>" in page.locator(".md-search-result").inner_text()
            assert not page.locator(".md-search-result script, .md-search-result img[onerror]").count()
    finally:
        context.close()
    assert not dialogs, dialogs


def test_feeds_calendar_and_search_index_carry_payloads_as_text(hostile_site):
    site = hostile_site.site_dir
    import feedparser
    import icalendar

    for name in ("feed.xml", "feed.atom", "chuyen-trang/xss-chuyen-trang/feed.xml"):
        parsed = feedparser.parse((site / name).read_bytes())
        assert parsed.bozo == 0, name
        titles = [e.title for e in parsed.entries]
        assert any("XSS1 <script>alert(1)</script>" in t for t in titles), (name, titles)
        ET.fromstring((site / name).read_bytes())  # well-formed XML
    calendar = icalendar.Calendar.from_ical((site / "lich.ics").read_bytes())
    summaries = [str(c.get("summary")) for c in calendar.walk("VEVENT")]
    assert any(f"{MARK}" in s for s in summaries)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            fragment = lxml_html.fragment_fromstring(doc[key] or "<p></p>", create_parent="div")
            assert not list(fragment.iter("script", "iframe", "object", "svg", "style")), doc["location"]
            assert not [a for e in fragment.iter() for a in e.attrib if a.startswith("on")], doc["location"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    ET.fromstring(sitemap)
