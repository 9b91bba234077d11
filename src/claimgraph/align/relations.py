"""Relations between two claims, each with its reason: agree, conflict, elaborates, compatible.

Two claims of different documents are related when they state the same fact: their score
(lexical cosine plus shared slots) passes a threshold. Their slots are then compared value by
value (``compare``): disjoint quantities, dates or places are a conflict on that slot; a more
precise value or extra detail elaborates; different but jointly possible values are compatible.
A conflict needs the two claims to be each other's best match across the two documents, so a
report of two dockings does not contradict a report of one of them.

Inside one document only estimates are compared: two sources giving different amounts for one
counted quantity conflict ("25,000 to 30,000 troops" per one source, "10,000 to 20,000" per
another).
"""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph import data
from claimgraph.align.candidates import ClaimView, shares_rare_anchor
from claimgraph.align.compare import Verdict, compare_places, compare_quantities, compare_times
from claimgraph.align.independence import independent, same_source
from claimgraph.model import Relation

_RANK = {"same": 0, "contains": 1, "near": 2, "conflict": 3}


@dataclass(frozen=True, slots=True)
class PairContext:
    score: float
    mutual: bool  # each claim is the other's best match in the other's document
    copies: dict[str, str]


def _best(verdicts: list[Verdict]) -> Verdict | None:
    """The most agreeable verdict: values conflict only when no pairing of them fits."""
    return min(verdicts, key=lambda v: _RANK[v.outcome]) if verdicts else None


def quantity_verdict(a: ClaimView, b: ClaimView, share: float) -> Verdict | None:
    """Compare the quantities that count the same thing (by counted-noun group)."""
    verdicts = []
    for qa in a.quantities:
        for qb in b.quantities:
            group = a.counted.get(qa.id)
            if group is None or group != b.counted.get(qb.id):
                continue
            verdict = compare_quantities(qa, qb, share)
            if verdict is not None:
                verdicts.append(Verdict(verdict.outcome, f"{verdict.reason} ({group})", verdict.wider))
    return _best(verdicts)


def time_verdict(a: ClaimView, b: ClaimView) -> Verdict | None:
    verdicts = [v for ta in a.times for tb in b.times if (v := compare_times(ta, tb))]
    return _best(verdicts)


def place_verdict(a: ClaimView, b: ClaimView, near_km: float, conflict_km: float) -> Verdict | None:
    verdicts = [
        v for pa in a.places for pb in b.places if (v := compare_places(pa, pb, near_km, conflict_km))
    ]
    return _best(verdicts)


def answers(a: ClaimView, b: ClaimView) -> bool:
    """``b`` gives a bare amount whose antecedent is one of ``a``'s amounts (or equal to it)."""
    for antecedent in b.antecedents.values():
        for q in a.quantities:
            if q.id == antecedent.id or (
                (q.low, q.high) == (antecedent.low, antecedent.high)
                and a.counted.get(q.id) == b.counted.get(antecedent.id)
            ):
                return True
    return False


def _relation(
    kind: str, a: ClaimView, b: ClaimView, slot: str | None, reason: str, ctx: PairContext
) -> Relation:
    return Relation(
        kind=kind,  # type: ignore[arg-type]
        claims=(a.id, b.id),
        slot=slot,  # type: ignore[arg-type]
        independent=independent(a.claim, b.claim, ctx.copies),
        explanation=reason,
    )


def estimate_relations(a: ClaimView, b: ClaimView, ctx: PairContext) -> list[Relation]:
    """Two estimates of one amount from different sources (any documents) that do not overlap."""
    if not (a.claim.sources or b.claim.sources):
        return []
    if any(same_source(sa, sb) for sa in a.claim.sources for sb in b.claim.sources):
        return []
    if not (answers(a, b) or answers(b, a)):
        return []
    verdict = quantity_verdict(a, b, data.load("align")["claims"]["approximate_share"])
    if verdict is None or verdict.outcome != "conflict":
        return []
    who = f"{_sources(a)} vs {_sources(b)}"
    return [_relation("conflict", a, b, "quantity", f"estimates differ: {verdict.reason}; {who}", ctx)]


