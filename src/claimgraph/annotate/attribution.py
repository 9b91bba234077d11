"""Attribution: who says what. Each reported statement becomes an ``Attribution`` with its cue,
its content span and its source chain, outermost first.

A statement is found from a reporting verb (its subject or passive agent is the source; a
that-clause, an adjacent quote, or the clause it is set against is the content), a reporting
noun with its holder ("Trump's claim that ...") or a source phrase ("according to X", "as per
X"); quotes, dash credits and speaker labels are in ``attribution_quotes``. Chains grow outward
from "according to" frames and enclosing reports, and inward from "citing X". Pronoun, surname and
"the assessment" sources are resolved to the voice named earlier in the document. The cues live
in ``data/en/attribution.yaml``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimgraph.annotate.attribution_parts import (
    RELATIVE_PRONOUNS,
    Found,
    Lexicon,
    Source,
    largest_run,
    noun_phrase,
    source_of,
    strip_punct,
    subject_of,
)
from claimgraph.annotate.attribution_quotes import attach_quotes, speaker_lines
from claimgraph.annotate.attribution_stances import holder_noun_statements
from claimgraph.annotate.extensions import add_attributions, doc_id, mentions_of
from claimgraph.model import Attribution, EntityMention, SourceRef

__all__ = ["AttributionAnnotator", "Lexicon", "canonical_source_name", "noun_phrase", "source_type"]

# What a stance adjective is about: "worried about", "critical of", "angry over".
_STANCE_PREPOSITIONS = frozenset({"about", "of", "over", "with", "on"})
_PROFORM_DEPS = frozenset({"advmod", "dobj", "intj", "attr", "npadvmod", "ccomp"})
_OBJECT_DEPS = frozenset({"dobj", "xcomp", "prep", "dative", "attr", "oprd", "acomp", "advcl", "intj"})


class AttributionAnnotator:
    """Finds reported statements and their source chains; appends them to ``doc._.attributions``."""

    def __init__(self, name: str, *, lang: str, max_sentence_tokens: int) -> None:
        self.name = name
        self.lexicon = Lexicon.load(lang)
        self.max_sentence_tokens = max_sentence_tokens

    def __call__(self, doc: Doc) -> Doc:
        lex = self.lexicon
        found: list[Found] = []
        for sent in doc.sents:
            # An over-long "sentence" is a parse failure (tables, lists); skip it to bound time.
            if len(sent) <= self.max_sentence_tokens:
                found.extend(_sentence_statements(sent, lex))
        attach_quotes(doc, found, lex)
        found.extend(speaker_lines(doc, found, lex))
        _build_chains(found, lex)
        _resolve_sources(doc, found, lex)
        did = doc_id(doc)
        add_attributions(doc, [_to_model(did, f, lex) for f in sorted(found, key=lambda f: (f.start, f.end))])
        return doc


# --- one sentence -----------------------------------------------------------------------------


def _sentence_statements(sent: Span, lex: Lexicon) -> list[Found]:
    phrases = list(_phrase_cues(sent, lex))
    # "according to show insiders": a word the tagger took for a verb between the cue and its
    # object belongs to the source phrase.
    in_phrase = {t.i for cue, obj in phrases for t in sent.doc[cue.start : max(cue.end, obj.i + 1)]}
    verbs = [t for t in sent if lex.is_cue(t) and t.i not in in_phrase]
    citing = [
        t for t in verbs if t.lemma_.lower() in lex.citing and not subject_of(t) and _cites_voice(t, lex)
    ]
    by_token: dict[int, Found] = {}
    # Tokens that frame rather than report: "citing X", "according to X".
    excluded = {t.i for c in citing for t in _citing_frame(c)} | {
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
    by_token.update(_noun_statements(sent, lex, excluded | cue_ids))
    by_token.update(holder_noun_statements(sent, lex, excluded | cue_ids))
    by_token.update(_evidential_statements(sent, lex, excluded, cue_ids))
    for verb in verbs:
        if verb.i in by_token and not by_token[verb.i].own:
            statement = by_token[verb.i]
            statement.inherits = _governing(verb, by_token)
            # "Trump returned the compliment, telling Reuters ...": the voice is the clause's subject.
            actor = None if statement.inherits else _actor_above(verb, lex)
            if actor is not None:
                statement.own = [source_of(actor, lex)]
    found = list(by_token.values())
    for cite in citing:
        target = _governing(cite, by_token)
        # "X reported, citing Y, that ...": a citing phrase modifies the report before it; a parse
        # that hangs it on a cue further right is wrong unless nothing reports before it.
        if target is None or target.cue.start > cite.i:
            target = _nearest_left(cite, by_token) or target
        obj = next((c for c in cite.children if c.dep_ in {"dobj", "pobj", "attr"}), None)
        if target is not None and obj is not None:
            target.inner.append(source_of(obj, lex))
    for cue, obj in phrases:
        source = source_of(obj, lex)
        target = _governing(cue[0], by_token)
        if target is None and by_token:
            target = min(by_token.values(), key=lambda f: abs(f.cue.start - cue.start))
        if target is None:
            start, end = _clause_without(_clause_verb(cue[0], sent), cue.start, [*cue, *obj.subtree], sent)
            if end <= start:
                start, end = _after_source(obj, sent)
            if end > start:
                found.append(Found(cue=cue, start=start, end=end, own=[source]))
        elif _is_outer(cue, obj, target, sent):
            target.outer.append(source)
        else:
            target.inner.append(source)
    return found


def _after_source(obj: Token, sent: Span) -> tuple[int, int]:
    """ "According to X, the move reeks of fear": when the parse hung the clause on the source
    (as an apposition), the content is what follows the comma after the source's name."""
    name_end = noun_phrase(obj).end
    comma = next((t for t in sent.doc[name_end : sent.end] if t.text == ","), None)
    if comma is None:
        return 0, 0
    tokens = strip_punct([t for t in sent.doc[comma.i + 1 : sent.end] if not t.is_space])
    if sum(1 for t in tokens if not t.is_punct) < 3:
        return 0, 0
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _citing_frame(cite: Token) -> list[Token]:
    """ "citing Y": the verb and the voice it cites, without a that-clause the parser hung on it."""
    clauses = {t.i for c in cite.children if c.dep_ == "ccomp" for t in c.subtree}
    return [t for t in cite.subtree if t.i not in clauses]


