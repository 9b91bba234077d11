"""Decontextualise a claim: make its text readable without the sentences around it.

Only the safe cases are rewritten: a leading connective is dropped ("However, ..."), "he"/"she"
becomes the latest person named before it, and "those soldiers" / "the same port" become the
nearest earlier noun phrase with the same (or a synonymous) head. Anything else stays verbatim.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from claimgraph import data
from claimgraph.model import EntityMention

# spaCy entity types of amounts and dates: a relative clause hung on one is usually misattached
NUMERIC_ENTS = frozenset({"DATE", "TIME", "QUANTITY", "CARDINAL", "MONEY", "PERCENT", "ORDINAL"})


@dataclass(frozen=True, slots=True)
class ContextLexicon:
    connectives: tuple[tuple[str, ...], ...]
    back_references: tuple[tuple[str, ...], ...]
    synonyms: dict[str, frozenset[str]]
    person_pronouns: frozenset[str]
    window: int

    @classmethod
    @functools.cache
    def load(cls, lang: str = "en") -> ContextLexicon:
        raw = data.load("claims", lang)
        synonyms: dict[str, frozenset[str]] = {}
        for group in raw["synonyms"]:
            for word in group:
                synonyms[word] = frozenset(group)
        return cls(
            connectives=tuple(sorted((tuple(c.split()) for c in raw["connectives"]), key=len, reverse=True)),
            back_references=tuple(tuple(r) for r in raw["back_references"]),
            synonyms=synonyms,
            person_pronouns=frozenset(raw["person_pronouns"]),
            window=int(raw["antecedent_window"]),
        )

    def same_kind(self, a: str, b: str) -> bool:
        return a == b or b in self.synonyms.get(a, frozenset())


def standalone_text(tokens: list[Token], entities: list[EntityMention], lex: ContextLexicon) -> str:
    """The claim's tokens rewritten to stand alone."""
    tokens = _drop_connective(tokens, lex)
    pieces: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        replaced, used = _back_reference(tokens, i, lex)
        if replaced is None and i == 0:
            replaced, used = _relative_antecedent(token), 1
        if replaced is None and token.lower_ in lex.person_pronouns and token.dep_ in {"nsubj", "nsubjpass"}:
            replaced, used = _person_before(token, entities, lex), 1
        if replaced is None:
            pieces.append(token.text_with_ws)
            i += 1
            continue
        last = tokens[i + used - 1]
        pieces.append(replaced + last.whitespace_)
        i += used
    text = _balance_quotes("".join(pieces).strip(), tokens)
    first = next((k for k, ch in enumerate(text) if ch.isalnum()), 0)
    return text[:first] + text[first : first + 1].upper() + text[first + 1 :]


_QUOTE_PAIRS = (('"', '"'), ("“", "”"))


def _balance_quotes(text: str, tokens: list[Token]) -> str:
    """Give back a quotation mark the clause boundary cut off ('"a great possibility" the troops
    will ...' opened before the claim; '... of "further integration to combat units."' closes
    after its full stop); a lone mark with no partner in the source is dropped."""
    if not tokens:
        return text
    source = tokens[0].doc.text
    before = source[: tokens[0].idx].rstrip()[-1:]
    after = source[tokens[-1].idx + len(tokens[-1].text) :].lstrip(" .,;:!?")[:1]
    for opening, closing in _QUOTE_PAIRS:
        if opening == closing:
            unpaired = text.count(opening) % 2 == 1
            opens_first = unpaired and _opens(text, opening)
        else:
            unpaired = text.count(opening) != text.count(closing)
            opens_first = text.count(opening) > text.count(closing)
        if not unpaired:
            continue
        if opens_first and after == closing:
            text = text + closing
        elif not opens_first and before == opening:
            text = opening + text
        else:
            mark = opening if opens_first else closing
            at = text.rfind(mark) if opens_first else text.find(mark)
            text = (text[:at] + text[at + 1 :]).replace("  ", " ").strip()
    return text


def _opens(text: str, mark: str) -> bool:
    """Whether the last straight quotation mark in ``text`` opens a quotation (a word follows it)."""
    at = text.rfind(mark)
    return at == 0 or (text[at - 1].isspace() and at + 1 < len(text) and not text[at + 1].isspace())


def _drop_connective(tokens: list[Token], lex: ContextLexicon) -> list[Token]:
    lowers = [t.lower_ for t in tokens]
    for connective in lex.connectives:
        n = len(connective)
        if tuple(lowers[:n]) == connective and len(tokens) > n + 2:
            last = tokens[n - 1]
            # "In addition to X", "Instead of X", "So far": the words belong to what follows.
            if last.head.i == tokens[n].i or any(c.i > last.i for c in last.children):
                return tokens
            rest = tokens[n:]
            while rest and rest[0].is_punct:
                rest = rest[1:]
            return rest
    return tokens


