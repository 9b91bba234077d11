"""From text (and, when there is one, its spaCy parse) to normalised ``TimeMention``s.

Works without a parse too (``doc=None``): then no tense is known and bare months take the DCT's
year. The timeml command and DCT inference use it that way.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from claimgraph.annotate.times import values as tv
from claimgraph.annotate.times.context import in_title_case_line
from claimgraph.annotate.times.finder import Match, find_matches, select
from claimgraph.annotate.times.lexicon import Lexicon, lexicon, normalise_key
from claimgraph.annotate.times.normalise import Context, Resolution, resolve
from claimgraph.annotate.times.tense import (
    before_verb,
    dates_past_event,
    dates_saying,
    deferred_to,
    habitual,
    lasted_until,
    present_of_action,
    tense_at,
    tokens_at,
)
from claimgraph.model import TimeMention

_WINDOW = 40
_ALTERNATIVE = re.compile(r"^\s*,?\s*or\s+$", re.IGNORECASE)
_DATE_TIME_JOIN = re.compile(r"^[ \t]*(?:,|at|on|,[ \t]*at)?[ \t]*\Z", re.IGNORECASE)  # not across lines
_CONCRETE = re.compile(r"^\d{4}")
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
_WHOLE_DURATION = re.compile(r"^P(?P<n>\d+)(?P<code>[DWMY])$")
_DETERMINED = re.compile(r"the\b", re.IGNORECASE)  # "the last 3 months": a span in its own right
_TITLE_GROUPS = ("unit", "named", "set")  # the groups holding a unit word, "noon", "daily"
_SENTENCE_END = ".!?:;\n"
_CAPS_REACH = 60  # characters either side searched for the run of capitals a word sits in
_LINK_REACH = 120  # characters either side searched for the web address a match sits in
# a quoted title the match is in: an opening quote and capitalised words before it, capitalised
# words and a closing quote after it ("on ''Fox News Sunday''", "“Saturday Night Live.”")
_QUOTED_TITLE_HEAD = re.compile(r"(?:^|(?<=\s))(?:[“\"‘`]|'')(?P<words>(?:[A-Z][\w’'.&-]*\s+)*)\Z")
_QUOTED_TITLE_TAIL = re.compile(r"(?P<words>(?:\s+[A-Z][\w’'.&-]*)*)[.,!?]?(?:[”\"’]|'')(?!\w)")  # not "’s"
_TITLE_WORD_AFTER = re.compile(r" [A-Z][a-z]")  # "Saturday Night Live", "Monday Night Football"
_WORD_TAIL = re.compile(r"\S*\Z")  # the start of the word a match sits in
_WORD_HEAD = re.compile(r"\S*")  # and its end
_LINK = re.compile(r"https?://|www\.|\.(?:com|org|net|gov|edu|co|ly)/", re.IGNORECASE)
_SENTENCE_REACH = 300  # characters back to look for a sentence's own quarter
_SENTENCE_BREAK = re.compile(r"[.!?][\"'`]?\s+[\"'`A-Z(]|\n")
_YEAR_WRITTEN = re.compile(r"\d{4}")
_MONTH_OR_DAY = re.compile(r"^\d{4}-\d\d(?:-\d\d)?$")
_CLOCK_HOUR = re.compile(r"^T(?P<h>\d\d):\d\d")
_DATED = re.compile(r"^\d{4}-\d\d-\d\d")
_DIGIT_SEPARATOR = re.compile(r"\d[/-]\d")
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<a>[0-3]?\d)([/-])(?P<b>[0-3]?\d)\2(?:\d{4}|\d\d)(?![\d/-])")
# rules of days and months a simple present of action puts ahead ("Ministers meet on Monday")
_PLANNED_RULES = frozenset({"weekday", "month_day", "month", "clock", "holiday"})
# rules of calendar names that a clause of habit makes recur ("usually in the fourth quarter"),
# and the groups that fix one in time all the same ("last December", "the summer of 1990")
_HABITUAL_RULES = frozenset({"quarter", "month", "season", "weekday"})
_FIXED_GROUPS = ("rel", "arel", "year", "yrel", "yy", "year2", "that", "x")
_WEEKLY_SET = re.compile(r"XXXX-WXX-[1-7](?P<part>T[A-Z]{2})?")
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or)\s*", re.IGNORECASE)
_BARE_DAY = re.compile(r"(?:the\s+)?(?:[0-3]?\d(?:st|nd|rd|th)?|[a-z]+(?:-[a-z]+)?)", re.IGNORECASE)
_CLOCK = re.compile(r"T(?P<h>[0-2]\d)(?::(?P<m>[0-5]\d))?$")
# what lies between a clock time and the other one in brackets beside it, or between the bracketed
# one and the day after it: "10:35 a.m. (0735 GMT) Friday"
_BRACKET_GAP = re.compile(r"\s*\(\s*|\s*\)\s*(?:on\s+)?", re.IGNORECASE)
_HALF_OF_DAY = re.compile(r"\b[ap]\.?\s?m\b\.?|\bnoon\b|\bmidnight\b", re.IGNORECASE)  # "a.m.", "pm"


@dataclass(slots=True)
class Found:
    start: int
    end: int
    rule: str
    resolution: Resolution
    anchor: Found | None = None
    merged: list[Found] = field(default_factory=list)


def _token_tag(doc: Doc | None, span: tuple[int, int] | None) -> tuple[str, str, str] | None:
    """(tag, dep, head lemma) of the token at ``span``."""
    tokens = tokens_at(doc, span)
    if tokens is None:
        return None
    token = tokens[0]
    return token.tag_, token.dep_, token.head.lemma_.lower()


def _modifies_noun(doc: Doc, start: int, end: int) -> bool:
    """Whether the expression stands before a noun it modifies ("a Sunday night memorial
    service"): an article before it is the noun's."""
    span = tokens_at(doc, (start, end))
    if span is None:
        return False
    root = span.root
    head = root.head
    return root.dep_ in {"compound", "nmod", "amod"} and head.i >= span.end and head.pos_ in {"NOUN", "PROPN"}


def _surnames(doc: Doc | None, lex: Lexicon) -> frozenset[str]:
    """Month words the text uses as surnames ("Theresa May", "Mrs. May"): alone, later, the same
    person ("Trump and May last met")."""
    if doc is None:
        return frozenset()
    found = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) > 1 and e[-1].is_title}
    found.update(
        t.text for t in doc[1:] if t.is_title and t.lower_ in lex.months and _after_name(doc[t.i - 1], lex)
    )
    return frozenset(found)


