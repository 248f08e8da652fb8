"""What the build wrote, known without reading it back: each page's digest taken from MkDocs' finished HTML as
it passes (hooks/nginx.py on_post_page), and the list of files under site/ from one directory walk.

The gzip copies and the CSP findings are looked up by that digest. Reading ~2,000 written pages back, then
opening a cache file for each, cost a second per build on this disk. Only small facts are kept per page
(a 32-byte digest and a size), never the HTML: 2,000 pages would hold ~60 MB.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)  # one per page, held through the build
class Digest:
    key: bytes  # sha256 of the bytes
    size: int

    @classmethod
    def of(cls, data: bytes) -> "Digest":
        return cls(hashlib.sha256(data).digest(), len(data))

    @classmethod
    def of_file(cls, path: str | Path) -> "Digest":
        """Read a piece at a time: the editor's bundle (5 MB) and lich.ics (3 MB at 3,000 plans) are read
        whole on every build otherwise, a peak of its memory."""
        h, size = hashlib.sha256(), 0
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                h.update(chunk)
                size += len(chunk)
        return cls(h.digest(), size)


CHUNK = 1 << 18


def page_bytes(output: str) -> bytes:
    """The bytes MkDocs writes for a page's finished HTML (mkdocs.commands.build._build_page)."""
    return output.encode("utf-8", errors="xmlcharrefreplace")


class Written:
    """Digests of the pages of one build by their path in site/ (posix, relative)."""

    def __init__(self):
        self.pages: dict[str, Digest] = {}

    def add(self, dest: str, data: bytes) -> Digest:
        digest = Digest.of(data)
        self.pages[dest] = digest
        return digest

    def get(self, rel: str, size: int) -> Digest | None:
        """The page's digest, if the file on disk still has the size it was written with (a file another
        hook rewrote afterwards is read again)."""
        digest = self.pages.get(rel)
        return digest if digest is not None and digest.size == size else None


def walk(site_dir: Path) -> list[str]:
    """Every file under site_dir as a relative posix path, sorted as pathlib sorts paths (part by part)."""
    found = []
    root = str(site_dir)
    for directory, _, names in os.walk(root):
        prefix = os.path.relpath(directory, root).replace(os.sep, "/")
        prefix = "" if prefix == "." else prefix + "/"
        found.extend(prefix + name for name in names)
    # "/" as the lowest character: part-by-part order without a list of parts per file (20,000 files).
    found.sort(key=lambda rel: rel.replace("/", "\0"))
    return found
