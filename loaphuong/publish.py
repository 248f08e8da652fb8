"""Build into a temporary folder and swap it in only when the build succeeds.

A failed, interrupted or killed build never touches what is published: the new site is written next to
site/ (same filesystem), and replaces it with one rename. Readers and web servers see either the old site
or the new one, never a half-written or emptied folder.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

_RENAME_EXCHANGE = 2  # linux/fs.h


def build(site_dir: str | Path, mkdocs_args: list[str] | None = None) -> int:
    """`mkdocs build --strict` into a sibling temporary folder; on success it becomes site_dir."""
    site_dir = Path(site_dir).absolute()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    process = None

    def stop(signum, frame):  # SIGTERM (CI cancel, systemd stop): clean up like Ctrl-C does
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(staging),
                                    *(mkdocs_args or [])])
        code = process.wait()
        if code != 0:
            print(f"Dựng trang không thành công: {site_dir.name}/ đang đăng được giữ nguyên.", file=sys.stderr)
            return code
        swap(staging, site_dir)
        print(f"Đã dựng xong và thay {site_dir.name}/.")
        return 0
    except KeyboardInterrupt:
        print(f"Đã dừng dựng trang: {site_dir.name}/ đang đăng được giữ nguyên.", file=sys.stderr)
        return 130
    finally:
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(staging, ignore_errors=True)


def swap(new: Path, site_dir: Path) -> None:
    """Put `new` in place of site_dir: one atomic exchange where Linux offers it, else two renames."""
    if not site_dir.exists():
        os.rename(new, site_dir)
        return
    if _exchange(new, site_dir):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the previous site
        return
    old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
    os.rename(site_dir, old / "site")
    os.rename(new, site_dir)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0