def _after_name(before: Token, lex: Lexicon) -> bool:
    """Whether ``before`` is a first name or a title ("Theresa", "Mrs.") rather than a word of time."""
    if before.text.lower().rstrip(".") in lex.name_titles:
        return True
    return (
        before.tag_ == "NNP"
        and before.is_title
        and before.lower_ not in lex.months
        and before.lower_ not in lex.weekdays
        and before.lower_ not in lex.month_cues
    )


def _month_as_name(
    doc: Doc | None, span: tuple[int, int] | None, surnames: frozenset[str], lex: Lexicon
) -> bool:
    """Whether a bare month word ("May", "June") names someone or something: after a first name
    or title ("Theresa May", "Mrs. May"), opening a name ("June Carter", "the March Without
    Borders"), or as the surname of someone the text named in full; not after a word of time ("in
    May", "since May", "April and May")."""
    found = tokens_at(doc, span)
    if found is None:
        return False
    word = found[0]
    before = doc[found.start - 1].lower_ if found.start > 0 else ""
    after = doc[found.end] if found.end < len(doc) else None
    if found.start > 0 and _after_name(doc[found.start - 1], lex):
        return True
    if before in lex.month_cues:
        return False
    opens_name = (
        after is not None
        and after.is_title
        and after.lower_ not in lex.months
        and after.lower_ not in lex.weekdays
        and (before == "the" or word.ent_type_ == "PERSON" or after.ent_type_ == "PERSON")
    )
    if opens_name:  # "June Carter was born", "part of the March Without Borders"
        return True
    if word.text not in surnames:
        return False
    linked = before in {"and", "or", "-", "to"} and found.start > 1
    return not (linked and doc[found.start - 2].lower_ in lex.months)


