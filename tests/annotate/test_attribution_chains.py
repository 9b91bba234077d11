"""Attribution: sentence -> source chain (outermost first) and source types."""

from __future__ import annotations

import pytest

from conftest import load_cases


def _holding(doc, needle: str):
    """The innermost statement whose content holds ``needle``."""
    at = doc.text.index(needle)
    holding = [a for a in doc._.attributions if a.start <= at < a.end]
    return min(holding, key=lambda a: a.end - a.start) if holding else None


@pytest.mark.parametrize("case", load_cases("attribution_chains"), ids=lambda c: c["text"][:40])
def test_attribution_chain(make_doc, case):
    doc = make_doc(case["text"])
    found = _holding(doc, case["content"])
    chain = [s.canonical or s.name for s in found.sources] if found else []
    assert chain == case["chain"]
    # An empty chain alone cannot tell a statement without a voice from no statement at all.
    if "found" in case:
        assert (found is not None) == case["found"]


@pytest.mark.parametrize("case", load_cases("attribution_types"), ids=lambda c: c["type"])
def test_attribution_source_type(make_doc, case):
    doc = make_doc(case["text"])
    sources = [s for a in doc._.attributions for s in a.sources]
    match = [
        s
        for s in sources
        if case["source"] in doc.text[s.start : s.end] or doc.text[s.start : s.end] in case["source"]
    ]
    assert match and match[0].type == case["type"]


@pytest.mark.parametrize(
    ("text", "source_text"),
    [
        ("Officials said the road was closed.", "Officials"),
        ("The road was closed, she told reporters.", "she"),
    ],
)
def test_attribution_offsets_name_the_source(make_doc, text, source_text):
    doc = make_doc(text)
    (attribution,) = doc._.attributions
    (source,) = attribution.sources
    assert doc.text[source.start : source.end] == source_text
    assert attribution.doc == "t" and doc.text[attribution.cue_start : attribution.cue_end] in {
        "said",
        "told",
    }


@pytest.mark.parametrize(
    ("words", "heads", "deps", "head", "phrase"),
    [
        # A prep hung on the name after a relative clause is not part of the name.
        (
            ["added", "Olsen", ",", "who", "is", "a", "diver", ",", "of", "the", "effort"],
            [0, 0, 1, 4, 1, 6, 4, 1, 1, 10, 8],
            ["ROOT", "nsubj", "punct", "nsubj", "relcl", "det", "attr", "punct", "prep", "det", "pobj"],
            1,
            "Olsen",
        ),
        # Directly after the name it is: "the mayor of the town".
        (
            ["the", "mayor", "of", "the", "town", "said"],
            [1, 5, 1, 4, 2, 5],
            ["det", "nsubj", "prep", "det", "pobj", "ROOT"],
            1,
            "the mayor of the town",
        ),
    ],
    ids=["prep-after-relative-clause", "adjacent-of-phrase"],
)
def test_source_noun_phrase_is_contiguous(words, heads, deps, head, phrase):
    import spacy
    from spacy.tokens import Doc

    from claimgraph.annotate.attribution import noun_phrase

    doc = Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps)
    assert noun_phrase(doc[head]).text == phrase


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        # The writer's perception: a statement without a named voice.
        ("The ferry company seems to have cancelled every crossing this week.", "seems", "cancelled every"),
        ("It appeared that the pumps had failed before the storm.", "appeared", "the pumps had failed"),
    ],
    ids=["seems-to", "appeared-that"],
)
def test_attribution_without_voice(make_doc, text, cue, content):
    doc = make_doc(text)
    found = [a for a in doc._.attributions if a.cue == cue and content in doc.text[a.start : a.end]]
    assert found and found[0].sources == []


@pytest.mark.parametrize(
    "text",
    [
        # A one-word complement describes; a reporting verb under "appeared" is the subject's own.
        "The crowd seemed eager.",
        "The mayor appeared to suggest that the fees would rise.",
    ],
    ids=["one-word", "cue-under-appear"],
)
def test_no_voiceless_statement(make_doc, text):
    doc = make_doc(text)
    assert not [a for a in doc._.attributions if a.cue in {"seemed", "appeared"}]
