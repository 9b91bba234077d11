"""Turn one matched time expression into its TIMEX3 type, value and mod.

Each pattern rule of ``times_patterns.yaml`` has a handler here. A handler gets the match groups
and a ``Context`` (document creation time, the clause's tense, the time the text last pinned
down, for "a month later"). It returns a ``Resolution``, or ``None`` when the match is not a time
expression after all ("may" the verb, "2000 troops"). An expression that cannot be pinned to the
calendar (no DCT, February 30) keeps its span with value ``None`` or a partial TIMEX3 value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from claimgraph.annotate.times import values as tv
from claimgraph.annotate.times.holidays import holiday_date
from claimgraph.annotate.times.lexicon import Lexicon, normalise_key
from claimgraph.annotate.times.tense import Tense

_CONCRETE_GRAN = {"D", "W", "M", "Q", "H", "S", "Y"}
_ORDER = ["D", "W", "M", "Q", "Y", "DE"]
_TENSE_MARGIN = 45  # days
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
    topic_quarter: str | None = None  # the first quarter the text named: what a report is about
    before: str = ""  # up to 40 characters of text before the expression
    after: str = ""  # up to 40 characters after it
    is_modal: bool = False  # the matched word is tagged as a modal verb ("may")
    is_count: bool = False  # the matched number modifies a noun ("2000 troops")
    before_dct: bool = False  # a cue puts it before the report ("since March"): no margin


Groups = dict[str, str | None]
Handler = Callable[[Groups, str, Context], Resolution | None]


def _mod(groups: Groups, ctx: Context) -> str | None:
    word = groups.get("mod")
    return ctx.lexicon.point_mods.get(normalise_key(word)) if word else None


def _amount_mod(groups: Groups, ctx: Context) -> str | None:
    word = groups.get("amod")
    if word:
        return ctx.lexicon.amount_mods.get(normalise_key(word))
    num = groups.get("num")
    if num and normalise_key(num) in ctx.lexicon.approximate_numbers:
        return "APPROX"
    return None


def _month(word: str, ctx: Context) -> int | None:
    return ctx.lexicon.months.get(normalise_key(word).rstrip("."))


def _rel(word: str | None, ctx: Context) -> int | None:
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


def _year_of(groups: Groups, ctx: Context) -> int | None:
    """An explicit year ("2024", "nineteen ninety-six") or one relative to the DCT ("of last year")."""
    if groups.get("year"):
        return int(groups["year"])
    if groups.get("yearw"):
        return spelled_year(groups["yearw"], ctx)
    yrel = groups.get("yrel")
    if yrel and ctx.dct:
        return ctx.dct.year + _YEAR_REL.get(yrel.lower(), 0)
    return None


def year_for(month: int, day: int, ctx: Context, rel: int | None = None) -> int | None:
    """The year of a month (and day) named without one, from the DCT and the clause's tense.

    Past tense takes the latest such date not clearly after the DCT, future tense the first not
    clearly before it (by ``_TENSE_MARGIN`` days: "was postponed to Jan. 14" in a January 10
    report is still this year); otherwise the nearest. A month counts from its middle.
    """
    if ctx.dct is None:
        return None
    if rel is not None and rel != 0:
        here, there = (ctx.dct.month, ctx.dct.day if day else 0), (month, day)
        if rel < 0:
            return ctx.dct.year if there < here and month != ctx.dct.month else ctx.dct.year - 1
        return ctx.dct.year if there > here and month != ctx.dct.month else ctx.dct.year + 1
    if rel == 0:
        return ctx.dct.year
    options = [
        (year, date)
        for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)
        if (date := tv.safe_date(year, month, day or 15) or tv.safe_date(year, month, 28))
    ]
    margin = dt.timedelta(days=0 if ctx.before_dct else _TENSE_MARGIN)
    if ctx.tense == "past":
        before = [year for year, date in options if date <= ctx.dct + margin]
        return before[-1] if before else ctx.dct.year
    if ctx.tense == "future":
        after = [year for year, date in options if date >= ctx.dct - margin]
        return after[0] if after else ctx.dct.year
    return min(options, key=lambda o: abs((o[1] - ctx.dct).days))[0]


def _date_value(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return f"XXXX-{month:02d}-{day:02d}" if tv.safe_date(2000, month, day) else None
    date = tv.safe_date(year, month, day)
    return date.isoformat() if date else None


def _clock_suffix(groups: Groups, ctx: Context) -> str | None:
    part = groups.get("dpart")
    if part:
        code = ctx.lexicon.day_parts.get(normalise_key(part))
        return f"T{code}" if code else None
    return None


# --- handlers ---------------------------------------------------------------------------------


def iso_date(g: Groups, text: str, ctx: Context) -> Resolution | None:
    value = _date_value(int(g["year"]), int(g["mon"]), int(g["day"]))
    if value and g.get("hour"):
        if int(g["hour"]) > 24:
            return Resolution(value=None)
        return Resolution("TIME", f"{value}T{g['hour']}:{g['minute']}")
    return Resolution(value=value)


def numeric_date(g: Groups, text: str, ctx: Context) -> Resolution | None:
    a, b, y = int(g["a"]), int(g["b"]), g["y"]
    year = int(y)
    if len(y) == 2:
        pivot = (ctx.dct.year % 100 + 10) if ctx.dct else 30
        year += 2000 if year <= pivot else 1900
    day_first = g["sep"] == "." or a > 12
    month, day = (b, a) if day_first else (a, b)
    if month > 12:
        month, day = day, month
    if month > 12 or day > 31 or (len(y) == 2 and g["sep"] == "."):
        return None  # a version number or a score, not a date
    return Resolution(value=_date_value(year, month, day))


def month_day(g: Groups, text: str, ctx: Context) -> Resolution | None:
    month = _month(g["month"], ctx)
    day = int(g["day"]) if g.get("day") else ctx.lexicon.ordinal(g.get("dayw") or "")
    if month is None or not day:
        return None
    if day > 31:
        return None
    year = _year_of(g, ctx)
    if year is None and not (g.get("year") or g.get("yrel")):
        year = year_for(month, day, ctx)
    return Resolution(value=_date_value(year, month, day), mod=_mod(g, ctx))


def day_of_month(g: Groups, text: str, ctx: Context) -> Resolution | None:
    day = int(g["day"]) if g.get("day") else ctx.lexicon.ordinal(g.get("dayw") or "")
    if not day or day > 31:
        return None
    if ctx.dct is None:
        return Resolution(value=None)
    rel = _rel(g.get("rel"), ctx)
    first = ctx.dct.replace(day=1)
    if g.get("wd"):  # "Tuesday the 11th": the nearest month where the 11th is a Tuesday
        weekday_number = ctx.lexicon.weekdays[normalise_key(g["wd"])]
        fits = [
            date
            for step in (0, -1, 1)
            if (month := tv.shift_date(first, step, "M"))
            and (date := tv.safe_date(month.year, month.month, day))
            and date.isoweekday() == weekday_number
        ]
        if not fits:
            return None  # "Friday, the fourth decline": no such date near the DCT, no date at all
        return Resolution(value=min(fits, key=lambda d: abs((d - ctx.dct).days)).isoformat())
    if rel is not None:
        base = tv.shift_date(first, rel, "M")
    elif ctx.tense == "future":
        base = first if day >= ctx.dct.day else tv.shift_date(first, 1, "M")
    else:  # news mostly reports what happened: the latest such day
        base = first if day <= ctx.dct.day else tv.shift_date(first, -1, "M")
    if base is None:
        return Resolution(value=None)
    return Resolution(value=_date_value(base.year, base.month, day))


def month_year(g: Groups, text: str, ctx: Context) -> Resolution | None:
    month = _month(g["month"], ctx)
    if month is None:
        return None
    year = _year_of(g, ctx)
    return Resolution(value=tv.month_value(year, month) if year else f"XXXX-{month:02d}", mod=_mod(g, ctx))


def month(g: Groups, text: str, ctx: Context) -> Resolution | None:
    word = g["month"]
    if word.lower() in {"may", "march"} and (word.islower() or word.isupper() or ctx.is_modal):
        return None  # the verb, not the month
    if word.lower() in {"may", "march"} and ctx.lexicon.name_link_regex.match(ctx.after):
        return None  # "the March for Life", "the March of the Mothers": a name
    number = _month(word, ctx)
    if number is None:
        return None
    year = year_for(number, 0, ctx, _rel(g.get("rel"), ctx))
    value = tv.month_value(year, number) if year else f"XXXX-{number:02d}"
    return Resolution(value=value, mod=_mod(g, ctx))


def _current_season(date: dt.date) -> tuple[int, str]:
    """(season year, code); winter belongs to the year its December falls in."""
    if date.month == 12:
        return date.year, "WI"
    if date.month <= 2:
        return date.year - 1, "WI"
    return date.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(date.month, "FA")


def _season_step(year: int, code: str, step: int) -> tuple[int, str]:
    # Seasons in calendar order within a season-year: SP, SU, FA, WI.
    order = ["SP", "SU", "FA", "WI"]
    index = year * 4 + order.index(code) + step
    return index // 4, order[index % 4]


def _season_year(code: str, ctx: Context, rel: int | None) -> int:
    """The season-year of the named season nearest the DCT in the direction rel/tense point."""
    now_year, now_code = _current_season(ctx.dct)
    steps = [(k, _season_step(now_year, now_code, k)) for k in range(-4, 5)]
    matching = [(k, year) for k, (year, c) in steps if c == code]
    if rel == -1:
        return [y for k, y in matching if k < 0][-1]
    if rel == 1:
        return next(y for k, y in matching if k > 0)
    if rel == 0:
        return next((y for k, y in matching if k == 0), ctx.dct.year)
    if ctx.tense == "past":
        return [y for k, y in matching if k <= 0][-1]
    if ctx.tense == "future":
        return next(y for k, y in matching if k >= 0)
    return ctx.dct.year


def season(g: Groups, text: str, ctx: Context) -> Resolution | None:
    code = ctx.lexicon.seasons[normalise_key(g["season"])]
    explicit = g.get("year") or g.get("yrel") or g.get("rel")
    # "prices fall", "the fall of Kabul": only "the fall" standing alone is the season.
    ambiguous = normalise_key(g["season"]) in {"fall", "spring"} and not explicit
    if ambiguous and (not g.get("the") or ctx.after.lstrip().lower().startswith("of ")):
        return None
    year = _year_of(g, ctx)
    if year is None and ctx.dct is not None:
        year = _season_year(code, ctx, _rel(g.get("rel"), ctx))
    value = f"{year:04d}-{code}" if year and tv.MIN_YEAR <= year <= tv.MAX_YEAR else f"XXXX-{code}"
    return Resolution(value=value, mod=_mod(g, ctx))


def year(g: Groups, text: str, ctx: Context) -> Resolution | None:
    number = int(g["year"])
    if ctx.is_count or ctx.before.rstrip().endswith(("$", "#", "No.", "no.", "£", "€")):
        return None
    following = ctx.after.lstrip().lower().split(" ", 1)[0].strip(".,;:") if ctx.after.strip() else ""
    if following in ctx.lexicon.not_year_after:
        return None
    if not (g.get("fiscal") or g.get("mod")) and not 1800 <= number <= 2100:
        return None
    return Resolution(value=f"{number:04d}", mod=_mod(g, ctx))


def spelled_year_rule(g: Groups, text: str, ctx: Context) -> Resolution | None:
    number = _year_of(g, ctx)
    if number is None:
        return None
    if g.get("season"):
        return Resolution(value=f"{number:04d}-{ctx.lexicon.seasons[normalise_key(g['season'])]}")
    return Resolution(value=f"{number:04d}")


def decade(g: Groups, text: str, ctx: Context) -> Resolution | None:
    if g.get("dec"):
        value = g["dec"][:3]
    elif g.get("dec2"):
        century = 19 if ctx.dct is None or int(g["dec2"]) * 10 > ctx.dct.year % 100 else ctx.dct.year // 100
        value = f"{century}{g['dec2']}"
    else:
        value = f"19{ctx.lexicon.decade_words[normalise_key(g['decw'])]}"
    return Resolution(value=value, mod=_mod(g, ctx))


def century(g: Groups, text: str, ctx: Context) -> Resolution | None:
    if g.get("rel"):
        if ctx.dct is None:
            return Resolution(value=None)
        return Resolution(value=f"{ctx.dct.year // 100 + (_rel(g['rel'], ctx) or 0):02d}")
    number = int(g["cent"]) if g.get("cent") else ctx.lexicon.ordinal(g.get("centw") or "")
    if not number or not 1 <= number <= 22:
        return None
    return Resolution(value=f"{number - 1:02d}", mod=_mod(g, ctx))


def quarter(g: Groups, text: str, ctx: Context) -> Resolution | None:
    if g.get("qn"):
        number = int(g["qn"][1])
    elif g.get("q"):
        number = ctx.lexicon.quarter_ordinals[normalise_key(g["q"])]
    else:
        number = None
    if number is not None:
        year = _year_of(g, ctx)
        if year is None and ctx.dct is not None:
            now = tv.quarter_of(ctx.dct)
            year = ctx.dct.year
            if number > now and ctx.tense not in {"future", "modal"}:
                year -= 1  # "the fourth quarter" in a report of May: the last one
        return Resolution(value=f"{year:04d}-Q{number}" if year else f"XXXX-Q{number}")
    if g.get("x") and (ctx.topic_quarter or tv.granularity(ctx.anchor) == "Q"):
        return Resolution(value=ctx.topic_quarter or ctx.anchor, anchored=True)
    if g.get("per"):
        return Resolution(value=None)  # "the latest period" with no quarter in view
    if ctx.dct is None:
        return Resolution(value=None)
    rel = _rel(g.get("rel"), ctx)
    step = -1 if rel is None else rel  # "the quarter" in a report is the one just ended
    moved = tv.shift_date(ctx.dct, step, "Q")
    return Resolution(value=tv.value_at(moved, "Q") if moved else None)


def year_quarter(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the 1988 second quarter", "last year's quarter": a quarter of a named year; without its
    number, the quarter the text is about (the last one named), in that year."""
    year = _year_of(g, ctx)
    if year is None:
        return Resolution(value=None)
    if g.get("q"):
        return Resolution(value=f"{year:04d}-Q{ctx.lexicon.quarter_ordinals[normalise_key(g['q'])]}")
    quarter = _quarter_in_focus(ctx)
    if quarter:
        return Resolution(value=f"{year:04d}{quarter[4:]}", anchored=True)
    return Resolution(value=f"{year:04d}")


