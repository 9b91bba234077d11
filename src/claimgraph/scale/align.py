"""Alignment over the store, read in a stream: no step holds the run's full analyses.

Batch ``align`` needs every document with its claims in memory at once. Here stories are
grouped first and saved; then each story is related on its own, with only its documents
loaded (``relate_stream``). Stories are grouped one of two ways:

- ``group_run`` (``batch=None``): one ``build_stories`` over the run's documents streamed from the
  store without their claims; grouping keeps a small sketch of each (word counts, names, a copy
  signature). Exactly the stories of ``align``, at the CPU cost of one batch grouping; memory
  grows by the sketches, not by the run's texts or analyses.
- ``group_stream`` (``batch=N``): N documents at a time, in input order, each batch grouped
  with the stored stories it may join, found by the store's full-text index
  (``candidate_stories``), and with the stories its documents are in already. A batch loads
  at most ``max_candidate_docs`` stored documents (``data/en/align.yaml``), so memory is
  bounded whatever the size of the store, and new documents join the stories of earlier runs;
  but every batch loads and regroups its candidates, so CPU per document is far higher
  (benchmarks/RESULTS.md, scale-align-memory).
  With one batch over a fresh store this is exactly ``align``; with smaller batches it is the
  incremental grouping (align/incremental.py), which equals the batch grouping when the
  full-text candidates bring each story's documents together (tests/scale/test_scale_align.py).

``choose_batch`` picks between them by the run's size (``data/en/scale.yaml``): one pass up to
``one_pass_max_docs``, batches above, so the peak is bounded by the larger of the two whatever
the run's size (benchmarks/scale/align_memory.py measures both).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import chain, islice

from claimgraph import data
from claimgraph.align import build_stories, relate_stories
from claimgraph.align.incremental import candidate_stories
from claimgraph.ingest.state import with_retry
from claimgraph.store import Store

DEFAULT_BATCH = 64


def choose_batch(documents: int, one_pass_max: int | None = None) -> int | None:
    """None (one pass) for a run of up to ``one_pass_max`` documents, else the batch size.

    Args:
        documents: how many documents the run aligns.
        one_pass_max: the largest run grouped in one pass; None takes ``data/en/scale.yaml``'s.
    """
    cfg = data.load("scale")["align"]
    limit = cfg["one_pass_max_docs"] if one_pass_max is None else one_pass_max
    return None if documents <= limit else int(cfg["batch"])


def _batches(ids: Iterable[str], size: int) -> Iterator[list[str]]:
    stream = iter(ids)
    while chunk := list(islice(stream, size)):
        yield chunk


def group_run(store: Store, ids: Iterable[str]) -> set[str]:
    """Stories over the documents ``ids`` (and the stored stories they are in), saved at once.

    Returns:
        The ids of the stories saved.
    """
    ids = list(ids)
    # a document's current story-mates come too: regrouping it alone would leave them without a story
    mates = {d for docs in store.story_groups(ids).values() for d in docs} - set(ids)
    # read as a stream: grouping keeps a small sketch of each document, not its text and mentions
    light = (
        analysis
        for chunk in _batches([*ids, *sorted(mates)], DEFAULT_BATCH * 4)
        for analysis in store.iter_documents(chunk, claims=False)
    )
    stories = build_stories(light)
    with_retry(lambda: store.save_alignment(stories, []), what="store stories")
    return {s.id for s in stories}


def group_stream(store: Store, ids: Iterable[str], batch: int = DEFAULT_BATCH) -> set[str]:
    """Pass 1: stories over the documents ``ids`` (in that order), saved batch by batch.

    Returns:
        The ids of every story saved (some may have been replaced by a later batch).
    """
    ids = list(ids)
    saved: set[str] = set()
    to_come = set(ids)
    for chunk in _batches(ids, batch):
        new = list(store.iter_documents(chunk, claims=False))
        new_ids = {a.document.id for a in new}
        to_come -= new_ids
        # the run's later documents are stored already but not yet grouped: loading them now
        # would regroup most of the run with every batch; each finds this batch itself in turn
        groups = candidate_stories(store, new, exclude=frozenset(to_come))
        # their own stories too: regrouping a document without its story-mates would orphan them
        groups.update(store.story_groups(new_ids))
        before = {frozenset(docs) for docs in groups.values()}
        wanted = sorted({d for docs in groups.values() for d in docs} - new_ids)
        # streamed: grouping keeps a sketch of each stored candidate, not its text and mentions
        stored = (
            a
            for part in _batches(wanted, DEFAULT_BATCH * 4)
            for a in store.iter_documents(part, claims=False)
        )
        stories = build_stories(chain(new, stored))
        changed = [s for s in stories if new_ids & set(s.documents) or frozenset(s.documents) not in before]
        with_retry(lambda c=changed: store.save_alignment(c, []), what="store stories")
        saved.update(s.id for s in changed)
    return saved


def relate_stream(store: Store, story_ids: Iterable[str]) -> int:
    """Pass 2: the relations (and facts) of each stored story of ``story_ids``, one story at a time.

    Returns:
        How many relations were saved.
    """
    count = 0
    for ids in _batches(sorted(story_ids), DEFAULT_BATCH):
        for story in store.stories(ids):
            analyses = list(store.iter_documents(story.documents))
            relations = relate_stories([story], analyses)
            with_retry(lambda s=story, r=relations: store.save_alignment([s], r), what=f"store {story.id}")
            count += len(relations)
    return count


def align_stream(store: Store, ids: Iterable[str], batch: int | None = None) -> int:
    """Stories and relations for the stored documents ``ids`` (in input order).

    Args:
        store: the store holding the documents.
        ids: the documents to align.
        batch: None groups them in one pass over their texts (``group_run``); N groups them N
            at a time with their full-text candidates from the store (``group_stream``).

    Returns:
        How many relations were saved.
    """
    touched = group_run(store, ids) if batch is None else group_stream(store, ids, batch)
    return relate_stream(store, touched)
