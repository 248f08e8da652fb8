"""The shipped nginx configuration (deploy/nginx/) over a built site, checked with real HTTP requests."""

from __future__ import annotations

import base64
import gzip
import hashlib
import http.client
import re
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from conftest import make_project, run_mkdocs_build
from loaphuong.deploy import csp, precompress, redirects
from loaphuong.deploy.build import NGINX_DIR
from loaphuong.deploy.preview import brotli_available


def fetch(site, path: str, method: str = "GET", **headers):
    """One request, redirects not followed: (status, headers with lower-case names, raw body)."""
    parts = urlsplit(site.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        conn.request(method, path, headers=headers)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def site_file(site, path: str) -> Path:
    return site.build.site_dir / path.lstrip("/")


def one(site, pattern: str) -> str:
    """The site path of the single built file matching a glob (fingerprinted names change with Material)."""
    found = sorted(site.build.site_dir.glob(pattern))
    assert len(found) == 1, (pattern, found)
    return "/" + found[0].relative_to(site.build.site_dir).as_posix()


# --- addresses -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/ke-hoach/{new}", "/hoi-dap/{new}", "/chuyen-muc/tuyen-truyen", "/van-ban"])
def test_address_without_slash_moves_to_the_slash_form_with_a_relative_location(nginx_site, path):
    path = path.format(new=nginx_site.new_slug)
    status, headers, _ = fetch(nginx_site, path)
    assert status == 301
    assert headers["location"] == path + "/"  # relative: right host and port behind any proxy
    status, headers, body = fetch(nginx_site, path + "/")
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert body == site_file(nginx_site, path + "/index.html").read_bytes()


def test_plan_page_is_served_at_its_pretty_address(nginx_site):
    status, _, body = fetch(nginx_site, f"/ke-hoach/{nginx_site.new_slug}/")
    assert status == 200
    assert "mô hình Chủ nghĩa xã hội".encode() in body


@pytest.mark.parametrize("path", ["/khong-co-trang-nay/", "/ke-hoach/khong-co", "/feed.json", "/assets/",
                                  "/assets/javascripts/"])
def test_unknown_address_gets_the_vietnamese_404_page_with_status_404(nginx_site, path):
    status, headers, body = fetch(nginx_site, path)
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    text = body.decode("utf-8")
    assert "Không tìm thấy trang" in text
    assert "Index of" not in text  # no directory listing, not even for asset folders
    assert headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" in headers


@pytest.mark.parametrize("path", [f"/{NGINX_DIR}/redirects.map", f"/{NGINX_DIR}/csp.map", f"/{NGINX_DIR}/",
                                  "/.git/config", "/.env", "/assets/.hidden.js"])
def test_dotfiles_are_refused(nginx_site, path):
    if path == "/assets/.hidden.js":
        site_file(nginx_site, path).write_text("secret();")
    status, _, body = fetch(nginx_site, path)
    assert status == 404
    assert b"sha256-" not in body and b'" "/ke-hoach/' not in body and b"secret();" not in body
    assert "Không tìm thấy trang" in body.decode("utf-8")


# --- renamed plans ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["/", "", "/index.html", "/?utm_source=zalo"])
def test_old_plan_address_answers_301_to_the_new_one(nginx_site, suffix):
    status, headers, _ = fetch(nginx_site, f"/ke-hoach/{nginx_site.old_slug}{suffix}")
    assert status == 301
    query = suffix.partition("?")[2]
    assert headers["location"] == f"/ke-hoach/{nginx_site.new_slug}/" + (f"?{query}" if query else "")
    status, _, _ = fetch(nginx_site, headers["location"])
    assert status == 200


def test_static_redirect_pages_stay_for_hosts_without_nginx(nginx_site):
    page = site_file(nginx_site, f"ke-hoach/{nginx_site.old_slug}/index.html").read_text(encoding="utf-8")
    assert f'url=../{nginx_site.new_slug}/' in page


def test_redirect_map_entries_come_from_the_plans(nginx_site):
    text = site_file(nginx_site, f"{NGINX_DIR}/redirects.map").read_text(encoding="utf-8")
    pairs = re.findall(r'^"([^"]+)" "([^"]+)";$', text, re.M)
    new = f"/ke-hoach/{nginx_site.new_slug}/"
    old = f"/ke-hoach/{nginx_site.old_slug}"
    assert sorted(pairs) == sorted([(old, new), (old + "/", new), (old + "/index.html", new)])


def test_an_unrenamed_plan_address_is_not_redirected(nginx_site):
    assert redirects.nginx_map([]) == redirects.HEADER
    status, headers, _ = fetch(nginx_site, "/ke-hoach/2026-ke-hoach-hoc-tap-ctr-52-ctr-tu/")
    assert status == 200 and "location" not in headers


# --- types --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, expected", [
    ("/feed.xml", "application/rss+xml; charset=utf-8"),
    ("/chuyen-muc/tuyen-truyen/feed.xml", "application/rss+xml; charset=utf-8"),
    ("/feed.atom", "application/atom+xml; charset=utf-8"),
    ("/lich.ics", "text/calendar; charset=utf-8"),
    ("/search/search_index.json", "application/json; charset=utf-8"),
    ("/sitemap.xml", "text/xml; charset=utf-8"),
    ("/", "text/html; charset=utf-8"),
    ("/404.html", "text/html; charset=utf-8"),
    ("/assets/stylesheets/loaphuong.css", "text/css; charset=utf-8"),
    ("/assets/javascripts/feeds.js", "application/javascript; charset=utf-8"),
])
def test_content_types(nginx_site, path, expected):
    status, headers, body = fetch(nginx_site, path)
    assert status == 200
    assert headers["content-type"] == expected
    assert headers["x-content-type-options"] == "nosniff"
    assert body == site_file(nginx_site, path + ("index.html" if path.endswith("/") else "")).read_bytes()


