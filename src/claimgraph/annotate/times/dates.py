"""Calendar dates named outright: numeric and spelled dates, months, seasons, years, decades,
centuries and holidays, with the year the DCT and the clause's tense give a bare month.
"""

from __future__ import annotations

import datetime as dt
import re

from claimgraph.annotate.times import values as tv
from claimgraph.annotate.times.context import (
    SENTENCE_END,
    Context,
    Groups,
    Resolution,
    date_value,
    month_number,
    point_mod,
    relative_step,
    word_after,
    word_before,
    year_for,
    year_of,
)
from claimgraph.annotate.times.holidays import holiday_date
from claimgraph.annotate.times.lexicon import normalise_key

_LAST_TWO_WORDS = re.compile(r"(?P<prev>\S+)(?P<gap>\s+)(?P<word>\S+)\s*\Z")
_NOUN_AFTER = re.compile(r"\s+[a-z]")
_JUST_PAST = dt.timedelta(days=30)  # a holiday this recent is still the one a text speaks of
_CLOSERS = ")]"  # brackets that may close a sentence after its full stop


def iso_date(g: Groups, text: str, ctx: Context) -> Resolution | None:
    value = date_value(int(g["year"]), int(g["mon"]), int(g["day"]))
    if value and g.get("hour"):
        if int(g["hour"]) > 24:
            return Resolution(value=None)
        return Resolution("TIME", f"{value}T{g['hour']}:{g['minute']}")
    return Resolution(value=value)


def numeric_date(g: Groups, text: str, ctx: Context) -> Resolution | None:
    a, b, y = int(g["a"]), int(g.get("b") or g["b2"]), g.get("y") or g["y2"]
    year = int(y)
    if len(y) == 2:
        pivot = (ctx.dct.year % 100 + 10) if ctx.dct else 30
        year += 2000 if year <= pivot else 1900
    if g.get("sep") == "." or a > 12:
        day_first = True
    elif ctx.day_first is not None and b <= 12:
        day_first = ctx.day_first  # the order the text writes its other dates in
    else:
        day_first = _reads_day_first(year, a, b, ctx)
    month, day = (b, a) if day_first else (a, b)
    if month > 12:
        month, day = day, month
    if month > 12 or day > 31 or (len(y) == 2 and g.get("sep") == "."):
        return None  # a version number or a score, not a date
    return Resolution(value=date_value(year, month, day))


def numeric_day(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "on 3/14": month and day (day first when the first number cannot be a month, or when the
    text writes its dates so), the year from the DCT and the clause's tense."""
    a, b = int(g["a"]), int(g["b"])
    month, day = (b, a) if a > 12 or (ctx.day_first and b <= 12) else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31) or tv.safe_date(2000, month, day) is None:
        return None
    return Resolution(value=date_value(year_for(month, day, ctx), month, day))


def _reads_day_first(year: int, a: int, b: int, ctx: Context) -> bool:
    """ "12/03/2013" is December 3 in American order, March 12 in most of the world. Read it day
    first only when that puts it on the side of the report its clause calls for and the American
    order does not: a past event (or none) not after the report, a future one not before it."""
    if ctx.dct is None or a > 12 or b > 12 or a == b:
        return False
    american, other = tv.safe_date(year, a, b), tv.safe_date(year, b, a)
    if american is None or other is None:
        return False
    slack = dt.timedelta(days=1)
    if ctx.tense == "future":
        return american < ctx.dct - slack <= other
    return other <= ctx.dct + slack < american


def month_day(g: Groups, text: str, ctx: Context) -> Resolution | None:
    month = month_number(g["month"], ctx)
    day = int(g["day"]) if g.get("day") else ctx.lexicon.ordinal(g.get("dayw") or "")
    if month is None or not day:
        return None
    if day > 31:
        return None
    year = year_of(g, ctx)
    if year is None and not (g.get("year") or g.get("yrel")):
        year = year_for(month, day, ctx)
    return Resolution(value=date_value(year, month, day), mod=point_mod(g, ctx))


