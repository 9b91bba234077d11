"""The JSON contract (../shared/contract.md): its schema, and real output checked against it."""

from __future__ import annotations

import copy
import datetime as dt
import json

import jsonschema
import pytest

from claimgraph.model import (
    Analysis,
    Claim,
    Document,
    DocumentAnalysis,
    EntityMention,
    PlaceMention,
    QuantityMention,
    Relation,
    Removed,
    SourceRef,
    Story,
    TimeMention,
)
from claimgraph.report import render_json, validate
from claimgraph.report.contract import schema

TEXT = "On Tuesday, 14 people were injured in Ravenna, CNN reported."


def _sample() -> dict:
    document = Document(
        id="d1",
        source="a.txt",
        text=TEXT,
        title="Fire",
        published=dt.date(2026, 3, 11),
        published_from="dateline",
        removed=[Removed(text="Share this article", reason="share or subscribe prompt", start=0, end=18)],
    )
    mentions = [
        TimeMention(doc="d1", text="Tuesday", start=3, end=10, value="2026-03-10"),
        QuantityMention(doc="d1", text="14 people", start=12, end=21, low=14, high=14, counted="person"),
        PlaceMention(
            doc="d1", text="Ravenna", start=38, end=45, name="Ravenna", lat=44.42, lon=12.2, level="city"
        ),
        EntityMention(doc="d1", text="CNN", start=47, end=50, label="ORG", canonical="CNN"),
    ]
    claim = Claim(
        id="d1:c0-61",
        doc="d1",
        text=TEXT,
        evidence=TEXT,
        start=0,
        end=61,
        certainty="reported",
        sources=[SourceRef(name="CNN", start=47, end=50)],
        mentions=[m.id for m in mentions],
    )
    return Analysis(
        documents=[DocumentAnalysis(document=document, mentions=mentions, claims=[claim])],
        relations=[
            Relation(kind="agree", claims=("d1:c0-61", "d2:c0-10"), slot="quantity", independent=False)
        ],
        stories=[Story(id="s1", title="Fire", documents=["d1"])],
    ).to_dict()


def test_contract_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(schema())


def test_contract_sample_validates():
    payload = _sample()
    validate(payload)
    for mention in payload["mentions"]:
        assert TEXT[mention["start"] : mention["end"]] == mention["text"]


def _set(path: str, value):
    def mutate(payload: dict) -> None:
        *parents, last = path.split(".")
        target = payload
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is KeyError:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value

    return mutate


BROKEN = [
    ("documents.0.published", "March 11"),
    ("documents.0.published_from", "guessed"),
    ("documents.0.text", KeyError),
    ("documents.0.removed.0.reason", ""),
    ("mentions.0.kind", "event"),
    ("mentions.0.start", -1),
    ("mentions.0.type", "WEEKDAY"),
    ("mentions.1.low", "fourteen"),
    ("mentions.2.lat", 123.0),
    ("mentions.3.canonical", KeyError),
    ("claims.0.certainty", "maybe"),
    ("claims.0.source_spans", [[47]]),
    ("relations.0.kind", "same"),
    ("relations.0.claims", ["only-one"]),
    ("relations.0.independent", "no"),
    ("stories.0.documents", []),
    ("claims", KeyError),
]


@pytest.mark.parametrize(("path", "value"), BROKEN, ids=[f"{p}={v!r}" for p, v in BROKEN])
def test_contract_rejects_broken_payloads(path, value):
    payload = copy.deepcopy(_sample())
    _set(path, value)(payload)
    with pytest.raises(jsonschema.ValidationError):
        validate(payload)


def test_contract_real_output_validates_with_true_offsets(seed_analysis):
    payload = json.loads(render_json(seed_analysis))
    validate(payload)
    texts = {d["id"]: d["text"] for d in payload["documents"]}
    assert payload["mentions"] and payload["claims"]
    for mention in payload["mentions"]:
        assert texts[mention["doc"]][mention["start"] : mention["end"]] == mention["text"], mention
    for claim in payload["claims"]:
        assert 0 <= claim["start"] < claim["end"] <= len(texts[claim["doc"]])
        for start, end in claim["source_spans"]:
            assert 0 <= start < end <= len(texts[claim["doc"]])
