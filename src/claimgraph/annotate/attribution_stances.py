"""Stances named by a noun for their holder: "X is a staunch opponent of Y", "X, a longtime
supporter of Y". The holder is the subject of the copula or the name in apposition; what the
stance is about is the content (PolNeAR: cue "is a staunch opponent of", content "Y")."""

from __future__ import annotations

from spacy.tokens import Span

from claimgraph.annotate.attribution_parts import Found, Lexicon, largest_run, source_of, subject_of


def holder_noun_statements(sent: Span, lex: Lexicon, excluded: set[int]) -> dict[int, Found]:
    """Statements cued by a noun for one who takes a stance ("supporter of", "critic of")."""
    found = {}
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.holder_nouns or noun.i in excluded:
            continue
        prep = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is None:
            continue
        if noun.dep_ == "attr" and noun.head.pos_ in {"AUX", "VERB"}:
            holder, cue_start = subject_of(noun.head), noun.head.i
        elif noun.dep_ == "appos":
            holder, cue_start = noun.head, noun.left_edge.i
        else:
            continue
        span = largest_run([t for t in obj.subtree if t.i not in excluded])
        if holder is None or span is None:
            continue
        cue = sent.doc[cue_start : prep.i + 1]
        found[noun.i] = Found(cue=cue, start=span[0], end=span[1], own=[source_of(holder, lex)])
    return found
