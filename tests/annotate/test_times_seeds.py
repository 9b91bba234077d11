"""Acceptance: every time of ../shared/seeds/expected.yaml comes out with its value, inside its phrase."""

from __future__ import annotations

import pytest

SEED_DOCS = ["000_479272da0ed33a64.txt", "003_b88051d74b3f4a63.txt"]


def _analysis(seed_analysis, name):
    return next(d for d in seed_analysis.documents if d.document.source.endswith(name))


@pytest.mark.parametrize("name", SEED_DOCS)
def test_times_seed_values(seed_analysis, expected_seeds, name):
    analysis = _analysis(seed_analysis, name)
    text = analysis.document.text
    times = [m for m in analysis.mentions if m.kind == "time"]
    misses = []
    for phrase, expected in expected_seeds["documents"][name]["times"].items():
        start = text.find(phrase)
        assert start != -1, f"{phrase!r} is not in the cleaned text"
        inside = [m for m in times if start <= m.start and m.end <= start + len(phrase)]
        if isinstance(expected, list):
            ok = any(m.alternatives == expected for m in inside)
        else:
            ok = any(m.value == expected for m in inside)
        if not ok:
            misses.append((phrase, expected, [(m.text, m.value) for m in inside]))
    assert not misses


def test_times_seed_inferred_dct(seed_analysis, expected_seeds):
    document = _analysis(seed_analysis, "003_b88051d74b3f4a63.txt").document
    assert document.published_from == "inferred"
    assert (
        document.published.isoformat() in expected_seeds["documents"]["003_b88051d74b3f4a63.txt"]["published"]
    )


def test_times_seed_anchor(seed_analysis):
    """ "a month later" is resolved against "In October", and says so."""
    times = [m for m in _analysis(seed_analysis, SEED_DOCS[0]).mentions if m.kind == "time"]
    later = next(m for m in times if m.text == "a month later")
    october = next(m for m in times if m.text == "October")
    assert later.anchor == october.id
