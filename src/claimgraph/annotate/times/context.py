"""What every normaliser of a time expression shares: its result, its context, and the helpers
that read a month, a year or a modifier from a match.

A handler (``dates``, ``quarters``, ``relative``, ``amounts``) gets the match groups and a
``Context`` (document creation time, the clause's tense, the time the text last pinned down, for
"a month later"). It returns a ``Resolution``, or ``None`` when the match is not a time expression
after all.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from claimgraph.annotate.times import values as tv
from claimgraph.annotate.times.lexicon import Lexicon, normalise_key
from claimgraph.annotate.times.tense import Tense

CONCRETE_GRAN = {"D", "W", "M", "Q", "H", "S", "Y"}
GRAN_ORDER = ["D", "W", "M", "Q", "Y", "DE"]  # granularities from fine to coarse
_TENSE_MARGIN = 45  # days
_EVENT_MARGIN = 3  # days: a report dated a day early (time zones, overnight wires)
_YEAR_REL = {"last": -1, "next": 1, "this": 0, "current": 0, "previous": -1}


@dataclass(slots=True)
class Resolution:
    type: str = "DATE"
    value: str | None = None
    mod: str | None = None
    anchored: bool = False  # resolved against ``Context.anchor``, not the DCT
    alternatives: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Context:
    lexicon: Lexicon
    dct: dt.date | None
    tense: Tense | None = None
    anchor: str | None = None  # value of the last concrete time before this one
    recent: str | None = None  # the same, counted ones too ("Three years later ... That autumn")
    story_anchor: str | None = None  # the anchor, not a day of telling ("data showed Thursday")
    topic_quarter: str | None = None  # the first quarter the text named: what a report is about
    before: str = ""  # up to 40 characters of text before the expression
    after: str = ""  # up to 40 characters after it
    is_modal: bool = False  # the matched word is tagged as a modal verb ("may")
    is_name: bool = False  # the matched month word names a person ("Theresa May", "Mrs. May")
    modifies_noun: bool = False  # it stands before a noun it modifies ("a Sunday night service")
    is_count: bool = False  # the matched number modifies a noun ("2000 troops")
    before_verb: Tense | None = None  # the tense of the verb an adverbial precedes ("will one day be")
    before_dct: bool = False  # a cue puts it before the report ("since March"): no margin
    past_event: bool = False  # it dates a finished event ("was held on March 3"): a small margin
    anchor_known: bool = True  # False while matches are screened, before anchors are set
    time_before: bool = True  # the text gives a calendar time before this one (something to count from)
    in_headline: bool = False  # its line is a headline in title case: capitals name nothing there
    day_first: bool | None = None  # the order of the text's unambiguous numeric dates ("25/12/2024")


# What may close the sentence before a word that opens the next (a quote mark may follow the stop).
SENTENCE_END = ".!?:;\"'`”’"

Groups = dict[str, str | None]
Handler = Callable[[Groups, str, Context], Resolution | None]


_HEADLINE_MAX = 200  # characters: a longer line is a paragraph, whatever its capitals
_HEADLINE_WORD = re.compile(r"\b[^\W\d_][\w’'-]{3,}")  # a word of four letters or more
_HEADLINE_END = re.compile(r"[.!;,\"”]\s*$")


def in_title_case_line(text: str, pos: int) -> bool:
    """Whether ``pos`` sits in a headline written in title case ("Talks To Resume Next Week"):
    a short line that ends no sentence, with every word of four letters or more capitalised."""
    start = text.rfind("\n", max(0, pos - _HEADLINE_MAX), pos) + 1
    end = text.find("\n", pos, pos + _HEADLINE_MAX)
    if (start == 0 and pos > _HEADLINE_MAX) or (end == -1 and len(text) - pos > _HEADLINE_MAX):
        return False
    line = text[start : end if end != -1 else len(text)]
    words = _HEADLINE_WORD.findall(line)
    return len(words) >= 3 and not _HEADLINE_END.search(line) and all(w[0].isupper() for w in words)


def starts_after_report(value: str | None, ctx: Context, slack_days: int = 0) -> bool:
    """Whether the period ``value`` names starts after the DCT (by more than ``slack_days``)."""
    found = tv.representative(value or "")
    return bool(found and ctx.dct and found[0] > ctx.dct + dt.timedelta(days=slack_days))


def word_before(ctx: Context) -> str:
    """The word just before the expression, lowercased: "in" of "in the year", "her" of "her
    twenties"."""
    return ctx.before.rstrip().lower().rsplit(" ", 1)[-1]


def word_after(ctx: Context) -> str:
    """The word just after the expression, lowercased, without the punctuation that closes it:
    "trees" of "Christmas trees", "after" of "one day after"."""
    return ctx.after.split(None, 1)[0].strip(".,;:").lower() if ctx.after.strip() else ""


