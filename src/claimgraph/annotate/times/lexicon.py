"""The time lexicon of one language, read from data files, and the patterns compiled from it.

``times.yaml`` holds the word lists, ``times_patterns.yaml`` the expression patterns with
``{name}`` slots, ``calendar.yaml`` the month, weekday and season names (shared with dateline
parsing). Everything is compiled once per language and cached.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from claimgraph import data

TRIGGER_WORD = re.compile(r"\d+|[^\W\d_]+(?:'s)?")  # a word as the trigger pass splits text


def trigger_key(word: str) -> str:
    """The key a word triggers patterns by: lower case, without a possessive ("Monday's": "monday")."""
    word = word.lower()
    return word[:-2] if word.endswith("'s") else word


def _alternation(words: list[str]) -> str:
    """A regex matching any of ``words``, the longest where several fit ("this past" over "this").

    Written as a trie ("jan(?:uary)?"): Python's engine tries alternatives one by one, and a
    flat list of a hundred words made every pattern several times slower.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for part in re.findall(r" +|.", word.lower()):
            node = node.setdefault(r"\s+" if part.startswith(" ") else re.escape(part), {})
        node[""] = {}
    return "(?:" + _trie_regex(trie) + ")"


def _trie_regex(node: dict) -> str:
    optional = "" in node
    branches = [key + _trie_regex(child) for key, child in sorted(node.items()) if key]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:  # greedy: the longer word is tried first
        return f"(?:{body})?"
    return body


@dataclass(frozen=True, slots=True)
class Pattern:
    rule: str
    regex: re.Pattern[str]
    triggers: tuple[str, ...]  # word classes or words, one of which must be near a match


