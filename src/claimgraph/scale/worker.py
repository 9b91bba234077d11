"""What runs on a Dask worker: the pipeline, loaded once per worker, applied to a partition.

A run takes two passes, as a single process does: first every document is cleaned and the story
entities of the dated ones noted (an undated report is dated from the dated reports of the whole run),
then each document is dated if need be, annotated and its claims extracted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from distributed import WorkerPlugin, get_worker
from spacy.language import Language

from claimgraph.clean import CleanOptions, clean
from claimgraph.errors import InputError
from claimgraph.ingest.dates import Others, date_undated, dated_entities
from claimgraph.model import Document, RawInput, Skipped

PLUGIN_NAME = "claimgraph-pipeline"
NlpSource = Language | Callable[[], Language]
Prepared = tuple[int, Document, set[str]]  # input position, cleaned document, its story entities


class PipelinePlugin(WorkerPlugin):
    """Builds the annotation pipeline (spaCy model, components, their gazetteers) when a worker starts.

    Every task on that worker then reuses it: loading costs seconds, a partition far less.
    """

    name = PLUGIN_NAME

    def __init__(self, config_path: Path | None = None) -> None:
        self.config_path = config_path
        self.nlp: Language | None = None
        self.loads = 0  # how many times this worker built the pipeline (tests check it is once)

    def setup(self, worker: object) -> None:
        from claimgraph.annotate.nlp import build_nlp

        self.nlp = build_nlp(self.config_path)
        self.loads += 1


def worker_nlp() -> Language:
    """The pipeline of the worker running the current task."""
    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if plugin is None or plugin.nlp is None:
        raise RuntimeError("the claimgraph pipeline plugin is not registered on this worker")
    return plugin.nlp


def _resolve(nlp: NlpSource) -> Language:
    return nlp if isinstance(nlp, Language) else nlp()


def _worker_address() -> str:
    try:
        return get_worker().address
    except ValueError:  # not inside a Dask task: the in-process path
        return "local"


@dataclass(slots=True)
class PartitionResult:
    """What one partition gave, each item with its position in the input stream."""

    items: list[Any] = field(default_factory=list)
    skipped: list[tuple[int, Skipped]] = field(default_factory=list)
    worker: str = "local"  # address of the Dask worker that ran it


def prepare_partition(
    items: list[tuple[int, RawInput]], clean_options: CleanOptions, nlp: NlpSource = worker_nlp
) -> PartitionResult:
    """Pass 1: clean each input and note its story entities."""
    result = PartitionResult(worker=_worker_address())
    cleaned: list[tuple[int, Document]] = []
    for index, raw in items:
        try:
            cleaned.append((index, clean(raw, clean_options)))
        except InputError as exc:
            result.skipped.append((index, Skipped(raw.source, str(exc))))
    # only a dated report's entities can date another; an undated one's are found in pass 2, if need be
    dated = any(d.published is not None for _, d in cleaned)
    names = iter(dated_entities([d for _, d in cleaned], _resolve(nlp)) if dated else [])
    result.items = [(i, d, next(names)[1] if d.published is not None else set()) for i, d in cleaned]
    return result


def analyze_prepared(items: list[Prepared], others: Others, nlp: NlpSource = worker_nlp) -> PartitionResult:
    """Pass 2: date the undated from the run's dated reports, annotate, extract claims.

    Storing is the driver's.
    """
    from claimgraph.pipeline import analyze_documents

    documents = [d for _, d, _ in items]
    date_undated(documents, others, _resolve(nlp) if others else None)
    analyses = analyze_documents(documents, nlp=_resolve(nlp)) if documents else []
    return PartitionResult(
        items=list(zip((i for i, _, _ in items), analyses, strict=True)), worker=_worker_address()
    )
