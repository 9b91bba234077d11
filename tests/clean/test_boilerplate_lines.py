"""Boilerplate removal, line by line, from the table in tests/cases/boilerplate.yaml."""

from __future__ import annotations

import pytest

from claimgraph.clean.boilerplate import remove_boilerplate
from conftest import load_cases

PROSE = [
    "The fire broke out late on Tuesday in a storage hall of the plant, the fire command said.",
    "About 600 residents were evacuated overnight as a precaution, officials said on Wednesday.",
    "Prosecutors have opened an investigation into the cause of the blaze, a judicial source said.",
]
CASES = load_cases("boilerplate")


def _body(line: str, at: str) -> str:
    paragraphs = [*PROSE, line] if at == "end" else [PROSE[0], line, *PROSE[1:]]
    return "\n\n".join(paragraphs)


@pytest.mark.parametrize("case", CASES, ids=[c["line"][:50] for c in CASES])
def test_boilerplate_line_reason(case):
    text, removed = remove_boilerplate(_body(case["line"], case.get("at", "middle")))
    if case["reason"] is None:
        assert removed == [], f"an article sentence was removed: {removed}"
        assert case["line"] in text
        return
    assert [r.reason for r in removed] == [case["reason"]]
    assert removed[0].text == case["line"]
    assert case["line"] not in text
    assert all(p in text for p in PROSE), "prose around the boilerplate must stay"


def test_boilerplate_table_is_balanced():
    """Precision first: the table holds at least as many sentences to keep as lines to remove."""
    keep = sum(1 for c in CASES if c["reason"] is None)
    assert keep >= 30
    assert len({c["reason"] for c in CASES if c["reason"]}) >= 5


@pytest.mark.parametrize(
    ("body", "removed_lines"),
    [
        (  # a bare label takes the headline-shaped links under it, not the prose after them
            "The plant was closed on Friday.\n\nAlso Read:\nPort strike halts traffic in Genoa\n"
            "Ferry operator fined over safety lapses\n\nInvestigators returned to the site on Saturday.",
            ["Also Read:", "Port strike halts traffic in Genoa", "Ferry operator fined over safety lapses"],
        ),
        (
            "The plant was closed on Friday.\n\nRelated stories\nThree killed in warehouse blaze\n"
            "Investigators returned to the site on Saturday, officials said.",
            ["Related stories", "Three killed in warehouse blaze"],
        ),
        (  # a subheading without a label stays
            "The plant was closed on Friday.\n\nExperts Question the Figures\n\n"
            "Some experts said the count was high.",
            [],
        ),
    ],
)
def test_boilerplate_label_lists(body, removed_lines):
    text, removed = remove_boilerplate(body)
    assert [r.text for r in removed] == removed_lines
    for line in removed_lines:
        assert line not in text


def test_boilerplate_offsets_point_into_the_input():
    body = _body("READ MORE: Five things to know about the strike", "middle")
    _, removed = remove_boilerplate(body)
    (span,) = removed
    assert body[span.start : span.end] == span.text
