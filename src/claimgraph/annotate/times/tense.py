"""The tense of the clause a time expression sits in, read from spaCy's parse.

Bare months and weekdays take their year or week from it: "sent … in November" in a July
report is last November, "will meet in November" is the coming one.
"""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Doc, Span, Token

from claimgraph.annotate.times.lexicon import Lexicon

# "modal": would, could, may, might, should: as often a hedge as a look ahead. A hedge about the
# past takes "have" ("may have been set afire") and counts as past; what is left mostly looks ahead
# ("can win in November"), so a bare month or day takes its next year there.
Tense = Literal["past", "present", "future", "modal"]

_MAX_HOPS = 8
_PAST_AUX = frozenset({"was", "were", "had", "did", "'d"})
_PERFECT_AUX = frozenset({"has", "have", "'ve", "having"})
_PAST_PERFECT_AUX = frozenset({"had", "'d"})
_BE_PRESENT = frozenset({"is", "are", "am", "'s", "'re", "'m"})
_MODALS = frozenset({"would", "could", "may", "might", "should", "must", "can", "'d"})
_ON = frozenset({"on"})


def tokens_at(doc: Doc | None, span: tuple[int, int] | None) -> Span | None:
    """The tokens over the characters of ``span``; ``None`` when there are none."""
    if doc is None or span is None:
        return None
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    return tokens if tokens is not None and len(tokens) else None


def _parsed_span(doc: Doc, start: int, end: int, *, tags: bool = False) -> Span | None:
    """The tokens over the characters ``start:end``; ``None`` without a parse (or tags)."""
    if not doc.has_annotation("DEP") or (tags and not doc.has_annotation("TAG")):
        return None
    return tokens_at(doc, (start, end))


