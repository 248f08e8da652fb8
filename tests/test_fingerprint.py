"""loaphuong.fingerprint: equal inputs give equal fingerprints, and any change to a value fed in changes it
(cache keys and `make serve`'s decisions rest on this)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from loaphuong.fingerprint import fingerprint

LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20), st.binary(max_size=40),
                   st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)))
VALUES = st.recursive(LEAVES, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)), max_leaves=12)


def canonical(value):
    """The value with its type at every level, dictionaries in key order (a dict's order means nothing)."""
    if isinstance(value, dict):
        return ("dict", tuple(sorted((repr(k), canonical(v)) for k, v in value.items())))
    if isinstance(value, list):
        return ("list", tuple(canonical(v) for v in value))
    return (type(value).__name__, repr(value))


@given(VALUES, VALUES)
def test_fingerprints_differ_exactly_when_values_differ(a, b):
    assert (fingerprint(a) == fingerprint(b)) == (canonical(a) == canonical(b))


@given(VALUES)
def test_a_changed_leaf_changes_the_fingerprint(value):
    assert fingerprint([value, b"x"]) != fingerprint([value, b"y"])


def test_file_contents_count_not_only_their_type():
    # site_fingerprint feeds mkdocs.yml and chuyen-muc.yml as bytes: an edited copyright is a new site.
    assert fingerprint([b"copyright: A"]) != fingerprint([b"copyright: B"])
    assert fingerprint([b"copyright: A"]) == fingerprint([b"copyright: A"])


class _Base:
    __slots__ = ("x",)

    def __init__(self, x):
        self.x = x


class _Child(_Base):
    __slots__ = ("y",)

    def __init__(self, x, y):
        super().__init__(x)
        self.y = y


def test_objects_count_by_every_field():
    from pathlib import Path

    assert fingerprint(Path("anh/bia-1.jpg")) != fingerprint(Path("anh/bia-2.jpg"))
    assert fingerprint(_Child(1, 2)) != fingerprint(_Child(3, 2))  # a slot of the parent class
    assert fingerprint(_Child(1, 2)) == fingerprint(_Child(1, 2))
