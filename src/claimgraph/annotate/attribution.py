"""Attribution: who says what. Each reported statement becomes an ``Attribution`` with its cue,
its content span and its source chain, outermost first.

A statement is found from a reporting verb (its subject or passive agent is the source; a
that-clause, an adjacent quote, or the clause it is set against is the content) or a source
phrase ("according to X", "as per X"). Chains grow outward from "according to" frames and
enclosing reports, and inward from "citing X". Pronoun, surname and "the assessment" sources are
resolved to the voice named earlier in the document. The cues live in ``data/en/attribution.yaml``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimgraph import data
from claimgraph.annotate.extensions import add_attributions, doc_id, mentions_of
from claimgraph.model import Attribution, EntityMention, SourceRef

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_NP_LEFT_DEPS = frozenset({"compound", "amod", "det", "poss", "nummod", "nmod", "case", "quantmod", "punct"})
_CLAUSAL_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "relcl", "ccomp", "parataxis"})
_OBJECT_DEPS = frozenset({"dobj", "xcomp", "prep", "dative", "attr", "oprd", "acomp", "advcl", "intj"})
_RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
_OPEN_QUOTES = "“‘«"
_CLOSE_QUOTES = "”’»"
# A quote needs a few words to be a statement rather than a scare-quoted term.
_MIN_QUOTE_WORDS = 1
# Tokens between a quote and the reporting frame beside it ('," she said').
_QUOTE_REACH = 4


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
        )

    def is_pronoun(self, text: str) -> bool:
        return any(text.lower() in group for group in self.pronouns.values())


@dataclass(slots=True)
class _Source:
    """A source as found in one sentence, before document-level resolution."""

    tokens: Span
    voice: Span  # the part naming the voice: "French intelligence" of "a French intelligence assessment"
    context: str  # the phrase plus its apposition, for typing ("Maria Lopez, a senior economist")
    document: str | None = None  # the document noun's lemma when the source was named through one
    antecedent: _Source | None = None  # the noun a relative pronoun ("who") stands for
    canonical: str | None = None
    type: str | None = None


@dataclass(slots=True)
class _Found:
    """One statement under construction."""

    cue: Span
    start: int
    end: int
    own: list[_Source] = field(default_factory=list)
    outer: list[_Source] = field(default_factory=list)
    inner: list[_Source] = field(default_factory=list)
    inherits: _Found | None = None
    chain: list[_Source] = field(default_factory=list)


class AttributionAnnotator:
    """Finds reported statements and their source chains; appends them to ``doc._.attributions``."""

    def __init__(self, name: str, *, lang: str, max_sentence_tokens: int) -> None:
        self.name = name
        self.lexicon = Lexicon.load(lang)
        self.max_sentence_tokens = max_sentence_tokens

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lexicon
        found: list[_Found] = []
        for sent in doc.sents:
            # An over-long "sentence" is a parse failure (tables, lists); skip it to bound time.
            if len(sent) <= self.max_sentence_tokens:
                found.extend(_sentence_statements(sent, lex))
        _attach_quotes(doc, found, lex)
        found.extend(_speaker_lines(doc, found, lex))
        _build_chains(found)
        _resolve_sources(doc, found, lex)
        did = doc_id(doc)
        add_attributions(doc, [_to_model(did, f, lex) for f in sorted(found, key=lambda f: (f.start, f.end))])
        return doc


# --- one sentence -----------------------------------------------------------------------------


def _sentence_statements(sent: Span, lex: Lexicon) -> list[_Found]:
    phrases = list(_phrase_cues(sent, lex))
    in_phrase = {t.i for cue, _ in phrases for t in cue}
    verbs = [t for t in sent if t.pos_ == "VERB" and t.lemma_.lower() in lex.verbs and t.i not in in_phrase]
    citing = [t for t in verbs if t.lemma_.lower() in lex.citing and not _subject(t)]
    by_token: dict[int, _Found] = {}
    # Tokens that frame rather than report: "citing X", "according to X".
    excluded = {t.i for c in citing for t in c.subtree} | {
        t.i for cue, obj in phrases for t in (*cue, *obj.subtree)
    }
    cue_ids = {v.i for v in verbs if v not in citing}
    for verb in verbs:
        if verb in citing:
            continue
        statement = _verb_statement(verb, sent, lex, excluded, cue_ids)
        if statement is not None:
            by_token[verb.i] = statement
    by_token.update(_adjective_statements(sent, lex, excluded))
    for verb in verbs:
        if verb.i in by_token and not by_token[verb.i].own:
            statement = by_token[verb.i]
            statement.inherits = _governing(verb, by_token)
            # "Trump returned the compliment, telling Reuters ...": the voice is the clause's subject.
            actor = None if statement.inherits else _actor_above(verb)
            if actor is not None:
                statement.own = [_source(actor, lex)]
    found = list(by_token.values())
    for cite in citing:
        target = _governing(cite, by_token) or _nearest_left(cite, by_token)
        obj = next((c for c in cite.children if c.dep_ in {"dobj", "pobj", "attr"}), None)
        if target is not None and obj is not None:
            target.inner.append(_source(obj, lex))
    for cue, obj in phrases:
        source = _source(obj, lex)
        target = _governing(cue[0], by_token)
        if target is None and by_token:
            target = min(by_token.values(), key=lambda f: abs(f.cue.start - cue.start))
        if target is None:
            start, end = _clause_without(_clause_verb(cue[0], sent), cue.start, [*cue, *obj.subtree], sent)
            if end > start:
                found.append(_Found(cue=cue, start=start, end=end, own=[source]))
        elif _is_outer(cue, obj, target, sent):
            target.outer.append(source)
        else:
            target.inner.append(source)
    return found


def _adjective_statements(sent: Span, lex: Lexicon, excluded: set[int]) -> dict[int, _Found]:
    """ "They are convinced that ...": a stance adjective with a that-clause reports the holder's view."""
    found = {}
    for adjective in sent:
        # "convinced" is tagged as a participle (lemma "convince") as often as an adjective.
        if adjective.lower_ not in lex.adjectives or adjective.dep_ != "acomp":
            continue
        clause = next((c for c in adjective.children if c.dep_ == "ccomp"), None)
        holder = _subject(adjective.head)
        if clause is None or holder is None:
            continue
        span = _largest_run([t for t in clause.subtree if t.i not in excluded])
        if span:
            cue = sent.doc[adjective.head.i : adjective.i + 1]
            found[adjective.i] = _Found(cue=cue, start=span[0], end=span[1], own=[_source(holder, lex)])
    return found


