"""Places on bad input: unknown names, other scripts, huge text; a broken gazetteer fails loudly."""

from __future__ import annotations

import time

import pytest

from claimgraph.annotate.extensions import mentions_of
from claimgraph.annotate.places import gazetteer as gazetteer_module
from claimgraph.annotate.places.gazetteer import load_gazetteer
from claimgraph.annotate.places.resolve import PlaceQuery, resolve
from claimgraph.errors import ConfigError


@pytest.mark.parametrize(
    ("name", "reason_part"),
    [
        ("Qwxzvbnmtown", "no gazetteer entry"),
        ("Київ", "no Latin-script name"),
        ("北京", "no Latin-script name"),
        ("X" * 500, "too long"),
    ],
)
def test_places_unresolvable_keeps_span_and_reason(name, reason_part):
    queries = [
        PlaceQuery(text=name, start=0, end=len(name), name=name),
        PlaceQuery(text="Berlin", start=0, end=6, name="Berlin"),
    ]
    unresolved, berlin = resolve(load_gazetteer(), queries)
    assert unresolved.place is None and reason_part in unresolved.unresolved_reason
    assert berlin.place is not None and berlin.place.country_code == "DE"  # the others are kept


@pytest.mark.parametrize(
    "text",
    [
        "Fighting near Qwxzvbnmtown and in Berlin.",
        "Войска вошли в Курск. 北京 以南.",
        "9" * 10_000,
        "In " + "Springfield, " * 2_000 + "Illinois.",
    ],
)
def test_places_bad_text_does_not_crash(make_doc, text):
    started = time.perf_counter()
    places = mentions_of(make_doc(text), "place")
    assert time.perf_counter() - started < 30
    assert all(m.start < m.end <= len(text) for m in places)
    assert all(text[m.start : m.end] == m.text for m in places)


def test_places_broken_gazetteer_is_a_config_error(monkeypatch, tmp_path):
    def missing(*parts):
        raise FileNotFoundError("countries.json")

    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gazetteer_module, "_package_json", missing)
    with pytest.raises(ConfigError, match="gazetteer"):
        load_gazetteer.__wrapped__()
