"""Attribution, certainty and claims on hostile input: no crash, bounded time."""

from __future__ import annotations

import time

import pytest

from claimgraph.claims import extract_claims
from claimgraph.model import Document, DocumentAnalysis

LONG_SENTENCE = " ".join(["the officials said that the soldiers"] * 1000) + "."
ONE_QUOTE = '"' + " ".join(["The army will hold the line, and the people will stand with it."] * 150) + '"'


@pytest.mark.parametrize(
    "text",
    [
        'He said "the troops will come. Nobody knows when.',
        'The minister said." The troops "arrived',
        '""""""',
        LONG_SENTENCE,
        ONE_QUOTE,
        "",
        "said according to citing as per",
        "?!.:;\n\n\n",
    ],
    ids=[
        "unbalanced",
        "stray-quotes",
        "only-quotes",
        "5000-words",
        "one-long-quote",
        "empty",
        "cues-only",
        "punct",
    ],
)
def test_attribution_bad_input_is_bounded(make_doc, text):
    started = time.monotonic()
    doc = make_doc(text)
    assert time.monotonic() - started < 30
    for a in doc._.attributions or []:
        assert 0 <= a.start <= a.end <= len(text)
        assert all(0 <= s.start <= s.end <= len(text) for s in a.sources)
    for h in doc._.hedges or []:
        assert 0 <= h.scope_start <= h.scope_end <= len(text)
    analysis = DocumentAnalysis(
        document=Document(id="t", source="test", text=text),
        mentions=list(doc._.mentions or []),
        attributions=list(doc._.attributions or []),
        hedges=list(doc._.hedges or []),
    )
    claims = extract_claims(analysis, doc)
    assert time.monotonic() - started < 40
    assert all(0 <= c.start < c.end <= len(text) and text[c.start : c.end] == c.evidence for c in claims)
