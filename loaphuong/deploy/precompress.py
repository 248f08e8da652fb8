"""gzip copies (`x.html.gz` next to `x.html`) written once at build time, served by nginx's gzip_static.

Deterministic: no name and mtime 0 in the gzip header, so the same site gives the same bytes on every build.
Each copy gets its original's mtime so Last-Modified agrees whichever encoding a reader receives.
Compressed copies are kept in <project>/.cache/gzip by content hash: a rebuild recompresses only pages that
changed (hashing is ~20x cheaper than compressing), and entries no page uses any more are removed.
"""

from __future__ import annotations

import gzip
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Text types worth compressing (images and fonts are compressed already). Source maps are left out: only
# developer tools fetch them, and nginx still compresses them on the fly.
SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".atom", ".ics", ".svg", ".txt"}
MIN_SIZE = 256  # below this a gzip copy saves nothing worth a second file; nginx's gzip_min_length matches
LEVEL = 6  # level 9 took 4x the time for 1.3% smaller pages


def wanted(path: Path) -> bool:
    return path.suffix in SUFFIXES and not any(part.startswith(".") for part in path.parts)


class Compressor:
    def __init__(self, cache_dir: Path | None = None):
        self.cache_dir = cache_dir
        self.used: set[str] = set()
        self.compressed = 0  # copies actually compressed this build (not from the cache)

    def _packed(self, data: bytes, compress: bool = True) -> bytes | None:
        if self.cache_dir is None:
            if not compress:
                return None
            self.compressed += 1
            return gzip.compress(data, compresslevel=LEVEL, mtime=0)
        key = hashlib.sha256(data).hexdigest()
        self.used.add(key)
        cached = self.cache_dir / key[:2] / key
        try:
            return cached.read_bytes()
        except FileNotFoundError:  # not cached yet (or pruned by a build running beside this one)
            pass
        if not compress:
            return None
        packed = gzip.compress(data, compresslevel=LEVEL, mtime=0)
        self.compressed += 1
        cached.parent.mkdir(parents=True, exist_ok=True)
        temp = cached.with_name(f"{key}.{os.getpid()}.tmp")
        temp.write_bytes(packed)
        os.replace(temp, cached)
        return packed

    def file(self, path: Path, compress: bool = True) -> bool | None:
        """Write path.gz if it is smaller; True when written. `compress=False`: only from the cache, None
        when it has no copy."""
        data = path.read_bytes()
        if len(data) < MIN_SIZE:
            return False
        packed = self._packed(data, compress)
        if packed is None:
            return None
        if len(packed) >= len(data):
            return False
        target = path.with_name(path.name + ".gz")
        target.write_bytes(packed)
        stat = path.stat()
        os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        return True

    def prune(self) -> None:
        """Forget cached copies of pages that no longer exist (the cache stays the size of one site)."""
        if self.cache_dir is None or not self.cache_dir.is_dir():
            return
        for entry in self.cache_dir.glob("*/*"):
            if entry.name not in self.used:
                entry.unlink()


def compress_site(site_dir: Path, workers: int | None = None, cache_dir: Path | None = None) -> int:
    """gzip every text file of the site; returns how many copies were written. zlib releases the GIL."""
    files = [p for p in site_dir.rglob("*") if p.is_file() and wanted(p.relative_to(site_dir))]
    compressor = Compressor(cache_dir)
    # Cached copies are written from this thread; only compressing is worth threads (a warm build has
    # little of it, and each thread would grow its own heap).
    done = [(path, compressor.file(path, compress=False)) for path in files] if cache_dir else []
    todo = [path for path, written in done if written is None] if cache_dir else files
    written = sum(1 for _, w in done if w)
    if todo:
        with ThreadPoolExecutor(max_workers=workers or min(4, os.cpu_count() or 1)) as pool:
            written += sum(pool.map(compressor.file, todo))
    compressor.prune()
    return written
