"""``claimgraph ingest``: bring corpora and feeds into the store, incrementally and resumably."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Annotated

import typer
from rich.console import Console

from claimgraph.errors import ClaimgraphError
from claimgraph.ingest import IngestOptions
from claimgraph.ingest.feeds import FeedOptions
from claimgraph.ingest.incremental import Ingester, IngestReport, IngestRunOptions
from claimgraph.store import Store

err = Console(stderr=True)

FeedsOption = Annotated[
    list[str] | None, typer.Option("--feed", help="An RSS or Atom feed URL (repeatable).")
]
OpmlOption = Annotated[
    list[str] | None, typer.Option("--opml", help="An OPML feed list, file or URL (repeatable).")
]
DbOption = Annotated[str, typer.Option("--db", help="Store: a SQLite file path or a URL (postgresql://…).")]
FetchOption = Annotated[
    bool,
    typer.Option(
        "--fetch-articles/--feed-text", help="Fetch each feed entry's page, or use the text the feed carries."
    ),
]
DelayOption = Annotated[float, typer.Option("--per-host-delay", help="Seconds between requests to one host.")]
MaxBytesOption = Annotated[int, typer.Option("--max-bytes", help="Largest article, record or feed accepted.")]
TimeoutOption = Annotated[float, typer.Option("--timeout", help="Seconds to wait for a URL.")]
AnalyzeOption = Annotated[
    bool,
    typer.Option(
        "--analyze/--no-analyze", help="Analyse what is queued, or only queue it (a later run analyses it)."
    ),
]
AlignOption = Annotated[bool, typer.Option("--align/--no-align", help="Rebuild stories and relations after.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the run's report as JSON on stdout.")]


def run_options(
    *, max_bytes: int, timeout: float, per_host_delay: float, fetch_articles: bool, analyze: bool, align: bool
) -> IngestRunOptions:
    return IngestRunOptions(
        ingest=IngestOptions(max_bytes=max_bytes, timeout=timeout),
        feeds=FeedOptions(
            max_bytes=max_bytes, timeout=timeout, per_host_delay=per_host_delay, fetch_articles=fetch_articles
        ),
        analyze=analyze,
        align=align,
    )


def printer(quiet: bool) -> Callable[[str, str], None]:
    """Progress lines on stderr: one per analysed, skipped or warned-about input."""

    def on_event(event: str, detail: str) -> None:
        if event in ("skipped", "warning"):
            err.print(f"[yellow]{event}[/] {detail}", highlight=False)
        elif event == "done" and not quiet:
            err.print(f"analysed {detail}", highlight=False, markup=False)

    return on_event


def summary(report: IngestReport) -> str:
    return (
        f"read {report.read}: queued {report.queued}, already seen {report.seen}, duplicates "
        f"{report.duplicates}, skipped {len(report.skipped)}; analysed {report.analysed}"
        + (f" (+{report.resumed} finished by an earlier run)" if report.resumed else "")
        + (f"; {report.feeds_unchanged} feeds unchanged" if report.feeds_unchanged else "")
    )


def ingest_cli(
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="Files, folders, globs or article URLs: text, HTML, JSON Lines, CSV/TSV, WARC, "
            ".rss/.atom, .opml."
        ),
    ] = None,
    feed: FeedsOption = None,
    opml: OpmlOption = None,
    db: DbOption = "claimgraph.db",
    analyze: AnalyzeOption = True,
    align: AlignOption = True,
    fetch_articles: FetchOption = True,
    per_host_delay: DelayOption = 1.0,
    max_bytes: MaxBytesOption = 20_000_000,
    timeout: TimeoutOption = 20.0,
    quiet: QuietOption = False,
    as_json: JsonOption = False,
) -> None:
    """Add corpora and feeds to the store: what was seen before is skipped, a killed run resumes.

    Exit code 0 when every input was read, 1 when some were skipped (reasons on stderr), 2 on errors.
    """
    if not (sources or feed or opml):
        err.print("[red]error:[/] name at least one source, --feed or --opml", highlight=False)
        raise typer.Exit(2)
    options = run_options(
        max_bytes=max_bytes,
        timeout=timeout,
        per_host_delay=per_host_delay,
        fetch_articles=fetch_articles,
        analyze=analyze,
        align=align,
    )
    try:
        with Store(db) as store:
            ingester = Ingester(store, options, on_event=printer(quiet))
            try:
                report = ingester.run(sources or [], feeds=feed or [], opmls=opml or [])
            finally:
                ingester.close()
    except ClaimgraphError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    if as_json:
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    if not quiet:
        err.print(summary(report), highlight=False)
    if report.skipped:
        raise typer.Exit(1)