def _quarter_in_focus(ctx: Context) -> str | None:
    """The quarter a results report is about: the first it named ("the third quarter ... the
    year-ago period" is the third quarter of last year, even after "a flat second quarter")."""
    if ctx.topic_quarter:
        return ctx.topic_quarter
    return ctx.anchor if tv.granularity(ctx.anchor) == "Q" else None


def half(g: Groups, text: str, ctx: Context) -> Resolution | None:
    number = ctx.lexicon.half_ordinals[normalise_key(g["h"])]
    year = _year_of(g, ctx) or (ctx.dct.year if ctx.dct else None)
    return Resolution(value=f"{year:04d}-H{number}" if year else f"XXXX-H{number}")


def year_ago_period(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the year-earlier quarter": the quarter (or half) just named, a year back; else last year."""
    if ctx.anchor and tv.granularity(ctx.anchor) == "H":
        return Resolution(value=None, anchored=True)
    quarter = _quarter_in_focus(ctx)
    if quarter:
        return Resolution(value=tv.shift(quarter, -1, "Y"), anchored=True)
    if ctx.dct is None:
        return Resolution(value=None)
    return Resolution(value=f"{ctx.dct.year - 1:04d}")


def weekday_date(weekday: int, ctx: Context, rel: int | None) -> dt.date | None:
    if ctx.dct is None:
        return None
    diff = weekday - ctx.dct.isoweekday()
    if rel == -1:
        diff = diff if diff < 0 else diff - 7
    elif rel == 1:
        diff = diff if diff > 0 else diff + 7
    elif ctx.tense == "future":
        diff = diff if diff >= 0 else diff + 7
    elif ctx.tense in {"modal", "present"}:
        diff = diff - 7 if diff > 3 else diff + 7 if diff < -3 else diff
    else:  # news mostly reports the days just past
        diff = diff if diff <= 0 else diff - 7
    return ctx.dct + dt.timedelta(days=diff)


def weekday(g: Groups, text: str, ctx: Context) -> Resolution | None:
    number = ctx.lexicon.weekdays[normalise_key(g["wd"]).rstrip(".")]
    rel = _rel(g.get("rel") or g.get("arel"), ctx)
    if g.get("arel") and tv.granularity(ctx.anchor) == "D":
        # "the previous Friday": the one before the day the text last named, not before the DCT
        anchor = tv.representative(ctx.anchor or "")
        if anchor is not None:
            date = weekday_date(number, replace(ctx, dct=anchor[0], tense=None), rel)
            return Resolution(value=date.isoformat() if date else None, anchored=True)
    date = weekday_date(number, ctx, rel)
    # "Friday night": 1998-08-07TNI, typed DATE as the TempEval-3 (AQUAINT) annotators did.
    suffix = _clock_suffix(g, ctx) or ""
    if date is None:
        return Resolution(value=f"XXXX-WXX-{number}{suffix}")
    return Resolution(value=date.isoformat() + suffix, mod=_mod(g, ctx))


def week_weekday(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "next week Monday", "Tuesday of the previous week": that day of the named week."""
    number = ctx.lexicon.weekdays[normalise_key(g["wd"])]
    if ctx.dct is None:
        return Resolution(value=f"XXXX-WXX-{number}")
    monday = ctx.dct - dt.timedelta(days=ctx.dct.isoweekday() - 1)
    date = monday + dt.timedelta(weeks=_rel(g["rel"], ctx) or 0, days=number - 1)
    return Resolution(value=date.isoformat())


def unit_before_after(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "He had arrived the day before.": a unit on from the last time the text named (or the DCT)."""
    code = _UNIT_CODE[normalise_key(g["unit"])]
    return _anchored_unit(code, -1 if normalise_key(g["dir"]) == "before" else 1, ctx, None)


def after_next(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the week after next": two units on from the DCT's."""
    code = _UNIT_CODE[normalise_key(g["unit"])]
    moved = tv.shift_date(ctx.dct, 2, code) if ctx.dct else None
    return Resolution(value=tv.value_at(moved, code) if moved else None)


def week_number(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "week 31": the ISO week of the year given, else of the DCT's year."""
    year = _year_of(g, ctx) or (ctx.dct.year if ctx.dct else None)
    number = int(g["wn"])
    if year is None:
        return Resolution(value=f"XXXX-W{number:02d}")
    last = tv.safe_date(year, 12, 28)  # always in the year's last ISO week
    if last is None or last.isocalendar()[1] < number:
        return Resolution(value=None)
    return Resolution(value=f"{year:04d}-W{number:02d}")


def deictic(g: Groups, text: str, ctx: Context) -> Resolution | None:
    offset = ctx.lexicon.deictic_days[normalise_key(g["deictic"])]
    after = normalise_key(ctx.after)
    noun = after[2:].split(maxsplit=1)[0].strip(".,;:!?\"'") if after.startswith("'s ") else ""
    if offset == 0 and noun in ctx.lexicon.generic_after_today:
        return None  # "today's youth", "in today's world": the present age, not the day
    suffix = _clock_suffix(g, ctx)
    kind = "TIME" if suffix else "DATE"
    if ctx.dct is None:
        return Resolution(kind, None)
    date = ctx.dct + dt.timedelta(days=offset)
    return Resolution(kind, date.isoformat() + (suffix or ""), mod=_mod(g, ctx))


def deictic_time(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "tonight", "this morning"; "in the morning", "by mid-afternoon": of the day last named."""
    if g.get("dtime"):
        offset, code = ctx.lexicon.deictic_times[normalise_key(g["dtime"])]
    else:
        offset, code = 0, ctx.lexicon.day_parts[normalise_key(g.get("dpart") or g["dpart2"])]
    if (g.get("x") or g.get("dpart2")) and tv.granularity(ctx.anchor) == "D":
        return Resolution("TIME", f"{(ctx.anchor or '')[:10]}T{code}", anchored=True)
    if ctx.dct is None:
        return Resolution("TIME", None)
    date = ctx.dct + dt.timedelta(days=offset)
    return Resolution("TIME", f"{date.isoformat()}T{code}", mod=_mod(g, ctx))


_UNIT_CODE = {
    "day": "D",
    "week": "W",
    "weekend": "W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
}


def _weekend(ctx: Context, rel: int | None) -> str | None:
    if ctx.dct is None:
        return None
    date = ctx.dct
    if rel is None and date.isoweekday() < 6 and ctx.tense != "future":
        rel = -1  # "over the weekend" in a weekday report: the one just past
    if rel:
        date = date + dt.timedelta(weeks=rel)
    return tv.week_value(date, weekend=True)


def rel_unit(g: Groups, text: str, ctx: Context) -> Resolution | None:
    unit = normalise_key(g["unit"])
    code = _UNIT_CODE[unit]
    rel_word = normalise_key(g.get("rel") or "")
    rel = _rel(rel_word, ctx) if rel_word else None
    mod = _mod(g, ctx)
    if g.get("the") and rel_word == "next" and code == "D":
        return _anchored_unit(code, 1, ctx, mod)  # "the next day": the day after the last one named
    if (
        g.get("the")
        and rel_word in {"past", "last", "next", "coming"}
        and not mod
        and unit not in ctx.lexicon.calendar_after_the_rel
    ):
        return Resolution(
            "DURATION", f"P1{code}" if code not in {"DE", "CE"} else f"P{10 if code == 'DE' else 100}Y"
        )
    if unit == "weekend":
        return Resolution(value=_weekend(ctx, rel), mod=mod)
    if rel_word in {"following", "previous", "preceding", "same"} or g.get("x") or g.get("that"):
        return _anchored_unit(code, rel or 0, ctx, mod)
    if ctx.dct is None:
        return Resolution(value=None, mod=mod)
    step = {"DE": ("Y", 10), "CE": ("Y", 100)}.get(code, (code, 1))
    moved = tv.shift_date(ctx.dct, (rel or 0) * step[1], step[0])
    return Resolution(value=tv.value_at(moved, code) if moved else None, mod=mod)


def _anchored_unit(code: str, step: int, ctx: Context, mod: str | None) -> Resolution | None:
    """ "the following year", "the same day": relative to the last time the text gave."""
    found = tv.representative(ctx.anchor) if ctx.anchor else None
    if found is None:
        if code == "D" and step == 0:
            return None  # "on the day" with nothing to refer to
        base, anchored = ctx.dct, False
    else:
        base, anchored = found[0], True
        if _ORDER.index(found[1] if found[1] in _ORDER else "Y") > _ORDER.index(
            code if code in _ORDER else "Y"
        ):
            return Resolution(value=None, mod=mod, anchored=True)
    if base is None:
        return Resolution(value=None, mod=mod)
    moved = tv.shift_date(base, step, code) if code in {"D", "W", "M", "Q", "Y"} else base
    return Resolution(value=tv.value_at(moved, code) if moved else None, mod=mod, anchored=anchored)


def the_year(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the year": a year's duration when measured back from its end ("the year ended Sept. 30");
    the DCT's year as "the full year" or after "in", "of", "for" ("earlier in the year", "the
    first nine months of the year", results "for the year"); else a year's duration."""
    following = ctx.after.lstrip().lower().split(" ", 1)[0]
    if following in ctx.lexicon.the_year["span_if_followed_by"]:
        return Resolution("DURATION", "P1Y")
    full = normalise_key(g.get("kind") or "") == "full"
    preposition = ctx.before.rstrip().lower().rsplit(" ", 1)[-1]
    if (full or preposition in ctx.lexicon.the_year["calendar_after"]) and ctx.dct is not None:
        return Resolution(value=f"{ctx.dct.year:04d}")
    return Resolution("DURATION", "P1Y")


def shifted(g: Groups, text: str, ctx: Context) -> Resolution | None:
    found = ctx.lexicon.unit(g["unit"])
    if found is None:
        return None
    _, entry = found
    direction = normalise_key(g["dir"])
    sign = -1 if direction in {"ago", "earlier", "before", "back"} else 1
    num = g.get("num")
    amount = ctx.lexicon.number(num) if num else 0
    mod = "APPROX" if g.get("amod") else None
    if num and amount is None:  # "several years ago"
        return Resolution(value="PAST_REF" if sign < 0 else "FUTURE_REF", mod=mod)
    if entry.get("time"):
        code, count = "D", 0
    elif "calendar" in entry:  # quarters move by quarters
        code, count = entry["calendar"], int(amount or 0)
    else:
        code, count = entry["code"], int((amount or 0) * entry.get("times", 1))
    if g.get("base"):  # "three weeks from tomorrow", "two days before yesterday"
        if entry.get("time"):
            return None  # "3 minutes from today" is no day: leave it to the duration
        if ctx.dct is None:
            return Resolution(value=None, mod=mod)
        base = ctx.dct + dt.timedelta(days=ctx.lexicon.deictic_days[normalise_key(g["base"])])
        moved = tv.shift_date(base, sign * count, code)
        return Resolution(value=moved.isoformat() if moved else None, mod=mod)
    relative_to_text = direction in {"earlier", "later", "before", "after"}
    gran = tv.granularity(ctx.anchor)
    if ctx.anchor and gran in _CONCRETE_GRAN and (relative_to_text or (gran == "Q" and code == "Y")):
        if not num:  # "earlier that day", "later that year" (after "in June 1998": 1998)
            found = tv.representative(ctx.anchor)
            inside = found and found[1] in _ORDER and _ORDER.index(found[1]) <= _ORDER.index(code)
            return Resolution(value=tv.value_at(found[0], code) if inside else None, anchored=True)
        base = (_quarter_in_focus(ctx) or ctx.anchor) if gran == "Q" else ctx.anchor
        moved = tv.shift(base, sign * count, code)
        if moved and gran != "Q" and _ORDER.index(code) > _ORDER.index(gran if gran in _ORDER else "Y"):
            found = tv.representative(moved)  # "a year earlier" than a month: a year
            moved = tv.value_at(found[0], code) if found else moved
        return Resolution(value=moved, mod=mod, anchored=True)
    if ctx.dct is None:
        return Resolution(value=None, mod=mod)
    moved = tv.shift_date(ctx.dct, sign * count, code)
    return Resolution(value=tv.value_at(moved, code) if moved else None, mod=mod)


def duration(g: Groups, text: str, ctx: Context) -> Resolution | None:
    found = ctx.lexicon.unit(g["unit"])
    if found is None:
        return None
    name, entry = found
    num = normalise_key(g["num"])
    if name in {"second", "sec", "min"} and num in {"a", "an"}:
        return None  # "a second attack"
    if name == "quarter" and "-" in text:
        return None  # "three-quarters" is a fraction
    if num in {"a", "an"} and _after_amount(ctx):
        return None  # "$2 million a year": the unit of a rate
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
    return Resolution("DURATION", value, mod=_amount_mod(g, ctx))


def _after_amount(ctx: Context) -> bool:
    words = ctx.before.split()
    last = words[-1].lower().strip(",") if words else ""
    return bool(last) and (last[-1].isdigit() or last in ctx.lexicon.rate_amounts)


def vague_duration(g: Groups, text: str, ctx: Context) -> Resolution | None:
    found = ctx.lexicon.unit(g["unit"])
    if found is None:
        return None
    _, entry = found
    code = entry.get("vague_code", entry["code"])
    return Resolution("DURATION", f"{'PT' if entry.get('time') else 'P'}X{code}")


def set_(g: Groups, text: str, ctx: Context) -> Resolution | None:
    if g.get("set"):
        return Resolution("SET", ctx.lexicon.sets[normalise_key(g["set"])])
    if g.get("season"):  # "every summer"
        return Resolution("SET", f"XXXX-{ctx.lexicon.seasons[normalise_key(g['season'])]}")
    if g.get("month"):  # "each July"
        number = _month(g["month"], ctx)
        return Resolution("SET", f"XXXX-{number:02d}") if number else None
    if g.get("wd"):  # "Mondays", "Tuesday nights"
        part = ctx.lexicon.day_parts.get(normalise_key(g.get("dparts") or "").removesuffix("s"))
        suffix = f"T{part}" if part else ""
        return Resolution("SET", f"XXXX-WXX-{ctx.lexicon.weekdays[normalise_key(g['wd'])]}{suffix}")
    unit_word = normalise_key(g["unit"])
    if unit_word in ctx.lexicon.weekdays:
        return Resolution("SET", f"XXXX-WXX-{ctx.lexicon.weekdays[unit_word]}")
    found = ctx.lexicon.unit(unit_word)
    if found is None:
        return None
    _, entry = found
    num = normalise_key(g.get("num") or "")
    amount = 2 if num == "other" else (ctx.lexicon.number(num) if num else 1)
    if amount is None:
        return None
    if "calendar" in entry:  # "every quarter": P1Q
        return Resolution("SET", f"P{amount:g}{entry['calendar']}")
    amount *= entry.get("times", 1)
    return Resolution(
        "SET", tv.duration_value(amount, entry["code"], time=bool(entry.get("time")), smaller={})
    )


def reference(g: Groups, text: str, ctx: Context) -> Resolution | None:
    return Resolution(value=ctx.lexicon.references[normalise_key(g["ref"])])


def clock(g: Groups, text: str, ctx: Context) -> Resolution | None:
    if g.get("named"):
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[normalise_key(g["named"])]
    else:
        hour = int(g["hour"]) if g.get("hour") else int(ctx.lexicon.number(g.get("hourw") or "") or 0)
        minute = int(g.get("minute") or 0)
        part = normalise_key(g.get("cpart") or g.get("cpart2") or "")
        ampm = (g.get("ampm") or ctx.lexicon.clock_day_parts.get(part, "")).lower()
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm.startswith("p") else 0)
        elif hour > 24 or not (g.get("minute") or g.get("oclock")):
            return None  # a bare number is no clock time; "10 o'clock" is
    clock_value = f"T{hour:02d}:{minute:02d}" + (f":{g['second']}" if g.get("second") else "")
    # A bare clock time belongs to the day the text last named, else to the DCT's day.
    if ctx.anchor and tv.granularity(ctx.anchor) == "D":
        return Resolution("TIME", f"{ctx.anchor[:10]}{clock_value}", anchored=True)
    date = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return Resolution("TIME", f"{date}{clock_value}")


def holiday(g: Groups, text: str, ctx: Context) -> Resolution | None:
    entry = ctx.lexicon.holidays[normalise_key(g["hol"])]
    year = _year_of(g, ctx)
    if year is None and ctx.dct is not None:
        this_year = holiday_date(entry, ctx.dct.year)
        if this_year is None:
            return Resolution(value=None)
        rel = _rel(g.get("rel"), ctx)
        year = ctx.dct.year
        if rel == -1 or (rel is None and ctx.tense == "past"):
            year -= this_year > ctx.dct
        elif rel == 1 or (rel is None and ctx.tense == "future"):
            year += this_year < ctx.dct
    if year is None:
        if "month" in entry and "day" in entry:
            return Resolution(value=f"XXXX-{entry['month']:02d}-{entry['day']:02d}")
        return Resolution(value=None)
    date = holiday_date(entry, year)
    return Resolution(value=date.isoformat() if date else None)


HANDLERS: dict[str, Handler] = {
    "iso_date": iso_date,
    "numeric_date": numeric_date,
    "month_day": month_day,
    "day_of_month": day_of_month,
    "month_year": month_year,
    "month": month,
    "season": season,
    "year": year,
    "decade": decade,
    "spelled_year": spelled_year_rule,
    "century": century,
    "quarter": quarter,
    "half": half,
    "year_quarter": year_quarter,
    "year_ago_period": year_ago_period,
    "weekday": weekday,
    "week_weekday": week_weekday,
    "unit_before_after": unit_before_after,
    "after_next": after_next,
    "week_number": week_number,
    "deictic": deictic,
    "deictic_time": deictic_time,
    "rel_unit": rel_unit,
    "shifted": shifted,
    "the_year": the_year,
    "duration": duration,
    "vague_duration": vague_duration,
    "set": set_,
    "reference": reference,
    "clock": clock,
    "holiday": holiday,
}


def resolve(rule: str, groups: Groups, text: str, ctx: Context) -> Resolution | None:
    """Normalise one match; ``None`` rejects it as not a time expression."""
    return HANDLERS[rule](groups, text, ctx)
