"""Shared fixtures: build a site as `make site` does, serve it, and drive it in real Chromium."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-24"  # builds in tests are pinned to one day, so "future" and "upcoming" are stable
CHROMIUM = os.environ.get("LOAPHUONG_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = ROOT / "tests" / "screenshots"


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path
    project: Path

    def page(self, url_path: str) -> str:
        path = self.site_dir / url_path.strip("/") / "index.html" if not url_path.endswith((".html", ".xml",
                                                                                              ".json", ".ics",
                                                                                              ".atom")) \
            else self.site_dir / url_path.strip("/")
        return path.read_text(encoding="utf-8")


def run_mkdocs_build(project: Path, site_dir: Path, *extra: str, today: str = TODAY) -> BuildResult:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LOAPHUONG_TODAY=today, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(site_dir), *extra],
        capture_output=True, text=True, env=env, cwd=project,
    )
    return BuildResult(proc.returncode, proc.stdout + proc.stderr, site_dir, project)


def make_project(tmp_path: Path, plans: dict[str, str] | None = None, *, keep_bundled: bool = True) -> Path:
    """A copy of the project whose plans/ holds the bundled plans (optionally) plus `plans`."""
    project = tmp_path / "project"
    project.mkdir(parents=True)
    for name in ("docs", "overrides", "hooks"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "plans").mkdir()
    shutil.copy(ROOT / "plans" / "chuyen-muc.yml", project / "plans" / "chuyen-muc.yml")
    if keep_bundled:
        for path in (ROOT / "plans").glob("*.md"):
            shutil.copy(path, project / "plans" / path.name)
    for name, text in (plans or {}).items():
        target = project / "plans" / name
        target.write_bytes(text.encode("utf-8")) if isinstance(text, str) else target.write_bytes(text)
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuildResult:
    """The bundled site, built once per test session exactly as `make site` builds it."""
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.output
    return result


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_directory(directory: Path):
    """Serve a built site over HTTP on 127.0.0.1 (search and directory URLs need HTTP, not file://)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """The bundled site served over HTTP."""
    with serve_directory(built_site.site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright. Missing chromium is a failure, never a silent skip."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"chromium not found at {CHROMIUM}: run `make test` (it installs it)"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, locale="vi-VN")
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Save a screenshot under tests/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --- nginx: the shipped production configuration (deploy/nginx/) serving a built site on a loopback port ---

RENAMED_PLAN = "2026-ke-hoach-mo-hinh-cnxh"  # a bundled plan given an old address in the nginx fixture
OLD_SLUG = "mo-hinh-cnxh-dia-chi-cu"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def run_nginx(site_dir: Path, work_dir: Path, port: int | None = None):
    """nginx in the foreground exactly as `make nginx` runs it; yields (base URL, Preview)."""
    import socket
    import time

    from loaphuong.deploy.preview import Preview

    server = Preview(site_dir, work_dir, port or free_port())
    server.write()
    log = open(work_dir / "stderr.log", "w")
    proc = subprocess.Popen(server.command(), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 15
        while True:
            assert proc.poll() is None, (work_dir / "error.log").read_text() + (work_dir / "stderr.log").read_text()
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", server.port), timeout=0.2):
                break
            assert time.monotonic() < deadline, "nginx did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{server.port}/", server
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


@dataclass
class NginxSite:
    url: str
    build: BuildResult
    preview: object
    old_slug: str = OLD_SLUG
    new_slug: str = RENAMED_PLAN


@pytest.fixture(scope="session")
def nginx_site(tmp_path_factory) -> NginxSite:
    """The bundled plans (one renamed, keeping an old address in slug_cu) built and served by nginx."""
    tmp = tmp_path_factory.mktemp("nginx")
    text = (ROOT / "plans" / f"{RENAMED_PLAN}.md").read_text(encoding="utf-8")
    renamed = text.replace(f"slug: {RENAMED_PLAN}\n", f"slug: {RENAMED_PLAN}\nslug_cu:\n  - {OLD_SLUG}\n", 1)
    assert renamed != text
    # Markdown writes style="text-align: …" on aligned columns: the CSP must allow those attributes.
    renamed += "\n\n| Việc | Hạn chót |\n|:--|--:|\n| Học tập nghị quyết | 30/6/2026 |\n"
    project = make_project(tmp, {f"{RENAMED_PLAN}.md": renamed})
    # site_url is where the site is served, as in production (Material fetches sitemap.xml from it).
    port = free_port()
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(re.sub(r"(?m)^site_url: .*$", f"site_url: http://127.0.0.1:{port}/",
                                               config), encoding="utf-8")
    result = run_mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.output
    work = tmp / "nginx"
    work.mkdir()
    with run_nginx(result.site_dir, work, port) as (url, preview):
        yield NginxSite(url, result, preview)
