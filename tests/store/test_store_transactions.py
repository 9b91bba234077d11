"""The store: idempotent re-analysis, one transaction per document, reading back."""

from __future__ import annotations

import sqlalchemy
from sqlalchemy import func, select

from claimgraph.pipeline import analyze
from claimgraph.store import Store, db, schema

ARTICLES = {
    "a.txt": (
        "ATHENS, Aug. 14 (CPA) - A ferry carrying 120 people ran aground off Crete on Thursday, the "
        "coast guard said. Officials said 12 passengers were injured. The ferry was built in 1998 and "
        "refitted in May 2025."
    ),
    "b.txt": (
        "A ferry ran aground near the port of Heraklion on Thursday with 118 people on board, Greek state "
        "television reported, citing the coast guard. Ten people were treated in hospital."
    ),
    "c.txt": (
        "Greek prosecutors opened an inquiry on Friday into the grounding of a ferry off Crete, in which "
        "at least 12 people were injured, the ministry of shipping said in a statement."
    ),
}


def _write(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return [str(tmp_path / name) for name in ARTICLES]


def _orphans(store: Store) -> int:
    """Mentions or claims whose document is not stored: the mark of a half-written document."""
    with store.engine.connect() as conn:
        ids = select(schema.documents.c.id)
        return sum(
            conn.execute(select(func.count()).select_from(t).where(t.c.doc.not_in(ids))).scalar_one()
            for t in (schema.mentions, schema.claims)
        )


def test_store_reanalysis_is_idempotent(tmp_path, nlp, mem_store):
    paths = _write(tmp_path)
    first = analyze(paths, nlp=nlp, store=mem_store)
    counts = mem_store.counts()
    assert counts["documents"] == 3 and counts["claims"] > 0
    second = analyze(paths, nlp=nlp, store=mem_store)
    assert mem_store.counts() == counts
    assert [d.document.id for d in first.documents] == [d.document.id for d in second.documents]
    # the same text under another name is the same document (content hash)
    (tmp_path / "copy.txt").write_text(ARTICLES["a.txt"], encoding="utf-8")
    analyze([str(tmp_path / "copy.txt")], nlp=nlp, store=mem_store)
    assert mem_store.counts()["documents"] == 3


def test_store_failure_mid_document_leaves_no_half_written_one(tmp_path, nlp, mem_store, monkeypatch):
    paths = _write(tmp_path)
    real_insert, calls = db.insert, {"claims": 0}

    def failing_insert(table):
        # the second document's claims fail after its row and mentions went in: a crash mid-document
        if table is schema.claims:
            calls["claims"] += 1
            if calls["claims"] == 2:
                raise sqlalchemy.exc.OperationalError("INSERT INTO claims", {}, Exception("disk I/O error"))
        return real_insert(table)

    monkeypatch.setattr(db, "insert", failing_insert)
    try:
        analyze(paths, nlp=nlp, store=mem_store)
    except Exception as exc:
        assert type(exc).__name__ == "StoreError" and "disk I/O error" in str(exc)
    else:
        raise AssertionError("the injected failure was swallowed")
    monkeypatch.setattr(db, "insert", real_insert)

    stored = mem_store.load()
    assert [d.document.source.rsplit("/", 1)[-1] for d in stored.documents] == ["a.txt"]
    assert stored.documents[0].claims, "the finished document is whole"
    assert _orphans(mem_store) == 0
    # and a re-run completes what was missing
    analyze(paths, nlp=nlp, store=mem_store)
    assert mem_store.counts()["documents"] == 3 and _orphans(mem_store) == 0


def test_store_roundtrip(tmp_path, nlp, mem_store):
    paths = _write(tmp_path)
    analysis = analyze(paths, nlp=nlp, store=mem_store)
    loaded = mem_store.load()
    by_id = {d.document.id: d for d in loaded.documents}
    for original in analysis.documents:
        back = by_id[original.document.id]
        assert back.document.to_dict() == original.document.to_dict()
        assert sorted((m.to_dict() for m in back.mentions), key=lambda m: m["id"]) == sorted(
            (m.to_dict() for m in original.mentions), key=lambda m: m["id"]
        )
        assert [c.id for c in back.claims] == [c.id for c in original.claims]
    rows = mem_store.document_rows()
    assert {r["id"] for r in rows} == set(by_id)


def test_store_reopens_migrated_file(tmp_path):
    target = str(tmp_path / "x.db")
    Store(target).close()
    with Store(target) as store:  # the second open finds the schema current
        assert store.counts()["documents"] == 0


def test_store_later_run_keeps_earlier_stories(tmp_path, nlp, mem_store):
    paths = _write(tmp_path)
    analyze(paths[:2], nlp=nlp, store=mem_store)
    before = {s.id: s.documents for s in mem_store.load().stories}
    analyze(paths[2:], nlp=nlp, store=mem_store)
    after = mem_store.load()
    stored_docs = {d.document.id for d in after.documents}
    in_stories = {doc for s in after.stories for doc in s.documents}
    assert in_stories == stored_docs, "every stored document keeps a story"
    assert set(before) <= {s.id for s in after.stories}, "the first run's stories are still there"


def test_store_alignment_replaces_only_what_it_touches(tmp_path, nlp, mem_store):
    paths = _write(tmp_path)
    analyze(paths, nlp=nlp, store=mem_store)
    counts = mem_store.counts()
    analyze(paths[:1], nlp=nlp, store=mem_store)  # re-analysing one document
    analyze(paths, nlp=nlp, store=mem_store)
    assert mem_store.counts() == counts
