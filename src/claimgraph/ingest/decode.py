"""Turn bytes into text: detect the encoding (charset-normalizer), refuse what is not text."""

from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer
from charset_normalizer.md import mess_ratio

from claimgraph.errors import InputError

# Control characters other than tab/newline/CR/form-feed are a sign of binary content.
_CONTROL = frozenset({*range(0, 9), 11, *range(14, 32)})
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# File signatures, so that a picture renamed .txt gets a reason a person understands.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# News in English is, when not UTF-8, nearly always Windows-1252 (a superset of Latin-1 for
# text); charset-normalizer alone cannot tell it from other single-byte code pages on a short text.
_WESTERN = "cp1252"
# Above this share of garbled characters no decoding is taken as text.
_MAX_MESS = 0.2
_SAMPLE = 65_536


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode ``data`` as text, trusting a declared charset only when it decodes cleanly.

    Order: byte-order mark, the declared charset, UTF-8, UTF-8 with a few broken bytes (they
    become U+FFFD), Windows-1252, then charset-normalizer's best guess.

    Raises:
        InputError: the bytes are empty or not text (a known binary format, NUL bytes, or no
            encoding gives readable text).
    """
    if not data.strip():
        raise InputError("empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _check_text(data.decode(encoding, errors="replace"))
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"binary content ({what}), not text")
    if b"\x00" in data[:_SAMPLE]:
        raise InputError("binary content (NUL bytes), not text")
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return _check_text(data.decode(encoding))
            except (UnicodeDecodeError, LookupError):
                continue
    return _check_text(_decode_legacy(data))


def _decode_legacy(data: bytes) -> str:
    """Bytes that are not valid UTF-8: mostly UTF-8 with damage, or a single-byte code page."""
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    intact = sum(1 for ch in lenient if ord(ch) > 0x7F) - damaged
    if intact > damaged:  # real multi-byte sequences outnumber the broken bytes: UTF-8 was meant
        return lenient
    try:
        text = data.decode(_WESTERN)
        if mess_ratio(text[:_SAMPLE], _MAX_MESS) < _MAX_MESS:
            return text
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data[: _SAMPLE * 4]).best()
    if best is None or best.chaos >= _MAX_MESS:
        raise InputError("not valid UTF-8, and no other text encoding gives readable text")
    return data.decode(best.encoding, errors="replace")


def _check_text(text: str) -> str:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if controls > max(8, len(sample) // 100):
        raise InputError("binary content: too many control characters for text")
    if not text.strip():
        raise InputError("empty input")
    return text


def read_capped(path: Path, max_bytes: int) -> bytes:
    """The bytes of a file no larger than ``max_bytes``.

    Raises:
        InputError: the file is over the cap or cannot be read (the one-line reason to show).
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file too large ({size / 1e6:.1f} MB > {max_bytes / 1e6:.1f} MB limit)")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from exc
