"""Parquet and CSV exports hold exactly what the store holds."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from claimgraph.export import TABLES, export_tables
from claimgraph.export.tables import mention_schema
from claimgraph.model import MENTION_KINDS


@pytest.fixture
def seed_store(mem_store, seed_analysis):
    for analysis in seed_analysis.documents:
        mem_store.save_document(analysis)
    mem_store.save_alignment(seed_analysis.stories, seed_analysis.relations)
    return mem_store


def expected_rows(seed_analysis) -> dict[str, int]:
    return {
        "documents": len(seed_analysis.documents),
        "mentions": sum(len(d.mentions) for d in seed_analysis.documents),
        "claims": sum(len(d.claims) for d in seed_analysis.documents),
        "relations": len(seed_analysis.relations),
        "stories": len(seed_analysis.stories),
    }


def test_export_parquet_round_trips_the_store(seed_store, seed_analysis, tmp_path):
    counts = export_tables(seed_store, tmp_path, "parquet")
    assert counts == expected_rows(seed_analysis)
    tables = {name: pq.read_table(tmp_path / f"{name}.parquet") for name in TABLES}
    assert {n: t.num_rows for n, t in tables.items()} == expected_rows(seed_analysis)
    texts = dict(
        zip(tables["documents"]["id"].to_pylist(), tables["documents"]["text"].to_pylist(), strict=True)
    )
    for row in tables["mentions"].to_pylist():
        assert texts[row["doc"]][row["start"] : row["end"]] == row["text"]  # offsets stay valid outside
    for row in tables["claims"].to_pylist():  # a claim's text may be decontextualised; evidence is the span
        assert texts[row["doc"]][row["start"] : row["end"]] == (row["evidence"] or row["text"])
    contract = {c["id"]: c for c in seed_analysis.to_dict()["claims"]}
    for row in tables["claims"].to_pylist():
        assert row["sources"] == contract[row["id"]]["sources"]
        assert row["certainty"] == contract[row["id"]]["certainty"]


def test_export_csv_writes_lists_as_json(seed_store, seed_analysis, tmp_path):
    counts = export_tables(seed_store, tmp_path, "csv", ["claims", "relations"])
    assert set(counts) == {"claims", "relations"}
    with (tmp_path / "claims.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == counts["claims"]
    assert all(isinstance(json.loads(r["mentions"]), list) for r in rows)
    assert (tmp_path / "relations.csv").read_text(encoding="utf-8").startswith("kind,claim_a,claim_b")


def test_export_empty_store_still_writes_every_table(mem_store, tmp_path):
    assert export_tables(mem_store, tmp_path, "parquet") == dict.fromkeys(TABLES, 0)
    assert pq.read_table(tmp_path / "mentions.parquet").schema.names == mention_schema().names


@pytest.mark.parametrize("kind", sorted(MENTION_KINDS))
def test_export_mention_schema_has_every_field_of_every_kind(kind):
    import dataclasses

    names = set(mention_schema().names)
    assert {f.name for f in dataclasses.fields(MENTION_KINDS[kind])} <= names
