"""An undated report is dated from the dated reports of its run alike in analyze, the scaled path, ingest."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from claimgraph.ingest.incremental import Ingester, IngestRunOptions
from claimgraph.pipeline import analyze
from claimgraph.scale import analyze_scaled
from claimgraph.store import Store

RECORDS = [
    {
        "id": "dated",
        "published": "2024-03-05",
        "text": "The European Commission and the government of Portugal agreed on Tuesday to fund a new "
        "rail line between Lisbon and Madrid, officials in Brussels said.",
    },
    {
        "id": "same story, undated",
        "text": "The European Commission will pay half the cost of the rail line from Lisbon to Madrid, "
        "the transport minister of Portugal told reporters.",
    },
    {
        "id": "other story, undated",
        "text": "A storm cut power to thousands of homes across Ohio overnight, the utility company said.",
    },
    {
        "id": "other story, dates itself",
        "text": "Flooding closed schools in Manila on March 2, 2023, after a week of heavy rain, the "
        "city government said.",
    },
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("dates") / "reports.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return str(path)


def _dates(analyses) -> dict[str, tuple[dt.date | None, str | None]]:
    """(date, how it was found) by the first words of each text."""
    return {a.document.text[:40]: (a.document.published, a.document.published_from) for a in analyses}


@pytest.fixture(scope="module")
def batch_dates(corpus, nlp) -> dict:
    return _dates(analyze([corpus], nlp=nlp).documents)


def test_ingest_dates_batch_dates_the_undated(batch_dates):
    """The reference: ``analyze`` dates the related report from the dated one, the others from themselves."""
    by_id = {r["text"][:40]: r["id"] for r in RECORDS}
    got = {by_id[k]: v for k, v in batch_dates.items()}
    assert got == {
        "dated": (dt.date(2024, 3, 5), "metadata"),
        "same story, undated": (dt.date(2024, 3, 5), "inferred"),
        "other story, undated": (None, None),
        "other story, dates itself": (dt.date(2023, 3, 2), "inferred"),
    }


@pytest.mark.parametrize("path", ["ingest", "scaled"])
def test_ingest_dates_same_as_analyze(corpus, nlp, batch_dates, tmp_path, path):
    with Store(str(tmp_path / "s.db")) as store:
        if path == "ingest":
            report = Ingester(store, IngestRunOptions(), nlp=nlp).run([corpus])
            assert report.analysed == len(RECORDS)
        else:
            analyze_scaled([corpus], store=store, partition_size=1)  # one report per partition
        assert _dates(store.iter_documents()) == batch_dates


def test_ingest_aligns_documents_an_earlier_run_left_unaligned(corpus, nlp, tmp_path):
    """A run with --no-align (or killed before aligning) leaves documents without a story; the next
    run aligns them, though it has nothing new to analyse."""
    with Store(str(tmp_path / "s.db")) as store:
        Ingester(store, IngestRunOptions(align=False), nlp=nlp).run([corpus])
        assert len(store.unaligned_ids()) == len(RECORDS) and store.counts()["stories"] == 0
        report = Ingester(store, IngestRunOptions(), nlp=nlp).run([corpus])
        assert report.seen == len(RECORDS) and report.analysed == 0
        assert store.unaligned_ids() == []
        documents = sorted(a.document.id for a in store.iter_documents())
        in_stories = sorted(d for s in store.load().stories for d in s.documents)
    assert len(documents) == len(RECORDS) and in_stories == documents  # each in exactly one story