def _phrase_cues(sent: Span, lex: Lexicon):
    """``(cue span, object token)`` for "according to X", "as per X" and the like."""
    lowers = [t.lower_ for t in sent]
    i = 0
    while i < len(lowers):
        for phrase in lex.phrases:
            n = len(phrase)
            if tuple(lowers[i : i + n]) == phrase:
                cue = sent[i : i + n]
                obj = next(
                    (
                        c
                        for t in cue
                        for c in t.children
                        if c.dep_ in {"pobj", "dobj", "agent"} and c.i >= cue.end
                    ),
                    None,
                )
                if obj is not None and obj.dep_ == "agent":
                    obj = next((c for c in obj.children if c.dep_ == "pobj"), None)
                if obj is None and cue.end < sent.end and sent.doc[cue.end].pos_ in {"PROPN", "NOUN", "PRON"}:
                    obj = sent.doc[cue.end]
                    while (
                        obj.head.i >= cue.end
                        and obj.head.i < sent.end
                        and obj.head.pos_ in {"PROPN", "NOUN"}
                        and obj.dep_ == "compound"
                    ):
                        obj = obj.head
                if obj is not None:
                    yield cue, obj
                    i += n - 1
                break
        i += 1


def _verb_statement(
    verb: Token, sent: Span, lex: Lexicon, excluded: set[int], cue_ids: set[int]
) -> _Found | None:
    subject = _subject(verb)
    under_cue = subject is None and _under_cue(verb, cue_ids)
    if subject is None:
        # Under another cue ("urged ..., and criticized X") the actor still shows that the verb
        # reports something, but the voice is inherited from the governing statement.
        subject = _actor_above(verb)
    content = _content(verb, subject, sent, lex, cue_ids)
    own = [_source(subject, lex)] if subject is not None and not under_cue else []
    frame = {verb.i, *excluded, *(t.i for s in own for t in s.tokens)}
    span = _largest_run([t for t in content if t.i not in frame]) if content else _previous_quote(sent, frame)
    if not span:
        return None
    return _Found(cue=sent.doc[verb.i : verb.i + 1], start=span[0], end=span[1], own=own)


