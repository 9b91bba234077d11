"""Alignment streamed over the store (scale/align.py) gives the stories and relations of batch ``align``."""

from __future__ import annotations

import pytest

from claimgraph import data
from claimgraph.align import align
from claimgraph.model import Document, DocumentAnalysis
from claimgraph.scale import ScaledRun, align_stored
from claimgraph.scale.align import align_stream, choose_batch
from claimgraph.store import Store
from conftest import load_cases

CASES = load_cases("align_stories")
ALL_DOCUMENTS = {i: t for case in CASES for i, t in case["documents"].items()}
ALL_STORIES = [s for case in CASES for s in case["stories"]]


def _analyses(documents: dict[str, str]) -> list[DocumentAnalysis]:
    return [DocumentAnalysis(Document(id=i, source=i, text=t)) for i, t in documents.items()]


def _partition(stories) -> list[list[str]]:
    return sorted(sorted(s.documents) for s in stories)


def _relation_keys(relations) -> list[tuple]:
    return sorted((r.kind, tuple(sorted(r.claims)), r.slot, r.independent) for r in relations)


@pytest.mark.parametrize("batch", [None, 1, 2, 64])
@pytest.mark.parametrize(
    ("documents", "expected"),
    [(c["documents"], c["stories"]) for c in CASES] + [(ALL_DOCUMENTS, ALL_STORIES)],
    ids=[c["name"] for c in CASES] + ["all cases in one store"],
)
def test_scale_align_stream_same_stories_as_batch(tmp_path, documents, expected, batch):
    analyses = _analyses(documents)
    with Store(str(tmp_path / "s.db")) as store:
        for analysis in analyses:
            store.save_document(analysis)
        align_stream(store, list(documents), batch)
        stored = store.load()
    assert _partition(stored.stories) == _partition(align(analyses)[0]) == sorted(map(sorted, expected))


@pytest.mark.parametrize("batch", [None, 1, 3])
def test_scale_align_stream_same_relations_as_batch(tmp_path, seed_analysis, batch):
    """The seed reports among unrelated ones: one story, its claims related as in one batch."""
    analyses = list(seed_analysis.documents) + _analyses(ALL_DOCUMENTS)
    stories, relations = align(analyses)
    with Store(str(tmp_path / "s.db")) as store:
        for analysis in analyses:
            store.save_document(analysis)
        count = align_stream(store, [a.document.id for a in analyses], batch)
        stored = store.load()
    assert relations and count == len(relations)
    assert _partition(stored.stories) == _partition(stories)
    assert _relation_keys(stored.relations) == _relation_keys(relations)
    facts = {s.id: len(s.facts) for s in stories}
    assert {s.id: len(s.facts) for s in stored.stories} == facts


@pytest.mark.parametrize("again", [None, 1])
def test_scale_align_stream_again_changes_nothing(tmp_path, again):
    """Aligning some documents again keeps the stories (none of their story-mates left without one)."""
    analyses = _analyses(ALL_DOCUMENTS)
    with Store(str(tmp_path / "s.db")) as store:
        for analysis in analyses:
            store.save_document(analysis)
        align_stream(store, list(ALL_DOCUMENTS), 2)
        first = _partition(store.load().stories)
        align_stream(store, list(ALL_DOCUMENTS)[::-2], again)
        assert store.unaligned_ids() == []
        assert _partition(store.load().stories) == first == sorted(map(sorted, ALL_STORIES))


@pytest.mark.parametrize(
    ("documents", "one_pass_max", "batched"),
    [(10, 10, False), (11, 10, True), (1, 0, True), (10**6, None, True)],
)
def test_scale_align_choose_batch_by_run_size(documents, one_pass_max, batched):
    expected = data.load("scale")["align"]["batch"] if batched else None
    assert choose_batch(documents, one_pass_max) == expected


@pytest.mark.parametrize("one_pass_max", [0, None])
def test_scale_align_stored_same_stories_either_side_of_the_limit(tmp_path, one_pass_max):
    """Above the one-pass limit the run is grouped in batches: the same stories on the test cases."""
    analyses = _analyses(ALL_DOCUMENTS)
    run = ScaledRun(order={a.document.id: i for i, a in enumerate(analyses)})
    with Store(str(tmp_path / "s.db")) as store:
        for analysis in analyses:
            store.save_document(analysis)
        align_stored(store, run, one_pass_max=one_pass_max)
        assert _partition(store.load().stories) == _partition(align(analyses)[0])


def test_scale_align_stream_on_postgres(pg_url):
    """The same stories through PostgreSQL's full-text index (tsvector) as through SQLite's FTS5."""
    analyses = _analyses(ALL_DOCUMENTS)
    with Store(pg_url) as store:
        for analysis in analyses:
            store.save_document(analysis)
        align_stream(store, list(ALL_DOCUMENTS), 2)
        assert store.unaligned_ids() == []
        assert _partition(store.load().stories) == sorted(map(sorted, ALL_STORIES))
        align_stream(store, list(ALL_DOCUMENTS)[:3])
        assert _partition(store.load().stories) == sorted(map(sorted, ALL_STORIES))
