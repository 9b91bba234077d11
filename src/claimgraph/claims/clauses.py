"""Cut a parsed document into clause units: the stretches of text that each state one thing.

A unit is headed by the sentence root, a reported (that-)clause, a coordinated clause with a
subject of its own, a non-restrictive relative clause or a parenthetical clause; every other token
belongs to the unit of its nearest such ancestor. Reporting frames ("CNN reported, citing X") are
not statements of their own: their tokens are set aside so that the reported clause is the claim.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimgraph import data
from claimgraph.annotate.attribution import Lexicon
from claimgraph.annotate.extensions import mentions_of
from claimgraph.annotate.line_breaks import line_starts
from claimgraph.claims.context import NUMERIC_ENTS
from claimgraph.model import Attribution

_SPLIT_DEPS = frozenset({"ccomp", "parataxis"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_EDGE_DEPS = frozenset({"cc", "mark", "punct"})
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
_DANGLING_POS = frozenset({"ADP", "SCONJ", "CCONJ", "PUNCT", "SPACE", "PART"})
_TERMINAL = (".", "!", '"', "”", "’", "'", ")")
_MAX_PARSE_DEPTH = 60
_DATELINE_TOKENS = 15


@dataclass(slots=True)
class Unit:
    """One clause: its head and the tokens that state it (frame tokens removed)."""

    head: Token
    tokens: list[Token]

    @property
    def start(self) -> int:
        return self.tokens[0].idx

    @property
    def end(self) -> int:
        return self.tokens[-1].idx + len(self.tokens[-1].text)


def segments(doc: Doc, max_tokens: int) -> Iterator[Span]:
    """Sentences, also cut where a line starts a sentence (a heading is parsed into the sentence
    below it when the pipeline has no line-break component); lines of hard-wrapped prose go on."""
    starts = {t.i for t in line_starts(doc, data.load("sentences"))}
    for sent in doc.sents:
        if len(sent) > max_tokens:
            continue
        start = sent.start
        for token in sent:
            if token.is_space and "\n" in token.text and token.i + 1 in starts:
                if token.i > start:
                    yield doc[start : token.i]
                start = token.i + 1
        if sent.end > start:
            yield doc[start : sent.end]


def is_statement(segment: Span) -> bool:
    """A checkable statement: ends like prose (no headline, no question) and has a verb."""
    text = segment.text.strip()
    if not text or "?" in text[-3:] or not text.endswith(_TERMINAL) or _is_title_case(segment):
        return False
    return any(t.pos_ in {"VERB", "AUX"} for t in segment)


def _is_title_case(segment: Span) -> bool:
    """'Minister Says Talks Will Resume.': a headline, whatever its last character."""
    settings = data.load("claims")
    words = [t for t in segment if t.is_alpha]
    verbs = [t for t in words if t.pos_ in {"VERB", "AUX"}]
    if len(words) < int(settings["headline_min_words"]) or not all(v.text[0].isupper() for v in verbs):
        return False
    capitalised = sum(1 for t in words if t.text[0].isupper())
    return capitalised >= float(settings["headline_capitalised_share"]) * len(words)


def _is_split_head(token: Token, inside_names: set[int]) -> bool:
    if token.pos_ not in {"VERB", "AUX"}:
        return False
    if token.left_edge.i in inside_names:
        # "Ilyushin (IL)-76 were spotted" misparsed as a clause starting at "IL)-76": a clause
        # never starts inside a name
        return False
    if token.dep_ in _SPLIT_DEPS:
        # "allowed the rivals to dominate", "let them decide": a non-finite complement is part of
        # its verb's statement, not one of its own.
        return _is_finite(token)
    own_subject = any(c.dep_ in _SUBJECT_DEPS for c in token.children)
    if token.dep_ == "conj" and own_subject:
        # a coordinated clause follows "and", "but", a comma or a semicolon; without one the
        # parser has torn a single clause apart ("aircraft believed to be X were seen")
        left = token.left_edge
        return left.i > 0 and (left.nbor(-1).is_punct or left.nbor(-1).pos_ == "CCONJ")
    # ", which ..." adds a statement of its own; a restrictive relative clause only narrows a noun.
    # A "which" clause hung on a measure or a date (", approximately 95 kilometres ..., which could
    # carry") is usually misattached: it stays in its sentence rather than stand alone without its
    # noun. (", when dock workers walked out" after a date has a subject of its own and stands.)
    if token.dep_ == "relcl" and own_subject:
        left = token.left_edge
        noun = token.head
        relatives = [c for c in token.subtree if c.tag_ in {"WDT", "WP"} and c.i < token.i]
        relative_subject = any(c.dep_ in _SUBJECT_DEPS for c in relatives)
        misattached = relative_subject and (
            noun.pos_ not in {"NOUN", "PROPN", "PRON"} or noun.ent_type_ in NUMERIC_ENTS
        )
        # ", which the bank detailed in its filings": the clause's object is the noun before it,
        # so without that noun it says nothing; it stays in its sentence
        object_relative = bool(relatives) and not relative_subject
        return left.i > 0 and left.nbor(-1).text == "," and not misattached and not object_relative
    return False


def _is_finite(verb: Token) -> bool:
    """The verb, or an auxiliary of it, carries tense or a modal."""
    return verb.tag_ in _FINITE_TAGS or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE_TAGS for c in verb.children
    )


def frame_tokens(segment: Span, framing: list[Attribution], lex: Lexicon) -> set[int]:
    """Tokens that only say who speaks: cues, sources, "citing X", "according to X"."""
    frame: set[int] = set()
    doc = segment.doc
    cues = [(a.cue_start, a.cue_end) for a in framing]
    spans = cues + [
        (s.start, s.end)
        for a in framing
        for s in a.sources
        if not _subject_of_other_verb(doc, a, s.start, s.end, cues)
    ]
    for token in segment:
        if any(start <= token.idx < end for start, end in spans):
            frame.add(token.i)
        if (
            token.pos_ == "VERB"
            and token.lemma_.lower() in lex.citing
            and token.dep_ in {"advcl", "xcomp", "conj"}
        ):
            frame.update(t.i for t in token.subtree)
    lowers = [t.lower_ for t in segment]
    for phrase in lex.phrases:
        for i in range(len(lowers) - len(phrase) + 1):
            if tuple(lowers[i : i + len(phrase)]) == phrase:
                last = segment[i + len(phrase) - 1]
                frame.update(t.i for t in segment[i : i + len(phrase)])
                frame.update(t.i for c in last.children if c.dep_ == "pobj" for t in c.subtree)
    return frame


def _subject_of_other_verb(
    doc: Doc, a: Attribution, start: int, end: int, cues: list[tuple[int, int]]
) -> bool:
    """'Judge Costa imposed the sentence and ordered that ...', 'Berg praised the plan, saying ...':
    the source is also the subject of a verb that states something itself, so it stays there."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    verb = root.head
    return (
        root.dep_ in _SUBJECT_DEPS
        and verb.pos_ in {"VERB", "AUX"}
        and not any(cue_start <= verb.idx < cue_end for cue_start, cue_end in cues)
        and any(a.cue_start <= c.idx < a.cue_end for c in _attached_verbs(verb))
    )


