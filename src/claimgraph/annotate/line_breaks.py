"""Sentence starts at line breaks, so a headline is not parsed into the sentence below it.

Runs before spaCy's parser, which keeps boundaries already set. A blank line always starts a
new sentence; a single line break does too unless the text is hard-wrapped prose. Settings
live in ``data/<lang>/sentences.yaml``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimgraph import data


class LineBreakSentencizer:
    """Mark the first token after a line break as a sentence start."""

    def __init__(self, name: str, lang: str = "en") -> None:
        self.name = name
        self.settings = data.load("sentences", lang)

    def __call__(self, doc: Doc) -> Doc:
        for token in line_starts(doc, self.settings):
            token.is_sent_start = True
        return doc


def line_starts(doc: Doc, settings: dict) -> list[Token]:
    """The first tokens of lines that start a sentence: after every blank line, and after every
    line break unless the text is hard-wrapped prose.

    Args:
        doc: the tokenised text.
        settings: ``data/<lang>/sentences.yaml``.
    """
    breaks = [
        (t, doc[t.i + 1]) for t in doc[:-1] if t.is_space and "\n" in t.text and not doc[t.i + 1].is_space
    ]
    single = [(space, after) for space, after in breaks if space.text.count("\n") == 1]
    wrapped = sum(1 for space, after in single if _continues(space, after, settings))
    hard_wrapped = wrapped >= int(settings["hard_wrap_min_breaks"]) and wrapped >= float(
        settings["hard_wrap_share"]
    ) * len(single)
    return [after for space, after in breaks if space.text.count("\n") > 1 or not hard_wrapped]


def _continues(space: Token, after: Token, settings: dict) -> bool:
    """The line after ``space`` carries on the sentence of the line above: it starts in lower
    case, or the line above is as long as prose lines are and stops without closing punctuation
    ("... led by lawyer John" / "Bonifaz and ...")."""
    if after.text[:1].islower():
        return True
    if space.i == 0 or _char_before(space) in settings["line_end_punctuation"]:
        return False
    text = space.doc.text
    line_start = text.rfind("\n", 0, space.idx) + 1
    return space.idx - line_start >= int(settings["wrapped_line_min_chars"])


def _char_before(space: Token) -> str:
    """The last character of the line before the break."""
    return space.doc[space.i - 1].text[-1:]


@Language.factory(
    "claimgraph_line_breaks_v1",
    assigns=["token.is_sent_start"],
    default_config={"lang": "en"},
)
def make_line_break_sentencizer(nlp: Language, name: str, lang: str) -> LineBreakSentencizer:
    return LineBreakSentencizer(name, lang=lang)
