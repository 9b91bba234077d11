"""--cluster specs, and ``analyze --cluster tcp://…`` against a scheduler that is already running."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from claimgraph.errors import ConfigError
from claimgraph.scale import parse_cluster


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("local", ("local", None)),
        ("local:3", ("local", 3)),
        ("tcp://10.0.0.5:8786", ("tcp://10.0.0.5:8786", None)),
        (" tls://sched.internal:8786 ", ("tls://sched.internal:8786", None)),
    ],
)
def test_dask_cluster_spec_parses(spec, expected):
    assert parse_cluster(spec) == expected


@pytest.mark.parametrize("spec", ["local:0", "locals", "tcp://host", "http://host:8786", "10.0.0.5:8786", ""])
def test_dask_cluster_spec_refuses(spec):
    with pytest.raises(ConfigError):
        parse_cluster(spec)


def test_dask_cluster_existing_scheduler_by_address(tmp_path):
    from distributed import LocalCluster

    from claimgraph.cli.main import app

    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"text": "The mayor said on Monday that 12 bridges would be repaired this year."}) + "\n",
        encoding="utf-8",
    )
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, protocol="tcp", dashboard_address=":0"
    ) as cluster:
        result = CliRunner().invoke(
            app,
            ["analyze", str(corpus), "--cluster", cluster.scheduler_address, "--db", str(tmp_path / "s.db")],
        )
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)["documents"]) == 1


def test_dask_cluster_unreachable_scheduler_is_a_clear_error(tmp_path):
    from claimgraph.cli.main import app

    result = CliRunner().invoke(
        app, ["analyze", str(tmp_path), "--cluster", "tcp://127.0.0.1:9", "--no-store"]
    )
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.output
