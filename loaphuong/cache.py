"""A content-addressed cache in <project>/.cache/: a value is stored under a hash of everything it was made
from plus the code's version, so an entry is either exactly right or never found.

What is cached must depend only on its key's inputs (a plan's text, a page's Markdown and the addresses it
links to); the version covers this package, the project's hooks and the libraries that render pages, so a
code change or an upgrade starts from a cold cache. LOAPHUONG_CACHE=0 turns caching off (the byte-identity
test builds once without it).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import tempfile
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

# Libraries whose output ends up in cached values.
LIBRARIES = ("mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "PyYAML", "Pillow", "Pygments")


_MEMORY: dict[str, dict] | None = None  # `make serve`: entries also kept in memory between rebuilds


def keep_in_memory() -> None:
    global _MEMORY
    if _MEMORY is None:
        _MEMORY = {}


def enabled() -> bool:
    return os.environ.get("LOAPHUONG_CACHE", "1").strip().lower() not in ("0", "false", "no", "off")


@functools.cache
def _package_version() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    return digest.hexdigest()


def code_version(*extra_dirs: str | Path) -> str:
    """This package's sources and library versions, plus the *.py files of `extra_dirs` (the project's hooks)."""
    digest = hashlib.sha256(_package_version().encode())
    for directory in extra_dirs:
        for path in sorted(Path(directory).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        h.update(b"\0\1")
    return h.hexdigest()


class Cache:
    """One namespace of .cache/: pickled values in files named by key. A damaged entry reads as a miss."""

    def __init__(self, directory: str | Path, version: str, *, active: bool | None = None, remember: bool = True):
        self.directory = Path(directory)
        self.remember = remember  # False: never kept in `serve`'s memory (large values read once per build)
        self.version = version
        self.active = enabled() if active is None else active
        self.hits = self.misses = 0
        self.used: set[str] = set()  # keys read or written by this build (prune() keeps only these)

    def key(self, *parts: str | bytes) -> str:
        return digest(self.version, *parts)

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.pickle"

    @property
    def in_memory(self) -> bool:
        return self.active and _MEMORY is not None

    def get(self, key: str, memory_only: bool = False):
        """The value stored under `key`, or None. `memory_only`: small entries kept for `serve` alone."""
        if not self.active:
            return None
        memory = _MEMORY.setdefault(str(self.directory), {}) if _MEMORY is not None and self.remember else None
        if memory is not None and key in memory:
            self.hits += 1
            self.used.add(key)
            return memory[key]
        if memory_only:
            return None
        try:
            with open(self._path(key), "rb") as handle:
                value = pickle.load(handle)
        except Exception:  # missing, truncated, from another version: any unreadable entry is a miss
            self.misses += 1
            return None
        self.hits += 1
        self.used.add(key)
        if memory is not None:
            memory[key] = value
        return value

    def exists(self, key: str) -> bool:
        """Whether `key` is stored (not read: it may still turn out unreadable)."""
        if not self.active:
            return False
        if _MEMORY is not None and self.remember and key in _MEMORY.get(str(self.directory), {}):
            self.used.add(key)
            return True
        found = self._path(key).is_file()
        if found:
            self.used.add(key)
        return found

    def put(self, key: str, value, memory_only: bool = False) -> None:
        if not self.active:
            return
        self.used.add(key)
        if _MEMORY is not None and self.remember:
            _MEMORY.setdefault(str(self.directory), {})[key] = value
        if memory_only:
            return
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if _MEMORY is not None:
            # `serve`: creating files costs milliseconds each here; the edit's reload must not wait for them.
            _writer().submit(_write, self._path(key), data)
        else:
            _write(self._path(key), data)


@functools.cache
def _writer() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="loaphuong-cache")


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: a build killed half-way never leaves a truncated entry under a valid name.
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only checkout still builds, just without the cache


_OPENED: list[Cache] = []  # every cache of the current build, for prune_unused()


def start_build() -> None:
    _OPENED.clear()


def for_project(project_dir: str | Path, namespace: str, remember: bool = True) -> Cache:
    """The cache `namespace` of a project (a folder holding mkdocs.yml), versioned with its hooks/."""
    project_dir = Path(project_dir)
    cache = Cache(project_dir / ".cache" / namespace, code_version(project_dir / "hooks"), remember=remember)
    _OPENED.append(cache)
    return cache


def prune_unused(namespaces: set[str]) -> int:
    """After a complete build: in these namespaces, delete every entry no cache of the build used (pages since
    changed or deleted, older code versions), so .cache/ stays the size of one site, not of its history."""
    used: dict[Path, set[str]] = {}
    for cache in _OPENED:
        if cache.directory.name in namespaces and cache.active:
            used.setdefault(cache.directory, set()).update(cache.used)
    removed = 0
    for directory, keys in used.items():
        for path in directory.glob("*/*") if directory.is_dir() else ():
            if path.stem not in keys:
                try:
                    path.unlink()
                    removed += 1
                except OSError:
                    pass
    _OPENED.clear()
    return removed