def _context(
    match: Match,
    text: str,
    lex: Lexicon,
    dct: dt.date | None,
    doc: Doc | None,
    surnames: frozenset[str] = frozenset(),
) -> Context:
    ctx = Context(lexicon=lex, dct=dct)
    ctx.before = text[max(0, match.start - _WINDOW) : match.start]
    ctx.after = text[match.end : match.end + _WINDOW]
    if doc is not None:
        ctx.tense = tense_at(doc, match.start, match.end, lex)
        ctx.past_event = ctx.tense == "past" and dates_past_event(doc, match.start, match.end, lex)
        if (
            match.rule in _PLANNED_RULES
            and ctx.tense == "present"
            and not ctx.after.startswith(("'s ", "’s "))
            and present_of_action(doc, match.start, match.end, lex)
        ):
            ctx.tense = "future"  # "Ministers meet on Monday", "The offer expires Nov. 9": what is planned
        if match.rule == "month":
            tag = _token_tag(doc, match.group_spans.get("month"))
            ctx.is_modal = bool(tag and tag[0] == "MD")
            ctx.is_name = _month_as_name(doc, match.group_spans.get("month"), surnames, lex)
        elif match.rule == "weekday":
            ctx.modifies_noun = _modifies_noun(doc, match.start, match.end)
        elif match.rule == "deictic_time" and "that" in match.group_spans:
            ctx.modifies_noun = _modifies_noun(doc, *match.group_spans["dpart"])  # "that night raids"
        elif match.rule == "duration":
            ctx.before_verb = before_verb(doc, match.start, match.end)
        elif match.rule == "year":
            tag = _token_tag(doc, match.group_spans.get("year"))
            ctx.is_count = bool(tag and tag[1] == "nummod" and tag[2] in lex.not_year_after)
    if match.rule == "year":
        ctx.in_headline = in_title_case_line(text, match.start)
    if (
        lex.forward_cue_regex.search(ctx.before)
        and not (doc is not None and lasted_until(doc, match.start, match.end, lex))
    ) or (doc is not None and deferred_to(doc, match.start, match.end, lex)):
        ctx.tense = "future"  # "postponed until Tuesday", "extended to January": ahead of the report
        ctx.past_event = False
    elif lex.backward_cue_regex.search(ctx.before):
        ctx.tense = "past"  # "since the Oct. 23 slaying": a start the report looks back to
        ctx.before_dct = True
    return ctx


def find_times(text: str, dct: dt.date | None, *, doc: Doc | None = None, lang: str = "en") -> list[Found]:
    """Every time expression of ``text`` with its TIMEX3 resolution, in text order."""
    if dct is not None and not tv.MIN_YEAR < dct.year < tv.MAX_YEAR:
        dct = None  # an absurd creation date ("3000-05-05") anchors nothing: values stay open
    lex = lexicon(lang)
    accepted: list[tuple[Match, Context]] = []
    time_before = False
    surnames = _surnames(doc, lex)
    day_first = _numeric_order(text)
    for match in find_matches(text, lex):
        if _in_title(match, text, lex) or _in_link(match, text):
            continue
        ctx = _context(match, text, lex, dct, doc, surnames)
        ctx.day_first = day_first
        ctx.anchor_known = False  # "that same day" waits for the day before it
        ctx.time_before = time_before
        screened = resolve(match.rule, match.groups, text[match.start : match.end], ctx)
        if screened is not None:
            accepted.append((match, ctx))
            ctx.anchor_known = True
            time_before = time_before or bool(
                screened.type in {"DATE", "TIME"} and _CONCRETE.match(screened.value or "")
            )
    contexts = {id(m): c for m, c in accepted}
    found: list[Found] = []
    last: Found | None = None
    story: Found | None = None  # the same, leaving out the days of the telling ("said Thursday")
    recent: str | None = None
    topic_quarter: str | None = None
    turns = [b.end() for b in lex.topic_break_regex.finditer(text)]
    topic_turn: int | None = None  # the turn whose report's quarter is the topic
    for match in select([m for m, _ in accepted]):
        ctx = contexts[id(match)]
        turn = _open_turn(turns, match.start, text)
        ctx.anchor = last.resolution.value if last else None
        ctx.story_anchor = story.resolution.value if story else None
        ctx.recent = recent
        ctx.topic_quarter = _sentence_quarter(found, match, text, topic_quarter) or topic_quarter
        resolution = resolve(match.rule, match.groups, text[match.start : match.end], ctx)
        if resolution is None:
            continue
        if doc is not None and match.rule in _HABITUAL_RULES and resolution.type == "DATE":
            resolution = _as_habit(match, resolution, doc, lex)
        cmod = lex.context_mod_regex.search(ctx.before)
        if cmod and resolution.mod is None:
            resolution.mod = lex.context_mods[normalise_key(cmod["cmod"])]
        item = Found(
            match.start, match.end, match.rule, resolution, anchor=last if resolution.anchored else None
        )
        found.append(item)
        concrete = resolution.type in {"DATE", "TIME"} and bool(_CONCRETE.match(resolution.value or ""))
        closes_quarter = _ends_quarter(last, match, text, lex)
        if concrete and not closes_quarter:  # "that quarter" after "the quarter ended Oct. 31" is the quarter
            recent = resolution.value
        # Anchor only on times the text gives outright, not on ones counted from the DCT: "a
        # year earlier" after "a year ago" refers to the same point, not to a year before it. A
        # named day ("remarks on 9/11") is mostly a subject, not the time the story has moved to.
        if (
            concrete
            and (not resolution.anchored or match.rule == "quarter")  # "in the quarter": the one in view
            and match.rule not in {"shifted", "named_day"}
            and not closes_quarter
        ):
            last = item
            if not (doc is not None and dates_saying(doc, match.start, match.end, lex)):
                story = item
            if (topic_quarter is None or turn not in (None, topic_turn)) and _is_recent_quarter(
                resolution.value or "", dct
            ):
                topic_quarter, topic_turn = resolution.value, turn
        elif resolution.value in lex.results_spans and text[match.start : match.start + 4].lower() == "the ":
            # "For the nine months, net rose ... from a year earlier": the comparison now runs
            # over the year to date, not the quarter named before
            last, topic_quarter = None, None
    _share_year(found, text, lex)
    _share_month(found, text, lex, dct)
    _share_set(found, text)
    merged = _merge(found, text, lex)
    _share_day(merged, text, lex)
    return merged


