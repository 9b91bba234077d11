"""Certainty: hedges and the clause each one governs.

A cue ("could", "expected to", "there are rumors", "did not confirm") gives a certainty to a scope:
a modal or adverb governs the clause of its verb; a verb or noun of expectation, prediction,
rumour or denial governs its complement ("predicts that X": X). Coordinated clauses with a subject
of their own are outside the scope, so one hedge does not colour a whole sentence. Cues live in
``data/en/certainty.yaml``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimgraph import data
from claimgraph.annotate.extensions import add_hedges, doc_id
from claimgraph.model import Hedge

_CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "conj", "advcl", "relcl", "parataxis", "acl", "xcomp", "csubj", "pcomp"}
)
_COMPLEMENT_DEPS = ("ccomp", "xcomp", "acl", "relcl", "oprd", "dobj")
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


@dataclass(frozen=True, slots=True)
class CertaintyLexicon:
    """The certainty cues of one language, from ``data/<lang>/certainty.yaml``."""

    phrases: dict[str, list[list[str]]]
    lemmas: dict[str, dict[str, frozenset[str]]]
    complement_heads: frozenset[str]
    rank: dict[str, int]

    @classmethod
    @functools.cache
    def load(cls, lang: str = "en") -> CertaintyLexicon:
        raw = data.load("certainty", lang)
        lemmas: dict[str, dict[str, frozenset[str]]] = {}
        for certainty, entries in raw["lemmas"].items():
            for lemma, pos in entries.items():
                lemmas.setdefault(certainty, {})[lemma] = frozenset([pos] if isinstance(pos, str) else pos)
        return cls(
            phrases={c: [p.split() for p in phrases] for c, phrases in raw["phrases"].items()},
            lemmas=lemmas,
            complement_heads=frozenset(raw["complement_heads"]),
            rank=dict(raw["rank"]),
        )


def build_matcher(vocab, lex: CertaintyLexicon) -> Matcher:
    """One rule per certainty value: phrases on lower-case tokens, single words on lemma + POS."""
    matcher = Matcher(vocab)
    for certainty, phrases in lex.phrases.items():
        matcher.add(certainty, [[{"LOWER": w} for w in phrase] for phrase in phrases])
    for certainty, lemmas in lex.lemmas.items():
        matcher.add(
            certainty,
            [[{"LEMMA": lemma, "POS": {"IN": sorted(pos)}}] for lemma, pos in lemmas.items()]
            + [[{"LOWER": lemma, "POS": {"IN": sorted(pos)}}] for lemma, pos in lemmas.items()],
        )
    return matcher


def phrase_head(span: Span) -> Token:
    """The token of ``span`` whose syntactic head lies outside it."""
    for token in span:
        if token.head == token or not (span.start <= token.head.i < span.end):
            return token
    return span[0]


def clause_head(token: Token) -> Token:
    """The verb heading the clause ``token`` belongs to."""
    node = token
    for _ in range(40):  # bounded: a malformed parse must not loop
        if node.pos_ in {"VERB", "AUX"} and node.dep_ in _CLAUSE_DEPS and node.dep_ != "aux":
            return node
        if node.head == node:
            return node
        node = node.head
    return node


def scope_head(cue: Span, lex: CertaintyLexicon) -> Token:
    """The token whose clause the cue governs."""
    # "there are rumors that X": the noun of the phrase, not its verb, decides the scope.
    head = next((t for t in cue if t.lemma_.lower() in lex.complement_heads), None) or phrase_head(cue)
    if head.lemma_.lower() in lex.complement_heads or head.lower_ in lex.complement_heads:
        complement = next(
            (c for c in head.children if c.dep_ in _COMPLEMENT_DEPS and c.pos_ in {"VERB", "AUX"}), None
        )
        if complement is not None:
            return complement
    return clause_head(head)


def scope_bounds(head: Token) -> tuple[int, int]:
    """Character bounds of ``head``'s clause, leaving out coordinated clauses with their own subject
    and trailing participle clauses (", indicating that ...", ", reflecting ..."), which assert apart."""
    excluded: set[int] = set()
    for child in head.children:
        own_clause = child.dep_ == "conj" and any(g.dep_ in _SUBJECT_DEPS for g in child.children)
        participle = child.dep_ == "advcl" and child.tag_ == "VBG" and child.i > head.i
        if child.pos_ in {"VERB", "AUX"} and (own_clause or participle):
            excluded.update(t.i for t in child.subtree)
    tokens = [t for t in head.subtree if t.i not in excluded and not t.is_space]
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return first.idx, last.idx + len(last.text)


class CertaintyAnnotator:
    """Appends a ``Hedge`` (cue, certainty and governed clause) to ``doc._.hedges`` per cue."""

    def __init__(self, name: str, vocab, *, lang: str, max_sentence_tokens: int) -> None:
        self.name = name
        self.lexicon = CertaintyLexicon.load(lang)
        self.matcher = build_matcher(vocab, self.lexicon)
        self.max_sentence_tokens = max_sentence_tokens

    def __call__(self, doc: Doc) -> Doc:
        did = doc_id(doc)
        labelled = [Span(doc, start, end, label=key) for key, start, end in self.matcher(doc)]
        hedges = []
        # Overlapping cues ("expected to" and "expect"): the longest names the hedge.
        for cue in filter_spans(labelled):
            if len(cue.sent) > self.max_sentence_tokens:
                continue
            scope_start, scope_end = scope_bounds(scope_head(cue, self.lexicon))
            hedges.append(
                Hedge(
                    doc=did,
                    cue=cue.text,
                    start=cue.start_char,
                    end=cue.end_char,
                    scope_start=min(scope_start, cue.start_char),
                    scope_end=max(scope_end, cue.end_char),
                    certainty=cue.label_,  # type: ignore[arg-type]
                )
            )
        add_hedges(doc, hedges)
        return doc


@Language.factory(
    "claimgraph_certainty_v1",
    assigns=["doc._.hedges"],
    requires=["token.dep", "token.lemma", "token.pos"],
    default_config={"lang": "en", "max_sentence_tokens": 300},
)
def make_certainty_annotator(
    nlp: Language, name: str, lang: str, max_sentence_tokens: int
) -> CertaintyAnnotator:
    return CertaintyAnnotator(name, nlp.vocab, lang=lang, max_sentence_tokens=max_sentence_tokens)
