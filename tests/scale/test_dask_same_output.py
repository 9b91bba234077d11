"""A LocalCluster of two workers gives the same analysis as one process, and loads
the pipeline once per worker."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimgraph.pipeline import analyze
from claimgraph.scale import align_stored, analyze_scaled, load_analysis
from claimgraph.scale.worker import PLUGIN_NAME
from claimgraph.store import Store

TEXTS = [
    "Rescue teams recovered {n} bodies after the earthquake struck the coastal province "
    "on Tuesday, the governor said.",
    "The company said it would cut {n} jobs by next year, according to a statement released on Friday.",
    "About {n} protesters gathered outside parliament on Sunday, police said, as "
    "lawmakers debated the budget.",
    "Officials said {n} ships were stuck at the port after the strike began on Monday morning.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, seed_paths) -> list[str]:
    """The seeds, the same text twice (it must be stored once, from its first occurrence)
    and short reports."""
    folder = tmp_path_factory.mktemp("corpus")
    lines = [
        json.dumps({"text": TEXTS[i % 4].format(n=20 + i), "url": f"https://n.example/{i}"})
        for i in range(14)
    ]
    lines.insert(5, json.dumps({"text": TEXTS[0].format(n=20), "url": "https://n.example/again"}))
    lines.append("{broken json")
    (folder / "reports.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [*map(str, seed_paths), str(folder / "reports.jsonl")]


def canonical(data: dict) -> dict:
    """The contract JSON with order-free lists sorted (the store returns mentions by offset)."""
    data = dict(data)
    data["mentions"] = sorted(data["mentions"], key=lambda m: (m["doc"], m["start"], m["end"], m["id"]))
    data["claims"] = sorted(data["claims"], key=lambda c: (c["doc"], c["start"], c["id"]))
    data["relations"] = sorted(data["relations"], key=lambda r: (r["claims"], r["kind"], str(r.get("slot"))))
    data["stories"] = sorted(data["stories"], key=lambda s: s["id"])
    return data


@pytest.fixture(scope="module")
def single(corpus, nlp) -> dict:
    return canonical(analyze(corpus, nlp=nlp).to_dict())


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def test_dask_two_workers_same_output_as_one_process(corpus, single, client, tmp_path):
    with Store(str(tmp_path / "d.db")) as store:
        run = analyze_scaled(corpus, store=store, client=client, partition_size=2)
        align_stored(store, run)
        result = load_analysis(store, run)
        assert store.counts()["documents"] == len(result.documents)
    assert canonical(result.to_dict()) == single
    assert len(run.workers) == 2, "both workers should have taken partitions"
    assert run.failed_partitions == 0
    loads = client.run(lambda dask_worker: dask_worker.plugins[PLUGIN_NAME].loads)
    assert sorted(loads.values()) == [1, 1]  # once per worker, however many partitions it ran


def test_dask_in_process_path_writes_parquet_tables(corpus, single, nlp, tmp_path):
    import pyarrow.parquet as pq

    from claimgraph.cli.main import app

    out = tmp_path / "tables"
    result = CliRunner().invoke(
        app, ["analyze", *corpus, "--format", "parquet", "--out", str(out), "--no-store"]
    )
    assert result.exit_code == 1, result.output  # the broken JSON line is skipped, and says so
    assert "invalid JSON" in result.output
    expected = single
    assert pq.read_table(out / "documents.parquet").num_rows == len(expected["documents"])
    assert pq.read_table(out / "claims.parquet").num_rows == len(expected["claims"])
    assert pq.read_table(out / "mentions.parquet").num_rows == len(expected["mentions"])
