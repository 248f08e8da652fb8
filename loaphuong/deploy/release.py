"""Atomic publish and rollback of built sites under one folder (DEST):

    DEST/releases/20261202T140501Z-1a2b3c4d5e/   one complete built site per publish
    DEST/current -> releases/<name>               what nginx serves (root DEST/current)

A publish builds with --strict into a hidden staging folder next to the releases, renames it into place
and only then swaps `current` in one rename(2) of a fresh symlink, so readers see the old site or the new
one, never a half-copied mix; a failed build removes its staging folder and leaves `current` untouched.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

RELEASES = "releases"
CURRENT = "current"
STAGING_PREFIX = ".staging-"


class ReleaseError(Exception):
    pass


def _git(project: Path, *args: str) -> str | None:
    try:
        proc = subprocess.run(["git", "-C", str(project), *args], capture_output=True, text=True)
    except FileNotFoundError:
        return None
    return proc.stdout.strip() if proc.returncode == 0 else None


def release_name(project: Path, now: dt.datetime | None = None) -> str:
    """Sortable by time; names the commit so anyone can see what is live ("-dirty": uncommitted changes)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    commit = _git(project, "rev-parse", "--short=10", "HEAD") or "nogit"
    if commit != "nogit" and _git(project, "status", "--porcelain"):
        commit += "-dirty"
    return f"{now:%Y%m%dT%H%M%SZ}-{commit}"


def releases(dest: Path) -> list[str]:
    """Release names, oldest first (the names start with the UTC time)."""
    folder = dest / RELEASES
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))


def current(dest: Path) -> str | None:
    link = dest / CURRENT
    if not link.is_symlink():
        if link.exists():
            raise ReleaseError(f"{link} không phải liên kết (symlink): hãy chuyển nội dung cũ đi rồi đăng lại.")
        return None
    return Path(os.readlink(link)).name


def switch(dest: Path, name: str) -> None:
    """Point DEST/current at releases/<name> atomically: a new symlink renamed over the old one."""
    current(dest)  # refuses a real folder named current
    temp = dest / f".{CURRENT}-{os.getpid()}"
    if temp.is_symlink() or temp.exists():
        temp.unlink()
    os.symlink(f"{RELEASES}/{name}", temp)  # relative: the tree can be moved or mounted elsewhere
    os.replace(temp, dest / CURRENT)


def reload_server(how: str) -> None:
    """auto: reload the system nginx if it runs here; none: skip; anything else: a shell command to run.

    nginx reads the redirect and CSP maps of the live release only when it (re)loads its configuration.
    """
    if how == "none":
        return
    if how != "auto":
        if subprocess.run(how, shell=True).returncode != 0:
            raise ReleaseError(f"Đã chuyển bản nhưng lệnh nạp lại máy chủ lỗi: {how}")
        return
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not (Path("/run/nginx.pid").exists() and Path(nginx).exists()):
        print("nginx không chạy trên máy này: bỏ qua bước nạp lại.")
        return
    test = subprocess.run([nginx, "-t", "-q"], capture_output=True, text=True)
    if test.returncode != 0:
        raise ReleaseError("Đã chuyển bản nhưng cấu hình nginx lỗi, chưa nạp lại:\n" + test.stderr)
    if subprocess.run([nginx, "-s", "reload"]).returncode != 0:
        raise ReleaseError("Đã chuyển bản nhưng nạp lại nginx lỗi (nginx -s reload).")


def build(project: Path, out: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
                           "-f", str(project / "mkdocs.yml"), "-d", str(out)], cwd=project, env=env)
    if proc.returncode != 0:
        raise ReleaseError("Dựng trang không thành công (xem lỗi ở trên): bản đang chạy giữ nguyên.")


def prune(dest: Path, keep: int) -> list[str]:
    """Remove all but the newest `keep` releases; the live one is never removed."""
    live = current(dest)
    names = releases(dest)
    doomed = [n for n in names[:-keep] if n != live] if keep > 0 else []
    for name in doomed:
        shutil.rmtree(dest / RELEASES / name)
    return doomed


def publish(dest: Path, project: Path, *, keep: int = 5, reload: str = "auto",
            now: dt.datetime | None = None) -> str:
    if keep < 1:
        raise ReleaseError("KEEP phải từ 1 trở lên.")
    dest = dest.absolute()
    (dest / RELEASES).mkdir(parents=True, exist_ok=True)
    current(dest)  # fail before building if DEST/current is a real folder
    name = release_name(project, now)
    base, n = name, 1
    while (dest / RELEASES / name).exists():
        n += 1
        name = f"{base}-{n}"
    staging = dest / RELEASES / f"{STAGING_PREFIX}{name}"
    try:
        build(project, staging)
        os.rename(staging, dest / RELEASES / name)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    switch(dest, name)
    prune(dest, keep)
    reload_server(reload)
    return name


def rollback(dest: Path, *, to: str | None = None, reload: str = "auto") -> str:
    dest = dest.absolute()
    names, live = releases(dest), current(dest)
    if to is not None:
        if to not in names:
            raise ReleaseError(f"Không có bản '{to}' trong {dest / RELEASES}. Các bản: {', '.join(names)}")
        target = to
    else:
        if live not in names or names.index(live) == 0:
            raise ReleaseError(f"Không có bản nào trước bản đang chạy ({live}) trong {dest / RELEASES}.")
        target = names[names.index(live) - 1]
    switch(dest, target)
    reload_server(reload)
    return target
