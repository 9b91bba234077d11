"""Split text into the small tokens the quantity grammar reads: numbers, words and symbols.

spaCy's tokens are not used here because its tokenizer keeps "10,000-20,000", "5k-20k" or "95km"
as single tokens or splits them inconsistently; the quantity grammar needs digits, signs and unit
symbols apart, with offsets into the original text.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

# Order matters: the first alternative that matches at a position wins.
_TOKEN = re.compile(
    r"""
    (?P<code>                        # never amounts: URLs, IPs, versions, phone numbers, dates, clock times
        (?:https?://|www\.)\S+
      | [\w.+-]+@[\w-]+\.[\w.-]+
      | \+?\d+(?:[-/.]\d+){2,}
      | \+\d[\d\-]{6,}\d
      | \d{1,2}:\d{2}(?::\d{2})?
      | \d{4}[-–]\d{2}(?![\d,])
    )
  | (?P<num>
        (?: \d{1,3}(?:,\d{3})+(?:\.\d+)?               # 1,234,567.89
          | \d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?          # 12,34,567.89 (Indian grouping)
          | \d{1,3}(?:[\u00a0\u202f\u2009\ ]\d{3})+(?![\d,])(?:\.\d+)?   # 1 234 567
          | \d+(?:\.\d+)?
          | \.\d+
        )
        (?: [eE][+\-]?\d+(?![^\W\d_])                 # 1.3e6
          | \^[+\-−]{0,2}\d+                           # 1.1^23
          | \ ?[x×]\ ?10\^?[\-−+]?\d+                  # 1.3x10^6, 2.48×10−5
        )?
    )
  | (?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)
  | (?P<sym>\S)
    """,
    re.VERBOSE,
)


_DIGIT_GROUPS = re.compile(r"[,\u00a0\u202f\u2009 ]")
_POWER = re.compile(r"^(?P<base>[\d.,]+)\^(?P<signs>[+\-−]{0,2})(?P<exp>\d+)$")
_TIMES_TEN = re.compile(r"^(?P<base>[\d.,]+) ?[x×] ?10\^?(?P<sign>[\-−+]?)(?P<exp>\d+)$")


class Token(NamedTuple):
    """One lexical token with its offsets; ``space`` says whether whitespace (or the start) precedes it.

    A named tuple, not a dataclass: a news article has thousands of tokens and building them is the
    largest part of the scanner's time.
    """

    kind: str  # "code" | "num" | "word" | "sym"
    text: str
    start: int
    end: int
    space: bool
    lower: str


def lex(text: str) -> list[Token]:
    """All tokens of ``text``, in order."""
    tokens: list[Token] = []
    previous_end = -1
    for match in _TOKEN.finditer(text):
        start = match.start()
        space = previous_end < 0 or start > previous_end
        text_ = match.group()
        tokens.append(Token(match.lastgroup or "sym", text_, start, match.end(), space, text_.lower()))
        previous_end = match.end()
    return tokens


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
