"""The spaCy component ``claimgraph_times_v1``: time expressions as normalised ``TimeMention``s.

It runs after the parser, because the tense of the governing verb decides the year of a bare
month or weekday, and reads the document creation time from ``doc._.dct``.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.annotate.extensions import doc_id, set_mentions
from claimgraph.annotate.times.extract import find_times, to_mentions
from claimgraph.annotate.times.lexicon import lexicon
from claimgraph.model import TimeMention


class TimeAnnotator:
    """Finds and normalises the time expressions of a ``Doc``."""

    def __init__(self, name: str, *, lang: str) -> None:
        self.name = name
        self.lang = lang
        lexicon(lang)  # compile the patterns now, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        dct = doc._.dct
        if isinstance(dct, dt.datetime):  # a timestamp: its calendar day is the DCT
            dct = dct.date()
        elif not isinstance(dct, dt.date):
            dct = None
        found = find_times(doc.text, dct, doc=doc, lang=self.lang)
        set_mentions(doc, TimeMention.kind, to_mentions(found, doc.text, doc_id(doc)))
        return doc


@Language.factory(
    "claimgraph_times_v1",
    assigns=["doc._.mentions"],
    requires=["token.dep", "token.tag"],
    default_config={"lang": "en"},
)
def make_time_annotator(nlp: Language, name: str, lang: str) -> TimeAnnotator:
    return TimeAnnotator(name, lang=lang)