def _under_cue(verb: Token, cue_ids: set[int]) -> bool:
    """Another reporting verb governs this one ("stated ..., adding"): it shares that voice."""
    node = verb
    for _ in range(40):
        if node.head == node:
            return False
        node = node.head
        if node.i in cue_ids:
            return True
    return False


def _previous_quote(sent: Span, frame: set[int]) -> tuple[int, int] | None:
    """'... last year." he wrote.': a bare frame after a sentence that closes a quote reports it."""
    doc = sent.doc
    rest = [
        t
        for t in sent
        if t.i not in frame and not (t.is_punct or t.is_space or t.pos_ in {"ADV", "PRON", "PROPN", "DET"})
    ]
    if rest or sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    tokens = _strip_punct([t for t in before if not t.is_space])
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _subject(verb: Token) -> Token | None:
    """The voice of a reporting verb: its subject, passive agent, or the noun it modifies."""
    subjects = [
        c
        for c in verb.children
        if c.dep_ in _SUBJECT_DEPS
        and c.pos_ in {"PROPN", "NOUN", "PRON", "NUM", "ADJ", "DET"}
        and not _line_between(c, verb)
    ]
    if subjects:
        child = min(subjects, key=lambda c: abs(c.i - verb.i))
        if child.dep_ != "nsubjpass":
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    # "reports suggesting that ...": the noun a present participle modifies is speaking.
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head
    return None


def _line_between(a: Token, b: Token) -> bool:
    """A heading parsed into the next sentence is separated from it by a line break."""
    lo, hi = sorted((a.i, b.i))
    return any(t.is_space and "\n" in t.text for t in a.doc[lo:hi])


