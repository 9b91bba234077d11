"""The pieces every attribution stage shares: the cue lexicon, statements under construction, and
the noun phrase that names a source ("a French intelligence assessment" -> "French intelligence")."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from claimgraph import data

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_NP_LEFT_DEPS = frozenset({"compound", "amod", "det", "poss", "nummod", "nmod", "case", "quantmod", "punct"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_DATELINE_DASHES = frozenset({"--", "—", "–", "―"})
_OPEN_QUOTES = "“‘«"
_SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_CLOSE_QUOTES = "”’»"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The attribution cues of one language, from ``data/<lang>/attribution.yaml``."""

    verbs: frozenset[str]
    hearer_object: frozenset[str]
    need_clause: frozenset[str]
    adjectives: frozenset[str]
    object_content: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    citing: frozenset[str]
    document_nouns: frozenset[str]
    generic_heads: frozenset[str]
    anaphoric: frozenset[str]
    generic_anaphors: frozenset[str]
    pronouns: dict[str, frozenset[str]]
    types: tuple[tuple[str, tuple[str, ...]], ...]
    not_speakers: frozenset[str]
    nouns: frozenset[str]
    evidential: frozenset[str]
    proforms: frozenset[str]
    speaker_nouns: frozenset[str]
    stances: frozenset[str]  # stance verbs that are not also verbs of speech or thought
    circumstances: frozenset[str]
    speaking: frozenset[str]
    topics: frozenset[str]
    holder_nouns: frozenset[str]
    clause_verb_preps: dict[str, frozenset[str]]
    passive_places: frozenset[str]

    @classmethod
    @functools.cache
    def load(cls, lang: str = "en") -> Lexicon:
        raw = data.load("attribution", lang)
        return cls(
            verbs=frozenset(v for group in raw["reporting_verbs"].values() for v in group),
            hearer_object=frozenset(raw["hearer_object_verbs"]),
            need_clause=frozenset(raw["need_clause_verbs"]),
            adjectives=frozenset(raw["stance_adjectives"]),
            object_content=frozenset(raw["object_content_verbs"]),
            phrases=tuple(sorted((tuple(p.split()) for p in raw["source_phrases"]), key=len, reverse=True)),
            citing=frozenset(raw["citing_lemmas"]),
            document_nouns=frozenset(raw["document_nouns"]),
            generic_heads=frozenset(raw["generic_heads"]),
            anaphoric=frozenset(raw["anaphoric_determiners"]),
            generic_anaphors=frozenset(raw["generic_document_anaphors"]),
            pronouns={k: frozenset(v) for k, v in raw["pronouns"].items()},
            types=tuple((t, tuple(words)) for t, words in raw["source_types"].items()),
            not_speakers=frozenset(raw["not_speaker_labels"]),
            nouns=frozenset(raw["reporting_nouns"]),
            evidential=frozenset(raw["evidential_verbs"]),
            proforms=frozenset(raw["proform_contents"]),
            speaker_nouns=frozenset(raw["speaker_nouns"]),
            stances=frozenset(raw["reporting_verbs"]["stance"])
            - frozenset(raw["reporting_verbs"]["speech"])
            - frozenset(raw["reporting_verbs"]["cognition"]),
            circumstances=frozenset(raw["circumstance_prepositions"]),
            speaking=frozenset(raw["speaking_verbs"]),
            topics=frozenset(raw["topic_prepositions"]),
            holder_nouns=frozenset(raw["stance_holder_nouns"]),
            clause_verb_preps={k: frozenset(v) for k, v in raw["need_clause_prepositions"].items()},
            passive_places=frozenset(raw["passive_place_prepositions"]),
        )

    def is_cue(self, token: Token) -> bool:
        """A reporting verb, also where the lemmatizer dropped a final "e" ("hoping" -> "hop")."""
        if token.pos_ != "VERB":
            return False
        lemma = token.lemma_.lower()
        dropped_e = token.lower_[-3:] in {"ing", "ted", "ped"} and lemma + "e" in self.verbs
        return lemma in self.verbs or dropped_e

    def can_speak(self, token: Token) -> bool:
        """Whether a subject can be a voice: a name, a pronoun or quantifier ("many said"), or a
        common noun for a person, group, organisation or document ("officials", "the report");
        not "the time" or "the move", which only a parse error makes the subject of "added"."""
        if token.pos_ != "NOUN" or token.ent_type_ in _SPEAKER_ENTITIES:
            return True
        lemma = token.lemma_.lower()
        return (
            lemma in self.speaker_nouns
            or token.lower_ in self.speaker_nouns
            or lemma in self.document_nouns
            or any(lemma in words or token.lower_ in words for _, words in self.types)
        )

    def is_pronoun(self, text: str) -> bool:
        return any(text.lower() in group for group in self.pronouns.values())