@dataclass(frozen=True, slots=True)
class NamedDay:
    """A day the news names by its date ("9/11"; "Sept. 11" before "attacks")."""

    date: dt.date
    names: frozenset[str]
    followed_by: frozenset[str]  # the words after its written date that make it the name


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists (lower case) and compiled patterns for one language."""

    lang: str
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]  # name -> TIMEX3 code (SP, SU, FA, WI)
    numbers: dict[str, float]
    multipliers: dict[str, int]  # "two hundred": hundred multiplies two
    vague_numbers: frozenset[str]
    approximate_numbers: frozenset[str]
    ordinals: dict[str, int]
    units: dict[str, dict[str, Any]]
    plural_units: dict[str, str]
    smaller_unit: dict[str, list[Any]]
    relative: dict[str, int]
    point_mods: dict[str, str]
    amount_mods: dict[str, str]
    context_mods: dict[str, str]
    deictic_days: dict[str, int]
    deictic_times: dict[str, list[Any]]
    noun_references: frozenset[str]  # "the past" as a noun, not before "three summers"
    night_before_day_in_view: frozenset[str]  # "overnight" in a past passage about a named day
    day_parts: dict[str, str]
    clock_day_parts: dict[str, str]  # "4 in the morning": the half of the day a clock hour is in
    generic_after_today: frozenset[str]  # "today's world": the present age, not the DCT's day
    generic_of_day: frozenset[str]  # "the people of tomorrow": an age to come, not the next day
    discourse_markers: frozenset[str]  # "Now, he says": opening a sentence before a comma, no time
    looking_ahead: dict[str, dict[str, list[str]]]  # "soon": a time only in a clause looking ahead
    indefinite_days: frozenset[str]  # "will one day be": a time ahead, before its verb
    counting_words: frozenset[str]  # "one day after the vote": an amount counted from a time
    references: dict[str, str]
    sets: dict[str, str]
    frequencies: dict[str, int]
    holidays: dict[str, dict[str, int | str]]
    holiday_things: frozenset[str]  # "trees" after "Christmas": a thing, not the day
    common_word_holidays: frozenset[str]  # "victory day": no name after "a" in lower case
    common_holiday_article_regex: re.Pattern[str]  # "a great " just before it
    named_days: tuple[NamedDay, ...]
    not_year_after: frozenset[str]
    address_regex: re.Pattern[str]  # "2088 Philip Street" after "at": a house number
    age_owners: frozenset[str]  # "in her twenties": an age, not a decade
    spelled_day_after: frozenset[str]  # "on" the fifteenth
    results_spans: frozenset[str]  # "the nine months" (P9M) of a results report
    topic_break_regex: re.Pattern[str]  # "Separately," opening a sentence: another report
    rate_amounts: frozenset[str]
    offset_words: dict[str, int]
    offset_gap_regex: re.Pattern[str]  # the text between an amount and its day
    span_from_regex: re.Pattern[str]  # "for" before an amount: "from" then starts the span
    workday_regex: re.Pattern[str]  # "trading", "business": days that are no calendar days
    fraction_of_regex: re.Pattern[str]  # " of the" after "a quarter": a share of something
    comparison_regex: re.Pattern[str]  # "-on-year" after "a year": a comparison of periods
    shift_after_regex: re.Pattern[str]  # " ago" after "two or three years": a point, not an amount
    backward_shifts: frozenset[str]  # "ago", "earlier": the words that count back
    amount_join_regex: re.Pattern[str]  # "and" between "three years" and "six months": one amount
    amount_range_regex: re.Pattern[str]  # "between" before "two years and six months": two amounts
    naming_copula_regex: re.Pattern[str]  # "was \"" before "a great day": the day is named
    range_link_regex: re.Pattern[str]  # the text between the two dates of a span ("to", "-")
    year_after_regex: re.Pattern[str]  # " in " between "June" and "2017": the month's year
    quarter_ordinals: dict[str, int]
    half_ordinals: dict[str, int]
    week_ordinals: dict[str, int]
    decade_words: dict[str, int]
    future_auxiliaries: frozenset[str]
    condition_marks: frozenset[str]  # "if", "unless": a present clause after them looks ahead
    future_governors: frozenset[str]
    arranging_verbs: frozenset[str]
    scheduling_verbs: frozenset[str]
    attribution_words: frozenset[str]  # "according (to the ministry on the 13th)"
    event_date_prepositions: frozenset[str]  # "was held on March 3": the date of a past event
    lasting_verbs: frozenset[str]  # "lasted until Monday": the state held up to a day gone by
    habitual_adverbs: frozenset[str]  # "usually" (in the fourth quarter): every such quarter
    deferring_verbs: frozenset[str]  # "postponed (to January)": the time lies ahead
    deferral_prepositions: frozenset[str]  # "to", "through" after a deferring verb
    reporting_verbs: frozenset[str]  # "said" (it would ...): reported speech
    the_year: dict[str, frozenset[str]]  # span_if_followed_by, calendar_after, calendar_before
    calendar_after_the_rel: frozenset[str]  # units of "the past year" that name a calendar unit
    span_before_the_rel: frozenset[str]  # "over" the next decade: ten years, not the 2020s
    patterns: tuple[Pattern, ...]
    trigger_classes: dict[str, tuple[str, ...]]  # trigger word -> its classes (month, unit, ...)
    context_mod_regex: re.Pattern[str]
    forward_cue_regex: re.Pattern[str]  # "until", "payable" (and a clock time) just before a date
    event_ahead_regex: re.Pattern[str]  # "ahead of" just before "Tuesday's primary"
    universal_time_regex: re.Pattern[str]  # "GMT", "UTC": the zone a bracketed time converts to
    backward_cue_regex: re.Pattern[str]  # "since (shortly after the)" just before a date
    name_link_regex: re.Pattern[str]  # "for Life", "of the Mothers" after "March": a name
    name_titles: frozenset[str]  # "Mrs", "Prime Minister" before "May": a person
    month_cues: frozenset[str]  # "in", "since" before "May": the month, even beside "Theresa May"
    period_end_regex: re.Pattern[str]  # " ended Sept. 30" after "the quarter": the day it ended
    period_end_gap_regex: re.Pattern[str]  # " ended " between a quarter and its last day

    def number(self, text: str) -> float | None:
        """The value of a number word or numeral; ``None`` for vague amounts ("several")."""
        key = " ".join(text.lower().split())
        if key in self.numbers:
            return self.numbers[key]
        try:
            return float(key.replace(",", ""))
        except ValueError:
            pass
        if key.endswith(" 1/2") and key[:-4].isdigit():
            return int(key[:-4]) + 0.5  # "2 1/2 years"
        parts = re.split(r"[\s-]+", key)
        if len(parts) >= 2 and parts[-1] in self.multipliers:  # "two hundred", "twenty-five thousand"
            base = self.number(" ".join(parts[:-1]))
            return base * self.multipliers[parts[-1]] if base is not None else None
        if len(parts) == 2 and parts[0] in self.numbers and parts[1] in self.numbers:
            return self.numbers[parts[0]] + self.numbers[parts[1]]  # "twenty-five"
        return None

    def unit(self, text: str) -> tuple[str, dict[str, Any]] | None:
        """The singular unit name and its entry ("years" -> "year")."""
        key = text.lower()
        key = self.plural_units.get(key, key)
        if key in self.units:
            return key, self.units[key]
        if key.endswith("s") and key[:-1] in self.units:
            return key[:-1], self.units[key[:-1]]
        return None

    def ordinal(self, text: str) -> int | None:
        key = "-".join(text.lower().split())  # "twenty third" as "twenty-third"
        if key in self.ordinals:
            return self.ordinals[key]
        digits = re.match(r"(\d+)", key)
        return int(digits.group(1)) if digits else None


def _month_words(lang: str) -> tuple[dict[str, int], str, str, str]:
    """Month names -> numbers, the full-name alternation, the alternation with abbreviations and
    that of the abbreviations alone.

    An abbreviation alone ("Mar", "Dec") is too often a word or a name, so it only counts before
    a day number or with its dot (or, by their own patterns, in a range of months: "Sep to Nov").
    """
    months: dict[str, int] = {}
    full: list[str] = []
    short: list[str] = []
    for number, names in data.load("calendar", lang)["months"].items():
        longest = max(names, key=len)
        for name in names:
            months[name] = int(number)
            (full if name == longest else short).append(name)
    abbreviated = _alternation(short)
    both = f"(?:{_alternation(full)}|{abbreviated}(?=\\.|\\s+\\d))"
    return months, _alternation(full), both, abbreviated


@functools.cache
def lexicon(lang: str = "en") -> Lexicon:
    """The compiled lexicon of ``lang`` (cached)."""
    words = data.load("times", lang)
    calendar = data.load("calendar", lang)
    months, monthfull, month, monthshort = _month_words(lang)
    weekdays = {name: int(n) for n, names in calendar["weekdays"].items() for name in names}
    weekday_full = [max(names, key=len) for names in calendar["weekdays"].values()]
    seasons = {name: entry["code"] for name, entry in calendar["seasons"].items()}
    units = words["units"]
    unit_words = [*units, *(f"{u}s" for u in units), *words["plural_units"]]
    numbers = {k: float(v) for k, v in words["numbers"].items()}
    ones = _alternation(["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"])
    compound = _alternation(words["tens"]) + r"(?:[\s-]" + ones + ")?"  # "twenty", "twenty-five"
    small = [w for w, n in words["numbers"].items() if 1 <= n <= 19 and " " not in w and len(w) > 2]
    teens = _alternation(small)  # "one" to "nineteen", without "a"/"an"
    multiplier = _alternation(list(words["number_multipliers"]))
    # "1,500", "2.5", "2 1/2", "twenty-five", "a dozen", "two hundred" (the multiplier a suffix, so
    # no alternative more is tried where a number may start)
    number_words = f"(?:{compound}|{_alternation(list(numbers))})(?:\\s+{multiplier})?"
    number_alt = rf"(?:\d+(?:(?:,\d{{3}})+|\.\d+|\s1/2)?|{number_words})"
    spaced_ordinals = [w.replace("-", " ") for w in words["ordinals"] if "-" in w]  # "twenty third"
    slots = {
        "month": month,
        "monthany": _alternation(list(months)),  # abbreviations too, for tight numeric forms
        "monthfull": monthfull,
        "monthshort": monthshort,
        "weekday": _alternation([w for w in weekdays if len(w) > 3]) + r"\.?",
        "weekdayname": _alternation([w for w in weekdays if len(w) > 3]),  # "Tues", not "Wed"
        "weekdayshort": _alternation([w for w in weekdays if len(w) == 3]),  # "Wed", "Fri"
        "weekdayfull": _alternation(weekday_full),
        "season": _alternation(list(seasons)),
        "num": number_alt,
        "vague": _alternation(words["vague_numbers"]),
        "unit": _alternation(unit_words),
        "unit1": _alternation(list(units)),
        "ord": _alternation([*words["ordinals"], *spaced_ordinals]),
        "pmod": rf"(?:(?:the\s+)?(?P<mod>{_alternation(list(words['point_mods']))})(?:\s+|-))?",
        # the point modifiers that take "of" ("the end of", "the latter part of"), without it
        "ofmod": _alternation([k.removesuffix(" of") for k in words["point_mods"] if k.endswith(" of")]),
        "amod": _alternation(list(words["amount_mods"])),
        "rel": _alternation(list(words["relative"])),
        "holiday": _alternation(list(words["holidays"])),
        "namedday": _alternation([name for day in words["named_days"] for name in day.get("names", [])]),
        "nameddayword": _alternation([word for day in words["named_days"] for word in day["followed_by"]]),
        "ref": _alternation(list(words["references"])),
        "set": _alternation(list(words["sets"])),
        "deictic": _alternation(list(words["deictic_days"])),
        "dpart": _alternation(list(words["day_parts"])),
        "tz": _alternation(words["time_zones"] + [f"{place} time" for place in words["time_zone_places"]]),
        "decadeword": _alternation(list(words["decade_words"])),
        "qord": _alternation([str(k) for k in words["quarter_ordinals"]]),
        "wkord": _alternation([str(k) for k in words["week_ordinals"]]),
        "workday": _alternation(words["workday_words"]),
        "year": r"(?:1[0-9]|20|21)\d\d",
        # "nineteen ninety-six", "nineteen hundred and five", "two thousand (and) one"
        "yearw": rf"(?:(?:nineteen|twenty)\s+(?:hundred\s+(?:and\s+)?)?(?:{compound}|{teens})"
        rf"|two\s+thousand(?:\s+(?:and\s+)?(?:{compound}|{teens}|{ones}))?)",
    }
    patterns = tuple(
        Pattern(
            entry["rule"], re.compile(_fill(entry["regex"], slots), re.IGNORECASE), tuple(entry["triggers"])
        )
        for entry in data.load("times_patterns", lang)["patterns"]
    )
    context = _alternation(list(words["context_mods"]))
    classes = {
        "month": list(months),
        "weekday": list(weekdays),
        "season": list(seasons),
        "unit": unit_words,
        "ord": list(words["ordinals"]),
        "ref": list(words["references"]),
        "set": [*words["sets"], *words["set_quantifiers"], *words["frequencies"]],
        "deictic": [*words["deictic_days"], *words["deictic_times"]],
        "dpart": list(words["day_parts"]),
        "holiday": list(words["holidays"]),
        "decade": list(words["decade_words"]),
    }
    # The last word of a phrase is the distinctive one ("the coming months", "christmas eve"), as
    # the finder splits words: at hyphens too ("eid al-fitr", "twenty-first", "mid-morning").
    trigger_classes: dict[str, tuple[str, ...]] = {}
    for name, phrases in classes.items():
        for phrase in phrases:
            last = trigger_key(TRIGGER_WORD.findall(phrase)[-1])
            trigger_classes[last] = (*trigger_classes.get(last, ()), name)
    return Lexicon(
        lang=lang,
        months=months,
        weekdays=weekdays,
        seasons=seasons,
        numbers=numbers,
        multipliers={k: int(v) for k, v in words["number_multipliers"].items()},
        vague_numbers=frozenset(words["vague_numbers"]),
        approximate_numbers=frozenset(words["approximate_numbers"]),
        ordinals={k: int(v) for k, v in words["ordinals"].items()},
        units=units,
        plural_units=words["plural_units"],
        smaller_unit=words["smaller_unit"],
        relative={k: int(v) for k, v in words["relative"].items()},
        point_mods=words["point_mods"],
        amount_mods=words["amount_mods"],
        context_mods=words["context_mods"],
        deictic_days=words["deictic_days"],
        deictic_times=words["deictic_times"],
        noun_references=frozenset(words["noun_references"]),
        night_before_day_in_view=frozenset(words["night_before_day_in_view"]),
        day_parts=words["day_parts"],
        clock_day_parts=words["clock_day_parts"],
        generic_after_today=frozenset(words["generic_after_today"]),
        generic_of_day=frozenset(words["generic_of_day"]),
        discourse_markers=frozenset(words["discourse_markers"]),
        looking_ahead=words["looking_ahead"],
        indefinite_days=frozenset(words["indefinite_days"]),
        counting_words=frozenset(words["counting_words"]),
        references=words["references"],
        sets=words["sets"],
        frequencies=words["frequencies"],
        holidays=words["holidays"],
        holiday_things=frozenset(words["holiday_things"]),
        common_word_holidays=frozenset(words["common_word_holidays"]),
        common_holiday_article_regex=re.compile(
            rf"\b{_alternation(words['common_word_holiday_articles'])}\s+(?:[a-z]+\s+)?\Z", re.IGNORECASE
        ),
        named_days=tuple(
            NamedDay(
                dt.date.fromisoformat(day["date"]),
                frozenset(day.get("names", [])),
                frozenset(normalise_key(w) for w in day["followed_by"]),
            )
            for day in words["named_days"]
        ),
        not_year_after=frozenset(words["not_year_after"]),
        address_regex=re.compile(
            rf"^\s+(?:[A-Z][\w'-]*\.?\s+){{1,3}}(?i:{_alternation(words['street_words'])})(?!\w)"
        ),
        age_owners=frozenset(words["age_owners"]),
        spelled_day_after=frozenset(words["spelled_day_after"]),
        results_spans=frozenset(words["results_spans"]),
        topic_break_regex=re.compile(
            rf"(?:^|[.!?][\"'`”’]*\s+|\n)\s*{_alternation(words['topic_breaks'])}\s*,", re.IGNORECASE
        ),
        rate_amounts=frozenset(words["rate_amounts"]),
        offset_words=words["offset_words"],
        workday_regex=re.compile(rf"\b{_alternation(words['workday_words'])}\b", re.IGNORECASE),
        naming_copula_regex=re.compile(
            rf"(?:\b|(?<=\w)){_alternation(words['naming_copulas'])}\s*[\"“'`]*\s*"
            rf"(?:{_alternation(words['naming_articles'])}\s+[a-z]+\s+)?$",
            re.IGNORECASE,
        ),
        shift_after_regex=re.compile(rf"^\s+{_alternation(words['shift_after_amount'])}\b", re.IGNORECASE),
        backward_shifts=frozenset(words["backward_shifts"]),
        amount_join_regex=re.compile(
            rf"^(?:[ \t]+|[ \t]*,?[ \t]+{_alternation(words['amount_joins'])}[ \t]+)$", re.IGNORECASE
        ),
        amount_range_regex=re.compile(rf"\b{_alternation(words['amount_range_cues'])}\s+\Z", re.IGNORECASE),
        comparison_regex=re.compile(
            rf"^[ \t-]+{_alternation(words['comparison_links'])}[ \t-]+{_alternation(unit_words)}\b",
            re.IGNORECASE,
        ),
        fraction_of_regex=re.compile(
            rf"^\s+of\s+(?:{_alternation(words['fraction_of_next'])}|\d)\b", re.IGNORECASE
        ),
        offset_gap_regex=re.compile(
            rf"^\s+(?P<dir>{_alternation(list(words['offset_words']))})\s+$", re.IGNORECASE
        ),
        span_from_regex=re.compile(rf"\b{_alternation(words['span_from_cues'])}\s+\Z", re.IGNORECASE),
        range_link_regex=re.compile(rf"^\s*{_alternation(words['range_links'])}\s*$", re.IGNORECASE),
        year_after_regex=re.compile(
            rf"^[ \t]+{_alternation(words['year_after_links'])}[ \t]+$", re.IGNORECASE
        ),
        quarter_ordinals={str(k): int(v) for k, v in words["quarter_ordinals"].items()},
        half_ordinals={str(k): int(v) for k, v in words["half_ordinals"].items()},
        week_ordinals={str(k): int(v) for k, v in words["week_ordinals"].items()},
        decade_words=words["decade_words"],
        future_auxiliaries=frozenset(words["future_auxiliaries"]),
        condition_marks=frozenset(words["condition_marks"]),
        future_governors=frozenset(words["future_governors"]),
        event_date_prepositions=frozenset(words["event_date_prepositions"]),
        attribution_words=frozenset(words["attribution_words"]),
        arranging_verbs=frozenset(words["arranging_verbs"]),
        scheduling_verbs=frozenset(words["scheduling_verbs"]),
        lasting_verbs=frozenset(words["lasting_verbs"]),
        habitual_adverbs=frozenset(words["habitual_adverbs"]),
        deferring_verbs=frozenset(words["deferring_verbs"]),
        deferral_prepositions=frozenset(words["deferral_prepositions"]),
        reporting_verbs=frozenset(words["reporting_verbs"]),
        the_year={k: frozenset(v) for k, v in words["the_year"].items()},
        calendar_after_the_rel=frozenset(words["calendar_after_the_rel"]),
        span_before_the_rel=frozenset(words["span_before_the_rel"]),
        patterns=patterns,
        trigger_classes=trigger_classes,
        context_mod_regex=re.compile(rf"\b(?P<cmod>{context})\s+$", re.IGNORECASE),
        event_ahead_regex=re.compile(rf"\b{_alternation(words['event_ahead_cues'])}\s+$", re.IGNORECASE),
        forward_cue_regex=re.compile(
            rf"\b{_alternation(words['forward_cues'])}\s+(?:on\s+|at\s+|after\s+)?"
            rf"(?:(?:\d{{1,2}}(?:[:.]\d\d)?\s*[ap]\.?m\.?|noon|midnight)(?:\s+{slots['tz']})?\s*,?\s*)?$",
            re.IGNORECASE,
        ),
        name_link_regex=re.compile(rf"\s+(?:{_alternation(words['name_links'])})\s+[A-Z][a-z]"),
        name_titles=frozenset(words["name_titles"]),
        month_cues=frozenset(words["month_cues"]),
        period_end_regex=re.compile(
            rf"^\s+{_alternation(words['the_year']['span_if_followed_by'])}\s+(?P<month>{month})\.?\s+"
            r"(?P<day>[0-3]?\d)\b",
            re.IGNORECASE,
        ),
        period_end_gap_regex=re.compile(
            rf"^\s+{_alternation(words['the_year']['span_if_followed_by'])}\s+$", re.IGNORECASE
        ),
        universal_time_regex=re.compile(rf"\b{_alternation(words['universal_time_zones'])}\b", re.IGNORECASE),
        backward_cue_regex=re.compile(
            rf"\b{_alternation(words['backward_cues'])}\s+"
            rf"(?:{_alternation(words['backward_cue_fillers'])}\s+){{0,3}}$",
            re.IGNORECASE,
        ),
    )


def _fill(template: str, slots: dict[str, str]) -> str:
    """Replace ``{name}`` slots; regex quantifiers like ``{4}`` are left alone."""
    return re.sub(r"\{([a-z0-9]+)\}", lambda m: slots.get(m.group(1), m.group(0)), template)


def normalise_key(text: str) -> str:
    """Lower case with single spaces: the form lexicon keys are written in."""
    return " ".join(text.lower().replace("’", "'").split())
