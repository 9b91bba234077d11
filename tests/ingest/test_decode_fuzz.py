"""Arbitrary bytes and text never crash ingest or cleaning: a text, or an InputError with a reason."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claimgraph.clean import clean
from claimgraph.clean.boilerplate import remove_boilerplate
from claimgraph.errors import InputError
from claimgraph.ingest.decode import decode_bytes
from claimgraph.model import RawInput


@settings(max_examples=300, deadline=None, database=None)
@given(st.binary(max_size=2048))
def test_decode_fuzz_bytes(data):
    try:
        text = decode_bytes(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(text, str) and text.strip()


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600))
def test_clean_fuzz_text_and_html(text):
    for media in ("text", "html"):
        try:
            document = clean(RawInput(source="fuzz", content=text, media_type=media))
        except InputError as exc:
            assert str(exc) and "\n" not in str(exc)
        else:
            assert document.text and document.id


@settings(max_examples=200, deadline=None, database=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Also Read | A teaser",
                "The mayor said the plant would reopen.",
                "",
                "(With inputs from agencies)",
                "Share this article",
                "Related stories",
                "Short Headline Line",
                "Photo: A / B",
                "Copyright 2025 X.",
            ]
        ),
        max_size=12,
    )
)
def test_boilerplate_fuzz_offsets(lines):
    body = "\n".join(lines)
    text, removed = remove_boilerplate(body)
    for span in removed:
        assert body[span.start : span.end] == span.text
    assert len(text) + sum(len(r.text) for r in removed) <= len(body)
