"""Vietnamese search as readers use it: the header search box in Chromium over the bundled plans, a few
target plans and a few hundred distractors (tests/search_corpus.py); normalisation units; the index
files (NFC, no drafts or future plans); keyboard flow; a 375 px phone; the offline bundle from file://.
"""

from __future__ import annotations

import gzip
import unicodedata

import pytest

from conftest import ROOT, make_project, run_mkdocs_build, screenshot, serve_directory
from loaphuong.search import indexed_urls, worker_js
from loaphuong.search.normalize import fold_word, query_words, tone_key
from loaphuong.search.pagefind_index import read_fragments
from loaphuong.search.records import so_hieu_words
from search_corpus import HIDDEN, corpus

DISTRACTORS = 200
CNXH = "ke-hoach/2026-ke-hoach-mo-hinh-cnxh/"
CTR52 = "ke-hoach/2026-ke-hoach-hoc-tap-ctr-52-ctr-tu/"
TBT = "ke-hoach/2024-ke-hoach-sinh-hoat-chinh-tri-bai-viet-tbt/"
KH173 = "ke-hoach/2025-173-kh-du/"
KH45 = "ke-hoach/2025-45-kh-du/"
KH61 = "ke-hoach/2025-61-kh-du/"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (what a reader types, the plan they want). Written from the plans' text, not from the index.
QUERIES = [
    # người ký, cơ quan, places: with and without marks
    ("cao thi thanh xuan", CNXH),
    ("Cao Thị Thanh Xuân", CNXH),
    ("nguyen manh hung", CTR52),
    ("dang uy phuong nong tien", CTR52),
    ("to dan pho trang da", CTR52),
    ("huyen uy bao lam", TBT),
    ("dien ban bac", KH61),
    ("Võ Minh Đức", KH61),
    # số hiệu of the plan, in the forms readers type
    ("173-KH/ĐU", KH173),
    ("173-KH/DU", KH173),
    ("173-KH", KH173),
    ("173 KH", KH173),
    ("173kh", KH173),
    ("45-KH/ĐU", KH45),
    ("45 kh", KH45),
    # số hiệu of documents the plan only cites (căn cứ, văn bản liên quan)
    ("20-HD/BTGDVTU", CNXH),
    ("05-NQ/TU", CNXH),
    ("52-CTr/TU", CTR52),
    ("22-QĐ/TU", CTR52),
    ("107-KH/TU", TBT),
    ("20-CT/TW", TBT),
    ("05-CT/TW", KH45),
    ("318-KH/TU", KH45),
    ("12-HD/MTTQ-BTT", KH173),
    # accent-free phrases of common words; campaigns and programmes without marks
    ("ho ten nguoi ky", KH45),
    ("hoa giai o co so", KH173),
    ("ca nuoc chung tay vi nguoi ngheo", KH45),
    ("khong de ai bi bo lai phia sau", KH45),
    ("hoc tap va lam theo tu tuong dao duc phong cach ho chi minh", KH61),
    ("tu hao va tin tuong duoi la co ve vang cua dang", TBT),
    ("mo hinh chu nghia xa hoi gan voi con nguoi", CNXH),
    ("ngay hoi dai doan ket toan dan toc", KH173),
    # the other tone placement, on either side (the plan has "hoà", "Thuỷ", "doạ", "khoá", "khóa", "Uỷ")
    ("hòa giải ở cơ sở", KH173),
    ("Trần Thị Hòa", KH173),
    ("Lê Văn Thủy", KH45),
    ("đe dọa an ninh", KH173),
    ("khóa bồi dưỡng nghiệp vụ", KH173),
    ("khoá XIII", KH45),
    ("Ủy ban Mặt trận Tổ quốc phường Hòa Khánh", KH173),
    ("Văn hoá và Thông tin", TBT),
    # pasted in NFD (Word exports, macOS)
    (nfd("Ban Tuyên giáo và Dân vận Thành ủy"), CNXH),
    (nfd("Chương trình hành động số 52-CTr/TU"), CTR52),
    (nfd("Đảng ủy phường Điện Bàn Bắc"), KH61),
]


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("search")
    result = run_mkdocs_build(make_project(tmp, corpus(DISTRACTORS)), tmp / "site")
    assert result.returncode == 0, result.output
    return result.site_dir


@pytest.fixture(scope="module")
def corpus_url(corpus_site):
    with serve_directory(corpus_site) as url:
        yield url


