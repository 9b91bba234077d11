"""Adding an article in the web app aligns it into the stored stories (``align_into_store``):
stories it cannot join are left exactly as stored; the one it joins, or re-analysis, regroups."""

from __future__ import annotations

import copy

import pytest

from claimgraph.align.incremental import align_into_store
from claimgraph.model import Document, DocumentAnalysis
from claimgraph.report.load import analysis_from_json
from claimgraph.serve import ServeOptions
from claimgraph.serve.service import Service
from conftest import load_cases

QUAKES = {c["name"]: c for c in load_cases("align_stories")}["two earthquakes stay apart"]["documents"]


@pytest.fixture
def service(tmp_path, nlp):
    svc = Service(str(tmp_path / "serve.db"), ServeOptions(nlp=nlp))
    yield svc
    svc.close()


def _story_of(svc: Service, doc_id: str) -> list[str]:
    return next(s.documents for s in svc.store.load().stories if doc_id in s.documents)


def test_serve_add_leaves_unrelated_stories_as_stored(service):
    stored = analysis_from_json(copy.deepcopy(load_cases("report_story")))
    for analysis in stored.documents:
        service.store.save_document(analysis)
    service.store.save_alignment(stored.stories, stored.relations)
    before = service.store.load()
    added = service.add(service.raw_from_text(QUAKES["a1"], title="Earthquake in southern Spain"))
    after = service.store.load()
    # a whole-store re-alignment would rebuild s1 (new id and title from its first headline)
    assert [s.to_dict() for s in after.stories if s.id in {"s1", "s2"}] == [
        s.to_dict() for s in before.stories
    ]
    assert {r.claims for r in before.relations} <= {r.claims for r in after.relations}
    assert _story_of(service, added.document.id) == [added.document.id]


def test_serve_add_joins_the_stored_story_of_its_event(service):
    first = DocumentAnalysis(Document(id="a1", source="a1", text=QUAKES["a1"]))
    service.store.save_document(first)
    align_into_store(service.store, [first])
    added = service.add(service.raw_from_text(QUAKES["a2"]))
    assert _story_of(service, "a1") == sorted(["a1", added.document.id])


def test_serve_reanalyse_keeps_the_story_mates(service):
    analyses = [DocumentAnalysis(Document(id=i, source=i, text=QUAKES[i])) for i in ("a1", "a2")]
    for analysis in analyses:
        service.store.save_document(analysis)
    align_into_store(service.store, analyses)
    assert service.reanalyse("a1") is not None
    assert _story_of(service, "a2") == ["a1", "a2"]
    assert service.store.counts()["stories"] == 1
