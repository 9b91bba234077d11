"""Claims as comparable views, and candidate pairs by blocking (never all pairs).

A view gathers what a claim is about: its dated times, quantities (with counted nouns mapped
to synonym groups), places, named actors, predicate group and content words. Candidate pairs
share a blocking key (an entity, a counted noun, an event predicate or a place); keys that too
many claims share are no evidence and are skipped, and each claim keeps only its best few
candidates, so the work grows with the number of claims, not its square.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from claimgraph import data
from claimgraph.align.compare import compare_quantities
from claimgraph.align.embeddings import Encoder, unit_vectors
from claimgraph.align.text import Vector, cosine, document_frequencies, stem, tfidf, words
from claimgraph.model import (
    Claim,
    DocumentAnalysis,
    EntityMention,
    Mention,
    PlaceMention,
    QuantityMention,
    TimeMention,
)

_ACTOR_LABELS = {"PERSON", "ORG", "NORP", "GPE", "FAC", "PRODUCT", "EVENT"}


@functools.cache
def _groups(kind: str) -> dict[str, str]:
    """word -> group name, for ``counted_groups`` or ``predicate_groups`` (first group wins)."""
    mapping: dict[str, str] = {}
    for group in data.load("align")[kind]:
        for word in group:
            mapping.setdefault(word.lower(), group[0])
            mapping.setdefault(stem(word.lower()), group[0])  # to look up the stems of a claim's words
    return mapping


def counted_group(counted: str | None) -> str | None:
    if not counted:
        return None
    word = counted.lower().split()[-1]
    return _groups("counted_groups").get(word, word)


def predicate_group(predicate: str | None) -> str | None:
    if not predicate or predicate.lower() in set(data.load("align")["claims"]["light_predicates"]):
        return None
    return _groups("predicate_groups").get(predicate.lower(), predicate.lower())


def event_groups(bag: list[str]) -> set[str]:
    """Predicate groups named anywhere in a claim ("there are signs aircraft are being refitted")."""
    groups = _groups("predicate_groups")
    light = {stem(p) for p in data.load("align")["claims"]["light_predicates"]}
    return {groups[w] for w in bag if w in groups and w not in light}


@dataclass(slots=True)
class ClaimView:
    claim: Claim
    doc: str  # the document's id (copies are not aligned: see align())
    order: int  # position in the story's claim list, for deterministic tie-breaking
    times: list[TimeMention] = field(default_factory=list)
    quantities: list[QuantityMention] = field(default_factory=list)
    counted: dict[str, str | None] = field(default_factory=dict)  # quantity id -> counted group
    antecedents: dict[str, QuantityMention] = field(
        default_factory=dict
    )  # bare quantity id -> its antecedent
    places: list[PlaceMention] = field(default_factory=list)
    actors: frozenset[str] = frozenset()
    predicate: str | None = None
    events: set[str] = field(default_factory=set)  # predicate groups of the claim's words
    bag: list[str] = field(default_factory=list)
    vector: Vector = field(default_factory=dict)
    embedding: np.ndarray | None = None  # unit sentence embedding, with the embeddings backend
    name_weight: dict[str, float] = field(default_factory=dict)  # shared across a story's views
    rare_weight: float = math.inf  # anchors weighing at least this are named by at most two claims

    anchors: frozenset[str] = frozenset()  # ``names()``, fixed once the view is built

    def names(self) -> frozenset[str]:
        """Actors, places, event predicates and days: the anchors two claims can share."""
        return frozenset(
            set(self.actors)
            | {f"l:{p.geonames_id or (p.name or p.text).lower()}" for p in self.places}
            | {f"p:{g}" for g in self.events}
            | {f"t:{d}" for d in self.days()}
        )

    def days(self) -> set[str]:
        """Month-day of the claim's day-precise dates, known year or not ("May 18")."""
        out = set()
        for t in self.times:
            for value in [t.value, *t.alternatives]:
                if value and len(value) >= 10 and value[4] == "-" and value[7] == "-":
                    out.add(value[5:10])
        return out

    @property
    def id(self) -> str:
        return self.claim.id

    def keys(self) -> set[str]:
        """The blocking keys of this claim: its anchors and counted-noun groups."""
        return set(self.anchors) | {f"q:{g}" for g in self.counted.values() if g}

    def slots(self) -> set[str]:
        """Which kinds of detail the claim gives."""
        slots = set()
        # a date is detail even if unresolved; "currently", "recently" (PRESENT_REF, PAST_REF) are not
        if any(t.type in {"DATE", "TIME"} and not (t.value or "").endswith("_REF") for t in self.times):
            slots.add("time")
        if self.quantities:
            slots.add("quantity")
        if self.places:
            slots.add("place")
        if self.actors:
            slots.add("actor")
        return slots


def _bare(q: QuantityMention) -> bool:
    return not q.counted and not q.unit


def _antecedent(q: QuantityMention, earlier: list[QuantityMention], max_chars: int) -> QuantityMention | None:
    """The nearest earlier counted quantity of the same order of magnitude ("10,000 to 20,000
    seems more realistic" after "25,000 to 30,000 troops"): a bare amount answers it."""
    value = q.low if q.low is not None else q.high
    for other in reversed(earlier):
        if q.start - other.end > max_chars:
            break
        other_value = other.low if other.low is not None else other.high
        if other.counted and value and other_value and 0.1 <= value / other_value <= 10:
            return other
    return None


