"""Preview cards are hard-linked from .cache/ into site/, never written through."""

from __future__ import annotations

import os

from loaphuong.linked_file import LinkedFile


def test_a_card_is_linked_and_an_old_copy_is_replaced_not_written_through(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    card = cache / "card.png"
    card.write_bytes(b"PNG new")
    site = tmp_path / "site"
    target = site / "assets" / "cards" / "a.png"
    target.parent.mkdir(parents=True)
    old_entry = cache / "old.png"
    old_entry.write_bytes(b"PNG old")
    os.link(old_entry, target)  # what the previous build left: a link to another cache entry

    file = LinkedFile("assets/cards/a.png", src_dir=None, dest_dir=str(site), use_directory_urls=True)
    file.abs_src_path = str(card)
    file.copy_file()

    assert target.read_bytes() == b"PNG new" and os.path.samefile(target, card)
    assert old_entry.read_bytes() == b"PNG old"  # the old entry was unlinked from site/, not overwritten
