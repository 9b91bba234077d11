"""Choosing among gazetteer candidates with the document's context.

A name alone is ambiguous (Alexandria is a city in Egypt, in Virginia and in Louisiana; there
are dozens of Aleksandrovkas). Each candidate is scored by its prominence (population, or the
level of a continent, country or region), how well its name matched (own name, alternate name,
spelling variant), the feature word beside the mention ("Belgorod region" wants the region,
"Incheon airport" an airfield), the place that qualifies it ("Paris, Texas") and the document's
context: the countries and regions it names (directly or as nationalities) and the other places
in it. A first pass resolves each name on its own; later passes reward candidates close to what
the previous pass chose for the *other* names. A name never counts as context for itself.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from dataclasses import dataclass, field

from claimgraph import data
from claimgraph.annotate.places.gazetteer import (
    ALTERNATE,
    LEVELS,
    PRIMARY,
    VARIANT,
    Candidate,
    Gazetteer,
    haversine_km,
)
from claimgraph.annotate.places.names import name_key

_MAX_NAME_CHARS = 80
_WHOLE_MIN_POPULATION = 5_000  # a town with named parts ("South Philadelphia", "East Oxford")
_AIRPORT_NEAR_KM = 30.0  # "X airport" where X is a settlement: the airfield serving it
_MAX_CONTEXT_PLACES = 40  # proximity is measured to at most this many distinct places
_CONTEXT_PASSES = 2  # a second look lets places confirmed by their neighbours pull the rest

# Score weights. Prominence is 1.25 × log10(population) for settlements (a city of 1M scores
# 7.5); a continent, country or region is as prominent as a big city because news names those
# far more often than a same-named town. (The factor was fitted on the development corpora:
# at 1.0 the context bonuses below let a town of 80,000 beat a namesake of a million too often.)
_PROMINENCE_PER_DECADE = 1.25
_LEVEL_BASE = {"continent": 10.6, "country": 10.0, "admin1": 7.5, "admin2": 5.6, "facility": 3.75}
_MATCH = {PRIMARY: 0.0, ALTERNATE: -1.5, VARIANT: -2.5}  # own name, alternate name, spelling variant
_FEATURE_MATCH = 4.0
_FEATURE_MISMATCH = -3.0
_NATIONALITY_AS_COUNTRY = 2.0  # "Canadian" as a toponym is Canada, not the town of Canadian
_COUNTRY_NAMED = 2.5  # a country the document names outright
_COUNTRY_OF_REGION = 1.5  # the country of a region the document names
_COUNTRY_OF_PLACES = 2.0  # a country where several of the document's other places lie
_COUNTRY_OF_NATIONALITY = 1.0  # "Ukrainian border" says less than "Ukraine"
_COUNTRY_OF_CURRENCY = 1.0  # amounts in dollars: more likely a North American report
_CURRENCY = "¤"  # the name under which a currency's countries count (added to other context)
_PHONE = "☎"  # the name under which a telephone number's region counts as named
_REGION_NAMED = 2.5  # a place inside a region the document names
_REGION_MOST_NAMED = 1.0  # ... and names more often than any other
# the converse: a region that holds a place the report names ("Chatham" ... "central Ontario")
_REGION_HOLDS_PLACES = 2.5
_MOST_NAMED_MIN = 2
_QUALIFIED_BY_REGION = 5.0  # "Paris, Texas": a candidate inside the qualifying region
_QUALIFIED_BY_COUNTRY = 4.0
_PROXIMITY = ((50.0, 3.0), (200.0, 2.0), (600.0, 1.0))  # (within km, bonus) to other places
# each further place within the first band: a town among three of the report's places beats a
# namesake beside one (Litchfield by Bantam, New Milford and Danbury, not by a stray "Mason")
_MORE_CLOSE = 1.0
_MAX_MORE_CLOSE = 2
# Local news names places near each other: a candidate near *some* candidate of other names is
# supported by them (spatial minimality), before anything is chosen.
_SUPPORT_PER_NAME = 0.6
_MAX_SUPPORT = 3
_SUPPORT_CANDIDATES = 25  # the most prominent candidates of each name that can lend support
_SUPPORT_CELL = 1.5  # degrees: neighbouring cells of this size count as near
# Two names with towns (or a town and a county) a few km apart ("Paris" and "Henry County" in
# Tennessee) are far stronger evidence than a shared neighbourhood: same-named towns are many,
# but two of the document's names meeting by chance this close is rare.
_TIGHT_KM = 40.0
_TIGHT_NEIGHBOUR = 1.0  # once: more such neighbours added nothing on the development data
_TIGHT_CELL = 0.5  # degrees; a grid over the local candidates of every name
_LOCAL_LEVELS = frozenset({"city", "admin2", "facility"})
_AIRPORT_FEATURES = frozenset({"airport", "flight"})
_SETTLEMENT_FEATURES = frozenset({"settlement"})
_REGION_NAMESAKE_POPULATION = 20_000  # smaller towns yield a region's own name to the region
_CITY_STATE_KM = 100.0  # a region whose point lies this close to its namesake town is that town
_ACRONYM_MAX_LETTERS = 3  # an all-capitals name this short is an acronym ("EU"), not a town's name
# A capital named by a dateline alone: as strong as its region and a neighbour named in the text.
_DATELINE_CAPITAL = 4.0
_WHOLE_NAME = 1.0  # an entry named by the whole span, feature word included, over the core's namesakes

Pool = list[tuple[Candidate, int]]


@dataclass(frozen=True, slots=True)
class PlaceQuery:
    """A span to resolve: its core name and the kind of place its feature word asks for."""

    text: str
    start: int
    end: int
    name: str
    # "admin1" | "airport" | "facility" | "nationality" | "settlement" | None, or "flight": a bare
    # airport's own name in a sentence about flying ("Flights from Heathrow were cancelled")
    feature: str | None = None
    qualifier: int | None = None  # index of the query naming its region or country ("Paris, Texas")
    listed_after: int | None = None  # index of the query it ends a list with ("Montana and Wyoming")


@dataclass(frozen=True, slots=True)
class Resolution:
    query: PlaceQuery
    place: Candidate | None
    unresolved_reason: str | None = None


@dataclass(slots=True)
class _Context:
    pools: list[Pool]
    countries: dict[str, dict[str | None, float]] = field(default_factory=dict)  # ISO -> {name: bonus}
    regions: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # (ISO, admin1 code) -> names
    near: dict[str, set[tuple[int, int]]] = field(default_factory=dict)  # name -> cells of its candidates
    # fine grid cell -> (name, candidate) of every name's towns, counties and facilities
    tight: dict[tuple[int, int], list[tuple[str, Candidate]]] = field(default_factory=dict)
    most_named: tuple[str, str] | None = None  # (ISO, admin1 code) of the region named most often
    nationality_of: dict[str, str | None] = field(
        default_factory=dict
    )  # name -> country it is the demonym of
    listed_level: dict[str, str] = field(default_factory=dict)  # name -> level of the areas it is listed with

    def add_country(self, cc: str, weight: float, name: str | None = None) -> None:
        by_name = self.countries.setdefault(cc, {})
        by_name[name] = max(by_name.get(name, 0.0), weight)

    def country_bonus(self, cc: str, name: str) -> float:
        """The context a country has from names *other* than ``name`` (no self-reinforcement)."""
        by_name = self.countries.get(cc, {})
        best = max((w for n, w in by_name.items() if n not in (name, _CURRENCY)), default=0.0)
        return best + by_name.get(_CURRENCY, 0.0)


def _prominence(c: Candidate, feature: str | None) -> float:
    if c.level == "city":
        return _PROMINENCE_PER_DECADE * math.log10(c.population + 10)
    if c.level == "facility" and feature in _AIRPORT_FEATURES:
        return _LEVEL_BASE["admin1"]
    return _LEVEL_BASE[c.level]


def _feature_score(c: Candidate, feature: str | None) -> float:
    if feature is None:
        return 0.0
    if feature == "settlement":
        return _FEATURE_MISMATCH if c.level in ("continent", "country", "admin1", "admin2") else 0.0
    if feature == "admin1":
        if c.level in ("admin1", "admin2"):
            return _FEATURE_MATCH
        return _FEATURE_MISMATCH if c.level in ("country", "continent") else 0.0
    # airports, ports, bases: installations in or by a settlement, never a whole country or region
    if c.level in ("continent", "country", "admin1", "admin2"):
        return _FEATURE_MISMATCH
    return _FEATURE_MATCH if c.level == "facility" and feature in _AIRPORT_FEATURES else 0.0


def _proximity(c: Candidate, others: list[Candidate]) -> float:
    if c.level in ("continent", "country"):
        return 0.0
    best, close = 0.0, 0
    for other in others:
        if other.level in ("continent", "country") or other.index == c.index:
            continue  # a country's centre says nothing about where in it a place is
        km = haversine_km(c.lat, c.lon, other.lat, other.lon)
        best = max(best, next((bonus for limit, bonus in _PROXIMITY if km <= limit), 0.0))
        close += km <= _PROXIMITY[0][0]
        if close > _MAX_MORE_CLOSE:
            break
    return best + _MORE_CLOSE * max(0, close - 1)


def _score(c: Candidate, match: int, q: PlaceQuery, ctx: _Context, others: list[Candidate]) -> float:
    score = _prominence(c, q.feature) + _feature_score(c, q.feature) + _MATCH[match]
    score += ctx.country_bonus(c.country_code, q.name)
    # inside a region the document names under another name (Quebec City is not "in" Quebec's own mention)
    if c.level in ("city", "admin2", "facility") and ctx.regions.get((c.country_code, c.admin1), {q.name}) - {
        q.name
    }:
        score += _REGION_NAMED + _REGION_MOST_NAMED * ((c.country_code, c.admin1) == ctx.most_named)
    elif c.level == "admin1" and c.admin1 and any(_inside(o, c) for o in others):
        score += _REGION_HOLDS_PLACES
    if q.qualifier is not None:
        score += _qualified(c, ctx.pools[q.qualifier])
    return score + _proximity(c, others) + _support(c, q.name, ctx)


def _inside(place: Candidate, region: Candidate) -> bool:
    return (
        place.level in _LOCAL_LEVELS
        and place.country_code == region.country_code
        and place.admin1 == region.admin1
        and place.index != region.index
    )


def _support_cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _SUPPORT_CELL), math.floor(lon / _SUPPORT_CELL)


def _support(c: Candidate, name: str, ctx: _Context) -> float:
    if c.level in ("continent", "country"):
        return 0.0
    cell = _support_cell(c.lat, c.lon)
    names = sum(1 for other, cells in ctx.near.items() if other != name and cell in cells)
    return _SUPPORT_PER_NAME * min(names, _MAX_SUPPORT) + _tight_support(c, name, ctx)


def _tight_cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _TIGHT_CELL), math.floor(lon / _TIGHT_CELL)


def _tight_support(c: Candidate, name: str, ctx: _Context) -> float:
    """Support when another name has a local candidate within ``_TIGHT_KM`` of ``c``."""
    if c.level not in _LOCAL_LEVELS:
        return 0.0
    x, y = _tight_cell(c.lat, c.lon)
    near = any(
        other != name and haversine_km(c.lat, c.lon, d.lat, d.lon) <= _TIGHT_KM
        for dx in (-1, 0, 1)
        for dy in (-1, 0, 1)
        for other, d in ctx.tight.get((x + dx, y + dy), ())
    )
    return _TIGHT_NEIGHBOUR if near else 0.0


def _add_tight(ctx: _Context, name: str, pool: Pool) -> None:
    for c, match in pool:
        if c.level in _LOCAL_LEVELS and match != VARIANT:
            ctx.tight.setdefault(_tight_cell(c.lat, c.lon), []).append((name, c))


def _near_cells(pool: Pool) -> set[tuple[int, int]]:
    """The cells (with their neighbours) of a name's most prominent local candidates."""
    local = [c for c, _ in pool if c.level not in ("continent", "country")]
    local.sort(key=lambda c: _prominence(c, None), reverse=True)
    cells = set()
    for c in local[:_SUPPORT_CANDIDATES]:
        x, y = _support_cell(c.lat, c.lon)
        cells.update((x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1))
    return cells


