"""The spaCy component: quantities found by the scanner, with what they count, as ``QuantityMention``s."""

from __future__ import annotations

import functools
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from claimgraph.annotate.extensions import doc_id, mentions_of, set_mentions
from claimgraph.annotate.quantities.counted import CountedFinder
from claimgraph.annotate.quantities.scanner import Found, default_scanner
from claimgraph.model import QuantityMention, TimeMention

_UNIT_MARKS = frozenset({'"', "'", "″", "′", "%", "°"})


class QuantityRecognizer:
    """Writes one ``QuantityMention`` per amount, range or bound in the text into ``doc._.mentions``.

    Numbers inside time mentions already on the doc ("May 18", "in 2024") are left to them; the
    component does not need a time annotator to run before it, it only avoids overlapping one.
    A bare number that counts nothing right after a name is part of the name, not an amount
    ("Interstate 64", "Boeing 737", "Route 9", "Apollo 11"; "in Kharkiv 300 soldiers" still counts).
    """

    def __init__(self, name: str, *, lang: str, noun_lemma: Callable[[str], str] | None = None) -> None:
        self.name = name
        self.scanner = default_scanner(lang)  # fails at construction, not per doc, if data is broken
        self.noun_lemma = noun_lemma

    def __call__(self, doc: Doc) -> Doc:
        did = doc_id(doc)
        times = [(m.start, m.end) for m in mentions_of(doc, TimeMention.kind)]
        finder = CountedFinder(doc, noun_lemma=self.noun_lemma)
        text = doc.text  # a property that joins every token: read it once
        mentions = []
        for found in self.scanner.scan(text):
            if any(found.start < end and start < found.end for start, end in times):
                continue
            counted = finder.counted(found.start, found.end)
            if found.year_like and counted is None:
                continue  # a bare "1995" that counts nothing is a year
            if counted is None and _names_number(doc, text, found):
                continue
            mentions.append(_mention(did, text, found, counted))
        set_mentions(doc, QuantityMention.kind, mentions)
        return doc


def _names_number(doc: Doc, text: str, found: Found) -> bool:
    """Whether ``found`` is a plain integer that the capitalised name right before it names with."""
    if not text[found.start : found.end].isdigit() or found.unit or found.approximate:
        return False
    token = doc.char_span(found.start, found.end, alignment_mode="expand")
    if token is None or token.start == 0:
        return False
    before = doc[token.start - 1]
    after = text[found.end : found.end + 1]
    if not before.text[:1].isupper() or before.is_upper or not before.whitespace_ or after in _UNIT_MARKS:
        return False  # "USD 25", "MAUD 60" are amounts of a currency; 8" is eight inches
    # mid-sentence, a capitalised common noun is part of a name too ("Highway 401")
    return before.pos_ == "PROPN" or (before.pos_ == "NOUN" and not before.is_sent_start)


def _mention(did: str, text: str, found: Found, counted: str | None) -> QuantityMention:
    return QuantityMention(
        doc=did,
        text=text[found.start : found.end],
        start=found.start,
        end=found.end,
        low=found.low,
        high=found.high,
        approximate=found.approximate,
        unit=found.unit,
        counted=counted,
        original_low=found.original_low,
        original_high=found.original_high,
        original_unit=found.original_unit,
    )


@Language.factory(
    "claimgraph_quantities_v1",
    assigns=["doc._.mentions"],
    default_config={"lang": "en"},
)
def make_quantity_recognizer(nlp: Language, name: str, lang: str) -> QuantityRecognizer:
    return QuantityRecognizer(name, lang=lang, noun_lemma=_noun_lemmatizer(nlp))


def _noun_lemmatizer(nlp: Language) -> Callable[[str], str] | None:
    """The pipeline's rule lemmatizer applied to one word as a common noun, when it has one."""
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule":
        return None
    vocab: Vocab = nlp.vocab

    @functools.lru_cache(maxsize=4096)
    def noun_lemma(word: str) -> str:
        lemmas = lemmatizer.rule_lemmatize(Doc(vocab, words=[word], pos=["NOUN"])[0])
        return lemmas[0] if lemmas else word

    return noun_lemma