@dataclass(slots=True)
class Source:
    """A source as found in one sentence, before document-level resolution."""

    tokens: Span
    voice: Span  # the part naming the voice: "French intelligence" of "a French intelligence assessment"
    context: str  # the phrase plus its apposition, for typing ("Maria Lopez, a senior economist")
    document: str | None = None  # the document noun's lemma when the source was named through one
    antecedent: Source | None = None  # the noun a relative pronoun ("who") stands for
    canonical: str | None = None
    type: str | None = None


@dataclass(slots=True)
class Found:
    """One statement under construction."""

    cue: Span
    start: int
    end: int
    own: list[Source] = field(default_factory=list)
    outer: list[Source] = field(default_factory=list)
    inner: list[Source] = field(default_factory=list)
    inherits: Found | None = None
    chain: list[Source] = field(default_factory=list)


def subject_of(verb: Token) -> Token | None:
    """The voice of a reporting verb: its subject, passive agent, or the noun it modifies."""
    subjects = [
        c
        for c in verb.children
        if c.dep_ in _SUBJECT_DEPS
        and c.pos_ in {"PROPN", "NOUN", "PRON", "NUM", "ADJ", "DET"}
        # "Warren said Saturday": a date the parser took for the subject does not speak.
        and not (c.ent_type_ in {"DATE", "TIME"} and c.i > verb.i)
        and not line_between(c, verb)
    ]
    if subjects:
        child = min(subjects, key=lambda c: abs(c.i - verb.i))
        if child.dep_ != "nsubjpass":
            return _past_dateline(child)
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    # "reports suggesting that ...": the noun a present participle modifies is speaking.
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    return None


def _past_dateline(subject: Token) -> Token:
    """'WASHINGTON -- President Obama, ..., said': a dateline parsed as the subject yields to the
    name after its dash."""
    if not (subject.text.isupper() and len(subject.text) > 1):
        return subject
    dash = next((t for t in subject.doc[subject.i + 1 : subject.i + 5] if t.text in _DATELINE_DASHES), None)
    if dash is None:
        return subject
    after = [
        c
        for c in subject.children
        if c.i > dash.i and c.dep_ in {"appos", "conj"} and c.pos_ in {"PROPN", "NOUN"}
    ]
    return after[0] if after else subject


def line_between(a: Token, b: Token) -> bool:
    """A heading parsed into the next sentence is separated from it by a line break."""
    lo, hi = sorted((a.i, b.i))
    return any(t.is_space and "\n" in t.text for t in a.doc[lo:hi])


def largest_run(tokens: list[Token]) -> tuple[int, int] | None:
    """Character bounds of the longest run of consecutive token indices, trimmed of punctuation."""
    tokens = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    best = strip_punct(max(runs, key=len)) if runs else []
    if not best:
        return None
    return best[0].idx, best[-1].idx + len(best[-1].text)