def _sources(view: ClaimView) -> str:
    names = [s.canonical or s.name for s in view.claim.sources]
    return " via ".join(reversed(names)) if names else "the outlet itself"


def relate(a: ClaimView, b: ClaimView, ctx: PairContext) -> list[Relation]:
    """The relations between two claims of different documents (possibly none).

    Args:
        a: one claim.
        b: the other claim.
        ctx: their score, whether they are mutual best matches, and the copy map.
    """
    cfg = data.load("align")["claims"]
    estimates = estimate_relations(a, b, ctx)
    same_fact = ctx.score >= cfg["same_fact"] or (
        ctx.score >= cfg["same_fact_with_anchor"] and shares_rare_anchor(a, b)
    )
    if not same_fact:
        return estimates
    verdicts = {
        "quantity": quantity_verdict(a, b, cfg["approximate_share"]),
        "time": time_verdict(a, b),
        "place": place_verdict(a, b, cfg["near_km"], cfg["conflict_km"]),
    }
    verdicts = {slot: v for slot, v in verdicts.items() if v is not None}
    relations = list(estimates)
    if ctx.mutual:
        for slot, verdict in verdicts.items():
            if verdict.outcome == "conflict" and not (slot == "quantity" and estimates):
                relations.append(_relation("conflict", a, b, slot, f"{slot} differs: {verdict.reason}", ctx))
        if a.claim.negated != b.claim.negated and ctx.score >= cfg["polarity_score"]:
            negated = a if a.claim.negated else b
            relations.append(
                _relation("conflict", a, b, "polarity", f"only one denies it: {negated.claim.text[:60]}", ctx)
            )
    elif any(v.outcome == "conflict" for v in verdicts.values()):
        return estimates  # a clash with a claim that matches something else better says nothing
    conflicted = any(r.kind == "conflict" for r in relations)
    quantity = verdicts.get("quantity")
    if quantity is not None and quantity.outcome == "same":
        relations.append(_relation("agree", a, b, "quantity", f"same amount: {quantity.reason}", ctx))
    if conflicted:
        return relations
    overall = _overall(a, b, verdicts, ctx)
    if (
        overall.kind == "elaborates"
        and ctx.score >= cfg["close_match"]
        and not any(r.kind == "agree" for r in relations)
    ):
        # a close match that adds detail states the shared part too
        relations.append(_relation("agree", a, b, None, "the same statement; one adds detail", ctx))
    relations.append(overall)
    return _dedupe(relations)


def _overall(a: ClaimView, b: ClaimView, verdicts: dict[str, Verdict], ctx: PairContext) -> Relation:
    """One relation for a pair without conflicts: compatible, elaborates or agree."""
    near = [(s, v) for s, v in verdicts.items() if v.outcome == "near"]
    if near:
        slot, verdict = near[0]
        return _relation("compatible", a, b, slot, f"different but both can hold: {verdict.reason}", ctx)
    added_by_b, added_by_a = b.slots() - a.slots(), a.slots() - b.slots()
    contains = [(s, v) for s, v in verdicts.items() if v.outcome == "contains"]
    if added_by_a or added_by_b or contains:
        if added_by_a or added_by_b:
            less, more = (b, a) if len(added_by_a) > len(added_by_b) else (a, b)
        else:  # the same details, one more precise: the wider value comes first
            less, more = (b, a) if contains[0][1].wider == "b" else (a, b)
        added = sorted(more.slots() - less.slots())
        reasons = ([f"adds {', '.join(added)}"] if added else []) + [v.reason for _, v in contains]
        slot = contains[0][0] if contains and not added else (added[0] if len(added) == 1 else None)
        return _relation("elaborates", less, more, slot, "; ".join(reasons), ctx)
    same = [s for s, v in verdicts.items() if v.outcome == "same"]
    slot = same[0] if same else None
    reason = "; ".join(v.reason for v in verdicts.values()) or "the same statement in other words"
    return _relation("agree", a, b, slot, reason, ctx)


def _dedupe(relations: list[Relation]) -> list[Relation]:
    seen, out = set(), []
    for relation in relations:
        key = (relation.kind, relation.slot, frozenset(relation.claims))
        if key not in seen:
            seen.add(key)
            out.append(relation)
    return out
