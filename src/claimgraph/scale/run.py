"""Analysis spread over Dask workers, results streamed into the store as partitions finish.

The driver reads inputs lazily and cuts them into partitions; at most two partitions per
worker are in flight, so memory does not grow with the corpus during the per-document
stages. Pass 1 cleans and notes story entities (spooled to a temporary file on the driver);
pass 2 dates the undated reports from the run's dated ones, annotates and extracts claims,
and each finished document is stored at once (one transaction each). Dask re-runs the
partitions of a worker that dies; a partition that fails for good is reported as skipped
with the reason, and the run goes on. Stories and relations are then built over the stored
claims read from the store in a stream (scale/align.py): stories from the texts and mentions,
then each story's relations with only its documents loaded.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any, TypeVar

from claimgraph.ingest import read_inputs
from claimgraph.ingest.state import with_retry
from claimgraph.model import Analysis, RawInput, Skipped
from claimgraph.pipeline import AnalyzeOptions, ProgressCallback
from claimgraph.scale.align import align_stream, choose_batch
from claimgraph.scale.worker import (
    PartitionResult,
    PipelinePlugin,
    Prepared,
    analyze_prepared,
    prepare_partition,
)
from claimgraph.store import Store

T = TypeVar("T")


@dataclass(slots=True)
class ScaledRun:
    """What a scaled run did; the documents themselves are in the store."""

    order: dict[str, int] = field(default_factory=dict)  # doc id -> first input position
    skipped: list[tuple[int, Skipped]] = field(default_factory=list)
    partitions: int = 0
    failed_partitions: int = 0
    workers: set[str] = field(default_factory=set)

    @property
    def documents(self) -> int:
        return len(self.order)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    stream = iter(items)
    while chunk := list(islice(stream, size)):
        yield chunk


def raw_partitions(
    inputs: Iterable[RawInput | Skipped], size: int, run: ScaledRun, on_event: ProgressCallback
) -> Iterator[list[tuple[int, RawInput]]]:
    """Numbered raw inputs in groups of ``size``; unreadable ones are recorded, not sent."""
    for chunk in batched(enumerate(inputs), size):
        items = []
        for index, item in chunk:
            if isinstance(item, Skipped):
                run.skipped.append((index, item))
                on_event("skipped", item.source)
            else:
                items.append((index, item))
        if items:
            yield items


def analyze_scaled(
    specs: list[str],
    options: AnalyzeOptions | None = None,
    *,
    store: Store,
    client: Any | None = None,
    partition_size: int = 16,
    on_event: ProgressCallback = lambda *_: None,
) -> ScaledRun:
    """Analyse ``specs`` into ``store``, on ``client``'s cluster or (``None``) in this process."""
    options = options or AnalyzeOptions()
    run = ScaledRun()
    mapper = _Mapper(client, run, on_event)
    with tempfile.TemporaryFile() as spool:
        first, dated = _prepare(
            mapper,
            raw_partitions(read_inputs(specs, options.ingest), partition_size, run, on_event),
            options,
            spool,
        )
        others = [
            (date, names)
            for index, doc_id, date, names in sorted(dated, key=lambda d: d[0])
            if first[doc_id] == index
        ]
        spool.seek(0)
        unique = (item for item in _read_spool(spool) if first[item[1].id] == item[0])
        for _, result in mapper.map(analyze_prepared, batched(unique, partition_size), mapper.share(others)):
            for index, analysis in result.items:
                run.order[analysis.document.id] = index
                with_retry(lambda a=analysis: store.save_document(a), what=f"store {analysis.document.id}")
                on_event("done", analysis.document.source)
    return run


def _prepare(
    mapper: _Mapper, parts: Iterable[list[tuple[int, RawInput]]], options: AnalyzeOptions, spool: IO[bytes]
) -> tuple[dict[str, int], list[tuple[int, str, Any, set[str]]]]:
    """Pass 1 into the spool; returns each text's first input position and the dated reports."""
    first: dict[str, int] = {}
    dated: list[tuple[int, str, Any, set[str]]] = []
    for _, result in mapper.map(prepare_partition, parts, options.clean):
        for index, document, names in result.items:
            first[document.id] = min(index, first.get(document.id, index))  # same text twice: the first wins
            pickle.dump((index, document, names), spool)
            if document.published is not None:
                dated.append((index, document.id, document.published, names))
    return first, dated