def _attached_verbs(verb: Token) -> list[Token]:
    """Verbs sharing ``verb``'s subject: its conjuncts and its participle clauses (", saying ...")."""
    return [*verb.conjuncts, *(c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG")]


def units(segment: Span, attributions: list[Attribution], lex: Lexicon, min_words: int) -> list[Unit]:
    """The clause units of one statement segment, in text order; frames dropped."""
    groups: dict[int, list[Token]] = {}
    root = segment.root
    doc = segment.doc
    inside_names = _inside_names(segment)
    for token in segment:
        groups.setdefault(_unit_head(token, segment, root, inside_names).i, []).append(token)
    framing = [a for a in attributions if _frames_other_unit(a, groups, doc)]
    frame = frame_tokens(segment, framing, lex)
    result = []
    for head_i, members in groups.items():
        head = doc[head_i]
        if any(a.cue_start <= head.idx < a.cue_end for a in framing):
            continue
        kept = _trim([t for t in sorted(members, key=lambda t: t.i) if t.i not in frame])
        kept = _contiguous(kept, frame)
        if sum(1 for t in kept if t.is_alpha or t.like_num) < min_words or not any(
            t.pos_ in {"VERB", "AUX"} for t in kept
        ):
            continue
        result.append(Unit(head=head, tokens=kept))
    return sorted(result, key=lambda u: u.start)


def _frames_other_unit(a: Attribution, groups: dict[int, list[Token]], doc: Doc) -> bool:
    """The statement's content is (or holds) a clause unit other than the one its cue sits in."""
    cue_group = next((h for h, members in groups.items() if any(t.idx == a.cue_start for t in members)), None)
    if cue_group is None:
        return True  # the cue is in another sentence (a quote framed across sentences)
    return any(h != cue_group and a.start <= doc[h].idx < a.end and _reported_clause(doc[h]) for h in groups)


def _reported_clause(head: Token) -> bool:
    """A clause that can be what someone says: a complement or a whole sentence, not a relative clause."""
    return head.dep_ in {"ccomp", "parataxis", "ROOT", "conj", "xcomp", "advcl"}


def _inside_names(segment: Span) -> set[int]:
    """Indices of the segment's tokens that continue a name (entity mention) begun before them."""
    inside: set[int] = set()
    for mention in mentions_of(segment.doc, "entity"):
        if mention.end <= segment.start_char or mention.start >= segment.end_char:
            continue
        span = segment.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start + 1, span.end))
    return inside


