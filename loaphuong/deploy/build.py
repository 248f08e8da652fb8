"""What a build leaves for nginx: site/.nginx/redirects.map, site/.nginx/csp.map and the .gz copies.

The folder starts with a dot, so the shipped nginx configuration refuses it like every dotfile: the maps are
read by nginx, not published (they would leak nothing secret — old addresses already have static redirect
pages and the hashes are in every response header — but a server's own files have no business on the web).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import csp, precompress, redirects
from .written import Written, walk

NGINX_DIR = ".nginx"
REDIRECTS = "redirects.map"
CSP = "csp.map"


def cache_files(cache_dir: Path | None) -> tuple[Path | None, Path | None]:
    """Where a project's .cache keeps the gzip pack and the CSP findings."""
    if cache_dir is None:
        return None, None
    return cache_dir / "gzip", cache_dir / "csp" / "pages.pickle"


def write_nginx_files(site_dir: Path, moves, cache_dir: Path | None = None, *, findings=None,
                      written: Written | None = None, files: list[str] | None = None) -> list[str]:
    """Write both maps; returns what the policy cannot allow (inline handlers…), for the build to report."""
    out = site_dir / NGINX_DIR
    out.mkdir(exist_ok=True)
    (out / REDIRECTS).write_text(redirects.nginx_map(moves), encoding="utf-8")
    inline = csp.scan_site(site_dir, cache_files(cache_dir)[1], findings=findings, written=written, files=files)
    (out / CSP).write_text(csp.nginx_map(inline.policy()), encoding="utf-8")
    return inline.blocked


def finish(site_dir: Path, moves, cache_dir: Path | None = None, *, findings=None,
           written: Written | None = None) -> list[str]:
    """`cache_dir` (<project>/.cache): gzip copies (gzip/) and CSP findings (csp/) of unchanged files
    are reused. `written` and `findings`: the pages' digests and CSP findings taken as MkDocs wrote them
    (hooks/nginx.py), so pages are not read back."""
    if cache_dir is not None and (cache_dir / "nginx").is_dir():
        # Where a few builds of round 3 kept the same caches (.cache/nginx/{gzip,csp.pickle}): nothing reads it.
        shutil.rmtree(cache_dir / "nginx", ignore_errors=True)
    files = walk(site_dir)
    blocked = write_nginx_files(site_dir, moves, cache_dir, findings=findings, written=written, files=files)
    precompress.compress_site(site_dir, cache_dir=cache_files(cache_dir)[0], written=written, files=files)
    return blocked
