"""What counts as right.

A predicted quantity *matches* a gold one when
  1. their character spans overlap (span edges are not scored: "around 4,000" and "4,000" both hit),
  2. the values agree within a relative 1e-4 (gold writes 2/3 as 0.666666666666667):
     - Recognizers-Text: low and high equal the gold interval's ends, ``None`` for an open end
       ("more than 30" = [30, None]); whether an end is open or closed, "(" or "[", is not scored
       because claimgraph's intervals do not carry it;
     - quantulum3 writes a range as its midpoint ("3 to 4 L" = 3.5): the prediction's midpoint is compared;
     - values are compared as written (before conversion to a standard unit), because the gold is;
     - NumberWithUnit golds are plain values even where the text bounds them ("more than $ 247 million"
       is gold 247000000): there a prediction matches when either of its finite ends equals the value;
  3. where the set scores units, the units agree (claimgraph unit codes; see units.py).
Each prediction matches at most one gold quantity. A *case* (one input text) is right when every
gold quantity is matched and there is no extra prediction of the kind the set lists (see data.py):
a number found where the set says there is none is an error, so "the 180ml liquid" (no *number*
in Recognizers-Text's Number set) counts against a system that reports 180 ml.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from benchmarks.quantities.data import Case, Gold

REL_TOL = 1e-4


@dataclass(slots=True)
class Pred:
    start: int
    end: int
    low: float | None
    high: float | None
    unit: str | None


@dataclass(slots=True)
class CaseScore:
    right: bool
    golds: int
    matched: int
    extras: int


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)


def _midpoint(p: Pred) -> float | None:
    if p.low is None or p.high is None:
        return p.low if p.high is None else p.high
    return (p.low + p.high) / 2


def matches(gold: Gold, pred: Pred, case: Case) -> bool:
    if not (pred.start < gold.end and gold.start < pred.end):
        return False
    if case.units and case.same_units.get(pred.unit or "", pred.unit) != gold.unit:
        return False
    if gold.midpoint:
        return _same(_midpoint(pred), gold.low)
    if case.values_only:
        return gold.low == gold.high and any(
            _same(v, gold.low) for v in (pred.low, pred.high) if v is not None
        )
    return _same(pred.low, gold.low) and _same(pred.high, gold.high)


def _counts_as_extra(pred: Pred, extras: str) -> bool:
    if extras == "all":
        return True
    if extras == "bounded":
        return pred.low is None or pred.high is None or pred.low != pred.high
    if extras == "percent":
        return pred.unit == "%"
    return False


def score_case(case: Case, preds: list[Pred]) -> CaseScore:
    unused = list(preds)
    matched = 0
    for gold in case.golds:
        hit = next((p for p in unused if matches(gold, p, case)), None)
        if hit is not None:
            unused.remove(hit)
            matched += 1
    extras = sum(
        1
        for p in unused
        if _counts_as_extra(p, case.extras)
        and not any(p.start < g.end and g.start < p.end for g in case.golds)
    )
    return CaseScore(matched == len(case.golds) and extras == 0, len(case.golds), matched, extras)
