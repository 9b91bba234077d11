"""``claimgraph export``: the store as Parquet / CSV tables, GeoJSON of places or TimeML of times."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from claimgraph.errors import ClaimgraphError
from claimgraph.export import TABLES, export_tables, write_geojson, write_timeml
from claimgraph.store import Store

err = Console(stderr=True)


class ExportFormat(enum.StrEnum):
    parquet = "parquet"
    csv = "csv"
    geojson = "geojson"
    timeml = "timeml"


def export_cli(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="What to write.")],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Folder for parquet/csv/timeml; file for geojson (default stdout)."),
    ] = None,
    db: Annotated[
        str, typer.Option("--db", help="Store: a SQLite file path or a URL (postgresql://…).")
    ] = "claimgraph.db",
    tables: Annotated[
        list[str] | None,
        typer.Option("--table", help=f"Tables to export (repeatable; default all): {', '.join(TABLES)}."),
    ] = None,
) -> None:
    """Export the store for other tools. Exit code 2 on errors (no store, unknown table)."""
    unknown = sorted(set(tables or []) - set(TABLES))
    if unknown:
        err.print(
            f"[red]error:[/] no table {', '.join(unknown)}; choose from {', '.join(TABLES)}", highlight=False
        )
        raise typer.Exit(2)
    if "://" not in db and not Path(db).exists():
        err.print(f"[red]error:[/] no store at {db}", highlight=False)
        raise typer.Exit(2)
    if fmt in (ExportFormat.parquet, ExportFormat.csv, ExportFormat.timeml) and out is None:
        err.print(f"[red]error:[/] --format {fmt.value} writes a folder: give --out", highlight=False)
        raise typer.Exit(2)
    try:
        with Store(db) as store:
            if fmt is ExportFormat.geojson:
                if out is None:
                    count = write_geojson(store, sys.stdout)
                else:
                    out.parent.mkdir(parents=True, exist_ok=True)
                    with out.open("w", encoding="utf-8") as handle:
                        count = write_geojson(store, handle)
                message = f"{count} places"
            elif fmt is ExportFormat.timeml:
                result = write_timeml(store, out)
                message = f"{result.files} TimeML files, {result.timexes} TIMEX3" + (
                    f" ({result.overlapping} overlapping left out)" if result.overlapping else ""
                )
            else:
                counts = export_tables(store, out, fmt.value, tables or TABLES)
                message = ", ".join(f"{n} {t}" for t, n in counts.items())
    except (ClaimgraphError, OSError) as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from exc
    err.print(f"exported {message}" + (f" to {out}" if out else ""), highlight=False)
