"""Read one number (digits, words or both) starting at a token: "2.5 million", "twenty-one", "a dozen".

Values are plain floats; anything that is not finite (``1e999``, a 10,000-digit string) is rejected,
so no ``inf`` or ``NaN`` ever reaches a mention.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claimgraph.annotate.quantities.lexer import Token
from claimgraph.annotate.quantities.lexicon import Lexicon

_DIGIT_GROUPS = re.compile(r"[,\u00a0\u202f\u2009 ]")
_POWER = re.compile(r"^(?P<base>[\d.,]+)\^(?P<signs>[+\-−]{0,2})(?P<exp>\d+)$")
_TIMES_TEN = re.compile(r"^(?P<base>[\d.,]+) ?[x×] ?10\^?(?P<sign>[\-−+]?)(?P<exp>\d+)$")
_MINUS = frozenset({"-", "−", "–"})
_DIGIT_WORDS = {"zero": "0", "nought": "0", "naught": "0", "oh": "0"}


@dataclass(slots=True)
class Number:
    """A number read from ``tokens[start:end]``."""

    value: float
    start: int  # token index
    end: int  # token index, exclusive
    scale: float = 1.0  # the last multiplier written ("million" in "2.5 million"), 1 when none
    literal: str | None = None  # the digit string when the number is one bare integer literal


def finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def literal_value(text: str) -> float | None:
    """The value of one digit literal as the lexer cut it, or None when it is not a finite number."""
    try:
        if match := _POWER.match(text):
            base = float(_DIGIT_GROUPS.sub("", match["base"]))
            negative = match["signs"].count("-") + match["signs"].count("−")
            exponent = int(match["exp"]) * (-1 if negative % 2 else 1)
            return finite(math.pow(base, exponent)) if abs(exponent) < 400 else None
        if match := _TIMES_TEN.match(text):
            base = float(_DIGIT_GROUPS.sub("", match["base"]))
            exponent = int(match["exp"]) * (-1 if match["sign"] in {"-", "−"} else 1)
            return finite(base * 10.0**exponent) if abs(exponent) < 300 else None
        return finite(float(_DIGIT_GROUPS.sub("", text)))
    except (ValueError, OverflowError):
        return None


class NumberReader:
    """Reads numbers from a token list with one language's lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon

    def read(self, tokens: list[Token], i: int, *, money: bool = False) -> Number | None:
        """The number starting at ``tokens[i]``, or None.

        Args:
            tokens: the lexed text.
            i: index of the first token.
            money: a currency sign precedes, so "m" after the digits means million ("$5m").
        """
        sign = 1.0
        j = i
        if (j < len(tokens) and tokens[j].lower in self.lex.negative) or (
            j + 1 < len(tokens)
            and tokens[j].text in _MINUS
            and tokens[j + 1].kind == "num"
            and (not tokens[j + 1].space or tokens[j + 1].start - tokens[j].end <= 1)
            and (j == 0 or tokens[j].space or tokens[j - 1].text in {"(", "$", "=", "<", ">"})
        ):
            sign, j = -1.0, j + 1
        number = self._read_unsigned(tokens, j, money=money)
        if number is None:
            return None
        number.value *= sign
        number.start = i
        if sign < 0:
            number.literal = None
        return number

    def _read_unsigned(self, tokens: list[Token], i: int, *, money: bool) -> Number | None:
        if i >= len(tokens):
            return None
        token = tokens[i]
        if token.text in self.lex.vulgar_fractions:
            return Number(self.lex.vulgar_fractions[token.text], i, i + 1)
        if token.kind == "num":
            return self._read_digits(tokens, i, money=money)
        if token.kind == "word":
            return self._read_words(tokens, i)
        return None

    def _read_digits(self, tokens: list[Token], i: int, *, money: bool) -> Number | None:
        value = literal_value(tokens[i].text)
        if value is None:
            return None
        plain = re.fullmatch(r"\d+", tokens[i].text) is not None
        number = Number(value, i, i + 1, literal=tokens[i].text if plain else None)
        j = i + 1
        # Fractions: "3/4", "2 1/2", "2½".
        if self._at(tokens, j, "/", glued=True) and self._kind(tokens, j + 1, "num", glued=True):
            denominator = literal_value(tokens[j + 1].text)
            if not denominator or self._at(tokens, j + 2, "/", glued=True):
                return None
            return Number(value / denominator, i, j + 2)
        if (
            plain
            and self._kind(tokens, j, "num")
            and self._at(tokens, j + 1, "/", glued=True)
            and self._kind(tokens, j + 2, "num", glued=True)
            and re.fullmatch(r"\d+", tokens[j].text)
        ):
            numerator, denominator = literal_value(tokens[j].text), literal_value(tokens[j + 2].text)
            if numerator is not None and denominator and numerator < denominator:
                return Number(value + numerator / denominator, i, j + 3)
        if j < len(tokens) and tokens[j].text in self.lex.vulgar_fractions:
            return Number(value + self.lex.vulgar_fractions[tokens[j].text], i, j + 1)
        # Abbreviated scales: "10k", "1.2bn", "10 bln", "$5m".
        if j < len(tokens) and tokens[j].kind == "word":
            suffix = tokens[j].text
            scale = self.lex.scale_suffixes.get(suffix)
            if scale is None and money:
                scale = self.lex.money_scale_suffixes.get(suffix)
            if scale is not None and (
                not tokens[j].space or len(suffix) > 1 or self._ends_phrase(tokens, j + 1)
            ):
                return self._scaled(number, value * scale, j + 1, scale)
        # Scale and group words: "2.5 million", "322 hundred", "3 dozens", "4 thousand 3 hundred and 21".
        return self._continue_words(tokens, number, j)

    def _scaled(self, number: Number, value: float, end: int, scale: float) -> Number | None:
        if finite(value) is None:
            return None
        return Number(value, number.start, end, scale=scale)

    def _continue_words(self, tokens: list[Token], number: Number, j: int) -> Number | None:
        if j >= len(tokens) or tokens[j].kind != "word":
            return number
        word = tokens[j].lower
        if word in self.lex.scales or word in self.lex.groups:
            words = self._read_words(tokens, j, start_value=number.value)
            if words is not None:
                words.start = number.start
                return words
        return number

    def _read_words(self, tokens: list[Token], i: int, *, start_value: float | None = None) -> Number | None:
        """Cardinal words with scales, fractions and groups: "two hundred and six", "one and a half"."""
        lex = self.lex
        total, current = 0.0, 0.0
        last = None  # kind of the last atom read: digit, unit, ten, hundred, scale
        last_scale = 1.0
        j = i
        end = i
        if start_value is not None:
            current, last = start_value, "digit"
        elif tokens[i].lower in {"a", "an"}:
            nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
            if not (nxt in lex.scales or nxt in lex.groups or nxt in lex.denominators):
                return None
            current, last, j = 1.0, "a", i + 1
        elif tokens[i].lower == "half":
            return self._half(tokens, i)
        while j < len(tokens):
            token = tokens[j]
            word = token.lower
            if token.kind == "word" and word in lex.units and last in {None, "ten", "hundred", "scale"}:
                if last == "ten" and current % 10:
                    break
                current += lex.units[word]
                last = "unit"
            elif token.kind == "word" and word in lex.tens and last in {None, "hundred", "scale"}:
                current += lex.tens[word]
                last = "ten"
            elif token.kind == "num" and last == "scale" and re.fullmatch(r"\d{1,3}", token.text):
                current += float(token.text)
                last = "digit"
            elif word == "hundred" and last in {"unit", "ten", "digit", "a"} and 0 < current < 100:
                current *= 100
                last, last_scale = "hundred", 100.0
            elif token.kind == "word" and word in lex.scales and word != "hundred" and last is not None:
                scale = lex.scales[word]
                if current:
                    total += current * scale
                elif last == "scale" and total:
                    total *= scale  # "three lakh crore"
                else:
                    break
                current, last, last_scale = 0.0, "scale", scale
            elif (
                token.kind == "word"
                and word in lex.groups
                and last in {"unit", "ten", "digit", "a", "hundred"}
            ):
                current *= lex.groups[word]
                last, last_scale = "group", lex.groups[word]
                end = j + 1
                break
            elif word in {"-", "–"} and last == "ten" and self._kind(tokens, j + 1, "word"):
                if tokens[j + 1].lower not in lex.units:
                    break
                j += 1
                continue
            elif word == "and" and last in {"hundred", "scale"} and self._number_word_at(tokens, j + 1):
                j += 1
                continue
            elif word == "point" and last in {"unit", "ten", "hundred", "scale", "digit"}:
                decimals, k = self._decimal_words(tokens, j + 1)
                if not decimals:
                    break
                current += float("0." + decimals)
                end = j = k
                last = "point"
                break
            else:
                break
            j += 1
            end = j
        if last is None:
            return None
        if last == "a":
            end, current = i + 1, 1.0
        value = total + current
        fraction = self._fraction_after(
            tokens, end, value, whole=last in {"a", "unit", "ten", "hundred", "scale"}
        )
        if fraction is not None:
            fraction.start = i
            return fraction
        if last == "a":
            return None
        number = Number(value, i, end, scale=last_scale if last in {"hundred", "scale", "group"} else 1.0)
        return number if finite(number.value) is not None else None

    def _half(self, tokens: list[Token], i: int) -> Number | None:
        """ "half a dozen", "half a million"."""
        if self._word(tokens, i + 1) in {"a", "an"}:
            unit = self._word(tokens, i + 2)
            factor = self.lex.scales.get(unit) or self.lex.groups.get(unit)
            if factor:
                return Number(0.5 * factor, i, i + 3, scale=factor)
        return None

    def _fraction_after(self, tokens: list[Token], j: int, value: float, *, whole: bool) -> Number | None:
        """ "two thirds", "a hundred trillionths", "one and a half": fractions after cardinal words."""
        if not whole:
            return None
        word = self._word(tokens, j)
        # A singular denominator only after "a"/"one" and before "of" or punctuation: "a third of",
        # but not "a third time" (an ordinal) or "two millionth" (not a fraction).
        plural = word.endswith("s")
        alone = self._ends_phrase(tokens, j + 1) or self._word(tokens, j + 1) == "of"
        if word in self.lex.denominators and (plural or (value == 1 and alone)):
            return Number(value / self.lex.denominators[word], 0, j + 1)
        if word == "and" and self._word(tokens, j + 1) in {"a", "an", "one"}:
            denominator = self._word(tokens, j + 2)
            if denominator in self.lex.denominators and not denominator.endswith("s"):
                return Number(value + 1 / self.lex.denominators[denominator], 0, j + 3)
        return None

    def _decimal_words(self, tokens: list[Token], j: int) -> tuple[str, int]:
        digits = ""
        while j < len(tokens):
            word = tokens[j].lower
            if word in _DIGIT_WORDS:
                digits += _DIGIT_WORDS[word]
            elif word in self.lex.units and self.lex.units[word] < 10:
                digits += str(int(self.lex.units[word]))
            elif word in self.lex.units or word in self.lex.tens:
                value = int(self.lex.tens.get(word) or self.lex.units[word])
                if (
                    word in self.lex.tens
                    and self._at(tokens, j + 1, "-")
                    and self._word(tokens, j + 2) in self.lex.units
                ):
                    value += int(self.lex.units[self._word(tokens, j + 2)])
                    j += 2
                digits += str(value)
            else:
                break
            j += 1
        return digits, j

    def _number_word_at(self, tokens: list[Token], j: int) -> bool:
        if j >= len(tokens):
            return False
        token = tokens[j]
        return self.lex.is_number_word(token.lower) or (
            token.kind == "num" and re.fullmatch(r"\d{1,3}", token.text) is not None
        )

    @staticmethod
    def _word(tokens: list[Token], j: int) -> str:
        return tokens[j].lower if j < len(tokens) else ""

    @staticmethod
    def _at(tokens: list[Token], j: int, text: str, *, glued: bool = False) -> bool:
        return j < len(tokens) and tokens[j].text == text and (not glued or not tokens[j].space)

    @staticmethod
    def _kind(tokens: list[Token], j: int, kind: str, *, glued: bool = False) -> bool:
        return j < len(tokens) and tokens[j].kind == kind and (not glued or not tokens[j].space)

    @staticmethod
    def _ends_phrase(tokens: list[Token], j: int) -> bool:
        """Nothing but punctuation or the end of the text follows."""
        return j >= len(tokens) or (tokens[j].kind == "sym" and tokens[j].text not in {"$", "£", "€", "%"})
