"""Journeys in real Chromium: reading a plan (desktop and phone) and searching with or without diacritics."""

from loaphuong import catalogue
from loaphuong.dates import parse_date
from loaphuong.text import fold

from conftest import ROOT, TODAY, screenshot


def first_plan():
    return catalogue.load(ROOT / "plans").published(parse_date(TODAY))[0]


def search(page, query: str) -> list[str]:
    page.click(".md-search__input")
    page.fill(".md-search__input", "")
    page.keyboard.type(query, delay=15)
    page.wait_for_function("document.querySelector('.md-search-result__meta').innerText.match(/\\d/)",
                           timeout=10_000)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    return [href.split("?")[0].split("#")[0] for href in hrefs]


def test_plan_page_shows_its_official_metadata(page, site_url):
    plan = first_plan()
    page.goto(site_url + plan.url)
    meta = page.locator(".lp-meta")
    assert meta.is_visible()
    text = meta.inner_text()
    assert plan.co_quan_ban_hanh in text
    assert (plan.so_hieu or "Văn bản không ghi số") in text
    assert (plan.ngay_ban_hanh_text or "Văn bản không ghi ngày") in text
    assert page.locator("h1").inner_text().replace("\n", " ").endswith(plan.trich_yeu)
    screenshot(page, "plan-desktop")


def test_plan_page_reads_on_a_phone(phone, site_url):
    plan = first_plan()
    phone.goto(site_url + plan.url)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"page scrolls sideways on a phone ({width}px)"
    assert phone.locator(".lp-meta").bounding_box()["width"] <= 375
    screenshot(phone, "plan-phone")


def test_search_finds_plans_with_and_without_diacritics(page, site_url):
    plan = first_plan()
    page.goto(site_url)
    word = plan.co_quan_ban_hanh.split()[-1]  # e.g. the ward's name
    with_marks = search(page, plan.co_quan_ban_hanh)
    without = search(page, fold(plan.co_quan_ban_hanh).lower())
    target = site_url + plan.url
    assert target in with_marks, with_marks
    assert target in without, without
    assert target in search(page, fold(word))
    screenshot(page, "search-folded")
