"""Quoted statements: a quote beside a reporting frame, a dash credit after a quote ('"..." ― Maria
Lopez'), a quote continuing the previous voice, and speaker labels ('WALLACE: ...', 'Poll: ...')."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from claimgraph.annotate.attribution_parts import Found, Lexicon, Source, source_of, subject_of

# A quote needs a few words to be a statement rather than a scare-quoted term.
_MIN_QUOTE_WORDS = 1
# Tokens between a quote and the reporting frame beside it ('," she said').
_QUOTE_REACH = 4


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


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _opens_paragraph(text: str, at: int) -> bool:
    """A mis-typed closing mark at the start of a paragraph ('\n”Fear. I am ...') opens a quote."""
    return (at == 0 or text[at - 1] == "\n") and text[at + 1 : at + 2].isalnum()


def attach_quotes(doc: Doc, found: list[Found], lex: Lexicon) -> None:
    """A quote next to a reporting frame is that frame's content, across sentences if need be;
    a quote opening the sentence after a framed quote continues the same voice."""
    previous: Found | None = None
    text = doc.text  # Doc.text joins every token anew on each access
    for q_start, q_end in quote_spans(text):
        quote = doc.char_span(q_start, q_end, alignment_mode="expand")
        if quote is None or len(quote) == 0:
            continue
        credit = _dash_credit(doc, text, q_end, lex)
        if credit is not None:
            dash, voice = credit
            previous = Found(cue=dash, start=q_start, end=q_end, own=[Source(voice, voice, voice.text)])
            found.append(previous)
            continue
        frame = _frame_beside(quote, found)
        if frame is not None:
            # The quote is the content; a content running past it
            # ('"a great possibility" the troops will') keeps its tail.
            if frame.start < quote.end_char and quote.start_char < frame.end:
                frame.start, frame.end = min(frame.start, quote.start_char), max(frame.end, quote.end_char)
            elif _words(text[q_start:q_end]) < _words(text[frame.start : frame.end]):
                # 'told CNN's "State of the Union" that ...': a title beside the cue is not what
                # was said when the frame already reports a longer clause.
                continue
            else:
                frame.start, frame.end = quote.start_char, quote.end_char
            previous = frame
            continue
        # A quoted transcript turn ('"HOST: ...') is the labelled speaker's, not the colon's before it.
        turn = _SPEAKER_LINE.match(text, q_start)
        cue = _cue_beside(quote, lex) or (None if turn else _colon_before(quote))
        if cue is not None:
            subject = subject_of(cue) if cue.pos_ == "VERB" else subject_of(cue.sent.root)
            own = [source_of(subject, lex)] if subject is not None else []
            previous = Found(cue=doc[cue.i : cue.i + 1], start=quote.start_char, end=quote.end_char, own=own)
            found.append(previous)
        elif previous is not None and _continues(previous, quote):
            found.append(
                Found(cue=previous.cue, start=quote.start_char, end=quote.end_char, inherits=previous)
            )
        else:
            previous = None


_DASH_CREDIT = re.compile(r"[^\S\n]*(?P<dash>[―—–]+|--)[^\S\n]*(?P<name>[^\n,;(]{2,60})")


def _dash_credit(doc: Doc, text: str, quote_end: int, lex: Lexicon) -> tuple[Span, Span] | None:
    """'"..." ― Maria Lopez, 34': a dash and a name right after a quote credit it to that name."""
    match = _DASH_CREDIT.match(text, quote_end)
    if match is None:
        return None
    dash = doc.char_span(match.start("dash"), match.end("dash"), alignment_mode="expand")
    name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="contract")
    voice = _speaker_name(name, lex) if name is not None and 0 < len(name) <= _SPEAKER_TOKENS else None
    if dash is None or voice is None:
        return None
    return dash, voice


def _continues(previous: Found, quote: Span) -> bool:
    """'"A," she said. "B."': B opens the sentence right after the one that framed A."""
    doc = quote.doc
    first = quote[0].sent
    if first.start != quote.start or first.start == 0:
        return False
    before = doc[first.start - 1].sent
    return before.start <= previous.cue.start < before.end or previous.end >= before.start_char


def _frame_beside(quote: Span, found: list[Found]) -> Found | None:
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
        if lex.is_cue(token):
            return token
    return None


# A transcript turn inside a quoted transcript opens with the quote mark ('"WALLACE: ...').


_SPEAKER_LINE = re.compile(r"^[ \t]*[\"“]?(?P<name>[^\n:\"“]{2,60}):[ \t]*(?P<rest>[^\n]*)$", re.MULTILINE)
_SPEAKER_TOKENS = 7


def speaker_lines(doc: Doc, found: list[Found], lex: Lexicon) -> list[Found]:
    """'Sanders: Clinton email story has moved.' and transcript turns ('JAKE TAPPER:' then the
    paragraph): a short name before a colon at the start of a line speaks the rest."""
    statements = []
    text = doc.text
    for match in _SPEAKER_LINE.finditer(text):
        name = doc.char_span(match.start("name"), match.end("name"), alignment_mode="contract")
        voice = _speaker_name(name, lex) if name is not None and len(name) <= _SPEAKER_TOKENS else None
        if voice is None:
            continue
        start, end = match.start("rest"), match.end("rest")
        if len(text[start:end].split()) < 2:
            # A transcript turn: the speaker's words are the next paragraph.
            following = re.match(r"\s*([^\n]+)", text[match.end() :])
            if following is None:
                continue
            start, end = match.end() + following.start(1), match.end() + following.end(1)
        # A frame outside the line already speaks it; statements inside it are the speaker's.
        if any(f.start < end and start < f.end and not start <= f.cue.start_char < end for f in found):
            continue
        colon = doc.char_span(match.end("name"), match.end("name") + 1, alignment_mode="expand")
        if colon is not None:
            statements.append(Found(cue=colon, start=start, end=end, own=[Source(voice, voice, voice.text)]))
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
