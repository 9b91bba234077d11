"""Which spans of a document are place names, and what their feature words ask for.

The spans are spaCy's place entities (after ``claimgraph_entities_v1`` has corrected the labels
of names the gazetteer knows). Around each, a feature word from ``data/en/places.yaml`` says what
kind of place is meant: inside the span ("Incheon International Airport", "Zabaykalskyi Krai") or
right after it ("Belgorod region", "Alekseevka military base"), in which case the span grows to
include it, since "Belgorod region" names the region, not the city.

Two more kinds of span name places: a nationality word names its country ("Iraqi" → Iraq), and an
organisation's name often starts with the place it serves ("Kentucky State Police", "Dublin City
Council"), ends with it after "of" ("University of Texas") or after a broadcaster's acronym
("CBC Toronto").
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import math
import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from claimgraph import data
from claimgraph.annotate.places.local import institution_words, local_places
from claimgraph.annotate.places.names import name_key
from claimgraph.annotate.places.resolve import PlaceQuery

_MAX_FEATURE_WORDS = 2
_LEADING = frozenset({"the", "a", "an"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_TAIL_AFTER = frozenset({"of", "in"})  # "University of Texas", "Children's Hospital in Winnipeg"
_MAX_EMBEDDING_TOKENS = 8  # longer spans are titles or lists, not one organisation's name
_MAX_PAIR_PART_TOKENS = 3  # "Middlesex-London", "Springfield-Greene County": each part a short name
_DASHES = frozenset({"-", "–"})
_CONJUNCTIONS = frozenset({"and", "or", ","})
_LISTED = re.compile(r"\s*,?\s*(?:and|or)\s+")  # what joins the last two names of a list
_MAX_TRAILING_WORDS = 2  # "Environment Canada", "Hydro New Brunswick"
_MIN_PERSON_TOKENS = 2  # a lone word tagged PERSON is as often a town ("Roswell police say")
_MAX_LOCATIVE_NAME_TOKENS = 3
_NAMED_AFTER_LOCATIVE = frozenset({"PERSON", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_ACRONYM = re.compile(r"^[A-Z]{1,3}$")


@functools.cache
def feature_phrases() -> dict[tuple[str, ...], str]:
    """Lowercase word tuples → the kind of place they mark ("admin1", "airport", "facility")."""
    table = data.load("places")["feature_words"]
    return {tuple(phrase.lower().split()): kind for kind, phrases in table.items() for phrase in phrases}


@functools.cache
def _dateline_pattern() -> re.Pattern[str]:
    return re.compile(data.load("places")["dateline_place"])


@functools.cache
def _part_prefixes() -> frozenset[str]:
    return frozenset(data.load("places")["part_prefixes"])


@functools.cache
def _generic_name_words() -> frozenset[str]:
    return frozenset(data.load("places")["generic_name_words"])


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


def place_query(span: Span, text: str, *, extend: bool = True) -> PlaceQuery | None:
    """The query for one place entity, or ``None`` when nothing but feature words is left.

    Args:
        span: the entity.
        text: ``span.doc.text``, passed in because spaCy rebuilds it on every access.
        extend: whether a feature word after the span joins it (not for a place inside a longer
            name: "Lansing State Journal" is no state).
    """
    doc = span.doc
    tokens = [t for t in span if not t.is_space]  # "Ravenna\n\n": a tagger's span may end in a line break
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
    elif extend and tokens[-1].i + 1 == span.end and (after := _feature_after(doc, span.end)):
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


def _name_like(tokens: list, persons: frozenset[str]) -> bool:
    """Capitalised words ("U.S." is one), not all generic, none a word of a person's name."""
    words = [t for t in tokens if any(c.isalpha() for c in t.text)]
    return (
        bool(words)
        and tokens[0] is words[0]
        and tokens[-1] is words[-1]  # "Springfield-" of "Springfield-Greene County" is "Springfield"
        and all(t.text[:1].isupper() for t in words)
        and any(t.lower_ not in _generic_name_words() for t in words)
        and not any(t.text in persons for t in tokens)
        and tokens[-1].text not in _POSSESSIVE
    )


def _name_shaped(name: str) -> bool:
    """Whether a place span starts like a name: "swan" tagged as a place is a common noun
    (scripts without case pass)."""
    return not name[:1].islower()


