"""Shares the loaded Site between the MkDocs hook files of one build.

Hooks are separate modules; they find the Site through the MkDocs config object they all receive.
"""

from __future__ import annotations

from .site import Site

_SITES: dict[int, Site] = {}
_SHARED: dict[tuple[int, str], object] = {}


def remember_site(config, site: Site) -> None:
    _SITES.clear()  # one build at a time; `serve` rebuilds with a fresh config
    _SHARED.clear()
    _SITES[id(config)] = site


def site_for(config) -> Site:
    try:
        return _SITES[id(config)]
    except KeyError:
        raise RuntimeError("hooks/plans.py must come first in mkdocs.yml 'hooks'") from None


def share(config, name: str, value) -> None:
    """Make a hook's product of this build (the listings, the Q&A pages) readable by the other hooks."""
    _SHARED[(id(config), name)] = value


def shared(config, name: str, default=None):
    return _SHARED.get((id(config), name), default)


def lazy_source(config, src_uri: str, reader) -> None:
    """A generated page whose Markdown `reader()` gives when MkDocs reads the page, instead of a file holding
    it from on_files to the end of the build (hooks/render_cache.py answers on_page_read_source)."""
    _SHARED.setdefault((id(config), "sources"), {})[src_uri] = reader


def lazy_sources(config, maker) -> None:
    """Like lazy_source for a whole family of pages: `maker(src_uri)` gives the Markdown of each of them, or
    None for a page not of that family (one callable for a thousand plan pages, not one each)."""
    _SHARED.setdefault((id(config), "source makers"), []).append(maker)


def read_lazy_source(config, src_uri: str) -> str | None:
    reader = _SHARED.get((id(config), "sources"), {}).get(src_uri)
    if reader is not None:
        return reader()
    for maker in _SHARED.get((id(config), "source makers"), ()):
        markdown = maker(src_uri)
        if markdown is not None:
            return markdown
    return None


def lazy_file(config, src_uri: str, maker, inclusion=None):
    """A generated MkDocs file whose content `maker()` gives when MkDocs writes (or anyone reads) it, instead
    of the file holding it from on_files to the end of the build (the calendar is megabytes at 3,000 plans)."""
    from mkdocs.structure.files import File, InclusionLevel

    class _LazyFile(File):
        @property
        def _content(self):
            return maker()

        @_content.setter
        def _content(self, value):  # File.generated() sets it; the maker gives it instead
            pass

    return _LazyFile.generated(config, src_uri, content=b"", inclusion=inclusion or InclusionLevel.UNDEFINED)
