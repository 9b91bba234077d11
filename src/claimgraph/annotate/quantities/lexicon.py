"""The quantity lexicon: number words, bound and hedge phrases and units, read from language data.

Everything language-specific lives in ``data/<lang>/quantities.yaml`` and ``data/<lang>/units.yaml``;
this module only indexes it for fast lookup by the scanner.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from claimgraph import data
from claimgraph.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written and how to express a value in its dimension's standard unit."""

    name: str
    standard: str
    factor: float = 1.0
    offset: float = 0.0

    def convert(self, value: float | None) -> float | None:
        # 12 significant digits: "59 miles" is 94.951296 km, not 94.95129600000001.
        return None if value is None else float(f"{value * self.factor + self.offset:.12g}")


@dataclass(slots=True)
class Lexicon:
    """Lookup tables for one language (lower-case keys unless noted)."""

    units: dict[str, float]
    tens: dict[str, float]
    scales: dict[str, float]
    groups: dict[str, float]
    scale_suffixes: dict[str, float]  # case-sensitive
    money_scale_suffixes: dict[str, float]  # case-sensitive
    denominators: dict[str, float]
    unit_ordinals: dict[str, float]
    half_not_after: frozenset[str]
    vulgar_fractions: dict[str, float]
    negative: frozenset[str]
    vague_plurals: dict[str, float]
    vague_span: tuple[float, float]
    vague_counters: dict[tuple[str, ...], tuple[float, float]]
    prefix: dict[tuple[str, ...], str]  # phrase -> "low" | "high" | "approximate" | "exact"
    suffix: dict[tuple[str, ...], str]  # phrase -> "low" | "high"
    range_connectors: frozenset[str]
    range_openers: frozenset[str]
    year_prepositions: frozenset[str]
    pronoun_one_after: frozenset[str]
    clock_suffixes: frozenset[str]
    unit_symbols: dict[tuple[str, ...], Unit]  # case-sensitive token sequences
    unit_names: dict[tuple[str, ...], Unit]  # lower-case token sequences
    unit_prefixes: dict[tuple[str, ...], Unit]  # lower-case token sequences
    with_scale: dict[str, Unit]
    short_symbols: frozenset[str]
    max_phrase: int = field(default=1)

    def is_number_word(self, word: str) -> bool:
        return word in self.units or word in self.tens or word in self.scales


def phrase_key(phrase: str) -> tuple[str, ...]:
    """A phrase as the token tuple the lexer would produce for it."""
    from claimgraph.annotate.quantities.lexer import lex  # local: lexer does not need the lexicon

    return tuple(token.text for token in lex(str(phrase)))


def _units(entries: list[dict]) -> tuple[dict, dict, dict]:
    symbols: dict[tuple[str, ...], Unit] = {}
    names: dict[tuple[str, ...], Unit] = {}
    prefixes: dict[tuple[str, ...], Unit] = {}
    for entry in entries:
        name = str(entry["unit"])
        standard, factor, offset = name, 1.0, 0.0
        if "to" in entry:
            standard, factor, *rest = entry["to"]
            offset = float(rest[0]) if rest else 0.0
        unit = Unit(name=name, standard=str(standard), factor=float(factor), offset=offset)
        for form in entry.get("symbols", []):
            symbols[phrase_key(form)] = unit
        for form in entry.get("names", []):
            names[phrase_key(str(form).lower())] = unit
        for form in entry.get("prefix", []):
            prefixes[phrase_key(str(form).lower())] = unit
    return symbols, names, prefixes


@functools.cache
def load_lexicon(lang: str = "en") -> Lexicon:
    """The lexicon for ``lang``, built once per process.

    Raises:
        ConfigError: a data file is missing or malformed.
    """
    try:
        q = data.load("quantities", lang)
        u = data.load("units", lang)
        symbols, names, prefixes = _units(u["units"])
        by_name = {unit.name: unit for unit in [*symbols.values(), *names.values(), *prefixes.values()]}
        lexicon = Lexicon(
            units={k: float(v) for k, v in q["units"].items()},
            tens={k: float(v) for k, v in q["tens"].items()},
            scales={k: float(v) for k, v in q["scales"].items()},
            groups={k: float(v) for k, v in q["groups"].items()},
            scale_suffixes={str(k): float(v) for k, v in q["scale_suffixes"]["any"].items()},
            money_scale_suffixes={str(k): float(v) for k, v in q["scale_suffixes"]["money"].items()},
            denominators={k: float(v) for k, v in q["denominators"].items()},
            unit_ordinals={k: float(v) for k, v in q["unit_ordinals"].items()},
            half_not_after=frozenset(q["half_not_after"]),
            vulgar_fractions={k: float(v) for k, v in q["vulgar_fractions"].items()},
            negative=frozenset(q["negative"]),
            vague_plurals={k: float(v) for k, v in q["vague_plurals"].items()},
            vague_span=(float(q["vague_span"][0]), float(q["vague_span"][1])),
            vague_counters={
                phrase_key(k): (float(v[0]), float(v[1])) for k, v in q["vague_counters"].items()
            },
            prefix={phrase_key(p): kind for kind, phrases in q["prefix"].items() for p in phrases},
            suffix={phrase_key(p): kind for kind, phrases in q["suffix"].items() for p in phrases},
            range_connectors=frozenset(q["range_connectors"]),
            range_openers=frozenset(q["range_openers"]),
            year_prepositions=frozenset(q["year_prepositions"]),
            pronoun_one_after=frozenset(q["pronoun_one_after"]),
            clock_suffixes=frozenset(phrase_key(p) for p in q["clock_suffixes"]),
            unit_symbols=symbols,
            unit_names=names,
            unit_prefixes=prefixes,
            with_scale={str(k): by_name[str(v)] for k, v in u["with_scale"].items()},
            short_symbols=frozenset(str(s) for s in u["short_symbols"]),
        )
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ConfigError(f"malformed quantity data for {lang!r}: {exc!r}") from exc
    phrases = [*lexicon.prefix, *lexicon.suffix, *lexicon.unit_names, *lexicon.unit_symbols]
    lexicon.max_phrase = max(len(p) for p in phrases)
    return lexicon