@pytest.fixture(scope="module")
def search_page(browser, corpus_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.goto(corpus_url)
    yield page
    context.close()


SETTLED = """async () => {  // the worker may answer twice (phrase first, then all words): wait for the last
    const list = document.querySelector('.md-search-result__list');
    for (let same = 0, last = null; same < 3; ) {
        await new Promise(r => setTimeout(r, 150));
        const now = document.querySelector('.md-search-result__meta').textContent + list.innerHTML;
        same = now === last ? same + 1 : 0;
        last = now;
    }
}"""


def run_query(page, query: str) -> list[dict]:
    """Type a query into the header search box; the results as shown once the worker has answered."""
    page.click(".md-search__input")
    page.evaluate(SETTLED)
    page.evaluate("""() => { document.querySelector('.md-search-result__meta').textContent = '';
                             document.querySelector('.md-search-result__list').innerHTML = ''; }""")
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")  # Material reads the box on key up
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.length > 0",
                           timeout=10_000)
    page.evaluate(SETTLED)
    return page.locator(".md-search-result__item > a:first-child").evaluate_all("""els => els.map(a => ({
        href: a.getAttribute('href').split('?')[0],
        title: a.querySelector('h1, h2').innerHTML,
        text: (a.querySelector('article > p') || {innerHTML: ''}).innerHTML }))""")


def path_of(href: str) -> str:
    return href.split("//", 1)[-1].split("/", 1)[-1]


@pytest.mark.parametrize("query,expected", QUERIES, ids=[q for q, _ in QUERIES])
def test_reader_query_finds_the_plan_in_the_top_3(search_page, query, expected):
    results = run_query(search_page, query)
    top = [path_of(r["href"]) for r in results[:3]]
    assert expected in top, f"{query!r}: {top}"
    hit = results[top.index(expected)]
    shown = hit["title"] + hit["text"]
    assert "<mark>" in shown, hit
    assert fold_word(hit["text"]) != hit["text"].lower(), f"snippet is not accented: {hit['text']}"
    # A plan's page comes before its own Q&A page; one page per result, never its sections.
    qa = expected.replace("ke-hoach/", "hoi-dap/")
    paths = [path_of(r["href"]) for r in results]
    if qa in paths:
        assert paths.index(expected) < paths.index(qa)
    assert len(set(top)) == len(top) and not any("#" in p for p in top)


def test_exact_marks_rank_above_folded_matches(search_page):
    # Distractors are signed by "Trần Thị Hoa" (no tone); the target by "Trần Thị Hoà".
    assert path_of(run_query(search_page, "Trần Thị Hòa")[0]["href"]) == KH173
    assert path_of(run_query(search_page, "Trần Thị Hoa")[0]["href"]) != KH173


SECRETS = ("zyxwvut", "qwertyuio", "999-KH", "998-KH")  # words only the draft and future plans hold


def secrets_in(path) -> list[str]:
    """The hidden plans' words an index file (gzipped or not) holds, compared folded."""
    raw = path.read_bytes()
    try:
        raw = gzip.decompress(raw)
    except OSError:
        pass
    text = fold_word(raw.decode("utf-8", "replace"))
    return [s for s in SECRETS if fold_word(s) in text]


def test_hidden_plans_are_in_no_index_file_and_never_found(search_page, corpus_site):
    for path in corpus_site.rglob("*"):
        if path.is_file() and ("pagefind" in path.parts or path.parent.name == "search"):
            assert not secrets_in(path), path
    urls = indexed_urls(corpus_site)
    assert KH173 in urls and not [u for u in urls if "nhap" in u or "tuong-lai" in u]
    assert run_query(search_page, "Zyxwvut") == [] and run_query(search_page, "qwertyuio") == []
    assert len(HIDDEN) == 2


def test_everything_indexed_is_nfc(corpus_site):
    for record in read_fragments(corpus_site):
        for text in (record["content"], *record["meta"].values()):
            assert unicodedata.is_normalized("NFC", text), record["url"]


def test_first_query_downloads_little(browser, corpus_url):
    context = browser.new_context()
    page = context.new_page()
    sizes = []
    page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
    page.goto(corpus_url)
    page.wait_for_load_state("networkidle")
    sizes.clear()
    run_query(page, "hoc tap quan triet")
    page.wait_for_load_state("networkidle")
    total = sum(size for _, size in sizes)
    assert any("/pagefind/" in url for url, _ in sizes)
    assert total < 600_000, sizes
    context.close()


# --- normalisation, the same in Python and in the browser -------------------------------------------

def test_tone_placement_and_unicode_forms_normalise_alike():
    for old, new in (("hoà", "hòa"), ("uỷ", "ủy"), ("khoá", "khóa"), ("doạ", "dọa"), ("thuở", "thuở")):
        assert tone_key(old) == tone_key(new) and tone_key(nfd(old)) == tone_key(new)
    assert tone_key("hoa") != tone_key("hòa") and tone_key("hóa") != tone_key("hòa")
    assert query_words(nfd("Đảng ủy phường")) == ["dang", "uy", "phuong"]
    assert query_words("173-KH/ĐU") == query_words("173 kh du") == ["173", "kh", "du"]
    assert so_hieu_words("173-KH/ĐU") == ["173kh", "173khdu"]


