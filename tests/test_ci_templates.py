"""The CI/CD templates parse, run on a push to main, and call only Makefile targets that exist and run."""

from __future__ import annotations

import re
import shlex
import subprocess

import yaml

from conftest import ROOT

GITLAB = ROOT / ".gitlab-ci.yml"
GITHUB = ROOT / ".github" / "workflows" / "publish.yml"


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {name for line in re.findall(r"(?m)^([A-Za-z][\w.-]*(?:\s+[A-Za-z][\w.-]*)*)\s*:(?!=)", text)
            for name in line.split()}


def make_commands(lines: list[str]) -> list[list[str]]:
    return [shlex.split(line) for line in lines if line.strip().startswith("make ")]


def check_commands(commands: list[list[str]], tmp_path) -> None:
    targets = make_targets()
    for command in commands:
        target = [w for w in command[1:] if not w.startswith("-") and "=" not in w]
        assert target and target[0] in targets, command
        # Dry run: the target and every variable it needs resolve (nothing is built or published).
        args = [w.replace("/var/www/loaphuong", str(tmp_path / "www")) for w in command]
        proc = subprocess.run([*args[:1], "-n", *args[1:]], cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr


def test_gitlab_ci(tmp_path):
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert ci["stages"] == ["test", "build", "publish"]
    jobs = {name: job for name, job in ci.items() if isinstance(job, dict) and "script" in job}
    assert [c[1] for c in make_commands(jobs["test"]["script"])] == ["test"]
    assert [c[1] for c in make_commands(jobs["build"]["script"])] == ["site"]
    publish = jobs["publish"]
    assert publish["stage"] == "publish"
    assert '$CI_COMMIT_BRANCH == "main"' in publish["rules"][0]["if"]
    assert any("DEST=/var/www/loaphuong" in c for c in make_commands(publish["script"])[0])
    check_commands([c for job in jobs.values() for c in make_commands(job["script"])], tmp_path)


def test_github_workflow(tmp_path):
    flow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    on = flow.get("on", flow.get(True))  # YAML 1.1 reads the key `on` as true
    assert on["push"]["branches"] == ["main"]
    test, publish = flow["jobs"]["test"], flow["jobs"]["publish"]
    runs = lambda job: [step["run"] for step in job["steps"] if "run" in step]  # noqa: E731
    assert [c[1] for c in make_commands(runs(test))] == ["test", "site"]
    assert publish["needs"] == "test"
    assert "refs/heads/main" in publish["if"] and "push" in publish["if"]
    assert [c[1] for c in make_commands(runs(publish))] == ["publish"]
    for job in (test, publish):
        assert job["steps"][0]["uses"].startswith("actions/checkout@")
    check_commands(make_commands(runs(test) + runs(publish)), tmp_path)


def _cleaned_by(command: list[str], tmp_path) -> set[str]:
    """What `command` (a git clean) leaves of a working copy after a build: the names still there."""
    repo = tmp_path / "checkout"
    repo.mkdir()
    git = lambda *args: subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    (repo / ".gitignore").write_text(".cache/\n.venv/\nsite/\n", encoding="utf-8")
    (repo / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    git("add", ".")
    for made in (".cache/html/ab/ab.html", ".venv/.installed", "site/index.html", "plans/lac.md", "stray.txt"):
        (repo / made).parent.mkdir(parents=True, exist_ok=True)
        (repo / made).write_text("x", encoding="utf-8")
    subprocess.run(command, cwd=repo, check=True, capture_output=True)
    return {p.name for p in repo.iterdir()}


LEFT_FOR_NEXT_PUBLISH = {".git", ".gitignore", "mkdocs.yml", ".cache", ".venv"}  # build output and strays go


def test_gitlab_publish_keeps_the_build_cache(tmp_path):
    # A publish on the ward's runner rebuilds only what a commit changed: GitLab's own clean runs with these
    # flags, and a cold build (every card and Q&A made again) is minutes at a few thousand plans.
    ci = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    flags = shlex.split(ci["publish"]["variables"]["GIT_CLEAN_FLAGS"])
    assert _cleaned_by(["git", "clean", *flags], tmp_path) == LEFT_FOR_NEXT_PUBLISH
    assert ".cache/" in ci["build"]["cache"]["paths"]


def test_github_publish_keeps_the_build_cache(tmp_path):
    flow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    steps = flow["jobs"]["publish"]["steps"]
    assert steps[0]["with"]["clean"] is False  # checkout's own `git clean -ffdx` would delete .cache/
    runs = [step.get("run", "") for step in steps]
    cleans = [i for i, run in enumerate(runs) if run.startswith("git clean")]
    publishes = [i for i, run in enumerate(runs) if run.startswith("make publish")]
    assert len(cleans) == 1 and cleans[0] < publishes[0]
    assert _cleaned_by(shlex.split(runs[cleans[0]]), tmp_path) == LEFT_FOR_NEXT_PUBLISH
    cached = [step for step in flow["jobs"]["test"]["steps"] if step.get("uses", "").startswith("actions/cache@")]
    assert cached and cached[0]["with"]["path"] == ".cache"
