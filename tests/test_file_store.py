"""loaphuong.file_store: finished files stored once by digest and hard-linked into site/, never written through."""

from __future__ import annotations

import hashlib
import os

from loaphuong.file_store import FILE_MODE, FileStore, replace_file


def name_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest() + ".html"


def test_a_stored_file_is_linked_readable_and_replaces_what_was_there(tmp_path):
    store = FileStore(tmp_path / "store")
    data = "<p>Kế hoạch 1</p>".encode()
    stamp = store.put(name_of(data), data)
    assert stamp and stamp[0] == len(data)
    target = tmp_path / "site" / "a" / "index.html"  # its folder does not exist yet
    assert store.link(name_of(data), str(target), *stamp)
    assert target.read_bytes() == data and target.stat().st_nlink == 2
    assert target.stat().st_mode & 0o777 == FILE_MODE  # as readable as a file MkDocs writes
    target.unlink()
    target.write_bytes(b"a file of its own")
    assert store.link(name_of(data), str(target), *stamp) and target.read_bytes() == data


def test_a_file_written_through_a_link_is_never_linked_again(tmp_path):
    store = FileStore(tmp_path / "store")
    data = b"<p>trang</p>" * 10
    name = name_of(data)
    stamp = store.put(name, data)
    target = tmp_path / "index.html"
    assert store.link(name, str(target), *stamp)
    with open(target, "r+b") as handle:  # a hook editing the page in place, same size
        handle.write(b"<p>TRANG</p>")
    os.utime(target, ns=(stamp[1] + 10**9, stamp[1] + 10**9))
    other = tmp_path / "other.html"
    assert not store.link(name, str(other), *stamp)  # its mtime moved: not trusted
    again = store.put(name, data)  # the page rendered again: the stored file is replaced, not reused
    assert again and store.read(name) == data
    assert store.link(name, str(other), *again) and other.read_bytes() == data
    assert target.read_bytes() != data  # the edited file is left to its writer


def test_replace_file_never_writes_through_a_link(tmp_path):
    store = FileStore(tmp_path / "store")
    data = b"stored" * 100
    stamp = store.put(name_of(data), data)
    target = tmp_path / "copy.gz"
    assert store.link(name_of(data), str(target), *stamp)
    replace_file(target, b"new")
    assert target.read_bytes() == b"new" and store.read(name_of(data)) == data


def test_prune_keeps_only_what_this_build_used(tmp_path):
    old, new = b"old page" * 50, b"new page" * 50
    first = FileStore(tmp_path / "store")
    first.put(name_of(old), old)
    first.put(name_of(new), new)
    second = FileStore(tmp_path / "store")  # the next build uses only the new page
    assert second.link(name_of(new), str(tmp_path / "new.html"))
    assert second.prune() == 1
    assert second.read(name_of(new)) == new and second.read(name_of(old)) is None


def test_an_inactive_store_stores_and_links_nothing(tmp_path):
    store = FileStore(tmp_path / "store", active=False)
    assert store.put("x.html", b"x") is None and not store.link("x.html", str(tmp_path / "x.html"))
    assert not (tmp_path / "store").exists()