def _cites_voice(cite: Token, lex: Lexicon) -> bool:
    """ "citing officials" / "citing a company filing" name a voice, the next link of the chain;
    "citing a threat to public health" names the reason, which is what the actor says."""
    obj = next((c for c in cite.children if c.dep_ in {"dobj", "pobj", "attr"}), None)
    if obj is None:
        return True
    return (
        obj.pos_ == "PROPN"
        or obj.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}
        or obj.lemma_.lower() in lex.document_nouns
        or source_type(noun_phrase(obj).text, lex) is not None
    )


def _adjective_statements(sent: Span, lex: Lexicon, excluded: set[int]) -> dict[int, Found]:
    """ "They are convinced that ...", "she was willing to testify", "they are worried about the
    vote": a stance adjective with a clause or an object of its stance reports the holder's view."""
    found = {}
    for adjective in sent:
        # "convinced" is tagged as a participle (lemma "convince") as often as an adjective.
        if adjective.lower_ not in lex.adjectives or adjective.dep_ != "acomp":
            continue
        clause = next(
            (
                c
                for c in adjective.children
                if c.dep_ in {"ccomp", "xcomp"} or (c.dep_ == "prep" and c.lower_ in _STANCE_PREPOSITIONS)
            ),
            None,
        )
        holder = subject_of(adjective.head)
        if clause is None or holder is None:
            continue
        # "worried about the vote": the content is the object, not the preposition.
        tokens = [t for t in clause.subtree if not (clause.dep_ == "prep" and t == clause)]
        span = largest_run([t for t in tokens if t.i not in excluded])
        if span:
            cue = sent.doc[adjective.head.i : adjective.i + 1]
            found[adjective.i] = Found(cue=cue, start=span[0], end=span[1], own=[source_of(holder, lex)])
    return found


