"""Incremental stories through the store: same result as one batch, in any order of arrival."""

import pytest

from claimgraph.align import align
from claimgraph.align.incremental import _within, align_into_store, stored_candidates
from claimgraph.align.stories import build_stories
from claimgraph.model import Document, DocumentAnalysis
from claimgraph.store import Store
from conftest import load_cases

CASES = {c["name"]: c for c in load_cases("align_stories")}
MULTI = [name for name, case in CASES.items() if len(case["stories"]) > 1]


def _analyses(case: dict) -> list[DocumentAnalysis]:
    return [DocumentAnalysis(Document(id=i, source=i, text=t)) for i, t in case["documents"].items()]


def _orders(n: int) -> dict[str, list[int]]:
    return {
        "forward": list(range(n)),
        "reversed": list(range(n))[::-1],
        "interleaved": list(range(0, n, 2)) + list(range(1, n, 2)),
    }


def _partition(stories) -> list[list[str]]:
    return sorted(sorted(s.documents) for s in stories)


def _relation_keys(relations) -> list[tuple]:
    return sorted((r.kind, tuple(sorted(r.claims)), r.slot, r.independent) for r in relations)


@pytest.mark.parametrize("order", ["forward", "reversed", "interleaved"])
@pytest.mark.parametrize("name", MULTI)
def test_align_incremental_order_independent(tmp_path, name, order):
    case = CASES[name]
    analyses = _analyses(case)
    with Store(str(tmp_path / "s.db")) as store:
        for index in _orders(len(analyses))[order]:
            store.save_document(analyses[index])
            align_into_store(store, [analyses[index]])
        stored = store.load()
    assert _partition(stored.stories) == _partition(build_stories(analyses))
    assert _partition(stored.stories) == sorted(sorted(s) for s in case["stories"])


ALL_CASES = [a for case in CASES.values() for a in _analyses(case)]


@pytest.mark.parametrize("order", ["forward", "reversed"])
def test_align_incremental_mixed_collection_order_independent(tmp_path, order):
    """Every case's documents arriving together, one at a time: the earthquakes, trials and the
    lone report meet in one store, and each arrival is regrouped with only the few stored
    documents the full-text index offers; the stories equal one batch over all of them."""
    with Store(str(tmp_path / "s.db")) as store:
        for index in _orders(len(ALL_CASES))[order]:
            store.save_document(ALL_CASES[index])
            align_into_store(store, [ALL_CASES[index]])
        stored = store.load()
    expected = sorted(sorted(s) for case in CASES.values() for s in case["stories"])
    assert _partition(stored.stories) == _partition(build_stories(ALL_CASES)) == expected


@pytest.mark.parametrize("name", list(CASES))
def test_align_incremental_small_set_groups_as_in_a_larger_one(name):
    """IDF is smoothed toward everyday English, so a case grouped alone (what a regrouping after
    one new document sees) gives the same stories as inside the collection of all cases."""
    alone = _partition(build_stories(_analyses(CASES[name])))
    ids = set(CASES[name]["documents"])
    together = [s for s in _partition(build_stories(ALL_CASES)) if set(s) <= ids]
    assert alone == together == sorted(sorted(s) for s in CASES[name]["stories"])


def test_align_incremental_candidates_are_blocked(mem_store):
    """An earthquake report is offered the stored reports that share its words, never the trials."""
    quakes, trials = _analyses(CASES["two earthquakes stay apart"]), _analyses(CASES["two trials stay apart"])
    for analysis in quakes[1:] + trials:
        mem_store.save_document(analysis)
    align_into_store(mem_store, quakes[1:] + trials)
    found = {a.document.id for a in stored_candidates(mem_store, quakes[:1])}
    assert "a2" in found and not found & {a.document.id for a in trials}


def test_align_incremental_new_report_joins_stored_story(tmp_path, seed_analysis):
    """The second seed report, added alone, joins the first's stored story; its claims are aligned
    against the stored claims exactly as in one batch over both."""
    first, second = sorted(seed_analysis.documents, key=lambda a: a.document.id)
    batch_stories, batch_relations = align([first, second])
    with Store(str(tmp_path / "s.db")) as store:
        store.save_document(first)
        align_into_store(store, [first])
        store.save_document(second)
        joined, stories, relations = align_into_store(store, [second])
        stored = store.load()
    assert [a.document.id for a in joined] == [first.document.id]
    assert (
        _partition(stories) == _partition(batch_stories) == [sorted([first.document.id, second.document.id])]
    )
    assert batch_relations and _relation_keys(relations) == _relation_keys(batch_relations)
    assert _relation_keys(stored.relations) == _relation_keys(batch_relations)


def test_align_incremental_through_analyze(tmp_path, seed_paths, nlp):
    """``analyze`` with a store: a second run of one report returns the story it joined, whole."""
    from claimgraph.pipeline import analyze

    with Store(str(tmp_path / "s.db")) as store:
        analyze([str(seed_paths[0])], nlp=nlp, store=store)
        result = analyze([str(seed_paths[1])], nlp=nlp, store=store)
        assert store.counts()["stories"] == 1
    assert len(result.stories) == 1 and len(result.stories[0].documents) == 2
    assert {d.document.id for d in result.documents} == set(result.stories[0].documents)
    assert result.relations


# stories (id -> documents), the candidates' best ranks, the limit -> the stories kept
WITHIN = [
    ("all fit", {"s1": ["a", "n"], "s2": ["b", "c"]}, {"b": 0}, 10, ["s1", "s2"]),
    ("the new document's story is kept even past the limit", {"s1": ["a", "b", "n"]}, {}, 1, ["s1"]),
    ("best rank first", {"s1": ["a", "b"], "s2": ["c", "d"]}, {"a": 3, "d": 0}, 2, ["s2"]),
    (
        "a story too big is skipped whole, a smaller one after it fits",
        {"s1": ["a", "b", "c"], "s2": ["d"]},
        {"a": 0, "d": 1},
        2,
        ["s2"],
    ),
    ("ties by story id", {"s2": ["a"], "s1": ["b"]}, {"a": 0, "b": 0}, 1, ["s1"]),
]


@pytest.mark.parametrize(
    ("groups", "rank", "limit", "kept"), [w[1:] for w in WITHIN], ids=[w[0] for w in WITHIN]
)
def test_candidate_stories_within_limit(groups, rank, limit, kept):
    assert list(_within(groups, {"n"}, rank, limit)) == kept
