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
    ],
)
def test_entities_people_are_not_made_places(make_doc, text, person):
    labels = {m.text: m.label for m in mentions_of(make_doc(text), "entity")}
    assert labels.get(person) not in {"GPE", "LOC", "FAC"}
