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
        settings = data.load("sentences", lang)
        self.hard_wrap_share = float(settings["hard_wrap_share"])
        self.hard_wrap_min_breaks = int(settings["hard_wrap_min_breaks"])

    def __call__(self, doc: Doc) -> Doc:
        breaks = [
            (t, doc[t.i + 1]) for t in doc[:-1] if t.is_space and "\n" in t.text and not doc[t.i + 1].is_space
        ]
        single = [after for space, after in breaks if space.text.count("\n") == 1]
        wrapped = sum(1 for after in single if _continues(after))
        hard_wrapped = wrapped >= self.hard_wrap_min_breaks and wrapped >= self.hard_wrap_share * len(single)
        for space, after in breaks:
            if space.text.count("\n") > 1 or not hard_wrapped:
                after.is_sent_start = True
        return doc


def _continues(token: Token) -> bool:
    """A line that starts in lower case carries on the sentence of the line above."""
    return token.text[:1].islower()


@Language.factory(
    "claimgraph_line_breaks_v1",
    assigns=["token.is_sent_start"],
    default_config={"lang": "en"},
)
def make_line_break_sentencizer(nlp: Language, name: str, lang: str) -> LineBreakSentencizer:
    return LineBreakSentencizer(name, lang=lang)