def _numeric_order(text: str) -> bool | None:
    """Whether the text writes numeric dates day first ("25/12/2024"), month first ("12/25/2024"),
    or gives no sign: one that only one order can read settles the ambiguous ones ("05/11/2024")."""
    if not _DIGIT_SEPARATOR.search(text):
        return None  # most texts write no numeric date: skip the slower scan
    orders = set()
    for found in _NUMERIC_DATE.finditer(text):
        a, b = int(found["a"]), int(found["b"])
        if (a > 12) != (b > 12) and max(a, b) <= 31:
            orders.add(a > 12)
    return orders.pop() if len(orders) == 1 else None


def _sentence_quarter(found: list[Found], match: Match, text: str, topic: str | None) -> str | None:
    """The quarter a sentence is about: "America West reported third-quarter profit ... from a
    year earlier" compares with that quarter, whatever quarter the report opened with; but a
    sentence that names the report's own quarter beside another ("the third quarter after a flat
    second quarter") keeps the report's."""
    named = []
    for item in reversed(found):
        if match.start - item.end > _SENTENCE_REACH or _SENTENCE_BREAK.search(text, item.end, match.start):
            break
        if _QUARTER.match(item.resolution.value or "") and not item.resolution.anchored:
            named.append(item.resolution.value)
    return None if not named or topic in named else named[0]


def _as_habit(match: Match, resolution: Resolution, doc: Doc, lex: Lexicon) -> Resolution:
    """A bare calendar name in a clause of habit recurs: "is usually conducted in the fourth
    quarter" is every fourth quarter (SET XXXX-Q4); "this quarter" or "in 1989" stays one."""
    if any(match.groups.get(name) for name in _FIXED_GROUPS):
        return resolution
    if not habitual(doc, match.start, match.end, lex):
        return resolution
    value = tv.recurring(resolution.value, weekday=match.rule == "weekday")
    return Resolution("SET", value, resolution.mod) if value else resolution


def _open_turn(turns: list[int], start: int, text: str) -> int | None:
    """Where the sentence holding ``start`` turns to another report, if it does: "Separately,
    Acme posted third-quarter net ..." names Acme's quarter, which the report is about from then."""
    i = bisect.bisect_right(turns, start)
    if i and not _SENTENCE_BREAK.search(text, turns[i - 1], start):
        return turns[i - 1]
    return None


def _ends_quarter(last: Found | None, match: Match, text: str, lex: Lexicon) -> bool:
    """ "the fiscal first quarter ended Sept. 30": the day closes the quarter, which stays in view
    ("a year ago" after it is that quarter a year back)."""
    return (
        last is not None
        and bool(_QUARTER.match(last.resolution.value or ""))
        and bool(lex.period_end_gap_regex.match(text[last.end : match.start]))
    )


