"""PostgreSQL as the store: same migrations and results as SQLite, and a server that drops out mid-ingest."""

from __future__ import annotations

import json
import threading

import psycopg
import pytest
from sqlalchemy import text

from claimgraph.ingest.incremental import Ingester, IngestRunOptions
from claimgraph.ingest.state import IngestState
from claimgraph.store import Store, database_url
from claimgraph.store.search import search

SENTENCES = [
    "Firefighters contained a wildfire that had burned {n} hectares of forest, the regional governor said.",
    "The ministry said {n} new classrooms would open in rural districts before the school year.",
    "Port authorities reported that {n} ships were waiting to unload after the strike ended on Monday.",
]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u:p@127.0.0.1:5432/db", "postgresql+psycopg://u:p@127.0.0.1:5432/db"),
        ("postgres://127.0.0.1/db", "postgresql+psycopg://127.0.0.1/db"),
        ("postgresql+psycopg://127.0.0.1/db", "postgresql+psycopg://127.0.0.1/db"),
        ("sqlite:///x.db", "sqlite:///x.db"),
    ],
)
def test_postgres_plain_urls_use_psycopg3(given, expected):
    assert database_url(given) == expected


def test_postgres_same_schema_and_round_trip_as_sqlite(pg_url, tmp_path, seed_analysis):
    with Store(pg_url) as pg, Store(str(tmp_path / "s.db")) as lite:
        for store in (pg, lite):
            for analysis in seed_analysis.documents:
                store.save_document(analysis)
            store.save_alignment(seed_analysis.stories, seed_analysis.relations)
        with pg.engine.connect() as a, lite.engine.connect() as b:
            heads = [
                sorted(c.execute(text("SELECT version_num FROM alembic_version")).scalars()) for c in (a, b)
            ]
        assert heads[0] == heads[1]
        assert pg.counts() == lite.counts()
        word = next(w for w in seed_analysis.documents[0].document.text.split() if w.isalpha() and len(w) > 5)
        assert [h.id for h in search(pg, word, limit=50)] and (
            sorted(h.id for h in search(pg, word, limit=50))
            == sorted(h.id for h in search(lite, word, limit=50))
        )
        assert json.dumps(pg.load().to_dict(), sort_keys=True) == json.dumps(
            lite.load().to_dict(), sort_keys=True
        )


def write_corpus(path, n: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            handle.write(
                json.dumps({"text": SENTENCES[i % 3].format(n=100 + i), "url": f"https://x.example/{i}"})
            )
            handle.write("\n")


def outage(pg_url: str, seconds: float) -> None:
    """What a restart does to clients: every connection dropped, and none accepted for a while."""
    db = pg_url.rsplit("/", 1)[1]
    admin = pg_url.replace("postgresql+psycopg://", "postgresql://").rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"ALTER DATABASE {db} ALLOW_CONNECTIONS false")
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (db,))

    def reopen() -> None:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"ALTER DATABASE {db} ALLOW_CONNECTIONS true")

    threading.Timer(seconds, reopen).start()


@pytest.mark.parametrize("during", ["queued", "done"])
def test_postgres_outage_mid_ingest_loses_and_repeats_nothing(pg_url, tmp_path, nlp, during):
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 12)
    events: list[tuple[str, str]] = []

    def on_event(event: str, detail: str) -> None:
        events.append((event, detail))
        if event == during and sum(e == during for e, _ in events) == 4:
            outage(pg_url, 1.2)

    with Store(pg_url) as store:
        report = Ingester(store, IngestRunOptions(queue_batch=4), nlp=nlp, on_event=on_event).run(
            [str(corpus)]
        )
        assert report.analysed == 12 and not report.skipped
        assert any("database connection lost" in d for e, d in events if e == "warning")
        assert store.counts()["documents"] == 12
        assert IngestState(store).counts() == {"done": 12}
        again = Ingester(store, IngestRunOptions(), nlp=nlp).run([str(corpus)])
        assert (again.seen, again.analysed) == (12, 0)
