"""Incremental stories: new documents join the stored stories they belong to, or start their own.

A new document is never compared with the whole store. Its most salient words are looked up in
the store's full-text index (BM25 ranks rare shared words, names and places, first), and only the
best ``store_candidates`` documents are kept; the stored stories those belong to are loaded whole
(the best-ranked first, up to ``max_candidate_docs`` documents, so a batch's memory does not grow
with the store) and grouped again together with the new documents. Grouping depends only on the set of
loaded documents (``build_stories`` sorts by id), so when the candidates bring in the same
documents whatever the order, adding documents one run at a time ends in the same stories as one
run over all of them (tests/align/test_align_incremental.py). IDF is computed over the loaded
documents, not the whole store, but smoothed toward everyday English word frequencies
(``text.smoothed_idf``), so the few loaded documents weigh words much as the whole
collection would; exact equality is still not guaranteed (a candidate the full-text index does
not rank high enough is not loaded). benchmarks/align/incremental.py measures the difference.
"""

from __future__ import annotations

from claimgraph import data
from claimgraph.align import relate_stories
from claimgraph.align.stories import build_stories
from claimgraph.align.text import salient_words
from claimgraph.errors import StoreError
from claimgraph.model import DocumentAnalysis, Relation, Story
from claimgraph.store import Store
from claimgraph.store.search import search


def candidate_stories(
    store: Store, analyses: list[DocumentAnalysis], exclude: frozenset[str] = frozenset()
) -> dict[str, list[str]]:
    """The stored stories the new documents may join or already belong to (story id -> document
    ids), and as stories of their own the stored candidates not yet in any story.

    Args:
        store: the store; its full-text index supplies the candidates.
        analyses: the new documents.
        exclude: stored documents never to take as candidates (a run's documents still to come:
            each finds this batch's documents itself when its turn comes).
    """
    cfg = data.load("align")["incremental"]
    new_ids = {a.document.id for a in analyses}
    rank: dict[str, int] = {}  # each candidate's best place in any new document's hit list
    for analysis in analyses:
        document = analysis.document
        query_words = salient_words(f"{document.title or ''}\n{document.text}", int(cfg["query_words"]))
        if not query_words:
            continue
        try:
            found = search(store, " OR ".join(query_words), limit=int(cfg["store_candidates"]) + len(new_ids))
        except StoreError:
            continue  # a store without a usable index: the document starts its own story
        for place, hit in enumerate(h for h in found if h.doc not in exclude):
            rank[hit.doc] = min(place, rank.get(hit.doc, place))
    # a document stored before (analysed again) brings its current stories along, so the
    # documents it shared them with are regrouped rather than left without a story
    groups = store.story_groups(rank.keys() | new_ids)
    in_groups = {d for docs in groups.values() for d in docs}
    groups.update({f"unaligned:{d}": [d] for d in sorted(rank.keys() - new_ids - in_groups)})
    return _within(groups, new_ids, rank, int(cfg["max_candidate_docs"]))


def _within(
    groups: dict[str, list[str]], new_ids: set[str], rank: dict[str, int], limit: int
) -> dict[str, list[str]]:
    """The stories holding a new document, then the others by their best candidate's rank, as
    long as their documents fit in ``limit``: what one batch loads is bounded whatever the
    store's size (a story is taken whole or not at all, so none is split)."""
    kept = {sid: docs for sid, docs in groups.items() if new_ids & set(docs)}
    room = limit - sum(len(docs) for docs in kept.values())
    others = sorted(
        (sid for sid in groups if sid not in kept),
        key=lambda sid: (min(rank.get(d, len(rank)) for d in groups[sid]), sid),
    )
    for sid in others:
        if len(groups[sid]) <= room:
            kept[sid] = groups[sid]
            room -= len(groups[sid])
    return dict(sorted(kept.items()))


def stored_candidates(store: Store, analyses: list[DocumentAnalysis]) -> list[DocumentAnalysis]:
    """The stored documents (other than ``analyses``) of ``candidate_stories``, rebuilt from the store."""
    new_ids = {a.document.id for a in analyses}
    wanted = {d for docs in candidate_stories(store, analyses).values() for d in docs} - new_ids
    return list(store.iter_documents(sorted(wanted))) if wanted else []


def align_into_store(
    store: Store, analyses: list[DocumentAnalysis]
) -> tuple[list[DocumentAnalysis], list[Story], list[Relation]]:
    """Group new documents together with their candidate stored stories, and save what changed.

    Only stories that hold a new document or whose membership changed are related again and
    saved; a candidate story left as it was keeps its stored relations.

    Returns:
        The stored documents that ended in a story with a new document, the stories holding a
        new document, and the relations among those stories' claims.
    """
    new_ids = {a.document.id for a in analyses}
    groups = candidate_stories(store, analyses)
    wanted = {d for docs in groups.values() for d in docs} - new_ids
    stored = list(store.iter_documents(sorted(wanted))) if wanted else []
    before = {frozenset(docs) for docs in groups.values()}
    stories = build_stories(analyses + stored)
    changed = [s for s in stories if new_ids & set(s.documents) or frozenset(s.documents) not in before]
    relations = relate_stories(changed, analyses + stored)
    store.save_alignment(changed, relations)
    kept = [s for s in changed if new_ids & set(s.documents)]
    in_kept = {d for s in kept for d in s.documents}
    joined = [a for a in stored if a.document.id in in_kept]
    claim_docs = {c.id: c.doc for a in analyses + joined for c in a.claims}
    relations = [
        r
        for r in relations
        if claim_docs.get(r.claims[0]) in in_kept and claim_docs.get(r.claims[1]) in in_kept
    ]
    return joined, kept, relations
