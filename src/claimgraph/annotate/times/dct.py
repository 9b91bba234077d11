"""Date an undated report: from the dates it gives and from related reports of the same run.

A report without metadata or dateline still says when things happened ("on May 18, 2025") and
usually reports the same news as others of the run that are dated. ``infer_dct`` combines both:
the date of the related reports, but never earlier than the latest full date the report itself
names; with no related report, that latest date. A report that tells what happened "on the 2nd"
(a day without its month, not in the future tense) was written on or just after that day, in the
month of its related reports: then that day is its date. The result is marked
``published_from="inferred"`` by ``infer_missing_dates``.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections.abc import Iterable, Sequence

from spacy.language import Language

from claimgraph.annotate.times.extract import find_times
from claimgraph.annotate.times.lexicon import lexicon
from claimgraph.annotate.times.values import safe_date
from claimgraph.model import Document

# Named-entity labels that identify a story; dates and numbers would link unrelated reports.
_STORY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})
MIN_SHARED_ENTITIES = 2
# A report is written on the day it names or shortly after: this many days at most.
REPORT_LAG_DAYS = 1
_SENTENCE_END = re.compile(r"[.!?]\s")
_DIGITS = re.compile(r"\d+")


def latest_explicit_date(text: str, lang: str = "en") -> dt.date | None:
    """The latest day the text names with its year ("May 18, 2025", "2025-05-18")."""
    latest: dt.date | None = None
    for found in find_times(text, None, lang=lang):
        value = found.resolution.value or ""
        if found.resolution.type not in {"DATE", "TIME"} or len(value) < 10 or not value[:4].isdigit():
            continue
        date = safe_date(int(value[:4]), int(value[5:7]), int(value[8:10]))
        if date and (latest is None or date > latest):
            latest = date
    return latest


def _sentence_around(text: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[before[-1] if before else 0 : after.start() if after else len(text)]


def latest_day_reference(text: str, lang: str = "en") -> int | None:
    """The latest day of the month the text names without a month ("On the 2nd, ... reported"),
    outside future-tense sentences ("will meet on the 9th" says nothing of the writing day)."""
    lex = lexicon(lang)
    future = {w.lower() for w in lex.future_auxiliaries}
    latest: int | None = None
    for found in find_times(text, None, lang=lang):
        if found.rule != "day_of_month":
            continue
        phrase = text[found.start : found.end]
        if "month" in phrase.lower():  # "the 17th of last month" names its month
            continue
        words = set(re.findall(r"[\w']+", _sentence_around(text, found.start, found.end).lower()))
        if words & future:
            continue
        digits = _DIGITS.search(phrase)
        day = int(digits.group()) if digits else lex.ordinal(phrase.lower().removeprefix("the ").strip())
        if day and 1 <= day <= 31 and (latest is None or day > latest):
            latest = day
    return latest


def _day_in_month_of(day: int, guess: dt.date) -> dt.date | None:
    """That day in the month of ``guess``, or of the month before when it would fall later than
    ``guess`` allows (the 30th, named in a report of a run dated July 2, is June 30)."""
    date = safe_date(guess.year, guess.month, day)
    if date is None or date > guess + dt.timedelta(days=REPORT_LAG_DAYS):
        previous = guess.replace(day=1) - dt.timedelta(days=1)
        date = safe_date(previous.year, previous.month, day)
    return date


def infer_dct(
    text: str,
    *,
    entities: Iterable[str] = (),
    others: Sequence[tuple[dt.date, Iterable[str]]] = (),
    lang: str = "en",
) -> dt.date | None:
    """The likely publication date of an undated report.

    Args:
        text: The report's cleaned text.
        entities: Its named entities (surface forms).
        others: (publication date, named entities) of the other dated reports of the run.
        lang: Language of the lexicon to read dates with.

    Returns:
        The related reports' median date (or the day the text names without a month, in that
        date's month), raised to the latest full date the text names; without related reports
        that latest date; ``None`` when neither exists.
    """
    own = {e.lower() for e in entities}
    related = [date for date, names in others if len(own & {n.lower() for n in names}) >= MIN_SHARED_ENTITIES]
    floor = latest_explicit_date(text, lang)
    if related:
        ordinals = sorted(d.toordinal() for d in related)
        guess = dt.date.fromordinal(int(statistics.median_low(ordinals)))
        day = latest_day_reference(text, lang)
        guess = (_day_in_month_of(day, guess) or guess) if day else guess
        return max(guess, floor) if floor else guess
    return floor


def story_entities(nlp: Language, texts: list[str], batch_size: int = 16) -> list[set[str]]:
    """The story-identifying named entities of each text, from the NER alone.

    Args:
        nlp: a pipeline with an ``ner`` component (else no entities).
        texts: the documents' texts.
        batch_size: documents per NER batch; the model's default (256 news articles at once)
            held 1.5 GB of activations for 600 short articles.
    """
    if "ner" not in nlp.pipe_names:
        return [set() for _ in texts]
    with nlp.select_pipes(enable=["ner"]):
        return [
            {e.text for e in doc.ents if e.label_ in _STORY_LABELS}
            for doc in nlp.pipe(texts, batch_size=batch_size)
        ]


def infer_missing_dates(documents: list[Document], nlp: Language) -> None:
    """Give every undated document an inferred publication date where one can be found."""
    undated = [d for d in documents if d.published is None]
    if not undated:
        return
    # Entities only serve to find dated reports of the same story: with none dated, skip the NER pass.
    if any(d.published is not None for d in documents):
        names = story_entities(nlp, [d.text for d in documents])
    else:
        names = [set() for _ in documents]
    by_id = {d.id: n for d, n in zip(documents, names, strict=True)}
    others = [(d.published, by_id[d.id]) for d in documents if d.published is not None]
    for document in undated:
        date = infer_dct(document.text, entities=by_id[document.id], others=others, lang=document.language)
        if date is not None:
            document.published, document.published_from = date, "inferred"