def _evidential_statements(
    sent: Span, lex: Lexicon, excluded: set[int], cue_ids: set[int]
) -> dict[int, Found]:
    """ "He seems to have left", "it appeared that ...": the writer's perception, a statement
    without a named voice; its content is what seems so. "He appeared to suggest" is his own
    statement (the cue under it), and a one-word complement ("seemed eager") is a description."""
    found = {}
    for verb in sent:
        if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in lex.evidential:
            continue
        complement = [
            c
            for c in verb.children
            if c.dep_ in {"xcomp", "ccomp", "acomp", "oprd", "attr"}
            or (c.dep_ == "prep" and c.lower_ in {"like", "as"})
        ]
        tokens = [t for c in complement for t in c.subtree if t.i not in excluded]
        if any(c.i in cue_ids for c in complement) or sum(1 for t in tokens if not t.is_punct) < 3:
            continue
        span = largest_run(tokens)
        if span:
            found[verb.i] = Found(cue=sent.doc[verb.i : verb.i + 1], start=span[0], end=span[1])
    return found


def _noun_statements(sent: Span, lex: Lexicon, excluded: set[int]) -> dict[int, Found]:
    """ "Trump's claim that ...", "a Times report that ...", "his comments about ...": a reporting
    noun with a that-clause (or what it is about) reports the view of its holder."""
    found = {}
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in lex.nouns or noun.i in excluded:
            continue
        content = _noun_content(noun)
        holder = _noun_holder(noun, lex)
        span = largest_run([t for t in content if t.i not in excluded]) if content and holder else None
        if span:
            found[noun.i] = Found(cue=sent.doc[noun.i : noun.i + 1], start=span[0], end=span[1], own=[holder])
    return found


def _noun_content(noun: Token) -> list[Token]:
    """The that-clause of a reporting noun ("the claim that ..."), else what it is about or for
    ("his call for a ban", "her attack on the plan")."""
    for child in noun.children:
        if child.dep_ in {"acl", "relcl", "ccomp", "appos"} and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in child.children
        ):
            return list(child.subtree)
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in {"about", "on", "for", "against", "over"}:
            return [t for c in child.children if c.dep_ in {"pobj", "pcomp"} for t in c.subtree]
    return []


def _noun_holder(noun: Token, lex: Lexicon) -> Source | None:
    """Whose claim it is: the possessor ("Trump's claim"), a name before it ("a Times report") or
    the voice behind it ("a report by the agency"); None when the noun names no one."""
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        return source_of(possessor, lex)
    source = source_of(noun, lex)
    return source if source.voice != source.tokens else None


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
                if obj is None:
                    obj = _first_noun_after(cue, sent)
                if obj is not None:
                    yield cue, obj
                    i += n - 1
                break
        i += 1


def _first_noun_after(cue: Span, sent: Span) -> Token | None:
    """The noun right after a source phrase, past one word the tagger took for a verb or
    adjective ("according to show insiders")."""
    for token in sent.doc[cue.end : min(cue.end + 2, sent.end)]:
        if token.pos_ in {"PROPN", "NOUN", "PRON"}:
            # A compound's head is the name: "according to Reuters reporters" -> "reporters".
            while (
                cue.end <= token.head.i < sent.end
                and token.head.pos_ in {"PROPN", "NOUN"}
                and token.dep_ == "compound"
            ):
                token = token.head
            return token
        if token.pos_ not in {"VERB", "ADJ"}:
            return None
    return None


def _verb_statement(
    verb: Token, sent: Span, lex: Lexicon, excluded: set[int], cue_ids: set[int]
) -> Found | None:
    # "with Ms Reed saying ...": the noun of the absolute "with" speaks, however it was parsed.
    subject = _with_subject(verb) or subject_of(verb)
    under_cue = subject is None and _under_cue(verb, cue_ids)
    if subject is None:
        # Under another cue ("urged ..., and criticized X") the actor still shows that the verb
        # reports something, but the voice is inherited from the governing statement.
        subject = _actor_above(verb, lex)
    name = _name_before(verb, sent) if subject is None and not under_cue else None
    if name is not None:
        subject = name.root
    content = _content(verb, subject, sent, lex, cue_ids)
    own = [source_of(subject, lex)] if subject is not None and not under_cue else []
    if name is not None:
        own = [Source(name, name, name.text)]
    frame = {verb.i, *excluded, *(t.i for s in own for t in s.tokens)}
    span = largest_run([t for t in content if t.i not in frame]) if content else _previous_quote(sent, frame)
    if not span:
        return None
    return Found(cue=sent.doc[verb.i : verb.i + 1], start=span[0], end=span[1], own=own)


