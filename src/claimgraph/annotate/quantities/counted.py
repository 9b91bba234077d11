"""What a number counts: the lemma of the head noun ("11,000 North Korean troops" -> "troop")."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

_NOUNS = frozenset({"NOUN", "PROPN"})
# Tokens between a number and a partitive's noun: "4,000 of those soldiers", "half of their troops".
_PARTITIVE_SKIP = frozenset({"DET", "PRON"})


class CountedFinder:
    """Finds counted nouns in one parsed ``Doc``; noun chunks are indexed once, on first use."""

    def __init__(self, doc: Doc, *, noun_lemma: Callable[[str], str] | None = None) -> None:
        """Args:
        doc: the parsed document.
        noun_lemma: lemmatises a lower-cased word as a common noun; used for capitalised heads
            that the tagger took for proper nouns ("Up to 30,000 Additional Troops").
        """
        self.doc = doc
        self.noun_lemma = noun_lemma
        self.parsed = doc.has_annotation("DEP")
        self.tagged = doc.has_annotation("POS")
        self._roots: dict[int, Token | None] | None = None

    def counted(self, start: int, end: int) -> str | None:
        """The lemma of the noun that the quantity at characters ``[start, end)`` counts, or None."""
        if not self.tagged:
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None
        last = span[-1]
        if self.parsed:
            root = self.root_of(last)
            if root is not None and root.i >= span.end and root.pos_ in _NOUNS:
                return self._lemma(root)
            if last.dep_ == "nummod" and last.head.i >= span.end and last.head.pos_ in _NOUNS:
                return self._lemma(last.head)
        return self._partitive_or_next(span.end)

    def _partitive_or_next(self, k: int) -> str | None:
        doc = self.doc
        if k < len(doc) and doc[k].lower_ == "of":
            k += 1
            while k < len(doc) and doc[k].pos_ in _PARTITIVE_SKIP:
                k += 1
        if k >= len(doc):
            return None
        if self.parsed:
            root = self.root_of(doc[k])
            return self._lemma(root) if root is not None and root.i >= k and root.pos_ in _NOUNS else None
        # Tagged but not parsed: the last noun of the run of adjectives and nouns that follows.
        noun = None
        while k < len(doc) and doc[k].pos_ in {"ADJ", "NOUN", "PROPN"}:
            if doc[k].pos_ in _NOUNS:
                noun = doc[k]
            k += 1
        return self._lemma(noun) if noun is not None else None

    def root_of(self, token: Token) -> Token | None:
        """The root of the noun chunk ``token`` is in; chunks are found per sentence, on demand."""
        if self._roots is None:
            self._roots = {}
        if token.i not in self._roots:
            sentence = token.sent
            for i in range(sentence.start, sentence.end):
                self._roots.setdefault(i, None)
            for chunk in sentence.noun_chunks:
                for inner in chunk:
                    self._roots[inner.i] = chunk.root
        return self._roots[token.i]

    def _lemma(self, token: Token) -> str:
        if token.pos_ == "PROPN" and token.is_title and self.noun_lemma is not None:
            return self.noun_lemma(token.lower_)
        return (token.lemma_ or token.text).lower()