# --- compression --------------------------------------------------------------------------------------------

COMPRESSED = ["/index.html", "/ke-hoach/{new}/index.html", "/assets/stylesheets/loaphuong.css",
              "assets/stylesheets/main.*.min.css", "assets/javascripts/bundle.*.min.js",
              "/assets/javascripts/loaphuong/search-worker.js", "/feed.xml", "/feed.atom", "/lich.ics",
              "/sitemap.xml"]


def _path(site, pattern: str) -> str:
    return one(site, pattern) if "*" in pattern else pattern.format(new=site.new_slug)


@pytest.mark.parametrize("pattern", COMPRESSED)
def test_gzip_is_served_from_the_copy_written_at_build_time(nginx_site, pattern):
    path = _path(nginx_site, pattern)
    original = site_file(nginx_site, path)
    copy = original.with_name(original.name + ".gz")
    assert copy.stat().st_mtime_ns == original.stat().st_mtime_ns
    status, headers, body = fetch(nginx_site, path, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in headers["vary"]
    assert body == copy.read_bytes()  # the precompressed file itself: nothing compressed per request
    assert gzip.decompress(body) == original.read_bytes()


@pytest.mark.parametrize("pattern", COMPRESSED[:6])
def test_brotli_where_the_module_is_installed(nginx_site, pattern):
    # `make test` installs Debian's Brotli modules with nginx, so this runs; elsewhere gzip alone is fine.
    assert brotli_available(), "libnginx-mod-http-brotli-* missing: run `make test` (it installs them)"
    path = _path(nginx_site, pattern)
    status, headers, body = fetch(nginx_site, path, **{"Accept-Encoding": "br"})
    assert status == 200
    assert headers["content-encoding"] == "br"
    assert "Accept-Encoding" in headers["vary"]
    assert 0 < len(body) < site_file(nginx_site, path).stat().st_size


def test_plain_response_without_accept_encoding(nginx_site):
    status, headers, body = fetch(nginx_site, "/feed.xml")
    assert status == 200 and "content-encoding" not in headers
    assert body == site_file(nginx_site, "feed.xml").read_bytes()


def test_precompressed_copies_are_deterministic(tmp_path):
    (tmp_path / "a").mkdir()
    page = tmp_path / "a" / "index.html"
    page.write_text("<p>Kế hoạch tuyên truyền</p>\n" * 100, encoding="utf-8")
    (tmp_path / "tiny.css").write_text("a{}")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(1000))
    (tmp_path / ".nginx").mkdir()
    (tmp_path / ".nginx" / "x.txt").write_text("x" * 1000)
    assert precompress.compress_site(tmp_path) == 1
    first = (tmp_path / "a" / "index.html.gz").read_bytes()
    assert not (tmp_path / "tiny.css.gz").exists() and not (tmp_path / "logo.png.gz").exists()
    assert not (tmp_path / ".nginx" / "x.txt.gz").exists()
    assert gzip.decompress(first) == page.read_bytes()
    precompress.compress_site(tmp_path)
    assert (tmp_path / "a" / "index.html.gz").read_bytes() == first  # byte-identical rebuilds