def week_of(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the week of March 6": the ISO week that holds the day."""
    day = month_day(g, text, ctx)
    if day is None:
        return None
    found = tv.representative(day.value) if day.value else None
    return Resolution(value=tv.week_value(found[0]) if found and found[1] == "D" else None)


def week_in(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the first week of March", "the last week of 2016": TIMEX3 has no week of a month, so the
    ISO week that holds most of those seven days (the one with their fourth day); of a year this
    is the ISO numbering itself (the first week holds January 4, the last December 28)."""
    nth = ctx.lexicon.week_ordinals[normalise_key(g["wo"])]
    first, last = _period_days(g, ctx)
    if first is None or last is None:
        return Resolution(value=None)
    middle = first + dt.timedelta(days=7 * (nth - 1) + 3) if nth > 0 else last - dt.timedelta(days=3)
    if not first <= middle <= last:
        return Resolution(value=None)  # "the fifth week of February"
    return Resolution(value=tv.week_value(middle))


def nth_weekday(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "the first Tuesday in November", "the last Sunday of June": that weekday of the month."""
    first, _ = _period_days(g, ctx)
    if first is None:
        return Resolution(value=None)
    entry = {
        "month": first.month,
        "nth": ctx.lexicon.week_ordinals[normalise_key(g["wo"])],
        "weekday": ctx.lexicon.weekdays[normalise_key(g["wd"])],
    }
    date = holiday_date(entry, first.year)
    return Resolution(value=date.isoformat() if date and date.month == first.month else None)


def _period_days(g: Groups, ctx: Context) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of the month or year a "week of" names."""
    month = month_number(g["month"], ctx) if g.get("month") else None
    if g.get("unit") or g.get("this"):
        if ctx.dct is None:
            return None, None
        unit = "M" if normalise_key(g.get("unit") or "") == "month" else "Y"
        base = tv.shift_date(ctx.dct, relative_step(g.get("rel"), ctx) or 0, unit)
        if base is None:
            return None, None
        month = base.month if unit == "M" else None
        year: int | None = base.year
    elif month is not None:
        year = year_of(g, ctx) or year_for(month, 15, ctx)
    else:
        year = int(g["year2"])
    if year is None:
        return None, None
    if month is None:
        return tv.safe_date(year, 1, 1), tv.safe_date(year, 12, 31)
    following = tv.safe_date(year + month // 12, month % 12 + 1, 1)
    return tv.safe_date(year, month, 1), following - dt.timedelta(days=1) if following else None


def day_of_month(g: Groups, text: str, ctx: Context) -> Resolution | None:
    day = int(g["day"]) if g.get("day") else ctx.lexicon.ordinal(g.get("dayw") or "")
    if not day or day > 31:
        return None
    if g.get("x") and g.get("dayw") and word_before(ctx) not in ctx.lexicon.spelled_day_after:
        return None  # "flat in the second quarter from the first"
    if ctx.dct is None:
        return Resolution(value=None)
    rel = relative_step(g.get("rel"), ctx)
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
        return Resolution(value=date_value(base.year, base.month, day) if base else None)
    # news mostly reports what happened: the latest such day; a plan, the next one. A month
    # without that day is passed over ("the 31st" told on July 2 is May 31).
    step = 1 if ctx.tense == "future" else -1
    base = (
        first
        if (day >= ctx.dct.day if step == 1 else day <= ctx.dct.day)
        else tv.shift_date(first, step, "M")
    )
    for _ in range(2):
        if base is None or tv.safe_date(base.year, base.month, day):
            break
        base = tv.shift_date(base, step, "M")
    if base is None:
        return Resolution(value=None)
    return Resolution(value=date_value(base.year, base.month, day))


def month_year(g: Groups, text: str, ctx: Context) -> Resolution | None:
    month = month_number(g["month"], ctx)
    if month is None:
        return None
    year = year_of(g, ctx)
    return Resolution(
        value=tv.month_value(year, month) if year else f"XXXX-{month:02d}", mod=point_mod(g, ctx)
    )


def month(g: Groups, text: str, ctx: Context) -> Resolution | None:
    word = g["month"]
    if word.lower() in {"may", "march"} and (word.islower() or word.isupper() or ctx.is_modal):
        return None  # the verb, not the month
    if ctx.is_name:
        return None
    if word.lower() in {"may", "march"} and ctx.lexicon.name_link_regex.match(ctx.after):
        return None  # "the March for Life", "the March of the Mothers": a name
    number = month_number(word, ctx)
    if number is None:
        return None
    year = year_for(number, 0, ctx, relative_step(g.get("rel"), ctx))
    value = tv.month_value(year, number) if year else f"XXXX-{number:02d}"
    return Resolution(value=value, mod=point_mod(g, ctx))


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


def _in_name(word: str, ctx: Context) -> bool:
    """A capitalised word inside a sentence, beside another capitalised word: part of a name."""
    if not word.istitle():
        return False
    following = ctx.after.split(None, 1)[0] if ctx.after[:1].isspace() and ctx.after.strip() else ""
    if following.istitle() and normalise_key(following.strip(".,;:")) not in ctx.lexicon.months:
        return True
    words = ctx.before.split() if ctx.before[-1:].isspace() else []
    opens_sentence = len(words) < 2 or words[-2][-1:] in SENTENCE_END  # "In Winter," is no name
    return not opens_sentence and words[-1].istitle() and words[-1][-1:] not in SENTENCE_END


def season(g: Groups, text: str, ctx: Context) -> Resolution | None:
    code = ctx.lexicon.seasons[normalise_key(g["season"])]
    explicit = g.get("year") or g.get("yy") or g.get("yrel") or g.get("rel")
    # "prices fall", "the fall of Kabul": only "the fall" standing alone is the season.
    ambiguous = normalise_key(g["season"]) in {"fall", "spring"} and not explicit
    if ambiguous and (not (g.get("the") or g.get("that")) or ctx.after.lstrip().lower().startswith("of ")):
        return None
    if not explicit and _in_name(g["season"], ctx):
        return None  # "the Winter Olympics", "the Summer Games", "the Arab Spring"
    # "Three years later, the crisis hit. That autumn, ...": the season of the year last named
    told = tv.representative(ctx.recent) if g.get("that") and ctx.recent else None
    if told is not None and not explicit:
        return Resolution(value=f"{told[0].year:04d}-{code}", mod=point_mod(g, ctx), anchored=True)
    year = year_of(g, ctx)
    if year is None and ctx.dct is not None:
        year = _season_year(code, ctx, relative_step(g.get("rel"), ctx))
    value = f"{year:04d}-{code}" if year and tv.MIN_YEAR <= year <= tv.MAX_YEAR else f"XXXX-{code}"
    return Resolution(value=value, mod=point_mod(g, ctx))


def year(g: Groups, text: str, ctx: Context) -> Resolution | None:
    number = int(g["year"])
    if ctx.is_count or ctx.before.rstrip().endswith(("$", "#", "No.", "no.", "£", "€")):
        return None
    following = ctx.after.lstrip().lower().split(" ", 1)[0].strip(".,;:") if ctx.after.strip() else ""
    if following in ctx.lexicon.not_year_after:
        return None
    if ctx.before.endswith(("at ", "At ")) and ctx.lexicon.address_regex.match(ctx.after):
        return None  # "at 2088 Philip Street": a house number
    if not g.get("fiscal") and _ends_name(ctx):
        return None  # "a venture called Orion 1980", "Expo 2020": the year is part of a name
    if not (g.get("fiscal") or g.get("mod")) and not 1800 <= number <= 2100:
        return None
    if g.get("yearto") and not number < int(g["yearto"]) <= number + 100:
        return None  # "1990-1989" is no span of years
    if g.get("yy2"):
        adjective = _before_noun(ctx.before, ctx.after[1 + len(g["yy2"]) :])
        if _short_year_after(number, g["yy2"], adjective=adjective) is None:
            return None  # "2015-03": a month, not a span of years like "2014-15"
    return Resolution(value=f"{number:04d}", mod=point_mod(g, ctx))


def _ends_name(ctx: Context) -> bool:
    """Whether the year follows a capitalised word inside a sentence that is no calendar word."""
    if not ctx.before.endswith(" ") or ctx.in_headline:
        return False
    # a sentence may end inside its brackets ("(It works.) In 2013") or quotation marks
    # ("works.” In 2013"); a paragraph ends one whatever its last mark
    last = _LAST_TWO_WORDS.search(ctx.before)
    if last is None or last["prev"].rstrip(_CLOSERS)[-1:] in SENTENCE_END or "\n" in last["gap"]:
        return False
    word = last["word"]
    if not (word.isalpha() and word[:1].isupper() and word[1:].islower()):
        return False
    key = normalise_key(word)
    lex = ctx.lexicon
    return not (key in lex.weekdays or key in lex.seasons or key in lex.holidays or month_number(word, ctx))


def short_year(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "in '98", "the class of '87", the "91" of "1990-91": a year written with its last two digits."""
    if g.get("first"):  # "1990-91", "1999-00", "2014-16": a year after the one written before it
        adjective = _before_noun(ctx.before[:-5], ctx.after)  # before "2007-"
        after = _short_year_after(int(g["cc"] + g["first"]), g["yy"], adjective=adjective)
        return Resolution(value=f"{after:04d}") if after else None
    return Resolution(value=f"{year_of(g, ctx):04d}")


def _short_year_after(first: int, short: str, *, adjective: bool) -> int | None:
    """The year ``short`` (its last one or two digits) ends a span from ``first``: the next year
    ("1999-00", "2008-9"), or a later one of the same century that no month number could be
    ("2014-16", not "2001-09"); a month number too where the span qualifies a noun, as no ISO
    month does ("the 2007-09 recession")."""
    if len(short) == 1:
        return first + 1 if int(short) == (first + 1) % 10 else None
    number = int(short)
    if number == (first + 1) % 100:
        return first + 1
    if first % 100 < number and (number > 12 or adjective):
        return first - first % 100 + number
    return None


def _before_noun(before: str, after: str) -> bool:
    """ "the 2007-09 recession": between an article and a word in lower case."""
    return before.lower().endswith("the ") and bool(_NOUN_AFTER.match(after))


def spelled_year_rule(g: Groups, text: str, ctx: Context) -> Resolution | None:
    number = year_of(g, ctx)
    if number is None:
        return None
    if g.get("season"):
        return Resolution(value=f"{number:04d}-{ctx.lexicon.seasons[normalise_key(g['season'])]}")
    return Resolution(value=f"{number:04d}")


def decade(g: Groups, text: str, ctx: Context) -> Resolution | None:
    if word_before(ctx) in ctx.lexicon.age_owners:
        return None  # "in her late twenties", "a man in his 40s": an age
    if g.get("dec") and g["dec"].endswith("00") and int(g["dec"]) < 2000:
        value = g["dec"][:2]  # "the early 1900s": the century (years 1900 to 1999), as writers mean it
    elif g.get("dec"):
        value = g["dec"][:3]
    elif g.get("dec2"):
        century = 19 if ctx.dct is None or int(g["dec2"]) * 10 > ctx.dct.year % 100 else ctx.dct.year // 100
        value = f"{century}{g['dec2']}"
    else:
        value = f"19{ctx.lexicon.decade_words[normalise_key(g['decw'])]}"
    return Resolution(value=value, mod=point_mod(g, ctx))


def century(g: Groups, text: str, ctx: Context) -> Resolution | None:
    if g.get("rel"):
        if ctx.dct is None:
            return Resolution(value=None)
        return Resolution(value=f"{ctx.dct.year // 100 + (relative_step(g['rel'], ctx) or 0):02d}")
    number = int(g["cent"]) if g.get("cent") else ctx.lexicon.ordinal(g.get("centw") or "")
    if not number or not 1 <= number <= 22:
        return None
    return Resolution(value=f"{number - 1:02d}", mod=point_mod(g, ctx))


def holiday(g: Groups, text: str, ctx: Context) -> Resolution | None:
    name = normalise_key(g["hol"])
    entry = ctx.lexicon.holidays[name]
    if not g.get("year") and word_after(ctx) in ctx.lexicon.holiday_things:
        return None  # "Christmas trees", "Easter eggs", "Christmas Island": things named after the day
    if (
        name in ctx.lexicon.common_word_holidays
        and g["hol"][:1].islower()
        and ctx.lexicon.common_holiday_article_regex.search(ctx.before)
    ):
        return None  # "a great victory day", "a new year of growth": common words, not the holiday's name
    if "calendar" in entry and "feast" not in entry:
        return Resolution(value=None)  # "Ramadan": a month of another calendar, no one day
    # "the 1988 Super Tuesday", "at Passover in 2002" (the year a phrase of its own)
    words_after = ctx.after.split()[2:3]  # " in 2019 dollars": "dollars", no year
    counts = bool(words_after) and words_after[0].lower().strip(".,;:") in ctx.lexicon.not_year_after
    written = g.get("yearb") or (None if counts else g.get("yearin"))
    year = int(written) if written else year_of(g, ctx)
    if year is None and ctx.dct is not None and "every" in entry:
        year = _occurrence_year(entry, ctx.dct, ctx.tense, relative_step(g.get("rel"), ctx))
    elif year is None and ctx.dct is not None:
        this_year = holiday_date(entry, ctx.dct.year)
        if this_year is None:
            return Resolution(value=None)
        rel = relative_step(g.get("rel"), ctx)
        year = ctx.dct.year
        first = last = this_year
        if g.get("hweek"):  # "as Easter week began": the week is this year's from its Monday on
            first = this_year - dt.timedelta(days=this_year.isoweekday() - 1)
            last = first + dt.timedelta(days=6)
        if rel == -1 or (rel is None and ctx.tense == "past"):
            year -= first > ctx.dct
        elif rel == 1 or (rel is None and ctx.tense == "future"):
            year += last < ctx.dct
        elif rel is None:  # no tense to go by: the next one, or one just past
            year = _next_or_just_past(entry, year, ctx.dct)
    if year is None:
        if "month" in entry and "day" in entry:
            return Resolution(value=f"XXXX-{entry['month']:02d}-{entry['day']:02d}")
        return Resolution(value=None)
    date = holiday_date(entry, year)
    if date and (g.get("wkend") or g.get("wkend2")):
        # "Labor Day weekend", "the weekend of Halloween": the weekend at the holiday, the one
        # before a Monday holiday
        monday_holiday = date.isoweekday() == 1
        return Resolution(value=tv.week_value(date - dt.timedelta(days=7 * monday_holiday), weekend=True))
    if date and g.get("hweek"):  # "Easter week", "Thanksgiving week": the week the holiday falls in
        return Resolution(value=tv.week_value(date))
    return Resolution(value=date.isoformat() if date else None)


def _occurrence_year(entry: dict, dct: dt.date, tense: str | None, rel: int | None) -> int | None:
    """The year of a holiday that does not come each year ("Inauguration Day"): the last one
    before the report in a past clause (or after "last"), else the next one, or one just past."""
    span = range(dct.year - entry["every"], dct.year + entry["every"] + 1)
    dates = [(year, date) for year in span if (date := holiday_date(entry, year))]
    if rel == -1 or (rel is None and tense == "past"):
        before = [year for year, date in dates if date <= dct]
        return before[-1] if before else None
    floor = dct if rel == 1 or tense == "future" else dct - _JUST_PAST
    return _first_year_from(entry, span, floor)


def _next_or_just_past(entry: dict, year: int, dct: dt.date) -> int:
    """The year of the holiday next after the DCT, or of one at most a month before it: news
    looks ahead to a holiday ("on Election Day", "ahead to the New Year" on Dec. 30) unless it
    has just passed ("Christmas" on Jan. 3)."""
    found = _first_year_from(entry, range(year - 1, year + 2), dct - _JUST_PAST)
    return year if found is None else found


def _first_year_from(entry: dict, years: range, floor: dt.date) -> int | None:
    """The first of ``years`` in which the holiday falls on or after ``floor``."""
    return next((year for year in years if (date := holiday_date(entry, year)) and date >= floor), None)


def named_day(g: Groups, text: str, ctx: Context) -> Resolution | None:
    """ "after 9/11", "the Sept. 11 attacks": the day the news names by its date, once it has passed."""
    if g.get("name"):
        days = [day for day in ctx.lexicon.named_days if g["name"] in day.names]
    else:
        month = month_number(g.get("month") or g["month2"] or "", ctx)
        number = int(g.get("day") or g["day2"] or 0)
        what = normalise_key(g.get("what") or "")
        days = [
            day
            for day in ctx.lexicon.named_days
            if (day.date.month, day.date.day) == (month, number) and what in day.followed_by
        ]
    if not days or (ctx.dct is not None and ctx.dct < days[0].date):
        return None  # another year's day of that date, read by the rules for dates
    return Resolution(value=days[0].date.isoformat())
