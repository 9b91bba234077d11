"""Bytes to text: encodings detected, not assumed; what is not text is refused with a reason."""

from __future__ import annotations

import codecs

import pytest

from claimgraph.errors import InputError
from claimgraph.ingest.decode import decode_bytes

SENTENCE = "The café owner in Zürich said “we will rebuild” – and reopened on Monday."
LATIN = "Café owners in Zürich and Málaga said the façade would be restored, according to the mayor."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (SENTENCE.encode("utf-8"), SENTENCE),
        (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), SENTENCE),
        (LATIN.encode("latin-1"), LATIN),
        (SENTENCE.encode("cp1252"), SENTENCE),
        (SENTENCE.encode("utf-16"), SENTENCE),  # with its byte-order mark
        (codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), SENTENCE),
        (SENTENCE.encode("utf-32"), SENTENCE),
        ("Ünïcödé text in plain ASCII words mostly.".encode(), "Ünïcödé text in plain ASCII words mostly."),
    ],
    ids=["utf-8", "utf-8-bom", "latin-1", "cp1252", "utf-16-bom", "utf-16-be-bom", "utf-32", "utf-8-accents"],
)
def test_decode_encodings(data, expected):
    assert decode_bytes(data) == expected


def test_decode_declared_charset_used_when_it_fits():
    assert decode_bytes(LATIN.encode("latin-1"), declared="iso-8859-1") == LATIN


def test_decode_declared_charset_ignored_when_wrong():
    assert decode_bytes(SENTENCE.encode("utf-8"), declared="ascii") == SENTENCE


def test_decode_mostly_utf8_keeps_the_text():
    """A few broken bytes in UTF-8 text become U+FFFD instead of turning the text into mojibake."""
    data = (SENTENCE + " ").encode() * 4 + b"\xff\xfe\xc3\x28 end."
    text = decode_bytes(data)
    assert text.startswith(SENTENCE) and "\ufffd" in text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b" \n\t\n ", "empty input"),
        (PNG, r"binary content \(a PNG image\)"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", r"binary content \(a JPEG image\)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", r"binary content \(a PDF document\)"),
        (b"abc\x00def\x00ghi" * 20, r"binary content \(NUL bytes\)"),
        (bytes(range(0x80, 0x100)) * 12, "not valid UTF-8, and no other text encoding"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08 header " * 40, "too many control characters"),
    ],
    ids=["empty", "whitespace", "png", "jpeg", "pdf", "nul-bytes", "invalid-utf-8", "control-chars"],
)
def test_decode_refuses_non_text(data, reason):
    with pytest.raises(InputError, match=reason):
        decode_bytes(data)
