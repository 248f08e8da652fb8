"""The search records of a build, kept compressed as they are made, and their split into Pagefind shards.

Pagefind's memory grows with its input (about 30 bytes per byte of record HTML, plus ~20 MB), so one run
over a whole archive took ~560 MB at 1,000 plans. The records are split into shards of bounded input,
each indexed by its own Pagefind run (one after another) and cached on its own (pagefind_index.py): an
edit of one plan re-runs Pagefind for one shard only. The browser merges the shards (search-worker.js).

A record's shard depends only on its plan's URL (a plan's page and its Q&A page go together) and on the
shard count, which depends only on the total input size: the count moves by one only when the archive
grows past another SHARD_BYTES (up to MAX_SHARDS, the browser's side of the trade), so assignments are
stable from edit to edit.
"""

from __future__ import annotations

import hashlib
import math
import os
import shutil
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .records import SearchRecord, record_html

# Input of one Pagefind run, on average (hashing spreads records unevenly: the fullest shard holds ~10-20 %
# more). Measured (issue 11) a run takes about 40 bytes per byte of input plus ~110 KB per page: 1 MB of
# record HTML (~200 records at 1,000 plans) peaks at 57-66 MB.
SHARD_BYTES = 1_000_000
SHARD_BYTES_ENV = "LOAPHUONG_SEARCH_SHARD_BYTES"  # tests force several shards on a small site
# A reader's first query fetches, from every shard, the index chunk of each of its words (~20,000 word
# positions each, a Pagefind constant), so its bytes grow with the shard count: ~33 shards at 3,000 plans
# made a 4-word query 2.3 MiB and 1.5 s, over issue 10's 1 MiB / 1 s. Past MAX_SHARDS, shards grow instead
# (3,000 plans: 12 shards of ~2.7 MB, Pagefind 154-190 MB each; 1,000 plans: 10 shards under 70 MB).
MAX_SHARDS = 12


def shard_bytes() -> int:
    value = os.environ.get(SHARD_BYTES_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else SHARD_BYTES


def shard_count(total_bytes: int, cap: int | None = None) -> int:
    return min(MAX_SHARDS, max(1, math.ceil(total_bytes / (cap or shard_bytes()))))


def shard_of(group_url: str, count: int) -> int:
    """A stable bucket for a plan's URL (not Python's hash(), which changes from process to process)."""
    return int.from_bytes(hashlib.sha256(group_url.encode("utf-8", "surrogatepass")).digest()[:8], "big") % count


@dataclass(frozen=True)
class Entry:
    """What is kept of a record once its HTML is on disk."""

    url: str
    group: str  # the plan's URL for a plan's page and its Q&A page; the page's own URL otherwise
    digest: str
    size: int


class RecordStore:
    """The Pagefind HTML of every record, kept zlib-compressed in memory as pages are built (about a fifth of
    its size; creating a file per record cost seconds per build on slow disks). Only the shards whose
    records changed are written out, for Pagefind.

    `mkdocs build` uses one store per build. `make serve --dirty` keeps one for the whole process: pages an
    incremental rebuild does not render keep their previous record, so the index still covers every page."""

    def __init__(self):
        self._folder: Path | None = None
        self.entries: dict[str, Entry] = {}
        self._data: dict[str, bytes] = {}  # url -> compressed HTML of records made by this process
        self._stored: dict[str, Callable[[], bytes | None]] = {}  # url -> reader of a record made earlier
        self.written: dict = {}  # what pagefind_index.write_index last wrote: {None: folder, shard name: key}

    @property
    def folder(self) -> Path:
        """A temporary folder for Pagefind's input and output, made when a shard is indexed."""
        if self._folder is None:
            self._folder = Path(tempfile.mkdtemp(prefix="loaphuong-search-"))
        return self._folder

    def add(self, record: SearchRecord) -> tuple[Entry, bytes]:
        """Makes the record's HTML; returns its entry and compressed HTML (kept with the page's finished HTML
        in .cache/output, so that the next build need not make it again: add_stored)."""
        data = record_html(record).encode("utf-8", "surrogatepass")
        digest = hashlib.sha256(record.url.encode("utf-8", "surrogatepass") + b"\0" + data).hexdigest()
        entry = Entry(record.url, record.plan_url or record.url, digest, len(data))
        packed = zlib.compress(data, 1)
        self.entries[record.url] = entry
        self._data[record.url] = packed
        self._stored.pop(record.url, None)
        return entry, packed

    def add_stored(self, entry: Entry, load: Callable[[], bytes | None]) -> None:
        """A record an earlier build made from the same page: only `load` (its compressed HTML, read back
        from the cache) is kept, and called only if its shard has to be indexed again."""
        self.entries[entry.url] = entry
        self._data.pop(entry.url, None)
        self._stored[entry.url] = load

    def html(self, url: str) -> bytes:
        packed = self._data.get(url)
        if packed is None:
            packed = self._stored[url]()
            if packed is None:
                raise RuntimeError(f"Bộ nhớ đệm (.cache/output) đã bị xóa trong lúc dựng trang, thiếu mục tìm kiếm "
                                   f"của {url or '/'}: hãy dựng lại.")
        return zlib.decompress(packed)

    def discard(self, url: str) -> None:
        """A page that is no longer indexed (now a draft, or gone)."""
        if self.entries.pop(url, None) is not None:
            self._data.pop(url, None)
            self._stored.pop(url, None)

    def keep_only(self, urls: set[str]) -> None:
        for url in [u for u in self.entries if u not in urls]:
            self.discard(url)

    def shards(self, cap: int | None = None) -> list[list[Entry]]:
        """Non-empty shards, each sorted by URL, in bucket order."""
        count = shard_count(sum(e.size for e in self.entries.values()), cap)
        buckets: list[list[Entry]] = [[] for _ in range(count)]
        for entry in self.entries.values():
            buckets[shard_of(entry.group, count)].append(entry)
        return [sorted(b, key=lambda e: e.url) for b in buckets if b]

    def site_of(self, shard: list[Entry]) -> Path:
        """A folder holding exactly this shard's record pages, for Pagefind's --site."""
        site = Path(tempfile.mkdtemp(prefix="shard-", dir=self.folder))
        for entry in shard:
            target = site / entry.url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self.html(entry.url))
        return site

    def close(self) -> None:
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        self.entries.clear()
        self._data.clear()
        self._stored.clear()
        self.written = {}