def _name_before(verb: Token, sent: Span) -> Span | None:
    """ "In a meeting with the board Trump said ...": a finite verb the parse left without a
    subject speaks for the name right before it (the parser hung that name on a phrase); the
    name is its entity when it has one ("Trump", not "the Washington Post Trump")."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    k = verb.i - 1
    while k > sent.start and sent.doc[k].pos_ in {"ADV", "AUX", "PART"}:
        k -= 1
    before = sent.doc[k]
    if k < sent.start or before.pos_ not in {"PROPN", "NOUN"}:
        return None
    if before.dep_ not in {"pobj", "compound", "appos", "npadvmod"}:
        return None
    if not before.ent_type_:
        return noun_phrase(before)
    start = before.i
    while start > sent.start and before.doc[start].ent_iob_ == "I":
        start -= 1
    return before.doc[start : before.i + 1]


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
    tokens = strip_punct([t for t in before if not t.is_space])
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _content(verb: Token, subject: Token | None, sent: Span, lex: Lexicon, cue_ids: set[int]) -> list[Token]:
    """The tokens of what the verb reports, or [] when it reports nothing here."""
    # "It is unlikely; her team says she will return": a clause the parse hung on the verb from
    # before a semicolon or comma yields to the one the verb introduces.
    clauses = sorted((c for c in verb.children if c.dep_ == "ccomp"), key=lambda c: c.i < verb.i)
    if clauses:
        return list(clauses[0].subtree)
    # "X reported, citing Y, that ...": the parser may hang the that-clause on "citing".
    for child in verb.children:
        if child.lemma_.lower() in lex.citing:
            clause = next((c for c in child.children if c.dep_ == "ccomp"), None)
            if clause is not None:
                return list(clause.subtree)
    # "X, she said" / 'She assessed, "..."': a reporting verb with a voice hangs on the clause it frames.
    if (
        subject is not None
        and verb.dep_ in {"ccomp", "parataxis"}
        # "to reflect that X is calling for ...": a subordinate clause is no frame.
        and not any(c.dep_ == "mark" for c in verb.children)
        and verb.head.pos_ in {"VERB", "AUX"}
        and verb.head.lemma_.lower() not in lex.verbs
    ):
        frame = {t.i for t in verb.subtree}
        # "X, she said, but added that Y": the conjoined report is a statement of its own.
        frame |= {t.i for c in verb.head.children if c.i in cue_ids and c.dep_ == "conj" for t in c.subtree}
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
    # "half said so", "Democrats said yes", "she said as much": a pro-form stands for the content.
    proform = next(
        (
            c
            for c in verb.rights
            if c.lower_ in lex.proforms and c.dep_ in _PROFORM_DEPS and c.i - verb.i <= 2
        ),
        None,
    )
    if subject is not None and proform is not None:
        return [proform]
    # "The story was first reported by X": the passive subject is what the agent reported.
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if passive is not None and subject is not None and subject.dep_ == "pobj":
        return list(passive.subtree)
    # "pointed to the deficit": a verb that otherwise needs a clause reports its listed prepositions' object.
    listed = lex.clause_verb_preps.get(lemma, frozenset())
    prep = next((c for c in verb.rights if c.dep_ == "prep" and c.lower_ in listed), None)
    if subject is not None and prep is not None:
        return [t for c in prep.children if c.dep_ in {"pobj", "pcomp"} for t in c.subtree]
    # "X called for a ban", "X urged voters to stay home": what follows the verb is the stance reported.
    if subject is not None and lemma not in lex.need_clause:
        # "told reporters": the object of a verb of telling is the hearer, not what was said.
        hearer = {"dobj", "dative"} if lemma in lex.hearer_object else set()
        # A reporting verb hanging on this one ("mocked X, saying ...") is a statement of its own.
        objects = [
            c
            for c in verb.rights
            if c.dep_ in _OBJECT_DEPS
            and c.dep_ not in hearer
            and c.i not in cue_ids
            and not (c.dep_ == "prep" and _circumstance(c, lemma, lex))
        ]
        tokens = [t for c in objects for t in c.subtree if sent.start <= t.i < sent.end]
        words = [t for t in tokens if not t.is_punct]
        # One word is a stance only when it names someone ("backed Clinton"), not "said so".
        if len(words) >= 2 or (words and words[0].pos_ == "PROPN" and words[0].dep_ == "dobj"):
            return tokens
    # "Y was accused of fraud": a passive without its agent reports, by no named voice, what the
    # passive subject is said to have done.
    passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None and passive is not None and verb.tag_ == "VBN" and lemma not in lex.need_clause:
        objects = [
            c
            for c in verb.rights
            if c.dep_ in {"prep", "xcomp", "oprd"}
            and c.i not in cue_ids
            and not (c.dep_ == "prep" and (_circumstance(c, lemma, lex) or c.lower_ in lex.passive_places))
        ]
        # "of using public money": the content starts after the preposition.
        tokens = [
            t
            for c in objects
            for t in c.subtree
            if sent.start <= t.i < sent.end and not (t == c and c.dep_ == "prep")
        ]
        if sum(1 for t in tokens if not t.is_punct) >= 2:
            return tokens
    return []


def _circumstance(prep: Token, lemma: str, lex: Lexicon) -> bool:
    """ "said in an interview", "spoke to a veterans group": a phrase of time, place, hearer or
    length, not what the stance is about (a verb of speaking has content only after a topic word)."""
    if lemma in lex.speaking:
        return prep.lower_ not in lex.topics
    return prep.lower_ in lex.circumstances


def _clause_without(head: Token, cue_i: int, frame, sent: Span) -> tuple[int, int]:
    """The clause of ``head`` without the frame subtree: the larger contiguous side of it."""
    frame_ids = {t.i for t in frame} | {cue_i}
    tokens = [t for t in head.subtree if t.i not in frame_ids and sent.start <= t.i < sent.end]
    before = [t for t in tokens if t.i < min(frame_ids)]
    after = [t for t in tokens if t.i > max(frame_ids)]
    side = before if len(before) >= len(after) else after
    side = strip_punct(side)
    if not side:
        return 0, 0
    return side[0].idx, side[-1].idx + len(side[-1].text)


def _governing(token: Token, by_token: dict[int, Found]) -> Found | None:
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


def _actor_above(verb: Token, lex: Lexicon) -> Token | None:
    """The subject of the nearest clause above a subjectless participle or coordinated verb; the
    noun of an absolute "with" ("with Ms Reed once saying ..."); a subject that cannot speak ("The
    time had come, she said, but added ...") yields to the voice of a frame set into that clause."""
    if verb.dep_ not in {"advcl", "xcomp", "conj", "pcomp"}:
        return None
    absolute = _with_subject(verb)
    if absolute is not None:
        return absolute
    node = verb
    for _ in range(10):
        if node.head == node:
            return None
        node = node.head
        subject = next(
            (c for c in node.children if c.dep_ == "nsubj" and c.pos_ in {"PROPN", "NOUN", "PRON"}), None
        )
        if subject is not None:
            # "who took to the streets and called for ...": the conjunct shares the relative
            # pronoun, which stands for the noun before it; a participle under a relative does not.
            if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ != "conj":
                return None
            if lex.can_speak(subject):
                return subject
            # PolNeAR credits any subject ("the rules empower ..."), so a noun that cannot speak
            # yields only to a voice that does.
            return _frame_voice(node, lex) or subject
    return None


def _with_subject(verb: Token) -> Token | None:
    """ "..., with Ms Reed once saying ...": the parser may hang "with Ms Reed" and the participle
    side by side on the main verb; the noun right before the participle is its subject."""
    if verb.tag_ != "VBG":
        return None
    k = verb.i - 1
    while k >= 0 and verb.doc[k].pos_ in {"ADV", "PART"}:
        k -= 1
    before = verb.doc[k] if k >= 0 else None
    if (
        before is not None
        and before.dep_ == "pobj"
        and before.pos_ in {"PROPN", "NOUN", "PRON"}
        and before.head.lower_ in {"with", "without"}
    ):
        return before
    return None


def _frame_voice(clause: Token, lex: Lexicon) -> Token | None:
    """The speaker of a reporting frame set into ``clause`` ("The time had come, she said")."""
    for child in clause.children:
        if child.dep_ in {"parataxis", "ccomp"} and lex.is_cue(child):
            subject = subject_of(child)
            if subject is not None and lex.can_speak(subject):
                return subject
    return None


def _nearest_left(token: Token, by_token: dict[int, Found]) -> Found | None:
    left = [i for i in by_token if i < token.i]
    return by_token[max(left)] if left else None


def _is_outer(cue: Span, obj: Token, target: Found, sent: Span) -> bool:
    """An "according to X" before the speaker or closing the sentence frames the whole report."""
    own_start = min((s.tokens.start for s in target.own), default=target.cue.start)
    if cue.start < own_start:
        return True
    tail = [
        t for t in sent[max(t.i for t in obj.subtree) + 1 - sent.start :] if not (t.is_punct or t.is_space)
    ]
    return not tail


# --- chains and resolution --------------------------------------------------------------------


def _build_chains(found: list[Found], lex: Lexicon) -> None:
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
            and _relays(g, f, lex)
        ]
        if enclosing:
            outer = min(enclosing, key=lambda g: g.end - g.start)
            prefix = [s for s in outer.chain if s not in f.chain]
            f.chain = [*prefix, *f.chain] if not f.outer else f.chain