def stored_copies(cache: Path) -> list[Path]:
    return sorted(p for p in cache.glob("*/*.gz"))


def test_gzip_cache_gives_the_same_bytes_and_forgets_removed_pages(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "a.html").write_text("<p>Kế hoạch A</p>\n" * 100, encoding="utf-8")
    (site / "b.html").write_text("<p>Kế hoạch B</p>\n" * 100, encoding="utf-8")
    (cache / "ab").mkdir(parents=True)
    (cache / "ab" / "old-entry").write_bytes(b"x")  # the one-file-per-copy layout of earlier versions
    (cache / "copies.pack").write_bytes(b"x")  # and the one-pack layout
    assert precompress.compress_site(site, cache_dir=cache) == 2
    plain = {p.name: p.read_bytes() for p in site.glob("*.gz")}
    assert len(stored_copies(cache)) == 2 and not (cache / "ab" / "old-entry").exists()
    assert not (cache / "copies.pack").exists()
    for gz in site.glob("*.gz"):  # linked, not copied: the copy next to a page is the stored file
        assert gz.stat().st_nlink == 2
        assert gz.stat().st_mtime_ns == gz.with_suffix("").stat().st_mtime_ns
        gz.unlink()
    (site / "b.html").unlink()
    compressor = precompress.Compressor(cache)
    assert compressor.file(site / "a.html") and compressor.compressed == 0  # served from the cache
    compressor.prune()
    assert (site / "a.html.gz").read_bytes() == plain["a.html.gz"]
    assert len(stored_copies(cache)) == 1  # b's copy is gone with b


