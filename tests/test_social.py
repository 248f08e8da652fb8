"""Link previews as Facebook/Zalo crawlers and readers meet them: Open Graph/Twitter tags read in real
Chromium, 1200×630 images, feed autodiscovery, and the visible RSS block with its copy button."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
from playwright.sync_api import expect
from PIL import Image, ImageChops, ImageDraw, ImageStat

from conftest import _QuietHandler, make_project, run_mkdocs_build, screenshot
from loaphuong import cards
from plan_texts import plan_text

SITE = "https://loaphuong.example.vn/"
A, C = "2025-173-kh-du", "2025-12-kh-du"
TOM_TAT = 'Tóm tắt có <b>thẻ</b> & "ngoặc kép" — đủ dấu: ế ạ ư ơ đ ủ.'
PLANS = {
    "a.md": plan_text({"chuyen_muc:": "chuyen_muc:\n  - tuyen-truyen"}, drop=("  - hoc-tap-quan-triet",),
                      add=f"tom_tat: '{TOM_TAT}'"),
    "c.md": plan_text({"so_hieu:": "so_hieu: 12-KH/ĐU", "trich_yeu:": "trich_yeu: Triển khai mô hình dân vận khéo"},
                      add="anh_dai_dien: assets/images/bia.png"),
    "d.md": plan_text({"so_hieu:": "so_hieu: 901-KH/ĐU", "trich_yeu:": "trich_yeu: Bản nháp bí mật"},
                      add="ban_nhap: true"),
}
# Stand-in for the topic page another branch builds at /chuyen-muc/<slug>/: it uses the same partial.
TOPIC_TEMPLATE = """{% extends "main.html" %}
{% block content %}{{ super() }}{% with topic = feed_topic %}{% include "partials/feed-link.html" %}{% endwith %}{% endblock %}
"""


@pytest.fixture(scope="module")
def social_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("social")
    project = make_project(tmp, PLANS, keep_bundled=False)
    (project / "docs/assets/images").mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (900, 900), "seagreen").save(project / "docs/assets/images/bia.png")
    (project / "overrides/topic-test.html").write_text(TOPIC_TEMPLATE, encoding="utf-8")
    (project / "docs/chuyen-muc").mkdir()
    (project / "docs/chuyen-muc/hoc-tap-quan-triet.md").write_text(
        "---\ntemplate: topic-test.html\n---\n\n# Học tập, quán triệt nghị quyết\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  /ke-hoach/**", "  /ke-hoach/**\n  /chuyen-muc/**"),
                      encoding="utf-8")
    result = run_mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.output
    handler = functools.partial(_QuietHandler, directory=str(result.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield result, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _meta(page, key: str) -> str | None:
    attribute = "name" if key.startswith("twitter:") else "property"
    locator = page.locator(f'meta[{attribute}="{key}"]')
    assert locator.count() == 1, key
    return locator.get_attribute("content")


def _local_image(result, url: str) -> Image.Image:
    assert url.startswith(SITE)
    return Image.open(result.site_dir / url.removeprefix(SITE))


def test_plan_page_open_graph_tags_in_chromium(social_site, page):
    result, base = social_site
    page.goto(f"{base}ke-hoach/{A}/")
    title = "Kế hoạch số 173-KH/ĐU: Tổ chức học tập, quán triệt Nghị quyết Đại hội XIV của Đảng"
    assert _meta(page, "og:title") == title
    assert _meta(page, "og:description") == TOM_TAT  # escaped in HTML, read back exactly as typed
    assert _meta(page, "og:url") == f"{SITE}ke-hoach/{A}/"
    assert _meta(page, "og:type") == "article"
    assert _meta(page, "og:locale") == "vi_VN"
    assert _meta(page, "og:site_name") == "Loa Phường"
    assert _meta(page, "article:published_time") == "2025-02-03T00:00:00+07:00"
    assert _meta(page, "article:section") == "Công tác tuyên truyền"
    assert _meta(page, "og:image") == f"{SITE}assets/cards/ke-hoach/{A}.png"
    assert (_meta(page, "og:image:width"), _meta(page, "og:image:height")) == ("1200", "630")
    assert _meta(page, "twitter:card") == "summary_large_image"
    assert _meta(page, "twitter:title") == title
    with _local_image(result, _meta(page, "og:image")) as image:
        assert image.size == (1200, 630) and image.format == "PNG"
    feeds = page.locator('link[rel~="alternate"][type="application/rss+xml"]')
    assert [feeds.nth(i).get_attribute("href") for i in range(feeds.count())] == [
        f"{SITE}feed.xml", f"{SITE}chuyen-muc/tuyen-truyen/feed.xml"]
    assert page.locator('link[rel~="alternate"][type="application/atom+xml"]').get_attribute("href") == \
        f"{SITE}feed.atom"
    assert page.locator(".lp-feed__url").input_value() == f"{SITE}chuyen-muc/tuyen-truyen/feed.xml"
    screenshot(page, "social-plan-page")


def test_cover_image_is_the_preview_and_home_page_gets_the_site_card(social_site, page):
    result, base = social_site
    page.goto(f"{base}ke-hoach/{C}/")
    assert _meta(page, "og:image") == f"{SITE}assets/cards/ke-hoach/{C}.jpg"
    with _local_image(result, _meta(page, "og:image")) as image:
        assert image.size == (1200, 630)
        assert image.getpixel((600, 315))[1] > image.getpixel((600, 315))[0]  # the green cover, not a card
    page.goto(base)
    assert _meta(page, "og:type") == "website"
    assert _meta(page, "og:title") == "Loa Phường"
    assert _meta(page, "og:url") == SITE
    assert _meta(page, "og:image") == f"{SITE}assets/cards/site.png"
    assert page.locator('link[rel~="alternate"][type="application/rss+xml"]').count() == 1
    assert page.locator('meta[property="article:published_time"]').count() == 0


def test_topic_page_advertises_its_feed_with_an_address_to_copy(social_site, browser):
    _, base = social_site
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True, locale="vi-VN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
    phone = context.new_page()
    try:
        phone.goto(f"{base}chuyen-muc/hoc-tap-quan-triet/")
        feed = f"{SITE}chuyen-muc/hoc-tap-quan-triet/feed.xml"
        hrefs = phone.locator('link[rel~="alternate"][type="application/rss+xml"]')
        assert [hrefs.nth(i).get_attribute("href") for i in range(hrefs.count())] == [f"{SITE}feed.xml", feed]
        assert _meta(phone, "og:title") == "Học tập, quán triệt nghị quyết"
        assert _meta(phone, "og:image") == f"{SITE}assets/cards/chuyen-muc/hoc-tap-quan-triet.png"
        block = phone.locator(".lp-feed")
        assert block.is_visible()
        assert "Học tập, quán triệt nghị quyết" in block.locator(".lp-feed__link").inner_text()
        assert block.locator(".lp-feed__link").get_attribute("href") == feed
        assert block.locator(".lp-feed__url").input_value() == feed
        block.locator("[data-lp-copy]").tap()
        expect(block.locator("[data-lp-copy]")).to_have_text("Đã chép")  # after the clipboard promise
        assert phone.evaluate("navigator.clipboard.readText()") == feed
        box = block.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375  # fits a phone screen
        screenshot(phone, "social-topic-feed-link-phone")
    finally:
        context.close()


def test_drafts_have_no_card_and_no_preview_file(social_site):
    result, _ = social_site
    names = sorted(p.name for p in (result.site_dir / "assets/cards/ke-hoach").iterdir())
    assert names == sorted([f"{A}.png", f"{C}.jpg"])
    assert "Bản nháp bí mật" not in (result.site_dir / "feed.xml").read_text(encoding="utf-8")


def test_bundled_font_has_every_vietnamese_letter():
    """A letter the font lacks would be drawn as the same empty box (.notdef) as an unassigned code point."""
    letters = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứựvxyỳỷỹýỵ"
    for bold in (False, True):
        font = cards._font(bold, 48)
        missing = _drawn("\u4e2d", font)  # CJK: not in Noto Sans
        assert missing == _drawn("\u4e00", font) and any(missing)  # both absent: the same .notdef box
        for letter in letters + letters.upper():
            assert _drawn(letter, font) != missing, letter


def _drawn(text: str, font) -> bytes:
    image = Image.new("L", (120, 120))
    ImageDraw.Draw(image).text((20, 10), text, font=font, fill=255)
    return image.tobytes()


def test_card_shows_the_plan_text_and_is_cached_by_content(tmp_path):
    cache = cards.CardCache(tmp_path)
    text = cards.CardText("Loa Phường", "KẾ HOẠCH SỐ 173-KH/ĐU", "Tổ chức học tập " * 30,
                          ("Đảng ủy phường", "ngày 03 tháng 02 năm 2025"))
    first = cache.card(text)
    assert cache.card(text) == first and cache.rendered == 1  # same content: not drawn again
    with Image.open(first) as image:
        assert image.size == (1200, 630)
        difference = ImageChops.difference(image.convert("RGB"), cards.render(text))
        # Only the 256-colour palette differs: small everywhere, near zero on average.
        assert max(high for _, high in difference.getextrema()) <= 48
        assert max(ImageStat.Stat(difference).mean) < 1
    other = cache.card(cards.CardText("Loa Phường", "KẾ HOẠCH SỐ 174-KH/ĐU", "Khác", ()))
    assert other != first and cache.rendered == 2
    wrapped = cards.wrap("Tổ chức học tập " * 30, cards._font(True, 44), 1072, 4)
    assert len(wrapped) == 4 and wrapped[-1].endswith("…")


def test_missing_cover_image_stops_the_build_with_file_and_line(tmp_path):
    project = make_project(tmp_path, {"x.md": plan_text(add="anh_dai_dien: assets/images/khong-co.jpg")},
                           keep_bundled=False)
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    line = next(i for i, l in enumerate((project / "plans/x.md").read_text(encoding="utf-8").splitlines(), 1)
                if l.startswith("anh_dai_dien:"))
    assert f"plans/x.md:{line}: lỗi: không tìm thấy ảnh 'assets/images/khong-co.jpg'" in result.output
    assert "Traceback" not in result.output


def test_card_text_of_an_undated_plan_says_when_it_was_published():
    import datetime as dt
    from loaphuong.plan import Plan

    plan = Plan(source="plans/x.md", so_hieu=None, trich_yeu="tổ chức quán triệt nghị quyết",
                co_quan_ban_hanh="Đảng ủy phường Bạch Đằng", ngay_ban_hanh=None, ngay_dang=dt.date(2026, 11, 20),
                chuyen_muc=["tuyen-truyen"], slug="x")
    text = cards.plan_card_text(plan, "Loa Phường")
    assert text.kicker == "KẾ HOẠCH"
    assert text.headline == "Tổ chức quán triệt nghị quyết"
    assert text.footer == ("Đảng ủy phường Bạch Đằng", "Đăng ngày 20 tháng 11 năm 2026")