def _word(token: Token) -> str:
    """The token in lower case, a curly apostrophe read as a straight one ("he’ll", "it’s")."""
    return token.lower_.replace("’", "'")


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` in the dependency tree (itself if it is one)."""
    current = token
    for _ in range(_MAX_HOPS):
        if current.pos_ in {"VERB", "AUX"} and current.dep_ not in {"aux", "auxpass"}:
            return current
        if current.head == current:
            return None
        current = current.head
    return None


def verb_tense(verb: Token, lexicon: Lexicon, depth: int = 0) -> Tense | None:
    """Past, present or future from the verb's tag and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {_word(a) for a in auxes}
    if words & lexicon.future_auxiliaries or _word(verb) in lexicon.future_auxiliaries:
        return "future"
    # "plans to meet in May" looks ahead; "agreed in April to hand them over" dates the agreeing.
    if (
        verb.lemma_.lower() in lexicon.future_governors
        and verb.tag_ != "VBD"
        and not _past_perfect(verb)
        and any(c.dep_ == "xcomp" for c in verb.children)
    ):
        return "future"
    # "A ruling is expected on Monday", "the vote is scheduled for Friday", "Voters are preparing
    # for Sunday's election"
    lemma = verb.lemma_.lower()
    if lemma in lexicon.future_governors and verb.tag_ in {"VBN", "VBG"} and words & _BE_PRESENT:
        return "future"
    if lemma in lexicon.scheduling_verbs and verb.tag_ == "VBN" and verb.dep_ == "acl":
        return "present"  # "the vote, scheduled for Sunday": the nearest such day
    if words & _MODALS:
        # "may have been set afire in November": a hedge about the past
        # ("’d" before a participle is "had": "he’d won in November")
        return "past" if words & {"have", "'d"} and verb.tag_ in {"VBN", "VBD"} else "modal"
    if words & _PAST_AUX or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if words & _PERFECT_AUX and verb.tag_ == "VBN":
        return "past"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN" and not auxes:
        return "past"  # a reduced relative: "troops sent in November"
    if words & _BE_PRESENT:
        return "present"
    if (
        (verb.tag_ == "VB" or (verb.tag_ == "VBN" and "be" in words))  # "is to be signed Friday"
        and verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in lexicon.arranging_verbs
        and verb.head.tag_ in {"VBZ", "VBP"}
    ):
        return "future"  # "is to resume trading Tuesday"
    if (
        verb.tag_ == "VB"
        and verb.head == verb
        and verb.lemma_.lower() in lexicon.future_governors
        and not auxes
        and not any(c.dep_ == "nsubj" for c in verb.children)
    ):
        return "future"  # an imperative to arrange: "please schedule a meeting for Monday"
    if verb.tag_ in {"VB", "VBG"} and depth < 3 and verb.head != verb:
        head = governing_verb(verb.head)
        if head is not None and head != verb:
            if head.lemma_.lower() in lexicon.future_governors and verb.tag_ == "VB":
                # "had been scheduled to expire Friday": a plan made before a past moment
                return "past" if _past_perfect(head) else "future"
            tense = verb_tense(head, lexicon, depth + 1)
            # "announced an agreement to acquire the bank in January": an infinitive on a noun
            # names what the agreement or plan looks ahead to, so the past of announcing does
            # not date it; the nearest January does.
            if tense == "past" and verb.tag_ == "VB" and verb.dep_ == "acl":
                return None
            return tense
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    return None


def _past_perfect(verb: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} and _word(c) in _PAST_PERFECT_AUX for c in verb.children)


def _reported_would(verb: Token, time: Token, lexicon: Lexicon) -> bool:
    """ "said it would close the plant in March": a "would" that a verb of saying in the past
    reports looks ahead of the saying, so of the report; not "would have" (a past unreal), nor a
    time inside a noun phrase ("would get around Wednesday's ruling": the ruling came before)."""
    auxes = {_word(c) for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if not auxes and verb.dep_ == "conj":  # "would close the plant in March and reopen it in May"
        verb = verb.head
        auxes = {_word(c) for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if "would" not in auxes or auxes & _PERFECT_AUX or time.dep_ in {"poss", "compound", "nmod", "amod"}:
        return False
    if verb.dep_ not in {"ccomp", "conj"} or verb.head == verb:
        return False
    head = verb.head if verb.dep_ == "ccomp" else verb.head.head
    return head.lemma_.lower() in lexicon.reporting_verbs and head.tag_ in {"VBD", "VBN"}


def _scheduled(verb: Token, time: Token, lexicon: Lexicon) -> bool:
    """ "planned a large demonstration on Saturday", "scheduled a vote for Monday": a past verb of
    setting up an event, with the event as its object and the day in a phrase of its own, dates
    the event, which may lie ahead of the report as well as behind it."""
    return (
        verb.tag_ == "VBD"
        and verb.lemma_.lower() in lexicon.scheduling_verbs
        and any(c.dep_ == "dobj" for c in verb.children)
        and time.head.dep_ == "prep"
        and time.head.head == verb
    )


def _nearest_verb(span: Span) -> Token | None:
    """The nearest main verb of the span's sentence, for a phrase the parser left without one
    above it ("By the end of the month most roads had reopened" parsed with "By" as its root)."""
    verbs = [t for t in span.sent if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "auxpass"}]
    return min(verbs, key=lambda t: abs(t.i - span.root.i), default=None)


def _in_attribution(token: Token, verb: Token, lexicon: Lexicon) -> bool:
    """ "According to the ministry on the 13th, the delegation will arrive ...": the time dates
    the source's statement, made before the report, not the clause's verb."""
    current = token
    while current.lower_ not in lexicon.attribution_words:
        if current == verb or current.head == current:
            return False
        current = current.head
    return True


def tense_at(doc: Doc, start: int, end: int, lexicon: Lexicon) -> Tense | None:
    """The tense governing the characters ``start:end`` of ``doc``; ``None`` without a parse."""
    span = _parsed_span(doc, start, end, tags=True)
    if span is None:
        return None
    verb = governing_verb(span.root) or _nearest_verb(span)
    if verb is None:
        return None
    verb = _saying_before_clause(span, verb, lexicon)
    if _in_attribution(span.root, verb, lexicon):
        return "past"
    if _scheduled(verb, span.root, lexicon):
        return "present"  # the nearest such day: the planning says nothing of before or after
    tense = verb_tense(verb, lexicon)
    if tense == "modal" and _reported_would(verb, span.root, lexicon):
        return "future"
    if tense == "present" and any(
        c.dep_ == "mark" and c.lower_ in lexicon.condition_marks for c in verb.children
    ):
        return "future"  # "if a Republican is elected in November": a condition speaks of what is to come
    return tense


def _saying_before_clause(span: Span, verb: Token, lexicon: Lexicon) -> Token:
    """ "The company said on Monday it would cut jobs": a time between a verb of saying and the
    subject of what is said dates the saying, wherever the parser hangs it."""
    head = verb.head
    if verb.dep_ != "ccomp" or head.lemma_.lower() not in lexicon.reporting_verbs:
        return verb
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subjects and head.i < span.start and span.end <= subjects[0].left_edge.i:
        return head
    return verb


def _dated_word(root: Token, prepositions: frozenset[str]) -> Token | None:
    """The word a time phrase dates: the head of its preposition ("held on March 3") or of the
    bare phrase ("died Nov. 2"); ``None`` for a time inside a noun phrase or after another word."""
    if root.dep_ == "pobj" and root.head.lower_ in prepositions:
        return root.head.head
    if root.dep_ in {"npadvmod", "tmod"}:
        return root.head
    return None


def dates_past_event(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether ``start:end`` directly dates a finished event: "was held on March 3", "died
    Nov. 2", "In June, troops entered the town". Such a date cannot lie well after the report,
    as a date that a past verb sets up can ("extended the offer to Nov. 20", "set for April")."""
    span = _parsed_span(doc, start, end)
    if span is None:
        return False
    verb = _dated_word(span.root, lexicon.event_date_prepositions)
    if verb is None:
        return False
    if verb.dep_ == "advmod" and verb.pos_ == "ADV":  # "arrived as early as July"
        verb = verb.head
    lemma = verb.lemma_.lower()
    # "signalled another increase in April", "announced a strike in April": what is said may
    # come later than the saying
    if verb.pos_ not in {"VERB", "AUX"} or lemma in lexicon.future_governors | lexicon.reporting_verbs:
        return False
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {_word(a) for a in auxes}
    if words & _MODALS or words & lexicon.future_auxiliaries:
        return False
    # a reduced relative: "the offensive, launched in August"
    reduced_relative = verb.tag_ == "VBN" and verb.dep_ == "acl" and not auxes
    return verb.tag_ == "VBD" or bool(words & _PAST_AUX) or reduced_relative


def dates_saying(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether ``start:end`` dates only the telling: "Exports rose in February, data showed
    Thursday" (then "the previous month" is January, counted from the story, not the telling)."""
    span = _parsed_span(doc, start, end)
    if span is None:
        return False
    verb = _dated_word(span.root, _ON)
    return verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in lexicon.reporting_verbs


def _under_noun(token: Token, verb: Token) -> bool:
    """Whether a noun outside the time phrase stands between ``token`` and ``verb``."""
    current = token.head
    while current != verb and current.head != current:
        if current.pos_ in {"NOUN", "PROPN"} and current.dep_ != "compound":
            return True
        current = current.head
    return False


def present_of_action(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether a simple present verb other than "be" governs ``start:end``: "Ministers meet on
    Monday", "Voters go to the polls Sunday". Not a verb of saying ("In a Feb. 8 meeting, Comey
    writes ..."), nor one whose past looks the same, as the tagger reads it present only by its
    subject: "Weakness hurt the index on Friday" (a singular subject would need "hurts")."""
    span = _parsed_span(doc, start, end, tags=True)
    verb = governing_verb(span.root) if span is not None else None
    if verb is None or verb.tag_ not in {"VBZ", "VBP"} or verb.lemma_.lower() in lexicon.arranging_verbs:
        return False
    if verb.lemma_.lower() in lexicon.reporting_verbs:
        return False  # "In a Feb. 8 meeting, Comey writes, ...": the time dates what is told
    if _under_noun(span.root, verb):
        return False  # "stems from the decision in March to slap tariffs": the time dates the noun
    if any(c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return False
    if verb.tag_ == "VBP":
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects or subjects[0].tag_ in {"NN", "NNP"}:
            return False
    return not _past_when_after(span)


def _past_when_after(span: Span) -> bool:
    """ "echoes a controversy in June when Mr. Trump assailed a judge": a past clause on "when"
    right after the time tells a time gone by, whatever the verb before it."""
    doc = span.doc
    i = span.end + (span.end < len(doc) and doc[span.end].text == ",")
    if i >= len(doc) or doc[i].lower_ != "when":
        return False
    clause = doc[i].head
    return clause.tag_ == "VBD" or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in clause.children
    )


def lasted_until(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the clause reports a past state that held up to the time, so "until" looks back.

    "Until Thursday, they had not called him a suspect" (past perfect), "they did not leave
    until Friday" (a negated past) and "the storm lasted until Monday" (a past verb of lasting)
    end at a day gone by; "postponed until Tuesday" looks ahead.
    """
    span = _parsed_span(doc, start, end)
    verb = governing_verb(span.root) if span is not None else None
    if verb is None:
        return False
    children = list(verb.children)
    auxes = {_word(c) for c in children if c.dep_ == "aux"}
    past = bool(auxes & _PAST_AUX) or verb.tag_ == "VBD"
    negated = any(c.dep_ == "neg" for c in children)
    lasting = verb.lemma_.lower() in lexicon.lasting_verbs
    return bool(auxes & _PAST_PERFECT_AUX) or (past and (negated or lasting))


def habitual(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the clause of ``start:end`` tells of a habit: "is usually conducted in the fourth
    quarter", "typically meets on Monday" (an adverb of habit on its verb)."""
    span = _parsed_span(doc, start, end)
    verb = governing_verb(span.root) if span is not None else None
    return verb is not None and any(
        c.dep_ == "advmod" and c.lower_ in lexicon.habitual_adverbs for c in verb.children
    )


def deferred_to(doc: Doc, start: int, end: int, lexicon: Lexicon) -> bool:
    """Whether ``start:end`` is the time an event or a deadline was moved to: "the vote was
    postponed to January", "the ban was extended through March" (ahead of the report, whatever
    the tense), as against "sales rose through January"."""
    span = _parsed_span(doc, start, end)
    if span is None or span.root.dep_ != "pobj":
        return False
    preposition = span.root.head
    if preposition.lower_ not in lexicon.deferral_prepositions:
        return False
    verb = preposition.head
    if verb.dep_ == "advmod" and verb.pos_ == "ADV":  # "pushed back to Tuesday"
        verb = verb.head
    return verb.pos_ == "VERB" and verb.lemma_.lower() in lexicon.deferring_verbs


def before_verb(doc: Doc, start: int, end: int) -> Tense | None:
    """For an adverbial ``start:end`` placed before the verb it modifies ("will one day be", "he
    one day returns", "one day he walked in"; not "lasted one day", nor "one day is enough" as a
    subject): "past" when that verb is in the past, else "future"; ``None`` for other places."""
    span = _parsed_span(doc, start, end)
    if span is None:
        return None
    root = span.root
    verb = root.head
    if verb.i <= root.i or verb.pos_ not in {"VERB", "AUX"}:
        return None
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if root.dep_ != "npadvmod" and not any(a.i < span.start for a in auxes):
        return None
    past = verb.tag_ == "VBD" or any(_word(a) in _PAST_AUX or a.tag_ == "VBD" for a in auxes)
    return "past" if past else "future"
