"""Name keys: how a place name is compared with gazetteer names.

Two keys per name. ``name_key`` folds case, accents and punctuation ("P'yŏngyang" → "pyongyang").
``translit_key`` also folds the spelling variants of romanised names (Odessa/Odesa,
Alekseyevka/Alekseevka, Zabaykalskyi/Zabaykalsky) using the folds listed in ``data/en/places.yaml``, so
variants meet without listing any place.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from claimgraph import data

_WORDS = re.compile(r"[0-9a-z]+")
_VOWELS = "aeiou"
_GLIDE = re.compile(rf"(?<=[{_VOWELS}])i(?=[{_VOWELS}])")
_DOUBLED = re.compile(r"(.)\1+")
# Apostrophes join a name's parts ("P'yongyang"); other punctuation separates words.
_JOINERS = str.maketrans({"'": "", "’": "", "ʼ": "", "`": "", "‘": ""})


def name_key(text: str) -> str:
    """Lowercase ASCII words joined by single spaces; ``""`` when nothing Latin is left (other scripts)."""
    text = text.translate(_JOINERS)
    if not text.isascii():  # the index is built from a million names: skip the fold when it is not needed
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(_WORDS.findall(text.lower()))


@functools.cache
def _abbreviations() -> dict[str, str]:
    return dict(data.load("places")["name_abbreviations"])


def spelled_out(key: str) -> str:
    """A ``name_key`` with the abbreviated words of a longer name written out ("mt pleasant" →
    "mount pleasant", "ft wayne" → "fort wayne", "st louis" → "saint louis"): how the index
    lets "Mt. Pleasant" meet Mount Pleasant, Iowa. A one-word name stays as it is ("ST")."""
    words = key.split(" ")
    if len(words) < 2:
        return key
    table = _abbreviations()
    return " ".join(table.get(w, w) for w in words)


@functools.cache
def _folds() -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in data.load("places")["transliteration_folds"])


def translit_key(text: str) -> str:
    """``name_key`` with romanisation variants folded: y/j→i, doubled letters single, glide i dropped."""
    return fold_key(name_key(text))


def fold_key(key: str) -> str:
    """``translit_key`` of a string that is already a ``name_key``."""
    key = key.replace(" ", "")
    for old, new in _folds():
        key = key.replace(old, new)
    # the i in "Alekseievka" is the glide of Alekseyevka; Alekseevka has none: drop an i between vowels.
    return _DOUBLED.sub(r"\1", _GLIDE.sub("", key))
