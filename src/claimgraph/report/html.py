"""The analyst's report as one self-contained HTML file (and its JSON and Markdown forms).

The file needs no network: styles, the small script and the map shapes are inlined. Article
text is hostile, so it only ever reaches the page through Jinja2 autoescaping or ``escape``;
a Content-Security-Policy that allows nothing but the report's own script (by hash) is the
second line of defence.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from claimgraph.model import Analysis, DocumentAnalysis
from claimgraph.report import plots
from claimgraph.report.view import StoryView, anchor, mention_value, select_story

TEMPLATES = Path(__file__).with_name("templates")
COLLAPSE_AFTER = 50  # rows of a table shown before the rest folds into a <details>
QUOTE_LIMIT = 240


def fact_html(fact: dict[str, Any], show_value: bool = True) -> Markup:
    """One fact as shown in every table: value, outlet, source chain, certainty, quote linked to
    its sentence. Built here rather than in a Jinja macro: a story has thousands of facts."""
    quote = fact["quote"] if len(fact["quote"]) <= QUOTE_LIMIT else fact["quote"][: QUOTE_LIMIT - 1] + "…"
    parts = ['<div class="fact">']
    if show_value and "value" in fact:
        parts.append(f'<strong class="value">{escape(fact["value"])}</strong> ')
    parts.append(f'<span class="outlet">{escape(fact["outlet"])}</span>')
    if fact["chain"]:
        parts.append(f' <span class="chain">per {escape(" ← ".join(fact["chain"]))}</span>')
    certainty = escape(fact["certainty"])
    parts.append(
        f' <span class="certainty c-{certainty}">{certainty}</span>'
        f' <a class="quote" href="#{escape(fact["anchor"])}" data-fact="{escape(fact["id"])}">'
        f"“{escape(quote)}”</a></div>"
    )
    return Markup("".join(parts))


def _environment(loader: BaseLoader) -> Environment:
    env = Environment(loader=loader, autoescape=select_autoescape(default=True))
    env.globals["fact"] = fact_html
    return env


@cache
def environment() -> Environment:
    """Templates of the report."""
    return _environment(FileSystemLoader(TEMPLATES))


@cache
def app_environment(folder: Path) -> Environment:
    """The web app's templates (``folder``) first, then the report's, which its pages include."""
    return _environment(ChoiceLoader([FileSystemLoader(folder), FileSystemLoader(TEMPLATES)]))


@cache
def asset(name: str) -> Markup:
    """A static file from the templates folder, inlined (trusted: it ships with the package)."""
    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))


def csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _spans(da: DocumentAnalysis) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str, str, str]]]:
    """Non-overlapping claim spans, and the annotation spans inside them (mentions, sources, hedges)."""
    claims, last = [], 0
    for c in sorted(da.claims, key=lambda c: (c.start, -c.end)):
        if c.start >= last and c.end > c.start:
            claims.append((c.start, c.end, anchor("c", c.doc, c.start, c.end)))
            last = c.end
    inner = [
        (m.start, m.end, f"m-{m.kind}", mention_value(m), anchor("m", m.doc, m.start, m.end))
        for m in da.mentions
    ]
    inner += [
        (s.start, s.end, "m-source", "source: " + (s.canonical or s.name), "")
        for c in da.claims
        for s in c.sources
    ]
    inner += [(h.start, h.end, "m-hedge", f"certainty: {h.certainty}", "") for h in da.hedges]
    starts = [s for s, _, _ in claims]
    kept, last = [], 0
    for span in sorted(inner, key=lambda s: (s[0], -s[1])):
        start, end = span[0], span[1]
        # a mark must sit inside one claim or outside all of them, or the tags would interleave
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and claims[i][1] > start:
            nests = end <= claims[i][1]
        else:
            nests = i + 1 >= len(claims) or end <= claims[i + 1][0]
        if start >= last and end > start and nests:
            kept.append(span)
            last = end
    return claims, kept


def highlight(da: DocumentAnalysis) -> Markup:
    """The document's text with claims as anchored spans and annotations as marks, all escaped."""
    text = da.document.text
    claims, marks = _spans(da)
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for start, end, cid in claims:
        opens.setdefault(start, []).append(f'<span class="claim" id="{escape(cid)}">')
        closes.setdefault(end, []).insert(0, "</span>")
    for start, end, cls, title, mid in marks:
        ident = f' id="{escape(mid)}"' if mid else ""
        opens.setdefault(start, []).append(f'<mark class="{cls}"{ident} title="{escape(title)}">')
        closes.setdefault(end, []).insert(0, "</mark>")
    out, pos = [], 0
    for cut in sorted(set(opens) | set(closes) | {len(text)}):
        out.append(str(escape(text[pos:cut])))
        # a claim closes after the marks inside it and opens before them
        out.extend(t for t in closes.get(cut, []) if t == "</mark>")
        out.extend(t for t in closes.get(cut, []) if t == "</span>")
        out.extend(opens.get(cut, []))
        pos = cut
    return Markup("".join(out))


