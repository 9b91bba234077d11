"""Name keys: romanisation variants meet; different names stay apart."""

from __future__ import annotations

import pytest

from claimgraph.annotate.places.names import name_key, translit_key


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