def _in_link(match: Match, text: str) -> bool:
    """Inside a web address ("example.com/live-2pm-update", "pic.twitter.com/…3Pm"): no time."""
    # the word the match starts in; both patterns match, if only the empty string
    start = _WORD_TAIL.search(text, max(0, match.start - _LINK_REACH), match.start).start()  # type: ignore[union-attr]
    end = _WORD_HEAD.match(text, match.start, match.end + _LINK_REACH).end()  # type: ignore[union-attr]
    return bool(_LINK.search(text, start, end))


def _in_title(match: Match, text: str, lex: Lexicon) -> bool:
    """A unit or set word capitalised inside a sentence names a show, a film or a paper ("ABC's
    This Week", "60 Minutes", "High Noon", "Breitbart News Daily"), not a time; all-caps text
    and sentence starts are left alone. So does a day word after a name ("USA Today"), a
    capitalised expression inside a quoted title ("Fox News Sunday"), and one of several
    capitalised words before another ("Saturday Night Live")."""
    if _in_quoted_title(match, text):
        return True
    words = text[match.start : match.end].split()
    if (
        len(words) > 1
        and all(w[:1].isupper() for w in words)
        and _TITLE_WORD_AFTER.match(text, match.end)
        and not in_title_case_line(text, match.start)
    ):
        return True
    for name in _TITLE_GROUPS:
        span = match.group_spans.get(name)
        if span is None:
            continue
        word = text[span[0] : span[1]]
        if not (word[:1].isupper() and word[1:].islower()) or normalise_key(word) in lex.weekdays:
            continue
        before = text[max(0, span[0] - 3) : span[0]].rstrip(" \t\"'`”’")
        if before and before[-1] not in _SENTENCE_END:
            return not in_title_case_line(text, span[0])  # "Talks To Resume Next Week" is a headline
    # "USA Today", "VOA Today": a capitalised day word right after a capitalised word is a name;
    # so is "USA TODAY" after an acronym, outside a headline in capitals
    span = next((match.group_spans[g] for g in ("deictic", "ref", "set") if g in match.group_spans), None)
    if span is None:
        return False
    day_word = text[span[0] : span[1]]
    previous = text[max(0, span[0] - 30) : span[0]].split()
    word = previous[-1] if previous and text[span[0] - 1 : span[0]] == " " else ""
    if day_word.istitle() and "set" not in match.group_spans:  # "Larry King Now"
        return word[:1].isupper() and word[-1:] not in _SENTENCE_END + ",\"'”’"
    return day_word.isupper() and _in_capitals_name(text, span)


def _in_quoted_title(match: Match, text: str) -> bool:
    if not text[match.start : match.start + 1].isupper():
        return False
    head = _QUOTED_TITLE_HEAD.search(text[max(0, match.start - _CAPS_REACH) : match.start])
    tail = _QUOTED_TITLE_TAIL.match(text, match.end) if head else None
    return bool(tail and (head["words"] or tail["words"]))  # "“Sunday,” he said" is a day


def _in_capitals_name(text: str, span: tuple[int, int]) -> bool:
    """A word in a run of capitals that a sentence in lower case holds ("told USA TODAY that",
    "told THE WEEKLY STANDARD on Thursday"): a name; a headline in capitals is all run."""
    before = text[max(0, span[0] - _CAPS_REACH) : span[0]].split()[::-1]
    after = text[span[1] : span[1] + _CAPS_REACH].split()
    runs = [(words, list(itertools.takewhile(str.isupper, words))) for words in (before, after)]
    if not any(run for _, run in runs):
        return False  # a lone word in capitals stays a time
    outside = [words[len(run)] for words, run in runs if len(words) > len(run)]
    return len(outside) == 2 and all(any(c.islower() for c in word) for word in outside)


def _is_recent_quarter(value: str, dct: dt.date | None) -> bool:
    """A quarter of the past year up to the DCT's: what a results report is about (not "the third
    quarter of 1984" named for history)."""
    if not _QUARTER.match(value) or dct is None:
        return False
    behind = (dct.year * 4 + tv.quarter_of(dct)) - (int(value[:4]) * 4 + int(value[-1]))
    return 0 <= behind <= 4


