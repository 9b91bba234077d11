"""``claimgraph report``: the analyst's report of a story from the store (HTML, Markdown, JSON)."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from claimgraph.errors import ClaimgraphError
from claimgraph.report.html import render_html, render_report_json, render_report_markdown
from claimgraph.store import Store
from claimgraph.store.review import apply_reviews

err = Console(stderr=True)


class ReportFormat(enum.StrEnum):
    html = "html"
    md = "md"
    json = "json"


RENDERERS = {
    ReportFormat.html: render_html,
    ReportFormat.md: render_report_markdown,
    ReportFormat.json: render_report_json,
}


def report_cli(
    story: Annotated[str | None, typer.Option("--story", help="Story id (see `claimgraph show`).")] = None,
    all_stories: Annotated[
        bool, typer.Option("--all", help="One report over every stored document.")
    ] = False,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.html,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    db: Annotated[
        str, typer.Option("--db", help="Store: a SQLite file path or a SQLAlchemy URL.")
    ] = "claimgraph.db",
) -> None:
    """Write a story's report: disputed and agreed facts, timeline, map, sources, texts.

    Disputed facts come first, then agreed ones with independent-origin counts, facts only one
    outlet reports, a timeline, a map, the entities and every document's text with each fact
    linked to its highlighted sentence.

    The HTML is one self-contained file (no network needed to open it). Analyst corrections made
    in `claimgraph serve` are applied.
    """
    if (story is None) == (not all_stories):
        err.print("[red]error:[/] give --story ID or --all", highlight=False)
        raise typer.Exit(2)
    if "://" not in db and not Path(db).exists():
        err.print(f"[red]error:[/] no store at {db}", highlight=False)
        raise typer.Exit(2)
    try:
        with Store(db) as store:
            analysis = store.load()
            verdicts = apply_reviews(store, analysis)
        text = RENDERERS[fmt](analysis, story, verdicts=verdicts)
    except KeyError as exc:
        err.print(f"error: no story {story!r} in {db}", highlight=False, markup=False)
        raise typer.Exit(2) from exc
    except ClaimgraphError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        raise typer.Exit(2) from exc
    if out is None:
        typer.echo(text, nl=not text.endswith("\n"))
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    err.print(f"wrote {out} ({len(analysis.documents)} documents in store)", highlight=False, markup=False)
