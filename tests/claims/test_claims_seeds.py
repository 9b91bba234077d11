"""Claims from the two seed reports: every `sources` and `certainty` expectation of
../shared/seeds/expected.yaml, no claim from removed boilerplate, headlines or questions."""

from __future__ import annotations

import pytest
import yaml

from conftest import SEEDS

EXPECTED = (
    yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
    if (SEEDS / "expected.yaml").exists()
    else {}
)
DOCS = EXPECTED.get("documents", {})

SOURCE_CASES = [
    (name, phrase, chain) for name, doc in DOCS.items() for phrase, chain in doc.get("sources", {}).items()
]
CERTAINTY_CASES = [
    (name, phrase, value) for name, doc in DOCS.items() for phrase, value in doc.get("certainty", {}).items()
]
BOILERPLATE_CASES = [(name, text) for name, doc in DOCS.items() for text in doc.get("boilerplate", [])]


def _claims_of(seed_analysis, name):
    (document,) = [d for d in seed_analysis.documents if d.document.source.endswith(name)]
    return document.claims


@pytest.mark.parametrize(("name", "phrase", "chain"), SOURCE_CASES, ids=[c[1] for c in SOURCE_CASES])
def test_claims_seed_sources(seed_analysis, name, phrase, chain):
    claims = [c for c in _claims_of(seed_analysis, name) if phrase in c.evidence]
    assert claims, f"no claim holds {phrase!r}"
    assert claims[0].to_dict()["sources"] == chain


@pytest.mark.parametrize(
    ("name", "phrase", "certainty"), CERTAINTY_CASES, ids=[c[1] for c in CERTAINTY_CASES]
)
def test_claims_seed_certainty(seed_analysis, name, phrase, certainty):
    claims = [c for c in _claims_of(seed_analysis, name) if phrase in c.evidence]
    assert claims and claims[0].certainty == certainty


@pytest.mark.parametrize(("name", "text"), BOILERPLATE_CASES, ids=[c[1][:30] for c in BOILERPLATE_CASES])
def test_claims_seed_no_boilerplate(seed_analysis, name, text):
    assert not [c for c in _claims_of(seed_analysis, name) if text[:25] in c.evidence or text[:25] in c.text]


def test_claims_seed_offsets_and_ids(seed_analysis):
    for document in seed_analysis.documents:
        ids = [c.id for c in document.claims]
        assert len(ids) == len(set(ids))
        for claim in document.claims:
            assert document.document.text[claim.start : claim.end] == claim.evidence
            assert claim.doc == document.document.id


def test_claims_seed_no_headline(seed_analysis):
    for document in seed_analysis.documents:
        headline = document.document.text.split("\n", 1)[0]
        if not headline.rstrip().endswith((".", '"', "”")):
            assert not [c for c in document.claims if c.start < len(headline)]


def test_claims_seed_slots_of_the_deployment_figure(seed_analysis):
    """The 25,000-30,000 claim links its quantity, its time and its two-link source chain."""
    name = "000_479272da0ed33a64.txt"
    (document,) = [d for d in seed_analysis.documents if d.document.source.endswith(name)]
    (claim,) = [c for c in document.claims if "25,000 to 30,000 soldiers" in c.evidence]
    linked = [m for m in document.mentions if m.id in claim.mentions]
    if not any(m.kind == "time" for m in document.mentions):
        pytest.skip("no time annotator in the pipeline")
    assert any(m.kind == "quantity" and m.low == 25000 and m.high == 30000 for m in linked)
    assert any(m.kind == "time" and m.text in "in the coming months" for m in linked)
    assert [s.canonical for s in claim.sources] == ["CNN", "Ukrainian intelligence"]
    assert [s.type for s in claim.sources] == ["media", "intelligence"]
    assert claim.certainty == "expected"
