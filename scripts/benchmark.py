"""Build time and peak memory of a site with N synthetic plans. Figures only, no assertions.

    .venv/bin/python scripts/benchmark.py [N]      (default 2000)
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODIES = ("Đảng ủy phường Mỹ Thới", "Chi bộ Khu phố 3", "Đảng ủy phường Bạch Đằng", "Ban Tuyên giáo Đảng ủy")
TOPICS = ("hoc-tap-quan-triet", "tuyen-truyen", "xay-dung-dang", "nghi-quyet-dai-hoi-xiv")


def plan(i: int) -> str:
    year, month, day = 2020 + i % 7, 1 + i % 12, 1 + i % 28
    topics = "\n".join(f"  - {t}" for t in {TOPICS[i % 4], TOPICS[(i // 4) % 4]})
    return f"""---
so_hieu: {i}-KH/ĐU
trich_yeu: Tổ chức học tập, quán triệt văn bản số {i} của cấp ủy
co_quan_ban_hanh: {BODIES[i % len(BODIES)]}
ngay_ban_hanh: {year}-{month:02d}-{day:02d}
nguoi_ky: Nguyễn Văn A
chuc_vu: Phó Bí thư
chuyen_muc:
{topics}
tom_tat: Kế hoạch thử nghiệm số {i}, dùng để đo thời gian dựng trang.
can_cu:
  - loai: Kế hoạch
    so_hieu: {max(1, i - 1)}-KH/ĐU
su_kien:
  - ten: Hội nghị quán triệt số {i}
    ngay: {year}-{month:02d}-{day:02d}
    gio: "14:00"
thoi_han:
  - viec: Báo cáo kết quả số {i}
    han: {year}-Q{1 + (month - 1) // 3}
---

Thực hiện chỉ đạo của cấp trên, cấp ủy ban hành kế hoạch số {i}.

## I. MỤC ĐÍCH, YÊU CẦU

Nội dung mục đích của kế hoạch {i}.

## II. NỘI DUNG

1. Tổ chức học tập.
2. Tuyên truyền sâu rộng.
"""


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory(prefix="loaphuong-bench-") as tmp:
        project = Path(tmp) / "project"
        for name in ("docs", "overrides", "hooks"):
            shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        (project / "plans").mkdir()
        shutil.copy(ROOT / "plans" / "chuyen-muc.yml", project / "plans" / "chuyen-muc.yml")
        for i in range(1, count + 1):
            (project / "plans" / f"bench-{i:05d}.md").write_text(plan(i), encoding="utf-8")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", LOAPHUONG_TODAY="2026-11-24",
                   PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
        print(f"plans: {count}")
        # Cold: nothing cached (a fresh clone or CI). Warm: preview cards cached, as on the portal's builder.
        for label in ("cold", "warm"):
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d",
                                   str(Path(tmp) / "site")], cwd=project, env=env, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux: kilobytes
            pages = sum(1 for _ in (Path(tmp) / "site").rglob("index.html")) if proc.returncode == 0 else 0
            print(f"{label} build: {'ok' if proc.returncode == 0 else 'FAILED'} in {seconds:.1f} s, "
                  f"{pages} pages, {1000 * seconds / max(pages, 1):.1f} ms/page, "
                  f"peak memory {peak_mb:.0f} MB")
            if proc.returncode != 0:
                print(proc.stderr[-3000:])
                break


if __name__ == "__main__":
    main()
