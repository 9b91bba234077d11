"""Read one number (digits, words or both) starting at a token: "2.5 million", "twenty-one", "a dozen".

Values are plain floats; anything that is not finite (``1e999``, a 10,000-digit string) is rejected,
so no ``inf`` or ``NaN`` ever reaches a mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.annotate.quantities.lexer import Token, finite, literal_value
from claimgraph.annotate.quantities.lexicon import Lexicon
from claimgraph.annotate.quantities.words import Part, WordNumbers

_MINUS = frozenset({"-", "−", "–"})


@dataclass(slots=True)
class Number:
    """A number read from ``tokens[start:end]``."""

    value: float
    start: int  # token index
    end: int  # token index, exclusive
    scale: float = 1.0  # the last multiplier written ("million" in "2.5 million"), 1 when none
    literal: str | None = None  # the digit string when the number is one bare integer literal


class NumberReader:
    """Reads numbers from a token list with one language's lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.words = WordNumbers(lexicon)

    def read(
        self, tokens: list[Token], i: int, *, money: bool = False, allow_half: bool = False
    ) -> Number | None:
        """The number starting at ``tokens[i]``, or None.

        Args:
            tokens: the lexed text.
            i: index of the first token.
            money: a currency sign precedes, so "m" after the digits means million ("$5m").
            allow_half: "half" alone means 0.5 here ("more than half", "half of them").
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
        number = self._read_unsigned(tokens, j, money=money, allow_half=allow_half)
        if number is None:
            return None
        number.value *= sign
        number.start = i
        if sign < 0:
            number.literal = None
        return number

    def _read_unsigned(self, tokens: list[Token], i: int, *, money: bool, allow_half: bool) -> Number | None:
        if i >= len(tokens):
            return None
        token = tokens[i]
        if token.text in self.lex.vulgar_fractions:
            return Number(self.lex.vulgar_fractions[token.text], i, i + 1)
        if token.kind == "num":
            return self._read_digits(tokens, i, money=money)
        if token.kind == "word":
            return _number(i, self.words.read(tokens, i, allow_half=allow_half))
        return None

    def _read_digits(self, tokens: list[Token], i: int, *, money: bool) -> Number | None:
        value = literal_value(tokens[i].text)
        if value is None:
            return None
        plain = re.fullmatch(r"\d+", tokens[i].text) is not None
        j = i + 1
        # Fractions: "3/4", "2 1/2", "2½".
        if _at(tokens, j, "/", glued=True) and _kind(tokens, j + 1, "num", glued=True):
            denominator = literal_value(tokens[j + 1].text)
            if not denominator or _at(tokens, j + 2, "/", glued=True):
                return None
            return Number(value / denominator, i, j + 2)
        if (
            plain
            and _kind(tokens, j, "num")
            and _at(tokens, j + 1, "/", glued=True)
            and _kind(tokens, j + 2, "num", glued=True)
            and re.fullmatch(r"\d+", tokens[j].text)
        ):
            numerator, denominator = literal_value(tokens[j].text), literal_value(tokens[j + 2].text)
            if numerator is not None and denominator and numerator < denominator:
                return Number(value + numerator / denominator, i, j + 3)
        if j < len(tokens) and tokens[j].text in self.lex.vulgar_fractions:
            return Number(value + self.lex.vulgar_fractions[tokens[j].text], i, j + 1)
        # Abbreviated scales: "10k", "1.2bn", "10 bln", "2.33 k", "$5m".
        if j < len(tokens) and tokens[j].kind == "word":
            suffix = tokens[j].text
            scale = self.lex.scale_suffixes.get(suffix)
            if scale is None and money:
                scale = self.lex.money_scale_suffixes.get(suffix)
            # One letter written apart is a scale only at the end of a phrase: "2.33 k", "1,674,200.5 M".
            spaced_ok = len(suffix) > 1 or (suffix in {"k", "K", "M"} and _ends(tokens, j + 1))
            if scale is not None and (not tokens[j].space or spaced_ok):
                scaled = finite(value * scale)
                return Number(scaled, i, j + 1, scale=scale) if scaled is not None else None
        # Scale and group words, fractions and ratios: "2.5 million", "322 hundred", "3 dozens",
        # "4 thousand 3 hundred and 21", "5 and a half", "1 over 3".
        part = Part(value, j, "digit")
        if _word(tokens, j) in self.lex.scales or _word(tokens, j) in self.lex.groups:
            part = self.words.integer(tokens, j, seed=part) or part
        part = self.words.finish(tokens, part)
        if part.end == j:
            return Number(value, i, j, literal=tokens[i].text if plain else None)
        return _number(i, part)


def _number(start: int, part: Part | None) -> Number | None:
    if part is None or finite(part.value) is None:
        return None
    scale = part.scale if part.last in {"hundred", "scale", "group"} else 1.0
    return Number(part.value, start, part.end, scale=scale)


def _word(tokens: list[Token], j: int) -> str:
    return tokens[j].lower if j < len(tokens) else ""


def _at(tokens: list[Token], j: int, text: str, *, glued: bool = False) -> bool:
    return j < len(tokens) and tokens[j].text == text and (not glued or not tokens[j].space)


def _kind(tokens: list[Token], j: int, kind: str, *, glued: bool = False) -> bool:
    return j < len(tokens) and tokens[j].kind == kind and (not glued or not tokens[j].space)


def _ends(tokens: list[Token], j: int) -> bool:
    """Nothing but punctuation or the end of the text follows."""
    return j >= len(tokens) or (tokens[j].kind == "sym" and tokens[j].text not in {"$", "£", "€", "%"})
