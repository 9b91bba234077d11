"""Every quantity that ../shared/seeds/expected.yaml lists is found with the right interval."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.annotate.quantities.lexer import lex
from claimgraph.annotate.quantities.lexicon import load_lexicon


def _seed_quantities(expected_seeds: dict):
    for name, doc in expected_seeds["documents"].items():
        for phrase, interval in (doc.get("quantities") or {}).items():
            yield name, phrase, interval


def _expected_unit(phrase: str) -> str | None:
    """The standard unit a phrase names ("approximately 95 kilometres" -> "km"), from the lexicon."""
    words = tuple(t.lower for t in lex(phrase))
    lexicon = load_lexicon()
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            if (unit := lexicon.unit_names.get(words[i : i + size])) is not None:
                return unit.standard
    return None


def test_quantities_seeds(seed_analysis, expected_seeds):
    lexicon = load_lexicon()
    hedges = {p for p, kind in lexicon.prefix.items() if kind == "approximate"}
    checked = 0
    for name, phrase, (low, high) in _seed_quantities(expected_seeds):
        analysis = next(a for a in seed_analysis.documents if Path(a.document.source).name == name)
        text = analysis.document.text
        at = text.find(phrase)
        assert at >= 0, f"{phrase!r} not in the cleaned text of {name}"
        inside = [
            m
            for m in analysis.mentions
            if m.kind == "quantity" and at <= m.start and m.end <= at + len(phrase)
        ]
        assert inside, f"no quantity in {phrase!r}"
        m = inside[0]
        assert (m.low, m.high) == (low, high), (phrase, m)
        assert m.approximate == (tuple(t.lower for t in lex(phrase))[:1] in hedges or "tens of" in phrase), m
        assert m.unit == _expected_unit(phrase), m
        checked += 1
    if not checked:
        pytest.skip("expected.yaml lists no quantities")
