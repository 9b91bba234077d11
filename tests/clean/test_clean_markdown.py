"""Markdown articles are read as the text a reader sees."""

from __future__ import annotations

import pytest

from claimgraph.clean import clean
from claimgraph.clean.markdown import markdown_to_text
from claimgraph.clean.normalize import normalize_text
from claimgraph.model import RawInput


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("# Ferry Runs Aground Off Crete", "Ferry Runs Aground Off Crete"),
        ("## Rescue ##", "Rescue"),
        ("The [coast guard](https://example.org/cg) said.", "The coast guard said."),
        ("The [coast guard][1] said.\n\n[1]: https://example.org/cg", "The coast guard said.\n\n"),
        ("![Smoke over the port](img/smoke.jpg)\nThe fire spread.", "\nThe fire spread."),
        ("It was **not** an accident, she said.", "It was not an accident, she said."),
        ("It was *not* an accident, she said.", "It was not an accident, she said."),
        ("> We acted within the law.", "We acted within the law."),
        ("- 12 injured\n- 3 missing", "12 injured\n3 missing"),
        ("Before\n\n---\n\nAfter", "Before\n\n\n\nAfter"),
        ("```\ncode()\n```\nText.", "\nText."),
        ("Prices rose 3*4 times, and 5 * 6 is 30.", "Prices rose 3*4 times, and 5 * 6 is 30."),
        ("Rates of 2-3% and a - b stay.", "Rates of 2-3% and a - b stay."),
    ],
)
def test_markdown_to_text(markdown, text):
    # blank lines are the normaliser's business; the words and the line breaks are this one's
    assert normalize_text(markdown_to_text(markdown)) == normalize_text(text)


def test_markdown_file_is_cleaned_to_text():
    body = (
        "# Ferry Runs Aground Off Crete\n\n"
        "ATHENS, Aug. 14 (CPA) - A ferry carrying **120 people** ran aground off [Crete](https://x.example) "
        "on Thursday, the coast guard said. It was refitted in May 2025.\n\n"
        "READ MORE: [Ferry operator fined](https://x.example/fined)\n"
    )
    document = clean(RawInput(source="story.md", content=body, media_type="text"))
    assert document.title == "Ferry Runs Aground Off Crete"
    assert "**" not in document.text and "](" not in document.text and "#" not in document.text
    assert [r.reason for r in document.removed] == ["promotional teaser"]
    assert (str(document.published), document.published_from) == ("2025-08-14", "dateline")
