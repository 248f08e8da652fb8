"""Writes the Pagefind index (site/pagefind/) from search records, through Pagefind's Python API.

Pagefind splits the index into chunks and per-page fragments, so a browser downloads only what a
query needs (well under 1 MiB at 3,000 plans) instead of one JSON file of the whole site.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from ..cache import Cache
from .records import SearchRecord, record_html

OUTPUT = "pagefind"
# Pagefind's own UI bundles: the portal drives Material's search box instead (search-worker.js).
_UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
           "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js",
           "pagefind-worker.js")


def _write(records: list[SearchRecord], out: Path) -> None:
    # Pagefind's own command line over a folder of the records' pages. Not its Python API: that service
    # answers "written" and is then terminated, and under load it was killed mid-write (an empty
    # pagefind-entry.json, search dead on every page); the command exits only once every file is written.
    with tempfile.TemporaryDirectory(prefix="loaphuong-search-") as tmp:
        for record in records:
            page = Path(tmp) / record.url / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(record_html(record), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "pagefind", "--site", tmp, "--output-path", str(out),
                               "--force-language", "vi", "--silent"], capture_output=True, text=True)
    entry = out / "pagefind-entry.json"
    if done.returncode != 0 or not entry.is_file() or not entry.stat().st_size:
        raise RuntimeError(f"Pagefind không tạo được chỉ mục tìm kiếm: {done.stderr.strip() or done.stdout.strip()}")


def write_index(records: list[SearchRecord], site_dir: str | Path, cache: Cache | None = None) -> Path:
    """site/pagefind/ for these records. Pagefind's binary is the build's largest cost in time and memory, so
    an index is kept in the cache under a hash of every record it was made from (and Pagefind's version): a
    build whose search records did not change copies the very same files instead of running Pagefind again."""
    out = Path(site_dir) / OUTPUT
    if not records:  # a `make serve` rebuild that rewrote no page: the index it has stays as it is
        return out
    shutil.rmtree(out, ignore_errors=True)
    key = _key(records, cache) if cache is not None and cache.active else None
    files = cache.get(key) if key else None
    if files is not None:
        for name, data in files.items():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(data)
        return out
    _write(records, out)
    for name in _UNUSED:
        (out / name).unlink(missing_ok=True)
    if key:
        shutil.rmtree(cache.directory, ignore_errors=True)  # only the latest index is worth keeping
        cache.put(key, {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    return out


def _key(records: list[SearchRecord], cache: Cache) -> str:
    # One record at a time into the hash: the pages' HTML is never all held at once.
    h = hashlib.sha256()
    for record in records:
        h.update(record.url.encode("utf-8", "surrogatepass") + b"\0" +
                 record_html(record).encode("utf-8", "surrogatepass") + b"\0")
    return cache.key("pagefind", version("pagefind"), h.hexdigest())


def read_fragments(site_dir: str | Path) -> list[dict]:
    """Every page record in a written index (Pagefind fragments are gzipped JSON behind a marker)."""
    records = []
    for path in sorted((Path(site_dir) / OUTPUT / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
        records.append(json.loads(raw[raw.index("{"):]))
    return records
