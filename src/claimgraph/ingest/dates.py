"""Dating undated reports from the dated reports of the same run, when the run is a stream.

``pipeline.analyze`` holds a run's documents together and calls ``infer_missing_dates`` on
them. The scaled path and ``claimgraph ingest`` see a run in batches, so they do the same in
two steps: ``dated_entities`` notes (date, story entities) of each dated report as the run's
documents go by, then ``date_undated`` dates each undated report from those, with the same
``infer_dct``. Story entities (an NER pass) are only computed when some report is dated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from spacy.language import Language

from claimgraph.annotate.times.dct import infer_dct, story_entities
from claimgraph.model import Document

Others = Sequence[tuple[dt.date, set[str]]]  # (publication date, story entities) of the run's dated reports


def dated_entities(documents: Sequence[Document], nlp: Language) -> list[tuple[dt.date, set[str]]]:
    """(publication date, story entities) of each dated document, in order."""
    dated = [d for d in documents if d.published is not None]
    if not dated:
        return []
    names = story_entities(nlp, [d.text for d in dated])
    return [(d.published, n) for d, n in zip(dated, names, strict=True)]  # type: ignore[misc]


def date_undated(documents: Sequence[Document], others: Others, nlp: Language | None) -> None:
    """Give each undated document an inferred date where one can be found, as ``infer_missing_dates``.

    Args:
        documents: the documents to date (dated ones are left alone).
        others: the run's dated reports, from ``dated_entities``.
        nlp: the pipeline for the NER pass; needed only when ``others`` is not empty.
    """
    undated = [d for d in documents if d.published is None]
    if not undated:
        return
    names = story_entities(nlp, [d.text for d in undated]) if others and nlp is not None else None
    for i, document in enumerate(undated):
        entities = names[i] if names is not None else set()
        date = infer_dct(document.text, entities=entities, others=others, lang=document.language)
        if date is not None:
            document.published, document.published_from = date, "inferred"
