"""Find quantities in plain text: numbers with their bounds, hedges, ranges and units.

The grammar, left to right at each token:

    [prefix phrase] [range opener] [currency] NUMBER|VAGUE [unit]
        [connector [currency] NUMBER [unit]] [suffix phrase]

"between 10,000 and 20,000", "up to 400", "around 4,000", "approximately 95 kilometres",
"tens of thousands", "$2.5bn", "500 or more", "five and a half million", "$80 per barrel",
"45 ± 5 km". A range is one quantity. Years, dates, clock times,
ordinals and codes such as "IL-76" are not quantities. No spaCy here: this is pure text in, spans
out, so it can be tested and measured on its own; the component adds what needs the parse.
"""

from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass

from claimgraph import data
from claimgraph.annotate.quantities.lexer import Token, lex
from claimgraph.annotate.quantities.lexicon import Lexicon, Unit, load_lexicon
from claimgraph.annotate.quantities.numbers import Number, NumberReader

_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
_DASHES = frozenset({"-", "–", "—"})
_COMPARISON = frozenset({"<", ">", "=", "!"})
_CODE_JOINERS = frozenset({"+", "/", ".", ":", "_", "#"})
_JOINERS = frozenset({"and", "but", ","})
_YEAR_RANGE = (1000, 2199)


@dataclass(slots=True)
class Found:
    """One quantity in the text; values are in ``unit`` (the standard unit) and as written."""

    start: int
    end: int
    low: float | None
    high: float | None
    approximate: bool = False
    unit: str | None = None
    original_low: float | None = None
    original_high: float | None = None
    original_unit: str | None = None
    year_like: bool = False  # a bare four-digit number that may be a calendar year
    unit_ref: Unit | None = None
    plain: bool = False  # a single number, no bound, hedge or range


@dataclass(slots=True)
class _Part:
    """One side of a (possible) range while it is being read."""

    low: float
    high: float
    start: int  # token index
    end: int  # token index, exclusive
    unit: Unit | None = None
    scale: float = 1.0
    literal: str | None = None
    vague: bool = False


@functools.cache
def _months(lang: str) -> frozenset[str]:
    return frozenset(name for names in data.load("calendar", lang)["months"].values() for name in names)