def point_mod(groups: Groups, ctx: Context) -> str | None:
    word = groups.get("mod")
    if not word:
        return None
    key = normalise_key(word)  # "the end" of "the end of the month" is listed as "the end of"
    return ctx.lexicon.point_mods.get(key) or ctx.lexicon.point_mods.get(f"{key} of")


def amount_mod(groups: Groups, ctx: Context) -> str | None:
    word = groups.get("amod")
    if word:
        return ctx.lexicon.amount_mods.get(normalise_key(word))
    num = groups.get("num")
    if num and normalise_key(num) in ctx.lexicon.approximate_numbers:
        return "APPROX"
    return None


def month_number(word: str, ctx: Context) -> int | None:
    return ctx.lexicon.months.get(normalise_key(word).rstrip("."))


def relative_step(word: str | None, ctx: Context) -> int | None:
    return ctx.lexicon.relative.get(normalise_key(word)) if word else None


def spelled_year(words: str, ctx: Context) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    parts = normalise_key(words).replace(" and ", " ").split()
    if parts[:2] == ["two", "thousand"]:
        rest = ctx.lexicon.number(" ".join(parts[2:])) if parts[2:] else 0
        return 2000 + int(rest) if rest is not None else None
    century = ctx.lexicon.number(parts[0])
    rest = ctx.lexicon.number(" ".join(p for p in parts[1:] if p != "hundred"))
    if rest is not None and rest < 10 and "hundred" not in parts:
        return None  # "twenty six" is a count; a year says "twenty oh six" or "two thousand six"
    return int(century * 100 + rest) if century and rest is not None else None


def year_of(groups: Groups, ctx: Context) -> int | None:
    """An explicit year ("2024", "nineteen ninety-six") or one relative to the DCT ("of last year")."""
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("yearw"):
        return spelled_year(groups["yearw"], ctx)
    if groups.get("yy"):  # "'87": the century that puts it at most ten years after the DCT
        short = int(groups["yy"])
        pivot = (ctx.dct.year % 100 + 10) if ctx.dct else 30
        return short + (2000 if short <= pivot else 1900)
    yrel = groups.get("yrel")
    if yrel and ctx.dct:
        return ctx.dct.year + _YEAR_REL.get(yrel.lower(), 0)
    return None


def year_for(month: int, day: int, ctx: Context, rel: int | None = None) -> int | None:
    """The year of a month (and day) named without one, from the DCT and the clause's tense.

    Past tense takes the latest such date not clearly after the DCT, future tense the first not
    clearly before it (by ``_TENSE_MARGIN`` days: "was postponed to Jan. 14" in a January 10
    report is still this year); otherwise the nearest.
    """
    if ctx.dct is None:
        return None
    if rel is not None and rel != 0:
        here, there = (ctx.dct.month, ctx.dct.day if day else 0), (month, day)
        if rel < 0:
            # "last February" in a March report is not the month just ended ("last month" names
            # that one) but the February a year before it
            just_ended = not day and month == (ctx.dct.month - 2) % 12 + 1
            return (
                ctx.dct.year
                if there < here and month != ctx.dct.month and not just_ended
                else ctx.dct.year - 1
            )
        return ctx.dct.year if there > here and month != ctx.dct.month else ctx.dct.year + 1
    if rel == 0:
        return ctx.dct.year
    # a month counts from its middle; for a finished event from its first day ("was held in
    # March" in a March 5 report is this March)
    middle = 1 if ctx.past_event else 15
    options = [
        (year, date)
        for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)
        if (date := tv.safe_date(year, month, day or middle) or tv.safe_date(year, month, 28))
    ]
    margin = dt.timedelta(days=0 if ctx.before_dct else _EVENT_MARGIN if ctx.past_event else _TENSE_MARGIN)
    if ctx.tense == "past":
        before = [year for year, date in options if date <= ctx.dct + margin]
        return before[-1] if before else ctx.dct.year
    if ctx.tense in {"future", "modal"}:  # "can win in November": what may be lies ahead
        after = [year for year, date in options if date >= ctx.dct - margin]
        return after[0] if after else ctx.dct.year
    return min(options, key=lambda o: abs((o[1] - ctx.dct).days))[0]


def date_value(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}" if tv.safe_date(2000, month, day) else None
    date = tv.safe_date(year, month, day)
    return date.isoformat() if date else None


def clock_suffix(groups: Groups, ctx: Context) -> str | None:
    part = groups.get("dpart")
    if part:
        code = ctx.lexicon.day_parts.get(normalise_key(part))
        return f"T{code}" if code else None
    return None