def _content(
    verb: Token, subject: Token | None, sent: Span, lex: Lexicon, cue_ids: set[int]
) -> list[Token]:
    """The tokens of what the verb reports, or [] when it reports nothing here."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return list(child.subtree)
    # "X, she said" / 'She assessed, "..."': a reporting verb with a voice hangs on the clause it frames.
    if (
        subject is not None
        and verb.dep_ in {"ccomp", "parataxis"}
        and verb.head.pos_ in {"VERB", "AUX"}
        and verb.head.lemma_.lower() not in lex.verbs
    ):
        frame = {t.i for t in verb.subtree}
        return [t for t in verb.head.subtree if t.i not in frame and sent.start <= t.i < sent.end]
    lemma = verb.lemma_.lower()
    if lemma in lex.object_content:
        obj = next((c for c in verb.children if c.dep_ in {"dobj", "xcomp"}), None)
        if obj is not None:
            return list(obj.subtree)
    # "the timeline reported by X": the noun is what X reported.
    if (
        verb.dep_ == "acl"
        and verb.tag_ == "VBN"
        and subject is not None
        and verb.head.pos_ in {"NOUN", "PROPN"}
    ):
        head = verb.head
        return [t for t in head.subtree if t.i <= head.i]
    # "The story was first reported by X": the passive subject is what the agent reported.
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is not None and subject is not None and subject.dep_ == "pobj":
        return list(passive.subtree)
    # "X called for a ban", "X urged voters to stay home": what follows the verb is the stance reported.
    if subject is not None and lemma not in lex.need_clause:
        # "told reporters": the object of a verb of telling is the hearer, not what was said.
        hearer = {"dobj", "dative"} if lemma in lex.hearer_object else set()
        # A reporting verb hanging on this one ("mocked X, saying ...") is a statement of its own.
        objects = [
            c for c in verb.rights if c.dep_ in _OBJECT_DEPS and c.dep_ not in hearer and c.i not in cue_ids
        ]
        tokens = [t for c in objects for t in c.subtree if sent.start <= t.i < sent.end]
        if sum(1 for t in tokens if not t.is_punct) >= 2:
            return tokens
    return []


def _largest_run(tokens: list[Token]) -> tuple[int, int] | None:
    """Character bounds of the longest run of consecutive token indices, trimmed of punctuation."""
    tokens = sorted(tokens, key=lambda t: t.i)
    runs: list[list[Token]] = []
    for token in tokens:
        if runs and token.i == runs[-1][-1].i + 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    best = _strip_punct(max(runs, key=len)) if runs else []
    if not best:
        return None
    return best[0].idx, best[-1].idx + len(best[-1].text)


def _clause_without(head: Token, cue_i: int, frame, sent: Span) -> tuple[int, int]:
    """The clause of ``head`` without the frame subtree: the larger contiguous side of it."""
    frame_ids = {t.i for t in frame} | {cue_i}
    tokens = [t for t in head.subtree if t.i not in frame_ids and sent.start <= t.i < sent.end]
    before = [t for t in tokens if t.i < min(frame_ids)]
    after = [t for t in tokens if t.i > max(frame_ids)]
    side = before if len(before) >= len(after) else after
    side = _strip_punct(side)
    if not side:
        return 0, 0
    return side[0].idx, side[-1].idx + len(side[-1].text)


def _strip_punct(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].is_punct or tokens[0].is_space) and tokens[0].text not in _OPEN_QUOTES + '"':
        tokens = tokens[1:]
    while (
        tokens and (tokens[-1].is_punct or tokens[-1].is_space) and tokens[-1].text not in _CLOSE_QUOTES + '"'
    ):
        tokens = tokens[:-1]
    return tokens


def _governing(token: Token, by_token: dict[int, _Found]) -> _Found | None:
    """The statement of the nearest reporting verb above ``token`` in the parse."""
    node = token
    for _ in range(40):  # parse trees are shallow; the cap guards against cycles in bad parses
        if node.head == node:
            return None
        node = node.head
        if node.i in by_token:
            return by_token[node.i]
    return None


def _clause_verb(token: Token, sent: Span) -> Token:
    """The verb whose clause ``token`` modifies (the sentence root when there is none)."""
    node = token
    for _ in range(40):
        if node.head == node:
            return node
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
    return sent.root


def _actor_above(verb: Token) -> Token | None:
    """The subject of the nearest clause above a subjectless participle or coordinated verb."""
    if verb.dep_ not in {"advcl", "xcomp", "conj", "pcomp"}:
        return None
    node = verb
    for _ in range(10):
        if node.head == node:
            return None
        node = node.head
        subject = next(
            (c for c in node.children if c.dep_ == "nsubj" and c.pos_ in {"PROPN", "NOUN", "PRON"}), None
        )
        if subject is not None:
            return None if subject.lower_ in _RELATIVE_PRONOUNS else subject
    return None


def _nearest_left(token: Token, by_token: dict[int, _Found]) -> _Found | None:
    left = [i for i in by_token if i < token.i]
    return by_token[max(left)] if left else None


def _is_outer(cue: Span, obj: Token, target: _Found, sent: Span) -> bool:
    """An "according to X" before the speaker or closing the sentence frames the whole report."""
    own_start = min((s.tokens.start for s in target.own), default=target.cue.start)
    if cue.start < own_start:
        return True
    tail = [
        t for t in sent[max(t.i for t in obj.subtree) + 1 - sent.start :] if not (t.is_punct or t.is_space)
    ]
    return not tail


def _source(token: Token, lex: Lexicon) -> _Source:
    """The noun phrase headed by ``token``; for a document ("images by X") the voice behind it;
    for "who" in "Barkley, who said" the pronoun, standing for the noun it follows."""
    if (
        token.lower_ in _RELATIVE_PRONOUNS
        and token.head.dep_ == "relcl"
        and token.head.head.pos_ in {"NOUN", "PROPN", "PRON"}
    ):
        pronoun = token.doc[token.i : token.i + 1]
        return _Source(pronoun, pronoun, pronoun.text, antecedent=_source(token.head.head, lex))
    phrase = _noun_phrase(token)
    context = phrase.text + "".join(" " + _noun_phrase(c).text for c in token.children if c.dep_ == "appos")
    head = token.lemma_.lower()
    if head in lex.document_nouns or token.lower_ in lex.document_nouns:
        behind = _behind_document(token)
        if behind is not None:
            inner = _source(behind, lex)
            return _Source(phrase, inner.voice, inner.context, document=head)
        voice = [t for t in phrase if t.i < token.i and t.dep_ in {"compound", "amod", "nmod", "poss"}]
        if voice and any(t.pos_ in {"NOUN", "PROPN"} for t in voice):
            voice_span = phrase.doc[voice[0].i : voice[-1].i + 1]
            return _Source(phrase, voice_span, voice_span.text, document=head)
        return _Source(phrase, phrase, context, document=head)
    return _Source(phrase, phrase, context)


def _behind_document(token: Token) -> Token | None:
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


def _noun_phrase(token: Token) -> Span:
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


# --- quotes -----------------------------------------------------------------------------------


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted passages, quotes included; an unclosed quote ends with its paragraph."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    reopened = -1  # where a quote carried into the next paragraph opens again
    for match in re.finditer(r"[\"“”]|\n\s*\n", text):
        char = match.group()
        if char.strip() == "":
            # News carries a quote into the next paragraph by opening it again (and not closing
            # the first); without that mark, the paragraph break closes an unbalanced quote.
            if start is not None and text[match.end() : match.end() + 1] in {'"', "“"}:
                reopened = match.end()
            elif start is not None:
                spans.append((start, match.start()))
                start = None
        elif match.start() == reopened or (start is not None and char == "“"):
            continue
        elif start is None and (char in '"“' or _opens_paragraph(text, match.start())):
            start = match.start()
        elif start is not None:
            spans.append((start, match.end()))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return [s for s in spans if len(re.findall(r"\w+", text[s[0] : s[1]])) >= _MIN_QUOTE_WORDS]


def _opens_paragraph(text: str, at: int) -> bool:
    """A mis-typed closing mark at the start of a paragraph ('\n”Fear. I am ...') opens a quote."""
    return (at == 0 or text[at - 1] == "\n") and text[at + 1 : at + 2].isalnum()


def _attach_quotes(doc: Doc, found: list[_Found], lex: Lexicon) -> None:
    """A quote next to a reporting frame is that frame's content, across sentences if need be;
    a quote opening the sentence after a framed quote continues the same voice."""
    previous: _Found | None = None
    for q_start, q_end in quote_spans(doc.text):
        quote = doc.char_span(q_start, q_end, alignment_mode="expand")
        if quote is None or len(quote) == 0:
            continue
        credit = _dash_credit(doc, q_end, lex)
        if credit is not None:
            dash, voice = credit
            previous = _Found(cue=dash, start=q_start, end=q_end, own=[_Source(voice, voice, voice.text)])
            found.append(previous)
            continue
        frame = _frame_beside(quote, found)
        if frame is not None:
            # The quote is the content; a content running past it
            # ('"a great possibility" the troops will') keeps its tail.
            if frame.start < quote.end_char and quote.start_char < frame.end:
                frame.start, frame.end = min(frame.start, quote.start_char), max(frame.end, quote.end_char)
            else:
                frame.start, frame.end = quote.start_char, quote.end_char
            previous = frame
            continue
        # A quoted transcript turn ('"HOST: ...') is the labelled speaker's, not the colon's before it.
        turn = _SPEAKER_LINE.match(doc.text, q_start)
        cue = _cue_beside(quote, lex) or (None if turn else _colon_before(quote))
        if cue is not None:
            subject = _subject(cue) if cue.pos_ == "VERB" else _subject(cue.sent.root)
            own = [_source(subject, lex)] if subject is not None else []
            previous = _Found(cue=doc[cue.i : cue.i + 1], start=quote.start_char, end=quote.end_char, own=own)
            found.append(previous)
        elif previous is not None and _continues(previous, quote):
            found.append(
                _Found(cue=previous.cue, start=quote.start_char, end=quote.end_char, inherits=previous)
            )
        else:
            previous = None


_DASH_CREDIT = re.compile(r"[^\S\n]*(?P<dash>[―—–]+|--)[^\S\n]*(?P<name>[^\n,;(]{2,60})")


def _dash_credit(doc: Doc, quote_end: int, lex: Lexicon) -> tuple[Span, Span] | None:
    """'"..." ― Maria Lopez, 34': a dash and a name right after a quote credit it to that name."""
    match = _DASH_CREDIT.match(doc.text, quote_end)
    if match is None:
        return None
    dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
    name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="contract")
    voice = _speaker_name(name, lex) if name is not None and 0 < len(name) <= _SPEAKER_TOKENS else None
    if dash is None or voice is None:
        return None
    return dash, voice


def _continues(previous: _Found, quote: Span) -> bool:
    """'"A," she said. "B."': B opens the sentence right after the one that framed A."""
    doc = quote.doc
    first = quote[0].sent
    if first.start != quote.start or first.start == 0:
        return False
    before = doc[first.start - 1].sent
    return before.start <= previous.cue.start < before.end or previous.end >= before.start_char


def _frame_beside(quote: Span, found: list[_Found]) -> _Found | None:
    """The statement whose cue stands just outside the quote, in the quote's first or last sentence."""
    candidates = []
    for f in found:
        if quote.start <= f.cue.start < quote.end:
            continue
        overlaps = f.start < quote.end_char and quote.start_char < f.end
        if f.cue.end <= quote.start and f.cue.sent == quote[0].sent:
            gap = quote.start - f.cue.end
        elif f.cue.start >= quote.end and f.cue.sent == quote[-1].sent and not _closes_sentence(quote):
            gap = f.cue.start - quote.end
        else:
            continue
        if overlaps or gap <= _QUOTE_REACH:
            candidates.append((not overlaps, gap, f))
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None