class Scanner:
    """Finds quantities with one language's lexicon."""

    def __init__(self, lexicon: Lexicon, lang: str = "en") -> None:
        self.lex = lexicon
        self.reader = NumberReader(lexicon)
        self.months = _months(lang)
        self.starters = self._starters(lexicon)
        self.clock_suffixes = dict.fromkeys(lexicon.clock_suffixes, True)

    def scan(self, text: str) -> list[Found]:
        """Every quantity in ``text``, in order, not overlapping."""
        tokens = lex(text)
        found: list[Found] = []
        i = 0
        while i < len(tokens):
            result = self._quantity_at(tokens, i) if self._may_start(tokens[i]) else None
            if result is None:
                i += 1
                continue
            quantity, i = result
            if quantity is not None:
                found.append(quantity)
        self._share_units(text, found)
        return self._merge_bounds(text, found)

    # -- the grammar --------------------------------------------------------------------------

    @staticmethod
    def _starters(lex: Lexicon) -> frozenset[str]:
        """Every token text a quantity can begin with; other tokens are skipped at once."""
        firsts = {
            key[0].lower() for table in (lex.prefix, lex.unit_prefixes, lex.vague_counters) for key in table
        }
        return frozenset(
            firsts
            | lex.range_openers
            | lex.negative
            | set(lex.units)
            | set(lex.tens)
            | set(lex.vague_plurals)
            | set(lex.vulgar_fractions)
            | {"a", "an", "half", "quarter", "-", "−", "–"}
        )

    def _may_start(self, token: Token) -> bool:
        return token.kind == "num" or token.lower in self.starters

    def _quantity_at(self, tokens: list[Token], i: int) -> tuple[Found | None, int] | None:
        """The quantity starting at ``tokens[i]`` and the index after it; None when there is none."""
        j, bound, approximate, exact = i, None, False, False
        if (
            i > 0
            and tokens[i].text in _COMPARISON
            and tokens[i - 1].text in _COMPARISON
            and not tokens[i].space
        ):
            return None  # the second sign of "<>30", "=>30"
        for _ in range(2):  # "an estimated", "just over", "approximately up to"
            phrase = self._phrase(tokens, j, self.lex.prefix)
            if phrase is None or self._after_number(tokens, i):
                break
            j += len(phrase)
            if (
                not phrase[-1].isalpha()
                and j < len(tokens)
                and tokens[j].text in _COMPARISON
                and not tokens[j].space
            ):
                return None  # "<>30", "=>30": not a comparison we read
            kind = self.lex.prefix[phrase]
            approximate = approximate or kind == "approximate"
            exact = exact or kind == "exact"
            bound = kind if kind in {"low", "high"} else bound
        opener = tokens[j].lower if j < len(tokens) and tokens[j].lower in self.lex.range_openers else None
        if opener:
            j += 1
        allow_half = bool(bound or approximate or exact) or (
            self._word(tokens, j + 1) == "of" and self._word(tokens, j - 1) not in self.lex.half_not_after
        )
        first = self._part(tokens, j, allow_half=allow_half)
        if first is None:
            return None
        if isinstance(first, int):  # not an amount (a year, an ordinal, a code): skip past it
            return None, first
        second = self._range_end(tokens, first, opener)
        whole = self._join(first, second) if second is not None else first
        self._plus_minus(tokens, whole)
        end = whole.end
        suffix = self._suffix(tokens, end)
        if suffix is not None and bound is None:
            bound, end = suffix
        prefixed = bound or approximate or exact or (opener and second)
        start = tokens[i].start if prefixed else tokens[first.start].start
        low, high = whole.low, whole.high
        if bound == "low":
            high = None
        elif bound == "high":
            low = None
        unit = whole.unit
        year_like = (
            first.literal is not None
            and _YEAR_RANGE[0] <= first.low <= _YEAR_RANGE[1]
            and len(first.literal) == 4
            and unit is None
            and not (bound or approximate)
            and (
                second is None
                or (second.literal is not None and _YEAR_RANGE[0] <= second.high <= _YEAR_RANGE[1])
            )
        )
        if year_like and self._after_year_word(tokens, first.start if not opener else first.start - 1):
            return None, end
        quantity = Found(
            start=start,
            end=tokens[end - 1].end,
            low=unit.convert(low) if unit else low,
            high=unit.convert(high) if unit else high,
            approximate=approximate or whole.vague,
            unit=unit.standard if unit else None,
            original_low=low,
            original_high=high,
            original_unit=unit.name if unit else None,
            year_like=year_like,
            unit_ref=unit,
            plain=not (prefixed or second or whole.vague),
        )
        return quantity, end

    def _suffix(self, tokens: list[Token], end: int) -> tuple[str, int] | None:
        """A bound written after the number ("500 or more", "5,000-plus"): (bound, index after it)."""
        hyphen = end + 1 < len(tokens) and tokens[end].text == "-" and not tokens[end].space
        k = end + 1 if hyphen else end
        phrase = self._phrase(tokens, k, self.lex.suffix)
        if phrase is None or (phrase == ("+",) and tokens[k].space):
            return None
        after = k + len(phrase)
        if self._word(tokens, after) == "than":
            after += 1  # "200 or greater than" (and nothing after it)
        # "200 or greater than 190", "0.03 plus 0.08": the phrase belongs to what follows.
        if after < len(tokens) and (
            tokens[after].kind == "num" or self.lex.is_number_word(tokens[after].lower)
        ):
            return None
        return self.lex.suffix[phrase], after

    def _plus_minus(self, tokens: list[Token], part: _Part) -> None:
        """ "2,000.45±0.01": widen the interval by the stated uncertainty."""
        j = part.end
        if j < len(tokens) and tokens[j].text == "±":
            k = j + 1
        elif [t.text for t in tokens[j : j + 3]] == ["+", "/", "-"]:
            k = j + 3
        else:
            return
        number = self.reader.read(tokens, k)
        if number is None or number.value < 0:
            return
        unit, end = self._unit(tokens, number.end, scaled=False)
        if part.unit is None and unit is not None:
            part.unit = unit
        part.low, part.high, part.end = (
            part.low - number.value,
            part.high + number.value,
            max(end, number.end),
        )

    def _part(self, tokens: list[Token], j: int, *, allow_half: bool = False) -> _Part | int | None:
        """One number with its currency and unit; an int (index to skip to) when it is no amount."""
        currency = None
        phrase = self._phrase(tokens, j, self.lex.unit_prefixes)
        if phrase is not None:
            currency, j = self.lex.unit_prefixes[phrase], j + len(phrase)
        vague = self._vague(tokens, j)
        if vague is not None:
            low, high, end = vague
            part = _Part(low, high, j, end, vague=True)
        else:
            number = self.reader.read(tokens, j, money=currency is not None, allow_half=allow_half)
            if number is None:
                return None
            skip = self._not_an_amount(tokens, number, after_currency=currency is not None)
            if skip is not None:
                return skip
            part = _Part(
                number.value, number.value, j, number.end, scale=number.scale, literal=number.literal
            )
        if currency is not None:
            part.start = part.start - len(phrase)
            part.unit, part.end = self._rate(tokens, currency, part.end)
            return part
        unit, end = self._unit(tokens, part.end, scaled=part.scale > 1)
        if unit is not None:
            if end < len(tokens) and not tokens[end].space and tokens[end].kind in {"num", "word"}:
                return end + 1  # "06F6", "24703m212": a code, not 6 °F
            part.unit, part.end = unit, end
        elif part.end < len(tokens) and self._glued_word(tokens, part.end) and not part.vague:
            return part.end + 1  # "4th", "1990s", "860BOX": an ordinal, a decade or a code
        return part

    def _range_end(self, tokens: list[Token], first: _Part, opener: str | None) -> _Part | None:
        j = first.end
        if j >= len(tokens):
            return None
        word = tokens[j].lower
        if word in _DASHES and self._word(tokens, j + 1) == "to":  # "8- to 16-meter"
            j, word = j + 1, "to"
        connectors = self.lex.range_connectors
        if opener == "between":
            connectors = {"and", "to", *_DASHES}
        elif opener == "from":
            connectors = {"to", *_DASHES}
        if word not in connectors:
            return None
        if word in _DASHES and not self._digits_around(tokens, first, j):
            return None  # "three-nought-four", "twenty-first": hyphenated words, not a range
        if word == "or" and self._word(tokens, first.start - 1) == "either":
            return None  # "either 10 bln or 10 tln": two alternatives
        second = self._part(tokens, j + 1)
        if not isinstance(second, _Part):
            return None
        if word == "or" and second.low == first.low:
            return None
        if first.unit and second.unit and first.unit.standard != second.unit.standard:
            return None
        if (
            second.scale > 1
            and first.scale == 1
            and not first.vague
            and first.low * second.scale <= second.low
        ):
            first.low = first.high = first.low * second.scale  # "2 to 3 million"
        if (word in _DASHES or word == "or") and second.low < first.low:
            return None  # a score ("3-1") or a choice, not a range
        return second

    @staticmethod
    def _digits_around(tokens: list[Token], first: _Part, dash: int) -> bool:
        before = any(t.kind == "num" for t in tokens[first.start : dash])
        k = dash + 1
        while k < len(tokens) and tokens[k].kind == "sym" and tokens[k].text not in _DASHES:
            k += 1  # "$5-$10"
        return before and k < len(tokens) and tokens[k].kind == "num"

    @staticmethod
    def _join(first: _Part, second: _Part) -> _Part:
        unit = second.unit or first.unit
        return _Part(
            min(first.low, second.low),
            max(first.high, second.high),
            first.start,
            second.end,
            unit=unit,
            literal=first.literal,
            vague=first.vague or second.vague,
        )

    def _vague(self, tokens: list[Token], j: int) -> tuple[float, float, int] | None:
        """ "tens of thousands" = [20000, 99999], "hundreds", "several hundred", "a few thousand"."""
        lo_mult, hi_mult = self.lex.vague_span
        counter = self._phrase(tokens, j, self.lex.vague_counters)
        if counter is not None:
            word = self._word(tokens, j + len(counter))
            scale = self.lex.scales.get(word) or self.lex.groups.get(word)
            if scale:
                low, high = self.lex.vague_counters[counter]
                return low * scale, high * scale, j + len(counter) + 1
            return None
        word = self._word(tokens, j)
        if word not in self.lex.vague_plurals:
            return None
        scale = self.lex.vague_plurals[word]
        end = j + 1
        if self._word(tokens, end) == "of" and self._word(tokens, end + 1) in self.lex.vague_plurals:
            inner = self.lex.vague_plurals[self._word(tokens, end + 1)]
            if inner > scale:
                scale, end = scale * inner, end + 2
                return lo_mult * scale, hi_mult * scale - 1, end
        if word == "tens":
            return None  # "tens" alone is not an amount news writes
        return lo_mult * scale, hi_mult * scale - 1, end

    def _unit(self, tokens: list[Token], j: int, *, scaled: bool) -> tuple[Unit | None, int]:
        """The unit at ``tokens[j]`` ("km", "kilometres", "-meter", "USD/bbl") and the index after it."""
        unit, end = self._simple_unit(tokens, j, scaled=scaled)
        if unit is None:
            return None, j
        return self._rate(tokens, unit, end)

    def _rate(self, tokens: list[Token], unit: Unit, end: int) -> tuple[Unit, int]:
        """ "$5 per barrel", "$15.4/hour": a rate; the denominator keeps its own unit."""
        if end >= len(tokens) or not (tokens[end].lower == "per" or tokens[end].text == "/"):
            return unit, end
        denominator, after = self._simple_unit(tokens, end + 1, scaled=False, glued_ok=True)
        if denominator is None:
            return unit, end
        return Unit(
            f"{unit.name}/{denominator.name}", f"{unit.standard}/{denominator.name}", unit.factor
        ), after

    def _simple_unit(
        self, tokens: list[Token], j: int, *, scaled: bool, glued_ok: bool = False
    ) -> tuple[Unit | None, int]:
        if j >= len(tokens):
            return None, j
        hyphen = (
            tokens[j].text == "-" and not tokens[j].space and j + 1 < len(tokens) and not tokens[j + 1].space
        )
        k = j + 1 if hyphen else j
        symbol = self._phrase(tokens, k, self.lex.unit_symbols, case_sensitive=True)
        name = self._phrase(tokens, k, self.lex.unit_names)
        if symbol is not None and name is not None and len(name) > len(symbol):
            symbol = None  # "4 km cubed": the longer name wins over the symbol "km"
        short = symbol is not None and symbol[0] in self.lex.short_symbols
        if symbol is not None and not (hyphen and short):  # "18-kg", but not "F-16"
            end = k + len(symbol)
            if not short or not tokens[k].space or glued_ok or self._free(tokens, end):
                return self.lex.unit_symbols[symbol], end
        if name is not None:
            unit = self.lex.unit_names[name]
            if scaled and name[-1] in self.lex.with_scale:
                unit = self.lex.with_scale[name[-1]]
            return unit, k + len(name)
        return None, j

    def _free(self, tokens: list[Token], j: int) -> bool:
        """A one-letter unit written apart ("5 m") must stand alone: before punctuation, a number or "of"."""
        return (
            j >= len(tokens)
            or tokens[j].kind in {"sym", "num"}
            or tokens[j].lower in {"of", "per", "and", "or"}
        )

    def _share_units(self, text: str, found: list[Found]) -> None:
        """ "45 and 50 mg": a bare number joined to the next one takes its unit."""
        for left, right in itertools.pairwise(found):
            unit = right.unit_ref
            if (
                left.plain
                and left.unit_ref is None
                and unit is not None
                and text[left.end : right.start].strip().lower() in {"and", "or", ","}
                and left.original_low is not None
            ):
                left.unit_ref, left.unit, left.original_unit = unit, unit.standard, unit.name
                left.low, left.high = unit.convert(left.original_low), unit.convert(left.original_high)

    # -- what is not an amount ----------------------------------------------------------------

    def _not_an_amount(
        self, tokens: list[Token], number: Number, *, after_currency: bool = False
    ) -> int | None:
        """The index to skip to when the number is an ordinal, code, date, clock time or pronoun."""
        first, end = tokens[number.start], number.end
        nxt = tokens[end] if end < len(tokens) else None
        if first.kind == "num" and number.start > 0 and not after_currency:
            prev = tokens[number.start - 1]
            if not first.space and (prev.kind == "word" or prev.kind == "num"):
                return end  # "L2", "A320", "MH17"
            if (
                not first.space
                and prev.text in _CODE_JOINERS
                and number.start > 1
                and not prev.space
                and tokens[number.start - 2].kind in {"num", "word"}
            ):
                return end  # "J1149.5+6663", "1/0", "ab_12"
            if (
                not first.space
                and prev.text in {"-", "‐"}
                and number.start > 1
                and not prev.space
                and (tokens[number.start - 2].kind == "word" or tokens[number.start - 2].text == ")")
                and not self.lex.is_number_word(tokens[number.start - 2].lower)
                and (
                    number.start < 3
                    or tokens[number.start - 2].space
                    or tokens[number.start - 3].kind != "num"
                )
            ):
                return end  # "IL-76", "F-16", "COVID-19", "(IL)-76"
        if nxt is not None and nxt.kind == "word" and not nxt.space and nxt.lower in _ORDINAL_SUFFIXES:
            return end + 1
        if self._phrase(tokens, end, self.clock_suffixes) is not None:
            return end + 1
        day_or_year = (number.value == int(number.value) and number.value < 32) or number.literal
        if day_or_year and (self._is_month(tokens, number.start - 1) or self._is_month(tokens, end)):
            return end  # "May 18", "18 May"
        if (
            first.lower == "one"
            and number.end == number.start + 1
            and number.start > 0
            and tokens[number.start - 1].lower in self.lex.pronoun_one_after
            and self._unit(tokens, end, scaled=False)[0] is None
        ):
            return end  # "the one you mentioned" (but "that one mile")
        return None

    def _is_month(self, tokens: list[Token], j: int) -> bool:
        if j < 0 or j >= len(tokens) or tokens[j].kind not in {"word", "sym"}:
            return False
        word = tokens[j].text
        if word == "." and j > 0:
            return self._is_month(tokens, j - 1)  # "Sept. 26", "Dec. 4"
        # "may" is a verb far more often than a month; only the capitalised form counts.
        return word.lower() in self.months and (word.lower() != "may" or word == "May")

    def _after_year_word(self, tokens: list[Token], j: int) -> bool:
        """A four-digit number here is a year: "in 2009", "May 2024", "May 18, 2024", "Nov. 5, 2017"."""
        if j <= 0:
            return False
        prev = tokens[j - 1]
        if prev.text == "," and j > 1:
            return tokens[j - 2].kind == "num" or self._is_month(tokens, j - 2)
        return prev.lower in self.lex.year_prepositions or self._is_month(tokens, j - 1)

    def _after_number(self, tokens: list[Token], i: int) -> bool:
        """A bound word right after an amount ("$2000 over 3 years") is a preposition, not a bound."""
        return i > 0 and tokens[i - 1].kind == "num"

    # -- merging "more than 10 and less than 20" -----------------------------------------------

    @staticmethod
    def _merge_bounds(text: str, found: list[Found]) -> list[Found]:
        merged: list[Found] = []
        for quantity in found:
            previous = merged[-1] if merged else None
            if previous is not None and previous.unit == quantity.unit:
                between = text[previous.end : quantity.start].strip().lower()
                lows = (previous, quantity) if previous.high is None else (quantity, previous)
                low_side, high_side = lows
                if (
                    between in _JOINERS
                    and low_side.high is None
                    and low_side.low is not None
                    and high_side.low is None
                    and high_side.high is not None
                    and low_side.low < high_side.high
                ):
                    merged[-1] = Found(
                        start=previous.start,
                        end=quantity.end,
                        low=low_side.low,
                        high=high_side.high,
                        approximate=previous.approximate or quantity.approximate,
                        unit=quantity.unit,
                        original_low=low_side.original_low,
                        original_high=high_side.original_high,
                        original_unit=quantity.original_unit,
                    )
                    continue
            merged.append(quantity)
        return merged

    # -- helpers -------------------------------------------------------------------------------

    def _phrase(
        self, tokens: list[Token], j: int, table: dict, *, case_sensitive: bool = False
    ) -> tuple | None:
        """The longest key of ``table`` (a token tuple) that starts at ``tokens[j]``."""
        best = None
        key: tuple[str, ...] = ()
        for k in range(j, min(len(tokens), j + self.lex.max_phrase)):
            if k > j and tokens[k].kind == "word" and tokens[k - 1].kind == "word" and not tokens[k].space:
                break
            key = (*key, tokens[k].text if case_sensitive else tokens[k].lower)
            if key in table:
                best = key
        if best is not None:
            after = j + len(best)
            # A word phrase must end at a word boundary ("over" is not the start of "overall").
            if (
                after < len(tokens)
                and not tokens[after].space
                and tokens[after].kind == "word"
                and best[-1].isalpha()
            ):
                return None
        return best

    def _glued_word(self, tokens: list[Token], j: int) -> bool:
        return tokens[j].kind == "word" and not tokens[j].space

    @staticmethod
    def _word(tokens: list[Token], j: int) -> str:
        return tokens[j].lower if j < len(tokens) else ""


@functools.cache
def default_scanner(lang: str = "en") -> Scanner:
    return Scanner(load_lexicon(lang), lang)


def find_quantities(text: str, lang: str = "en") -> list[Found]:
    """Quantities in ``text`` with offsets into it (convenience for tests and benchmarks)."""
    return default_scanner(lang).scan(text)
