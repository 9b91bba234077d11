"""``claimgraph watch``: poll feeds on an interval and analyse what is new."""

from __future__ import annotations

import json
import sys
import time
from typing import Annotated

import typer

from claimgraph.cli.ingest import (
    AlignOption,
    AnalyzeOption,
    DbOption,
    DelayOption,
    FetchOption,
    MaxBytesOption,
    OpmlOption,
    QuietOption,
    TimeoutOption,
    err,
    printer,
    run_options,
    summary,
)
from claimgraph.errors import ClaimgraphError
from claimgraph.ingest.feeds import FeedClient
from claimgraph.ingest.incremental import Ingester
from claimgraph.store import Store


def watch_cli(
    feeds: Annotated[list[str] | None, typer.Argument(help="RSS or Atom feed URLs.")] = None,
    opml: OpmlOption = None,
    db: DbOption = "claimgraph.db",
    interval: Annotated[float, typer.Option("--interval", help="Seconds from one poll to the next.")] = 900.0,
    max_polls: Annotated[int, typer.Option("--max-polls", help="Stop after this many polls (0: never).")] = 0,
    once: Annotated[bool, typer.Option("--once", help="Poll once and stop (same as --max-polls 1).")] = False,
    analyze: AnalyzeOption = True,
    align: AlignOption = True,
    fetch_articles: FetchOption = True,
    per_host_delay: DelayOption = 1.0,
    max_bytes: MaxBytesOption = 20_000_000,
    timeout: TimeoutOption = 20.0,
    quiet: QuietOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON report per poll on stdout.")] = False,
) -> None:
    """Poll feeds politely (conditional GET, per-host delay, Retry-After) and ingest new entries.

    Stops after --max-polls / --once, or on Ctrl-C between two polls. Exit code 2 on errors.
    """
    if not (feeds or opml):
        err.print("[red]error:[/] name at least one feed URL or --opml", highlight=False)
        raise typer.Exit(2)
    limit = 1 if once else max_polls
    options = run_options(
        max_bytes=max_bytes,
        timeout=timeout,
        per_host_delay=per_host_delay,
        fetch_articles=fetch_articles,
        analyze=analyze,
        align=align,
    )
    poll = 0
    try:
        with Store(db) as store, FeedClient(options.feeds) as client:
            while True:
                poll += 1
                ingester = Ingester(store, options, client=client, on_event=printer(quiet))
                report = ingester.run(feeds=feeds or [], opmls=opml or [])
                if as_json:
                    sys.stdout.write(json.dumps({"poll": poll, **report.to_dict()}) + "\n")
                    sys.stdout.flush()
                if not quiet:
                    err.print(f"poll {poll}: {summary(report)}", highlight=False)
                if limit and poll >= limit:
                    return
                time.sleep(interval)
    except KeyboardInterrupt:
        err.print(f"stopped after {poll} polls", highlight=False)
    except ClaimgraphError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
