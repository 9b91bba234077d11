"""Canonical names: one string per entity within and across documents, by general rules."""

from __future__ import annotations

import pytest

from claimgraph.annotate.canonical import acronym_of, canonical_name, canonical_names, unify_across_documents
from claimgraph.model import Attribution, Claim, Document, DocumentAnalysis, EntityMention, SourceRef


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


def _analysis(doc_id: str, entities: list[tuple[str, str]], sources: tuple[str, ...] = ()):
    """A document whose entities carry their per-document canonical names, one claim citing ``sources``."""
    names = canonical_names(entities)
    mentions, start = [], 0
    for (text, label), name in zip(entities, names, strict=True):
        mentions.append(
            EntityMention(
                doc=doc_id, text=text, start=start, end=start + len(text), label=label, canonical=name
            )
        )
        start += len(text) + 1
    refs = [SourceRef(name=s, start=0, end=len(s), canonical=canonical_name(s)) for s in sources]
    claim = Claim(id=f"{doc_id}-c", doc=doc_id, text="", start=0, end=1, sources=refs)
    return DocumentAnalysis(
        document=Document(id=doc_id, source="test", text=""), mentions=mentions, claims=[claim]
    )


# documents (entities, cited sources) -> canonical names of the LAST document's entities and sources
ACROSS = [
    # a short form in one report, the full name in another
    (
        [([("Kim Jong-un", "PERSON"), ("Kim", "PERSON")], ()), ([("Kim", "PERSON")], ("Kim",))],
        ["Kim Jong-un"],
        ["Kim Jong-un"],
    ),
    # an acronym in one report, its long form in another, as an entity and as a cited source
    (
        [([("the National Intelligence Service", "ORG")], ()), ([("NIS", "ORG")], ("NIS",))],
        ["National Intelligence Service"],
        ["National Intelligence Service"],
    ),
    # two people share the short form across the batch: it stays as written
    (
        [([("Ann Lee", "PERSON")], ()), ([("Bo Lee", "PERSON")], ()), ([("Lee", "PERSON")], ("Lee",))],
        ["Lee"],
        ["Lee"],
    ),
    # a place is no person's short name, whichever report names the person
    ([([("George Washington", "PERSON")], ()), ([("Washington", "GPE")], ())], ["Washington"], []),
    # an unnamed source stays what it is
    ([([("Reuters", "ORG")], ()), ([], ("analysts",))], [], ["analysts"]),
]


@pytest.mark.parametrize(("docs", "entities", "sources"), ACROSS)
def test_entities_canonical_unify_across_documents(docs, entities, sources):
    analyses = [_analysis(f"d{i}", ents, srcs) for i, (ents, srcs) in enumerate(docs)]
    unify_across_documents(analyses)
    last = analyses[-1]
    assert [m.canonical for m in last.mentions] == entities
    assert [s.canonical for s in last.claims[0].sources] == sources


def test_entities_canonical_unify_shared_source_object():
    """A claim and its attribution hold the same source object; a name the surface rules change
    ("the analysts'") must not be looked up again in its rewritten form."""
    analysis = _analysis("d0", [("National Intelligence Service", "ORG")], ("the analysts'",))
    shared = analysis.claims[0].sources[0]
    shared.canonical = ""
    analysis.attributions = [
        Attribution(doc="d0", start=0, end=1, cue_start=0, cue_end=1, cue="said", sources=[shared])
    ]
    unify_across_documents([analysis])
    assert shared.canonical == "analysts"
