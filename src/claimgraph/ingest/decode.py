"""Turn bytes into text: detect the encoding, refuse what is not text."""

from __future__ import annotations

import charset_normalizer

from claimgraph.errors import InputError

# Control characters other than tab/newline/CR/form-feed are a sign of binary content.
_CONTROL = {*range(0, 9), 11, *range(14, 32)}


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode ``data`` as text, trusting a declared charset only when it decodes cleanly.

    Raises:
        InputError: the bytes are empty or not text (binary, or no encoding fits).
    """
    if not data.strip():
        raise InputError("empty input")
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary content (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    for encoding in (declared, "utf-8"):
        if encoding:
            try:
                return _check_text(data.decode(encoding))
            except (UnicodeDecodeError, LookupError):
                continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError("binary content: no text encoding fits")
    return _check_text(str(best))


def _check_text(text: str) -> str:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if controls > max(8, len(sample) // 100):
        raise InputError("binary content: too many control characters for text")
    return text