def _qualified(c: Candidate, qualifier_pool: Pool) -> float:
    """How well ``c`` lies inside the place that qualifies it ("Paris, Texas")."""
    best = 0.0
    for d, match in qualifier_pool:
        if match == VARIANT or d.country_code != c.country_code or d.level not in ("country", "admin1"):
            continue
        if d.level == "admin1" and d.admin1 and d.admin1 == c.admin1:
            return _QUALIFIED_BY_REGION
        best = max(best, _QUALIFIED_BY_COUNTRY if d.level == "country" else _QUALIFIED_BY_COUNTRY / 2)
    return best


def _unresolvable(q: PlaceQuery) -> str | None:
    if len(q.name) > _MAX_NAME_CHARS:
        return "span too long to be a place name"
    if not name_key(q.name):
        return "no Latin-script name to look up"
    return None


def _candidates(gaz: Gazetteer, q: PlaceQuery) -> Pool:
    if q.feature == "nationality":  # "Iraqi" names Iraq, never a town called Iraqi
        country = gaz.country_of(demonym_country(gaz, q.name) or "")
        if country is not None:
            return [(country, PRIMARY)]
        continent = demonym_continent(q.name)
        if continent:
            return [(c, match) for c, match in gaz.lookup(continent) if c.level == "continent"]
        region = demonym_region(gaz, q.name)
        return [] if region is None else [(gaz.candidate(region), PRIMARY)]
    found = gaz.lookup(q.name) or _whole_of_part(gaz, q.name) or _region_of_name(gaz, q.name)
    if _is_short_acronym(q.name) and q.feature not in _SETTLEMENT_FEATURES:
        # "EU", "SEC": an acronym, not the French town Eu (a dateline's capitals are no acronym)
        found = [(c, match) for c, match in found if c.level not in _LOCAL_LEVELS]
    if q.name != q.text:
        # "Henry County" is listed as a county under its full name, the town Henry under the short one
        seen = {c.index for c, _ in found}
        found += [(c, match) for c, match in gaz.lookup(q.text) if c.index not in seen]
    seen = {c.index for c, _ in found}
    # without an airport word, a name that is also a town's names an airfield only if it is an
    # airport of scheduled flights ("Heathrow"): private strips named after people ("Turner
    # Field", "Kelly Air Field") would take every surname
    scheduled = q.feature != "airport" and bool(found)
    airports = gaz.airports_named(q.text, tails=q.feature == "airport", scheduled=scheduled)
    found += [(c, PRIMARY) for c in airports if c.index not in seen]
    if (
        (nationality := demonym_country(gaz, q.name))
        and (country := gaz.country_of(nationality))
        and country.index not in seen
    ):
        found.append((country, PRIMARY))
    return found


