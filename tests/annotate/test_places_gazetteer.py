"""The gazetteer index: a build equals its cached copy, the cache follows its inputs, look-ups work."""

from __future__ import annotations

import pytest

from claimgraph.annotate.places import gazetteer as gazetteer_module
from claimgraph.annotate.places.gazetteer import (
    ALTERNATE,
    LEVELS,
    PRIMARY,
    build,
    load_gazetteer,
    read_cache,
    write_cache,
)

_FIELDS = (
    "names",
    "lat",
    "lon",
    "population",
    "geonames_id",
    "level",
    "country",
    "admin1",
    "exact",
    "translit",
    "airport_names",
    "airport_tails",
    "airport_grid",
    "country_index",
)


@pytest.fixture(scope="module")
def small():
    # the full index takes long to build; the same builder on the 15,000+ towns list is quick
    return build(min_city_population=15000)


def test_places_cache_round_trip_equals_build(small, tmp_path):
    path = tmp_path / "gazetteer.pickle"
    write_cache(small, path)
    cached = read_cache(path)
    for field in _FIELDS:
        assert getattr(cached, field) == getattr(small, field), field


def test_places_cache_unreadable_is_rebuilt(tmp_path):
    path = tmp_path / "broken.pickle"
    path.write_bytes(b"not a pickle")
    assert read_cache(path) is None


def test_places_cache_name_follows_inputs(monkeypatch):
    before = gazetteer_module._cache_path()
    monkeypatch.setattr(gazetteer_module.importlib.metadata, "version", lambda package: "0-changed")
    assert gazetteer_module._cache_path() != before


@pytest.mark.parametrize("level", LEVELS)
def test_places_index_has_every_level(level):
    assert LEVELS.index(level) in set(load_gazetteer().level)


@pytest.mark.parametrize(
    ("name", "level", "country"),
    [
        ("Germany", "country", "DE"),
        ("Bavaria", "admin1", "DE"),
        ("Munich", "city", "DE"),
        ("München", "city", "DE"),
        ("U.S.", "country", "US"),
        ("Ga.", "admin1", "US"),
        ("Europe", "continent", ""),
        ("Cook County", "admin2", "US"),
        # GeoNames' names of first-level regions, and "region" for their type word
        ("Donetsk Oblast", "admin1", "UA"),
        ("Donetsk region", "admin1", "UA"),
        ("Aleppo Governorate", "admin1", "SY"),
        ("Chechnya", "admin1", "RU"),
    ],
)
def test_places_lookup(name, level, country):
    found = [(c.level, c.country_code) for c, _ in load_gazetteer().lookup(name)]
    assert (level, country) in found


# a one-word GeoNames name of a region that is a town's own name stays the town's
@pytest.mark.parametrize(("name", "country"), [("Odesa", "UA"), ("Donetsk", "UA")])
def test_places_region_alias_leaves_town_name(name, country):
    found = [(c.level, c.country_code) for c, _ in load_gazetteer().lookup(name)]
    assert ("city", country) in found and ("admin1", country) not in found


# an abbreviated word of a town's name is its own name written short ("Mt. Pleasant", Iowa);
# a region's is written out: "St. Thomas" is no own name of Jamaica's Saint Thomas parish
@pytest.mark.parametrize(
    ("name", "own", "country", "admin1", "match"),
    [
        ("Mt. Pleasant", "Mount Pleasant", "US", "IA", PRIMARY),
        ("Ft. Wayne", "Fort Wayne", "US", "IN", PRIMARY),
        ("Mt. Vernon", "Mount Vernon", "US", "OH", PRIMARY),
        ("ST. PARIS", "Saint Paris", "US", "OH", PRIMARY),
        ("St. Louis", "St. Louis", "US", "MO", PRIMARY),
        ("Saint Louis", "St. Louis", "US", "MO", PRIMARY),
        ("St. Thomas", "Saint Thomas", "JM", "14", ALTERNATE),
        ("Plymouth Co.", "Plymouth County", "US", "MA", PRIMARY),
    ],
)
def test_places_lookup_spelled_out(name, own, country, admin1, match):
    found = {
        (c.name, c.country_code, c.admin1): m
        for c, m in load_gazetteer().lookup(name)
        if c.country_code == country and c.admin1 == admin1
    }
    assert found.get((own, country, admin1)) == match, found


# regions whose point lies far from their towns still get GeoNames' admin1 code and a population
@pytest.mark.parametrize(("name", "country", "admin1"), [("Quebec", "CA", "10"), ("Bavaria", "DE", "02")])
def test_places_region_admin1_code(name, country, admin1):
    regions = [
        c for c, _ in load_gazetteer().lookup(name) if c.level == "admin1" and c.country_code == country
    ]
    assert regions and regions[0].admin1 == admin1 and regions[0].population > 0, regions


# a region by its postal code, as telephone numbers' areas name them ("London, ON")
@pytest.mark.parametrize(
    ("country", "code", "name"),
    [("US", "WV", "West Virginia"), ("CA", "ON", "Ontario"), ("AU", "QLD", "Queensland")],
)
def test_places_region_of_code(country, code, name):
    region = load_gazetteer().region_of_code(country, code)
    assert region is not None and region.name == name and region.level == "admin1"
