"""`python -m loaphuong editor`: the local backend for /quan-tri/ (started by `make editor`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .backend import make_server


def cmd_editor(args: argparse.Namespace) -> int:
    server = make_server(Path(args.root), args.port)
    print(f"Máy chủ biên tập: http://127.0.0.1:{server.server_address[1]}/api/v1 — ghi vào "
          f"{Path(args.root).resolve() / 'plans'}. Mở trình soạn tại /quan-tri/ của `make serve`. Ctrl+C để dừng.",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


def register(sub) -> None:
    editor = sub.add_parser("editor", help="máy chủ cục bộ cho trình soạn /quan-tri/ (make editor)")
    editor.add_argument("--root", default=".", help="thư mục dự án (có plans/), mặc định: thư mục hiện tại")
    editor.add_argument("--port", type=int, default=8081)
    editor.set_defaults(func=cmd_editor)
