import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = Path("/work/shared/seeds")
HERE = Path(__file__).resolve().parent


@pytest.fixture
def plans_dir(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    shutil.copy(ROOT / "plans" / "chuyen-muc.yml", plans / "chuyen-muc.yml")
    return plans


@pytest.fixture(autouse=True)
def pinned_today(monkeypatch):
    monkeypatch.setenv("LOAPHUONG_TODAY", "2026-11-24")
