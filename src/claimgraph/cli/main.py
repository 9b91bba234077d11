"""The ``claimgraph`` command line. Commands are thin: they parse options and call the library."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from claimgraph.clean import CleanOptions
from claimgraph.errors import ClaimgraphError
from claimgraph.ingest import IngestOptions
from claimgraph.model import Analysis
from claimgraph.pipeline import AnalyzeOptions, analyze
from claimgraph.report import render_json, render_markdown
from claimgraph.store import Store

app = typer.Typer(
    name="claimgraph",
    help="Read news reports into sourced claims and line them up across outlets.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
err = Console(stderr=True, soft_wrap=True)  # one skipped input, one line: never wrapped

DbOption = Annotated[
    str, typer.Option("--db", help="Store: a SQLite file path or a SQLAlchemy URL (postgresql://…).")
]


class OutputFormat(enum.StrEnum):
    json = "json"
    md = "md"


class AnalyzeFormat(enum.StrEnum):
    json = "json"
    md = "md"
    parquet = "parquet"  # tables into the --out folder (claimgraph.scale)


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from exc


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def _render(analysis: Analysis, fmt: OutputFormat) -> str:
    return render_json(analysis) if fmt is OutputFormat.json else render_markdown(analysis)


@app.command("analyze")
def analyze_cli(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, globs, http(s) URLs, or - for stdin.")],
    fmt: Annotated[AnalyzeFormat, typer.Option("--format", "-f", help="Output format.")] = AnalyzeFormat.json,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster", help="Spread the work over Dask: local, local:N or tcp://HOST:PORT (docs/scale.md)."
        ),
    ] = None,
    partition_size: Annotated[int, typer.Option("--partition-size", help="Documents per Dask task.")] = 16,
    db: DbOption = "claimgraph.db",
    no_store: Annotated[bool, typer.Option("--no-store", help="Do not write to the store.")] = False,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for every input.")
    ] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Outlet name for every input.")] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Skip inputs larger than this.")] = 20_000_000,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for a URL.")] = 20.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
) -> None:
    """Analyse news reports: clean, annotate, extract claims, align across outlets.

    Exit code 0 when every input was analysed, 1 when some were skipped (reasons on stderr and in
    the JSON), 2 on usage errors.
    """
    options = AnalyzeOptions(
        ingest=IngestOptions(max_bytes=max_bytes, timeout=timeout),
        clean=CleanOptions(published=_parse_date(published), outlet=outlet),
    )
    if cluster or fmt is AnalyzeFormat.parquet:  # issue 8: the scaled path lives in claimgraph.scale
        from claimgraph.scale.cli import analyze_scaled_cli

        analyze_scaled_cli(
            paths,
            options,
            fmt=fmt.value,
            out=out,
            db=None if no_store else db,
            cluster=cluster,
            partition_size=partition_size,
            quiet=quiet,
        )
        return
    fmt = OutputFormat(fmt.value)
    progress = Progress(
        TextColumn("[bold]analyze"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    )

    def on_event(event: str, source: str) -> None:
        if event == "skipped" and not progress.disable:  # live feedback; the reasons follow at the end
            progress.console.print(f"[yellow]skipped[/] {source}", highlight=False)
        progress.update(task, advance=1, description=Path(source).name[:40])

    try:
        store = None if no_store else Store(db)
        with progress:
            task = progress.add_task("", total=None)
            analysis = analyze(paths, options, store=store, on_event=on_event)
    except ClaimgraphError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    _write(_render(analysis, fmt), out)
    for skipped in analysis.skipped:
        err.print(f"skipped {skipped.source}: {skipped.reason}", highlight=False, markup=False)
    if not quiet:
        claims = sum(len(d.claims) for d in analysis.documents)
        err.print(
            f"analysed {len(analysis.documents)} documents ({claims} claims, "
            f"{len(analysis.stories)} stories, {len(analysis.relations)} relations); skipped "
            f"{len(analysis.skipped)}" + (f"; wrote {out}" if out else ""),
            highlight=False,
        )
    if analysis.skipped:
        raise typer.Exit(1)


@app.command("show")
def show_cli(
    db: DbOption = "claimgraph.db",
    fmt: Annotated[
        OutputFormat | None, typer.Option("--format", "-f", help="json or md; default a table.")
    ] = None,
) -> None:
    """List what the store holds: documents, claims, stories and relations."""
    if "://" not in db and not Path(db).exists():
        err.print(f"[red]error:[/] no store at {db}", highlight=False)
        raise typer.Exit(2)
    with Store(db) as store:
        if fmt is not None:
            _write(_render(store.load(), fmt), None)
            return
        counts, rows = store.counts(), store.document_rows()
    out = Console(soft_wrap=True)
    out.print(f"{db}: " + ", ".join(f"{n} {k}" for k, n in counts.items()), highlight=False, markup=False)
    table = Table()
    for column in ("id", "outlet", "published", "claims", "title / source"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["id"],
            row["outlet"] or "",
            str(row["published"] or ""),
            str(row["claims"]),
            (row["title"] or row["source"])[:70],
        )
    out.print(table)


# Corpus, feed, export and search commands (issue 8) live in their own modules.
from claimgraph.cli.export import export_cli  # noqa: E402
from claimgraph.cli.ingest import ingest_cli  # noqa: E402
from claimgraph.cli.search import search_cli  # noqa: E402
from claimgraph.cli.watch import watch_cli  # noqa: E402

app.command("ingest")(ingest_cli)
app.command("watch")(watch_cli)
app.command("export")(export_cli)
app.command("search")(search_cli)

from claimgraph.cli.report import report_cli  # noqa: E402  (issue 7)
from claimgraph.cli.serve import serve_cli  # noqa: E402  (issue 7)

app.command("report")(report_cli)
app.command("serve")(serve_cli)

from claimgraph.cli.timeml import timeml_cli  # noqa: E402  (issue 3)

app.command("timeml")(timeml_cli)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
