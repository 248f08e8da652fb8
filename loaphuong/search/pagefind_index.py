"""Writes the Pagefind index (site/pagefind/) from the search records, one Pagefind run per shard.

Pagefind splits an index into chunks and per-page fragments, so a browser downloads only what a query
needs. The records are split into shards (shards.py) so that no Pagefind run needs more than ~80 MB:
the first shard is the primary index at site/pagefind/ (with Pagefind's code and wasm), the others sit
at site/pagefind/shard-N/ (index files only) and the browser merges them (search-worker.js). Each shard
is cached in .cache/pagefind under a hash of its own records and Pagefind's version, so a build runs
Pagefind only for the shards whose records changed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from ..cache import Cache
from ..file_store import FileStore, replace_file
from .shards import Entry, RecordStore

OUTPUT = "pagefind"
SHARD_PREFIX = "shard-"
# Pagefind's own UI bundles: the portal drives Material's search box instead (search-worker.js).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
           "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js",
           "pagefind-worker.js")


def _code(name: str) -> bool:
    """Pagefind's code: only the primary index carries it (merged indexes use the primary's wasm)."""
    return "/" not in name and (name == "pagefind.js" or name.startswith("wasm."))


@dataclass
class Run:
    """One shard of this build: where it went, and the Pagefind run it took (None: copied from the cache)."""

    name: str  # "" for the primary index, else "shard-N"
    records: int
    input_bytes: int
    seconds: float | None = None
    peak_kib: int | None = None


@dataclass
class IndexReport:
    runs: list[Run] = field(default_factory=list)

    @property
    def shards(self) -> list[str]:
        """The merged (non-primary) shards' folder names, for the browser."""
        return [run.name for run in self.runs if run.name]


# Runs Pagefind and prints its peak memory: a child forked from this small process, not from the build's
# (a child forked from a large process reports that process's size as its own peak).
_MEASURED = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""
MEASURE_ENV = "LOAPHUONG_SEARCH_MEASURE"  # make bench: report each Pagefind run's peak memory


def _pagefind(site: Path, out: Path) -> tuple[float, int | None]:
    # Pagefind's own command line (not its Python API: that service answers "written" and is then
    # terminated, and under load it was killed mid-write); `python -m pagefind` execs the binary.
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out),
               "--force-language", "vi", "--silent"]
    measure = os.environ.get(MEASURE_ENV, "").strip() not in ("", "0")
    if measure:
        command = [sys.executable, "-c", _MEASURED, *command]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    message = done.stderr.strip()
    peak = None
    if measure and message:
        *lines, last = message.splitlines()
        peak, message = (int(last), "\n".join(lines)) if last.isdigit() else (None, message)
    entry = out / "pagefind-entry.json"
    if done.returncode != 0 or not entry.is_file() or not entry.stat().st_size:
        raise RuntimeError(f"Pagefind không tạo được chỉ mục tìm kiếm: {message or done.stdout.strip()}")
    return seconds, peak


def _index_shard(store: RecordStore, shard: list[Entry], run: Run) -> dict[str, bytes]:
    site = store.site_of(shard)
    out = Path(tempfile.mkdtemp(prefix="out-", dir=store.folder))
    try:
        run.seconds, run.peak_kib = _pagefind(site, out)
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
                if p.is_file() and p.name not in _UNUSED}
    finally:
        shutil.rmtree(site, ignore_errors=True)
        shutil.rmtree(out, ignore_errors=True)


