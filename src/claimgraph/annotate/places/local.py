"""Town names that local news gives without a locative word, which entity taggers miss or call
persons and organisations: before an institution or official ("Roselle police", "Lewisburg Mayor
John Manchester"), before a resident noun ("a Crafton man"), after a party letter ("D-Charleston"),
after a person ("Rebecca Sears, 41, of Grovetown"), after "City of", and names coordinated before a
plural region word ("Barrow and Jackson counties" → Barrow County, Jackson County).

The words are in ``data/en/places_local.yaml``; every name must be a gazetteer entry of its own
(``has_entry``) and no word of a person's name in the document.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

from spacy.tokens import Doc, Span, Token

from claimgraph import data

_MAX_ABBREVIATION = 3
_MAX_NAME_TOKENS = 3  # "Bradford Woods", "Gun Barrel City", "Sault Ste. Marie" (a full stop is no word)
_PHRASE_WORDS = re.compile(r"'s|[^\s']+")
_APOSTROPHES = str.maketrans({"’": "'"})
_HYPHENS = frozenset({"-", "–"})
_MIN_PAIR_CHARS = 3
_PARTY_REGION = "County"  # "D-Braxton": a state legislator's county


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(_PHRASE_WORDS.findall(phrase.lower().translate(_APOSTROPHES)))


@functools.cache
def _lexicon() -> dict:
    table = data.load("places_local")
    return {
        "heads": frozenset(_words(p) for p in table["institution_heads"]),
        "head_len": max(len(_words(p)) for p in table["institution_heads"]),
        "head_starts": frozenset(_words(p)[0] for p in table["institution_heads"]),
        # lowercase words that may start a construction (party letters are matched as written)
        "triggers": frozenset(
            {_words(p)[0] for p in table["institution_heads"]}
            | set(table["resident_nouns"])
            | {"of", "from", ",", *_HYPHENS}
        ),
        "residents": frozenset(table["resident_nouns"]),
        "determiners": frozenset(table["resident_determiners"]),
        "parties": frozenset(table["party_letters"]),
        "hyphen_words": frozenset(table["hyphen_words"]),
        "settlement_of": frozenset(table["settlement_of"]),
        "plurals": {word: singular for word, singular in table["plural_regions"].items()},
    }


def _lower(token: Token) -> str:
    return token.lower_.translate(_APOSTROPHES)


def _head_at(doc: Doc, i: int) -> int:
    """The number of tokens of the longest institution phrase starting at token ``i`` (0: none)."""
    lex = _lexicon()
    if _lower(doc[i]) not in lex["head_starts"]:
        return 0
    for n in range(min(lex["head_len"], len(doc) - i), 0, -1):
        if tuple(_lower(t) for t in doc[i : i + n]) in lex["heads"]:
            return n
    return 0


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and any(c.isalpha() for c in token.text)


def _in_name(doc: Doc, i: int) -> bool:
    """A capitalised token, or the full stop of an abbreviation inside a name ("Ste" "." "Marie")."""
    token = doc[i]
    return _capitalised(token) or (
        token.text == "."
        and 0 < i < len(doc) - 1
        and not doc[i - 1].whitespace_
        and _capitalised(doc[i - 1])
        and len(doc[i - 1]) <= _MAX_ABBREVIATION  # "Ste", "Mt"; not a sentence's last word
        and _capitalised(doc[i + 1])
    )


def institution_words(doc: Doc) -> set[int]:
    """Indices of the tokens of a person's span before an institution phrase or a resident noun,
    inside the span or right after it: a place ("Lewisburg" of "Lewisburg Mayor John Manchester",
    "a Kokomo man"), not words of the person's name."""
    residents = _lexicon()["residents"]
    found: set[int] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        for i in range(ent.start + 1, min(ent.end + 1, len(doc))):
            if ((_capitalised(doc[i]) or i == ent.end) and _head_at(doc, i)) or (
                i == ent.end and doc[i].lower_ in residents
            ):
                found.update(range(ent.start, i))
                break
    return found


def _name_before(doc: Doc, end: int, ok: Callable[[list[Token]], bool]) -> list[Token] | None:
    """The longest name of capitalised tokens ending at token ``end`` (exclusive) that ``ok`` accepts."""
    start = end
    words = 0
    while start > 0 and words < _MAX_NAME_TOKENS and _in_name(doc, start - 1):
        start -= 1
        words += doc[start].text != "."
    for first in range(start, end):
        tokens = list(doc[first:end])
        if doc[first].text != "." and ok(tokens):
            return tokens
    return None


