"""Entities: patterns add what spaCy misses; gazetteer places are relabelled; offsets are exact."""

from __future__ import annotations

import pytest

from claimgraph.annotate.extensions import mentions_of
from conftest import load_cases

CASES = load_cases("entities")


@pytest.mark.parametrize(
    ("text", "entity", "label"),
    [(case["text"], text, label) for case in CASES for text, label in case["entities"]],
)
def test_entities_found_with_label(make_doc, text, entity, label):
    mentions = mentions_of(make_doc(text), "entity")
    found = {(m.text.removeprefix("the ").removeprefix("The "), m.label) for m in mentions}
    assert (entity, label) in found, sorted(found)


@pytest.mark.parametrize("text", [case["text"] for case in CASES])
def test_entities_offsets_are_exact(make_doc, text):
    for m in mentions_of(make_doc(text), "entity"):
        assert text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Jenny Smith, an analyst, said so. Smith also said more.", "Smith"),
        ("Reporters asked Jack London about it in Paris.", "Jack London"),
        ("Smith and Jones argued in court on Monday.", "Jones"),  # joined names, no towns near each other
        ("Smith in Ukraine said the talks had failed.", "Smith"),  # no town Smith in Ukraine
    ],
)
def test_entities_people_are_not_made_places(make_doc, text, person):
    labels = {m.text: m.label for m in mentions_of(make_doc(text), "entity")}
    assert labels.get(person) not in {"GPE", "LOC", "FAC"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tagger's span that ends in, or runs over, a line break keeps only the name
        ("Fire at Chemical Plant in Italy's Ravenna\n\nRAVENNA, Italy - Two workers died.", "Ravenna"),
        ("Fire at Chemical Plant in Italy's Ravenna\n\nRAVENNA, Italy - Two workers died.", "RAVENNA"),
        # spaces inside a name stay
        ("Mr.  John   Smith went home on Monday.", "John   Smith"),
    ],
)
def test_entities_end_at_line_breaks(make_doc, text, expected):
    texts = [m.text for m in mentions_of(make_doc(text), "entity")]
    assert expected in texts, texts
    assert not any(t != t.strip() or "\n" in t for t in texts), texts


@pytest.mark.parametrize(
    ("text", "absent", "kept"),
    [
        # a run of capitalised words in a Title Case headline is no work of art
        ("Two Dead, 14 Injured in Fire at Chemical Plant in Italy\n\nTwo workers died.", "Injured", None),
        # in running text, or quoted, it may be one
        ("Critics praised the novel War and Peace on Monday.", None, "War and Peace"),
    ],
)
def test_entities_headline_works_of_art(make_doc, text, absent, kept):
    found = {m.text: m.label for m in mentions_of(make_doc(text), "entity")}
    if absent:
        assert not any(absent in t and label == "WORK_OF_ART" for t, label in found.items()), found
    if kept:
        assert found.get(kept) == "WORK_OF_ART", found
