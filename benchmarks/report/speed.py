"""Report generation time and size: a 50-document story, and 500 documents for usability.

The 50 NewsWCL50 articles (10 events x 5 outlets, real news text) go through the real pipeline
(annotate, claims, align); the report is then rendered over all of them as one story (what
``claimgraph report --all`` does), in each format, several times; the median counts. The
500-document case repeats the analysed articles ten times under new ids. Target (issue 7):
HTML for a 50-document story in under 2 s.

Run: ``python -m benchmarks.report.speed``
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import time

from benchmarks._results import write_section
from benchmarks.stories.corpora import newswcl50
from claimgraph.align import align
from claimgraph.annotate.nlp import default_nlp
from claimgraph.model import Analysis, DocumentAnalysis
from claimgraph.pipeline import analyze_documents
from claimgraph.report.html import render_html, render_report_json, render_report_markdown

REPEATS = 5
TARGET_SECONDS = 2.0


def _median_seconds(render, analysis: Analysis) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(REPEATS):
        start = time.perf_counter()
        size = len(render(analysis, None).encode("utf-8"))
        times.append(time.perf_counter() - start)
    return statistics.median(times), size


def _replicate(analyses: list[DocumentAnalysis], copies: int) -> list[DocumentAnalysis]:
    """The same analyses under new document ids (ids inside mentions and claims follow)."""
    out = []
    for k in range(copies):
        for da in analyses:
            new = f"{da.document.id}~{k}"
            doc = dataclasses.replace(da.document, id=new)
            mentions = [
                dataclasses.replace(m, doc=new, id=m.id.replace(da.document.id, new, 1)) for m in da.mentions
            ]
            claims = [
                dataclasses.replace(
                    c,
                    doc=new,
                    id=c.id.replace(da.document.id, new, 1),
                    mentions=[m.replace(da.document.id, new, 1) for m in c.mentions],
                )
                for c in da.claims
            ]
            out.append(DocumentAnalysis(document=doc, mentions=mentions, claims=claims))
    return out


def main() -> None:
    raw, _gold = newswcl50()
    start = time.perf_counter()
    analyses = list(analyze_documents([da.document for da in raw], nlp=default_nlp()))
    stories, relations = align(analyses)
    pipeline_seconds = time.perf_counter() - start
    fifty = Analysis(documents=analyses, relations=relations, stories=stories)
    claims = sum(len(d.claims) for d in analyses)
    mentions = sum(len(d.mentions) for d in analyses)
    rows = []
    for label, render in (
        ("html", render_html),
        ("json", render_report_json),
        ("md", render_report_markdown),
    ):
        seconds, size = _median_seconds(render, fifty)
        rows.append((f"{len(analyses)} documents", label, seconds, size))
    big = Analysis(documents=_replicate(analyses, 10), relations=[], stories=[])
    seconds, size = _median_seconds(render_html, big)
    rows.append((f"{len(big.documents)} documents (replicated, no relations)", "html", seconds, size))
    html_50 = rows[0][2]
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    table = [
        "Report generation (`claimgraph report --all`) over the 50 NewsWCL50 articles analysed by the real",
        f"pipeline: {claims} claims, {mentions} mentions, {len(relations)} relations, {len(stories)} stories "
        f"(pipeline itself: {pipeline_seconds:.1f} s, not counted). Median of {REPEATS} renders.",
        "",
        "| collection | format | seconds | size |",
        "|---|---|---|---|",
        *[f"| {c} | {f} | {s:.3f} | {n / 1e6:.2f} MB |" for c, f, s, n in rows],
        "",
        f"Target: HTML for a 50-document story under {TARGET_SECONDS:g} s: "
        f"**{'met' if html_50 < TARGET_SECONDS else 'NOT met'}** ({html_50:.3f} s).",
        "At 500 documents every document text is a folded `<details>` section and the timeline plot",
        "is capped, so the page opens folded (tests/report/test_report_html.py checks it).",
        f"Load average during the renders (other jobs on the machine make timings noisy): {load}.",
    ]
    write_section("report", "\n".join(table), command="python -m benchmarks.report.speed")
    print("\n".join(table))


if __name__ == "__main__":
    main()
