"""loaphuong.link_lookups: a cached conversion is reused until one of the answers its links got changes."""

from __future__ import annotations

from mkdocs.structure.files import File, Files, InclusionLevel

from loaphuong.link_lookups import RecordingFiles, files_digest, still_valid


def _files(*paths: str, excluded: tuple[str, ...] = ()) -> Files:
    return Files([File(path, "/docs", "/site", True,
                       inclusion=InclusionLevel.EXCLUDED if path in excluded else InclusionLevel.UNDEFINED)
                  for path in paths])


def test_lookups_are_recorded_and_checked_against_later_files():
    before = _files("index.md", "ke-hoach/a.md")
    recording = RecordingFiles(before)
    assert recording.get_file_from_path("ke-hoach/a.md").url == "ke-hoach/a/"
    assert recording.get_file_from_path("ke-hoach/b.md") is None
    assert recording.complete
    lookups = recording.lookups
    assert still_valid(lookups, before)
    # Another plan added or removed: the page's links got the same answers.
    assert still_valid(lookups, _files("index.md", "ke-hoach/a.md", "ke-hoach/c.md"))
    assert still_valid(lookups, _files("ke-hoach/a.md"))
    # The target it linked to went, the one it missed appeared, or the target is now excluded.
    assert not still_valid(lookups, _files("index.md"))
    assert not still_valid(lookups, _files("index.md", "ke-hoach/a.md", "ke-hoach/b.md"))
    assert not still_valid(lookups, _files("index.md", "ke-hoach/a.md", excluded=("ke-hoach/a.md",)))


def test_any_other_use_of_the_files_is_not_trusted():
    recording = RecordingFiles(_files("index.md"))
    list(recording.documentation_pages())
    assert not recording.complete
    recording = RecordingFiles(_files("index.md"))
    assert [f.src_uri for f in recording] == ["index.md"]
    assert not recording.complete


def test_the_digest_covers_every_file():
    assert files_digest(_files("a.md", "b.md")) == files_digest(_files("b.md", "a.md"))
    assert files_digest(_files("a.md", "b.md")) != files_digest(_files("a.md"))