def _closes_sentence(quote: Span) -> bool:
    """'... months." The agency further indicated': a full stop inside the quote ends the frame's reach."""
    inner = [t for t in quote if not t.is_space][-2:-1]
    return bool(inner) and inner[0].text in {".", "!", "?"}


def _colon_before(quote: Span) -> Token | None:
    """'Cruz called them on it: "..."': the colon introduces the quote, the clause before it speaks."""
    k = quote.start - 1
    while k >= 0 and quote.doc[k].is_space:
        k -= 1
    if k >= 0 and quote.doc[k].text.endswith(":") and quote.doc[k].sent.root.i < k:
        return quote.doc[k]
    return None


def _cue_beside(quote: Span, lex: Lexicon) -> Token | None:
    doc = quote.doc
    before = list(doc[max(quote[0].sent.start, quote.start - _QUOTE_REACH) : quote.start])
    after = (
        []
        if _closes_sentence(quote)
        else list(doc[quote.end : min(quote[-1].sent.end, quote.end + _QUOTE_REACH + 2)])
    )
    for token in [*reversed(before), *after]:
        if token.pos_ == "VERB" and token.lemma_.lower() in lex.verbs:
            return token
    return None


# A transcript turn inside a quoted transcript opens with the quote mark ('"WALLACE: ...').
_SPEAKER_LINE = re.compile(r"^[ \t]*[\"“]?(?P<name>[^\n:\"“]{2,60}):[ \t]*(?P<rest>[^\n]*)$", re.MULTILINE)
_SPEAKER_TOKENS = 7


