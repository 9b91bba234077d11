"""Amounts of time and repetitions: durations ("three years", "several months"), sets ("every
week", "twice a year"), clock times and the vague references ("now", "recently").
"""

from __future__ import annotations

import re

from claimgraph.annotate.times import values as tv
from claimgraph.annotate.times.context import (
    SENTENCE_END,
    Context,
    Groups,
    Resolution,
    amount_mod,
    month_number,
    starts_after_report,
    word_after,
)
from claimgraph.annotate.times.lexicon import normalise_key

_ENTRY_BREAKS = ".:_\n"  # what may stand before a timestamp that opens an entry
_SENTENCE_START = re.compile(r"\s+[\"“]?[A-Z](?:[a-z]|\b)")  # on its line or the next: "Trump", "A", "U.S."
_OF = re.compile(r"(?:\s+|-)of\b", re.IGNORECASE)  # "a quarter of", "a quarter-of-a-million"


def duration(g: Groups, text: str, ctx: Context) -> Resolution | None:
    found = ctx.lexicon.unit(g["unit"])
    if found is None:
        return None
    name, entry = found
    counted = word_after(ctx) in ctx.lexicon.counting_words  # "one day after the vote"
    if ctx.before_verb and not counted and normalise_key(text) in ctx.lexicon.indefinite_days:
        return Resolution("DATE", "PAST_REF" if ctx.before_verb == "past" else "FUTURE_REF")
    num = normalise_key(g.get("num") or "one")  # "a week-long strike": one unit
    if name in {"second", "sec", "min"} and num in {"a", "an"}:
        return None  # "a second attack"
    fraction_of = ctx.lexicon.fraction_of_regex.match(ctx.after) or (
        num in {"a", "an"} and _OF.match(ctx.after)
    )
    if name == "quarter" and ("-" in text or fraction_of):
        # "three-quarters", "more than a quarter of the market", "pay for a quarter of college": a
        # fraction ("a quarter of an hour" is matched whole, by a longer pattern)
        return None
    if num in {"a", "an"} and not g.get("amod") and _after_amount(ctx):
        return None  # "$2 million a year": the unit of a rate (not "5,000 patients over a decade")
    if ctx.lexicon.comparison_regex.match(ctx.after):
        return None  # "a year-on-year rise", "a month over month gain": a comparison
    amount = 0.5 if num == "half" else ctx.lexicon.number(num)
    if amount is not None and num.isdigit() and len(num) == 4:
        return None  # "the 1988 quarter": a year, not 1,988 quarters
    if amount is not None:
        if g.get("half"):  # "two years and a half", "two and a half years"
            amount += 0.5
        amount *= entry.get("times", 1)
        if amount > 100000:
            return Resolution("DURATION", None)
    code = entry["code"]
    if amount is None and entry.get("vague_code"):
        code = entry["vague_code"]
    value = tv.duration_value(amount, code, time=bool(entry.get("time")), smaller=ctx.lexicon.smaller_unit)
    upper = ctx.lexicon.number(g["num2"]) if g.get("num2") else None
    if upper is not None and ctx.lexicon.shift_after_regex.match(ctx.after):
        return None  # "two or three years ago": a point in time, found by its own rule
    if upper is not None and amount is not None:
        # "two to three weeks", "12 to 18 months": the shorter, and the longer as the alternative
        other = upper * entry.get("times", 1)
        if other <= amount:
            return None  # "1990-91 years"? no span of amounts
        longer = tv.duration_value(
            other, code, time=bool(entry.get("time")), smaller=ctx.lexicon.smaller_unit
        )
        return Resolution("DURATION", value, mod=amount_mod(g, ctx), alternatives=[value, longer])
    return Resolution("DURATION", value, mod=amount_mod(g, ctx))


