"""claimgraph: what actually happened, read from many news reports.

The pipeline, one package per stage, one data model (``claimgraph.model``) between them::

    ingest ─▶ clean ─▶ annotate ─────────────────────────▶ claims ─▶ align ─────────────────▶ store ─▶ report
    files,    HTML→text, spaCy components: times,           who says   stories, claim relations,  SQLite/   JSON, Markdown,
    URLs,     boilerplate, quantities, entities, places,    what, how  source independence        Postgres  HTML, web app
    feeds     dateline    attribution, certainty            sure

Every extracted item keeps its document id and character offsets into the cleaned text.
"""

from claimgraph.model import (
    Analysis,
    Claim,
    Document,
    DocumentAnalysis,
    EntityMention,
    Mention,
    PlaceMention,
    QuantityMention,
    Relation,
    Story,
    TimeMention,
)
from claimgraph.pipeline import AnalyzeOptions, analyze

__all__ = [
    "Analysis",
    "AnalyzeOptions",
    "Claim",
    "Document",
    "DocumentAnalysis",
    "EntityMention",
    "Mention",
    "PlaceMention",
    "QuantityMention",
    "Relation",
    "Story",
    "TimeMention",
    "analyze",
]
__version__ = "0.1.0"
