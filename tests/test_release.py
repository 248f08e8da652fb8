"""Atomic publish and rollback (loaphuong.deploy.release, make publish / make rollback), checked on disk and
through nginx serving DEST/current with the shipped configuration."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import os
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT, make_project, run_nginx
from loaphuong.deploy import release

PLAN = "2026-ke-hoach-mo-hinh-cnxh"
OLD = "dia-chi-cu-cua-ke-hoach"


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder (symlinks followed at the top) with its sha256: 'the same release, exactly'."""
    folder = folder.resolve()
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def get(port: int, path: str):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.getheader("Location"), resp.read()
    finally:
        conn.close()


def at(minute: int) -> dt.datetime:
    return dt.datetime(2026, 12, 2, 8, minute, tzinfo=dt.timezone.utc)


def test_publish_then_rollback_restores_the_previous_release_exactly(tmp_path):
    project = make_project(tmp_path / "p", keep_bundled=True)
    dest = tmp_path / "www"
    first = release.publish(dest, project, keep=2, reload="none", now=at(1))
    assert (dest / "current").is_symlink() and os.readlink(dest / "current") == f"releases/{first}"
    assert first.startswith("20261202T080100Z-")
    before = tree(dest / "current")
    assert "index.html" in before and ".nginx/csp.map" in before and "index.html.gz" in before

    # Second release: the plan renamed (old address kept) — a change visible in files and in nginx's map.
    plan = project / "plans" / f"{PLAN}.md"
    plan.write_text(plan.read_text(encoding="utf-8").replace(f"slug: {PLAN}\n", f"slug: {PLAN}\nslug_cu: [{OLD}]\n"),
                    encoding="utf-8")
    work = tmp_path / "nginx"
    work.mkdir()
    second = release.publish(dest, project, keep=2, reload="none", now=at(2))
    assert tree(dest / "current") != before

    with run_nginx(dest / "current", work) as (url, server):
        reload = " ".join(server.command()) + " -s reload"
        port = server.port
        status, location, _ = get(port, f"/ke-hoach/{OLD}/")
        assert (status, location) == (301, f"/ke-hoach/{PLAN}/")

        # A build that fails (broken plan) never touches the live release.
        (project / "plans" / "hong.md").write_text("---\ntrich_yeu: thiếu hết\n---\n", encoding="utf-8")
        with pytest.raises(release.ReleaseError):
            release.publish(dest, project, keep=2, reload="none", now=at(3))
        assert release.releases(dest) == [first, second] and release.current(dest) == second
        assert not [p for p in (dest / "releases").iterdir() if p.name.startswith(".")]  # no staging left
        (project / "plans" / "hong.md").unlink()

        # make rollback, as the IT officer runs it, with nginx reloaded to read the older release's maps.
        proc = subprocess.run(["make", "-s", "rollback", f"DEST={dest}", f"RELOAD={reload}"], cwd=ROOT,
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert first in proc.stdout
        assert os.readlink(dest / "current") == f"releases/{first}"
        assert tree(dest / "current") == before
        deadline = time.monotonic() + 10
        while get(port, f"/ke-hoach/{OLD}/")[0] != 404:  # the reloaded nginx no longer knows the old address
            assert time.monotonic() < deadline, "nginx still redirects after rollback + reload"
            time.sleep(0.1)
        assert get(port, f"/ke-hoach/{PLAN}/")[0] == 200

    # Nothing before the first release.
    with pytest.raises(release.ReleaseError, match="Không có bản nào trước"):
        release.rollback(dest, reload="none")

    # A new publish after a rollback is the newest; only the last KEEP=2 stay.
    third = release.publish(dest, project, keep=2, reload="none", now=at(4))
    assert release.releases(dest) == [second, third] and release.current(dest) == third


def test_switch_is_a_single_rename_of_a_symlink(tmp_path, monkeypatch):
    dest = tmp_path / "www"
    for name in ("a", "b"):
        (dest / "releases" / name).mkdir(parents=True)
    release.switch(dest, "a")
    calls = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda src, dst: (calls.append((Path(src), Path(dst))), real(src, dst)))
    release.switch(dest, "b")
    assert len(calls) == 1 and calls[0][1] == dest / "current" and calls[0][0].is_symlink() is False
    assert os.readlink(dest / "current") == "releases/b"
    assert sorted(p.name for p in dest.iterdir()) == ["current", "releases"]  # no temporary link left


def test_a_real_folder_named_current_is_refused(tmp_path):
    dest = tmp_path / "www"
    (dest / "current").mkdir(parents=True)
    with pytest.raises(release.ReleaseError, match="không phải liên kết"):
        release.publish(dest, tmp_path, reload="none")
    assert not (dest / "releases").exists() or release.releases(dest) == []


def test_prune_never_removes_the_live_release(tmp_path):
    dest = tmp_path / "www"
    for name in ("1", "2", "3", "4"):
        (dest / "releases" / name).mkdir(parents=True)
    release.switch(dest, "1")
    assert release.prune(dest, 2) == ["2"]
    assert release.releases(dest) == ["1", "3", "4"]


def test_release_name_names_the_commit(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "a").write_text("x")
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@t")
    subprocess.run(["git", "-C", str(tmp_path), "add", "a"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "commit", "-qm", "x"], check=True, env=env)
    head = subprocess.run(["git", "-C", str(tmp_path), "rev-parse", "--short=10", "HEAD"], capture_output=True,
                          text=True).stdout.strip()
    assert release.release_name(tmp_path, at(5)) == f"20261202T080500Z-{head}"
    (tmp_path / "a").write_text("y")
    assert release.release_name(tmp_path, at(5)).endswith("-dirty")


def test_make_publish_and_rollback_need_dest():
    for target in ("publish", "rollback"):
        proc = subprocess.run(["make", "-s", target], cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode != 0 and "Thiếu DEST" in proc.stdout + proc.stderr
