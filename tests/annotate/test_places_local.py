"""Places named by local constructions: sentence → geocoded places; words that stay no place."""

from __future__ import annotations

import pytest

from claimgraph.annotate.extensions import mentions_of
from claimgraph.annotate.places.component import currency_countries
from claimgraph.annotate.places.gazetteer import load_gazetteer
from claimgraph.annotate.places.resolve import PlaceQuery, demonym_region, resolve
from conftest import assert_place, load_cases

CASES = load_cases("places_local")


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (case["text"], name, {"lat": v[0], "lon": v[1]} if isinstance(v, list) else v)
        for case in CASES
        for name, v in case["places"].items()
    ],
)
def test_places_local_sentence(make_doc, text, name, expected):
    places = [m for m in mentions_of(make_doc(text), "place") if m.text == name]
    assert places, f"{name!r} not found among {[m.text for m in mentions_of(make_doc(text), 'place')]}"
    mention = places[0]
    assert_place(mention, expected)


# sentence -> a word no construction makes a place: a determiner before an office, a person's
# name before an office, a hyphenated surname or a name after a short article
NOT_PLACES = [
    ("A Police officer spoke to the Democrat man.", "A"),
    ("Kristen Bell of Warren said Bell Police were late.", "Bell"),
    ("Amber Sinclair-Alexander studied law in Leeds.", "Alexander"),  # a double surname
    ("Reports in Al-Ahram said so.", "Ahram"),
    ("She wrote a letter to Paris Hilton on Monday.", "Paris Hilton"),  # no town's name
    ("Pictured are C.J. McArthur, Chad Foster and Mike Barber.", "Chad"),  # a list of people
]


@pytest.mark.parametrize(("text", "word"), NOT_PLACES)
def test_places_local_not_a_place(make_doc, text, word):
    places = mentions_of(make_doc(text), "place")
    assert word not in [m.text for m in places], [(m.text, m.name) for m in places]


# text -> countries its currency signs suggest (a weak context for same-named towns)
CURRENCIES = [
    ("The council approved a $765,000 package.", {"US", "CA"}),
    ("Tickets cost £12 and C$15.", {"GB", "CA"}),
    ("The bill came to 40 dollars.", set()),
    ("He paid US$ 3 million.", {"US"}),
]


@pytest.mark.parametrize(("text", "countries"), CURRENCIES)
def test_places_currency_countries(text, countries):
    assert currency_countries(text) == countries


# a word for a people -> the region it names (None: none; no common word, no stem too far off)
REGION_PEOPLE = [
    ("Ohioans", "Ohio"),
    ("Texan", "Texas"),
    ("Californians", "California"),
    ("Dagestani", "Dagestan"),
    ("Ismaili", None),  # a faith, not Ismailli (Azerbaijan)
    ("Latin", None),
    ("Republicans", None),
]


@pytest.mark.parametrize(("word", "region"), REGION_PEOPLE)
def test_places_region_people(word, region):
    gaz = load_gazetteer()
    found = demonym_region(gaz, word)
    assert (gaz.names[found] if found is not None else None) == region


# place names of a report, in order -> the one to check and the state its entry must lie in:
# among several named states, the one named most often wins a same-named county
MOST_NAMED = [
    (["Boone County", "Indiana", "Kentucky", "Indiana", "Ohio"], "Boone County", "IN"),
    (["Boone County", "Kentucky", "Indiana", "Kentucky"], "Boone County", "KY"),
]


@pytest.mark.parametrize(("names", "name", "state"), MOST_NAMED)
def test_places_most_named_region(names, name, state):
    queries = [PlaceQuery(text=n, start=10 * i, end=10 * i + len(n), name=n) for i, n in enumerate(names)]
    results = resolve(load_gazetteer(), queries)
    place = next(r.place for r in results if r.query.name == name)
    assert (place.country_code, place.admin1) == ("US", state)


# place names of a report, the countries of its currency signs -> the one to check and the
# country its entry must lie in: amounts in dollars add to what the other places say (the
# report's towns in the US and its dollars together outweigh the English city)
CURRENCY_CONTEXT = [
    (["Kent", "Sharon", "Cornwall", "Salisbury"], {"US"}, "Salisbury", "US"),
    (["Kent", "Sharon", "Cornwall", "Salisbury"], set(), "Salisbury", "GB"),
]


@pytest.mark.parametrize(("names", "currencies", "name", "country"), CURRENCY_CONTEXT)
def test_places_currency_adds_to_context(names, currencies, name, country):
    queries = [PlaceQuery(text=n, start=20 * i, end=20 * i + len(n), name=n) for i, n in enumerate(names)]
    results = resolve(load_gazetteer(), queries, currencies=currencies)
    assert next(r.place for r in results if r.query.name == name).country_code == country
