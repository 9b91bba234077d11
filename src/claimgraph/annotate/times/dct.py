"""Date an undated report: from the dates it gives and from related reports of the same run.

A report without metadata or dateline still says when things happened ("on May 18, 2025") and
usually reports the same news as others of the run that are dated. ``infer_dct`` combines both:
the date of the related reports, but never earlier than the latest full date the report itself
names; with no related report, that latest date. The result is marked
``published_from="inferred"`` by ``infer_missing_dates``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence

from spacy.language import Language

from claimgraph.annotate.times.extract import find_times
from claimgraph.annotate.times.values import safe_date
from claimgraph.model import Document

# Named-entity labels that identify a story; dates and numbers would link unrelated reports.
_STORY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART"})
MIN_SHARED_ENTITIES = 2


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
        The related reports' median date, raised to the latest full date the text names;
        without related reports that latest date; ``None`` when neither exists.
    """
    own = {e.lower() for e in entities}
    related = [date for date, names in others if len(own & {n.lower() for n in names}) >= MIN_SHARED_ENTITIES]
    floor = latest_explicit_date(text, lang)
    if related:
        ordinals = sorted(d.toordinal() for d in related)
        guess = dt.date.fromordinal(int(statistics.median_low(ordinals)))
        return max(guess, floor) if floor else guess
    return floor


def story_entities(nlp: Language, texts: list[str]) -> list[set[str]]:
    """The story-identifying named entities of each text, from the NER alone."""
    if "ner" not in nlp.pipe_names:
        return [set() for _ in texts]
    with nlp.select_pipes(enable=["ner"]):
        return [{e.text for e in doc.ents if e.label_ in _STORY_LABELS} for doc in nlp.pipe(texts)]


def infer_missing_dates(documents: list[Document], nlp: Language) -> None:
    """Give every undated document an inferred publication date where one can be found."""
    undated = [d for d in documents if d.published is None]
    if not undated:
        return
    names = story_entities(nlp, [d.text for d in documents])
    by_id = {d.id: n for d, n in zip(documents, names, strict=True)}
    others = [(d.published, by_id[d.id]) for d in documents if d.published is not None]
    for document in undated:
        date = infer_dct(document.text, entities=by_id[document.id], others=others, lang=document.language)
        if date is not None:
            document.published, document.published_from = date, "inferred"
