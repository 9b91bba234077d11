"""Place spans: which entities become place queries (entities set by hand, tokenizer only)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from claimgraph.annotate.places.gazetteer import load_gazetteer
from claimgraph.annotate.places.resolve import PlaceQuery, resolve
from claimgraph.annotate.places.spans import place_queries

_COUNTRY_OF = {"Turkish": "TR", "Russian": "RU", "Lebanese": "LB"}.get

# text, entities as (first word, end word, label) -> texts of the place queries
QUERIES = [
    # a name keeps one sense in one report: the ORG "Torrington" is the dateline's town
    (
        "TORRINGTON — Torrington businesses may apply",
        [(0, 1, "GPE"), (2, 3, "ORG")],
        ["TORRINGTON", "Torrington"],
    ),
    # an ORG no place span names stays an organisation
    ("Bell said Paris was calm", [(0, 1, "ORG"), (2, 3, "GPE")], ["Paris"]),
    # nor does a word of a person's name
    ("Kristen Bell met Bell in Bell", [(0, 2, "PERSON"), (3, 4, "ORG"), (5, 6, "GPE")], ["Bell"]),
    # hyphenated nationalities name both countries
    ("Turkish-Russian ties improved", [(0, 3, "NORP")], ["Turkish", "Russian"]),
    # a nationality opening an organisation's name names its country
    ("the Lebanese Army said", [(0, 3, "ORG")], ["Lebanese"]),
    ("the Army said", [(0, 2, "ORG")], []),
    # a country or region ending an organisation's name, not a generic word or an acronym
    ("Environment Canada warns of a storm", [(0, 2, "ORG")], ["Canada"]),
    ("Trillium Health Centre treats him", [(0, 3, "ORG")], []),
    ("Metix MD said so", [(0, 2, "ORG")], []),
    # an airport's name tagged as an organisation is the airport
    ("Delays hit Pearson International Airport today", [(2, 5, "ORG")], ["Pearson International Airport"]),
    # a place after an organisation's last "in"
    ("the Children's Hospital in Winnipeg said", [(0, 6, "ORG")], ["Winnipeg"]),
    # places joined by "or" after a locative preposition, not a firm's name after "of"
    ("They drove south to Ingham or Townsville", [(4, 7, "ORG")], ["Ingham", "Townsville"]),
    ("Shares of Marks and Spencer fell", [(2, 5, "ORG")], []),
    # an untagged proper noun that starts with a place name used elsewhere is that place
    (
        "Police in Glasgow said so. Glasgow Police do not suspect alcohol.",
        [(2, 3, "GPE")],
        ["Glasgow", "Glasgow"],
    ),
    # words for a part alone name no place, but with a feature word they do
    ("Rain fell across Central today", [(3, 4, "GPE")], []),
    ("Floods hit the Northern Territory today", [(2, 5, "GPE")], ["Northern Territory"]),
    # "Co." after a place is its county, as "County" is
    ("Crash on a PLYMOUTH CO. farm", [(3, 4, "GPE")], ["PLYMOUTH CO."]),
    ("Loudon Co. man dies", [(0, 1, "GPE")], ["Loudon Co."]),
    # a town's name of a few words tagged PERSON after a locative preposition is the town
    ("Work began in Glen Carbon on Monday", [(3, 5, "PERSON")], ["Glen Carbon"]),
    # a span a tagger ends in a line break: the name without it
    ("Fire in Ravenna\n\nPolice said so", [(2, 4, "GPE")], ["Ravenna"]),
    # but not a generic word ("Valley"), even one a place span uses
    ("Police in Valley said so. Valley Police do not suspect alcohol.", [(2, 3, "GPE")], ["Valley"]),
]


@pytest.mark.parametrize(("text", "ents", "expected"), QUERIES)
def test_places_span_queries(nlp, text, ents, expected):
    doc = nlp.make_doc(text)
    for name in ("tok2vec", "tagger", "attribute_ruler"):  # part-of-speech tags, no entities
        doc = nlp.get_pipe(name)(doc)
    doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    queries = place_queries(
        doc,
        frozenset({"GPE", "LOC", "FAC"}),
        nationality_labels=frozenset({"NORP"}),
        country_of=_COUNTRY_OF,
        embedding_labels=frozenset({"ORG"}),
        is_area={"Canada", "Centre", "MD"}.__contains__,
        known={"Winnipeg"}.__contains__,
    )
    assert [q.text for q in queries] == expected


# a name alone -> the levels it may resolve to (None: unresolved)
LEVELS = [
    ("EU", {None, "continent", "country", "admin1"}),  # an acronym, not the French town Eu
    ("SEC", {None, "continent", "country", "admin1"}),
    ("D.C.", {"city", "admin1"}),  # a dotted abbreviation names a place
]


@pytest.mark.parametrize(("name", "levels"), LEVELS)
def test_places_short_capitals(name, levels):
    (result,) = resolve(load_gazetteer(), [PlaceQuery(text=name, start=0, end=len(name), name=name)])
    assert (result.place.level if result.place else None) in levels
