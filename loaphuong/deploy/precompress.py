"""gzip copies (`x.html.gz` next to `x.html`) written once at build time, served by nginx's gzip_static.

Deterministic: no name and mtime 0 in the gzip header, so the same site gives the same bytes on every build.
Each copy gets its original's mtime so Last-Modified agrees whichever encoding a reader receives.
Compressed copies are kept in <project>/.cache/gzip by the original's content hash and hard-linked into
site/ (loaphuong.file_store: creating a file cost more than compressing it on this disk, a link almost
nothing): a rebuild compresses only files that changed (hashing is ~20x cheaper than compressing), and the
cache keeps exactly this build's copies, so it stays the size of one site. Pages' hashes come from
hooks/nginx.py (loaphuong.deploy.written), taken as MkDocs wrote them: a warm build reads no page back.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import threading
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from ..file_store import FileStore
from .written import CHUNK, Digest, Written, walk

# Text types worth compressing (images and fonts are compressed already). Source maps are left out: only
# developer tools fetch them, and nginx still compresses them on the fly.
SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".atom", ".ics", ".svg", ".txt"}
MIN_SIZE = 256  # below this a gzip copy saves nothing worth a second file; nginx's gzip_min_length matches
LEVEL = 6  # level 9 took 4x the time for 1.3% smaller pages
_OLD_PACK = "copies.pack"  # the layout of round-4 builds: one file of every copy (removed when found)


def wanted(path: PurePosixPath | Path) -> bool:
    return path.suffix in SUFFIXES and not any(part.startswith(".") for part in path.parts)


def _wanted(rel: str) -> bool:
    """wanted() for a posix path relative to the site, without making a Path of it."""
    return os.path.splitext(rel)[1] in SUFFIXES and not rel.startswith(".") and "/." not in rel


def compress(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=LEVEL, mtime=0)


def compress_file(path: str | Path) -> bytes:
    """compress() of the file's bytes, reading it a piece at a time: the same bytes (with mtime 0,
    gzip.compress is zlib's own gzip stream, wbits=31)."""
    deflate = zlib.compressobj(LEVEL, zlib.DEFLATED, 31)
    parts = []
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            parts.append(deflate.compress(chunk))
    parts.append(deflate.flush())
    return b"".join(parts)


class Compressor:
    """gzip copies for one build, kept in the cache folder by the original's digest (loaphuong.file_store)
    and hard-linked next to their originals: linking costs ~10 µs where creating a file costs up to a
    millisecond on this disk. Copies compressed this build are stored as they are made."""

    def __init__(self, cache_dir: Path | None = None):
        self.cache_dir = cache_dir
        self.store = FileStore(cache_dir if cache_dir is not None else "", active=cache_dir is not None)
        self.compressed = 0  # copies actually compressed this build (not from the cache)
        self._lock = threading.Lock()

    def linked(self, path: str, digest: Digest, times: tuple[int, int]) -> bool:
        """path.gz linked from the cache, stamped with the original's times; False when not cached."""
        target = f"{path}.gz"
        if not self.store.link(_name(digest), target):
            return False
        os.utime(target, ns=times)  # the stored copy is shared: Last-Modified follows this original
        return True

    def packed_file(self, path: Path) -> bytes:
        packed = compress_file(path)
        with self._lock:
            self.compressed += 1
        return packed

    def file(self, path: Path, compress: bool = True) -> bool | None:
        """Write path.gz if it is smaller; True when written. `compress=False`: only from the cache, None
        when it has no copy. Read and compressed a piece at a time (the largest files are megabytes)."""
        digest = Digest.of_file(path)
        if digest.size < MIN_SIZE:
            return False
        stat = os.stat(path)
        times = (stat.st_atime_ns, stat.st_mtime_ns)
        if self.linked(str(path), digest, times):
            return True
        if not compress:
            return None
        packed = self.packed_file(path)
        if len(packed) >= digest.size:
            return False
        if self.store.put(_name(digest), packed) is not None and self.linked(str(path), digest, times):
            return True
        return write_copy(path, packed, digest.size, times)

    def save(self) -> None:
        """Keep only the copies this build used; the pack file and folders of earlier layouts go."""
        if self.cache_dir is None:
            return
        self.store.prune()
        _tidy(self.cache_dir)

    def prune(self) -> None:
        self.save()


def _name(digest: Digest) -> str:
    return digest.key.hex() + ".gz"


def _tidy(cache_dir: Path) -> None:
    try:
        entries = list(os.scandir(cache_dir))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if len(entry.name) != 2:
                    shutil.rmtree(entry.path, ignore_errors=True)
            elif entry.name == _OLD_PACK or entry.name.endswith(".tmp") and entry.stat().st_mtime < time.time() - 3600:
                os.unlink(entry.path)  # the one-pack layout of earlier builds, or left by a killed build
        except OSError:
            pass


def write_copy(path: Path | str, packed: bytes, size: int, mtime_ns: tuple[int, int] | None = None) -> bool:
    """path.gz with `packed`, if smaller than the original (`size` bytes), stamped with the original's times."""
    if len(packed) >= size:
        return False
    if mtime_ns is None:
        stat = os.stat(path)
        mtime_ns = (stat.st_atime_ns, stat.st_mtime_ns)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(f"{path}.gz")  # an earlier copy may be a link to the cache: never written through
    fd = os.open(f"{path}.gz", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(packed)
        while view:
            view = view[os.write(fd, view):]
        os.utime(fd, ns=mtime_ns)
    finally:
        os.close(fd)
    return True


def compress_site(site_dir: Path, workers: int | None = None, cache_dir: Path | None = None,
                  written: Written | None = None, files: list[str] | None = None) -> int:
    """gzip every text file of the site; returns how many copies were written. zlib releases the GIL.
    `written`: digests of the pages as MkDocs wrote them (not read back when the pack has their copy);
    `files`: the site's files (loaphuong.deploy.written.walk), when the caller has already listed them."""
    compressor = Compressor(cache_dir)
    todo, written_count = [], 0
    # Cached copies are written from this thread; only compressing is worth threads (a warm build has
    # little of it, and each thread would grow its own heap).
    root = str(site_dir)
    for rel in files if files is not None else walk(site_dir):
        if not _wanted(rel):
            continue
        path = os.path.join(root, rel)  # strings, not Paths: this loop runs for every file of the site
        stat = os.stat(path)
        if stat.st_size < MIN_SIZE:
            continue
        if cache_dir is not None:
            digest = written.get(rel, stat.st_size) if written is not None else None
            if digest is None:
                digest = Digest.of_file(path)
                if digest.size < MIN_SIZE:
                    continue
            if compressor.linked(path, digest, (stat.st_atime_ns, stat.st_mtime_ns)):
                written_count += 1
                continue
        todo.append(Path(path))
    if len(todo) > 32:  # a first build: compress on every core
        with ThreadPoolExecutor(max_workers=workers or min(4, os.cpu_count() or 1)) as pool:
            written_count += sum(pool.map(compressor.file, todo))
    else:  # an edit's few changed files, one at a time: two 4 MB listings at once were a build's peak memory
        written_count += sum(map(compressor.file, todo))
    compressor.save()
    return written_count