def report_context(
    analysis: Analysis,
    story_id: str | None,
    *,
    verdicts: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Everything the report template needs (the web app renders the same context).

    Raises:
        KeyError: no story with that id.
    """
    view = StoryView(analysis, select_story(analysis, story_id), verdicts=verdicts)
    data = view.to_dict()
    places = view.places()
    return {
        "view": data,
        "stories": [{"id": s.id, "title": s.title, "documents": len(s.documents)} for s in analysis.stories],
        "texts": {d.document.id: highlight(d) for d in view.docs},
        "plots": {
            "estimates": [plots.estimates_svg(p["bars"], p["about"]) for p in view.estimates()],
            "certainty": plots.certainty_svg(view.certainty_counts()),
            "timeline": plots.timeline_svg(data["timeline"]),
            "map": plots.map_svg(places["located"]),
        },
        "timeline_rows": plots.TIMELINE_ROWS,
        "collapse": COLLAPSE_AFTER,
        "skipped": [s.to_dict() for s in analysis.skipped],
    }


def render_html(
    analysis: Analysis, story_id: str | None = None, *, verdicts: dict[str, str] | None = None
) -> str:
    """The self-contained report of one story (``None``: every document)."""
    script = str(asset("report.js"))
    context = report_context(analysis, story_id, verdicts=verdicts)
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            **context,
            css=asset("report.css"),
            script=Markup(script),
            script_hash=csp_hash(script),
            data_json=_summary(context["view"]),
        )
    )


def _summary(view: dict[str, Any]) -> dict[str, Any]:
    """The machine-readable part embedded in the page (``tojson`` escapes it for <script>)."""
    return {k: view[k] for k in ("story", "disputed", "agreed", "timeline")}


def render_report_json(
    analysis: Analysis, story_id: str | None = None, *, verdicts: dict[str, str] | None = None
) -> str:
    view = StoryView(analysis, select_story(analysis, story_id), verdicts=verdicts)
    return json.dumps(view.to_dict(), ensure_ascii=False)  # no indent: it forces the slow pure-Python encoder


def _cell(text: Any) -> str:
    """Text inert in Markdown: Markdown viewers pass raw HTML through, so it is entity-escaped."""
    text = str(text if text is not None else "")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
    return " ".join(text.split())


def render_report_markdown(
    analysis: Analysis, story_id: str | None = None, *, verdicts: dict[str, str] | None = None
) -> str:
    """The same sections as the HTML report, as Markdown tables."""
    data = StoryView(analysis, select_story(analysis, story_id), verdicts=verdicts).to_dict()
    lines = [
        f"# {_cell(data['story']['title'])}",
        "",
        "## Documents",
        "",
        "| outlet | published | how known | title |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {_cell(d['outlet'] or '?')} | {d['published'] or '?'} | {d['published_from'] or '?'} | "
        f"{_cell(d['title'])} |"
        for d in data["documents"]
    ]
    lines += ["", "## Disputed facts", ""]
    if not data["disputed"]:
        lines.append("None found." if data["relations_computed"] else "No cross-document relations computed.")
    for row in data["disputed"]:
        lines.append(f"- **{row['slot'] or 'fact'}**: {_cell(row['explanation'])}")
        lines += [
            f"  - {_cell(s['value'])} — {_cell(s['outlet'])}"
            f"{' per ' + ' ← '.join(map(_cell, s['chain'])) if s['chain'] else ''} ({s['certainty']}): "
            f"“{_cell(s['quote'])}”"
            for s in row["sides"]
        ]
    lines += ["", "## Agreed facts", ""]
    for row in data["agreed"]:
        lines.append(
            f"- {row['independent_origins']} independent origin(s), {len(row['facts'])} reports: "
            f"“{_cell(row['facts'][0]['quote'])}”"
        )
    lines += ["", "## Only one outlet reports", ""]
    for doc in data["documents"]:
        facts = data["single_source"].get(doc["id"], [])
        if facts:
            lines.append(f"### {_cell(doc['outlet'] or doc['title'])} ({len(facts)})")
            lines += [f"- “{_cell(f['quote'])}” ({f['certainty']})" for f in facts]
    lines += ["", "## Timeline", "", "| when | text | outlet |", "|---|---|---|"]
    lines += [
        f"| {' or '.join(a if a == b else f'{a}…{b}' for a, b in r['intervals'])} | {_cell(r['text'])} | "
        f"{_cell(r['outlet'])} |"
        for r in data["timeline"]
    ]
    lines += ["", "## Places", "", "| place | lat, lon | precision | mentions |", "|---|---|---|---|"]
    lines += [
        f"| {_cell(p['name'])} | {p['lat']:.2f}, {p['lon']:.2f} | {_cell(p['level'] or '?')} | {p['count']} |"
        for p in data["places"]["located"]
    ]
    lines += [
        f"| {_cell(p['name'])} | unresolved | {_cell(p['reason'])} | {p['count']} |"
        for p in data["places"]["unresolved"]
    ]
    lines += ["", "## Entities", "", "| entity | label | documents | mentions |", "|---|---|---|---|"]
    lines += [
        f"| {_cell(e['name'])} | {_cell(e['label'])} | {e['docs']} | {e['count']} |" for e in data["entities"]
    ]
    return "\n".join(lines) + "\n"
