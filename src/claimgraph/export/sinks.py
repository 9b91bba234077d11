"""Where table rows go: one Parquet or CSV file per table, written as the rows arrive."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Literal, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from claimgraph.export.tables import table_schema

TableFormat = Literal["parquet", "csv"]


class TableSink:
    """Appends row batches to ``<out>/<table>.<format>``; files are opened on first use."""

    def __init__(self, out: Path, fmt: TableFormat) -> None:
        self.out, self.fmt = out, fmt
        self.out.mkdir(parents=True, exist_ok=True)
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self._csv: dict[str, tuple[TextIO, csv.DictWriter]] = {}
        self.counts: dict[str, int] = {}

    def open(self, table: str) -> None:
        """Create the table's file (header / schema only) if no row has created it yet."""
        schema = table_schema(table)
        if self.fmt == "parquet" and table not in self._parquet:
            self._parquet[table] = pq.ParquetWriter(self.path(table), schema)
        elif self.fmt == "csv" and table not in self._csv:
            handle = self.path(table).open("w", encoding="utf-8", newline="")
            writer = csv.DictWriter(handle, fieldnames=schema.names)
            writer.writeheader()
            self._csv[table] = (handle, writer)
        self.counts.setdefault(table, 0)

    def write(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        self.open(table)
        if self.fmt == "parquet":
            self._parquet[table].write_table(pa.Table.from_pylist(rows, schema=table_schema(table)))
        else:
            self._csv[table][1].writerows({k: _cell(v) for k, v in row.items()} for row in rows)
        self.counts[table] += len(rows)

    def path(self, table: str) -> Path:
        return self.out / f"{table}.{self.fmt}"

    def close(self) -> None:
        for writer in self._parquet.values():
            writer.close()
        for handle, _ in self._csv.values():
            handle.close()
        self._parquet.clear()
        self._csv.clear()

    def __enter__(self) -> TableSink:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _cell(value: Any) -> Any:
    """CSV has no lists: they are written as JSON."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
