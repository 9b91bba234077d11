"""A readable per-document summary of an analysis, in Markdown."""

from __future__ import annotations

from collections import defaultdict

from claimgraph.model import Analysis, Claim, DocumentAnalysis, Mention


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.replace("|", "\\|").split())


def _mention_value(m: Mention) -> str:
    if m.kind == "time":
        value = getattr(m, "value", None) or "?"
        alternatives = getattr(m, "alternatives", None)
        return " or ".join(alternatives) if alternatives else value
    if m.kind == "quantity":
        low, high = getattr(m, "low", None), getattr(m, "high", None)
        unit = getattr(m, "unit", None) or ""
        span = (
            f"{low:g}"
            if low is not None and low == high
            else f"{'' if low is None else f'{low:g}'}–{'' if high is None else f'{high:g}'}"
        )
        return f"{span} {unit}".strip()
    if m.kind == "place":
        lat, lon = getattr(m, "lat", None), getattr(m, "lon", None)
        return (
            f"{lat:.2f}, {lon:.2f}"
            if lat is not None and lon is not None
            else f"unresolved: {getattr(m, 'unresolved_reason', '')}"
        )
    return getattr(m, "canonical", "") or m.text


def _claim_line(claim: Claim) -> str:
    chain = " ← ".join(s.canonical or s.name for s in claim.sources)
    meta = f"*{claim.certainty}*" + (f", per {chain}" if chain else "")
    return f"- {_cell(claim.text)} ({meta}; chars {claim.start}–{claim.end})"


_DATE_ORIGIN = {
    "metadata": "from metadata",
    "dateline": "from dateline",
    "option": "given by the user",
    "inferred": "inferred",
}


def _document_section(da: DocumentAnalysis, related: set[str]) -> list[str]:
    doc = da.document
    lines = [f"## {_cell(doc.title or doc.source)}", ""]
    lines.append(f"- source: `{doc.source}`  id: `{doc.id}`")
    lines.append(
        f"- outlet: {doc.outlet or 'unknown'}; published: {doc.published or 'unknown'}"
        + (f" ({_DATE_ORIGIN[doc.published_from]})" if doc.published_from else "")
    )
    if doc.removed:
        lines.append(f"- boilerplate removed: {len(doc.removed)}")
        lines.extend(f"  - {r.reason}: “{_cell(r.text[:100])}”" for r in doc.removed)
    lines.append("")
    by_kind: dict[str, list[Mention]] = defaultdict(list)
    for m in da.mentions:
        by_kind[m.kind].append(m)
    for kind, heading in (
        ("time", "Times"),
        ("quantity", "Quantities"),
        ("place", "Places"),
        ("entity", "Entities"),
    ):
        if by_kind.get(kind):
            lines += [f"### {heading}", "", "| text | value | chars |", "|---|---|---|"]
            lines += [
                f"| {_cell(m.text)} | {_cell(_mention_value(m))} | {m.start}–{m.end} |" for m in by_kind[kind]
            ]
            lines.append("")
    if da.claims:
        lines += [f"### Claims ({len(da.claims)})", ""]
        lines += [_claim_line(c) for c in da.claims]
        lines.append("")
        unique = [c for c in da.claims if c.id not in related]
        if related and unique:
            lines += [f"### Only this outlet reports ({len(unique)})", ""]
            lines += [_claim_line(c) for c in unique]
            lines.append("")
    return lines


def render_markdown(analysis: Analysis) -> str:
    claim_doc = {c.id: c.doc for d in analysis.documents for c in d.claims}
    # a claim only one source makes has no relation to a claim of another document
    related = {
        cid
        for r in analysis.relations
        if claim_doc.get(r.claims[0]) != claim_doc.get(r.claims[1])
        for cid in r.claims
    }
    lines = ["# claimgraph analysis", ""]
    lines.append(
        f"{len(analysis.documents)} documents, {sum(len(d.claims) for d in analysis.documents)} claims, "
        f"{len(analysis.stories)} stories, {len(analysis.relations)} relations."
    )
    lines.append("")
    if analysis.skipped:
        lines += ["## Skipped", ""]
        lines += [f"- `{s.source}`: {s.reason}" for s in analysis.skipped]
        lines.append("")
    for da in analysis.documents:
        lines += _document_section(da, related)
    lines += _stories_section(analysis)
    if analysis.relations:
        claims = {c.id: c for d in analysis.documents for c in d.claims}
        lines += [
            "## Relations",
            "",
            "| kind | slot | independent | claim A | claim B | why |",
            "|---|---|---|---|---|---|",
        ]
        for r in analysis.relations:
            a, b = (claims.get(cid) for cid in r.claims)
            lines.append(
                f"| {r.kind} | {r.slot or ''} | {'yes' if r.independent else 'no'} | "
                f"{_cell(a.text[:90] if a else r.claims[0])} | "
                f"{_cell(b.text[:90] if b else r.claims[1])} | {_cell(r.explanation)} |"
            )
        lines.append("")
    return "\n".join(lines)


def _stories_section(analysis: Analysis) -> list[str]:
    """Each story of several documents: its copies and the facts its claims share."""
    claims = {c.id: c for d in analysis.documents for c in d.claims}
    lines: list[str] = []
    for story in analysis.stories:
        if len(story.documents) < 2:
            continue
        if not lines:
            lines += ["## Stories", ""]
        counts = f"{len(story.documents)} documents, {len(story.copies)} copies."
        lines += [f"### {_cell(story.title)}", "", counts, ""]
        for fact in story.facts:
            first = claims.get(fact["first"]["claim"])
            drift = " → ".join(d["value"] for d in fact["drift"])
            lines.append(
                f"- {_cell(first.text[:90] if first else fact['first']['claim'])}: "
                f"{len(fact['claims'])} claims, {fact['origins']} independent origin(s)"
                + (f"; value drift: {_cell(drift)}" if drift else "")
            )
        lines.append("")
    return lines
