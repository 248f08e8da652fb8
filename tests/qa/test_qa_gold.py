"""The generator against a gold set written by reading each bundled plan: coverage and invented facts."""

from pathlib import Path

import yaml

from conftest import ROOT
from facts import contains_fact, inventions, source_text
from loaphuong import catalogue, frontmatter
from loaphuong.qa import generate
from loaphuong.text import fold

GOLD = Path(__file__).parent / "gold"
COVERAGE_FLOOR = 0.9


def _plans():
    return {Path(p.source).stem: p for p in catalogue.load(ROOT / "plans").plans}


def _answers_for(items, gold):
    wanted = [q for q in items if q.kind == gold["loai"]]
    if gold.get("chu_de"):
        key = fold(gold["chu_de"]).lower()
        wanted = [q for q in wanted if key in fold(q.subject + " " + q.question + " " + (q.source.title or "")).lower()]
    return wanted


def test_every_bundled_plan_has_a_gold_set():
    assert set(_plans()) == {p.stem for p in GOLD.glob("*.yml")}


def test_gold_coverage_and_no_invented_facts(capsys):
    plans, hits, total, invented = _plans(), 0, 0, []
    report = []
    for path in sorted(GOLD.glob("*.yml")):
        plan = plans[path.stem]
        items = generate(plan).items
        got = 0
        for gold in yaml.safe_load(path.read_text(encoding="utf-8")):
            answers = _answers_for(items, gold)
            ok = any(all(contains_fact(q.plain_answer, f) for f in gold["su_kien"]) for q in answers)
            got += ok
            if not ok:
                report.append(f"  thiếu: {path.stem}: {gold['hoi']} ({len(answers)} câu cùng loại)")
        hits, total = hits + got, total + len(yaml.safe_load(path.read_text(encoding="utf-8")))
        data = frontmatter.parse((ROOT / plan.source).read_text(encoding="utf-8")).data
        source = source_text(data, plan.body)
        for item in items:
            invented += [f"{path.stem}: “{item.question}”: {x}" for x in inventions(item.plain_answer, source)]
        report.append(f"{path.stem}: {got}/{len(yaml.safe_load(path.read_text(encoding='utf-8')))} câu vàng, "
                      f"{len(items)} câu sinh ra")
    coverage = hits / total
    with capsys.disabled():
        print("\n" + "\n".join(report))
        print(f"Độ phủ bộ câu vàng: {hits}/{total} = {coverage:.0%}; dữ kiện bịa: {len(invented)}")
        for line in invented:
            print("  bịa?", line)
    assert not invented
    assert coverage >= COVERAGE_FLOOR
