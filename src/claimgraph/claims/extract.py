"""Turn an annotated Doc into claims: one per statement sentence, with the mentions, sources
and certainty that fall inside it."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from claimgraph.model import Attribution, Claim, DocumentAnalysis, Hedge

_STATEMENT_END = re.compile(r"[.!\"'”’)\]]$")

# The order in which certainty cues override each other when several govern one claim.
_CERTAINTY_RANK = {"denied": 6, "rumored": 5, "possible": 4, "predicted": 3, "expected": 2, "reported": 1, "asserted": 0}


def is_statement(sent: Span) -> bool:
    """A checkable statement: ends like prose, is no question, has a verb."""
    text = sent.text.strip()
    if not text or text.endswith("?") or not _STATEMENT_END.search(text):
        return False
    return any(t.pos_ in {"VERB", "AUX"} for t in sent)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _certainty(start: int, end: int, hedges: list[Hedge], attributions: list[Attribution]) -> str:
    scoped = [h.certainty for h in hedges if _overlaps(start, end, h.scope_start, h.scope_end)]
    if scoped:
        return max(scoped, key=_CERTAINTY_RANK.__getitem__)
    return "reported" if any(_overlaps(start, end, a.start, a.end) for a in attributions) else "asserted"


def extract_claims(analysis: DocumentAnalysis, doc: Doc) -> list[Claim]:
    """Claims for one document, in text order."""
    did = analysis.document.id
    claims: list[Claim] = []
    for sent in doc.sents:
        if not is_statement(sent):
            continue
        start, end = sent.start_char, sent.end_char
        attribution = next(
            (a for a in analysis.attributions if _overlaps(start, end, a.start, a.end)), None
        )
        root = sent.root
        claims.append(
            Claim(
                id=f"{did}:c{start}-{end}",
                doc=did,
                text=sent.text.strip(),
                evidence=sent.text.strip(),
                start=start,
                end=end,
                sources=list(attribution.sources) if attribution else [],
                certainty=_certainty(start, end, analysis.hedges, analysis.attributions),  # type: ignore[arg-type]
                mentions=[m.id for m in analysis.mentions if start <= m.start and m.end <= end],
                predicate=root.lemma_ if root.pos_ in {"VERB", "AUX", "NOUN"} else None,
                negated=any(t.dep_ == "neg" and t.head == root for t in sent),
            )
        )
    return claims