def _after_amount(ctx: Context) -> bool:
    """Whether an amount stands just before: "$2 million", "20%", "700 seats", "four flights"."""
    words = [w.lower().strip(",") for w in ctx.before.split()[-2:]]
    last = words[-1] if words else ""
    if last.endswith("-"):  # "a $400-million-a-year business"
        last = last.rstrip("-").rsplit("-", 1)[-1]
    if not last or ctx.before.rstrip().endswith((",", ";", ":")):
        return False  # "on April 14, a month after": the comma closes the amount's phrase
    if last[-1].isdigit() or last in ctx.lexicon.rate_amounts or last[-1] == "%":
        return True
    counted = len(words) == 2 and last.endswith("s") and last.isalpha()
    return counted and (words[0].replace(",", "").isdigit() or words[0] in ctx.lexicon.numbers)


def vague_duration(g: Groups, text: str, ctx: Context) -> Resolution | None:
    if g.get("span"):  # "for a while", "for some time": no unit either
        return Resolution("DURATION", "PXX")
    found = ctx.lexicon.unit(g["unit"])
    if found is None:
        return None
    _, entry = found
    code = entry.get("vague_code", entry["code"])
    return Resolution("DURATION", f"{'PT' if entry.get('time') else 'P'}X{code}")


def set_(g: Groups, text: str, ctx: Context) -> Resolution | None:
    if g.get("set"):
        if _after_amount(ctx):
            return None  # "20% annually", "$5 daily": the unit of a rate
        return Resolution("SET", ctx.lexicon.sets[normalise_key(g["set"])])
    if g.get("season"):  # "every summer"
        return Resolution("SET", f"XXXX-{ctx.lexicon.seasons[normalise_key(g['season'])]}")
    if g.get("month"):  # "each July"
        number = month_number(g["month"], ctx)
        return Resolution("SET", f"XXXX-{number:02d}") if number else None
    if g.get("wkend") or g.get("wkends"):  # "every weekend", "on weekends"
        return Resolution("SET", "XXXX-WXX-WE")
    if g.get("wd"):  # "Mondays", "Tuesday nights"
        part = ctx.lexicon.day_parts.get(normalise_key(g.get("dparts") or "").removesuffix("s"))
        suffix = f"T{part}" if part else ""
        return Resolution("SET", f"XXXX-WXX-{ctx.lexicon.weekdays[normalise_key(g['wd'])]}{suffix}")
    part = g.get("dpart") or ("" if g.get("num") else g.get("unit"))
    if part and normalise_key(part) in ctx.lexicon.day_parts:  # "every morning", "every night"
        return Resolution("SET", f"XXXX-XX-XXT{ctx.lexicon.day_parts[normalise_key(part)]}")
    unit_word = normalise_key(g["unit"])
    if unit_word in ctx.lexicon.weekdays:
        return Resolution("SET", f"XXXX-WXX-{ctx.lexicon.weekdays[unit_word]}")
    found = ctx.lexicon.unit(unit_word)
    if found is None:
        return None
    _, entry = found
    num = normalise_key(g.get("num") or "")
    amount = 2 if num == "other" else (ctx.lexicon.number(num) if num else 1)
    if amount is None and num in ctx.lexicon.vague_numbers:  # "every few months"
        code = entry.get("vague_code", entry["code"])
        return Resolution("SET", f"{'PT' if entry.get('time') else 'P'}X{code}")
    if amount is None:
        return None
    if "calendar" in entry:  # "every quarter": P1Q
        return Resolution("SET", f"P{amount:g}{entry['calendar']}")
    amount *= entry.get("times", 1)
    return Resolution(
        "SET", tv.duration_value(amount, entry["code"], time=bool(entry.get("time")), smaller={})
    )


def _minutes_off(g: Groups, hour: int, ctx: Context) -> tuple[int, int] | None:
    """Hour and minute of "ten past nine" (9:10) or "a quarter to nine" (8:45)."""
    part = normalise_key(g.get("part") or "")
    minutes = {"half": 30, "quarter": 15}.get(part) or ctx.lexicon.number(g.get("mins") or "")
    if not minutes or not 0 < minutes < 60 or not 1 <= hour <= 12:
        return None
    if normalise_key(g["dir"]) != "to":
        return hour, int(minutes)
    if part == "half":
        return None  # "half to" is no English clock time
    return (hour - 2) % 12 + 1, 60 - int(minutes)


