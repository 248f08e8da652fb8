"""RSS/Atom feeds as fanpage tools and feed readers meet them: parsed by feedparser, checked against the
rules a feed validator applies, stable across rebuilds, and never carrying a draft or future plan."""

from __future__ import annotations

import email.utils
import re
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pytest
from PIL import Image

from conftest import ROOT, TODAY, make_project, run_mkdocs_build
from loaphuong import catalogue
from loaphuong.dates import parse_date
from loaphuong.feeds import FeedBuilder, SiteInfo, feed_length, FeedConfigError, newest_first
from plan_texts import plan_text

SITE = "https://loaphuong.example.vn/"
NS = {"atom": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/",
      "dc": "http://purl.org/dc/elements/1.1/"}
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"\d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$")
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")

# Published: A (ngày đăng 03/02/2025), B (10/03/2025), C (ban hành 15/01/2025 but đăng 01/04/2025, with a
# cover image). Hidden: D (draft), E (ngày đăng after the build date).
A, B, C = "2025-173-kh-du", "2025-180-kh-du", "2025-12-kh-du"


def _plan(so_hieu: str, trich_yeu: str, ngay: str, topics: list[str], add: str = "", body: str | None = None):
    lines = "chuyen_muc:\n" + "".join(f"  - {t}\n" for t in topics) + add
    return plan_text({"so_hieu:": f"so_hieu: {so_hieu}", "trich_yeu:": f"trich_yeu: {trich_yeu}",
                      "ngay_ban_hanh:": f"ngay_ban_hanh: {ngay}"},
                     drop=("chuyen_muc:", "  - hoc-tap-quan-triet", "thoi_han:", "  - viec:", "    han:"),
                     add=lines, body=body)


PLANS = {
    "a.md": _plan("173-KH/ĐU", "Tổ chức học tập, quán triệt Nghị quyết Đại hội XIV của Đảng", "2025-02-03",
                  ["hoc-tap-quan-triet"], "tom_tat: Tóm tắt có <b>thẻ</b> & \"ngoặc kép\".\n"),
    "b.md": _plan("180-KH/ĐU", "Tuyên truyền kỷ niệm 95 năm Ngày thành lập Đảng", "2025-03-10",
                  ["tuyen-truyen", "hoc-tap-quan-triet"],
                  body="Đoạn mở đầu có [hướng dẫn](../huong-dan-soan-ke-hoach.md) và "
                       "[trang ngoài](https://example.org/x).\n\n![Ảnh hội nghị](../assets/images/hoi-nghi.png)\n\n"
                       "## I. MỤC ĐÍCH\n\nXem [mục I](#i-muc-dich).\n"),
    "c.md": _plan("12-KH/ĐU", "Triển khai mô hình dân vận khéo", "2025-01-15", ["nghi-quyet-dai-hoi-xiv"],
                  "ngay_dang: 2025-04-01\nanh_dai_dien: assets/images/bia.jpg\n"),
    "d.md": _plan("901-KH/ĐU", "Bản nháp bí mật chưa duyệt", "2025-05-01", ["tuyen-truyen"], "ban_nhap: true\n"),
    "e.md": _plan("902-KH/ĐU", "Kế hoạch tương lai chưa đăng", "2025-05-02", ["tuyen-truyen"],
                  "ngay_dang: 2026-12-01\n"),
}
HIDDEN_TEXT = ("Bản nháp bí mật", "Kế hoạch tương lai", "901-KH", "902-KH")


def _write_images(project: Path) -> None:
    images = project / "docs" / "assets" / "images"
    images.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (64, 48), "navy").save(images / "hoi-nghi.png")
    cover = Image.linear_gradient("L").resize((1600, 1200)).convert("RGB")
    cover.save(images / "bia.jpg", quality=90)


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    """A project holding exactly PLANS (no bundled plans), built once for this module."""
    tmp = tmp_path_factory.mktemp("feeds")
    project = make_project(tmp, PLANS, keep_bundled=False)
    _write_images(project)
    result = run_mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.output
    return result


