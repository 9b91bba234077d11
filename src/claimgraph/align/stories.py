"""Group documents into stories: one real-world event or development each.

Documents are compared by the TF-IDF cosine of their words plus the overlap of the entities and
places they name, damped when their publication dates lie far apart. The IDF is smoothed toward
everyday English word frequencies, so five reports of one fire, or the few stored stories a new
document is regrouped with, weigh words as a large collection would. Candidate neighbours come
from an inverted index over each document's most distinctive words (never all pairs), and
stories are formed by average-linkage merging over those candidate edges: two earthquakes that
share "quake", "magnitude" and "killed" but no names do not reach the threshold together, and
the average (unlike single linkage) does not chain them through one ambiguous report. Two
stories that have each formed (several documents, tightly linked) stay apart when their link is
well below their own cohesion: reports of a diplomat's secret visit and of a test moratorium a
few days later share the country, the leader and the summit, and so average above the threshold,
but each story's reports are much closer to one another.

The result depends only on the set of documents: everything is processed in id order and ties
are broken by id. Near-duplicate copies are clustered through their original and listed in
``Story.copies``.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

from claimgraph import data
from claimgraph.align.copies import find_copies
from claimgraph.align.text import (
    Vector,
    cosine,
    document_frequencies,
    jaccard,
    name_words,
    smoothed_frequencies,
    tfidf,
    words,
)
from claimgraph.model import DocumentAnalysis, EntityMention, PlaceMention, Story

_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


@dataclass(slots=True)
class _DocFeatures:
    id: str
    vector: Vector
    names: frozenset[str]
    ordinal: int | None  # publication date as a day number


def _names(analysis: DocumentAnalysis) -> frozenset[str]:
    names = set()
    for mention in analysis.mentions:
        if isinstance(mention, EntityMention) and (mention.label in _NAME_LABELS or not mention.label):
            names.add((mention.canonical or mention.text).lower())
        elif isinstance(mention, PlaceMention):
            names.add(
                f"geo:{mention.geonames_id}"
                if mention.geonames_id
                else (mention.name or mention.text).lower()
            )
    return frozenset(names)


def features(analyses: list[DocumentAnalysis]) -> list[_DocFeatures]:
    """TF-IDF vectors (IDF over this collection), name sets and dates, in the given order."""
    cfg = data.load("align")["stories"]
    bags, name_sets = [], []
    for analysis in analyses:
        document = analysis.document
        title = words(document.title or "")
        names = name_words(document.text)
        name_sets.append(_names(analysis) | frozenset(names))
        bags.append(
            title + title + words(document.text) + names * int(cfg["name_boost"])
        )  # a headline names the event: count it twice
    df = document_frequencies(bags)
    smoothed = smoothed_frequencies(
        df, len(bags), background_docs=cfg["background_docs"], doc_words=cfg["background_doc_words"]
    )
    # in a handful of documents every shared word looks distinctive: only prune in larger sets
    min_df = int(cfg["min_df"]) if len(bags) >= cfg["min_df_from_docs"] else 1
    return [
        _DocFeatures(
            id=a.document.id,
            vector=tfidf(bag, df, len(bags), idf_power=cfg["idf_power"], min_df=min_df, smoothed=smoothed),
            names=names,
            ordinal=a.document.published.toordinal() if a.document.published else None,
        )
        for a, bag, names in zip(analyses, bags, name_sets, strict=True)
    ]


def similarity(a: _DocFeatures, b: _DocFeatures, cfg: dict) -> float:
    """The combined document similarity the merge threshold applies to."""
    score = cfg["weight_text"] * cosine(a.vector, b.vector) + cfg["weight_entities"] * jaccard(
        a.names, b.names
    )
    if (
        a.ordinal is not None
        and b.ordinal is not None
        and abs(a.ordinal - b.ordinal) > cfg["days_apart_soft"]
    ):
        score *= cfg["days_apart_factor"]
    return score


def candidate_pairs(feats: list[_DocFeatures], cfg: dict) -> set[tuple[int, int]]:
    """Index pairs that share one of their most distinctive words; common words do not block."""
    postings: dict[str, list[int]] = defaultdict(list)
    for index, feat in enumerate(feats):
        top = sorted(feat.vector.items(), key=lambda kv: (-kv[1], kv[0]))[: int(cfg["blocking_terms"])]
        for term, _ in top:
            postings[term].append(index)
    cap = cfg["max_postings"]
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        if len(members) > cap:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pairs.add((a, b) if a < b else (b, a))
    return pairs


def average_linkage(
    n: int,
    edges: dict[tuple[int, int], float],
    threshold: float,
    cohesion_ratio: float = 0.0,
    cohesion_min_size: int = 2,
) -> list[list[int]]:
    """Greedy average-linkage clustering over a sparse similarity graph (missing edges count 0).

    Args:
        n: number of items (0..n-1).
        edges: similarity per index pair (i < j).
        threshold: merging stops when no two clusters average at least this.
        cohesion_ratio: two clusters of at least ``cohesion_min_size`` items each merge only if
            their average link is at least this share of the less cohesive one's own average
            link (0 turns the check off).
        cohesion_min_size: the size from which a cluster's cohesion is trusted.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    inner: dict[int, float] = dict.fromkeys(range(n), 0.0)  # sum of links inside each cluster
    links: dict[int, dict[int, float]] = defaultdict(dict)
    heap: list[tuple[float, int, int]] = []
    for (a, b), sim in edges.items():
        links[a][b] = links[b][a] = sim
        if sim >= threshold:
            heap.append((-sim, a, b))
    heapq.heapify(heap)
    next_id = n
    while heap:
        negative_average, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue  # one side was merged already; its successor has its own entries
        if cohesion_ratio and min(len(members[a]), len(members[b])) >= cohesion_min_size:
            cohesion = min(_cohesion(inner[a], len(members[a])), _cohesion(inner[b], len(members[b])))
            if -negative_average < cohesion_ratio * cohesion:
                continue  # both are settled stories that only share their frame; never retried
        between = links[a].get(b, 0.0)
        merged = members.pop(a) + members.pop(b)
        new = next_id
        next_id += 1
        members[new] = merged
        inner[new] = inner.pop(a) + inner.pop(b) + between
        neighbours: dict[int, float] = defaultdict(float)
        for old in (a, b):
            for other, total in links.pop(old, {}).items():
                if other in (a, b):
                    continue
                neighbours[other] += total
                del links[other][old]
        for other, total in neighbours.items():
            links[new][other] = links[other][new] = total
            average = total / (len(merged) * len(members[other]))
            if average >= threshold:
                heapq.heappush(heap, (-average, min(new, other), max(new, other)))
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def _cohesion(inner_total: float, size: int) -> float:
    """Average link between the members of one cluster."""
    return inner_total / (size * (size - 1) / 2)


