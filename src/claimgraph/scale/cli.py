"""The scaled path of ``claimgraph analyze`` (``--cluster`` or ``--format parquet``)."""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import typer
from rich.console import Console

from claimgraph.errors import ClaimgraphError
from claimgraph.export import export_tables
from claimgraph.pipeline import AnalyzeOptions
from claimgraph.report import render_json, render_markdown
from claimgraph.scale.cluster import open_client
from claimgraph.scale.run import align_stored, analyze_scaled, load_analysis
from claimgraph.store import Store

err = Console(stderr=True)


def analyze_scaled_cli(
    paths: list[str],
    options: AnalyzeOptions,
    *,
    fmt: str,
    out: Path | None,
    db: str | None,
    cluster: str | None,
    partition_size: int,
    quiet: bool,
) -> None:
    """Run, align, then write JSON / Markdown (to ``out`` or stdout) or Parquet tables (into ``out``).

    Without a store (``db`` None) the run goes through a temporary SQLite file.
    """
    if fmt == "parquet" and out is None:
        err.print("[red]error:[/] --format parquet writes a folder of tables: give --out", highlight=False)
        raise typer.Exit(2)

    def on_event(event: str, source: str) -> None:
        if event == "skipped":
            err.print(f"[yellow]skipped[/] {source}", highlight=False)

    try:
        with contextlib.ExitStack() as stack:
            if db is None:
                db = str(Path(stack.enter_context(tempfile.TemporaryDirectory())) / "run.db")
            store = stack.enter_context(Store(db))
            client = stack.enter_context(open_client(cluster)) if cluster else None
            run = analyze_scaled(
                paths, options, store=store, client=client, partition_size=partition_size, on_event=on_event
            )
            align_stored(store, run)
            if fmt == "parquet":
                counts = export_tables(store, out, "parquet", ids=run.order)
                written = ", ".join(f"{n} {t}" for t, n in counts.items())
            else:
                analysis = load_analysis(store, run)
                text = render_json(analysis) if fmt == "json" else render_markdown(analysis)
                if out is None:
                    sys.stdout.write(text if text.endswith("\n") else text + "\n")
                else:
                    out.parent.mkdir(parents=True, exist_ok=True)
                    out.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
                written = f"{len(analysis.documents)} documents"
    except ClaimgraphError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    for _, skipped in sorted(run.skipped, key=lambda pair: pair[0]):
        err.print(f"skipped {skipped.source}: {skipped.reason}", highlight=False, markup=False)
    if not quiet:
        where = f" on {cluster} ({len(run.workers)} workers)" if cluster else ""
        err.print(
            f"analysed {run.documents} documents in {run.partitions} partitions{where}; skipped "
            f"{len(run.skipped)}; wrote {written}" + (f" to {out}" if out else ""),
            highlight=False,
        )
    if run.skipped:
        raise typer.Exit(1)
