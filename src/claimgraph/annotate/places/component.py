"""The spaCy component ``claimgraph_places_v1``: place entities → geocoded ``PlaceMention``s."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter

import phonenumbers
from phonenumbers import geocoder
from spacy.language import Language
from spacy.tokens import Doc

from claimgraph import data
from claimgraph.annotate.extensions import doc_id, set_mentions
from claimgraph.annotate.places.gazetteer import (
    ALTERNATE,
    PRIMARY,
    VARIANT,
    Gazetteer,
    haversine_km,
    load_gazetteer,
)
from claimgraph.annotate.places.resolve import (
    Resolution,
    airport_own_name,
    demonym_continent,
    demonym_country,
    demonym_region,
    local_entries,
    resolve,
)
from claimgraph.annotate.places.spans import place_queries
from claimgraph.model import PlaceMention

_AREA_LEVELS = frozenset({"continent", "country", "admin1", "admin2"})
_NEIGHBOUR_KM = 50.0  # two names joined by a hyphen: entries of the two this close are neighbours


def _mention(did: str, r: Resolution) -> PlaceMention:
    place, q = r.place, r.query
    if place is None:
        return PlaceMention(
            doc=did, text=q.text, start=q.start, end=q.end, name=q.name, unresolved_reason=r.unresolved_reason
        )
    return PlaceMention(
        doc=did,
        text=q.text,
        start=q.start,
        end=q.end,
        name=place.name,
        lat=round(place.lat, 5),
        lon=round(place.lon, 5),
        geonames_id=place.geonames_id,
        level=place.level,
        country_code=place.country_code,
    )


@functools.cache
def _currency_pattern() -> tuple[re.Pattern[str], dict[str, list[str]]]:
    table = data.load("places_local")["currency_countries"]
    signs = "|".join(re.escape(sign) for sign in sorted(table, key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])({signs}) ?\d"), table


def currency_countries(text: str) -> set[str]:
    """The countries whose currency signs the text writes amounts in ("$765,000" → US, CA)."""
    pattern, table = _currency_pattern()
    return {cc for sign in {m.group(1) for m in pattern.finditer(text)} for cc in table[sign]}


def phone_regions(gaz: Gazetteer, text: str) -> set[tuple[str, str]]:
    """The first-level regions (ISO, admin1 code) of the telephone numbers the text gives
    ("call 519-661-5670" → Ontario; "304-399-6500" → West Virginia): where a local report's
    sources are. Numbers without a country prefix are read as ``phone_default_region``'s
    (data/en/places_local.yaml)."""
    found = set()
    for match in phonenumbers.PhoneNumberMatcher(text, data.load("places_local")["phone_default_region"]):
        cc = phonenumbers.region_code_for_number(match.number)
        area = geocoder.description_for_number(match.number, "en").rpartition(", ")[2]  # "London, ON"
        if not cc or not area:
            continue
        region = gaz.region_of_code(cc, area) or next(
            (c for c, m in gaz.lookup(area) if m == PRIMARY and c.level == "admin1" and c.country_code == cc),
            None,
        )  # "Texas": a whole region's name
        if region is not None and region.admin1:
            found.add((cc, region.admin1))
    return found


def nationalities_of(gaz: Gazetteer, doc: Doc, labels: frozenset[str]) -> Counter[str]:
    """The countries the document names as nationalities ("Ukrainian" → UA), with counts."""
    return Counter(cc for ent in doc.ents if ent.label_ in labels if (cc := demonym_country(gaz, ent.text)))


class PlaceResolver:
    """Finds place spans, geocodes them with the gazetteer and the document's context."""

    def __init__(
        self,
        name: str,
        *,
        labels: list[str],
        context_labels: list[str],
        embedding_labels: list[str],
        embedded_min_population: int,
    ) -> None:
        self.name = name
        self.labels = frozenset(labels)
        self.context_labels = frozenset(context_labels)
        self.embedding_labels = frozenset(embedding_labels)
        self.embedded_min_population = embedded_min_population
        # loaded here, not lazily: a broken gazetteer must fail when the pipeline is built
        self.gazetteer = load_gazetteer()

    def _known(self, text: str) -> bool:
        """A place name that, inside an organisation's name, names the place: a country's or
        region's name or listed alias ("U.S.", "S.C."), or the own name of a county or town of
        ``embedded_min_population``."""
        big = self.embedded_min_population
        return any(
            (match == PRIMARY and (c.level in _AREA_LEVELS or c.population >= big))
            or (match == ALTERNATE and c.level in ("country", "admin1"))
            for c, match in self.gazetteer.lookup(text)
        )

    def _is_area(self, text: str) -> bool:
        return any(
            match != VARIANT and c.level in ("country", "admin1") for c, match in self.gazetteer.lookup(text)
        )

    def _has_entry(self, text: str) -> bool:
        return any(match == PRIMARY for _, match in self.gazetteer.lookup(text))

    def _neighbours(self, first: str, second: str) -> tuple[str, str] | None:
        """The names of the closest local entries of the two names, if within ``_NEIGHBOUR_KM``
        of each other ("Middlesex", "London" → "Middlesex County", "London")."""
        near, others = (local_entries(self.gazetteer, name) for name in (first, second))
        pairs = [(haversine_km(a.lat, a.lon, b.lat, b.lon), a.name, b.name) for a in near for b in others]
        km, a, b = min(pairs, default=(math.inf, "", ""))
        return (a, b) if km <= _NEIGHBOUR_KM else None

    def _airport_named(self, text: str) -> bool:
        return airport_own_name(self.gazetteer, text)

    def _people_of(self, text: str) -> str | None:
        """What a word for a people names: a country's code, a continent's or region's name."""
        gaz = self.gazetteer
        region = demonym_region(gaz, text)
        return (
            demonym_country(gaz, text) or demonym_continent(text) or (gaz.names[region] if region else None)
        )

    def __call__(self, doc: Doc) -> Doc:
        queries = place_queries(
            doc,
            self.labels,
            nationality_labels=self.context_labels,
            country_of=self._people_of,
            embedding_labels=self.embedding_labels,
            known=self._known,
            has_entry=self._has_entry,
            is_area=self._is_area,
            neighbours=self._neighbours,
            airport_named=self._airport_named,
        )
        nationalities = nationalities_of(self.gazetteer, doc, self.context_labels)
        did = doc_id(doc)
        results = resolve(
            self.gazetteer,
            queries,
            nationalities=nationalities,
            currencies=currency_countries(doc.text),
            phone_regions=phone_regions(self.gazetteer, doc.text),
        )
        set_mentions(doc, PlaceMention.kind, [_mention(did, r) for r in results])
        return doc


@Language.factory(
    "claimgraph_places_v1",
    assigns=["doc._.mentions"],
    requires=["doc.ents"],
    # context_labels: nationality words, context for the other places and mentions of their country
    # embedding_labels: names that may start with a place ("Kentucky State Police")
    default_config={
        "labels": ["GPE", "LOC", "FAC"],
        "context_labels": ["NORP"],
        "embedding_labels": ["ORG"],
        "embedded_min_population": 20_000,
    },
)
def make_place_resolver(
    nlp: Language,
    name: str,
    labels: list[str],
    context_labels: list[str],
    embedding_labels: list[str],
    embedded_min_population: int,
) -> PlaceResolver:
    return PlaceResolver(
        name,
        labels=labels,
        context_labels=context_labels,
        embedding_labels=embedding_labels,
        embedded_min_population=embedded_min_population,
    )
