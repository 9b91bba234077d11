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

import datetime as dt
import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash

from claimgraph import data
from claimgraph.align.copies import group_copies, signature
from claimgraph.align.text import name_words, smoothed_idf, words
from claimgraph.model import DocumentAnalysis, EntityMention, PlaceMention, Story

_NO_TERMS = np.zeros(0, dtype=np.int32)
_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}


@dataclass(slots=True)
class _DocFeatures:
    id: str
    terms: np.ndarray  # vocabulary ids (ranked by term, so the order does not depend on the input's)
    weights: np.ndarray  # the unit-length TF-IDF weight of each of ``terms``
    names: np.ndarray  # name ids, ascending
    ordinal: int | None  # publication date as a day number


@dataclass(slots=True)
class _Sketch:
    """What grouping keeps of one document while the rest stream past: its word counts (as
    vocabulary ids), names, date, a copy signature and the words a story title would take."""

    id: str
    published: dt.date | None
    title: str | None  # the headline
    opening: str  # the first words of the text's first line (up to one past the title length)
    terms: np.ndarray  # vocabulary ids, in the order the words first occur
    counts: np.ndarray  # how often each of ``terms`` occurs
    names: np.ndarray  # ids of the entities, places and capitalised words it names, ascending
    signature: LeanMinHash | None


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


def _sketch(
    analysis: DocumentAnalysis, vocabulary: dict[str, int], name_ids: dict[str, int], cfg: dict
) -> _Sketch:
    document = analysis.document
    title = words(document.title or "")
    names = name_words(document.text)
    # a headline names the event: count it twice
    bag = Counter(title + title + words(document.text) + names * int(cfg["name_boost"]))
    # first-occurrence order, as the bag had it: the TF-IDF sums then run in the same order
    ids = [vocabulary.setdefault(term, len(vocabulary)) for term in bag]
    opening = document.text.strip().split("\n", 1)[0].split()
    return _Sketch(
        id=document.id,
        published=document.published,
        title=document.title,
        opening=" ".join(opening[: int(cfg["title_words"]) + 1]),
        terms=np.array(ids, dtype=np.int32),
        counts=np.array(list(bag.values()), dtype=np.int32),
        names=np.array(
            sorted({name_ids.setdefault(n, len(name_ids)) for n in _names(analysis) | frozenset(names)}),
            dtype=np.int32,
        ),
        signature=signature(document.text),
    )


def features(sketches: list[_Sketch], vocabulary: dict[str, int]) -> list[_DocFeatures]:
    """TF-IDF vectors (IDF over these documents), name sets and dates, in the given order.

    Each vector is two arrays (term ids, weights), a few bytes per word, so a run of thousands of
    documents keeps them all. The sketches' word counts are dropped as their vectors are made.
    """
    cfg = data.load("align")["stories"]
    terms = list(vocabulary)  # id -> term
    df = np.zeros(len(terms), dtype=np.int64)
    for sketch in sketches:
        df[sketch.terms] += 1
    idf = smoothed_idf(
        terms,
        df,
        len(sketches),
        background_docs=cfg["background_docs"],
        doc_words=cfg["background_doc_words"],
        idf_power=cfg["idf_power"],
    )
    # in a handful of documents every shared word looks distinctive: only prune in larger sets
    min_df = int(cfg["min_df"]) if len(sketches) >= cfg["min_df_from_docs"] else 1
    rank = np.empty(len(terms), dtype=np.int32)  # id -> position of its term in sorted order
    rank[sorted(range(len(terms)), key=terms.__getitem__)] = np.arange(len(terms), dtype=np.int32)
    out = []
    for sketch in sketches:
        kept = df[sketch.terms] >= min_df
        ids = sketch.terms[kept]
        weights = (1.0 + np.log(sketch.counts[kept])) * idf[ids]
        norm = float(np.sqrt(weights @ weights))
        if not norm:
            ids, weights, norm = ids[:0], weights[:0], 1.0
        order = np.argsort(rank[ids])
        out.append(
            _DocFeatures(
                id=sketch.id,
                terms=rank[ids][order],
                weights=weights[order] / norm,
                names=sketch.names,
                ordinal=sketch.published.toordinal() if sketch.published else None,
            )
        )
        sketch.terms = sketch.counts = _NO_TERMS
    return out


def _cosine(a: _DocFeatures, b: _DocFeatures) -> float:
    """Cosine of two unit vectors held as ascending term ids and weights."""
    if len(a.terms) > len(b.terms):
        a, b = b, a
    if not len(a.terms):
        return 0.0
    at = np.searchsorted(b.terms, a.terms).clip(max=len(b.terms) - 1)
    shared = b.terms[at] == a.terms
    return float(a.weights[shared] @ b.weights[at[shared]])


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard of two sets held as ascending unique ids."""
    if not len(a) or not len(b):
        return 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def similarity(a: _DocFeatures, b: _DocFeatures, cfg: dict) -> float:
    """The combined document similarity the merge threshold applies to."""
    score = cfg["weight_text"] * _cosine(a, b) + cfg["weight_entities"] * _jaccard(a.names, b.names)
    if (
        a.ordinal is not None
        and b.ordinal is not None
        and abs(a.ordinal - b.ordinal) > cfg["days_apart_soft"]
    ):
        score *= cfg["days_apart_factor"]
    return score


def candidate_pairs(feats: list[_DocFeatures], cfg: dict) -> set[tuple[int, int]]:
    """Index pairs that share one of their most distinctive words; common words do not block."""
    postings: dict[int, list[int]] = defaultdict(list)
    for index, feat in enumerate(feats):
        # highest weight first, ties by term (term ids are ranked by term)
        top = np.lexsort((feat.terms, -feat.weights))[: int(cfg["blocking_terms"])]
        for term in feat.terms[top].tolist():
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


def build_stories(analyses: Iterable[DocumentAnalysis]) -> list[Story]:
    """Stories over the documents; copies join their original's story.

    Args:
        analyses: the analysed documents, in any order (the result does not depend on it); may be
            a stream: each is read once and only a small sketch of it is kept.
    """
    cfg = data.load("align")["stories"]
    vocabulary: dict[str, int] = {}
    name_ids: dict[str, int] = {}
    sketches = sorted((_sketch(a, vocabulary, name_ids, cfg) for a in analyses), key=lambda k: k.id)
    copies = group_copies([(k.id, k.published, k.signature) for k in sketches])
    originals = [k for k in sketches if k.id not in copies]
    feats = features(originals, vocabulary)
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
    copies_of: dict[str, dict[str, str]] = defaultdict(dict)
    for copy, original in copies.items():
        copies_of[original][copy] = original
    stories = []
    for cluster in clusters:
        members = [originals[i] for i in cluster]
        story_copies = {c: o for k in members for c, o in copies_of[k.id].items()}
        documents = sorted([k.id for k in members] + list(story_copies))
        stories.append(
            Story(
                id=f"s-{documents[0]}",
                title=_title(members, cfg["title_words"]),
                documents=documents,
                copies=dict(sorted(story_copies.items())),
            )
        )
    return stories


def _title(members: list[_Sketch], max_words: int) -> str:
    """The earliest document's headline, else the opening words of its text."""
    first = min(members, key=lambda k: (k.published is None, k.published, k.id))
    if first.title:
        return first.title
    opening = first.opening.split()
    return " ".join(opening[:max_words]) + (" …" if len(opening) > max_words else "")
