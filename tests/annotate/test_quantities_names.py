"""Numbers that are part of a name ("Interstate 64", "Boeing 737") are no quantities; amounts stay."""

from __future__ import annotations

import pytest

from claimgraph.annotate.extensions import mentions_of

# sentence -> the quantities it has, as their surface text
CASES = [
    ("Traffic on Interstate 64 was closed after a crash.", []),
    ("A Boeing 737 landed in Denver on Friday.", []),
    ("He drove along Route 9 to the summit.", []),
    ("Apollo 11 landed on the moon.", []),
    ("Traffic on Highway 401 was closed for hours.", []),
    ("In Kharkiv 300 soldiers were killed.", ["300"]),
    ("Officials in Kyiv reported 12 deaths.", ["12"]),
    ("Russia sent 11,000 troops to the border.", ["11,000"]),
    ("Some 500 people gathered outside.", ["Some 500"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_quantities_numbers_in_names(make_doc, text, expected):
    assert [m.text for m in mentions_of(make_doc(text), "quantity")] == expected
