"""Read TimeML / TempEval-3 files (text, DCT, gold TIMEX3s) and write them back with our TIMEX3s.

Only the ``<TEXT>`` section is annotated, as in TempEval-3. Offsets of the plain text map back to
the raw XML, so tags go in at the right places even around entities like ``&amp;``.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import quoteattr

from claimgraph.errors import InputError
from claimgraph.model import TimeMention

_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_DCT = re.compile(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", re.DOTALL)
_UNIT = re.compile(r"<[^>]*>|&#?\w+;|[^<&]+|[<&]", re.DOTALL)
_TIMEX_TAG = re.compile(r"</?TIMEX3\b[^>]*>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass(slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None


@dataclass(slots=True)
class TimeMLDocument:
    """One TimeML file: its raw XML, the plain text of ``<TEXT>``, the DCT and any gold TIMEX3s."""

    path: Path
    raw: str
    text: str
    dct: dt.date | None
    text_start: int  # where the TEXT content starts in ``raw``
    raw_offsets: list[int] = field(default_factory=list)  # raw index of each plain character
    raw_ends: list[int] = field(default_factory=list)  # raw index just after each plain character
    gold: list[Timex] = field(default_factory=list)


def read_timeml(path: Path) -> TimeMLDocument:
    """Parse a ``.tml`` / ``.TE3input`` file; ``InputError`` when it has no ``<TEXT>``.

    ``raw`` is kept without the gold TIMEX3 tags of ``<TEXT>``, ready for ours.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    body = _TEXT.search(raw)
    if body is None:
        raise InputError(f"{path} has no <TEXT> section")
    dct_match = _DCT.search(raw)
    dct = dt.date.fromisoformat(dct_match.group(1)) if dct_match else None
    stripped = _TIMEX_TAG.sub("", body.group(1))
    doc = TimeMLDocument(
        path=path,
        raw=raw[: body.start(1)] + stripped + raw[body.end(1) :],
        text="",
        dct=dct,
        text_start=body.start(1),
    )
    doc.text, doc.gold, _, _ = _parse(body.group(1), 0)
    text, _, doc.raw_offsets, doc.raw_ends = _parse(stripped, body.start(1))
    if text != doc.text:
        raise InputError(f"{path}: TIMEX3 tags could not be taken out cleanly")
    return doc


def _parse(section: str, base: int) -> tuple[str, list[Timex], list[int], list[int]]:
    """Plain text, TIMEX3 spans, and the raw start and end of each plain character."""
    plain: list[str] = []
    gold: list[Timex] = []
    starts: list[int] = []
    ends: list[int] = []
    open_timex: list[tuple[int, dict[str, str]]] = []
    for unit in _UNIT.finditer(section):
        piece, raw_at = unit.group(), base + unit.start()
        if piece.startswith("<") and len(piece) > 1:
            if piece.startswith("<TIMEX3"):
                open_timex.append((len(plain), dict(_ATTR.findall(piece))))
            elif piece.startswith("</TIMEX3") and open_timex:
                start, attrs = open_timex.pop()
                gold.append(
                    Timex(start, len(plain), attrs.get("type", "DATE"), attrs.get("value"), attrs.get("mod"))
                )
            continue
        chars = html.unescape(piece) if piece.startswith("&") else piece
        entity = piece.startswith("&") and len(piece) > 1
        for i, char in enumerate(chars):
            plain.append(char)
            starts.append(raw_at if entity else raw_at + i)
            ends.append(raw_at + len(piece) if entity else raw_at + i + 1)
    return "".join(plain), gold, starts, ends


def timex_tag(mention: TimeMention, tid: int) -> str:
    attrs = {"tid": f"t{tid}", "type": mention.type, "value": mention.value or ""}
    if mention.mod:
        attrs["mod"] = mention.mod
    return "<TIMEX3 " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items()) + ">"


def write_timeml(doc: TimeMLDocument, mentions: list[TimeMention]) -> str:
    """The document's XML with ``mentions`` tagged in ``<TEXT>`` (the gold tags were removed on reading)."""
    inserts: list[tuple[int, int, str]] = []  # (raw position, order, tag)
    for tid, mention in enumerate(sorted(mentions, key=lambda m: m.start), start=1):
        if mention.end <= mention.start or mention.end > len(doc.raw_offsets):
            continue
        inserts.append((doc.raw_offsets[mention.start], 1, timex_tag(mention, tid)))
        inserts.append((doc.raw_ends[mention.end - 1], 0, "</TIMEX3>"))
    out: list[str] = []
    last = 0
    for position, _, tag in sorted(inserts, key=lambda x: (x[0], x[1])):
        out.append(doc.raw[last:position])
        out.append(tag)
        last = position
    out.append(doc.raw[last:])
    return "".join(out)
