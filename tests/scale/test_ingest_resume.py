"""``claimgraph ingest`` killed mid-run and started again: no document lost, none analysed twice."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

TEXTS = [
    "Rescue teams recovered {n} bodies after the earthquake struck the coastal province "
    "on Tuesday, the governor said.",
    "The company said it would cut {n} jobs by next year, according to a statement released on Friday.",
    "About {n} protesters gathered outside parliament on Sunday, police said, as "
    "lawmakers debated the budget.",
]
N = 150


def stored(db) -> dict[str, str]:
    try:
        with sqlite3.connect(db) as conn:
            return dict(conn.execute("SELECT id, analyzed_at FROM documents"))
    except sqlite3.OperationalError:  # not created yet, or locked for a moment
        return {}


@pytest.mark.slow  # two processes each load the pipeline
def test_ingest_resume_after_sigkill(tmp_path):
    corpus, db = tmp_path / "c.jsonl", tmp_path / "s.db"
    corpus.write_text(
        "".join(
            json.dumps({"text": TEXTS[i % 3].format(n=10 + i), "url": f"https://r.example/{i}"}) + "\n"
            for i in range(N)
        ),
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "claimgraph", "ingest", str(corpus), "--db", str(db), "-q", "--no-align"]
    first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(stored(db)) < 3 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL, first.stderr.read().decode()
    before = stored(db)
    assert 0 < len(before) < N, "the kill should land mid-run"

    second = subprocess.run([*command, "--json"], capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    report = json.loads(second.stdout)
    after = stored(db)
    assert len(after) == N  # none lost
    assert all(after[doc_id] == analyzed_at for doc_id, analyzed_at in before.items())  # none redone
    assert report["analysed"] == N - len(before)
    with sqlite3.connect(db) as conn:
        assert dict(conn.execute("SELECT status, count(*) FROM ingest_items GROUP BY status")) == {"done": N}