def person_words(doc: Doc, has_entry: Callable[[str], bool] | None = None) -> frozenset[str]:
    """The words of the document's person names: "Obama administration" names no town Obama.

    Feature words are left out: a "County" in a PERSON span is a tagging slip ("Clark County's"),
    and no reason to refuse "Laurel County" inside "Laurel County Fiscal Court"; so are the words
    before an office in one ("Lewisburg" of "Lewisburg Mayor John Manchester"). A lone word
    tagged PERSON is left out too: as often a town ("Roswell police say") as a surname, and a
    surname mostly comes with the full name elsewhere in the report.
    """
    offices = institution_words(doc)
    return frozenset(
        t.text
        for ent in doc.ents
        if ent.label_ == "PERSON"
        and len(ent) - sum(t.i in offices for t in ent) >= _MIN_PERSON_TOKENS
        and not (has_entry and town_after_locative(ent, has_entry))
        for t in ent
        if (t.lower_,) not in feature_phrases() and t.i not in offices
    )


def town_after_locative(ent: Span, has_entry: Callable[[str], bool]) -> bool:
    """Whether a person's (or work's, product's ...) span of a few words right after a locative
    preposition is exactly a town's name: "in Glen Carbon", "to Squirrel Hill" (one word is the
    entity recogniser's case)."""
    return (
        _MIN_PERSON_TOKENS <= len(ent) <= _MAX_LOCATIVE_NAME_TOKENS
        and ent.start > 0
        and ent.doc[ent.start - 1].lower_ in _locatives()
        and all(t.text[:1].isupper() for t in ent)
        and has_entry(ent.text)
    )


def embedded_place(
    span: Span, known: Callable[[str], bool], persons: frozenset[str] = frozenset()
) -> Span | None:
    """The place a longer name starts or ends with, when ``known`` says the words name a place.

    Tried in order, longest first: the span's first words ("Kentucky State Police"), the words
    after its last "of" ("University of Texas", "University of Missouri Extension"), its last
    words after an acronym ("CBC Toronto"), the words after a leading part word ("Northeast
    Georgia Medical Center"), the words after an earlier "of" ("University of Kentucky College
    of Law").

    Args:
        span: an organisation's name, or a place span the gazetteer does not know ("Paris City Hall").
        known: whether a text is a place name worth taking from inside another name.
        persons: words of person names in the document, never taken as places.
    """
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[0].lower_ in _LEADING:
        tokens = tokens[1:]
    while tokens and tokens[-1].text in _POSSESSIVE:
        tokens = tokens[:-1]
    if not 1 < len(tokens) <= _MAX_EMBEDDING_TOKENS:
        return None
    # not words a particle joins to more of the name ("Castel" of "Castel di Sangro")
    pieces = [tokens[:n] for n in range(len(tokens) - 1, 0, -1) if tokens[n].lower_ not in _particles()]
    tail_at = max((i for i, t in enumerate(tokens) if t.lower_ in _TAIL_AFTER), default=None)
    if tail_at is not None:
        # the words after it, longest first: "Missouri" of "University of Missouri Extension"
        pieces += [tokens[tail_at + 1 : n] for n in range(len(tokens), tail_at + 1, -1)]
    if tokens[0].is_upper and len(tokens[0]) > 1:  # a broadcaster's or agency's acronym
        pieces.append(tokens[1:])
    if tokens[0].lower_ in _part_prefixes():  # "Northeast Georgia Medical Center", "Metro Vancouver"
        pieces += [tokens[1:n] for n in range(len(tokens), 1, -1)]
    # "University of Kentucky College of Law": the words after an earlier "of", up to the next one
    for i in (i for i, t in enumerate(tokens[:tail_at]) if t.lower_ in _TAIL_AFTER):
        end = next((j for j in range(i + 1, len(tokens)) if tokens[j].lower_ in _TAIL_AFTER), len(tokens))
        pieces += [tokens[i + 1 : n] for n in range(end, i + 1, -1)]
    for piece in pieces:
        if _name_like(piece, persons):
            sub = span.doc[piece[0].i : piece[-1].i + 1]
            if known(sub.text):
                return sub
    return None


def nationality_query(span: Span) -> PlaceQuery:
    """A nationality word as a mention of its country ("Iraqi" → Iraq)."""
    tokens = [t for t in span if t.lower_ not in _LEADING] or list(span)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    text = span.doc[tokens[0].i : tokens[-1].i + 1].text  # not doc.text: spaCy rebuilds it on every access
    return PlaceQuery(text=text, start=start, end=end, name=text, feature="nationality")


