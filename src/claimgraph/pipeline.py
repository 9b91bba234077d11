"""The pipeline, end to end: ingest → clean → annotate → claims → align → store → report.

``analyze`` is the library entry point behind ``claimgraph analyze``. The run's documents are
cleaned first (an undated report is dated from the others), then go through the per-document
stages one at a time, each stored in its own transaction with the analyst's corrections
re-applied; alignment then runs over the whole set, together with the stored stories it may join.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language

from claimgraph.align import align
from claimgraph.align.incremental import align_into_store
from claimgraph.annotate import annotate_documents
from claimgraph.annotate.nlp import default_nlp
from claimgraph.annotate.times.dct import infer_missing_dates
from claimgraph.claims import extract_claims
from claimgraph.clean import CleanOptions, clean
from claimgraph.errors import InputError
from claimgraph.ingest import IngestOptions, read_inputs
from claimgraph.model import Analysis, Document, DocumentAnalysis, RawInput, Skipped
from claimgraph.store import Store
from claimgraph.store.review import apply_corrections

STAGES = ("ingest", "clean", "annotate", "claims", "align", "store", "report")


@dataclass(frozen=True, slots=True)
class AnalyzeOptions:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)


ProgressCallback = Callable[[str, str], None]  # (event, source): "done" | "skipped"


def clean_inputs(
    inputs: Iterable[RawInput | Skipped],
    options: CleanOptions,
    skipped: list[Skipped],
    on_event: ProgressCallback,
) -> Iterator[Document]:
    """Stage 2 over a stream; what cannot be cleaned is recorded in ``skipped``."""
    for item in inputs:
        if isinstance(item, Skipped):
            skipped.append(item)
            on_event("skipped", item.source)
            continue
        try:
            yield clean(item, options)
        except InputError as exc:
            skipped.append(Skipped(item.source, str(exc)))
            on_event("skipped", item.source)


def analyze_documents(
    documents: Iterable[Document],
    *,
    nlp: Language | None = None,
    store: Store | None = None,
    on_event: ProgressCallback = lambda *_: None,
) -> Iterator[DocumentAnalysis]:
    """Stages 3, 4 and 6 for each document: annotate, extract claims, store."""
    nlp = nlp or default_nlp()
    for analysis, doc in annotate_documents(nlp, documents):
        if store is not None:
            apply_corrections(store, analysis)  # an analyst's fix outlives re-analysis
        analysis.claims = extract_claims(analysis, doc)
        if store is not None:
            store.save_document(analysis)
        on_event("done", analysis.document.source)
        yield analysis


def analyze(
    specs: list[str],
    options: AnalyzeOptions | None = None,
    *,
    nlp: Language | None = None,
    store: Store | None = None,
    on_event: ProgressCallback = lambda *_: None,
) -> Analysis:
    """Analyse every article that ``specs`` (paths, globs, folders, URLs, ``-``) names."""
    options = options or AnalyzeOptions()
    skipped: list[Skipped] = []
    nlp = nlp or default_nlp()
    documents = list(
        _unique(clean_inputs(read_inputs(specs, options.ingest), options.clean, skipped, on_event))
    )
    # An undated report is dated from its own dates and the dated reports of this run.
    infer_missing_dates(documents, nlp)
    analyses = list(analyze_documents(documents, nlp=nlp, store=store, on_event=on_event))
    if store is None:
        stories, relations = align(analyses)
    else:
        # New documents join the stored stories they belong to; those stories' documents come back too.
        joined, stories, relations = align_into_store(store, analyses)
        analyses += joined
    return Analysis(documents=analyses, relations=relations, stories=stories, skipped=skipped)


def _unique(documents: Iterable[Document]) -> Iterator[Document]:
    """The same text given twice is one document (ids are content hashes)."""
    seen: set[str] = set()
    for document in documents:
        if document.id not in seen:
            seen.add(document.id)
            yield document