def _speaker_lines(doc: Doc, found: list[_Found], lex: Lexicon) -> list[_Found]:
    """'Sanders: Clinton email story has moved.' and transcript turns ('JAKE TAPPER:' then the
    paragraph): a short name before a colon at the start of a line speaks the rest."""
    statements = []
    for match in _SPEAKER_LINE.finditer(doc.text):
        name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="contract")
        voice = _speaker_name(name, lex) if name is not None and len(name) <= _SPEAKER_TOKENS else None
        if voice is None:
            continue
        start, end = match.start("rest"), match.end("rest")
        if len(doc.text[start:end].split()) < 2:
            # A transcript turn: the speaker's words are the next paragraph.
            following = re.match(r"\s*([^\n]+)", doc.text[match.end() :])
            if following is None:
                continue
            start, end = match.end() + following.start(1), match.end() + following.end(1)
        # A frame outside the line already speaks it; statements inside it are the speaker's.
        if any(f.start < end and start < f.end and not start <= f.cue.start_char < end for f in found):
            continue
        colon = doc.char_span(match.end("name"), match.end("name") + 1, alignment_mode="expand")
        if colon is not None:
            statements.append(
                _Found(cue=colon, start=start, end=end, own=[_Source(voice, voice, voice.text)])
            )
    return statements


