"""Canonical names: one string per entity within and across documents, by general rules."""

from __future__ import annotations

import pytest

from claimgraph.annotate.canonical import acronym_of, canonical_name, canonical_names


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("the Federal Security Service's", "ORG", "Federal Security Service"),
        ("President Emmanuel Macron", "PERSON", "Emmanuel Macron"),
        ("Incheon International Airport", "FAC", "Incheon Airport"),
        ("Incheon airport", "FAC", "Incheon Airport"),
        ("“Reuters”", "ORG", "Reuters"),
        ("Jean – Pierre", "PERSON", "Jean-Pierre"),
    ],
)
def test_entities_canonical_name(text, label, expected):
    assert canonical_name(text, label) == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (
            [("Federal Bureau of Investigation", "ORG"), ("FBI", "ORG")],
            ["Federal Bureau of Investigation"] * 2,
        ),
        ([("Central Intelligence Agency", "ORG"), ("CIA", "ORG")], ["Central Intelligence Agency"] * 2),
        ([("Lloyd Austin", "PERSON"), ("Austin", "PERSON")], ["Lloyd Austin"] * 2),
        ([("Moon Jae-in", "PERSON"), ("Moon", "PRODUCT")], ["Moon Jae-in"] * 2),
        ([("reuters", "ORG"), ("Reuters", "ORG")], ["Reuters"] * 2),
        # two people share the short form: it stays as written
        ([("Ann Lee", "PERSON"), ("Bo Lee", "PERSON"), ("Lee", "PERSON")], ["Ann Lee", "Bo Lee", "Lee"]),
        # a place is not a person's short name
        ([("George Washington", "PERSON"), ("Washington", "GPE")], ["George Washington", "Washington"]),
        # an acronym without its long form anywhere stays itself
        ([("NATO", "ORG")], ["NATO"]),
    ],
)
def test_entities_canonical_names_unify(names, expected):
    assert canonical_names(names) == expected


def test_entities_canonical_across_documents():
    doc_a = [("National Security Agency", "ORG"), ("Mark Rutte", "PERSON")]
    doc_b = [("NSA", "ORG"), ("Rutte", "PERSON")]
    merged = canonical_names(doc_a + doc_b)
    assert merged[:2] == merged[2:]


@pytest.mark.parametrize(
    ("name", "acronym"),
    [("National Intelligence Agency", "NIA"), ("Ministry of Defence", "MD"), ("Reuters", "")],
)
def test_entities_acronym_of(name, acronym):
    assert acronym_of(name) == acronym