def _read_spool(spool: IO[bytes]) -> Iterator[Prepared]:
    while True:
        try:
            yield pickle.load(spool)
        except EOFError:
            return


class _Mapper:
    """Runs a partition function over partitions, on the cluster or in this process."""

    def __init__(self, client: Any | None, run: ScaledRun, on_event: ProgressCallback) -> None:
        self.client, self.run, self.on_event = client, run, on_event
        if client is not None:
            client.register_plugin(PipelinePlugin())

    def share(self, value: Any) -> Any:
        """Send a value every task needs to all workers once."""
        if self.client is None:
            return value
        return self.client.scatter([value], broadcast=True)[0]  # wrapped: a bare list would scatter per item

    def map(
        self, fn: Callable[..., PartitionResult], parts: Iterable[list[Any]], *args: Any
    ) -> Iterator[tuple[list[Any], PartitionResult]]:
        """Each partition's result as it finishes; a failed partition's inputs are recorded as skipped."""
        results = self._local(fn, parts, args) if self.client is None else self._remote(fn, parts, args)
        for partition, result in results:
            if isinstance(result, BaseException):
                self._failed(partition, result)
                continue
            self.run.partitions += 1
            self.run.workers.add(result.worker)
            for index, skipped in result.skipped:
                self.run.skipped.append((index, skipped))
                self.on_event("skipped", skipped.source)
            yield partition, result

    def _failed(self, partition: list[Any], exc: BaseException) -> None:
        self.run.failed_partitions += 1
        reason = f"analysis failed on the cluster ({exc.__class__.__name__}: {exc})"
        for item in partition:
            index, source = item[0], getattr(item[1], "source", "?")
            self.run.skipped.append((index, Skipped(source, reason)))
            self.on_event("skipped", source)

    def _local(
        self, fn: Callable[..., PartitionResult], parts: Iterable[list[Any]], args: tuple[Any, ...]
    ) -> Iterator[tuple[list[Any], PartitionResult]]:
        from claimgraph.annotate.nlp import default_nlp

        for partition in parts:
            yield partition, fn(partition, *args, nlp=default_nlp)

    def _remote(
        self, fn: Callable[..., PartitionResult], parts: Iterable[list[Any]], args: tuple[Any, ...]
    ) -> Iterator[tuple[list[Any], PartitionResult | BaseException]]:
        """Submit with bounded look-ahead (two partitions per worker); yield in completion order."""
        from distributed import as_completed

        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        source = iter(parts)
        pending: dict[Any, list[Any]] = {}

        def submit(partition: list[Any]) -> Any:
            future = self.client.submit(fn, partition, *args, pure=False)
            pending[future] = partition
            return future

        completed = as_completed([submit(p) for p in islice(source, 2 * workers)])
        for future in completed:
            partition = pending.pop(future)
            try:
                yield partition, future.result()
            except Exception as exc:  # a task's own error, or KilledWorker: report the partition, go on
                yield partition, exc
            nxt = next(source, None)
            if nxt is not None:
                completed.add(submit(nxt))


def align_stored(
    store: Store, run: ScaledRun, batch: int | None = None, *, one_pass_max: int | None = None
) -> None:
    """Stories and relations over the stored documents of this run, read from the store in a
    stream (scale/align.py).

    Args:
        store: the store the run wrote.
        run: the run.
        batch: group N documents at a time; None chooses by the run's size (``choose_batch``:
            one pass up to ``one_pass_max`` documents, batches above).
        one_pass_max: as for ``choose_batch``.
    """
    batch = batch if batch is not None else choose_batch(run.documents, one_pass_max)
    align_stream(store, sorted(run.order, key=run.order.__getitem__), batch)


def load_analysis(store: Store, run: ScaledRun) -> Analysis:
    """The run's result as ``analyze`` returns it: documents and skips in input order."""
    analysis = store.load(run.order)
    analysis.documents.sort(key=lambda a: run.order[a.document.id])
    analysis.skipped = [s for _, s in sorted(run.skipped, key=lambda pair: pair[0])]
    return analysis