def _name_after(doc: Doc, start: int, ok: Callable[[list[Token]], bool]) -> list[Token] | None:
    """The longest complete name of capitalised tokens starting at token ``start`` that ``ok`` accepts."""
    end, words = start, 0
    while end < len(doc) and words < _MAX_NAME_TOKENS and _in_name(doc, end):
        words += doc[end].text != "."
        end += 1
    if end < len(doc) and _capitalised(doc[end]):
        return None  # a longer name than any place's: "of Grand Rapids Community College"
    tokens = list(doc[start:end])
    return tokens if tokens and ok(tokens) else None


def _after_person(doc: Doc, i: int, person_ends: set[int]) -> bool:
    """Whether token ``i`` ("of", "from") follows a person's name, perhaps with their age between
    commas ("Rebecca Sears, 41, of", "Amstutz, of")."""
    j = i - 1
    if j >= 0 and doc[j].text == ",":
        j -= 1
        if j >= 1 and doc[j].like_num and doc[j - 1].text == ",":
            j -= 2
    return j + 1 in person_ends


def _settlement_of(doc: Doc, i: int) -> bool:
    """'City of X', 'the towns of X and Y'."""
    return i >= 1 and doc[i - 1].lower_ in _lexicon()["settlement_of"]


def _names_after(doc: Doc, start: int, ok: Callable[[list[Token]], bool]) -> Iterator[list[Token]]:
    """The names of "X", "X and Y", "X, Y and Z" from token ``start``, while each is accepted."""
    while name := _name_after(doc, start, ok):
        yield name
        start = name[-1].i + 1
        if start + 1 < len(doc) and doc[start].text == "," and doc[start + 1].lower_ in ("and", "or"):
            start += 1  # the serial comma
        if start + 1 >= len(doc) or doc[start].lower_ not in ("and", "or", ","):
            return
        start += 1


def _hyphenated(doc: Doc, i: int, ok: Callable[[list[Token]], bool]) -> list[list[Token]]:
    """The names around the hyphen at token ``i``: "Washington" of "Washington-based", both of
    "Fargo-Moorhead" (each a gazetteer entry)."""
    before = _name_before(doc, i, ok) if doc[i - 1].idx + len(doc[i - 1]) == doc[i].idx else None
    if before is None:
        return []
    if doc[i + 1].lower_ in _lexicon()["hyphen_words"]:
        return [before]
    # a pair needs a whole name before the hyphen, of some length: no "Amber Sinclair-Alexander",
    # no "Al-Ahram"
    start = before[0].i
    if (start and _capitalised(doc[start - 1])) or len(doc[start:i].text) < _MIN_PAIR_CHARS:
        return []
    after = _name_after(doc, i + 1, ok) if doc[i].idx + 1 == doc[i + 1].idx else None
    return [before, after] if after and len(after[0].text) >= _MIN_PAIR_CHARS else []


def _town_and_region(
    doc: Doc, i: int, ok: Callable[[list[Token]], bool], is_area: Callable[[str], bool]
) -> list[list[Token]]:
    """The town and the region or country of "Wainwright, Alta.", "Chowchilla, Calif." around the
    comma at token ``i``; the town must be a gazetteer entry, the region a listed name or
    abbreviation that ends there (an abbreviation's full stop, punctuation or the text's end:
    "Chad" of "C.J. McArthur, Chad Foster" is no country)."""
    area = None
    for end in range(min(i + 1 + _MAX_NAME_TOKENS, len(doc)), i + 1, -1):
        tokens = list(doc[i + 1 : end])
        closed = end == len(doc) or doc[end].is_punct or tokens[-1].text.endswith(".")
        if (
            closed
            and all(_capitalised(t) or t.text == "." for t in tokens)
            and is_area(doc[i + 1 : end].text)
        ):
            area = tokens
            break
    town = _name_before(doc, i, ok) if area else None
    return [town, area] if town else []