@functools.cache
def _region_words() -> tuple[str, ...]:
    return tuple(sorted(set(data.load("places_local")["plural_regions"].values())))


def _region_of_name(gaz: Gazetteer, name: str) -> Pool:
    """The county or parish a bare name with no entry of its own stands for ("Henrico" →
    Henrico County, "Avoyelles" → Avoyelles Parish), as local news writes them."""
    if not name[:1].isupper():
        return []
    return [
        (c, match)
        for word in _region_words()
        for c, match in gaz.lookup(f"{name} {word}")
        if match == PRIMARY and c.level == "admin2"
    ]


def local_entries(gaz: Gazetteer, name: str) -> list[Candidate]:
    """A name's own-named towns, counties and regions, and the counties a bare name stands for
    ("Middlesex" → Middlesex County)."""
    found = [c for c, m in gaz.lookup(name) if m == PRIMARY and c.level not in ("continent", "country")]
    return found + [c for c, _ in _region_of_name(gaz, name)]


def airport_own_name(gaz: Gazetteer, name: str) -> bool:
    """Whether ``name`` is the own name of an airport of scheduled flights and of no place by it:
    "Heathrow" (Heathrow, Florida lies an ocean away), not "Kansas City" (the airport serves the
    city) nor a country's or region's name."""
    airports = gaz.airports_named(name, scheduled=True)
    places = [c for c, match in gaz.lookup(name) if match != VARIANT]
    return bool(airports) and not any(
        c.level not in _LOCAL_LEVELS
        or any(haversine_km(c.lat, c.lon, a.lat, a.lon) <= _AIRPORT_NEAR_KM for a in airports)
        for c in places
    )