def claim_views(analyses: list[DocumentAnalysis], encoder: Encoder | None = None) -> list[ClaimView]:
    """Views of every claim of ``analyses``, with TF-IDF vectors over these claims.

    Args:
        analyses: the documents whose claims are compared.
        encoder: a sentence encoder (``embeddings``); None compares the words only.
    """
    cfg = data.load("align")["claims"]
    views: list[ClaimView] = []
    for analysis in analyses:
        by_id: dict[str, Mention] = {m.id: m for m in analysis.mentions}
        quantities = sorted(
            (m for m in analysis.mentions if isinstance(m, QuantityMention)), key=lambda m: m.start
        )
        for claim in analysis.claims:
            mentions = [by_id[i] for i in claim.mentions if i in by_id]
            view = ClaimView(claim=claim, doc=analysis.document.id, order=len(views))
            source_names = {(s.canonical or s.name).lower() for s in claim.sources}
            actors = set()
            for mention in mentions:
                if isinstance(mention, TimeMention):
                    view.times.append(mention)
                elif isinstance(mention, QuantityMention):
                    view.quantities.append(mention)
                    view.counted[mention.id] = counted_group(mention.counted)
                    if _bare(mention):
                        earlier = [q for q in quantities if q.end <= mention.start]
                        antecedent = _antecedent(mention, earlier, cfg["ellipsis_chars"])
                        if antecedent is not None:
                            view.antecedents[mention.id] = antecedent
                            view.counted[mention.id] = counted_group(antecedent.counted)
                elif isinstance(mention, PlaceMention):
                    view.places.append(mention)
                elif isinstance(mention, EntityMention) and mention.label in _ACTOR_LABELS:
                    name = (mention.canonical or mention.text).lower()
                    if name not in source_names:
                        actors.add(name)
            view.actors = frozenset(actors)
            view.predicate = predicate_group(claim.predicate)
            view.bag = words(claim.text or claim.evidence)
            view.events = event_groups(view.bag) | ({view.predicate} if view.predicate else set())
            view.anchors = view.names()
            views.append(view)
    df = document_frequencies(v.bag for v in views)
    name_df = document_frequencies(v.anchors for v in views)
    # an anchor most claims of the story share (the country at war) says little about a pair
    name_weight = {n: math.log((1 + len(views)) / (1 + c)) for n, c in name_df.items()}
    for view in views:
        view.vector = tfidf(view.bag, df, len(views))
        view.name_weight = name_weight
        view.rare_weight = math.log((1 + len(views)) / 3)
    if encoder is not None and views:
        # one batch per story: encoders are much faster on many texts at once
        for view, row in zip(
            views, unit_vectors(encoder, [v.claim.text or v.claim.evidence for v in views]), strict=True
        ):
            view.embedding = row
    return views


def shares_rare_anchor(a: ClaimView, b: ClaimView) -> bool:
    """Both name an anchor that hardly any other claim of the story names (a port, a date)."""
    return any(a.name_weight.get(n, 0.0) >= a.rare_weight for n in a.anchors & b.anchors)


def shared_names(a: ClaimView, b: ClaimView) -> float:
    """Weighted Jaccard of the claims' anchors (``ClaimView.names``): rare shared ones count most."""
    na, nb = a.anchors, b.anchors
    union = sum(a.name_weight.get(n, 0.0) for n in na | nb)
    return sum(a.name_weight.get(n, 0.0) for n in na & nb) / union if union else 0.0


def score(a: ClaimView, b: ClaimView) -> float:
    """How likely two claims state the same fact: text similarity plus shared slots."""
    cfg = data.load("align")["claims"]["score"]
    value = cosine(a.vector, b.vector)
    if a.embedding is not None and b.embedding is not None:
        settings = data.load("align")["text_similarity"]
        weight, floor = settings["embedding_weight"], settings["embedding_floor"]
        # two unrelated sentences of one story already score about ``floor``: rescale so they
        # count 0, as an unrelated pair does lexically, and the same-fact thresholds keep meaning
        similar = max(0.0, (float(np.dot(a.embedding, b.embedding)) - floor) / (1.0 - floor))
        value = (1 - weight) * value + weight * similar
    groups_a, groups_b = {g for g in a.counted.values() if g}, {g for g in b.counted.values() if g}
    if groups_a & groups_b:
        value += cfg["counted"]
        if any(
            (verdict := compare_quantities(qa, qb, 0.0)) and verdict.outcome == "same"
            for qa in a.quantities
            for qb in b.quantities
        ):
            value += cfg["same_amount"]
    value += cfg["names"] * shared_names(a, b)
    return value


def candidate_pairs(views: list[ClaimView]) -> dict[tuple[int, int], float]:
    """Scored candidate pairs (indices into ``views``, i < j) found through shared keys."""
    cfg = data.load("align")["claims"]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, view in enumerate(views):
        for key in sorted(view.keys()):
            postings[key].append(index)
    scored: dict[tuple[int, int], float] = {}
    for members in postings.values():
        if len(members) > cfg["max_posting"]:
            continue  # a key that most claims share says nothing about a pair
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if (i, j) not in scored and (views[i].doc != views[j].doc or _estimates(views[i], views[j])):
                    scored[(i, j)] = score(views[i], views[j])
    best: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for (i, j), value in scored.items():
        best[i].append((value, j))
        best[j].append((value, i))
    keep = set()
    for i, options in best.items():
        for _, j in sorted(options, key=lambda o: (-o[0], views[o[1]].order))[: cfg["top_k"]]:
            keep.add((min(i, j), max(i, j)))
    return {pair: scored[pair] for pair in sorted(keep)}


def _estimates(a: ClaimView, b: ClaimView) -> bool:
    """Two claims of one document are compared only as estimates of one counted quantity."""
    groups_a, groups_b = {g for g in a.counted.values() if g}, {g for g in b.counted.values() if g}
    return bool(groups_a & groups_b)
