"""Datelines and the publication date they give, from tests/cases/datelines.yaml."""

from __future__ import annotations

import datetime as dt

import pytest

from claimgraph.clean import CleanOptions, clean
from claimgraph.clean.published import parse_dateline
from claimgraph.model import RawInput
from conftest import load_cases

CASES = load_cases("datelines")


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_dateline_parts(case):
    dateline = parse_dateline(case["text"])
    if case["place"] is None:
        assert dateline is None
        return
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.month, dateline.day) == (
        case["place"],
        case["agency"],
        case["month"],
        case["day"],
    )
    assert case["text"][: dateline.end].rstrip().endswith((":", "-", "—", "–"))


@pytest.mark.parametrize("case", [c for c in CASES if c["place"]], ids=lambda c: c["text"][:40])
def test_dateline_published(case):
    document = clean(RawInput(source="t", content=case["text"], media_type="text"))
    expected = dt.date.fromisoformat(case["published"]) if case["published"] else None
    assert document.published == expected
    assert document.published_from == ("dateline" if expected else None)


def test_published_option_wins_over_dateline():
    text = CASES[0]["text"]
    document = clean(
        RawInput(source="t", content=text, media_type="text"), CleanOptions(published=dt.date(2025, 1, 9))
    )
    assert (document.published, document.published_from) == (dt.date(2025, 1, 9), "option")