def _xml(result, path: str):
    return lxml.etree.fromstring((result.site_dir / path).read_bytes())


def _links(parsed) -> list[str]:
    return [entry.link for entry in parsed.entries]


def _text(html: str) -> str:
    return lxml.html.fragment_fromstring(html, create_parent="div").text_content()


def _feed_paths(result) -> list[str]:
    return sorted(p.relative_to(result.site_dir).as_posix()
                  for p in result.site_dir.rglob("*") if p.name in ("feed.xml", "feed.atom"))


def test_every_feed_parses_and_holds_exactly_the_expected_items_in_order(variant):
    expected = {
        "feed.xml": [C, B, A], "feed.atom": [C, B, A],  # newest ngày đăng first, not ngày ban hành
        "chuyen-muc/hoc-tap-quan-triet/feed.xml": [B, A],
        "chuyen-muc/tuyen-truyen/feed.xml": [B],
        "chuyen-muc/xay-dung-dang/feed.xml": [],
        "chuyen-trang/nghi-quyet-dai-hoi-xiv/feed.xml": [C],
        "chuyen-trang/mo-hinh-chu-nghia-xa-hoi/feed.xml": [],
        "chuyen-trang/tu-hao-duoi-la-co-cua-dang/feed.xml": [],
    }
    assert _feed_paths(variant) == sorted(expected)
    for path, slugs in expected.items():
        parsed = feedparser.parse((variant.site_dir / path).read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        assert parsed.version == ("atom10" if path.endswith(".atom") else "rss20")
        assert _links(parsed) == [f"{SITE}ke-hoach/{slug}/" for slug in slugs], path
        assert parsed.feed.language == "vi"


def test_item_fields_title_link_guid_description_categories(variant):
    parsed = feedparser.parse((variant.site_dir / "feed.xml").read_bytes())
    c, b, a = parsed.entries
    assert a.title == "Kế hoạch số 173-KH/ĐU: Tổ chức học tập, quán triệt Nghị quyết Đại hội XIV của Đảng"
    # tóm tắt, shown as the plain text staff typed (not interpreted as HTML)
    assert _text(a.summary) == 'Tóm tắt có <b>thẻ</b> & "ngoặc kép".'
    assert "<b>" not in a.summary
    assert b.summary.startswith("Đoạn mở đầu có hướng dẫn và trang ngoài.")  # no tóm tắt: first paragraph
    assert [t.term for t in b.tags] == ["Công tác tuyên truyền", "Học tập, quán triệt nghị quyết"]
    for entry in parsed.entries:
        assert entry.id == entry.link
        assert "Đảng ủy phường Mỹ Thới" in entry.author


def test_every_item_link_resolves_to_a_built_page(variant):
    for path in _feed_paths(variant):
        for link in _links(feedparser.parse((variant.site_dir / path).read_bytes())):
            assert link.startswith(SITE)
            page = variant.site_dir / link.removeprefix(SITE) / "index.html"
            assert page.is_file(), link
            assert f'<link rel="canonical" href="{link}">' in page.read_text(encoding="utf-8")


def test_dates_keep_their_day_in_vietnam_time(variant):
    rss = (variant.site_dir / "feed.xml").read_text(encoding="utf-8")
    assert "<pubDate>Mon, 03 Feb 2025 00:00:00 +0700</pubDate>" in rss
    assert "<pubDate>Tue, 01 Apr 2025 00:00:00 +0700</pubDate>" in rss  # C: ngày đăng, not ngày ban hành
    assert "<lastBuildDate>Tue, 01 Apr 2025 00:00:00 +0700</lastBuildDate>" in rss  # newest item, not "now"
    atom = (variant.site_dir / "feed.atom").read_text(encoding="utf-8")
    assert "<published>2025-02-03T00:00:00+07:00</published>" in atom
    entry = feedparser.parse(rss.encode()).entries[-1]
    assert tuple(entry.published_parsed[:4]) == (2025, 2, 2, 17)  # same instant, read in UTC


def test_full_content_has_only_absolute_links(variant):
    root = _xml(variant, "feed.xml")
    contents = {item.findtext("link"): item.findtext("content:encoded", namespaces=NS)
                for item in root.iter("item")}
    body = lxml.html.fragment_fromstring(contents[f"{SITE}ke-hoach/{B}/"], create_parent="div")
    urls = [el.get(attr) for el in body.iter() for attr in ("href", "src") if el.get(attr)]
    assert f"{SITE}huong-dan-soan-ke-hoach/" in urls
    assert f"{SITE}assets/images/hoi-nghi.png" in urls
    assert f"{SITE}ke-hoach/{B}/#i-muc-dich" in urls
    assert "https://example.org/x" in urls
    for content in contents.values():
        fragment = lxml.html.fragment_fromstring(content, create_parent="div")
        for el in fragment.iter():
            for attr in ("href", "src"):
                if el.get(attr):
                    assert re.match(r"^(https?:|mailto:|tel:)", el.get(attr)), (attr, el.get(attr))
        assert "headerlink" not in content and "¶" not in content
        assert "Số hiệu:" in content  # the document's number/date/issuer lead the reposted text
    assert (variant.site_dir / "assets/images/hoi-nghi.png").is_file()


def test_rss_follows_the_rules_a_feed_validator_checks(variant):
    for path in _feed_paths(variant):
        if not path.endswith(".xml"):
            continue
        root = _xml(variant, path)
        assert root.tag == "rss" and root.get("version") == "2.0"
        channel = root.find("channel")
        for required in ("title", "link", "description"):
            assert (channel.findtext(required) or "").strip(), (path, required)
        assert channel.findtext("language") == "vi"
        self_links = channel.findall("atom:link[@rel='self']", NS)
        assert [link.get("href") for link in self_links] == [SITE + path]
        image = channel.find("image")
        assert image.findtext("title") == channel.findtext("title")
        assert image.findtext("link") == channel.findtext("link")
        assert (variant.site_dir / image.findtext("url").removeprefix(SITE)).is_file()
        assert RFC822.match(channel.findtext("lastBuildDate"))
        guids = []
        for item in channel.findall("item"):
            assert item.findtext("title") or item.findtext("description")
            assert len(item.findall("guid")) == 1
            guid = item.find("guid")
            assert guid.get("isPermaLink") == "true" and guid.text == item.findtext("link")
            guids.append(guid.text)
            assert RFC822.match(item.findtext("pubDate")) and email.utils.parsedate_to_datetime(
                item.findtext("pubDate"))
            enclosures = item.findall("enclosure")
            assert len(enclosures) == 1
            url, length, kind = (enclosures[0].get(k) for k in ("url", "length", "type"))
            file = variant.site_dir / url.removeprefix(SITE)
            assert file.is_file() and int(length) == file.stat().st_size and kind.startswith("image/")
        assert len(guids) == len(set(guids))
        pub_dates = [email.utils.parsedate_to_datetime(i.findtext("pubDate")) for i in channel.findall("item")]
        if pub_dates:
            assert email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate")) == max(pub_dates)


def test_atom_follows_the_rules_a_feed_validator_checks(variant):
    root = _xml(variant, "feed.atom")
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    for required in ("id", "title", "updated"):
        assert root.findtext(f"atom:{required}", namespaces=NS)
    assert RFC3339.match(root.findtext("atom:updated", namespaces=NS))
    assert [l.get("href") for l in root.findall("atom:link[@rel='self']", NS)] == [SITE + "feed.atom"]
    assert root.find("atom:author/atom:name", NS) is not None
    ids = []
    for entry in root.findall("atom:entry", NS):
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"atom:{required}", namespaces=NS), required
        assert RFC3339.match(entry.findtext("atom:updated", namespaces=NS))
        ids.append(entry.findtext("atom:id", namespaces=NS))
        links = entry.findall("atom:link", NS)
        alternates = [l for l in links if l.get("rel", "alternate") == "alternate"]
        assert [l.get("href") for l in alternates] == [ids[-1]]  # exactly one alternate link
        enclosure = [l for l in links if l.get("rel") == "enclosure"]
        assert len(enclosure) == 1 and enclosure[0].get("type").startswith("image/")
        assert entry.find("atom:content", NS).get("type") == "html"
        assert entry.find("atom:author/atom:name", NS).text
    assert len(ids) == len(set(ids)) == 3