def _unit_head(token: Token, segment: Span, root: Token, inside_names: set[int]) -> Token:
    node = token
    for _ in range(_MAX_PARSE_DEPTH):
        if _is_split_head(node, inside_names) or node == root:
            return node
        if node.head == node or not (segment.start <= node.head.i < segment.end):
            return root
        node = node.head
    return root


def _trim(tokens: list[Token]) -> list[Token]:
    tokens = _without_dateline(tokens)
    while tokens and (
        (tokens[0].dep_ in _EDGE_DEPS and tokens[0].head.i > tokens[0].i)
        # ", when he shot a man": the relative adverb only tied the clause to the noun before it.
        or (tokens[0].tag_ == "WRB" and tokens[0].head.i > tokens[0].i and tokens[0].head.dep_ == "relcl")
        or tokens[0].is_punct
        or tokens[0].is_space
    ):
        tokens = tokens[1:]
    # "..., with" / "..., after which": words left hanging where a frame was taken out.
    while tokens and (tokens[-1].pos_ in _DANGLING_POS or tokens[-1].tag_ in {"WDT", "WP"}):
        tokens = tokens[:-1]
    return tokens


def _without_dateline(tokens: list[Token]) -> list[Token]:
    """'Lagos [Nigeria], May 3 (AFP): The army plans ...' starts after the colon."""
    for k, token in enumerate(tokens[:_DATELINE_TOKENS]):
        if token.text.endswith(":") or token.text in {"—", "--"} or (token.text == "-" and token.whitespace_):
            if not any(t.pos_ in {"VERB", "AUX"} for t in tokens[:k]) and k + 1 < len(tokens):
                return tokens[k + 1 :]
            break
    return tokens


def _contiguous(tokens: list[Token], frame: set[int]) -> list[Token]:
    """The unit's tokens as one stretch; where a frame interrupts it, the longest stretch."""
    if not tokens:
        return tokens
    gap = {i for i in range(tokens[0].i, tokens[-1].i) if i in frame}
    if not gap:
        return list(tokens[0].doc[tokens[0].i : tokens[-1].i + 1])
    runs: list[list[Token]] = [[]]
    for token in tokens:
        if runs[-1] and any(i in frame for i in range(runs[-1][-1].i + 1, token.i)):
            runs.append([])
        runs[-1].append(token)
    best = _trim(max(runs, key=len))
    return list(best[0].doc[best[0].i : best[-1].i + 1]) if best else []
