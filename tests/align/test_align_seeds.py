"""The seed acceptance case of issue 6, one test per expected relation (../shared/seeds/expected.yaml)."""

import pytest
import yaml

from conftest import SEEDS

EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8")) if SEEDS.is_dir() else {}


@pytest.fixture(scope="module")
def seed_report(seed_analysis, expected_seeds):
    from benchmarks.align.seeds import check

    return check(seed_analysis.to_dict(), expected_seeds)


@pytest.mark.slow
@pytest.mark.parametrize("about", [r["about"] for r in EXPECTED.get("relations", [])])
def test_align_seeds_relation_found(seed_report, about):
    assert about in seed_report["found"]
    assert about not in seed_report["independence_wrong"]


@pytest.mark.slow
def test_align_seeds_no_other_conflict(seed_report):
    assert seed_report["extra_conflicts"] == []


@pytest.mark.slow
def test_align_seeds_one_story(seed_analysis):
    assert [sorted(s.documents) for s in seed_analysis.stories] == [
        sorted(d.document.id for d in seed_analysis.documents)
    ]