def test_gzip_copies_damaged_or_changed_content_is_compressed_again(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    page = site / "a.html"
    page.write_text("<p>Kế hoạch A</p>\n" * 100, encoding="utf-8")
    precompress.compress_site(site, cache_dir=cache)
    for stored in stored_copies(cache):
        stored.unlink()  # gone from the cache
    (site / "a.html.gz").unlink()
    compressor = precompress.Compressor(cache)
    assert compressor.file(page) and compressor.compressed == 1
    compressor.save()
    assert gzip.decompress((site / "a.html.gz").read_bytes()) == page.read_bytes()
    page.write_text("<p>Kế hoạch A, đã sửa</p>\n" * 100, encoding="utf-8")  # same path, new content
    assert precompress.compress_site(site, cache_dir=cache) == 1
    assert gzip.decompress((site / "a.html.gz").read_bytes()) == page.read_bytes()
    assert len(stored_copies(cache)) == 1


LATE_HOOK = """
from pathlib import Path


def on_post_build(config):  # rewrites a page after MkDocs wrote it, before hooks/nginx.py runs
    page = Path(config.site_dir) / "huong-dan-soan-ke-hoach" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</body>", "<script>var late = 1;</script></body>"), encoding="utf-8")
"""


def test_warm_builds_give_the_gzip_copies_and_maps_of_an_uncached_build(tmp_path, monkeypatch):
    """Pages are digested as MkDocs writes them and their copies come from one pack: from a warm cache the
    .gz copies and nginx maps are those of a build without cache, a page another hook rewrote afterwards is
    read again (its copy and its inline script's hash follow), and the pack holds one site's copies."""
    project = make_project(tmp_path)
    (project / "testing").mkdir()
    (project / "testing" / "late.py").write_text(LATE_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - hooks/nginx.py\n", "  - testing/late.py\n  - hooks/nginx.py\n"), encoding="utf-8")
    for name in ("cold", "warm"):
        if name == "warm":  # the layout of a few earlier builds, which nothing reads: removed
            (project / ".cache" / "nginx" / "gzip" / "ab").mkdir(parents=True)
            (project / ".cache" / "nginx" / "csp.pickle").write_bytes(b"old")
        result = run_mkdocs_build(project, tmp_path / name)
        assert result.returncode == 0, result.output
    assert not (project / ".cache" / "nginx").exists()
    monkeypatch.setenv("LOAPHUONG_CACHE", "0")
    plain = run_mkdocs_build(project, tmp_path / "plain")
    assert plain.returncode == 0, plain.output

    warm, plain = tmp_path / "warm", tmp_path / "plain"
    made = sorted(p.relative_to(warm).as_posix() for p in warm.rglob("*") if p.suffix == ".gz"
                  or p.parent.name == NGINX_DIR)
    assert made == sorted(p.relative_to(plain).as_posix() for p in plain.rglob("*") if p.suffix == ".gz"
                          or p.parent.name == NGINX_DIR)
    assert len(made) > 50
    for rel in made:
        assert (warm / rel).read_bytes() == (plain / rel).read_bytes(), rel
        if rel.endswith(".gz"):
            assert gzip.decompress((warm / rel).read_bytes()) == (warm / rel[:-3]).read_bytes(), rel
    late = warm / "huong-dan-soan-ke-hoach" / "index.html"
    assert "var late = 1;" in gzip.decompress((late.parent / "index.html.gz").read_bytes()).decode("utf-8")
    assert csp.digest("var late = 1;") in (warm / NGINX_DIR / "csp.map").read_text(encoding="utf-8")

    cache = project / ".cache" / "gzip"
    copies = {p.relative_to(warm).as_posix()[:-3] for p in warm.rglob("*.gz")}
    contents = {hashlib.sha256((warm / rel).read_bytes()).hexdigest() + ".gz" for rel in copies}
    assert {p.name for p in stored_copies(cache)} == contents  # this site's copies, no others


# --- caching ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern", ["assets/javascripts/bundle.*.min.js", "assets/javascripts/workers/search.*.min.js",
                                     "assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css"])
def test_fingerprinted_theme_assets_are_cached_for_a_year(nginx_site, pattern):
    status, headers, _ = fetch(nginx_site, one(nginx_site, pattern))
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize("path", ["/", "/ke-hoach/{new}/", "/feed.xml", "/feed.atom", "/lich.ics",
                                  "/pagefind/pagefind-entry.json", "/assets/stylesheets/loaphuong.css",
                                  "/assets/javascripts/van-ban.js", "/sitemap.xml"])
def test_pages_feeds_and_index_revalidate_with_etag(nginx_site, path):
    path = path.format(new=nginx_site.new_slug)
    for encoding in ("gzip", "identity"):
        status, headers, _ = fetch(nginx_site, path, **{"Accept-Encoding": encoding})
        assert status == 200
        assert headers["cache-control"] == "no-cache"
        etag = headers["etag"]
        status, again, body = fetch(nginx_site, path, **{"Accept-Encoding": encoding, "If-None-Match": etag})
        assert status == 304 and body == b""
        assert again["cache-control"] == "no-cache"


# --- security headers ---------------------------------------------------------------------------------------

def _inline_script_hashes(html: bytes) -> set[str]:
    """Independent of loaphuong.deploy.csp: lxml finds the inline scripts, hashlib hashes them."""
    tree = lxml.html.fromstring(html)
    found = set()
    for script in tree.iter("script"):
        if script.get("src") is None and script.get("type") in (None, "module", "text/javascript"):
            found.add("'sha256-" + base64.b64encode(hashlib.sha256((script.text or "").encode()).digest()).decode()
                      + "'")
    return found


@pytest.mark.parametrize("path", ["/", "/ke-hoach/{new}/", "/hoi-dap/{new}/", "/lich/", "/van-ban/", "/404.html",
                                  "/luu-tru/2026/"])
