"""Why a gold toponym was not resolved within 161 km: the causes ``geoparsing --errors`` groups by.

* ``missed/<label>``: no place mention overlaps it; the label is spaCy's (after
  ``claimgraph_entities_v1``) for the entity that covers it, ``none`` when no entity does,
  ``lower case`` for a lower-case gold phrase;
* ``unresolved``: a mention overlaps it but has no coordinates;
* ``offset/<level>``: the right country or region, whose packaged point lies more than 161 km
  from GeoNames' own (countrystatecity's points are not GeoNames');
* ``wrong candidate``: an entry of the name at the gold's level lies within 161 km, another won;
* ``wrong level``: the entry within 161 km is of another level (a city against a region);
* ``no candidate``: no entry of the name lies within 161 km of the gold point.
"""

from __future__ import annotations

from claimgraph.annotate.places.gazetteer import Gazetteer, haversine_km
from claimgraph.annotate.places.names import name_key

KM = 161.0
_AREAS = frozenset({"continent", "country", "admin1", "admin2"})


def missed_cause(phrase: str, covering_label: str | None) -> str:
    if phrase[:1].islower():
        return "missed/lower case"
    return f"missed/{covering_label or 'none'}"


def wrong_cause(gaz: Gazetteer, mention, gold_name: str, gold_id: str, lat: float, lon: float) -> str:
    """The cause for a mention that overlaps the gold toponym but lies too far from it."""
    if mention.lat is None:
        return "unresolved"
    if mention.level in ("country", "admin1") and (
        str(mention.geonames_id) == gold_id or name_key(mention.name) == name_key(gold_name)
    ):
        return f"offset/{mention.level}"
    names = {mention.text, mention.name, gold_name}
    near = [c for name in names for c, _ in gaz.lookup(name) if haversine_km(c.lat, c.lon, lat, lon) <= KM]
    if not near:
        return "no candidate"
    if any((c.level in _AREAS) == (mention.level in _AREAS) for c in near):
        return "wrong candidate"
    return "wrong level"
