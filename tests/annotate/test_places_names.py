"""Name keys: romanisation variants meet; different names stay apart."""

from __future__ import annotations

import pytest

from claimgraph.annotate.places.names import name_key, spelled_out, translit_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Alekseyevka", "Alekseevka"),
        ("Alekseyevka", "Aleksejevka"),
        ("Odessa", "Odesa"),
        ("Zabaykalsky", "Zabaykalskyi"),
        ("Khmelnytskyi", "Khmelnitsky"),
        ("Dnipro", "DNIPRO"),
        ("São Paulo", "Sao Paulo"),
    ],
)
def test_places_translit_variants_meet(a, b):
    assert translit_key(a) == translit_key(b)


@pytest.mark.parametrize(("a", "b"), [("Kyiv", "Kursk"), ("Paris", "Perris"), ("Lima", "Lama")])
def test_places_different_names_stay_apart(a, b):
    assert translit_key(a) != translit_key(b)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("P'yŏngyang", "pyongyang"),
        ("St. Louis", "st louis"),
        ("Київ", ""),
        ("北京", ""),
        ("  New   York ", "new york"),
    ],
)
def test_places_name_key(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize(
    ("key", "full"),
    [
        ("mt pleasant", "mount pleasant"),
        ("ft wayne", "fort wayne"),
        ("st louis", "saint louis"),
        ("sault ste marie", "sault sainte marie"),
        ("pt pleasant", "point pleasant"),
        ("plymouth co", "plymouth county"),
        ("st", "st"),  # a one-word name is no abbreviation of anything
        ("mount pleasant", "mount pleasant"),
    ],
)
def test_places_spelled_out(key, full):
    assert spelled_out(key) == full
