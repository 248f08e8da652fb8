"""Generated files and pages whose content is made when MkDocs reads it, not held all build long."""

from mkdocs.config import load_config

from loaphuong.mkdocs_state import lazy_file, lazy_source, lazy_sources, read_lazy_source, remember_site


def config_for(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins._current_plugin = "test"  # set by MkDocs while a hook runs
    return config


def test_lazy_file_is_made_when_written_and_written_exactly(tmp_path):
    config = config_for(tmp_path)
    calls = []

    def make():
        calls.append(1)
        return "BEGIN:VCALENDAR\r\nX-TÊN:Lịch\r\n".encode()

    file = lazy_file(config, "lich.ics", make)
    assert calls == [] and not file.is_documentation_page() and file.url == "lich.ics"
    file.copy_file()
    assert (tmp_path / "site" / "lich.ics").read_bytes() == make()
    assert len(calls) == 2  # made for the copy, and again above: never kept by the file


def test_lazy_sources_answer_their_pages_and_only_theirs(tmp_path):
    config = config_for(tmp_path)
    remember_site(config, None)
    lazy_source(config, "hoi-dap/a.md", lambda: "one page")
    lazy_sources(config, lambda src: f"plan {src}" if src.startswith("ke-hoach/") else None)
    assert read_lazy_source(config, "hoi-dap/a.md") == "one page"
    assert read_lazy_source(config, "ke-hoach/b.md") == "plan ke-hoach/b.md"
    assert read_lazy_source(config, "index.md") is None
