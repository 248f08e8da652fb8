"""gzip copies (`x.html.gz` next to `x.html`) written once at build time, served by nginx's gzip_static.

Deterministic: no name and mtime 0 in the gzip header, so the same site gives the same bytes on every build.
Each copy gets its original's mtime so Last-Modified agrees whichever encoding a reader receives.
Compressed copies are kept in <project>/.cache/gzip by content hash, in one pack file (opening a file per copy
cost more than compressing on this disk): a rebuild recompresses only files that changed (hashing is ~20x
cheaper than compressing), and the pack is rewritten with exactly this build's copies when that set changed,
so it stays the size of one site. Pages' hashes come from hooks/nginx.py (loaphuong.deploy.written), taken as
MkDocs wrote them: a warm build reads no page back.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import pickle
import shutil
import struct
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path, PurePosixPath

from .written import Digest, Written, walk

# Text types worth compressing (images and fonts are compressed already). Source maps are left out: only
# developer tools fetch them, and nginx still compresses them on the fly.
SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".atom", ".ics", ".svg", ".txt"}
MIN_SIZE = 256  # below this a gzip copy saves nothing worth a second file; nginx's gzip_min_length matches
LEVEL = 6  # level 9 took 4x the time for 1.3% smaller pages
PACK = "copies.pack"
_TRAILER = struct.Struct("<8sQ")  # magic, offset of the pickled index {key: (offset, length)}
_MAGIC = b"LPGZPAK1"


def wanted(path: PurePosixPath | Path) -> bool:
    return path.suffix in SUFFIXES and not any(part.startswith(".") for part in path.parts)


def _wanted(rel: str) -> bool:
    """wanted() for a posix path relative to the site, without making a Path of it."""
    return os.path.splitext(rel)[1] in SUFFIXES and not rel.startswith(".") and "/." not in rel


def compress(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=LEVEL, mtime=0)


class Pack:
    """The last build's gzip copies, read from one open file. A missing, truncated or foreign pack reads as
    empty; a copy whose gzip header or stored size does not match is a miss."""

    def __init__(self, path: Path):
        self.path, self.index, self._handle = path, {}, None
        try:
            handle = open(path, "rb")
        except OSError:
            return
        try:
            handle.seek(-_TRAILER.size, os.SEEK_END)
            magic, offset = _TRAILER.unpack(handle.read(_TRAILER.size))
            if magic != _MAGIC:
                raise ValueError(magic)
            handle.seek(offset)
            self.index = pickle.load(handle)
            self._handle = handle
        except Exception:
            handle.close()
            self.index = {}

    def get(self, digest: Digest) -> bytes | None:
        where = self.index.get(digest.key)
        if where is None or self._handle is None:
            return None
        self._handle.seek(where[0])
        packed = self._handle.read(where[1])
        if len(packed) != where[1] or packed[:3] != b"\x1f\x8b\x08" \
                or packed[-4:] != struct.pack("<I", digest.size & 0xFFFFFFFF):
            return None
        return packed

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class Compressor:
    """gzip copies for one build: from the pack when the content is known, compressed otherwise. Copies
    compressed this build go straight into the next pack's temporary file, not into memory."""

    def __init__(self, cache_dir: Path | None = None):
        self.cache_dir = cache_dir
        self.old = Pack(cache_dir / PACK) if cache_dir is not None else None
        self.used: set[bytes] = set()
        self.compressed = 0  # copies actually compressed this build (not from the cache)
        self._new: dict[bytes, tuple[int, int]] = {}  # key -> (offset, length) in _temp
        self._temp = None
        self._lock = threading.Lock()

    def cached(self, digest: Digest) -> bytes | None:
        if self.old is None:
            return None
        with self._lock:
            where = self._new.get(digest.key)
            if where is not None:
                self._temp.seek(where[0])
                packed = self._temp.read(where[1])
                self._temp.seek(0, os.SEEK_END)
            else:
                packed = self.old.get(digest)
            if packed is not None:
                self.used.add(digest.key)
        return packed

    def packed(self, data: bytes) -> bytes:
        digest = Digest.of(data) if self.old is not None else None
        if digest is not None:
            found = self.cached(digest)
            if found is not None:
                return found
        packed = compress(data)
        with self._lock:
            self.compressed += 1
            if digest is not None and digest.key not in self._new:
                self._keep(digest.key, packed)
        return packed

    def _keep(self, key: bytes, packed: bytes) -> None:
        try:
            if self._temp is None:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
                self._temp = open(self._temp_path(), "w+b")
            self._new[key] = (self._temp.tell(), len(packed))
            self._temp.write(packed)
            self.used.add(key)
        except OSError:
            pass  # a read-only checkout still builds, without the cache

    def _temp_path(self) -> Path:
        return self.cache_dir / f"{PACK}.{os.getpid()}.{threading.get_ident()}.tmp"

    def file(self, path: Path, compress: bool = True) -> bool | None:
        """Write path.gz if it is smaller; True when written. `compress=False`: only from the cache, None
        when it has no copy."""
        data = path.read_bytes()
        if len(data) < MIN_SIZE:
            return False
        if compress:
            packed = self.packed(data)
        else:
            packed = self.cached(Digest.of(data))
            if packed is None:
                return None
        return write_copy(path, packed, len(data))

    def save(self) -> None:
        """Keep the copies this build used as the next build's pack, unless they are the pack already there
        (a warm, unchanged site writes nothing); old per-file entries (`xx/<hash>`, before the pack) and
        stale temporary packs go."""
        if self.old is None or self.cache_dir is None:
            return
        try:
            if self._temp is None and self.used == set(self.old.index):
                return
            if self._temp is None:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
                self._temp = open(self._temp_path(), "w+b")
            out, index = self._temp, dict(self._new)
            out.seek(0, os.SEEK_END)
            for key in sorted(self.used - index.keys()):  # the old pack's copies still in use
                offset, length = self.old.index[key]
                self.old._handle.seek(offset)
                packed = self.old._handle.read(length)
                index[key] = (out.tell(), len(packed))
                out.write(packed)
            offset = out.tell()
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
            out.write(_TRAILER.pack(_MAGIC, offset))
            out.close()
            os.replace(out.name, self.cache_dir / PACK)
        except OSError:
            pass  # a read-only checkout still builds
        finally:
            if self._temp is not None:
                self._temp.close()
                with contextlib.suppress(OSError):
                    os.unlink(self._temp.name)  # only left when saving failed
            self.old.close()
            _tidy(self.cache_dir)

    def prune(self) -> None:  # the pack holds only what this build used: saving it is pruning it
        self.save()