def test_csp_allows_exactly_the_inline_scripts_the_page_has(nginx_site, path):
    path = path.format(new=nginx_site.new_slug)
    status, headers, body = fetch(nginx_site, path)
    assert status == 200
    policy = dict((d.split(" ", 1) + [""])[:2] for d in headers["content-security-policy"].split("; "))
    scripts = policy["script-src"].split()
    hashes = _inline_script_hashes(body)
    assert hashes and hashes <= set(scripts)
    assert "'unsafe-inline'" not in headers["content-security-policy"]
    assert "'unsafe-eval'" not in scripts and "'wasm-unsafe-eval'" in scripts  # Pagefind's WebAssembly
    assert policy["frame-ancestors"] == "'self'" and policy["object-src"] == "'none'"
    assert policy["default-src"] == "'self'" and policy["connect-src"] == "'self'"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["permissions-policy"] and "geolocation=()" in headers["permissions-policy"]
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert "server" not in headers or headers["server"] == "nginx"  # no version announced


def test_csp_scanner_hashes_scripts_and_reports_what_no_hash_allows():
    code = csp.InlineCode()
    code.add_page('<script>var a=1;</script><script src="x.js"></script><script type="application/json">{}'
                  '</script><style>p{}</style><p>a onclick=b</p>', "a.html")
    assert code.scripts == {csp.digest("var a=1;")} and code.styles == {csp.digest("p{}")}
    assert code.blocked == []
    code.add_page('<button onclick="go()">x</button><a href="javascript:go()">y</a><p style="color:red">'
                  "<td style='text-align: left;'>", "b.html")
    assert code.blocked == ["b.html: thuộc tính onclick=", "b.html: liên kết javascript:"]
    assert code.style_attributes == {csp.digest("color:red"), csp.digest("text-align: left;")}
    assert f"style-src-attr 'unsafe-hashes' {csp.digest('color:red')}" in code.policy()
    code.add_page('<script>el.innerHTML = "<b onclick=x>"</script><p>Viết style = "đẹp" onload=1</p>', "c.html")
    assert len(code.blocked) == 2  # text and script bodies are not attributes
    assert "'sha256-" in code.policy() and "'unsafe-inline'" not in code.policy()


def test_inline_handler_in_a_page_fails_the_strict_build(tmp_path):
    from conftest import make_project, run_mkdocs_build

    # Page text is sanitised (an onclick typed in Markdown never reaches the page), so the way one lands is a
    # template: a partial someone overrides.
    project = make_project(tmp_path)
    (project / "overrides" / "partials" / "copyright.html").write_text(
        '<div class="md-copyright"><button onclick="alert(1)">Bấm</button></div>\n', encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Content-Security-Policy" in result.output and "onclick=" in result.output


def test_deploy_script_serves_in_the_foreground_as_make_nginx_does(nginx_site, tmp_path):
    import subprocess
    import sys
    import time

    from conftest import ROOT, free_port

    port = free_port()
    proc = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "deploy.py"), "nginx", "--site",
                             str(nginx_site.build.site_dir), "--port", str(port), "--work", str(tmp_path / "w")],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert f"http://127.0.0.1:{port}/" in proc.stdout.readline()
        for _ in range(100):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", f"/ke-hoach/{nginx_site.old_slug}")
                resp = conn.getresponse()
                break
            except OSError:
                time.sleep(0.05)
        assert resp.status == 301 and resp.getheader("Location") == f"/ke-hoach/{nginx_site.new_slug}/"
        assert proc.poll() is None  # still in the foreground
        assert (tmp_path / "w" / "nginx.pid").read_text().strip() == str(proc.pid)  # exec'd: nginx is the process
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_a_file_compressed_a_piece_at_a_time_is_byte_identical(tmp_path):
    # Large files (lich.ics, the editor's bundle) are read and gzipped in pieces: the same copy as in one go,
    # so a cached copy, a fresh one and one made by compress() agree.
    import os

    from loaphuong.deploy.precompress import CHUNK, compress, compress_file
    from loaphuong.deploy.written import Digest

    for size in (0, 300, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK + 17):
        data = (os.urandom(size // 3) + "Kế hoạch số 1-KH/ĐU ".encode() * size)[:size]
        path = tmp_path / f"f{size}"
        path.write_bytes(data)
        assert compress_file(path) == compress(data)
        assert Digest.of_file(path) == Digest.of(data)
