"""The blind set (tests/importer/blind): documents of shapes the development fixtures do not have, written with
their expected plan files before the importer was changed for them. Scored field by field like the development
set; the figures before and after are in the issue note."""

from pathlib import Path

import pytest
import yaml

from loaphuong import catalogue
from loaphuong.cli import main
from loaphuong.importer.extract import extract_file

from .conftest import HERE
from .scoring import score

BLIND = sorted((HERE / "blind").glob("*.txt"))


def _expected(path: Path) -> dict:
    return yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))


def figures() -> dict:
    header, entries, invented, misses = [0, 0], [0, 0], 0, []
    for path in BLIND:
        result = score(extract_file(path).fields, _expected(path), lists=("doi_tuong",))
        header = [header[0] + result["header"][0], header[1] + result["header"][1]]
        entries = [entries[0] + result["entries"][0], entries[1] + result["entries"][1]]
        invented += result["invented"]
        misses += [f"{path.stem}: {m}" for m in result["misses"]]
    return {"header": header, "entries": entries, "invented": invented, "misses": misses}


def test_blind_set_figures():
    """Prints the figures (run with -s); ≥ 95% of header fields and of list entries, nothing invented."""
    result = figures()
    for miss in result["misses"]:
        print("  " + miss)
    (hr, ht), (er, et) = result["header"], result["entries"]
    print(f"blind set: header fields {hr}/{ht} = {hr / ht:.0%}; list entries {er}/{et} = {er / et:.0%}; "
          f"invented {result['invented']}")
    assert len(BLIND) >= 6
    assert hr / ht >= 0.95
    assert er / et >= 0.95
    assert result["invented"] == 0


def test_blind_set_imports_and_loads(plans_dir):
    assert main(["import", *map(str, BLIND), "-o", str(plans_dir), "--chuyen-muc", "tuyen-truyen"]) == 0
    cat = catalogue.load(plans_dir)
    assert not cat.problems.errors, [str(p) for p in cat.problems.errors]
    assert len(cat.plans) == len(BLIND)


@pytest.mark.parametrize("path", BLIND, ids=lambda p: p.stem)
def test_blind_units(path):
    fields = extract_file(path).fields
    assert [u["don_vi"] for u in fields["don_vi_trach_nhiem"]] == _expected(path)["don_vi"]
