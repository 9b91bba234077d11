"""GeoJSON of stored places and TimeML of stored times."""

from __future__ import annotations

import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import pytest

from claimgraph.export import write_geojson, write_timeml
from claimgraph.export.timeml import document_timeml
from claimgraph.model import Claim, Document, DocumentAnalysis, PlaceMention, TimeMention

TEXT = "Shelling hit Kharkiv on Monday night & again early Tuesday, officials in Kyiv said."


def place(text: str, lat: float | None, lon: float | None) -> PlaceMention:
    start = TEXT.index(text)
    return PlaceMention(
        doc="d1",
        text=text,
        start=start,
        end=start + len(text),
        name=text,
        lat=lat,
        lon=lon,
        level="city",
        unresolved_reason=None if lat is not None else "ambiguous",
    )


def time(text: str, value: str, type_: str = "DATE") -> TimeMention:
    start = TEXT.index(text)
    return TimeMention(doc="d1", text=text, start=start, end=start + len(text), type=type_, value=value)


@pytest.fixture
def analysis() -> DocumentAnalysis:
    kharkiv = place("Kharkiv", 49.99, 36.23)
    return DocumentAnalysis(
        document=Document(id="d1", source="t", text=TEXT, published=dt.date(2025, 6, 17), outlet="Wire"),
        mentions=[
            kharkiv,
            place("Kyiv", None, None),
            time("Monday night", "2025-06-16TNI", "TIME"),
            time("Monday", "2025-06-16"),
            time("early Tuesday", "2025-06-17"),
        ],
        claims=[
            Claim(id="d1:c0", doc="d1", text="Shelling hit Kharkiv", start=0, end=20, mentions=[kharkiv.id])
        ],
    )


def test_export_geojson_has_a_point_per_resolved_place(mem_store, analysis):
    mem_store.save_document(analysis)
    out = io.StringIO()
    assert write_geojson(mem_store, out) == 1
    collection = json.loads(out.getvalue())
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.23, 49.99]}
    assert feature["properties"]["claims"] == ["d1:c0"]
    assert feature["properties"]["published"] == "2025-06-17"


def test_export_timeml_is_valid_xml_with_the_text_unchanged(analysis):
    xml, written, overlapping = document_timeml(analysis)
    assert (written, overlapping) == (2, 1)  # "Monday" lies inside "Monday night"
    root = ET.fromstring(xml)
    text = root.find("TEXT")
    assert "".join(text.itertext()) == TEXT
    assert [(t.text, t.get("value")) for t in text.iter("TIMEX3")] == [
        ("Monday night", "2025-06-16TNI"),
        ("early Tuesday", "2025-06-17"),
    ]
    assert root.find("DCT/TIMEX3").get("functionInDocument") == "CREATION_TIME"


def test_export_timeml_writes_one_file_per_document(mem_store, analysis, tmp_path):
    mem_store.save_document(analysis)
    result = write_timeml(mem_store, tmp_path)
    assert (result.files, result.timexes, result.overlapping) == (1, 2, 1)
    assert ET.parse(tmp_path / "d1.tml").getroot().find("DOCID").text == "d1"