def _speaker_name(span: Span, lex: Lexicon) -> Span | None:
    """The name in a speaker label: the last dash-separated part, up to its first preposition."""
    if any(t.pos_ in {"VERB", "AUX"} and t.tag_ not in {"NNP", "NNPS"} for t in span):
        return None
    tokens = list(span)
    dashes = [k for k, t in enumerate(tokens) if t.text in {"-", "–", "—"}]
    if dashes:
        tokens = tokens[dashes[-1] + 1 :]
    cut = next((k for k, t in enumerate(tokens) if t.pos_ == "ADP" or t.lower_ == "to"), len(tokens))
    tokens = tokens[:cut]
    if not tokens or not tokens[0].text[:1].isupper() or tokens[0].lower_ in lex.not_speakers:
        return None
    # The tagger often reads a one-word label as a noun ('Politifact:', 'Poll:').
    if not any(t.pos_ == "PROPN" for t in tokens) and not (len(span) == 1 and span[0].pos_ == "NOUN"):
        return None
    return span.doc[tokens[0].i : tokens[-1].i + 1]


# --- chains and resolution --------------------------------------------------------------------


def _build_chains(found: list[_Found]) -> None:
    """Chains, outermost first: frames around the statement, its own voice, the voices it cites."""
    for f in found:
        own = f.own or (_inherited(f))
        f.chain = [*f.outer, *own, *f.inner]
    # A report inside another's content is relayed by that voice ("CNN said officials estimate");
    # outer statements first, so that a chain three deep is complete.
    for f in sorted(found, key=lambda f: f.end - f.start, reverse=True):
        enclosing = [
            g
            for g in found
            if g is not f
            and g.start <= f.cue[0].idx < g.end
            and not (g.start <= f.start and f.end <= g.end and g.cue == f.cue)
            and f.inherits is not g
            and (g.end - g.start) > (f.end - f.start)
        ]
        if enclosing:
            outer = min(enclosing, key=lambda g: g.end - g.start)
            prefix = [s for s in outer.chain if s not in f.chain]
            f.chain = [*prefix, *f.chain] if not f.outer else f.chain


def _inherited(f: _Found) -> list[_Source]:
    seen = 0
    node = f.inherits
    while node is not None and seen < 10:
        if node.own:
            return list(node.own)
        node, seen = node.inherits, seen + 1
    return []


def _resolve_sources(doc: Doc, found: list[_Found], lex: Lexicon) -> None:
    """Canonical names and types, resolving pronouns, surnames and "the assessment" backwards."""
    entities = mentions_of(doc, EntityMention.kind)
    seen: list[_Source] = []  # resolved sources in text order
    documents: list[_Source] = []  # sources introduced through a document noun
    ordered = sorted({id(s): s for f in found for s in f.chain}.values(), key=lambda s: s.tokens.start)
    for source in ordered:
        _resolve(source, seen, documents, entities, lex)
        seen.append(source)
        if source.document and source.voice != source.tokens:
            documents.append(source)