def _back_reference(tokens: list[Token], i: int, lex: ContextLexicon) -> tuple[str | None, int]:
    """("the 900 sailors", n) for "those soldiers" at ``i``; (None, 0) otherwise."""
    lowers = [t.lower_ for t in tokens[i : i + 3]]
    for ref in lex.back_references:
        if tuple(lowers[: len(ref)]) != ref:
            continue
        noun = tokens[i].head if tokens[i].dep_ == "det" else tokens[min(i + len(ref), len(tokens) - 1)].head
        if noun.pos_ not in {"NOUN", "PROPN"} or not tokens[i].i < noun.i <= tokens[-1].i:
            return None, 0
        antecedent = _antecedent(noun, lex)
        if antecedent is None:
            return None, 0
        return antecedent, noun.i - tokens[i].i + 1
    return None, 0


def _antecedent(noun: Token, lex: ContextLexicon) -> str | None:
    """The nearest earlier noun phrase, within the window, whose head is the same kind of thing."""
    doc: Doc = noun.doc
    sents = _sentences_up_to(doc, noun.i)[:-1][-lex.window :]
    lemma = noun.lemma_.lower()
    for sent in reversed(sents):
        for token in reversed(list(sent)):
            if (
                token.pos_ in {"NOUN", "PROPN"}
                and lex.same_kind(lemma, token.lemma_.lower())
                and not _is_back_reference(token, lex)
            ):
                left = [
                    c
                    for c in token.lefts
                    if c.dep_ in {"det", "amod", "compound", "nummod", "poss", "quantmod"}
                ]
                start = min([c.left_edge.i for c in left], default=token.i)
                words = [t.text for t in doc[start : token.i + 1]]
                if words and words[0].lower() in {"a", "an"}:
                    words[0] = "the"
                elif (
                    doc[start].tag_ not in {"PRP$", "WP$"}
                    and doc[start].dep_ != "poss"
                    and (words[0].lower() not in {"the", "this", "that"})
                ):
                    words.insert(0, "the")  # not before "his employees" or "the bank's staff"
                return " ".join(words).replace(" - ", "-").replace(" 's", "'s")
    return None


def _relative_antecedent(token: Token) -> str | None:
    """ ", which is at war" -> "Russia is at war": the noun a relative clause hangs on."""
    clause = token.head
    possessive = token.tag_ == "WP$" and token.dep_ == "poss"  # ", whose name was withheld"
    if possessive:
        clause = clause.head if clause.dep_ in {"nsubj", "nsubjpass"} else clause
    elif token.tag_ not in {"WDT", "WP"} or token.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    if clause.dep_ != "relcl":
        return None
    noun = clause.head
    # Parses often hang ", which ..." on a nearby date or measure; only a named or plain noun is safe.
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.ent_type_ in NUMERIC_ENTS:
        return None
    left = [c for c in noun.lefts if c.dep_ in {"det", "amod", "compound", "nummod", "poss", "quantmod"}]
    start = min([c.left_edge.i for c in left], default=noun.i)
    text = noun.doc[start : noun.i + 1].text
    return f"{text}'s" if possessive else text


def _is_back_reference(token: Token, lex: ContextLexicon) -> bool:
    dets = tuple(c.lower_ for c in token.lefts if c.dep_ in {"det", "amod"})
    return any(dets[: len(ref)] == ref for ref in lex.back_references)


def _person_before(pronoun: Token, entities: list[EntityMention], lex: ContextLexicon) -> str | None:
    """The latest person named before the pronoun, within the window of sentences."""
    sents = _sentences_up_to(pronoun.doc, pronoun.i)[-(lex.window + 1) :]
    floor = sents[0].start_char if sents else 0
    # A name is capitalised; a lower-case PERSON ("lone wolf") is a tagging slip, not someone to name.
    people = [
        m
        for m in entities
        if m.label == "PERSON" and floor <= m.start and m.end <= pronoun.idx and m.text[:1].isupper()
    ]
    names = [m.canonical or m.text for m in entities if m.label == "PERSON"]
    candidates = []
    for person in people:
        # The longest name of the same person in the document ("Lopez" -> "Maria Lopez").
        own = person.canonical or person.text
        full = max((n for n in names if n.split()[-1] == own.split()[-1]), key=len, default=own)
        # A one-word "person" never named in full is more often a tagging slip ("Twitter").
        if len(full.split()) > 1:
            candidates.append(full)
    # Two people in reach ("Warren grilled Stumpf ... He admitted"): without gender or a parse of
    # the discourse the pronoun stays as written rather than name the wrong one.
    return candidates[0] if len(set(candidates)) == 1 else None


_SENTENCES_KEY = "claimgraph.claims.sentences"


def _sentences_up_to(doc: Doc, i: int) -> list[Span]:
    """The sentences up to and including the one holding token ``i``.

    ``doc.sents`` rebuilds every sentence on each call; a claim-heavy document asked for it once
    per pronoun, so the list is built once per Doc and kept in its user data.
    """
    bounds = doc.user_data.get(_SENTENCES_KEY)
    if bounds is None:
        # Plain ints, so the Doc still serialises (to_bytes, DocBin).
        bounds = doc.user_data[_SENTENCES_KEY] = [(s.start, s.end) for s in doc.sents]
    upto = bisect.bisect_right(bounds, (i, len(doc) + 1))
    return [doc[start:end] for start, end in bounds[:upto]]
