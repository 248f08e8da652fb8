"""A generated MkDocs file whose source is already a finished file of our own cache (a preview card):
hard-linked into site/ instead of copied (3,000 cards were 2 s of a build's writes)."""

from __future__ import annotations

import os

from mkdocs.structure.files import File

from .file_store import FILE_MODE


class LinkedFile(File):
    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        if self._content is not None or self.abs_src_path is None:
            return super().copy_file(dirty)
        target = self.abs_dest_path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            # Unlinked first, never written through: a file already there may be a link to a cache entry.
            if os.path.lexists(target):
                os.unlink(target)
            os.link(self.abs_src_path, target)
            if os.stat(target).st_mode & 0o777 != FILE_MODE:
                os.chmod(target, FILE_MODE)  # cards drawn before 2026-12 were stored 0600, unreadable to nginx
        except OSError:  # another file system, or links not allowed: copied as MkDocs would
            super().copy_file(dirty)
