"""Finished output files kept in <project>/.cache/ under their content's digest and hard-linked into site/.

On this kind of disk creating a file costs 0.3-1 ms (a new inode, journaled) while linking an existing one
costs about 10 µs: a warm build of 3,000 plans writes ~20,000 files (pages, their gzip copies, search
fragments), most of them the same bytes as last time. A link shares the stored file's inode, so nothing may
write through it: every writer into site/ replaces a file (`replace_file`) instead of opening it for writing,
and a stored file whose size changed is never linked again.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# The mode a file written by MkDocs gets (mkstemp's 0600 would hide linked pages from the web server's user).
FILE_MODE = 0o666 & ~_umask()


class FileStore:
    """One folder of stored files (`<directory>/<first two letters>/<name>`), named by the caller from the
    content's digest. `used` names are kept by prune(); the rest go."""

    def __init__(self, directory: str | Path, active: bool = True):
        self.directory = str(directory)
        self.active = active
        self.linkable = active  # False once a link failed across file systems (site/ on another disk)
        self.used: set[str] = set()

    def path(self, name: str) -> str:
        return os.path.join(self.directory, name[:2], name)

    def put(self, name: str, data: bytes) -> tuple[int, int] | None:
        """Store `data` under `name` (kept if that file already holds exactly these bytes); its stamp (size,
        mtime in ns) for link(), or None when it cannot be stored."""
        if not self.active:
            return None
        path = self.path(name)
        self.used.add(name)
        try:
            stat = os.stat(path)
            if stat.st_size == len(data) and self.read(name) == data:
                return stat.st_size, stat.st_mtime_ns
        except OSError:
            pass
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            fd, temp = tempfile.mkstemp(dir=os.path.dirname(path), suffix=".tmp")
            os.fchmod(fd, FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, path)  # whole or absent under its name, even if the build is killed
            stat = os.stat(path)
            return stat.st_size, stat.st_mtime_ns
        except OSError:
            return None  # a read-only checkout still builds, by writing its files

    def link(self, name: str, target: str, size: int | None = None, mtime_ns: int | None = None) -> bool:
        """Hard-link the stored file `name` at `target` (replacing what is there); False when it is not stored
        or no longer has `size` bytes and the `mtime_ns` it was stored with (something wrote through a link
        to it), or cannot be linked: the caller then writes the file itself."""
        if not self.linkable:
            return False
        path = self.path(name)
        try:
            if size is not None:
                stat = os.stat(path)
                if stat.st_size != size or (mtime_ns is not None and stat.st_mtime_ns != mtime_ns):
                    return False
            _unlink(target)
            try:
                os.link(path, target)
            except FileNotFoundError:  # its folder is not made yet (or the stored file is gone: fails again)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                os.link(path, target)
        except OSError as error:
            if error.errno in (errno.EXDEV, errno.EPERM, errno.ENOTSUP):
                self.linkable = False  # every file of this build will be written instead
            return False
        self.used.add(name)
        return True

    def read(self, name: str) -> bytes | None:
        try:
            with open(self.path(name), "rb") as handle:
                return handle.read()
        except OSError:
            return None

    def prune(self) -> int:
        """Delete every stored file this build did not use (changed or deleted pages, older versions)."""
        removed = 0
        if not self.active:
            return removed
        try:
            folders = list(os.scandir(self.directory))
        except OSError:
            return removed
        for folder in folders:
            if not folder.is_dir(follow_symlinks=False):
                continue
            for entry in os.scandir(folder.path):
                if entry.name not in self.used:
                    try:
                        os.unlink(entry.path)
                        removed += 1
                    except OSError:
                        pass
        return removed


def _unlink(target: str) -> None:
    try:
        os.unlink(target)
    except FileNotFoundError:
        pass


def replace_file(target: str | Path, data: bytes) -> None:
    """Write `target` as a new file: one already there may be a link to a stored file, never written through."""
    _unlink(str(target))
    with open(target, "wb") as handle:
        handle.write(data)
