"""Exports for other tools: Parquet / CSV tables, GeoJSON of places, TimeML of times."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from claimgraph.export.geojson import write_geojson
from claimgraph.export.sinks import TableFormat, TableSink
from claimgraph.export.tables import TABLES, iter_table_rows
from claimgraph.export.timeml import write_timeml
from claimgraph.store import Store


def export_tables(
    store: Store,
    out_dir: Path,
    fmt: TableFormat,
    tables: Iterable[str] = TABLES,
    *,
    ids: Collection[str] | None = None,
) -> dict[str, int]:
    """Write each chosen table to ``out_dir/<table>.<fmt>``.

    Only the documents ``ids`` names are written if given. Returns the rows written per table.
    """
    tables = list(tables)
    with TableSink(out_dir, fmt) as sink:
        for table in tables:  # every chosen table gets a file, an empty one included
            sink.open(table)
        for table, rows in iter_table_rows(store, tables, ids=ids):
            sink.write(table, rows)
        return dict(sink.counts)


__all__ = ["TABLES", "TableSink", "export_tables", "write_geojson", "write_timeml"]