def _matches(
    doc: Doc,
    ok: Callable[[list[Token]], bool],
    is_area: Callable[[str], bool],
    party_ok: Callable[[list[Token]], bool],
    town_ok: Callable[[list[Token]], bool],
) -> Iterator[tuple[list[Token], str | None]]:
    """(name tokens, feature) for each construction but the coordinated regions."""
    lex = _lexicon()
    person_ends = {ent.end for ent in doc.ents if ent.label_ == "PERSON"}
    after_head = 0
    for token in doc:
        i, lower = token.i, token.lower_
        if i < after_head or (lower not in lex["triggers"] and token.text not in lex["parties"]):
            continue  # most words start no construction: look no further
        if head := _head_at(doc, i):
            if name := _name_before(doc, i, ok):
                yield name, None
            after_head = (
                i + head
            )  # "City Council" is one head, not "City" and then "Council" after "Athens City"
            continue
        if lower in lex["residents"] and token.is_lower and (name := _name_before(doc, i, ok)):
            before = doc[name[0].i - 1] if name[0].i else None
            if before is None or before.lower_ in lex["determiners"] or before.text.endswith("old"):
                yield name, None  # "a Crafton man", "the 60-year-old Alton man"
        elif token.text in lex["parties"] and 0 < i < len(doc) - 2 and doc[i + 1].text == "-":
            if doc[i - 1].text in (",", "(") and (name := _name_after(doc, i + 2, party_ok)):
                yield name, "party"
        elif lower == "of" and _settlement_of(doc, i):
            for name in _names_after(doc, i + 1, ok):
                yield name, "settlement"
        elif (
            lower in ("of", "from")
            and _after_person(doc, i, person_ends)
            and (name := _name_after(doc, i + 1, ok))
        ):
            yield name, None
        elif token.text in _HYPHENS and 0 < i < len(doc) - 1:
            yield from ((name, None) for name in _hyphenated(doc, i, ok))
        elif token.text == "," and i + 1 < len(doc):
            for name in _town_and_region(doc, i, town_ok, is_area):
                yield name, None


def _coordinated_regions(
    doc: Doc, text: str, ok: Callable[[list[Token], str | None], bool]
) -> Iterator[tuple[list[Token], str]]:
    """(name tokens, singular region word) of "X, Y and Z counties"."""
    plurals = _lexicon()["plurals"]
    lowered = text.lower()
    if not any(word in lowered for word in plurals):
        return  # most reports have none: no need to look at every token
    for token in doc:
        singular = plurals.get(token.lower_)
        if singular is None:
            continue
        end = token.i
        while end > 0:
            name = _name_before(doc, end, lambda tokens, s=singular: ok(tokens, s))
            if name is None:
                break
            yield name, singular
            end = name[0].i
            if end > 0 and doc[end - 1].lower_ in ("and", "or", ","):
                end -= 1
                if end > 0 and doc[end - 1].text == "," and doc[end].lower_ in ("and", "or"):
                    end -= 1  # the serial comma
            else:
                break


def local_places(
    doc: Doc,
    text: str,
    has_entry: Callable[[str], bool],
    persons: frozenset[str],
    generic: frozenset[str],
    is_area: Callable[[str], bool],
) -> list[tuple[Span, str | None, str | None]]:
    """(span, region word, feature) of the names of local constructions, in text order, one per
    start; a region word ("County") is to be added to the name of a span of coordinated regions.

    Args:
        doc: the document.
        text: ``doc.text`` (spaCy rebuilds it on every access).
        has_entry: whether a name is the own name of a gazetteer entry.
        persons: words of person names in the document.
        generic: words that alone name no place here ("North", "University").
        is_area: whether a name is a country's or first-level region's (or their abbreviation).
    """

    def name_ok(
        tokens: list[Token], singular: str | None = None, *, people: frozenset[str] = persons
    ) -> bool:
        last = tokens[-1].text
        if tokens[0].is_stop or not (last[-1:].isalnum() or last.endswith(".")):
            return False  # "The", "A" ("Å" is a Norwegian village), "Sheriff's"
        if any(t.text in people for t in tokens) or all(t.lower_ in generic for t in tokens):
            return False
        name = text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])]
        return has_entry(f"{name} {singular}" if singular else name)

    def area_ok(tokens: list[Token]) -> bool:
        return is_area(text[tokens[0].idx : tokens[-1].idx + len(tokens[-1])])

    def town_ok(tokens: list[Token]) -> bool:
        """A town before ", <region>" ("Sault Ste. Marie, Ontario"), even in a person's span."""
        return name_ok(tokens, people=frozenset())

    def party_ok(tokens: list[Token]) -> bool:
        """A politician's town, state ("D-N.Y.") or county ("D-Braxton": Braxton County)."""
        return name_ok(tokens) or area_ok(tokens) or name_ok(tokens, _PARTY_REGION)

    found: dict[int, tuple[Span, str | None, str | None]] = {}
    for tokens, feature in _matches(doc, name_ok, is_area, party_ok, town_ok):
        span = doc[tokens[0].i : tokens[-1].i + 1]
        if feature == "party":
            county = not (name_ok(tokens) or area_ok(tokens))
            found.setdefault(tokens[0].i, (span, _PARTY_REGION, "admin1") if county else (span, None, None))
        else:
            found.setdefault(tokens[0].i, (span, None, feature))
    for tokens, singular in _coordinated_regions(doc, text, name_ok):
        found[tokens[0].i] = (doc[tokens[0].i : tokens[-1].i + 1], singular, "admin1")
    return [found[i] for i in sorted(found)]