def _share_year(found: list[Found], text: str, lex: Lexicon) -> None:
    """The first date of a span written with one year ("Nov. 18-Dec. 19, 2015", "June through
    August 1992") takes that year, or the one before when its month comes later ("Nov.-Feb. 2017");
    a span of two bare months starts before it ends ("from March to September" in a November
    report: both this year, though the nearest March is the next). "this May" keeps its year; a
    month followed by its year as a phrase of its own ("June in 2017") takes it, and so does the
    first of "from April to June in 2017"; "between April and June last year" shares "last year"."""
    given = {id(f) for f in found if f.rule == "month_year" or _YEAR_WRITTEN.search(text[f.start : f.end])}
    for item, year in itertools.pairwise(found):
        value = item.resolution.value or ""
        if (
            year.rule == "year"
            and _bare_month(item, text, lex)
            and lex.year_after_regex.match(text[item.end : year.start])
            and _YEAR_WRITTEN.fullmatch(year.resolution.value or "")
        ):
            item.resolution.value = f"{year.resolution.value}{value[4:]}"
            given.add(id(item))
    for first, second in itertools.pairwise(found):
        a, b = first.resolution.value or "", second.resolution.value or ""
        if (
            not _bare_month(first, text, lex)
            or id(first) in given
            or not _MONTH_OR_DAY.match(b)
            or not lex.range_link_regex.match(text[first.end : second.start])
        ):
            continue
        if id(second) in given or (second.rule in {"month", "month_day"} and a > b):
            year = int(b[:4]) - (a[5:] > b[5:])
            first.resolution.value = f"{year:04d}{a[4:]}"


def _share_month(found: list[Found], text: str, lex: Lexicon, dct: dt.date | None) -> None:
    """A day written alone that opens a span takes the month of the day closing it: "from the
    24th to the 26th of next month", "between the 28th and the 2nd of April" (the month before).
    Two days alone make one span too: "ran from the 1st to the 3rd" told on the 2nd is last
    month's (its end has passed), "will run from the 28th to the 3rd" runs into next month."""
    for first, second in itertools.pairwise(found):
        start, end = first.resolution.value or "", second.resolution.value or ""
        if (
            first.rule != "day_of_month"
            or not _BARE_DAY.fullmatch(text[first.start : first.end])
            or not (_DATED.fullmatch(start) and _DATED.fullmatch(end))
            or not lex.range_link_regex.match(text[first.end : second.start])
        ):
            continue
        if not _BARE_DAY.fullmatch(text[second.start : second.end]):
            _day_in_month(first, int(start[8:]), end, -1)
        elif second.rule == "day_of_month" and end < start and dct is not None:
            if dt.date.fromisoformat(end) <= dct:
                _day_in_month(first, int(start[8:]), end, -1)
            else:
                _day_in_month(second, int(end[8:]), start, 1)


def _day_in_month(item: Found, day: int, other: str, step: int) -> None:
    """Put ``item`` on ``day`` of the month of ``other`` (the span's other end), or of the month
    ``step`` away when the day would fall on the wrong side of it."""
    month: dt.date | None = dt.date.fromisoformat(other).replace(day=1)
    if (day - int(other[8:])) * step < 0:
        month = tv.shift_date(month, step, "M")
    if month is not None and (date := tv.safe_date(month.year, month.month, day)):
        item.resolution.value = date.isoformat()


def _share_set(found: list[Found], text: str) -> None:
    """ "every Tuesday and Friday": a weekday listed after a weekly set repeats as well; "on
    Monday and Tuesday nights": so does one listed before a plural, with its part of the day."""
    pairs = list(itertools.pairwise(found))
    for first, second in pairs:
        if _weekday_joins_set(second, first, text[first.end : second.start]):
            second.resolution = _weekly(second, first)
    for first, second in reversed(pairs):
        if _weekday_joins_set(first, second, text[first.end : second.start]):
            first.resolution = _weekly(first, second)


def _weekday_joins_set(day: Found, weekly: Found, gap: str) -> bool:
    return (
        weekly.resolution.type == "SET"
        and bool(_WEEKLY_SET.fullmatch(weekly.resolution.value or ""))
        and day.rule == "weekday"
        and bool(_DATED.match(day.resolution.value or ""))
        and bool(_LIST_GAP.fullmatch(gap))
    )


def _weekly(day: Found, weekly: Found) -> Resolution:
    """The set of ``day``'s weekday, with the part of the day ``weekly`` repeats ("nights")."""
    weekday = dt.date.fromisoformat((day.resolution.value or "")[:10]).isoweekday()
    part = _WEEKLY_SET.fullmatch(weekly.resolution.value or "")
    return Resolution("SET", f"XXXX-WXX-{weekday}{(part and part['part']) or ''}")


