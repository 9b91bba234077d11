"""Certainty: sentence -> certainty of one clause, each hedge governing only its own clause."""

from __future__ import annotations

import pytest

from claimgraph.claims import extract_claims
from claimgraph.model import Document, DocumentAnalysis
from conftest import load_cases


def _claims(doc):
    analysis = DocumentAnalysis(
        document=Document(id="t", source="test", text=doc.text),
        mentions=list(doc._.mentions or []),
        attributions=list(doc._.attributions or []),
        hedges=list(doc._.hedges or []),
    )
    return extract_claims(analysis, doc)


def _certainty_of(claims, needle):
    matching = [c for c in claims if needle in c.evidence]
    assert matching, f"no claim holds {needle!r}: {[c.evidence for c in claims]}"
    return matching[0].certainty


@pytest.mark.parametrize("case", load_cases("certainty_cues"), ids=lambda c: c["text"][:40])
def test_certainty_of_clause(make_doc, case):
    claims = _claims(make_doc(case["text"]))
    assert _certainty_of(claims, case["clause"]) == case["certainty"]
    if "other" in case:
        assert _certainty_of(claims, case["other"]) == case["other_certainty"]


@pytest.mark.parametrize(
    ("text", "cue", "scope"),
    [
        ("The ministry denied that any civilians were hurt.", "denied", "any civilians were hurt"),
        (
            "The convoy could reach the city, and the mayor ordered an evacuation.",
            "could",
            "The convoy could reach the city",
        ),
    ],
)
def test_certainty_hedge_scope(make_doc, text, cue, scope):
    doc = make_doc(text)
    (hedge,) = [h for h in doc._.hedges if h.cue.split()[0] == cue]
    governed = doc.text[hedge.scope_start : hedge.scope_end]
    assert scope in governed and "mayor" not in governed