def test_cover_image_becomes_the_enclosure_cropped_to_1200x630(variant):
    item = next(i for i in _xml(variant, "feed.xml").iter("item") if i.findtext("link").endswith(f"/{C}/"))
    enclosure = item.find("enclosure")
    assert enclosure.get("url") == f"{SITE}assets/cards/ke-hoach/{C}.jpg"
    assert enclosure.get("type") == "image/jpeg"
    with Image.open(variant.site_dir / f"assets/cards/ke-hoach/{C}.jpg") as image:
        assert image.size == (1200, 630) and image.format == "JPEG"


def test_drafts_and_future_plans_are_in_no_feed_and_get_no_card(variant):
    for path in _feed_paths(variant):
        text = (variant.site_dir / path).read_text(encoding="utf-8")
        for hidden in HIDDEN_TEXT:
            assert hidden not in text, (path, hidden)
    cards = sorted(p.name for p in (variant.site_dir / "assets/cards/ke-hoach").iterdir())
    assert cards == sorted([f"{A}.png", f"{B}.png", f"{C}.jpg"])
    # Nothing was drawn for them either: the cache holds only site + 6 topics + 3 plans.
    cache = list((variant.project / ".cache" / "cards").iterdir())
    assert len(cache) == 1 + 6 + 3


def test_two_builds_are_byte_identical_and_unchanged_plans_are_not_redrawn(variant, tmp_path):
    produced = [*_feed_paths(variant), *(p.relative_to(variant.site_dir).as_posix()
                                         for p in (variant.site_dir / "assets/cards").rglob("*.*"))]
    cache = variant.project / ".cache" / "cards"
    mtimes = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}

    again = run_mkdocs_build(variant.project, tmp_path / "again")
    assert again.returncode == 0, again.output
    for path in produced:
        assert (again.site_dir / path).read_bytes() == (variant.site_dir / path).read_bytes(), path
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == mtimes  # nothing redrawn

    plan = variant.project / "plans" / "a.md"
    original = plan.read_text(encoding="utf-8")
    plan.write_text(original.replace("Đại hội XIV", "Đại hội XIV (sửa)"), encoding="utf-8")
    try:
        changed = run_mkdocs_build(variant.project, tmp_path / "changed")
    finally:
        plan.write_text(original, encoding="utf-8")
    assert changed.returncode == 0, changed.output
    now = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert {k: now[k] for k in mtimes} == mtimes and len(now) == len(mtimes) + 1  # only A's new card drawn
    assert (changed.site_dir / f"assets/cards/ke-hoach/{A}.png").read_bytes() != \
        (variant.site_dir / f"assets/cards/ke-hoach/{A}.png").read_bytes()


