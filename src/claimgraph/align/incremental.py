"""Incremental stories: new documents join the stored stories they belong to, or start their own.

A new document is never compared with the whole store. Its most salient words are looked up in
the store's full-text index (BM25 ranks rare shared words, names and places, first), and only the
best ``store_candidates`` documents are kept; the stored stories those belong to are loaded whole
and grouped again together with the new documents. Grouping depends only on the set of documents
(``build_stories`` sorts by id), so adding documents one run at a time, in any order, ends in the
same stories as one run over all of them, as long as each new document finds its story's members
among its candidates. What the grouping of a subset cannot see is the rest of the store's word
statistics: IDF is computed over the loaded documents, not the whole store.
"""

from __future__ import annotations

from claimgraph import data
from claimgraph.align import align
from claimgraph.align.text import salient_words
from claimgraph.errors import StoreError
from claimgraph.model import DocumentAnalysis, Relation, Story
from claimgraph.store import Store
from claimgraph.store.search import search


def stored_candidates(store: Store, analyses: list[DocumentAnalysis]) -> list[DocumentAnalysis]:
    """Stored documents (other than ``analyses``) whose stories the new documents may join.

    Args:
        store: the store; its full-text index supplies the candidates.
        analyses: the new documents.
    """
    cfg = data.load("align")["incremental"]
    new_ids = {a.document.id for a in analyses}
    hits: set[str] = set()
    for analysis in analyses:
        document = analysis.document
        query_words = salient_words(f"{document.title or ''}\n{document.text}", int(cfg["query_words"]))
        if not query_words:
            continue
        try:
            found = search(store, " OR ".join(query_words), limit=int(cfg["store_candidates"]) + len(new_ids))
        except StoreError:
            continue  # a store without a usable index: the document starts its own story
        hits.update(hit.doc for hit in found)
    wanted = store.story_mates(hits - new_ids) - new_ids
    return list(store.iter_documents(sorted(wanted))) if wanted else []


def align_into_store(
    store: Store, analyses: list[DocumentAnalysis]
) -> tuple[list[DocumentAnalysis], list[Story], list[Relation]]:
    """Align new documents together with their candidate stored stories, and save the result.

    Returns:
        The stored documents that ended in a story with a new document, the stories holding a
        new document, and the relations among those stories' claims.
    """
    stored = stored_candidates(store, analyses)
    stories, relations = align(analyses + stored)
    store.save_alignment(stories, relations)
    new_ids = {a.document.id for a in analyses}
    kept = [s for s in stories if new_ids & set(s.documents)]
    in_kept = {d for s in kept for d in s.documents}
    joined = [a for a in stored if a.document.id in in_kept]
    claim_docs = {c.id: c.doc for a in analyses + joined for c in a.claims}
    relations = [
        r
        for r in relations
        if claim_docs.get(r.claims[0]) in in_kept and claim_docs.get(r.claims[1]) in in_kept
    ]
    return joined, kept, relations
