"""gzip copies (`x.html.gz` next to `x.html`) written once at build time, served by nginx's gzip_static.

Deterministic: no name and mtime 0 in the gzip header, so the same site gives the same bytes on every build.
Each copy gets its original's mtime so Last-Modified agrees whichever encoding a reader receives.
"""

from __future__ import annotations

import gzip
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# Text types worth compressing (images and fonts are compressed already). Source maps are left out: only
# developer tools fetch them, and nginx still compresses them on the fly.
SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".atom", ".ics", ".svg", ".txt"}
MIN_SIZE = 256  # below this a gzip copy saves nothing worth a second file; nginx's gzip_min_length matches


def wanted(path: Path) -> bool:
    return path.suffix in SUFFIXES and not any(part.startswith(".") for part in path.parts)


def compress_file(path: Path) -> bool:
    """Write path.gz if it is smaller; True when written."""
    data = path.read_bytes()
    if len(data) < MIN_SIZE:
        return False
    packed = gzip.compress(data, compresslevel=6, mtime=0)
    if len(packed) >= len(data):
        return False
    target = path.with_name(path.name + ".gz")
    target.write_bytes(packed)
    stat = path.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return True


def compress_site(site_dir: Path, workers: int | None = None) -> int:
    """gzip every text file of the site; returns how many copies were written. zlib releases the GIL."""
    files = [p for p in site_dir.rglob("*") if p.is_file() and wanted(p.relative_to(site_dir))]
    with ThreadPoolExecutor(max_workers=workers or min(4, os.cpu_count() or 1)) as pool:
        return sum(pool.map(compress_file, files))
