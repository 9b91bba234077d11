"""Which spans of a document are place names, and what their feature words ask for.

The spans are spaCy's place entities (after ``claimgraph_entities_v1`` has corrected the labels
of names the gazetteer knows). Around each, a feature word from ``data/en/places.yaml`` says what
kind of place is meant: inside the span ("Incheon International Airport", "Zabaykalskyi Krai") or
right after it ("Belgorod region", "Alekseevka military base"), in which case the span grows to
include it, since "Belgorod region" names the region, not the city.
"""

from __future__ import annotations

import dataclasses
import functools

from spacy.tokens import Doc, Span

from claimgraph import data
from claimgraph.annotate.places.resolve import PlaceQuery

_MAX_FEATURE_WORDS = 2
_LEADING = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@functools.cache
def feature_phrases() -> dict[tuple[str, ...], str]:
    """Lowercase word tuples → the kind of place they mark ("admin1", "airport", "facility")."""
    table = data.load("places")["feature_words"]
    return {tuple(phrase.lower().split()): kind for kind, phrases in table.items() for phrase in phrases}


@functools.cache
def _airport_generic() -> frozenset[str]:
    return frozenset(data.load("places")["airport_generic_words"])


def _feature_at_end(words: list[str]) -> tuple[int, str] | None:
    """(number of words, kind) of a feature phrase ending ``words``, longest first."""
    for n in range(min(_MAX_FEATURE_WORDS, len(words) - 1), 0, -1):
        kind = feature_phrases().get(tuple(words[-n:]))
        if kind:
            return n, kind
    return None


def _feature_after(doc: Doc, end: int) -> tuple[int, str] | None:
    """(number of tokens, kind) of a feature phrase starting at token ``end``."""
    for n in range(_MAX_FEATURE_WORDS, 0, -1):
        words = tuple(t.lower_ for t in doc[end : end + n])
        if len(words) == n and words in feature_phrases():
            return n, feature_phrases()[words]
    return None


def place_query(span: Span, text: str) -> PlaceQuery | None:
    """The query for one place entity, or ``None`` when nothing but feature words is left.

    Args:
        span: the entity.
        text: ``span.doc.text``, passed in because spaCy rebuilds it on every access.
    """
    doc = span.doc
    tokens = list(span)
    while tokens and tokens[0].lower_ in _LEADING:
        tokens = tokens[1:]
    while tokens and tokens[-1].text in _POSSESSIVE:
        tokens = tokens[:-1]
    if not tokens:
        return None
    end = tokens[-1].i + 1
    words = [t.lower_ for t in tokens]
    feature = None
    inner = _feature_at_end(words)
    if inner:
        tokens, feature = tokens[: -inner[0]], inner[1]
    elif tokens[-1].i + 1 == span.end and (after := _feature_after(doc, span.end)):
        end, feature = span.end + after[0], after[1]
    if feature == "airport":
        while len(tokens) > 1 and tokens[-1].lower_ in _airport_generic():
            tokens = tokens[:-1]
    if not tokens:
        return None
    first = tokens[0].idx
    name = text[first : tokens[-1].idx + len(tokens[-1])]
    text_end = doc[end - 1].idx + len(doc[end - 1])
    return PlaceQuery(text=text[first:text_end], start=first, end=text_end, name=name, feature=feature)


def place_queries(doc: Doc, labels: frozenset[str]) -> list[PlaceQuery]:
    """A query for every entity of ``labels`` in ``doc``, in text order.

    A place directly followed by ", <place>" ("Paris, Texas") is qualified by that place.
    """
    text = doc.text
    queries = [
        q for q in (place_query(ent, text) for ent in doc.ents if ent.label_ in labels) if q is not None
    ]
    for i in range(len(queries) - 1):
        between = text[queries[i].end : queries[i + 1].start]
        if between.strip() == ",":
            queries[i] = dataclasses.replace(queries[i], qualifier=i + 1)
    return queries