def _share_day(found: list[Found], text: str, lex: Lexicon) -> None:
    """A clock time written without a day takes the day of the expression that ends its phrase:
    "from 7 a.m. to 8 p.m. on Sunday", "10:35 a.m. (0735 GMT) Friday". Read from the right, so
    the day passes back along the chain."""
    shared: set[int] = set()  # items that took their day from the right
    for item, after in reversed(list(itertools.pairwise(found))):
        gap = text[item.end : after.start]
        day = after.resolution.value or ""
        clock = item.resolution.value or ""
        if (
            item.rule == "clock"
            and not item.merged
            and "T" in clock
            and _DATED.match(day)
            and (lex.range_link_regex.match(gap) or _BRACKET_GAP.fullmatch(gap))
        ):
            # "(0400 GMT) on Thursday" leaves open which clock the day belongs to: no shift
            own_day = "(" in gap and id(after) not in shared
            shift = _zone_shift(clock, day, text[after.start : after.end], lex) if own_day else 0
            date = dt.date.fromisoformat(day[:10]) + dt.timedelta(days=shift)
            item.resolution.value = date.isoformat() + clock[clock.index("T") :]
            shared.add(id(item))


def _zone_shift(local: str, universal: str, universal_text: str, lex: Lexicon) -> int:
    """Days from a universal time's date to the local time's, for "8:40 a.m. local time (2340 GMT
    Tuesday)": the local clock lies 9 hours ahead, so on Wednesday. Offsets run from UTC-12 to
    UTC+14, which fixes the day; 0 when the bracket's time is not universal time."""
    if not lex.universal_time_regex.search(universal_text):
        return 0
    minutes = [_clock_minutes(value) for value in (local, universal)]
    if None in minutes:
        return 0
    offset = (minutes[0] - minutes[1]) % (24 * 60)
    if offset > 14 * 60:
        offset -= 24 * 60
    return (minutes[1] + offset) // (24 * 60)


def _clock_minutes(value: str) -> int | None:
    found = _CLOCK.search(value)
    return int(found["h"]) * 60 + int(found["m"] or 0) if found else None


def _bare_month(item: Found, text: str, lex: Lexicon) -> bool:
    """A month or month and day named without a year of its own ("June", "Nov. 18"; not "this May")."""
    words = text[item.start : item.end]
    return (
        item.rule in {"month", "month_day"}
        and not _YEAR_WRITTEN.search(words)
        and normalise_key(words).split(" ", 1)[0] not in lex.relative
        and bool(_MONTH_OR_DAY.match(item.resolution.value or ""))
    )


def _merge(found: list[Found], text: str, lex: Lexicon) -> list[Found]:
    """Join "July or August" into one expression with alternatives, a date with its clock time,
    and "three days after Jan. 12" into the day it names."""
    out: list[Found] = []
    for item in found:
        prev = out[-1] if out else None
        if prev is not None and _join_amounts(prev, item, text, lex):
            prev.end = item.end
            prev.merged.append(item)
            continue
        if prev is not None and prev.resolution.type == "DURATION":
            gap = lex.offset_gap_regex.match(text[prev.end : item.start])
            if lex.workday_regex.search(text[prev.start : prev.end]):
                gap = None  # "eight trading days after Oct. 12" skips weekends and holidays
            elif (
                gap
                and gap["dir"].lower() == "from"
                and lex.span_from_regex.search(text, max(0, prev.start - 12), prev.start)
            ):
                gap = None  # "for 11 days from the 19th": a span that starts that day
            moved = (
                _offset(prev.resolution, item.resolution, lex.offset_words[gap["dir"].lower()])
                if gap
                else None
            )
            if moved is not None:
                prev.resolution = Resolution(value=moved)
                prev.end = item.end
                prev.merged.append(item)
                continue
        if prev is not None and prev.resolution.type == item.resolution.type == "DATE":
            gap = text[prev.end : item.start]
            a, b = prev.resolution.value, item.resolution.value
            if _ALTERNATIVE.match(gap) and a and b and tv.granularity(a) == tv.granularity(b):
                prev.resolution.alternatives = [*(prev.resolution.alternatives or [a]), b]
                prev.end = item.end
                prev.merged.append(item)
                continue
        if prev is not None and _DATE_TIME_JOIN.match(text[prev.end : item.start]):
            joined = _date_time(prev.resolution, item.resolution, text[prev.start : item.end])
            if joined is not None:
                prev.resolution = joined
                prev.end = item.end
                prev.merged.append(item)
                continue
        out.append(item)
    return out


