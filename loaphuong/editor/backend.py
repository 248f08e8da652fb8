"""Local backend for the editor: decap-server's proxy API (POST /api/v1, JSON {action, params}) in Python.

`make editor` runs it beside `make serve`. Differences from decap-server's file-system mode, on purpose:
- a plan is saved by changing only the fields the form changed (loaphuong.editor.merge), so comments and
  formatting of hand-written plans survive;
- the file is checked with the same validation as `python -m loaphuong check` first; with an error nothing is
  written and the editor shows the Vietnamese message with file:line;
- plans/chuyen-muc.yml (a top-level list, which Decap cannot edit) is shown to the editor wrapped in one key;
- only plans/ and the media folder can be read or written, and the server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import os
from pathlib import Path

import yaml

from .. import catalogue, frontmatter
from ..problems import Problems
from ..validation import KNOWN_KEYS, validate
from . import merge
from .config import FILE_NAME_KEY, MEDIA_FOLDER, PLANS_FOLDER, REGISTRY_PATH, REGISTRY_WRAPPER, field_order


class EditorError(Exception):
    """A save refused, with a Vietnamese message for the person at the form."""


class Repo:
    def __init__(self, root: Path):
        self.root = Path(root).resolve()

    # -- paths -------------------------------------------------------------------------------------------
    def resolve(self, rel: str) -> Path:
        path = (self.root / rel).resolve()
        allowed = [(self.root / PLANS_FOLDER).resolve(), (self.root / MEDIA_FOLDER).resolve()]
        if not any(path == base or base in path.parents for base in allowed):
            raise EditorError(f"không được ghi ngoài {PLANS_FOLDER}/ và {MEDIA_FOLDER}/: {rel}")
        return path

    def entry(self, rel: str) -> dict:
        path = self.resolve(rel)
        if not path.is_file():
            return {"data": None, "file": {"path": rel, "id": None}}
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        if rel == REGISTRY_PATH:
            text = yaml.safe_dump({REGISTRY_WRAPPER: yaml.safe_load(text) or []}, allow_unicode=True,
                                  sort_keys=False)
        return {"data": text, "file": {"path": rel, "id": hashlib.sha256(raw).hexdigest()}}

    def list_folder(self, folder: str, extension: str, depth: int) -> list[dict]:
        base = self.resolve(folder)
        if not base.is_dir():
            return []
        files = [p for p in base.rglob(f"*.{extension}" if extension else "*")
                 if p.is_file() and len(p.relative_to(base).parts) <= max(depth, 1)]
        return [self.entry(p.relative_to(self.root).as_posix()) for p in sorted(files)]

    # -- saving ------------------------------------------------------------------------------------------
    def save(self, rel: str, raw: str) -> Path:
        path = self.resolve(rel)
        text = self.registry_text(raw) if rel == REGISTRY_PATH else self.plan_text(rel, path, raw)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)  # never a half-written plan
        return path

    def plan_text(self, rel: str, path: Path, raw: str) -> str:
        try:
            doc = frontmatter.parse(raw)
        except frontmatter.FrontMatterError as exc:
            raise EditorError(f"biểu mẫu gửi phần thông tin không đọc được: {exc.message}") from None
        except ValueError as exc:  # PyYAML itself rejects impossible ISO dates such as 2026-02-30
            raise EditorError(f"{rel}: ngày không hợp lệ ({exc})") from None
        data = {k: v for k, v in doc.data.items() if k != FILE_NAME_KEY}
        body = doc.body
        if path.exists():
            text = merge.merge(path.read_text(encoding="utf-8"), data, body, form_keys=KNOWN_KEYS)
        else:
            text = merge.render_new(data, body, field_order())
        self.check(rel, path, text)
        return text

    def check(self, rel: str, path: Path, text: str) -> None:
        """The checks of `python -m loaphuong check`, with this file in place of the one on disk."""
        cat = catalogue.load(self.root / PLANS_FOLDER, self.root)
        problems = Problems()
        try:
            doc = frontmatter.parse(text)
        except frontmatter.FrontMatterError as exc:
            raise EditorError(f"{rel}:{exc.line}: {exc.message}") from None
        except ValueError as exc:
            raise EditorError(f"{rel}: ngày không hợp lệ ({exc})") from None
        plan = validate(doc, rel, cat.topics, problems)
        if plan is not None:
            others = [p for p in cat.plans if Path(p.source) != Path(rel)]
            catalogue.check_duplicates(others + [plan], problems)
        errors = [p for p in problems.errors if p.path == rel]
        if errors:
            raise EditorError("Chưa lưu vì kế hoạch còn lỗi:\n" + "\n".join(str(e) for e in errors))

    def registry_text(self, raw: str) -> str:
        data = yaml.safe_load(raw) or {}
        items = data.get(REGISTRY_WRAPPER) if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise EditorError("danh mục chuyên mục phải là một danh sách")
        original = self.root / REGISTRY_PATH
        text = merge.merge_list(original.read_text(encoding="utf-8") if original.exists() else "", items)
        problems = Problems()
        tmp = original.with_name(".chuyen-muc.check.yml")
        try:
            tmp.write_text(text, encoding="utf-8")
            catalogue.load_topics(tmp, REGISTRY_PATH, problems)
        finally:
            tmp.unlink(missing_ok=True)
        if problems.errors:
            raise EditorError("Chưa lưu vì danh mục còn lỗi:\n" + "\n".join(str(e) for e in problems.errors))
        return text

    # -- media ---------------------------------------------------------------------------------------------
    def media_file(self, rel: str) -> dict:
        path = self.resolve(rel)
        raw = path.read_bytes()
        return {"id": hashlib.sha256(raw).hexdigest(), "content": base64.b64encode(raw).decode(),
                "encoding": "base64", "path": rel, "name": path.name}

    # -- the API ---------------------------------------------------------------------------------------------
    def handle(self, action: str, params: dict):
        if action == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            return self.list_folder(params["folder"], params.get("extension", ""), int(params.get("depth", 1)))
        if action == "entriesByFiles":
            return [self.entry(f["path"]) for f in params["files"]]
        if action == "getEntry":
            return self.entry(params["path"])
        if action == "persistEntry":
            files = params.get("dataFiles") or [params["entry"]]
            for asset in params.get("assets", []):
                path = self.resolve(asset["path"])
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(base64.b64decode(asset["content"]))
            for item in files:
                if item.get("newPath"):
                    raise EditorError("không đổi tên tệp kế hoạch trong biểu mẫu; đổi 'slug' để đổi địa chỉ")
                self.save(item["path"], item["raw"])
            return {"message": "entry persisted"}
        if action == "getMedia":
            base = self.resolve(params["mediaFolder"])
            return [self.media_file(p.relative_to(self.root).as_posix())
                    for p in sorted(base.iterdir()) if p.is_file()] if base.is_dir() else []
        if action == "getMediaFile":
            return self.media_file(params["path"])
        if action == "persistMedia":
            asset = params["asset"]
            path = self.resolve(asset["path"])
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(asset["content"]))
            return self.media_file(asset["path"])
        if action in ("deleteFile", "deleteFiles"):
            for rel in params.get("paths") or [params["path"]]:
                if rel == REGISTRY_PATH:
                    raise EditorError("không xóa được danh mục chuyên mục")
                self.resolve(rel).unlink(missing_ok=True)
            return {"message": "deleted"}
        if action == "getDeployPreview":
            return None
        raise EditorError(f"thao tác '{action}' không được hỗ trợ (chế độ biên tập chỉ có trên GitHub/GitLab/Gitea)")


def make_handler(repo: Repo):
    class Handler(http.server.BaseHTTPRequestHandler):
        def _send(self, status: int, payload) -> None:
            body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self._cors()
            self.end_headers()
            self.wfile.write(body)

        def _cors(self) -> None:
            # The editor page is served by `mkdocs serve` on another port; only loopback pages reach us.
            self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Access-Control-Allow-Methods", "POST, OPTIONS")

        def do_OPTIONS(self):
            self.send_response(204)
            self._cors()
            self.end_headers()

        def do_POST(self):
            if self.path.rstrip("/") != "/api/v1":
                return self._send(404, {"error": "Not found"})
            try:
                request = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
                self._send(200, repo.handle(request.get("action", ""), request.get("params") or {}))
            except EditorError as exc:
                self._send(422, {"error": str(exc)})
            except (KeyError, ValueError, OSError) as exc:
                self._send(500, {"error": f"lỗi máy chủ biên tập: {exc}"})

        def log_message(self, fmt, *args):
            if os.environ.get("LOAPHUONG_EDITOR_LOG"):
                super().log_message(fmt, *args)

    return Handler


def make_server(root: Path, port: int = 8081, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    return http.server.ThreadingHTTPServer((host, port), make_handler(Repo(root)))
