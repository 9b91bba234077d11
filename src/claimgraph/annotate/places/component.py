"""The spaCy component ``claimgraph_places_v1``: place entities → geocoded ``PlaceMention``s."""

from __future__ import annotations

from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.annotate.extensions import doc_id, set_mentions
from claimgraph.annotate.places.gazetteer import Gazetteer, load_gazetteer
from claimgraph.annotate.places.resolve import Resolution, demonym_country, resolve
from claimgraph.annotate.places.spans import place_queries
from claimgraph.model import PlaceMention


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


def nationalities_of(gaz: Gazetteer, doc: Doc, labels: frozenset[str]) -> Counter[str]:
    """The countries the document names as nationalities ("Ukrainian" → UA), with counts."""
    return Counter(cc for ent in doc.ents if ent.label_ in labels if (cc := demonym_country(gaz, ent.text)))


class PlaceResolver:
    """Finds place spans, geocodes them with the gazetteer and the document's context."""

    def __init__(self, name: str, *, labels: list[str], context_labels: list[str]) -> None:
        self.name = name
        self.labels = frozenset(labels)
        self.context_labels = frozenset(context_labels)
        # loaded here, not lazily: a broken gazetteer must fail when the pipeline is built
        self.gazetteer = load_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        queries = place_queries(doc, self.labels)
        nationalities = nationalities_of(self.gazetteer, doc, self.context_labels)
        did = doc_id(doc)
        results = resolve(self.gazetteer, queries, nationalities=nationalities)
        set_mentions(doc, PlaceMention.kind, [_mention(did, r) for r in results])
        return doc


@Language.factory(
    "claimgraph_places_v1",
    assigns=["doc._.mentions"],
    requires=["doc.ents"],
    default_config={"labels": ["GPE", "LOC", "FAC"], "context_labels": ["NORP"]},
)
def make_place_resolver(
    nlp: Language, name: str, labels: list[str], context_labels: list[str]
) -> PlaceResolver:
    return PlaceResolver(name, labels=labels, context_labels=context_labels)
