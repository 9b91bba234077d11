"""Places: sentences → geocoded place mentions, and the seeds' places within 50 km."""

from __future__ import annotations

import pytest

from claimgraph.annotate.extensions import mentions_of
from claimgraph.annotate.places.gazetteer import haversine_km
from claimgraph.annotate.places.spans import person_words
from conftest import assert_place, load_cases

CASES = load_cases("places")


def _expectation(value) -> dict:
    if isinstance(value, list):
        return {"lat": value[0], "lon": value[1]}
    return dict(value)


def _find(places, name):
    exact = [m for m in places if m.text == name]
    if exact:  # "Charleston County" is not the "Charleston" before it
        return exact[0]
    for m in places:
        if name in m.text or m.text in name:
            return m
    return None


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [(case["text"], name, _expectation(v)) for case in CASES for name, v in case["places"].items()],
)
def test_places_sentence(make_doc, text, name, expected):
    places = mentions_of(make_doc(text), "place")
    mention = _find(places, name)
    assert mention is not None, f"{name!r} not found among {[m.text for m in places]}"
    assert_place(mention, expected)


# sentence -> words that must not become places: generic or person's words inside a longer name,
# words that only look like nationalities
NOT_PLACES = [
    ("The South Shore Hospital and the University Police answered calls.", "South"),
    ("The South Shore Hospital and the University Police answered calls.", "University"),
    ("Barack Obama spoke; the Obama administration said the Bush years were over.", "Obama"),
    ("The Greens and the Romans of the reenactment society met.", "Greens"),
    ("The Greens and the Romans of the reenactment society met.", "Romans"),
    ("Editors at the Lansing State Journal wrote about Michigan.", "Lansing State"),
    ("The black-necked swan cygnets only spent about a day in the nest.", "swan"),
    ("The Springfield-Greene County Health Department said flu cases rose.", "Springfield-"),
    # a word for a part is no town before a newspaper's name either
    ("Prosecutors seized the records on Friday, the Northern Courier has learned.", "Northern"),
    # a word a Romance particle joins to more of the name is no place alone (Castel, Guernsey)
    ("Holidaymakers left Lido di Ostia and went to Castel di Sangro.", "Castel"),
    # a language stays a language after "in" (there is a town English, Indiana)
    ("The statement was published in English on Monday.", "English"),
    # a company's hyphenated name joins no neighbouring towns
    ("Coca-Cola Enterprises and Harley-Davidson Motor Co. reported results.", "Coca"),
    ("Coca-Cola Enterprises and Harley-Davidson Motor Co. reported results.", "Cola"),
    ("Coca-Cola Enterprises and Harley-Davidson Motor Co. reported results.", "Harley"),
    ("Coca-Cola Enterprises and Harley-Davidson Motor Co. reported results.", "Davidson"),
    # an organisation's name that is only an alternate name of a city (Topeka, for a month in 2010)
    ("Apple and Google reported earnings on Thursday.", "Google"),
    ("Shares of Google rose on Thursday.", "Google"),
    ("He has worked for years at Google.", "Google"),
    # a list of surnames is no list of towns
    ("Smith, Jones and Brown testified on Monday.", "Jones"),
    # a saint's name in a holiday's is no place (there are parishes of Saint Patrick and St. George)
    ("Thousands came to celebrate the city's St. Patrick's Day Parade on Saturday.", "St. Patrick"),
    ("Flags were raised across England for St. George's Day.", "St. George"),
]


@pytest.mark.parametrize(("text", "word"), NOT_PLACES)
def test_places_not_a_place(make_doc, text, word):
    places = mentions_of(make_doc(text), "place")
    assert word not in [m.text for m in places], [(m.text, m.name) for m in places]


# a PERSON span (often a tagging slip) -> words kept as person words, and words left out
PERSON_WORDS = [
    ("Clark County", {"Clark"}, {"County"}),
    ("Paris Hilton", {"Paris", "Hilton"}, set()),
    ("Roswell", set(), {"Roswell"}),  # a lone word: as often a town as a surname
    ("Galesburg Mayor John Pritchard", {"John", "Pritchard"}, {"Galesburg"}),  # a town before an office
]


@pytest.mark.parametrize(("name", "kept", "dropped"), PERSON_WORDS)
def test_places_person_words(make_doc, name, kept, dropped):
    doc = make_doc(f"{name} spoke.")
    doc.ents = [doc.char_span(0, len(name), label="PERSON")]
    words = person_words(doc)
    assert kept <= words and not dropped & words, words


def _seed_places(expected_seeds):
    for doc_name, spec in expected_seeds["documents"].items():
        for name, (lat, lon) in spec.get("places", {}).items():
            yield doc_name, name, lat, lon


def test_places_seeds_within_50km(seed_analysis, expected_seeds):
    by_source = {d.document.source.rsplit("/", 1)[-1]: d for d in seed_analysis.documents}
    misses = []
    for doc_name, name, lat, lon in _seed_places(expected_seeds):
        places = [m for m in by_source[doc_name].mentions if m.kind == "place"]
        found = [m for m in places if (name in m.text or m.text in name) and m.lat is not None]
        if not found or min(haversine_km(m.lat, m.lon, lat, lon) for m in found) > 50:
            misses.append((doc_name, name, [(m.text, m.name, m.lat, m.lon) for m in found]))
    assert not misses
