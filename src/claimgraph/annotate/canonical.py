"""Canonical entity names: one string per real-world entity, within and across documents.

Rules, all general (no list of known entities):
  * surface: no leading article, possessive, quotes or titles; single spaces; one hyphen form;
  * facilities: generic modifiers dropped before the head ("X International Airport" and
    "X airport" are both "X Airport");
  * acronyms: "NIS" is "National Intelligence Service" when that name is among the names given;
  * short forms: a one-word name ("Kim", "Putin"; spaCy may not call it a person) is the longer
    person name it begins or ends, when exactly one such name is given;
  * case: a name that differs from another only in case takes the better-cased form ("cnn" → "CNN").

``canonical_names`` works on any set of names, so the same call unifies names within one
document or across all documents of a run; ``canonical_name`` gives the surface form of one name
(for naming the source of an attribution); ``unify_across_documents`` rewrites the canonical
names of a batch of analysed documents so that alignment sees one name per entity.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from claimgraph import data
from claimgraph.model import DocumentAnalysis, EntityMention

_QUOTES = "\"'“”‘’«»"
_DASHES = re.compile(r"\s*[‐‑‒–—]\s*")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_NOT_PERSON_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]{1,7}$")


@functools.cache
def _lexicon() -> dict[str, frozenset[str]]:
    entities = data.load("entities")
    keys = ("facility_heads", "facility_modifiers", "acronym_skip_words", "person_titles")
    return {key: frozenset(w.lower() for w in entities[key]) for key in keys}


def canonical_name(text: str, label: str | None = None) -> str:
    """The surface-normalised form of one name (no context needed).

    Args:
        text: the name as written ("the National Intelligence Service's").
        label: the spaCy label, if known; titles are dropped from PERSON names only.
    """
    name = _DASHES.sub("-", " ".join(text.split())).strip(_QUOTES + " ,;:")
    name = _ARTICLE.sub("", _POSSESSIVE.sub("", name)).strip(_QUOTES + " ")
    words = name.split()
    lex = _lexicon()
    if label == "PERSON":
        while len(words) > 1 and words[0].lower().rstrip(".") in lex["person_titles"]:
            words = words[1:]
    if len(words) > 1 and words[-1].lower() in lex["facility_heads"]:
        head = words[-1]
        core = [w for w in words[:-1] if w.lower() not in lex["facility_modifiers"]] or words[:-1]
        words = [*core, head[0].upper() + head[1:].lower() if head.islower() else head]
    return " ".join(words) or text.strip()


def acronym_of(name: str) -> str:
    """The initials of a multi-word name, function words left out ("NIS")."""
    skip = _lexicon()["acronym_skip_words"]
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in skip]
    return "".join(w[0].upper() for w in words if w[0].isalnum()) if len(words) > 1 else ""


def _case_score(name: str) -> tuple[int, int]:
    # prefer forms with capitals (proper names as written), then the longer spelling
    return sum(c.isupper() for c in name[:1]) + (not name.islower()), len(name)


def canonical_names(names: Sequence[tuple[str, str | None]]) -> list[str]:
    """The canonical name of each ``(text, label)``, unified over the whole sequence.

    Args:
        names: entity texts with their labels; pass one document's entities to unify within it,
            or several documents' to unify across them.

    Returns:
        One canonical string per input, in order.
    """
    surface = [canonical_name(text, label) for text, label in names]
    labels = [label for _, label in names]
    # case variants: one spelling per case-folded name
    best_case: dict[str, str] = {}
    for name in surface:
        key = name.casefold()
        if key not in best_case or _case_score(name) > _case_score(best_case[key]):
            best_case[key] = name
    surface = [best_case[n.casefold()] for n in surface]
    distinct = sorted(set(surface))
    by_acronym: dict[str, set[str]] = {}
    for name in distinct:
        if len(name.split()) > 1:
            by_acronym.setdefault(acronym_of(name), set()).add(name)
    # persons by the first and last word of their name: a one-word name may be either
    persons: dict[str, set[str]] = {}
    for n, label in zip(surface, labels, strict=True):
        if label == "PERSON" and len(n.split()) > 1:
            for word in {n.split()[0], n.split()[-1]}:
                persons.setdefault(word, set()).add(n)
    result = []
    for name, label in zip(surface, labels, strict=True):
        result.append(_expand(name, label, by_acronym, persons))
    return result


def _expand(
    name: str, label: str | None, by_acronym: dict[str, set[str]], persons: dict[str, set[str]]
) -> str:
    if _ACRONYM.match(name):
        longer = by_acronym.get(name.replace(".", ""), set())
        if len(longer) == 1:
            return next(iter(longer))
    # a lone word labelled as a place or group is not a person's short name ("Washington", "Russian")
    if label not in _NOT_PERSON_LABELS and len(name.split()) == 1:
        matches = persons.get(name, set())
        if len(matches) == 1:
            return next(iter(matches))
    return name


def unify_across_documents(analyses: Sequence[DocumentAnalysis]) -> None:
    """One canonical name per entity over a batch of documents, written in place.

    Each document names its entities as it was analysed alone: one report's "Kim" stays "Kim"
    when only another report says "Kim Jong-un", and "NIS" stays "NIS" beside another's
    "National Intelligence Service". This unifies the per-document canonical names of every
    entity mention and every cited source (claims' and attributions') with ``canonical_names``
    over the whole batch. A short form shared by several longer names stays as it is.

    Args:
        analyses: the analysed documents of one run (call before alignment).
    """
    entities = [m for a in analyses for m in a.mentions if isinstance(m, EntityMention)]
    # a claim and its attribution may hold the same source object: key each object once, before
    # any is rewritten
    refs = {id(s): s for a in analyses for c in a.claims for s in c.sources}
    refs |= {id(s): s for a in analyses for att in a.attributions for s in att.sources}
    label_of: dict[str, str] = {}
    for m in entities:
        label_of.setdefault(m.canonical or m.text, m.label)
    entity_keys = [(m, (m.canonical or m.text, m.label)) for m in entities]
    ref_keys = [(s, (s.canonical or s.name, label_of.get(s.canonical or s.name))) for s in refs.values()]
    ordered = sorted({key for _, key in entity_keys + ref_keys}, key=lambda key: (key[0], key[1] or ""))
    unified = dict(zip(ordered, canonical_names(ordered), strict=True))
    for m, key in entity_keys:
        m.canonical = unified[key]
    for ref, key in ref_keys:
        ref.canonical = unified[key]