def reference(g: Groups, text: str, ctx: Context) -> Resolution | None:
    word = normalise_key(g["ref"])
    opens = not ctx.before.strip() or ctx.before.rstrip()[-1] in SENTENCE_END
    if word in ctx.lexicon.discourse_markers and opens and ctx.after.startswith(","):
        return None  # "Now, he says, ...": a turn in the discourse
    ahead = ctx.lexicon.looking_ahead.get(word)
    if ahead is not None and not _looks_ahead(ahead, ctx):
        return None
    if word in ctx.lexicon.noun_references and _counted_next(ctx):
        return None  # "the past three summers", "the past century": "past" qualifies a span
    return Resolution(value=ctx.lexicon.references[word])


def _counted_next(ctx: Context) -> bool:
    """Whether an amount or a unit of time follows: "[the past] three summers", "[the past] century"."""
    words = ctx.after.split(maxsplit=1)
    word = words[0].strip(",.;:!?\"'") if words else ""
    return bool(word) and (ctx.lexicon.number(word) is not None or ctx.lexicon.unit(word) is not None)


def _looks_ahead(neighbours: dict[str, list[str]], ctx: Context) -> bool:
    """ "will soon begin": a future clause, and no conjunction ("soon after", "as soon as")."""
    if ctx.tense not in {"future", "modal"}:
        return False
    before = ctx.before.split()[-1:]
    after = ctx.after.split()[:1]
    return not (
        (before and normalise_key(before[0]) in neighbours["not_before"])
        or (after and normalise_key(after[0]) in neighbours["not_after"])
    )


def clock(g: Groups, text: str, ctx: Context) -> Resolution | None:
    if g.get("named"):
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[normalise_key(g["named"])]
    else:
        hour = int(g["hour"]) if g.get("hour") else int(ctx.lexicon.number(g.get("hourw") or "") or 0)
        minute = int(g.get("minute") or 0)
        if g.get("dir"):  # "half past seven", "a quarter to nine"
            moved = _minutes_off(g, hour, ctx)
            if moved is None:
                return None
            hour, minute = moved
        part = normalise_key(g.get("cpart") or g.get("cpart2") or "")
        ampm = (g.get("ampm") or ctx.lexicon.clock_day_parts.get(part, "")).lower()
        if ampm:
            if not 1 <= hour <= 12:
                return None
            afternoon = ampm.startswith("p")
            if g.get("hourto") and hour % 12 > int(g["hourto"]) % 12:
                afternoon = not afternoon  # "10:30 to 3 p.m.": the start lies in the morning
            hour = hour % 12 + (12 if afternoon else 0)
        elif hour > 24 or not (g.get("minute") or g.get("oclock") or g.get("dir")):
            return None  # a bare number is no clock time; "10 o'clock" is
    clock_value = f"T{hour:02d}:{minute:02d}" + (f":{g['second']}" if g.get("second") else "")
    # A bare clock time belongs to the day the text last named, else to the DCT's day; one that
    # heads an entry of a live report ("___. 2:05 p.m. Clinton says ...") is the report's day,
    # and one in a past clause is no day after the report ("votes were counted by 9:30 p.m."
    # after "the May 10 primary").
    if ctx.anchor and tv.granularity(ctx.anchor) == "D" and not _heads_entry(ctx) and not _past_after(ctx):
        return Resolution("TIME", f"{ctx.anchor[:10]}{clock_value}", anchored=True)
    date = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return Resolution("TIME", f"{date}{clock_value}")


def _past_after(ctx: Context) -> bool:
    """Whether a past clause would take the day last named though it comes after the DCT."""
    return ctx.tense == "past" and starts_after_report(ctx.anchor, ctx)


def _heads_entry(ctx: Context) -> bool:
    """A clock time standing first after a break and before a new sentence: a timestamp."""
    before = ctx.before.rstrip(" \t")
    return (not before or before[-1] in _ENTRY_BREAKS) and bool(_SENTENCE_START.match(ctx.after))