def _is_short_acronym(name: str) -> bool:
    """ "EU", "SEC"; not a dotted abbreviation, which names places too ("D.C.", "L.A.")."""
    return name.isalpha() and name.isupper() and len(name) <= _ACRONYM_MAX_LETTERS


@functools.cache
def _part_prefixes() -> frozenset[str]:
    return frozenset(data.load("places")["part_prefixes"])


def _whole_of_part(gaz: Gazetteer, name: str) -> Pool:
    """Candidates for the place a part names ("North Texas" → Texas), when it has no entry itself."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in _part_prefixes() and words[1].lower() in _part_prefixes():
        words = words[1:]  # "Far North Queensland"
    if len(words) < 2 or words[0].lower() not in _part_prefixes():
        return []
    # only a whole big enough to have parts: "West Bank" is no part of a village called Bank
    return [
        (c, match)
        for c, match in gaz.lookup(" ".join(words[1:]))
        if match != VARIANT and (c.level != "city" or c.population >= _WHOLE_MIN_POPULATION)
    ]


def _areas_first(pool: Pool, ctx: _Context, name: str) -> Pool:
    """A country's name ("Lebanon", "Russia", or one of its listed names: "US") means the
    country, not a town that shares it, unless the town lies in a region the document names
    ("Lebanon" in a report about Tennessee). A region may still win (the state of Georgia).
    Regions' names get only a narrower rule (``_region_over_small_towns``): this one, for every
    town, cost more towns ("Washington") than it saved regions on the development data."""
    if not any(c.level == "country" and match != VARIANT for c, match in pool):
        return pool
    return [
        (c, match)
        for c, match in pool
        if c.level not in ("city", "facility") or ctx.regions.get((c.country_code, c.admin1), {name}) - {name}
    ]


def _region_over_small_towns(pool: Pool, ctx: _Context, name: str) -> Pool:
    """A region's own name ("Oregon", "California") means the region, not a small town that
    shares it (Oregon, Illinois), unless the town lies in a region the document names: small
    namesakes near each other ("Oregon and Washington laws") would otherwise pull together."""
    # a region abroad overrules only where the report is about its country: "Cornwall" in a
    # report on Connecticut towns is the town
    countries = {c.country_code for c, match in pool if c.level == "admin1" and match == PRIMARY}
    if not countries:
        return pool
    return [
        (c, match)
        for c, match in pool
        if c.level != "city"
        or c.population >= _REGION_NAMESAKE_POPULATION
        # a town in a region the document names, unless the region of the name is in its country:
        # "Florida" in a report from New York is the state, not the village of Florida, N.Y.
        or (ctx.regions.get((c.country_code, c.admin1), {name}) - {name} and c.country_code not in countries)
        or not any(cc == c.country_code or ctx.country_bonus(cc, name) > 0 for cc in countries)
    ]


def _region_over_its_namesake(pool: Pool) -> Pool:
    """A region named after its own town means the region ("Quebec", "Oaxaca"), unless the two
    are one place (a city-state: "Berlin", "Vienna"); nor is it a town that has the region's
    name only as an alternate name (New Britain, Connecticut, is also "Quebec")."""
    regions = [c for c, match in pool if c.level == "admin1" and match == PRIMARY]
    if not regions:
        return pool

    def its_namesake(c: Candidate) -> bool:
        return any(
            r.country_code == c.country_code
            and r.admin1 == c.admin1
            and haversine_km(r.lat, r.lon, c.lat, c.lon) > _CITY_STATE_KM
            for r in regions
        )

    return [
        (c, match)
        for c, match in pool
        if c.level != "city" or match == VARIANT or (match == PRIMARY and not its_namesake(c))
    ]


def _own_name_over_former(pool: Pool) -> Pool:
    """A town whose own name it is, not a town of the same region that has the name only as an
    alternate (a former or variant name: Mount Gilead, Ohio, is also "Youngstown")."""
    own = {(c.country_code, c.admin1) for c, match in pool if match == PRIMARY and c.level == "city"}
    if not own:
        return pool
    return [
        (c, match)
        for c, match in pool
        if match == PRIMARY or c.level != "city" or (c.country_code, c.admin1) not in own
    ]


def _best(q: PlaceQuery, pool: Pool, ctx: _Context, others: list[Candidate]) -> Candidate | None:
    if not pool:
        return None
    pool = _own_name_over_former(pool)
    if q.feature is None and (level := ctx.listed_level.get(q.name)):
        pool = [(c, m) for c, m in pool if c.level == level] or pool
    if q.feature is None and q.qualifier is None:
        pool = _region_over_its_namesake(
            _region_over_small_towns(_areas_first(pool, ctx, q.name), ctx, q.name)
        )
    elif q.feature == "settlement":  # a dateline names a town whenever there is one of the name
        pool = [(c, m) for c, m in pool if c.level == "city"] or pool
    nationality = ctx.nationality_of.get(q.name)
    # a dateline that names no state or country and is the name of a capital of a country the
    # document is about is that capital ("WASHINGTON (AP)", "BEIRUT —")
    capital = _DATELINE_CAPITAL if q.feature == "settlement" and q.qualifier is None else 0.0
    full_key, core_key = name_key(q.text), name_key(q.name)

    def key(item: tuple[Candidate, int]) -> tuple[float, int]:
        c, match = item
        bonus = _NATIONALITY_AS_COUNTRY if c.level == "country" and c.country_code == nationality else 0.0
        # only where the document is about the capital's country ("VICTORIA —" in a Canadian report
        # is no Hong Kong district)
        bonus += capital * (c.capital and ctx.country_bonus(c.country_code, q.name) > 0)
        # the whole span is this entry's own name ("Northern Territory"), not only its core
        # ("Northern" of Israel's Northern District)
        bonus += _WHOLE_NAME * (full_key != core_key and name_key(c.name) == full_key)
        return _score(c, match, q, ctx, others) + bonus, c.population

    return max(pool, key=key)[0]


def resolve(
    gaz: Gazetteer,
    queries: list[PlaceQuery],
    *,
    nationalities: Counter[str] | None = None,
    currencies: set[str] | None = None,
    phone_regions: set[tuple[str, str]] | None = None,
) -> list[Resolution]:
    """Resolve every query; an unresolvable one keeps its span and says why.

    Args:
        gaz: the gazetteer.
        queries: the document's place spans.
        nationalities: ISO codes of countries the document names as nationalities ("Ukrainian").
        currencies: ISO codes of countries whose currency signs the document writes amounts in.
        phone_regions: (ISO, admin1 code) of the regions of the telephone numbers the document
            gives: named, as if the text named them.
    """
    ctx = _Context(pools=[])
    for cc in currencies or ():
        ctx.add_country(cc, _COUNTRY_OF_CURRENCY, _CURRENCY)
    for cc, admin1 in phone_regions or ():
        ctx.add_country(cc, _COUNTRY_OF_REGION, _PHONE)
        ctx.regions.setdefault((cc, admin1), set()).add(_PHONE)
    for cc in nationalities or {}:
        ctx.add_country(cc, _COUNTRY_OF_NATIONALITY)
    reasons: list[str | None] = []
    # the pool depends on the full text and feature too: "Charleston County" has the county,
    # "Charleston" alone has not
    pools: dict[tuple[str, str, str | None], Pool] = {}
    for q in queries:
        reason = _unresolvable(q)
        pool_key = (q.name, q.text, q.feature)
        if reason is None and pool_key not in pools:
            pools[pool_key] = pool = _candidates(gaz, q)
            ctx.nationality_of[q.name] = demonym_country(gaz, q.name)
            if pool:
                ctx.near.setdefault(q.name, set()).update(_near_cells(pool))
                _add_tight(ctx, q.name, pool)
        pool = [] if reason else pools[pool_key]
        ctx.pools.append(pool)
        reasons.append(reason or (None if pool else f"no gazetteer entry for {q.name!r}"))

    # first pass: each name on its own (plus nationalities and its qualifier)
    first: dict[tuple, Candidate | None] = {}
    for q, pool in zip(queries, ctx.pools, strict=True):
        first.setdefault(_key(q, queries), _best(q, pool, ctx, []))
    # what the document names outright becomes context for every other name
    per_country: Counter[str] = Counter()
    # a region named only to qualify one place ("Kane County, Ill.") is not what the report is about
    qualifying = {q.qualifier for q in queries if q.qualifier is not None}
    named_freely = {q.name for i, q in enumerate(queries) if i not in qualifying}
    for (name, feature, _), c in first.items():
        if c is None or feature == "nationality":  # already context, as a nationality
            continue
        if c.level == "country":
            ctx.add_country(c.country_code, _COUNTRY_NAMED, name)
        elif c.level == "admin1":
            ctx.add_country(c.country_code, _COUNTRY_OF_REGION, name)
            if name in named_freely:
                ctx.regions.setdefault((c.country_code, c.admin1), set()).add(name)
        elif c.level == "admin2" and name in named_freely:
            ctx.regions.setdefault((c.country_code, c.admin1), set()).add(name)
            per_country[c.country_code] += 1
        elif c.level != "continent":
            per_country[c.country_code] += 1
    for cc, count in per_country.items():
        if count >= 2:
            ctx.add_country(cc, _COUNTRY_OF_PLACES)
    ctx.most_named = _most_named_region(queries, qualifying, first)
    ctx.listed_level = _listed_levels(queries, ctx.pools, first)

    # later passes: near what the previous pass chose for the *other* names
    picks = first
    for _ in range(_CONTEXT_PASSES):
        picks = _pass(queries, ctx, picks)
    anchored = _anchored_senses(queries, ctx, picks)
    results = []
    for q, reason in zip(queries, reasons, strict=True):
        c = picks[_key(q, queries)]
        if q.feature is None and q.qualifier is None and q.name not in ctx.listed_level:
            c = anchored.get(name_key(q.name), c)
        if c is not None and q.feature == "airport" and c.level == "city":
            c = gaz.nearest_airport(c.lat, c.lon, _AIRPORT_NEAR_KM) or c
        results.append(Resolution(q, c, None if c else reason))
    return results


def _anchored_senses(
    queries: list[PlaceQuery], ctx: _Context, picks: dict[tuple, Candidate | None]
) -> dict[str, Candidate]:
    """One sense per report: a name the report pins down once, by its dateline ("WASHINGTON —")
    or a qualifier ("Paris, Ky."), means that place when it recurs bare ("a Washington-based
    firm"), if the bare name can mean it at all. Names pinned to different places are left alone."""
    senses: dict[str, set[int]] = {}
    chosen: dict[int, Candidate] = {}
    for q in queries:
        c = picks[_key(q, queries)]
        if c is not None and (q.qualifier is not None or q.feature in _SETTLEMENT_FEATURES):
            senses.setdefault(name_key(q.name), set()).add(c.index)
            chosen[c.index] = c
    bare_pools = {
        name_key(q.name): {c.index for c, _ in pool}
        for q, pool in zip(queries, ctx.pools, strict=True)
        if q.feature is None and q.qualifier is None
    }
    return {
        key: chosen[next(iter(indexes))]
        for key, indexes in senses.items()
        if key and len(indexes) == 1 and next(iter(indexes)) in bare_pools.get(key, ())
    }


def _listed_levels(
    queries: list[PlaceQuery], pools: list[Pool], first: dict[tuple, Candidate | None]
) -> dict[str, str]:
    """Names listed with a country or first-level region ("Montana and Wyoming", "Iowa, Missouri
    or Nevada") that are also names of one: the areas' level, which the name keeps in later passes
    (the town Wyoming, Ohio, does not win by lying near the report's other places)."""
    levels: dict[str, str] = {}
    for i, q in enumerate(queries):
        if q.listed_after is None:
            continue
        for a, b in ((i, q.listed_after), (q.listed_after, i)):
            other = first.get(_key(queries[b], queries))
            if (
                other is not None
                and other.level in ("country", "admin1")
                and queries[a].feature is None
                and queries[a].qualifier is None  # "Texas and Washington, D.C." is the city
                and any(c.level == other.level and match != VARIANT for c, match in pools[a])
            ):
                levels[queries[a].name] = other.level
    return levels


def _most_named_region(
    queries: list[PlaceQuery], qualifying: set[int], first: dict[tuple, Candidate | None]
) -> tuple[str, str] | None:
    """The region the report names most often (counting every mention, not qualifiers), when it
    is named at least twice and more often than any other: what a local report is about."""
    counts: Counter[tuple[str, str]] = Counter()
    for i, q in enumerate(queries):
        c = first.get(_key(q, queries))
        if i not in qualifying and c is not None and c.level == "admin1" and c.admin1:
            counts[c.country_code, c.admin1] += 1
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < _MOST_NAMED_MIN or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _pass(
    queries: list[PlaceQuery], ctx: _Context, previous: dict[tuple, Candidate | None]
) -> dict[tuple, Candidate | None]:
    chosen = list({c.index: c for c in previous.values() if c is not None}.values())[:_MAX_CONTEXT_PLACES]
    picks: dict[tuple, Candidate | None] = {}
    for q, pool in zip(queries, ctx.pools, strict=True):
        key = _key(q, queries)
        if key not in picks:
            mine = previous[key]
            others = [c for c in chosen if mine is None or c.index != mine.index]
            picks[key] = _best(q, pool, ctx, others)
    return picks


def _key(q: PlaceQuery, queries: list[PlaceQuery]) -> tuple:
    """Queries with the same name, feature and qualifier resolve alike: resolve them once."""
    return q.name, q.feature, None if q.qualifier is None else queries[q.qualifier].name


@functools.cache
def _continent_demonyms() -> dict[str, str]:
    table = data.load("places")["continent_demonyms"]
    return {name_key(word): continent for continent, words in table.items() for word in words}


def demonym_continent(text: str) -> str | None:
    """The continent a word for its people names ("Europeans" → Europe)."""
    key = name_key(text)
    table = _continent_demonyms()
    return table.get(key) or (table.get(key[:-1]) if key.endswith("s") else None)


@functools.cache
def _demonym_table() -> dict[str, str]:
    return {name_key(word): cc for cc, words in data.load("places")["demonyms"].items() for word in words}


# "-n" only after a whole country name ("Kenya-n"): a looser stem turns "Green" into Greece
_DEMONYM_SUFFIXES = ("ese", "ish", "ian", "an", "i", "n")


@functools.lru_cache(maxsize=4096)
def demonym_country(gaz: Gazetteer, text: str) -> str | None:
    """The country a nationality word names ("Ukrainian" → UA), by table or shared stem."""
    key = name_key(text)
    if not key:
        return None
    table = _demonym_table()
    if key in table:
        return table[key]
    names = _country_keys(gaz)
    if key in names:
        return None  # the country's own name is not a nationality word
    if key.endswith("s") and len(key) > 4:
        return demonym_country(gaz, key[:-1])  # "Russians", "Afghans"; "Romans" stays no nation
    # the longest shared stem wins: "Nigerian" is Nigeria ("nigeri"), not Niger ("niger")
    best: tuple[int, str] | None = None
    for suffix in _DEMONYM_SUFFIXES:
        stem = key[: -len(suffix)]
        if not key.endswith(suffix) or len(stem) < 4 or (best and len(stem) <= best[0]):
            continue
        if suffix == "n":
            if stem in names:
                best = (len(stem), names[stem])
            continue
        for country, cc in names.items():
            if country.startswith(stem) and len(stem) >= 0.6 * len(country):
                best = (len(stem), cc)
                break
    return best[1] if best else None


@functools.cache
def _country_keys(gaz: Gazetteer) -> dict[str, str]:
    aliases = data.load("places")["country_aliases"]
    keys = {name_key(gaz.names[idx]): cc for cc, idx in gaz.country_index.items()}
    keys.update((name_key(alias), cc) for cc, names in aliases.items() for alias in names)
    return keys


# A region's people: "Minnesotans", "Ohioans", "Ontarians", "Texan" (stem + suffix, the stem
# the region's name less at most two letters).
_REGION_DEMONYM_SUFFIXES = ("ians", "ans", "ns", "ian", "an", "n", "is", "i")  # ... "Dagestani"
_REGION_STEM_MIN = 4
_REGION_STEM_DROP = 2


@functools.cache
def _region_keys(gaz: Gazetteer) -> dict[str, int]:
    """name_key -> the most populous first-level region of that name."""
    admin1 = LEVELS.index("admin1")
    keys: dict[str, int] = {}
    for i, level in enumerate(gaz.level):
        key = name_key(gaz.names[i]) if level == admin1 else ""
        if key and " " not in key and (key not in keys or gaz.population[i] > gaz.population[keys[key]]):
            keys[key] = i
    return keys


@functools.lru_cache(maxsize=4096)
def demonym_region(gaz: Gazetteer, text: str) -> int | None:
    """The gazetteer entry of the first-level region a word for its people names, or ``None``.
    Ask ``demonym_country`` first: "Indians" are India's, not Indiana's."""
    key = name_key(text)
    for suffix in _REGION_DEMONYM_SUFFIXES:
        stem = key[: -len(suffix)]
        if not key.endswith(suffix) or len(stem) < _REGION_STEM_MIN:
            continue
        # "-ian" replaces a final vowel or two ("Ontario" -> "Ontarian"); "-an" and "-n" at most
        # one; "-i" follows the whole name ("Dagestani": no "Ismaili" for Ismailli)
        drops = 1 if suffix in ("i", "is") else _REGION_STEM_DROP + 1 if suffix.startswith("i") else 2
        for drop in range(drops):
            found = [i for k, i in _region_prefixes(gaz).get(stem, ()) if len(k) - len(stem) == drop]
            if found:
                return found[0]
    return None


@functools.cache
def _region_prefixes(gaz: Gazetteer) -> dict[str, list[tuple[str, int]]]:
    """Each region key's prefixes that drop at most ``_REGION_STEM_DROP`` letters -> (key, entry)."""
    table: dict[str, list[tuple[str, int]]] = {}
    for key, i in _region_keys(gaz).items():
        for drop in range(_REGION_STEM_DROP + 1):
            if len(key) - drop >= _REGION_STEM_MIN:
                table.setdefault(key[: len(key) - drop], []).append((key, i))
    return table