def test_browser_folds_queries_like_the_index(page, site_url):
    page.goto(site_url)
    samples = ["Đảng ủy phường Hoà Khánh", nfd("Ủy ban Nhân dân — Điện Bàn"), "Ưu tiên ỨNG PHÓ ǅ ß İ 𝔸 ẞ",
               "".join(chr(c) for c in range(0xC0, 0x250)), "".join(chr(c) for c in range(0x1E00, 0x1F00))]
    folded = page.evaluate("""([code, samples]) => {
        const fold = (0, eval)(code + ";fold");
        return samples.map(s => fold(s.normalize('NFC')));
    }""", [worker_js(), samples])
    for sample, got in zip(samples, folded):
        nfc = unicodedata.normalize("NFC", sample)
        assert len(got) == len(nfc)  # positions map back to the accented text
        assert got == fold_word(nfc), sample


# --- how it is used ---------------------------------------------------------------------------------

def test_keyboard_flow_of_the_header_search(page, site_url):
    page.goto(site_url + "huong-dan-soan-ke-hoach/")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 400})
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    # The hotkey's own "s" sometimes lands in the box too (a matter of timing in the browser): start empty.
    page.fill(".md-search__input", "")
    page.keyboard.type("cao thi thanh xuan", delay=20)
    page.wait_for_selector(".md-search-result__item")
    page.evaluate(SETTLED)  # results of a partly typed query may show first
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert "ke-hoach/2026-ke-hoach-mo-hinh-cnxh/" in focused
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Enter")  # best result
    page.wait_for_url("**/ke-hoach/2026-ke-hoach-mo-hinh-cnxh/**")


def test_search_on_a_phone(phone, site_url):
    phone.goto(site_url)
    phone.click(".md-header [data-lp-for=__search]")  # Material's label, made a named button (a11y.js)
    phone.wait_for_selector(".md-search__input", state="visible")
    phone.keyboard.type("hoa giai", delay=20)
    phone.fill(".md-search__input", "quan triet tuyen truyen")
    phone.press(".md-search__input", "End")
    phone.wait_for_selector(".md-search-result__item")
    # The first query's results are replaced by the second's: measure the list once it stops changing.
    phone.evaluate(SETTLED)
    first = phone.locator(".md-search-result__item").first
    first.wait_for(state="visible")
    assert first.bounding_box()["width"] <= 375
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert "<mark>" in phone.locator(".md-search-result__item").first.inner_html()
    screenshot(phone, "search-phone")


def test_offline_bundle_searches_from_file_url(tmp_path, browser, monkeypatch):
    monkeypatch.setenv("OFFLINE", "true")
    result = run_mkdocs_build(ROOT, tmp_path / "offline")
    assert result.returncode == 0, result.output
    assert not (tmp_path / "offline" / "pagefind").exists()  # file:// cannot load it; lunr is inlined
    context = browser.new_context()
    page = context.new_page()
    page.goto((tmp_path / "offline" / "index.html").as_uri())
    page.click(".md-search__input")
    page.fill(".md-search__input", "cao thi thanh xuan")
    page.press(".md-search__input", "End")
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(a => a.href)")
    assert any("2026-ke-hoach-mo-hinh-cnxh" in h for h in hrefs[:3]), hrefs
    context.close()


def test_record_html_weights_folded_fields_and_keeps_accented_meta():
    from loaphuong.search.records import SearchRecord, record_html

    record = SearchRecord("ke-hoach/x/", "plan", "Kế hoạch số 7-KH/ĐU: học tập", nfd(
        '<h2 id="i-muc-dich">I. MỤC ĐÍCH</h2><p>Tổ hoà giải<script>x()</script></p>'), "7-KH/ĐU",
        "Đảng ủy phường Hoà Khánh", so_hieu_words("7-KH/ĐU"))
    html = record_html(record)
    assert unicodedata.is_normalized("NFC", html)
    assert '<p data-pagefind-weight="10">7 kh du 7kh 7khdu</p>' in html
    assert '<h2 id="i-muc-dich">i. muc dich</h2>' in html and "to hoa giai" in html and "tohoa hoagiai" in html
    assert '<span data-pagefind-meta="o">I. MỤC ĐÍCH Tổ hoà giải</span>' in html
    assert "x()" not in html and '{&quot;i-muc-dich&quot;: &quot;I. MỤC ĐÍCH&quot;}' in html
