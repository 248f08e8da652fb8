"""What a page's conversion asked of the site's files, so a cached page is reused until one of those answers
changes, not whenever any file of the site is added or removed.

MkDocs resolves a page's links (and images) by looking each target up in the build's files
(`Files.get_file_from_path`): the converted HTML depends on the other files only through those answers (is
the target there, at which address, is it excluded). `RecordingFiles` records them while a page converts;
`still_valid` checks them against a later build's files. Adding a plan then re-renders the pages that list
or link to it, not every page of the site.
"""

from __future__ import annotations

import hashlib

# One answer: the target's address and whether it is excluded, or None when the file is not there.
Answer = tuple[str, str] | None
Lookups = dict[str, Answer]


def answer(file) -> Answer:
    return None if file is None else (file.url, file.inclusion.name)


class RecordingFiles:
    """The build's Files as a conversion sees them, recording every lookup. Any other use of the files (not
    expected from MkDocs' Markdown processors) marks the record `complete = False`: the caller then keys the
    page on the whole set of files, as before."""

    def __init__(self, files):
        self._files = files
        self.lookups: Lookups = {}
        self.complete = True

    def get_file_from_path(self, path: str):
        file = self._files.get_file_from_path(path)
        self.lookups[path] = answer(file)
        return file

    def __getattr__(self, name):
        self.complete = False
        return getattr(self._files, name)

    def __iter__(self):
        self.complete = False
        return iter(self._files)

    def __len__(self):
        self.complete = False
        return len(self._files)


def still_valid(lookups: Lookups, files) -> bool:
    """Whether every recorded lookup gets the same answer from `files`."""
    return all(answer(files.get_file_from_path(path)) == was for path, was in lookups.items())


def files_digest(files) -> str:
    """Every file's path, address and inclusion: what a page is keyed on when its lookups are not known."""
    h = hashlib.sha256()
    for file in sorted(files, key=lambda f: f.src_uri):
        h.update(f"{file.src_uri}\t{file.url}\t{file.inclusion.name}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()