def _hyphenated_nationalities(span: Span, country_of: Callable[[str], str | None]) -> list[Span]:
    """The nationality words of a hyphenated pair ("Turkish-Russian", "German-Iraqi"), or none."""
    parts = [t for t in span if t.text not in ("-", "–")]
    if len(parts) < 2 or len(parts) == len(span) or not all(country_of(t.text) for t in parts):
        return []
    return [span.doc[t.i : t.i + 1] for t in parts]


@functools.cache
def _locatives() -> frozenset[str]:
    return frozenset(data.load("places")["locative_prepositions"])


def _coordinated_places(span: Span, has_entry: Callable[[str], bool], persons: frozenset[str]) -> list[Span]:
    """The places of "X and Y", "X or Y", "X, Y" after a locative preposition, when every one of
    them is a listed place (a company's "A & B" is no pair of towns)."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in _locatives():
        return []
    parts, current = [], []
    for token in span:
        if token.lower_ in _CONJUNCTIONS:
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    if len(parts) < 2 or not all(p and _name_like(p, persons) for p in parts):
        return []
    spans = [doc[p[0].i : p[-1].i + 1] for p in parts]
    return spans if all(has_entry(s.text) for s in spans) else []


def _hyphenated_places(
    span: Span,
    has_entry: Callable[[str], bool],
    neighbours: Callable[[str, str], tuple[str, str] | None],
    persons: frozenset[str],
) -> tuple[list[Span], tuple[str, str]] | None:
    """The two places an organisation's name opens with, joined by a hyphen, when entries of the
    two lie near each other: neighbours sharing a service ("Middlesex-London EMS"), not a
    company's two names ("Mercedes-Benz", "Coca-Cola": no town of either lies by one of the other).
    Returns the two spans and the names of the neighbouring entries (the county "Middlesex" is)."""
    doc = span.doc
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[0].lower_ in _LEADING:
        tokens = tokens[1:]
    dash = next((i for i, t in enumerate(tokens) if t.text in _DASHES), None)
    if not dash or dash > _MAX_PAIR_PART_TOKENS or not _name_like(tokens[:dash], persons):
        return None
    first = doc[tokens[0].i : tokens[dash - 1].i + 1]
    if tokens[dash - 1].idx + len(tokens[dash - 1]) != tokens[dash].idx:
        return None  # "Ohio - Kentucky": spaced dashes join other things
    for n in range(min(_MAX_PAIR_PART_TOKENS, len(tokens) - dash - 1), 0, -1):
        part = tokens[dash + 1 : dash + 1 + n]
        second = doc[part[0].i : part[-1].i + 1]
        if _name_like(part, persons) and has_entry(second.text):
            names = neighbours(first.text, second.text)
            if names:
                return [first, second], names
    return None


def _names_airport(span: Span) -> bool:
    """Whether a name ends with an airport word ("... International Airport")."""
    return len(span) > 1 and feature_phrases().get((span[-1].lower_,)) == "airport"


def _trailing_area(span: Span, is_area: Callable[[str], bool], persons: frozenset[str]) -> Span | None:
    """The country or region an organisation's name ends with ("Statistics Canada")."""
    tokens = [t for t in span if not t.is_space]
    while tokens and tokens[-1].text in _POSSESSIVE:
        tokens = tokens[:-1]
    for n in range(min(_MAX_TRAILING_WORDS, len(tokens) - 1), 0, -1):
        piece = tokens[-n:]
        text = span.doc[piece[0].i : piece[-1].i + 1].text
        if _name_like(piece, persons) and not _ACRONYM.match(text) and is_area(text):  # "Metix MD"
            return span.doc[piece[0].i : piece[-1].i + 1]
    return None


def _leading_nationality(span: Span, country_of: Callable[[str], str | None]) -> Span | None:
    """The nationality word opening an organisation's name ("the Lebanese Army")."""
    tokens = [t for t in span if t.lower_ not in _LEADING]
    if len(tokens) < 2 or not tokens[0].is_title or not country_of(tokens[0].text):
        return None
    return span.doc[tokens[0].i : tokens[0].i + 1]


def _names_a_part_only(q: PlaceQuery) -> bool:
    """A span of words for a part only ("Central", "Eastern", "Upper") is no place by itself,
    whatever construction found it ("the Northern Courier"); with a feature word it may be
    ("Northern Territory", "Central region")."""
    return all(w in _part_prefixes() for w in q.text.lower().split())


@functools.cache
def _possessive_day() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in data.load("places")["possessive_day_words"])
    return re.compile(rf"(?:['’]s|s['’])\s+(?:{words})\b")


