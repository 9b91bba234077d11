"""Stage 5, align: stories, claim relations across outlets, and source independence.

Documents are grouped into stories (``stories``); inside each story the claims of the original
documents (copies are left out: they would only agree with their original) are blocked into
candidate pairs (``candidates``) and related value by value (``relations``), each relation saying
whether its two sides have independent origins (``independence``); each story lists its facts,
their independent origins and how their values drifted over publication dates (``drift``).
"""

from __future__ import annotations

from collections import defaultdict

from claimgraph.align.candidates import ClaimView, candidate_pairs, claim_views
from claimgraph.align.drift import story_facts
from claimgraph.align.embeddings import Encoder, configured_encoder
from claimgraph.align.relations import PairContext, estimate_relations, relate
from claimgraph.align.stories import build_stories
from claimgraph.annotate.canonical import unify_across_documents
from claimgraph.model import DocumentAnalysis, Relation, Story


def align(
    analyses: list[DocumentAnalysis], *, encoder: Encoder | None = None
) -> tuple[list[Story], list[Relation]]:
    """Stories over the documents, and the relations between their claims.

    Args:
        analyses: the analysed documents, in any order.
        encoder: a sentence encoder for claim similarity; None takes the one ``align.yaml``
            configures (none for the default lexical backend).
    """
    stories = build_stories(analyses)
    return stories, relate_stories(stories, analyses, encoder=encoder)


def relate_stories(
    stories: list[Story], analyses: list[DocumentAnalysis], *, encoder: Encoder | None = None
) -> list[Relation]:
    """The relations inside each of ``stories`` (whose documents ``analyses`` hold); sets each
    story's facts. Entity and source names are unified across each story's documents, in place.

    Args:
        stories: stories over (some of) ``analyses``.
        analyses: the analysed documents.
        encoder: as for ``align``.
    """
    encoder = encoder if encoder is not None else configured_encoder()
    by_id = {a.document.id: a for a in analyses}
    relations: list[Relation] = []
    for story in stories:
        # one name per entity across the story's reports ("Kim" / "Kim Jong-un", "NIS" / "National
        # Intelligence Service"), so claims share actors and sources are recognised as one origin
        unify_across_documents([by_id[d] for d in story.documents])
        originals = [by_id[d] for d in story.documents if d not in story.copies]
        found = story_relations(originals, story.copies, encoder)
        story.facts = story_facts(originals, found, story.copies)
        relations += found
    return relations


def story_relations(
    analyses: list[DocumentAnalysis], copies: dict[str, str], encoder: Encoder | None = None
) -> list[Relation]:
    """Relations among the claims of one story's documents.

    Args:
        analyses: the story's documents (originals only).
        copies: copy document id -> original id, for source independence.
        encoder: a sentence encoder for claim similarity, or None for words only.
    """
    views = claim_views(analyses, encoder)
    pairs = candidate_pairs(views)
    best = _best_per_document(views, pairs)
    relations: list[Relation] = []
    for (i, j), score in pairs.items():
        a, b = views[i], views[j]
        ctx = PairContext(
            score=score, mutual=best.get((i, b.doc)) == j and best.get((j, a.doc)) == i, copies=copies
        )
        relations += estimate_relations(a, b, ctx) if a.doc == b.doc else relate(a, b, ctx)
    return relations


def _best_per_document(
    views: list[ClaimView], pairs: dict[tuple[int, int], float]
) -> dict[tuple[int, str], int]:
    """For each claim and each other document, the index of its best-scoring candidate there."""
    options: dict[tuple[int, str], list[tuple[float, int]]] = defaultdict(list)
    for (i, j), score in pairs.items():
        if views[i].doc != views[j].doc:
            options[(i, views[j].doc)].append((score, j))
            options[(j, views[i].doc)].append((score, i))
    return {key: min(found, key=lambda o: (-o[0], o[1]))[1] for key, found in options.items()}


__all__ = ["align", "relate_stories", "story_relations"]
