"""deploy/nginx/loaphuong.conf — the file the IT officer installs — loads in nginx and serves over HTTPS.

Only what a test machine must change is changed: the ports, the paths (/etc/nginx/snippets → deploy/nginx,
/var/www/loaphuong → a published DEST) and a throwaway self-signed certificate."""

from __future__ import annotations

import http.client
import ssl
import subprocess
import time

from conftest import free_port
from loaphuong.deploy import release
from loaphuong.deploy.preview import DEPLOY_DIR, MIME_TYPES, nginx_binary


def test_production_site_file_serves_https_with_hsts_and_redirects_http(tmp_path, nginx_site):
    # A published DEST whose current release is the renamed-plan site of the nginx fixture.
    dest = tmp_path / "www"
    (dest / "releases").mkdir(parents=True)
    (dest / "releases" / "r1").symlink_to(nginx_site.build.site_dir, target_is_directory=True)
    release.switch(dest, "r1")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=loaphuong.example.vn", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    http_port, https_port = free_port(), free_port()
    site = (DEPLOY_DIR / "loaphuong.conf").read_text(encoding="utf-8")
    for old, new in [("listen 80;", f"listen 127.0.0.1:{http_port};"), ("listen [::]:80;", ""),
                     ("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;"),
                     ("listen [::]:443 ssl http2;", ""), ("/etc/nginx/snippets", str(DEPLOY_DIR)),
                     ("/var/www/loaphuong", str(dest)), ("/var/log/nginx", str(tmp_path)),
                     ("/etc/letsencrypt/live/loaphuong.example.vn/fullchain.pem", str(cert)),
                     ("/etc/letsencrypt/live/loaphuong.example.vn/privkey.pem", str(key))]:
        assert old in site, old
        site = site.replace(old, new)
    (tmp_path / "loaphuong.conf").write_text(site)
    # Debian's nginx.conf in miniature: mime.types and the sites file in http { }.
    (tmp_path / "nginx.conf").write_text(
        f"daemon off; user root; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        f"events {{}}\nhttp {{ include {MIME_TYPES}; default_type application/octet-stream;\n"
        f"client_body_temp_path {tmp_path}/cb; access_log off; include {tmp_path}/loaphuong.conf; }}\n")
    nginx = [nginx_binary(), "-p", f"{tmp_path}/", "-c", str(tmp_path / "nginx.conf"), "-e", str(tmp_path / "e.log")]
    check = subprocess.run([*nginx, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen(nginx, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):  # until nginx listens
            try:
                plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=5)
                plain.request("GET", "/ke-hoach/x?a=1", headers={"Host": "loaphuong.example.vn"})
                break
            except OSError:
                time.sleep(0.05)
        resp = plain.getresponse()
        assert resp.status == 301
        assert resp.getheader("Location") == "https://loaphuong.example.vn/ke-hoach/x?a=1"
        plain.close()

        context = ssl.create_default_context(cafile=str(cert))
        context.check_hostname = False
        secure = http.client.HTTPSConnection("127.0.0.1", https_port, context=context, timeout=5)
        secure.request("GET", f"/ke-hoach/{nginx_site.old_slug}/", headers={"Host": "loaphuong.example.vn"})
        resp = secure.getresponse()
        resp.read()
        assert resp.status == 301 and resp.getheader("Location") == f"/ke-hoach/{nginx_site.new_slug}/"
        secure.request("GET", f"/ke-hoach/{nginx_site.new_slug}/", headers={"Host": "loaphuong.example.vn",
                                                                           "Accept-Encoding": "gzip"})
        resp = secure.getresponse()
        resp.read()
        assert resp.status == 200 and resp.getheader("Content-Encoding") == "gzip"
        assert resp.getheader("Strict-Transport-Security") == "max-age=31536000"
        # The shared headers survive next to the production-only one (nginx add_header inheritance).
        assert "sha256-" in resp.getheader("Content-Security-Policy")
        assert resp.getheader("X-Content-Type-Options") == "nosniff"
        assert resp.getheader("Cache-Control") == "no-cache"
        secure.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