def test_feed_length_comes_from_mkdocs_yml(variant):
    plans = catalogue.load(variant.project / "plans").published(parse_date(TODAY))
    topics = catalogue.load(variant.project / "plans").topics
    feeds = FeedBuilder(SiteInfo(SITE, "Loa Phường", "mô tả"), topics, length=2).build(plans)
    assert _links(feedparser.parse(feeds["feed.xml"])) == [f"{SITE}ke-hoach/{C}/", f"{SITE}ke-hoach/{B}/"]
    # Topic feeds are cut at the same length, each from its own newest plans (only those get full content).
    newest, one = newest_first(plans), FeedBuilder(SiteInfo(SITE, "Loa Phường", "mô tả"), topics, length=1).build(plans)
    for topic in topics:
        expected = [f"{SITE}{p.url}" for p in newest if topic.slug in p.chuyen_muc][:1]
        assert _links(feedparser.parse(one[topic.feed_url])) == expected
    assert any(sum(topic.slug in p.chuyen_muc for p in plans) > 1 for topic in topics)  # a cut really happens
    assert feed_length({}) == 50 and feed_length({"feeds": {"length": 10}}) == 10
    for bad in ({"feeds": {"length": 0}}, {"feeds": {"length": "mười"}}, {"feeds": 5}):
        with pytest.raises(FeedConfigError, match="mkdocs.yml"):
            feed_length(bad)