def _join_amounts(prev: Found, item: Found, text: str, lex: Lexicon) -> bool:
    """Give ``prev`` the value of it and ``item`` as one amount, if they are: "three years and six
    months" (P3Y6M), "2 hours 15 minutes", and "two years and three months ago" (the day the months
    count back to, moved back two years)."""
    amount = prev.resolution
    if amount.type != "DURATION" or amount.alternatives or not amount.value:
        return False
    if not lex.amount_join_regex.match(text[prev.end : item.start]) or lex.amount_range_regex.search(
        text, max(0, prev.start - 12), prev.start
    ):
        return False
    if item.resolution.type == "DURATION" and not item.resolution.mod:
        value = tv.add_durations(amount.value, item.resolution.value or "")
        if value is None:
            return False
        prev.resolution = Resolution("DURATION", value, mod=amount.mod)
        return True
    whole = _WHOLE_DURATION.match(amount.value)
    if item.rule != "shifted" or whole is None or not _CONCRETE.match(item.resolution.value or ""):
        return False
    if _DETERMINED.match(text, prev.start):
        return False  # "for the last 3 months and 2 days ago they": a span, then a point of its own
    last_word = text[item.start : item.end].split()[-1].lower()
    sign = -1 if last_word in lex.backward_shifts else 1
    moved = tv.shift(item.resolution.value or "", sign * int(whole["n"]), whole["code"])
    if moved is None:
        return False
    item.resolution.value = moved
    item.resolution.mod = item.resolution.mod or amount.mod
    prev.resolution = item.resolution
    return True


def _offset(amount: Resolution, base: Resolution, sign: int) -> str | None:
    """The day ``amount`` (P3D, P2W, P2M, P1Y) before or after the day ``base`` names."""
    found = _WHOLE_DURATION.match(amount.value or "")
    if found is None or base.type != "DATE" or tv.granularity(base.value) != "D":
        return None
    return tv.shift(base.value or "", sign * int(found["n"]), found["code"])


def _date_time(first: Resolution, second: Resolution, words: str = "") -> Resolution | None:
    """ "Friday at 3 p.m." / "3 p.m. Friday": one TIME with the date of the one and clock of the other;
    "Tuesdays at 9 p.m.": a weekly SET at that clock time. ``words``: the text of both."""
    pairs = [(first, second), (second, first)]
    for date_part, time_part in pairs:
        day, clock = date_part.value or "", time_part.value or ""
        if time_part.type != "TIME" or "T" not in clock:
            continue
        # "10 p.m. Friday night": the clock time says more than the part of the day
        if date_part.type in {"DATE", "TIME"} and re.fullmatch(r"\d{4}-\d\d-\d\d(?:T[A-Z]{2})?", day):
            clock = _after_noon(clock[clock.index("T") :], day[11:], words)
            return Resolution("TIME", day[:10] + clock, mod=first.mod or second.mod)
        if date_part.type == "SET" and re.fullmatch(r"XXXX-WXX-\d", day):
            return Resolution("SET", day + clock[clock.index("T") :])
    return None


def _after_noon(clock: str, part: str, words: str) -> str:
    """ "6 o'clock this evening": an hour with no a.m./p.m. in the afternoon, the evening or (from
    six) the night of a day is after noon ("T06:00" -> "T18:00")."""
    found = _CLOCK_HOUR.match(clock)
    if found is None or _HALF_OF_DAY.search(words):
        return clock
    hour = int(found["h"])
    if 1 <= hour <= 11 and (part in {"AF", "EV"} or (part == "NI" and hour >= 6)):
        return f"T{hour + 12:02d}{clock[3:]}"
    return clock


def to_mentions(found: list[Found], text: str, doc_id: str) -> list[TimeMention]:
    """``TimeMention``s with ids; ``anchor`` is the id of the mention a value was resolved against."""
    ids: dict[int, str] = {}
    mentions: list[TimeMention] = []
    owner: dict[int, Found] = {id(m): f for f in found for m in f.merged}
    for item in found:
        r = item.resolution
        mention = TimeMention(
            doc=doc_id,
            text=text[item.start : item.end],
            start=item.start,
            end=item.end,
            type=r.type,  # type: ignore[arg-type]
            value=r.value,
            mod=r.mod,
            alternatives=list(r.alternatives),
        )
        ids[id(item)] = mention.id
        if item.anchor is not None:
            anchor = owner.get(id(item.anchor), item.anchor)
            mention.anchor = ids.get(id(anchor))
        mentions.append(mention)
    return mentions
