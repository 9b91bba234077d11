"""A real PostgreSQL restart in the middle of ``claimgraph ingest``: the server is stopped (all
connections gone, new ones refused), started again a moment later, and the ingest says so,
retries, and ends with every document stored once.

The server must be one the tests may stop: .ci/run names it in CLAIMGRAPH_TEST_PG_CTL (its
``pg_ctl``) and CLAIMGRAPH_TEST_PG_DATA (its data directory).
"""

from __future__ import annotations

import json
import os
import pwd
import shlex
import subprocess
import threading
from pathlib import Path

import pytest

from claimgraph.ingest.incremental import Ingester, IngestRunOptions
from claimgraph.ingest.state import IngestState
from claimgraph.store import Store

TEXTS = [
    "Rescue teams pulled {n} people from collapsed buildings after the earthquake, the mayor said.",
    "The council approved {n} new bus routes for the northern suburbs on Tuesday.",
    "Customs officers seized {n} kilograms of cocaine hidden in a banana shipment, police said.",
]


class Server:
    """The PostgreSQL server of CLAIMGRAPH_TEST_PG_DATA, stopped and started with its own pg_ctl."""

    def __init__(self, pg_ctl: str, data: str) -> None:
        self.pg_ctl, self.data = pg_ctl, data
        # restart with the options it was started with (PostgreSQL records them in postmaster.opts)
        recorded = shlex.split(Path(data, "postmaster.opts").read_text(encoding="utf-8"))[1:]
        at = recorded.index("-D")
        self.options = shlex.join(recorded[:at] + recorded[at + 2 :])
        owner = pwd.getpwuid(os.stat(data).st_uid).pw_name
        # pg_ctl refuses to run as root: run it as the data directory's owner, as .ci/run does
        self.prefix = ["su", owner, "-c"] if os.getuid() == 0 and owner != "root" else ["sh", "-c"]

    def _pg_ctl(self, args: str) -> None:
        command = f"{shlex.quote(self.pg_ctl)} -D {shlex.quote(self.data)} -w {args}"
        subprocess.run([*self.prefix, command], check=True, capture_output=True, timeout=60)

    def stop(self, mode: str) -> None:
        self._pg_ctl(f"-m {mode} stop")

    def start(self) -> None:
        log = shlex.quote(str(Path(self.data, "log")))
        self._pg_ctl(f"-l {log} -o {shlex.quote(self.options)} start")


@pytest.fixture
def pg_server(pg_url) -> Server:
    pg_ctl, data = os.environ.get("CLAIMGRAPH_TEST_PG_CTL"), os.environ.get("CLAIMGRAPH_TEST_PG_DATA")
    if not (pg_ctl and data):
        pytest.skip("CLAIMGRAPH_TEST_PG_CTL / _PG_DATA are not set: the server is not ours to restart")
    server = Server(pg_ctl, data)
    yield server
    # a failed test must not leave the tests after it without a server
    if not Path(data, "postmaster.pid").exists():
        server.start()


def write_corpus(path: Path, n: int) -> None:
    lines = (
        json.dumps({"text": TEXTS[i % 3].format(n=200 + i), "url": f"https://r.example/{i}"})
        for i in range(n)
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("during", "mode"), [("queued", "fast"), ("done", "immediate")])
def test_postgres_restart_mid_ingest_loses_and_repeats_nothing(
    pg_url, pg_server, tmp_path, nlp, during, mode
):
    """``fast`` is an orderly restart; ``immediate`` a crash, recovered from the WAL on start."""
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 12)
    events: list[tuple[str, str]] = []
    starter: list[threading.Timer] = []

    def on_event(event: str, detail: str) -> None:
        events.append((event, detail))
        if event == during and sum(e == during for e, _ in events) == 4:
            pg_server.stop(mode)  # down now: the ingest's next statement fails
            starter.append(threading.Timer(1.5, pg_server.start))
            starter[0].start()

    with Store(pg_url) as store:
        report = Ingester(store, IngestRunOptions(queue_batch=4), nlp=nlp, on_event=on_event).run(
            [str(corpus)]
        )
        starter[0].join()
        warnings = [d for e, d in events if e == "warning"]
        assert warnings and all("database connection lost" in w and "retrying" in w for w in warnings)
        assert report.analysed == 12 and not report.skipped
        assert store.counts()["documents"] == 12
        assert IngestState(store).counts() == {"done": 12}
        again = Ingester(store, IngestRunOptions(), nlp=nlp).run([str(corpus)])
        assert (again.seen, again.analysed) == (12, 0)