def build_stories(analyses: list[DocumentAnalysis]) -> list[Story]:
    """Stories over the documents; copies join their original's story.

    Args:
        analyses: the analysed documents, in any order (the result does not depend on it).
    """
    cfg = data.load("align")["stories"]
    analyses = sorted(analyses, key=lambda a: a.document.id)
    copies = find_copies([a.document for a in analyses])
    originals = [a for a in analyses if a.document.id not in copies]
    feats = features(originals)
    edges = {}
    for i, j in sorted(candidate_pairs(feats, cfg)):
        sim = similarity(feats[i], feats[j], cfg)
        if sim > 0:
            edges[(i, j)] = sim
    clusters = average_linkage(
        len(feats),
        edges,
        cfg["merge_threshold"],
        cohesion_ratio=cfg["cohesion_ratio"],
        cohesion_min_size=int(cfg["cohesion_min_size"]),
    )
    by_id = {a.document.id: a for a in analyses}
    copies_of: dict[str, dict[str, str]] = defaultdict(dict)
    for copy, original in copies.items():
        copies_of[original][copy] = original
    stories = []
    for cluster in clusters:
        ids = [originals[i].document.id for i in cluster]
        story_copies = {c: o for i in ids for c, o in copies_of[i].items()}
        documents = sorted(ids + list(story_copies))
        stories.append(
            Story(
                id=f"s-{documents[0]}",
                title=_title(by_id, ids, cfg["title_words"]),
                documents=documents,
                copies=dict(sorted(story_copies.items())),
            )
        )
    return stories


def _title(by_id: dict[str, DocumentAnalysis], ids: list[str], max_words: int) -> str:
    """The earliest document's headline, else the opening words of its text."""
    first = min((by_id[i].document for i in ids), key=lambda d: (d.published is None, d.published, d.id))
    if first.title:
        return first.title
    opening = first.text.strip().split("\n", 1)[0].split()
    return " ".join(opening[:max_words]) + (" …" if len(opening) > max_words else "")
