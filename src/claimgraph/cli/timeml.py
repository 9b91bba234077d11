"""``claimgraph timeml``: tag the time expressions of TimeML / TempEval-3 files with TIMEX3.

Reads ``.tml`` or ``.TE3input`` files (the DCT from ``<DCT>``, the text from ``<TEXT>``) and
writes the same documents with our ``<TIMEX3>`` tags in ``<TEXT>``, so that standard TempEval
tooling can score them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from spacy.language import Language

from claimgraph.annotate.extensions import mentions_of
from claimgraph.annotate.nlp import default_nlp
from claimgraph.annotate.times.timeml import read_timeml, write_timeml
from claimgraph.errors import ClaimgraphError
from claimgraph.model import TimeMention

err = Console(stderr=True)


def _times_only(nlp: Language) -> list[str]:
    """The pipes the times component needs: spaCy's own (without NER) and the times annotator."""
    names = []
    for name in nlp.pipe_names:
        factory = nlp.get_pipe_meta(name).factory
        if name == "ner" or (factory.startswith("claimgraph_") and factory != "claimgraph_times_v1"):
            continue
        names.append(name)
    return names


def tag_file(nlp: Language, path: Path, dct: dt.date | None = None) -> str:
    """The file's XML with TIMEX3 tags for the times claimgraph finds in its ``<TEXT>``."""
    document = read_timeml(path)
    doc = nlp.make_doc(document.text)
    doc._.doc_id = path.name
    doc._.dct = dct or document.dct
    with nlp.select_pipes(enable=_times_only(nlp)):
        for _, component in nlp.pipeline:
            doc = component(doc)
    times = [m for m in mentions_of(doc, TimeMention.kind) if isinstance(m, TimeMention)]
    return write_timeml(document, times)


def timeml_cli(
    paths: Annotated[
        list[Path], typer.Argument(help=".tml or .TE3input files.", exists=True, dir_okay=False)
    ],
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", "-o", help="Write <name>.tml files here instead of stdout.")
    ] = None,
    dct: Annotated[
        str | None, typer.Option("--dct", help="Document creation time (YYYY-MM-DD) when a file has none.")
    ] = None,
) -> None:
    """Tag time expressions in TimeML / TempEval-3 files with TIMEX3 (type, value, mod).

    Exit code 0 when every file was tagged, 1 when some could not be read (reasons on stderr).
    """
    try:
        fallback = dt.date.fromisoformat(dct) if dct else None
    except ValueError as exc:
        raise typer.BadParameter(f"{dct!r} is not a date in YYYY-MM-DD form") from exc
    nlp = default_nlp()
    failed = 0
    for path in paths:
        try:
            document_dct = read_timeml(path).dct or fallback
            tagged = tag_file(nlp, path, document_dct)
        except ClaimgraphError as exc:
            err.print(f"skipped {path}: {exc}", highlight=False, markup=False)
            failed += 1
            continue
        if out_dir is None:
            typer.echo(tagged, nl=not tagged.endswith("\n"))
            continue
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / path.name.removesuffix(".TE3input")).write_text(tagged, encoding="utf-8")
    if failed:
        raise typer.Exit(1)
