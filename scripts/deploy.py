"""Thin CLI for serving and publishing (logic in loaphuong.deploy).

  python scripts/deploy.py nginx   --site site --port 8088        serve site/ as production does (foreground)
  python scripts/deploy.py publish --dest /var/www/loaphuong [--keep 5] [--reload auto|none|CMD]
  python scripts/deploy.py rollback --dest /var/www/loaphuong [--to RELEASE] [--reload …]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from loaphuong.deploy import preview, release  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="deploy")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("nginx", help="chạy nginx (cấu hình production) phục vụ site/ trên 127.0.0.1")
    serve.add_argument("--site", default=str(ROOT / "site"))
    serve.add_argument("--port", type=int, default=8088)
    serve.add_argument("--work", default=str(ROOT / "build" / "nginx"))
    pub = sub.add_parser("publish", help="dựng --strict thành bản mới trong DEST/releases, chuyển DEST/current")
    back = sub.add_parser("rollback", help="chuyển DEST/current về bản trước")
    for p in (pub, back):
        p.add_argument("--dest", required=True)
        p.add_argument("--reload", default="auto",
                       help="auto: nạp lại nginx nếu đang chạy; none: không; hoặc một lệnh shell")
    pub.add_argument("--keep", type=int, default=5)
    pub.add_argument("--project", default=str(ROOT))
    back.add_argument("--to", default=None, help="tên một bản trong DEST/releases (mặc định: bản ngay trước)")
    args = parser.parse_args(argv)
    try:
        if args.command == "nginx":
            server = preview.Preview(Path(args.site), Path(args.work), args.port)
            server.write()
            print(f"nginx phục vụ {args.site} tại http://127.0.0.1:{args.port}/ (Ctrl+C để dừng; "
                  f"cấu hình: {server.conf})", flush=True)
            command = server.command()
            os.execv(command[0], command)
        elif args.command == "publish":
            name = release.publish(Path(args.dest), Path(args.project), keep=args.keep, reload=args.reload)
            print(f"Đã đăng bản {name}: {Path(args.dest) / 'current'} -> releases/{name}")
        else:
            name = release.rollback(Path(args.dest), to=args.to, reload=args.reload)
            print(f"Đã quay lại bản {name}: {Path(args.dest) / 'current'} -> releases/{name}")
    except (preview.PreviewError, release.ReleaseError) as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
