"""Full-text search over documents and claims, the same on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

import pytest

from claimgraph.errors import StoreError
from claimgraph.model import Claim, Document, DocumentAnalysis
from claimgraph.store import Store
from claimgraph.store.search import parse_query, search
from conftest import load_cases

CASES = load_cases("search_queries")


def fill(store: Store) -> None:
    for doc in CASES["documents"]:
        claims = [
            Claim(
                id=f"{doc['id']}:c{i}",
                doc=doc["id"],
                text=c["text"],
                start=doc["text"].index(c["text"]),
                end=doc["text"].index(c["text"]) + len(c["text"]),
            )
            for i, c in enumerate(c for c in CASES["claims"] if c["doc"] == doc["id"])
        ]
        store.save_document(DocumentAnalysis(document=Document(source="t", **doc), claims=claims))


def open_filled(request, tmp_path_factory) -> Store:
    if request.param == "sqlite":
        target = str(tmp_path_factory.mktemp("search") / "s.db")
    else:
        target = request.getfixturevalue("pg_databases")()
    store = Store(target)
    fill(store)
    fill(store)  # re-analysis replaces rows: the index must follow, with no stale or doubled hits
    return store


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def filled_store(request, tmp_path_factory):
    """Read-only tests share one store per backend."""
    with open_filled(request, tmp_path_factory) as store:
        yield store


@pytest.fixture(params=["sqlite", "postgresql"])
def own_filled_store(request, tmp_path_factory):
    with open_filled(request, tmp_path_factory) as store:
        yield store


@pytest.mark.parametrize("case", CASES["queries"], ids=lambda c: f"{c['target']}:{c['query']}")
def test_search_fulltext_finds_what_it_should(filled_store, case):
    hits = search(filled_store, case["query"], target=case["target"])
    assert sorted(h.id for h in hits) == sorted(case["expect"])


def test_search_fulltext_ranks_and_marks_the_match(filled_store):
    hits = search(filled_store, "river", target="documents")
    assert [h.id for h in hits] == ["flood"]
    assert "[river]" in hits[0].snippet.lower()


def test_search_fulltext_follows_deletes(own_filled_store):
    filled_store = own_filled_store
    from sqlalchemy import delete

    from claimgraph.store import schema

    with filled_store.engine.begin() as conn:
        conn.execute(delete(schema.documents).where(schema.documents.c.id == "flood"))
    assert search(filled_store, "officials") == [
        h for h in search(filled_store, "officials") if h.id == "talks"
    ]
    assert [h.id for h in search(filled_store, "evacuated", target="claims")] == []


@pytest.mark.parametrize("query", ["", "   ", "-only -excluded", "!!! ???"])
def test_search_fulltext_refuses_a_query_without_words(mem_store, query):
    with pytest.raises(StoreError, match="nothing to search"):
        search(mem_store, query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('a "b c" OR -d', [("a",), ("b", "c"), "OR", ("d",)]),
        ("OR a OR", [("a",)]),
        ("x-ray's", [("x", "ray", "s")]),
    ],
)
def test_search_fulltext_query_parsing(query, expected):
    terms = parse_query(query)
    assert [("OR" if t.is_or else t.words) for t in terms] == expected
