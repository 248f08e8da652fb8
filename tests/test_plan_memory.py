"""Plans live for the whole build: they are compact, and equal values of different plans are one object."""

import pickle

from loaphuong import catalogue
from loaphuong.cache import Cache
from loaphuong.plan import Plan
from plan_texts import plan_text
from test_validation import load


def two_plans(tmp_path):
    first = plan_text(add="ban_nhap: true")
    second = plan_text({"so_hieu:": "so_hieu: 174-KH/ĐU", "trich_yeu:": "trich_yeu: Một kế hoạch khác"})
    return load(tmp_path, {"a.md": first, "b.md": second})


def test_plans_have_no_instance_dict(tmp_path):
    cat = two_plans(tmp_path)
    for plan in cat.plans:
        assert not hasattr(plan, "__dict__")
        for part in plan.can_cu + plan.su_kien + plan.thoi_han:
            assert not hasattr(part, "__dict__")


def test_equal_values_of_different_plans_are_shared_and_unchanged(tmp_path):
    cat = two_plans(tmp_path)
    a, b = sorted(cat.plans, key=lambda p: p.source)
    assert a.so_hieu != b.so_hieu and a.ban_nhap is True and b.ban_nhap is False
    assert a.co_quan_ban_hanh == b.co_quan_ban_hanh and a.co_quan_ban_hanh is b.co_quan_ban_hanh
    assert a.chuyen_muc == b.chuyen_muc and all(x is y for x, y in zip(a.chuyen_muc, b.chuyen_muc))
    assert a.can_cu[0] is b.can_cu[0] and a.su_kien[0].ngay is b.su_kien[0].ngay
    # Numbers are never pooled with booleans (True == 1): a plan's body line stays an int.
    assert type(a.body_line) is int and type(b.body_line) is int
    # The same plans as loading each file alone, field by field.
    for plan in (a, b):
        alone_dir = tmp_path / plan.source.replace("/", "_")
        alone_dir.mkdir()
        alone = load(alone_dir, {"x.md": (tmp_path / plan.source).read_text(encoding="utf-8")}).plans[0]
        for name in Plan.__slots__:
            if name not in ("source", "digest"):
                assert getattr(alone, name) == getattr(plan, name), name


def test_cached_catalogue_reads_back_equal_plans(tmp_path):
    cache = Cache(tmp_path / "cache", "v", active=True)
    two_plans(tmp_path)
    cold = catalogue.load(tmp_path / "plans", cache=cache)
    catalogue._last_load.clear()  # a new process: only the cache file is left
    warm = catalogue.load(tmp_path / "plans", cache=cache)
    assert cache.hits >= 1
    assert [pickle.dumps(p) for p in warm.plans] == [pickle.dumps(p) for p in cold.plans]
    assert warm.plans[0].co_quan_ban_hanh is warm.plans[1].co_quan_ban_hanh


def test_a_long_body_is_held_compressed_and_reads_back_exactly(tmp_path):
    # A real plan's body: thousands of Vietnamese characters, combining marks and odd spacing included.
    body = "\n".join(f"{i}. Tổ chức quán triệt Nghị quyết; ủy ban, chi bộ khu phố {i}\u0301 \t— “trích dẫn”."
                     for i in range(300)) + "\n"
    cache = Cache(tmp_path / "cache", "v", active=True)
    load(tmp_path, {"a.md": plan_text(body=body)})
    for attempt in range(2):  # parsed, then read back from the cached catalogue
        catalogue._last_load.clear()
        (plan,) = catalogue.load(tmp_path / "plans", cache=cache).plans
        assert plan.body == "\n" + body or plan.body == body
        assert (tmp_path / "plans" / "a.md").read_text(encoding="utf-8").endswith(plan.body)
        stored = Plan.__getstate__(plan)[Plan.__slots__.index("body")]
        assert isinstance(stored, bytes) and len(stored) * 4 < len(plan.body)
        assert pickle.loads(pickle.dumps(plan)) == plan
    plan.body = "ngắn"  # set like any field; short bodies are kept as they are
    assert plan.body == "ngắn" and Plan.__getstate__(plan)[Plan.__slots__.index("body")] == "ngắn"