def test_bundled_site_feed_lists_published_plans_newest_first(built_site):
    plans = catalogue.load(ROOT / "plans").published(parse_date(TODAY))
    expected = [f"{SITE}{p.url}" for p in sorted(plans, key=lambda p: (p.ngay_dang, p.sort_date, p.slug),
                                                  reverse=True)][:50]
    for path in ("feed.xml", "feed.atom"):
        parsed = feedparser.parse((built_site.site_dir / path).read_bytes())
        assert parsed.bozo == 0 and _links(parsed) == expected


def test_missing_site_url_or_bad_feed_length_stops_the_build_clearly(tmp_path):
    project = make_project(tmp_path, keep_bundled=False)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"^site_url:.*\n", "", text, flags=re.M), encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0 and "thiếu 'site_url'" in result.output and "Traceback" not in result.output
    config.write_text(text.replace("length: 50", "length: không"), encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0 and "'extra.feeds.length' phải là số nguyên dương" in result.output


def test_home_page_offers_the_site_feed_to_copy(built_site):
    import re

    home = built_site.page("/")
    field = re.search(r'class="lp-feed__url"[^>]*value="([^"]+)"', home)
    assert field and field.group(1).endswith("/feed.xml")
    assert (built_site.site_dir / "feed.xml").exists()


def test_feeds_keep_full_content_after_an_edit_with_a_warm_cache(tmp_path, monkeypatch):
    """Only plans some feed shows keep their page HTML during a build: with one item per feed, every item
    still carries its plan's whole body, an edited plan's new text shows from a warm cache, and the feeds
    equal a build without any cache."""
    project = make_project(tmp_path, PLANS, keep_bundled=False)
    _write_images(project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("length: 50", "length: 1"), encoding="utf-8")
    for name in ("cold", "warm"):
        assert run_mkdocs_build(project, tmp_path / name).returncode == 0
    plan = project / "plans" / "b.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace("Đoạn mở đầu", "Đoạn mở đầu đã sửa"),
                    encoding="utf-8")
    edited = run_mkdocs_build(project, tmp_path / "edited")
    assert edited.returncode == 0, edited.output
    monkeypatch.setenv("LOAPHUONG_CACHE", "0")
    plain = run_mkdocs_build(project, tmp_path / "plain")
    assert plain.returncode == 0, plain.output

    paths = _feed_paths(edited)
    assert paths == _feed_paths(plain) and len(paths) > 3
    shown = set()
    for path in paths:
        assert (edited.site_dir / path).read_bytes() == (plain.site_dir / path).read_bytes(), path
        parsed = feedparser.parse((edited.site_dir / path).read_bytes())
        for entry in parsed.entries:
            shown.add(entry.link)
            assert "MỤC ĐÍCH" in _text(entry.content[0].value), (path, entry.link)  # the body, not just a header
    assert shown == {f"{SITE}ke-hoach/{B}/", f"{SITE}ke-hoach/{C}/"}  # A is the newest of no feed
    site_feed = feedparser.parse((edited.site_dir / "chuyen-muc/tuyen-truyen/feed.xml").read_bytes())
    assert "Đoạn mở đầu đã sửa" in _text(site_feed.entries[0].content[0].value)