def _names_a_day(q: PlaceQuery, text: str) -> bool:
    """A name in a holiday's ("St. Patrick's Day", "St. George's Day") is no place."""
    return bool(_possessive_day().match(text, q.end))


def _named_again(
    doc: Doc, text: str, queries: list[PlaceQuery], labels: frozenset[str], persons: frozenset[str]
) -> list[PlaceQuery]:
    """Spans of ``labels`` that are exactly a place name the document uses elsewhere
    ("Torrington" tagged ORG beside "TORRINGTON —"): a name keeps one sense in one report.
    Nationalities and words of persons' names lend no sense ("Bell" after "Kristen Bell")."""
    names = {name_key(q.name) for q in queries if q.feature != "nationality"}
    taken = [(q.start, q.end) for q in queries]
    found = []
    for ent in doc.ents:
        if ent.label_ not in labels or any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        q = place_query(ent, text, extend=False)
        if (
            q is not None
            and q.feature is None
            and name_key(q.name) in names
            and _name_shaped(q.name)
            and not persons.intersection(q.name.split())
        ):
            found.append(q)
    return found


def _untagged_again(
    doc: Doc, text: str, queries: list[PlaceQuery], persons: frozenset[str]
) -> list[PlaceQuery]:
    """Proper nouns outside every entity that start with a place name the document uses
    elsewhere ("Glasgow Police" after "in Glasgow"), longest name first; not generic words
    ("Valley") nor words of persons' names."""
    names = {name_key(q.name) for q in queries if q.feature != "nationality"}
    if not names:
        return []
    in_entity = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    in_entity.update(
        t.i for q in queries if (span := doc.char_span(q.start, q.end, alignment_mode="expand")) for t in span
    )
    longest = max(len(name.split()) for name in names)
    found, run = [], []
    for token in [*doc, None]:
        if token is not None and token.i not in in_entity and token.is_title and token.pos_ == "PROPN":
            run.append(token)
            continue
        i = 0
        while i < len(run):
            for n in range(min(longest, len(run) - i), 0, -1):
                words = run[i : i + n]
                if name_key(" ".join(t.text for t in words)) in names and _name_like(words, persons):
                    q = place_query(doc[words[0].i : words[-1].i + 1], text, extend=False)
                    found += [q] if q is not None else []
                    i += n - 1
                    break
            i += 1
        run = []
    return found


