"""Stored places as a GeoJSON FeatureCollection (RFC 7946), one Point per resolved place mention."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, TextIO

from claimgraph.model import PlaceMention
from claimgraph.store import Store


def place_features(store: Store) -> Iterator[dict[str, Any]]:
    """A feature per place mention with coordinates; unresolved places have no point and are left out."""
    for analysis in store.iter_documents():
        document = analysis.document
        claims_of = {}
        for claim in analysis.claims:
            for mention_id in claim.mentions:
                claims_of.setdefault(mention_id, []).append(claim.id)
        for mention in analysis.mentions:
            if not isinstance(mention, PlaceMention) or mention.lat is None or mention.lon is None:
                continue
            yield {
                "type": "Feature",
                "id": mention.id,
                "geometry": {
                    "type": "Point",
                    "coordinates": [mention.lon, mention.lat],
                },  # GeoJSON: lon first
                "properties": {
                    "name": mention.name or mention.text,
                    "text": mention.text,
                    "doc": mention.doc,
                    "start": mention.start,
                    "end": mention.end,
                    "level": mention.level,
                    "geonames_id": mention.geonames_id,
                    "country_code": mention.country_code,
                    "published": document.published.isoformat() if document.published else None,
                    "outlet": document.outlet,
                    "title": document.title,
                    "claims": claims_of.get(mention.id, []),
                },
            }


def write_geojson(store: Store, out: TextIO) -> int:
    """Stream the collection to ``out`` feature by feature; returns how many were written."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    count = 0
    for feature in place_features(store):
        out.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
