"""Alignment over the store in a stream: memory bounded by a batch and its candidate stories.

Batch ``align`` needs every document in memory at once. Here the run's stored documents are
taken ``batch`` at a time, in input order, in two passes:

1. *Stories.* Each batch is grouped together with the stored stories it may join, found by the
   store's full-text index (``candidate_stories``), and with the stories its documents are in
   already; the stories that changed are saved (without relations yet). A run document not yet
   reached but similar to the batch is such a candidate, so a story forms whichever of its
   documents comes first.
2. *Relations.* Every story pass 1 touched is related on its own, with only its documents loaded.

With one batch holding the whole run over a fresh store this is exactly ``align``; with smaller
batches it is the incremental grouping (align/incremental.py), which equals the batch grouping
when the full-text candidates bring each story's documents together (tests/scale/test_scale_align.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from claimgraph.align import build_stories, relate_stories
from claimgraph.align.incremental import candidate_stories
from claimgraph.ingest.state import with_retry
from claimgraph.store import Store

DEFAULT_BATCH = 64


def _batches(ids: Iterable[str], size: int) -> Iterator[list[str]]:
    stream = iter(ids)
    while chunk := list(islice(stream, size)):
        yield chunk


def group_stream(store: Store, ids: Iterable[str], batch: int = DEFAULT_BATCH) -> set[str]:
    """Pass 1: stories over the documents ``ids`` (in that order), saved batch by batch.

    Returns:
        The ids of every story saved (some may have been replaced by a later batch).
    """
    saved: set[str] = set()
    for chunk in _batches(ids, batch):
        new = list(store.iter_documents(chunk))
        new_ids = {a.document.id for a in new}
        groups = candidate_stories(store, new)
        # their own stories too: regrouping a document without its story-mates would orphan them
        groups.update(store.story_groups(new_ids))
        before = {frozenset(docs) for docs in groups.values()}
        wanted = {d for docs in groups.values() for d in docs} - new_ids
        stored = list(store.iter_documents(sorted(wanted))) if wanted else []
        stories = build_stories(new + stored)
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


def align_stream(store: Store, ids: Iterable[str], batch: int = DEFAULT_BATCH) -> int:
    """Stories and relations for the stored documents ``ids`` (in input order); returns the relation count."""
    touched = group_stream(store, ids, batch)
    return relate_stream(store, touched)