def place_queries(
    doc: Doc,
    labels: frozenset[str],
    *,
    nationality_labels: frozenset[str] = frozenset(),
    country_of: Callable[[str], str | None] = lambda _: None,
    embedding_labels: frozenset[str] = frozenset(),
    known: Callable[[str], bool] = lambda _: False,
    has_entry: Callable[[str], bool] = lambda _: True,
    is_area: Callable[[str], bool] = lambda _: False,
    neighbours: Callable[[str, str], tuple[str, str] | None] = lambda _a, _b: None,
    airport_named: Callable[[str], bool] = lambda _: False,
) -> list[PlaceQuery]:
    """A query for every place entity in ``doc``, in text order.

    A place directly followed by ", <place>" ("Paris, Texas") is qualified by that place.

    Args:
        doc: the document.
        labels: entity labels of place names.
        nationality_labels: labels of nationality words; those ``country_of`` maps to a country
            become mentions of it.
        country_of: the ISO code of the country (or the continent) a nationality word names,
            or ``None``.
        embedding_labels: labels of names that may start or end with a place ("Ohio State University").
        known: whether a text names a place prominent enough to take from inside another name.
        has_entry: whether a name is the own name of a gazetteer entry; a place
            span without one is replaced by the listed place inside it ("Paris City Hall" → Paris).
        is_area: whether a name is a country's or first-level region's; one ending an
            organisation's name names that area ("Environment Canada").
        neighbours: the names of two names' entries that lie near each other, or ``None``; an
            organisation's name opening with two such names joined by a hyphen names both
            ("Middlesex-London EMS": Middlesex County and London).
        airport_named: whether a name is an airport's own and no nearby place's; in a sentence
            about flying such a name is the airport ("Flights from Heathrow were cancelled"),
            whatever the entity recogniser tagged it.
    """
    text = doc.text
    persons = person_words(doc, has_entry) if embedding_labels else frozenset()
    flying = _FlyingTalk(doc)
    queries = []
    for ent in doc.ents:
        if ent.label_ in labels:
            q = place_query(ent, text)
            if q is not None and not _name_shaped(q.name):
                continue
            # inside a place's name any listed place will do ("Cottonport Fire Station")
            # (not inside a country's or region's listed name: "West Bank" is no village Bank)
            if (
                q is not None
                and not has_entry(q.name)
                and not is_area(q.name)
                and (sub := embedded_place(ent, has_entry, persons))
            ):
                q = place_query(sub, text, extend=False) or q
        elif ent.label_ in nationality_labels and country_of(ent.text):
            q = nationality_query(ent)
        elif ent.label_ in nationality_labels:  # "Turkish-Russian relations": two countries
            queries += [nationality_query(part) for part in _hyphenated_nationalities(ent, country_of)]
            q = None
        elif ent.label_ in _NAMED_AFTER_LOCATIVE and town_after_locative(ent, has_entry):
            q = place_query(ent, text, extend=False)  # "in Glen Carbon" tagged PERSON
        elif ent.label_ in _NAMED_AFTER_LOCATIVE and airport_named(ent.text) and flying.at(ent.start_char):
            q = place_query(ent, text, extend=False)  # "Heathrow and Gatwick reported delays" tagged PERSON
        elif ent.label_ in embedding_labels and _names_airport(ent):
            q = place_query(ent, text)  # "Macdonald-Cartier International Airport" tagged ORG
        elif ent.label_ in embedding_labels and (
            pair := _hyphenated_places(ent, has_entry, neighbours, persons)
        ):
            for part, name in zip(*pair, strict=True):
                if part_query := place_query(part, text, extend=False):
                    queries.append(dataclasses.replace(part_query, name=name))
            q = None  # "Middlesex-London EMS", "the Springfield-Greene County Health Department"
        elif ent.label_ in embedding_labels and (sub := embedded_place(ent, known, persons)):
            q = place_query(sub, text, extend=False)
        elif ent.label_ in embedding_labels and (sub := _trailing_area(ent, is_area, persons)):
            q = place_query(sub, text, extend=False)  # "Environment Canada", "Team Alberta"
        elif ent.label_ in embedding_labels and (sub := _leading_nationality(ent, country_of)):
            q = nationality_query(sub)  # "the Russian Foreign Ministry", "Syrian forces"
        elif ent.label_ in embedding_labels and (parts := _coordinated_places(ent, has_entry, persons)):
            queries += [q for part in parts if (q := place_query(part, text, extend=False))]
            q = None  # "south to Ingham or Townsville", "crews from Hornsey, Stoke Newington"
        else:
            q = None
        if q is not None:
            queries.append(q)
    queries = [_as_airport(q, airport_named, flying) for q in queries if not _names_a_part_only(q)]
    if embedding_labels:  # "the Northern Courier" is no town Northern before a newspaper's name
        queries = [
            q
            for q in _with_local(doc, text, queries, has_entry, persons, is_area)
            if not _names_a_part_only(q)
        ]
        queries += _compound_places(doc, text, queries, known, country_of)
    queries += _named_again(doc, text, queries, embedding_labels, persons)
    queries += _untagged_again(doc, text, queries, persons)
    queries = _joined_by_particle(sorted(queries, key=lambda q: q.start), text, has_entry)
    queries = [q for q in queries if not _names_a_day(q, text)]
    # a dateline names the town the report was filed from ("WASHINGTON —" is not the state)
    datelines = {match.start("place") for match in _dateline_pattern().finditer(text)}
    queries = [
        dataclasses.replace(q, feature="settlement") if q.start in datelines and q.feature is None else q
        for q in queries
    ]
    for i in range(len(queries) - 1):
        between = text[queries[i].end : queries[i + 1].start]
        if between.strip() == "," and not _modifies_noun(doc, queries[i + 1]):
            queries[i] = dataclasses.replace(queries[i], qualifier=i + 1)
        elif _LISTED.fullmatch(between):  # "Montana and Wyoming", "Iowa, Missouri or Nevada"
            queries[i + 1] = dataclasses.replace(queries[i + 1], listed_after=i)
    return queries


@functools.cache
def _aviation_words() -> frozenset[str]:
    return frozenset(data.load("places")["aviation_words"])


