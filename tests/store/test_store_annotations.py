"""Attributions and hedges survive the store, so views built from it can highlight them."""

from __future__ import annotations

import pytest

from claimgraph.model import Attribution, Document, DocumentAnalysis, Hedge, SourceRef

TEXT = "Officials said the bridge may collapse, according to local media."


def _analysis(attributions: list[Attribution], hedges: list[Hedge]) -> DocumentAnalysis:
    return DocumentAnalysis(
        document=Document(id="d1", source="test", text=TEXT), attributions=attributions, hedges=hedges
    )


@pytest.mark.parametrize(
    ("attributions", "hedges"),
    [
        ([], []),
        (
            [
                Attribution(
                    doc="d1",
                    start=15,
                    end=38,
                    cue="said",
                    cue_start=10,
                    cue_end=14,
                    sources=[
                        SourceRef("local media", 53, 64, "media", "local media"),
                        SourceRef("Officials", 0, 9, "official", None),
                    ],
                )
            ],
            [
                Hedge(
                    doc="d1", cue="may", start=26, end=29, scope_start=15, scope_end=38, certainty="possible"
                )
            ],
        ),
    ],
    ids=["none", "chain-and-hedge"],
)
def test_store_annotations_round_trip(mem_store, attributions, hedges):
    mem_store.save_document(_analysis(attributions, hedges))
    (loaded,) = mem_store.iter_documents(["d1"])
    assert loaded.attributions == attributions
    assert loaded.hedges == hedges


def test_store_annotations_replaced_on_reanalysis(mem_store):
    hedge = Hedge(doc="d1", cue="may", start=26, end=29, scope_start=15, scope_end=38, certainty="possible")
    mem_store.save_document(_analysis([], [hedge]))
    mem_store.save_document(_analysis([], []))
    (loaded,) = mem_store.iter_documents(["d1"])
    assert loaded.hedges == []