def strip_punct(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].text not in _OPEN_QUOTES + '"':
        tokens = tokens[1:]
    while (
        tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in _CLOSE_QUOTES + '"'
    ):
        tokens = tokens[:-1]
    return tokens


def source_of(token: Token, lex: Lexicon) -> Source:
    """The noun phrase headed by ``token``; for a document ("images by X") the voice behind it;
    for "who" in "Barkley, who said" (or "both of whom") the pronoun, standing for the noun it
    follows."""
    if (
        (token.lower_ in RELATIVE_PRONOUNS or _of_relative(token))
        and token.head.dep_ == "relcl"
        and token.head.head.pos_ in {"NOUN", "PROPN", "PRON"}
    ):
        pronoun = token.doc[token.left_edge.i : token.right_edge.i + 1]
        return Source(pronoun, pronoun, pronoun.text, antecedent=source_of(token.head.head, lex))
    phrase = noun_phrase(token)
    context = phrase.text + "".join(" " + noun_phrase(c).text for c in token.children if c.dep_ == "appos")
    head = token.lemma_.lower()
    if head in lex.document_nouns or token.lower_ in lex.document_nouns:
        behind = behind_document(token)
        if behind is not None:
            inner = source_of(behind, lex)
            return Source(phrase, inner.voice, inner.context, document=head)
        voice = [t for t in phrase if t.i < token.i and t.dep_ in {"compound", "amod", "nmod", "poss"}]
        if voice and any(t.pos_ in {"NOUN", "PROPN"} for t in voice):
            voice_span = phrase.doc[voice[0].i : voice[-1].i + 1]
            return Source(phrase, voice_span, voice_span.text, document=head)
        return Source(phrase, phrase, context, document=head)
    return Source(phrase, phrase, context)


def _of_relative(token: Token) -> bool:
    """ "both of whom", "many of which": a quantifier over a relative pronoun."""
    return any(
        c.dep_ == "prep" and c.lower_ == "of" and any(g.lower_ in RELATIVE_PRONOUNS for g in c.children)
        for c in token.children
    )


def behind_document(token: Token) -> Token | None:
    """X in "images by X", "an analysis from X", "images obtained by X"."""
    for child in token.children:
        preps = [child] if child.dep_ in {"prep", "agent"} else []
        if child.dep_ == "acl":
            preps = [c for c in child.children if c.dep_ in {"agent", "prep"}]
        for prep in preps:
            if prep.lower_ in {"by", "from", "of"}:
                voice = next(
                    (g for g in prep.children if g.dep_ == "pobj" and g.pos_ in {"PROPN", "NOUN"}), None
                )
                if voice is not None:
                    return voice
    return None


def noun_phrase(token: Token) -> Span:
    """``token`` with its determiners, modifiers and compounds; no apposition or relative clause."""
    left = token.i
    for child in token.lefts:
        if child.dep_ in _NP_LEFT_DEPS:
            left = min(left, child.left_edge.i)
    right = token.i
    for child in token.rights:
        # Only what follows the head directly: "Helton, who is ..., of the effort" stops at "Helton".
        if child.left_edge.i != right + 1:
            break
        if child.dep_ in {"compound", "nummod"} or (
            child.dep_ == "prep" and child.lower_ in {"of", "for", "at"} and len(list(child.subtree)) <= 6
        ):
            right = max(right, child.right_edge.i)
        else:
            break
    span = token.doc[left : right + 1]
    # A line break ends a phrase: headings run into the next sentence in the parse.
    breaks = [t.i for t in span if t.is_space and "\n" in t.text]
    if breaks:
        span = token.doc[
            max([b + 1 for b in breaks if b < token.i], default=left) : min(
                [b for b in breaks if b > token.i], default=right + 1
            )
        ]
    while len(span) > 1 and (span[0].is_punct or span[0].dep_ == "cc"):
        span = span[1:]
    while len(span) > 1 and (span[-1].is_punct or span[-1].tag_ == "POS"):
        span = span[:-1]
    return span