def _relays(outer: Found, inner: Found, lex: Lexicon) -> bool:
    """Whether ``outer`` relays the report inside its content ("CNN said officials estimate"). A
    relative clause on the object of a stance is the writer's description of that object: in
    "thanked two aides, who were critical of him" the aides' stance is not the thanker's words
    (unlike "the video cites cases in which X defended Y", which the video says)."""
    if outer.cue.root.lemma_.lower() not in lex.stances:
        return True
    node = inner.cue.root
    for _ in range(40):
        if node.head == node:
            return True
        if node.dep_ == "relcl":
            obj = node.head
            return not (obj.dep_ == "dobj" and obj.head.i == outer.cue.start)
        node = node.head
    return True


def _inherited(f: Found) -> list[Source]:
    seen = 0
    node = f.inherits
    while node is not None and seen < 10:
        if node.own:
            return list(node.own)
        node, seen = node.inherits, seen + 1
    return []


def _resolve_sources(doc: Doc, found: list[Found], lex: Lexicon) -> None:
    """Canonical names and types, resolving pronouns, surnames and "the assessment" backwards."""
    entities = mentions_of(doc, EntityMention.kind)
    seen: list[Source] = []  # resolved sources in text order
    documents: list[Source] = []  # sources introduced through a document noun
    ordered = sorted({id(s): s for f in found for s in f.chain}.values(), key=lambda s: s.tokens.start)
    for source in ordered:
        _resolve(source, seen, documents, entities, lex)
        seen.append(source)
        if source.document and source.voice != source.tokens:
            documents.append(source)


def _resolve(
    source: Source, seen: list[Source], documents: list[Source], entities: list, lex: Lexicon
) -> None:
    if source.antecedent is not None:
        _resolve(source.antecedent, seen, documents, entities, lex)
        source.canonical, source.type = source.antecedent.canonical, source.antecedent.type
        return
    words = source.voice.text.lower().split()
    first = source.tokens[0].lower_
    named = [s for s in reversed(seen) if not lex.is_pronoun(s.voice.text) and s.canonical]
    antecedent: Source | None = None
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


def _is_person(source: Source, entities: list) -> bool:
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


def _to_model(did: str, f: Found, lex: Lexicon) -> Attribution:
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
