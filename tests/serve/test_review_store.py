"""Analyst review in the store: corrections, verdicts, audit trail, and surviving re-analysis."""

from __future__ import annotations

import copy

import pytest

from claimgraph.report.html import render_html
from claimgraph.report.load import analysis_from_json
from claimgraph.store.review import Review, apply_corrections, apply_reviews
from conftest import load_cases

PLACE = "d1:p63-78"  # "Portville docks" in d1
QUANTITY = "d1:q21-40"
TIME = "d1:t79-90"


@pytest.fixture
def stored(mem_store):
    analysis = analysis_from_json(copy.deepcopy(load_cases("report_story")))
    for da in analysis.documents:
        mem_store.save_document(da)
    mem_store.save_alignment(analysis.stories, analysis.relations)
    return mem_store


def _mention(store, mention_id):
    analysis = store.load()
    apply_reviews(store, analysis)
    return next(m for d in analysis.documents for m in d.mentions if m.id == mention_id)


def test_fixture_ids_are_what_the_tests_name(stored):
    ids = {m.id: m.text for d in stored.load().documents for m in d.mentions}
    assert ids[PLACE] == "Portville docks" and ids[QUANTITY] == "About 1,200 workers"


def test_geocode_correction_is_audited_and_survives_reanalysis(stored):
    review = Review(stored)
    review.correct_mention(PLACE, {"lat": "45.1", "lon": 13.0, "level": "city"}, who="ana", note="wrong port")
    history = review.history()
    assert {(h["field"], h["before"], h["after"], h["who"]) for h in history} == {
        ("lat", 44.5, 45.1, "ana"),
        ("lon", 12.3, 13.0, "ana"),
        ("level", "facility", "city", "ana"),
    }
    assert all(h["at"] is not None and h["note"] == "wrong port" for h in history)
    # re-analysis: the document is written again from scratch with the pipeline's values
    fresh = analysis_from_json(copy.deepcopy(load_cases("report_story"))).documents[0]
    assert apply_corrections(stored, fresh) == 1
    stored.save_document(fresh)
    place = next(m for m in stored.load(["d1"]).documents[0].mentions if m.id == PLACE)
    assert (place.lat, place.lon, place.level) == (45.1, 13.0, "city")
    # even a writer that does not call the hook keeps it visible to readers
    stored.save_document(analysis_from_json(copy.deepcopy(load_cases("report_story"))).documents[0])
    assert _mention(stored, PLACE).lat == 45.1


def test_second_correction_records_the_first_as_before(stored):
    review = Review(stored)
    review.correct_mention(TIME, {"value": "2025-03"}, who="a")
    review.correct_mention(TIME, {"value": "2025-02-10"}, who="b")
    assert [(h["before"], h["after"], h["who"]) for h in review.history(target=TIME)] == [
        ("2025-03", "2025-02-10", "b"),
        ("2025-02", "2025-03", "a"),
    ]
    assert _mention(stored, TIME).value == "2025-02-10"


@pytest.mark.parametrize(
    ("mention", "values"),
    [
        (PLACE, {"lat": 91}),
        (PLACE, {"lon": "east"}),
        (PLACE, {"lat": float("nan")}),
        (PLACE, {"level": "<script>"}),
        (PLACE, {"value": "2025-01"}),
        (TIME, {"value": "next Tuesday"}),
        (TIME, {"lat": 1.0}),
        (QUANTITY, {"low": "1e400"}),
        (QUANTITY, {}),
        ("d1:e0-9", {"canonical": "x"}),
    ],
)
def test_bad_corrections_are_refused(stored, mention, values):
    with pytest.raises((ValueError, KeyError)):
        Review(stored).correct_mention(mention, values, who="a")
    assert Review(stored).history() == []


def test_rejected_relation_leaves_the_disputed_table(stored):
    review = Review(stored)
    analysis = stored.load()
    time_conflict = next(r for r in analysis.relations if r.slot == "time")
    review.judge_relation(
        list(reversed(time_conflict.claims)), "rejected", kind="conflict", slot="time", who="ana"
    )
    analysis = stored.load()
    verdicts = apply_reviews(stored, analysis)
    html = render_html(analysis, "s1", verdicts=verdicts)
    table = html[html.index('<table class="disputed">') :]
    table = table[: table.index("</table>")]
    assert table.count('<tr class="conflict') == 1 and "slot-quantity" in table
    assert "Relations rejected by an analyst" in html
    with pytest.raises(ValueError):
        review.judge_relation(time_conflict.claims, "maybe", kind="conflict", slot="time", who="ana")
    with pytest.raises(KeyError):
        review.judge_relation(
            ("nope", time_conflict.claims[0]), "accepted", kind="conflict", slot="time", who="ana"
        )