def _tidy(cache_dir: Path) -> None:
    try:
        entries = list(os.scandir(cache_dir))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)  # the one-file-per-copy layout of earlier builds
            elif entry.name.endswith(".tmp") and entry.stat().st_mtime < time.time() - 3600:
                os.unlink(entry.path)  # left by a build killed while saving
        except OSError:
            pass


def write_copy(path: Path | str, packed: bytes, size: int, mtime_ns: tuple[int, int] | None = None) -> bool:
    """path.gz with `packed`, if smaller than the original (`size` bytes), stamped with the original's times."""
    if len(packed) >= size:
        return False
    if mtime_ns is None:
        stat = os.stat(path)
        mtime_ns = (stat.st_atime_ns, stat.st_mtime_ns)
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
                with open(path, "rb") as handle:
                    data = handle.read()
                if len(data) < MIN_SIZE:
                    continue
                digest = Digest.of(data)
            packed = compressor.cached(digest)
            if packed is not None:
                written_count += write_copy(path, packed, digest.size, (stat.st_atime_ns, stat.st_mtime_ns))
                continue
        todo.append(Path(path))
    if todo:
        with ThreadPoolExecutor(max_workers=workers or min(4, os.cpu_count() or 1)) as pool:
            written_count += sum(pool.map(compressor.file, todo))
    compressor.save()
    return written_count