def _resolve(
    source: _Source, seen: list[_Source], documents: list[_Source], entities: list, lex: Lexicon
) -> None:
    if source.antecedent is not None:
        _resolve(source.antecedent, seen, documents, entities, lex)
        source.canonical, source.type = source.antecedent.canonical, source.antecedent.type
        return
    words = source.voice.text.lower().split()
    first = source.tokens[0].lower_
    named = [s for s in reversed(seen) if not lex.is_pronoun(s.voice.text) and s.canonical]
    antecedent: _Source | None = None
    if lex.is_pronoun(source.voice.text) and words[0] not in lex.pronouns["speaker"]:
        wanted = "person" if words[0] in lex.pronouns["person"] else None
        antecedent = next((s for s in named if wanted is None or _is_person(s, entities)), None)
    elif source.document and source.voice == source.tokens and first in lex.anaphoric:
        antecedent = next(
            (
                d
                for d in reversed(documents)
                if source.document in lex.generic_anaphors or d.document == source.document
            ),
            None,
        )
    elif len(source.voice) == 1 and source.voice[0].pos_ == "PROPN":
        antecedent = next(
            (
                s
                for s in named
                if s.canonical.split()[-1] == source.voice.text and len(s.canonical.split()) > 1
            ),
            None,
        )
    if antecedent is not None:
        source.canonical, source.type = antecedent.canonical, antecedent.type
        return
    source.canonical = _entity_canonical(source.voice, entities) or canonical_source_name(source.voice, lex)
    source.type = source_type(source.context, lex)


def _is_person(source: _Source, entities: list) -> bool:
    span = source.voice
    return any(
        m.label == "PERSON" and m.start < span.end_char and span.start_char < m.end for m in entities
    ) or any(t.ent_type_ == "PERSON" for t in span)


def _entity_canonical(span: Span, entities: list) -> str | None:
    """The entity annotator's canonical name when one entity covers the whole voice."""
    for m in entities:
        if m.start <= span.start_char + 4 and m.end >= span.end_char and m.canonical:
            return m.canonical
    return None


def canonical_source_name(span: Span, lex: Lexicon) -> str:
    """A surface name without article, possessive or generic head ("French intelligence")."""
    tokens = [t for t in span if not (t.dep_ == "det" or t.tag_ == "POS" or (t.is_punct and t.text != "-"))]
    while (
        len(tokens) > 1
        and tokens[-1].lower_ in lex.generic_heads | lex.document_nouns
        and any(t.pos_ in {"NOUN", "PROPN"} for t in tokens[:-1])
    ):
        tokens = tokens[:-1]
    # Words that touched in the text still touch ("then-Prime Minister"), others get one space.
    parts = []
    for k, token in enumerate(tokens):
        parts.append(token.text)
        if k + 1 < len(tokens):
            touching = tokens[k + 1].i == token.i + 1 and not token.whitespace_
            parts.append("" if touching else " ")
    return "".join(parts).strip() or span.text


def source_type(context: str, lex: Lexicon) -> str | None:
    """The first source type whose word occurs in the source phrase or its apposition."""
    lowered = f" {re.sub(r'[^a-z0-9 -]', ' ', context.lower())} "
    for kind, words in lex.types:
        if any(f" {w} " in lowered for w in words):
            return kind
    return None


def _to_model(did: str, f: _Found, lex: Lexicon) -> Attribution:
    chain: list[SourceRef] = []
    for s in f.chain:
        # "I" / "we" inside someone's words is that someone.
        if chain and s.voice.text.lower() in lex.pronouns["speaker"]:
            continue
        ref = SourceRef(
            name=s.voice.text,
            start=s.voice.start_char,
            end=s.voice.end_char,
            type=s.type,
            canonical=s.canonical,
        )
        # The same voice twice in a row ("she said she thinks") is one link.
        if not chain or (chain[-1].canonical or chain[-1].name) != (ref.canonical or ref.name):
            chain.append(ref)
    return Attribution(
        doc=did,
        start=f.start,
        end=f.end,
        cue=f.cue.text,
        cue_start=f.cue.start_char,
        cue_end=f.cue.end_char,
        sources=chain,
    )


@Language.factory(
    "claimgraph_attribution_v1",
    assigns=["doc._.attributions"],
    requires=["token.dep", "token.lemma", "token.pos"],
    default_config={"lang": "en", "max_sentence_tokens": 300},
)
def make_attribution_annotator(
    nlp: Language, name: str, lang: str, max_sentence_tokens: int
) -> AttributionAnnotator:
    return AttributionAnnotator(name, lang=lang, max_sentence_tokens=max_sentence_tokens)
