"""A worker process killed mid-run: Dask re-runs its partitions; nothing is lost or stored twice."""

from __future__ import annotations

import json
import os
import signal

import pytest

from claimgraph.pipeline import analyze
from claimgraph.scale import align_stored, analyze_scaled, load_analysis
from claimgraph.store import Store

TEXTS = [
    "Rescue teams recovered {n} bodies after the earthquake struck the coastal province "
    "on Tuesday, the governor said.",
    "The company said it would cut {n} jobs by next year, according to a statement released on Friday.",
    "About {n} protesters gathered outside parliament on Sunday, police said, as "
    "lawmakers debated the budget.",
]


@pytest.mark.slow  # two worker processes each load the pipeline, and one is started again after the kill
def test_dask_worker_killed_mid_run_loses_nothing(tmp_path, nlp):
    from distributed import Client, LocalCluster

    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "".join(json.dumps({"text": TEXTS[i % 3].format(n=10 + i)}) + "\n" for i in range(12)),
        encoding="utf-8",
    )
    expected = analyze([str(corpus)], nlp=nlp)
    killed: list[str] = []

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster,
        Client(cluster) as client,
        Store(str(tmp_path / "d.db")) as store,
    ):

        def kill_a_busy_worker(event: str, _source: str) -> None:
            if event != "done" or killed:
                return
            busy = [addr for addr, tasks in client.processing().items() if tasks]
            if busy:
                killed.append(busy[0])
                pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                os.kill(pid, signal.SIGKILL)  # as the OOM killer would: no clean-up, no goodbye

        run = analyze_scaled(
            [str(corpus)], store=store, client=client, partition_size=2, on_event=kill_a_busy_worker
        )
        align_stored(store, run)
        result = load_analysis(store, run)
        assert killed, "no worker was busy to kill"
        assert store.counts()["documents"] == len(expected.documents) == 12
    assert run.failed_partitions == 0 and not run.skipped
    assert [d.document.id for d in result.documents] == [d.document.id for d in expected.documents]
    assert sorted(c.id for d in result.documents for c in d.claims) == sorted(
        c.id for d in expected.documents for c in d.claims
    )
