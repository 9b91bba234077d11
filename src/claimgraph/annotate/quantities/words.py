"""Numbers written in words: "two hundred and six", "twenty-one trillion", "five and a half million",
"two thirds of a million", "a twenty-first", "one out of three".

Works on the lexer's tokens; the integer part follows the usual accumulator scheme (``total`` for
completed scale groups, ``current`` for the group being read) and fractions hang off it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimgraph.annotate.quantities.lexer import Token, literal_value
from claimgraph.annotate.quantities.lexicon import Lexicon

_HYPHENS = frozenset({"-", "–", "‐"})
_DIGIT_WORDS = {"zero": "0", "nought": "0", "naught": "0", "oh": "0"}
_SMALL_INT = re.compile(r"\d{1,3}")
_MAX_TOKENS = 40  # no number in words is longer; caps the work on hostile input
_YEAR = re.compile(r"1\d{3}|2[01]\d{2}")


@dataclass(slots=True)
class Part:
    """An integer read so far: its value, the index after it and the kind of its last atom."""

    value: float
    end: int
    last: str  # "a" | "digit" | "unit" | "ten" | "hundred" | "scale" | "group" | "point"
    scale: float = 1.0  # the last multiplier read

    @property
    def in_words(self) -> bool:
        return self.last in {"a", "unit", "ten", "hundred", "scale"}


class WordNumbers:
    """The word-number grammar of one language."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    # -- entry points --------------------------------------------------------------------------

    def read(self, tokens: list[Token], i: int, *, allow_half: bool) -> Part | None:
        """The number in words starting at ``tokens[i]``."""
        word = _word(tokens, i)
        if word in {"a", "an"}:
            nxt = _word(tokens, i + 1)
            if nxt in self.lex.scales or nxt in self.lex.groups:
                part = self.integer(tokens, i + 1, seed=Part(1.0, i + 1, "a"))
            else:
                part = Part(1.0, i + 1, "a")  # only a fraction can follow: "a half", "a twenty-first"
                return self._fraction(tokens, part)
        elif word in {"half", "quarter"}:
            return self._half(tokens, i, allow_half=allow_half)
        else:
            part = self.integer(tokens, i)
        if part is None:
            return None
        finished = self.finish(tokens, part)
        if finished is part and part.in_words and self._singular_denominator_at(tokens, part.end):
            return None  # "two hundredth", "one hundred twenty-fifth": an ordinal, not an amount
        return finished

    def finish(self, tokens: list[Token], part: Part) -> Part:
        """Add what may follow an integer: a fraction ("and a half", "thirds") or a ratio ("over 3")."""
        return self._fraction(tokens, part) or self._ratio(tokens, part) or part

    # -- integers ------------------------------------------------------------------------------

    def integer(
        self, tokens: list[Token], i: int, *, seed: Part | None = None, joins: bool = True
    ) -> Part | None:
        """The integer in words (or digits and scale words) at ``tokens[i]``.

        Args:
            tokens: the lexed text.
            i: index of the first token.
            seed: a value already read (digits before "million").
            joins: whether "and" may join groups ("one hundred and six"); off for numerators,
                so that looking ahead for a fraction never recurses.
        """
        lex = self.lex
        total, current = 0.0, seed.value if seed else 0.0
        last, scale = (seed.last, seed.scale) if seed else (None, 1.0)
        j = end = i
        limit = min(len(tokens), i + _MAX_TOKENS)  # bounded work per start, whatever the input
        while j < limit:
            token, word = tokens[j], tokens[j].lower
            is_word = token.kind == "word"
            if is_word and word in lex.units and last in {None, "ten", "hundred", "scale"}:
                if last == "ten" and current % 10:
                    break
                current += lex.units[word]
                last = "unit"
            elif is_word and word in lex.tens and last in {None, "hundred", "scale"}:
                if self._ordinal_after_ten(tokens, j, first=last is None or (seed is not None and j == i)):
                    break  # "twenty-first" (an ordinal), "one twenty-fifth" (a denominator)
                current += lex.tens[word]
                last = "ten"
            elif token.kind == "num" and last in {"hundred", "scale"} and _SMALL_INT.fullmatch(token.text):
                if last == "hundred" and float(token.text) >= 100:
                    break
                current += float(token.text)
                last = "digit"
            elif word == "hundred" and (
                last == "digit" or (last in {"unit", "ten", "a"} and 0 < current < 100)
            ):
                current *= 100
                last, scale = "hundred", 100.0
            elif is_word and word in lex.scales and word != "hundred" and last is not None:
                if current:
                    total += current * lex.scales[word]
                elif last == "scale" and total:
                    total *= lex.scales[word]  # "three lakh crore"
                else:
                    break
                current, last, scale = 0.0, "scale", lex.scales[word]
            elif is_word and word in lex.groups and last in {"unit", "ten", "digit", "a", "hundred"}:
                current *= lex.groups[word]
                last, scale, end = "group", lex.groups[word], j + 1
                break
            elif self._joins(tokens, j, last, allow_and=joins):
                j += 1  # "twenty-one", "one hundred and six": the joiner is part of the number
                continue
            elif word == "point" and last in {"unit", "ten", "hundred", "scale", "digit"}:
                decimals, k = self._decimal_words(tokens, j + 1)
                if not decimals:
                    break
                current += float("0." + decimals)
                last, end = "point", k
                break
            else:
                break
            j += 1
            end = j
        if last is None or (seed is None and end == i):
            return None
        value = total + current
        return Part(value, end, last, scale) if math.isfinite(value) else None

    def _ordinal_after_ten(self, tokens: list[Token], j: int, *, first: bool) -> bool:
        """Whether the tens word at ``j`` starts a compound ordinal rather than a cardinal.

        After a numerator any "twenty-fifth(s)"/"twenty fifths" is a denominator; as the first word,
        "twenty-first" and "twenty first" are ordinals, but "twenty fifths" is 20/5.
        """
        denominator = self._denominator(tokens, j)
        if denominator is None or _word(tokens, j - 1) == "and":
            return False
        if not first:
            return True
        return _word(tokens, j + 1) in _HYPHENS or not denominator[2]

    def _joins(self, tokens: list[Token], j: int, last: str | None, *, allow_and: bool) -> bool:
        word = _word(tokens, j)
        if word in _HYPHENS:
            return last == "ten" and _word(tokens, j + 1) in self.lex.units
        if not allow_and or word != "and" or last not in {"hundred", "scale"}:
            return False
        if not self._integer_atom(tokens, j + 1):
            return False
        # "two million and three fifths": the "and" opens a fraction, not more of the integer.
        numerator = self._numerator(tokens, j + 1)
        if numerator is None:
            return True
        k = numerator.end + 1 if _word(tokens, numerator.end) in _HYPHENS else numerator.end
        return self._denominator(tokens, k) is None

    def _integer_atom(self, tokens: list[Token], j: int) -> bool:
        if j >= len(tokens):
            return False
        token = tokens[j]
        if token.kind == "num":
            # "3 hundred and 21", but not "3 hundred and 0" or "3 hundred and 2 hundred" (two numbers)
            return (
                _SMALL_INT.fullmatch(token.text) is not None
                and float(token.text) > 0
                and _word(tokens, j + 1) not in self.lex.scales
            )
        return token.lower in self.lex.units or token.lower in self.lex.tens

    def _decimal_words(self, tokens: list[Token], j: int) -> tuple[str, int]:
        """The digits after "point": "zero three" -> "03", "seventy-one" -> "71"."""
        lex, digits = self.lex, ""
        while j < len(tokens):
            word = tokens[j].lower
            if word in _DIGIT_WORDS:
                digits += _DIGIT_WORDS[word]
            elif word in lex.units:
                digits += str(int(lex.units[word]))
            elif word in lex.tens:
                value = int(lex.tens[word])
                if _word(tokens, j + 1) in _HYPHENS and _word(tokens, j + 2) in lex.units:
                    value += int(lex.units[_word(tokens, j + 2)])
                    j += 2
                digits += str(value)
            else:
                break
            j += 1
        return digits, j

    # -- fractions -----------------------------------------------------------------------------

    def _denominator(self, tokens: list[Token], k: int) -> tuple[float, int, bool] | None:
        """A denominator at ``k``: (value, end, plural). "thirds", "quarter", "twenty-first(s)"."""
        lex, word = self.lex, _word(tokens, k)
        if word in lex.denominators:
            return lex.denominators[word], k + 1, word.endswith("s")
        if word in lex.tens:
            k2 = k + 2 if _word(tokens, k + 1) in _HYPHENS else k + 1
            ordinal = _word(tokens, k2)
            base = ordinal[:-1] if ordinal.endswith("s") else ordinal
            if base in lex.unit_ordinals:
                return lex.tens[word] + lex.unit_ordinals[base], k2 + 1, ordinal != base
        return None

    def _singular_denominator_at(self, tokens: list[Token], j: int) -> bool:
        k = j + 1 if _word(tokens, j) in _HYPHENS else j
        denominator = self._denominator(tokens, k)
        return denominator is not None and not denominator[2]

    def _fraction(self, tokens: list[Token], part: Part) -> Part | None:
        j = part.end
        if part.in_words:
            k = j + 1 if _word(tokens, j) in _HYPHENS else j  # "one-eighth", "five - eighths"
            simple = self._simple_fraction(tokens, part.value, k)
            if simple is not None:
                return simple
        if _word(tokens, j) != "and" or part.last == "point":
            return None
        numerator = self._numerator(tokens, j + 1)
        if numerator is None:
            return None
        k = numerator.end + 1 if _word(tokens, numerator.end) in _HYPHENS else numerator.end
        denominator = self._denominator(tokens, k)
        if denominator is None or not (denominator[2] or numerator.value == 1):
            return None
        fraction, end = numerator.value / denominator[0], denominator[1]
        scale = self.lex.scales.get(_word(tokens, end))
        if scale is not None and scale > 100:  # "five and a half million", "one billion and a half million"
            value = (part.value + fraction) * scale if part.value < scale else part.value + fraction * scale
            return Part(value, end + 1, "scale", scale)
        if part.last == "scale":  # "3 million and a half"
            return Part(part.value + fraction * part.scale, end, "scale", part.scale)
        return Part(part.value + fraction, end, "point")

    def _simple_fraction(self, tokens: list[Token], numerator: float, k: int) -> Part | None:
        """ "two thirds", "a half", "a quarter million", "two thirds of a million"."""
        denominator = self._denominator(tokens, k)
        if denominator is None:
            return None
        value, end, plural = numerator / denominator[0], denominator[1], denominator[2]
        scale_at = (
            end + 2 if (_word(tokens, end), _word(tokens, end + 1)) in {("of", "a"), ("of", "an")} else end
        )
        scale = self.lex.scales.get(_word(tokens, scale_at))
        if scale is not None and scale > 100:
            return Part(value * scale, scale_at + 1, "scale", scale)
        # A singular denominator only after "a"/"one" and before "of", "and" or punctuation:
        # "a third of", but not "a third time" (an ordinal) or "two millionth".
        alone = _ends(tokens, end) or _word(tokens, end) in {"of", "and", "or", "to", "but"}
        # "half" and "quarter" are never ordinals: "one-half miles", "a quarter mile".
        if plural or (numerator == 1 and (alone or _word(tokens, k) in {"half", "quarter"})):
            return Part(value, end, "point")
        return None

    def _numerator(self, tokens: list[Token], j: int) -> Part | None:
        if _word(tokens, j) in {"a", "an"}:
            return Part(1.0, j + 1, "a")
        part = self.integer(tokens, j, joins=False)
        return part if part is not None and part.in_words else None

    def _half(self, tokens: list[Token], i: int, *, allow_half: bool) -> Part | None:
        """ "half a dozen", "half a million", "quarter million", and "half" alone where it is 0.5."""
        share = 0.5 if _word(tokens, i) == "half" else 0.25
        k = i + 2 if _word(tokens, i + 1) in {"a", "an"} else i + 1
        factor = self.lex.scales.get(_word(tokens, k)) or self.lex.groups.get(_word(tokens, k))
        if factor and (k > i + 1 or _word(tokens, k) in self.lex.scales):
            return Part(share * factor, k + 1, "scale", factor)
        if share == 0.5 and allow_half and k == i + 1:
            return Part(0.5, i + 1, "point")
        return None

    def _ratio(self, tokens: list[Token], part: Part) -> Part | None:
        """ "one over three" (at the end of a phrase), "two out of five", "one in five": ratios."""
        j = part.end
        if _word(tokens, j) in {"over", "in"}:
            k = j + 1
        elif (_word(tokens, j), _word(tokens, j + 1)) == ("out", "of"):
            k = j + 2
        else:
            return None
        if part.value != int(part.value) or part.value < 1:
            return None
        if k < len(tokens) and tokens[k].kind == "num":
            value = literal_value(tokens[k].text)
            other = Part(value, k + 1, "digit") if value is not None else None
            if other is not None and _word(tokens, k + 1) in self.lex.scales:
                other = self.integer(tokens, k + 1, seed=other)
        else:
            other = self.integer(tokens, k)
        if other is None or not other.value:
            return None
        if _word(tokens, j) == "over" and not _ends(tokens, other.end):
            return None  # "$2000 over 3 years": a period, not a ratio
        if _word(tokens, j) == "out" and part.value > other.value:
            return None  # "five out of three": not a share
        if _word(tokens, j) == "in" and not (
            part.value < other.value
            and other.value == int(other.value)
            and not _YEAR.fullmatch(tokens[k].text)
        ):
            return None  # "killed 5 in 2024", "12 in six boxes": not "one in five"
        return Part(part.value / other.value, other.end, "point")


def _word(tokens: list[Token], j: int) -> str:
    return tokens[j].lower if 0 <= j < len(tokens) else ""


def _ends(tokens: list[Token], j: int) -> bool:
    """Nothing but punctuation or the end of the text follows."""
    return j >= len(tokens) or (tokens[j].kind == "sym" and tokens[j].text not in {"$", "£", "€", "%"})