def write_index(store: RecordStore, site_dir: str | Path, cache: Cache | None = None) -> IndexReport:
    """site/pagefind/ for the store's records, shard by shard, each from the cache when its records are
    unchanged. Shards are indexed one after another, never at once: peak memory is one shard's.
    A store kept across `make serve` rebuilds rewrites only the shards whose records changed (writing
    thousands of unchanged fragments took seconds of every save)."""
    report = IndexReport()
    out = Path(site_dir) / OUTPUT
    written = store.written if store.written.get("") is not None and store.written.get(None) == str(out) else {}
    if not written:
        shutil.rmtree(out, ignore_errors=True)
    now: dict = {None: str(out)}
    caching = cache is not None and cache.active
    files_store = _files_store(cache)
    used = set()
    for i, shard in enumerate(store.shards()):
        name = f"{SHARD_PREFIX}{i}" if i else ""
        run = Run(name, len(shard), sum(e.size for e in shard))
        report.runs.append(run)
        key = cache.key("pagefind", version("pagefind"), *(f"{e.url}\0{e.digest}" for e in shard)) if caching else None
        if key:
            used.add(key)
        target = out / name if name else out
        if key and written.get(name) == key and (target / "pagefind-entry.json").is_file():
            now[name] = key  # already in site_dir, as this store wrote it
            continue
        if written:
            _clear(target, primary=not name)
        names = cache.get(key) if key else None  # {path in the index: (stored file, size)}
        if names is None or not _link(files_store, target, names, merged=bool(name)):
            files = _index_shard(store, shard, run)
            names = _keep(files_store, files) if key else None
            if key and names is not None:
                cache.put(key, names)
            if names is None or not _link(files_store, target, names, merged=bool(name)):
                _write(target, files, merged=bool(name))
        now[name] = key or "-"
    for name in set(written) - set(now):
        shutil.rmtree(out / name, ignore_errors=True)  # a shard that no longer exists
    store.written = now
    if caching:
        _prune(cache, used)
        if not written:  # every shard's files were linked or stored by this run: the others go
            files_store.prune()
    return report


def _files_store(cache: Cache | None) -> FileStore:
    """The index's files, stored by digest and hard-linked into site/ (loaphuong.file_store): a shard's
    thousands of fragments cost seconds to create, and a few milliseconds to link."""
    if cache is None:
        return FileStore("", active=False)
    return FileStore(cache.directory / "files", active=cache.active)


def _keep(files_store: FileStore, files: dict[str, bytes]) -> dict[str, tuple[str, int]] | None:
    """Stores a shard's files; their names and sizes by path, or None when they cannot be stored."""
    names = {}
    for rel, data in files.items():
        name = hashlib.sha256(data).hexdigest()
        if files_store.put(name, data) is None:
            return None
        names[rel] = (name, len(data))
    return names


def _link(files_store: FileStore, target: Path, names: dict[str, tuple[str, int]], merged: bool) -> bool:
    """Links a shard's stored files into `target`; False (the caller writes them) when one is missing."""
    made: set[str] = set()
    for rel, (name, size) in names.items():
        if merged and _code(rel):
            continue
        path = os.path.join(target, rel)
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        if not files_store.link(name, path, size):
            return False
    return True


def _clear(target: Path, primary: bool) -> None:
    """Removes one shard's files (the primary's folder also holds the other shards: those stay)."""
    if not primary:
        shutil.rmtree(target, ignore_errors=True)
        return
    for child in target.iterdir() if target.is_dir() else ():
        if child.is_dir() and child.name.startswith(SHARD_PREFIX):
            continue
        shutil.rmtree(child) if child.is_dir() else child.unlink()


def _write(target: Path, files: dict[str, bytes], merged: bool) -> None:
    made: set[Path] = set()  # a mkdir per file (thousands of fragments) cost seconds on slow disks
    for rel, data in files.items():
        if merged and _code(rel):
            continue
        path = target / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        replace_file(path, data)  # an earlier file there may be a link to the store


def _prune(cache: Cache, used: set[str]) -> None:
    """Only the latest build's shards are worth keeping."""
    for path in cache.directory.glob("*/*.pickle"):
        if path.stem not in used:
            path.unlink(missing_ok=True)


def read_fragments(site_dir: str | Path) -> list[dict]:
    """Every page record in a written index, every shard's (Pagefind fragments are gzipped JSON behind a marker)."""
    return list(iter_fragments(site_dir))


def iter_fragments(site_dir: str | Path) -> Iterator[dict]:
    """read_fragments one record at a time: at 3,000 plans all records with their text are about 50 MB."""
    root = Path(site_dir) / OUTPUT
    paths = sorted(root.glob("fragment/*.pf_fragment")) + sorted(root.glob(f"{SHARD_PREFIX}*/fragment/*.pf_fragment"))
    for path in paths:
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
        yield json.loads(raw[raw.index("{"):])
