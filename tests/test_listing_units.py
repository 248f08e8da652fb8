"""The listing package on its own: pagination, agenda, document graph, taxonomy (no MkDocs)."""

import datetime as dt

from loaphuong.dates import parse_partial_date
from loaphuong.listing.agenda import agenda, by_month, upcoming
from loaphuong.listing.pagination import paginate
from loaphuong.listing.references import DocumentGraph
from loaphuong.listing.taxonomy import Taxonomy
from loaphuong.plan import Plan, SuKien, ThoiHan, VanBan
from loaphuong.topic import Topic, TopicRegistry


def plan(slug, so_hieu=None, day=dt.date(2025, 3, 1), body="Đảng ủy phường A", topics=("t",), **kw):
    return Plan(source=f"plans/{slug}.md", so_hieu=so_hieu, trich_yeu=f"Về {slug}", co_quan_ban_hanh=body,
                ngay_ban_hanh=day, ngay_dang=day or dt.date(2025, 1, 1), chuyen_muc=list(topics), slug=slug, **kw)


def test_pages_of_twenty_with_urls_under_trang():
    pages = paginate(list(range(45)), "chuyen-muc/x/")
    assert [len(items) for _, items in pages] == [20, 20, 5]
    first, second, last = (pager for pager, _ in pages)
    assert first.prev_url is None and first.next_url == "chuyen-muc/x/trang/2/"
    assert second.prev_url == "chuyen-muc/x/" and last.next_url is None
    assert (second.first_index, second.last_index, second.count) == (21, 40, 45)
    assert paginate([], "x/")[0][0].total == 1  # an empty topic still has its page
    many = paginate(list(range(20 * 12)), "x/")[5][0]
    assert many.window() == [1, None, 4, 5, 6, 7, 8, None, 12]


def test_partial_dates_sit_at_the_period_end_and_upcoming_is_relative_to_today():
    p = plan("a", su_kien=[SuKien("Hội nghị", parse_partial_date("2026-Q1")),
                           SuKien("Không ngày")],
             thoi_han=[ThoiHan("Báo cáo", parse_partial_date("2026-05")),
                       ThoiHan("Nộp", parse_partial_date("2026-02-10"))])
    items = agenda([p])
    assert [(i.title, i.day) for i in items] == [("Nộp", dt.date(2026, 2, 10)), ("Hội nghị", dt.date(2026, 3, 31)),
                                                 ("Báo cáo", dt.date(2026, 5, 31))]
    assert items[1].when_label == "trong quý I năm 2026 (chưa ấn định ngày)"
    assert [i.title for i in upcoming(items, dt.date(2026, 3, 31))] == ["Hội nghị", "Báo cáo"]
    assert [m.label for m in by_month(items)] == ["Tháng 2/2026", "Tháng 3/2026", "Tháng 5/2026"]


def test_document_graph_matches_loose_numbers_and_refuses_ambiguity():
    target = plan("ctr", "52-CTr/ĐU", dt.date(2025, 1, 17))
    old = plan("old", "9-KH/ĐU", dt.date(2020, 1, 1))
    new = plan("new", "9-KH/ĐU", dt.date(2025, 6, 1), nhiem_ky="2025-2030")
    citing = plan("c", "10-KH/ĐU", can_cu=[VanBan(so_hieu="52 -ctr/du")],
                  van_ban_lien_quan=[VanBan(so_hieu="9-KH/ĐU"), VanBan(so_hieu="9-KH/ĐU", ngay=dt.date(2020, 1, 1)),
                                     VanBan(so_hieu="77-KH/ĐU")])
    graph = DocumentGraph([citing, target, old, new])
    assert graph.target(citing.can_cu[0], citing) is target
    assert graph.target(citing.van_ban_lien_quan[0], citing) is None  # two plans numbered 9: no guess
    assert graph.target(citing.van_ban_lien_quan[1], citing) is old  # the date decides
    assert graph.target(citing.van_ban_lien_quan[2], citing) is None
    assert graph.cited_by(target) == [citing] and graph.cited_by(old) == [citing] and graph.cited_by(new) == []


def test_taxonomy_groups_by_topic_year_and_body():
    topics = TopicRegistry([Topic("t", "T"), Topic("u", "U")])
    plans = [plan("a", topics=("t", "u")), plan("b", day=dt.date(2024, 1, 1), body="Đảng ủy Phường A"),
             plan("c", day=None, body="Chi bộ B")]
    tax = Taxonomy(plans, topics)
    assert [p.slug for p in tax.plans_of(topics.get("t"))] == ["a", "b", "c"]
    assert tax.count(topics.get("u")) == 1
    assert tax.years == [2025, 2024]
    assert {b.slug: len(b.plans) for b in tax.bodies.values()} == {"dang-uy-phuong-a": 2, "chi-bo-b": 1}


def test_calendar_from_the_events_pack_equals_one_drawn_whole(tmp_path):
    """lich.ics after an edit is put together from the unchanged plans' stored events: byte for byte the
    calendar drawn whole, and the edited plan's events are drawn again, not read back stale."""
    from loaphuong.cache import Cache
    from loaphuong.listing.calendar_feed import calendar_ics, cached_calendar_ics
    from loaphuong.recurrence import parse as parse_lap_lai

    def plans(title):
        return [plan(f"p{i}", f"{i}-KH/ĐU", dt.date(2026, 1, 1 + i), digest=f"d{i}" + (title if i == 1 else ""),
                     su_kien=[SuKien(f"{title if i == 1 else 'Hội nghị'} {i}", parse_partial_date(f"2026-02-{10 + i}"), gio="08:30",
                                     dia_diem="Hội trường")],
                     thoi_han=[ThoiHan("Báo cáo", parse_partial_date("2026-Q2")),
                               ThoiHan("Định kỳ", parse_partial_date("2026-03-05"),
                                       lap_lai=parse_lap_lai("hang-thang", 5))])
                for i in range(4)]

    cache = Cache(tmp_path, "v1", active=True)
    url, name = "https://loaphuong.example.vn/", "Loa Phường"
    first = plans("Hội nghị")
    assert cached_calendar_ics(first, url, name, cache) == calendar_ics(agenda(first), url, name)
    edited = plans("Hội nghị đã sửa")
    fresh = Cache(tmp_path, "v1", active=True)  # the next build: the whole calendar misses, the pack is read
    data = cached_calendar_ics(edited, url, name, fresh)
    assert data == calendar_ics(agenda(edited), url, name)
    assert "Hội nghị đã sửa 1".encode() in data and b"SUMMARY:H\xe1\xbb\x99i ngh\xe1\xbb\x8b 1\r\n" not in data
