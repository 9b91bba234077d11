"""Turn an annotated Doc into claims: one per clause that states something checkable, with the
mentions it is about, the source chain and certainty that govern it, and its exact evidence span."""

from __future__ import annotations

from spacy.tokens import Doc

from claimgraph import data
from claimgraph.annotate.attribution import Lexicon
from claimgraph.claims.clauses import Unit, is_statement, segments, units
from claimgraph.claims.context import ContextLexicon, standalone_text
from claimgraph.model import Attribution, Claim, DocumentAnalysis, EntityMention, Hedge, Mention

# A sentence longer than this is not prose (a table, a list run together); it yields no claims.
MAX_SEGMENT_TOKENS = 300


def extract_claims(analysis: DocumentAnalysis, doc: Doc) -> list[Claim]:
    """Claims for one document, in text order; ids are stable across re-runs."""
    did = analysis.document.id
    lex = Lexicon.load()
    context = ContextLexicon.load()
    min_words = int(data.load("claims")["min_clause_words"])
    entities = [m for m in analysis.mentions if isinstance(m, EntityMention)]
    claims: list[Claim] = []
    for segment in segments(doc, MAX_SEGMENT_TOKENS):
        if not is_statement(segment):
            continue
        local = [
            a
            for a in analysis.attributions
            if (a.start < segment.end_char and segment.start_char < a.end)
            or segment.start_char <= a.cue_start < segment.end_char
        ]
        for unit in units(segment, local, lex, min_words):
            claims.append(_claim(did, unit, analysis, entities, context))
    return claims


def _claim(
    did: str, unit: Unit, analysis: DocumentAnalysis, entities: list[EntityMention], context: ContextLexicon
) -> Claim:
    start, end = unit.start, unit.end
    attribution = governing_attribution(unit, analysis.attributions)
    head = unit.head
    evidence = unit.tokens[0].doc.text[start:end]
    return Claim(
        id=f"{did}:c{start}-{end}",
        doc=did,
        text=standalone_text(unit.tokens, entities, context),
        start=start,
        end=end,
        evidence=evidence,
        sources=list(attribution.sources) if attribution else [],
        certainty=certainty(unit, analysis.hedges, attribution),  # type: ignore[arg-type]
        mentions=[m.id for m in analysis.mentions if _inside(m, start, end)],
        predicate=head.lemma_.lower() if head.pos_ in {"VERB", "AUX", "NOUN"} else None,
        negated=any(c.dep_ == "neg" for c in head.children),
    )


def governing_attribution(unit: Unit, attributions: list[Attribution]) -> Attribution | None:
    """The innermost statement whose content holds the clause head (or most of the clause)."""
    anchor = unit.head.idx if unit.start <= unit.head.idx < unit.end else unit.start
    holding = [a for a in attributions if a.start <= anchor < a.end]
    if not holding:
        # Most of the clause is someone's words, unless the clause itself names the act
        # ("Putin confirmed the deployment" is the writer's statement about Putin).
        size = unit.end - unit.start
        holding = [
            a
            for a in attributions
            if min(a.end, unit.end) - max(a.start, unit.start) > size / 2
            and not unit.start <= a.cue_start < unit.end
        ]
    return min(holding, key=lambda a: a.end - a.start) if holding else None


def certainty(unit: Unit, hedges: list[Hedge], attribution: Attribution | None) -> str:
    """The strongest hedge whose cue lies in the clause or whose scope holds the clause head."""
    rank = data.load("certainty")["rank"]
    head = unit.head.idx
    governing = [
        h.certainty for h in hedges if unit.start <= h.start < unit.end or h.scope_start <= head < h.scope_end
    ]
    if governing:
        return max(governing, key=rank.__getitem__)
    return "reported" if attribution is not None else "asserted"


def _inside(mention: Mention, start: int, end: int) -> bool:
    """Inside the clause; a mention cut by the clause edge counts when most of it is inside."""
    overlap = min(mention.end, end) - max(mention.start, start)
    return overlap > 0 and overlap * 2 > mention.end - mention.start
