"""Stored time mentions as TimeML: one ``.tml`` file per document with inline ``TIMEX3`` tags.

The document creation time goes into ``<DCT>`` as TempEval files have it. TimeML does not let
tags overlap, so of overlapping time mentions the longest (then the first) is written and the
others are counted as left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from claimgraph.model import DocumentAnalysis, TimeMention
from claimgraph.store import Store


@dataclass(slots=True)
class TimemlResult:
    files: int = 0
    timexes: int = 0
    overlapping: int = 0  # time mentions left out because they overlap one that was written


def non_overlapping(times: list[TimeMention]) -> tuple[list[TimeMention], int]:
    """The longest-first greedy choice of time mentions that do not overlap, in text order."""
    chosen: list[TimeMention] = []
    for mention in sorted(times, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start), len(times) - len(chosen)


def _timex(mention: TimeMention, tid: str, text: str) -> str:
    attrs = f'tid="{tid}" type={quoteattr(mention.type)} value={quoteattr(mention.value or "")}'
    if mention.mod:
        attrs += f" mod={quoteattr(mention.mod)}"
    return f"<TIMEX3 {attrs}>{escape(text)}</TIMEX3>"


def document_timeml(analysis: DocumentAnalysis) -> tuple[str, int, int]:
    """The TimeML text of one document, with how many TIMEX3 were written and left out."""
    document = analysis.document
    times, overlapping = non_overlapping([m for m in analysis.mentions if isinstance(m, TimeMention)])
    parts, cursor = [], 0
    for number, mention in enumerate(times, start=1):
        parts.append(escape(document.text[cursor : mention.start]))
        parts.append(_timex(mention, f"t{number}", document.text[mention.start : mention.end]))
        cursor = mention.end
    parts.append(escape(document.text[cursor:]))
    dct = ""
    if document.published:
        value = document.published.isoformat()
        dct = (
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{value}" temporalFunction="false" '
            f'functionInDocument="CREATION_TIME">{value}</TIMEX3></DCT>\n'
        )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd">\n'
        f"<DOCID>{escape(document.id)}</DOCID>\n{dct}<TEXT>{''.join(parts)}</TEXT>\n</TimeML>\n"
    )
    return xml, len(times), overlapping


def write_timeml(store: Store, out_dir: Path) -> TimemlResult:
    """One ``<doc id>.tml`` per stored document in ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    result = TimemlResult()
    for analysis in store.iter_documents():
        xml, written, overlapping = document_timeml(analysis)
        (out_dir / f"{_safe_name(analysis.document.id)}.tml").write_text(xml, encoding="utf-8")
        result.files += 1
        result.timexes += written
        result.overlapping += overlapping
    return result


def _safe_name(doc_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in doc_id)