class _FlyingTalk:
    """Which sentences of a document speak of flying ("flights", "runway", "passengers"): read
    once, on the first question, so a long document is not scanned again for every name."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._ends: list[tuple[int, int]] | None = None

    def at(self, char: int) -> bool:
        if self._ends is None:
            words = _aviation_words()
            sentences = self.doc.sents if self.doc.has_annotation("SENT_START") else [self.doc[:]]
            self._ends = [(s.end_char, s.start_char) for s in sentences if any(t.lower_ in words for t in s)]
        i = bisect.bisect_right(self._ends, (char, math.inf))  # the first sentence ending after it
        return i < len(self._ends) and self._ends[i][1] <= char


def _as_airport(q: PlaceQuery, airport_named: Callable[[str], bool], flying: _FlyingTalk) -> PlaceQuery:
    """A bare name that is an airport's own, in a sentence about flying, asks for the airport."""
    if q.feature is None and airport_named(q.text) and flying.at(q.start):
        return dataclasses.replace(q, feature="flight")
    return q


def _joined_by_particle(
    queries: list[PlaceQuery], text: str, has_entry: Callable[[str], bool]
) -> list[PlaceQuery]:
    """Two names joined by a particle of a Romance place name ("Marina di Ravenna", "Santiago
    de Compostela") are one name: its entry when the gazetteer has one, else the second name,
    which the first lies in or by (Marina di Ravenna is Ravenna's seaside, no town "Marina")."""
    particles = _particles()
    out: list[PlaceQuery] = []
    for q in queries:
        prev = out[-1] if out else None
        gap = text[prev.end : q.start] if prev is not None else ""
        if (
            prev is not None
            and prev.feature is None
            and q.feature is None
            and gap.startswith(" ")
            and gap.endswith(" ")
            and gap.strip().lower() in particles
        ):
            whole = text[prev.start : q.end]
            out[-1] = (
                PlaceQuery(text=whole, start=prev.start, end=q.end, name=whole) if has_entry(whole) else q
            )
            continue
        out.append(q)
    return out


@functools.cache
def _particles() -> frozenset[str]:
    return frozenset(data.load("places")["name_particles"])


def _with_local(
    doc: Doc,
    text: str,
    queries: list[PlaceQuery],
    has_entry: Callable[[str], bool],
    persons: frozenset[str],
    is_area: Callable[[str], bool],
) -> list[PlaceQuery]:
    """``queries`` with the names of local constructions (``local.py``) no query covers; a name of
    coordinated regions ("Walton" of "Walton and Oconee counties") replaces the query of its span."""
    found = []
    for span, region, feature in local_places(doc, text, has_entry, persons, _generic_name_words(), is_area):
        q = place_query(span, text, extend=False)
        if q is None:
            continue
        if region:
            q = dataclasses.replace(q, name=f"{q.name} {region}", feature=feature)
        elif q.feature is None and feature:
            q = dataclasses.replace(q, feature=feature)
        same = [other for other in queries if (other.start, other.end) == (q.start, q.end)]
        if region and same and same[0].feature is None:
            queries = [other for other in queries if other is not same[0]]
        elif any(other.start < q.end and q.start < other.end for other in queries):
            continue
        found.append(q)
    return queries + found


@functools.cache
def _compound_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in data.load("places_local")["hyphen_words"])
    return re.compile(rf"(?<!\S)(?P<name>[A-Z][\w.'’]*(?:-[A-Z][\w.'’]*)*)[-–](?:{words})(?![\w-])")


def _compound_places(
    doc: Doc,
    text: str,
    queries: list[PlaceQuery],
    known: Callable[[str], bool],
    country_of: Callable[[str], str | None],
) -> list[PlaceQuery]:
    """Places opening a hyphenated compound the tokenizer keeps whole ("U.S.-led", "Saudi-backed",
    "Texas-based"): a known place's name, or a nationality word for its country. (Written as
    three tokens, "Washington - based", ``local.py`` finds them.)"""
    found = []
    for match in _compound_pattern().finditer(text):
        start, end = match.span("name")
        token = doc.char_span(match.start(), match.end())
        if token is None or len(token) != 1 or any(q.start < match.end() and start < q.end for q in queries):
            continue
        name = match.group("name")
        if known(name):
            found.append(PlaceQuery(text=name, start=start, end=end, name=name))
        elif country_of(name):
            found.append(PlaceQuery(text=name, start=start, end=end, name=name, feature="nationality"))
    return found


def _modifies_noun(doc: Doc, q: PlaceQuery) -> bool:
    """Whether a noun follows the place: "in Russia, U.S. officials said" is no Russia in the U.S."""
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    return span is not None and span.end < len(doc) and doc[span.end].pos_ == "NOUN"
