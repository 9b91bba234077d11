"""Incremental, resumable ingest: ``claimgraph ingest`` and each poll of ``claimgraph watch``.

Two phases, each safe to kill at any moment:

1. *Queue.* Inputs are read in batches; those whose raw content or URL was seen before are
   dropped before any work is done; the rest are cleaned, and a cleaned text already queued
   or stored is recorded as a duplicate. Each batch is written in one transaction, so a kill
   loses at most the batch in hand, which the next run reads again from its source.
2. *Analyse.* An undated queued document is dated from the dated ones in the queue (as
   ``analyze`` dates from the dated reports of its run); queued documents are annotated, stored
   (one transaction each) and marked done.
   A document stored but not yet marked when the run died is marked on the next run without
   being analysed again.

A feed's ETag / Last-Modified is saved only after its entries are queued, so a kill between
the two re-reads the feed rather than losing its entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from spacy.language import Language

from claimgraph.clean import CleanOptions, clean
from claimgraph.errors import InputError
from claimgraph.ingest import IngestOptions, read_inputs
from claimgraph.ingest.dates import date_undated, dated_entities
from claimgraph.ingest.feeds import FeedClient, FeedOptions, entry_inputs, parse_feed, parse_opml
from claimgraph.ingest.state import IngestState, NewItem, T, digest, with_retry
from claimgraph.model import Document, RawInput, Skipped
from claimgraph.store import Store

EventCallback = Callable[[str, str], None]  # (event, detail): queued|seen|duplicate|skipped|done|warning


@dataclass(frozen=True, slots=True)
class IngestRunOptions:
    ingest: IngestOptions = field(default_factory=IngestOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    feeds: FeedOptions = field(default_factory=FeedOptions)
    queue_batch: int = 256  # inputs per queue transaction
    analyze_batch: int = 16  # documents handed to spaCy at once
    analyze: bool = True
    align: bool = True


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    queued: int = 0
    seen: int = 0
    duplicates: int = 0
    analysed: int = 0
    resumed: int = 0  # stored by a run that died before marking them done
    feeds_unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "read": self.read,
            "queued": self.queued,
            "seen": self.seen,
            "duplicates": self.duplicates,
            "analysed": self.analysed,
            "resumed": self.resumed,
            "feeds_unchanged": self.feeds_unchanged,
            "skipped": [s.to_dict() for s in self.skipped],
            "warnings": list(self.warnings),
        }


class Ingester:
    """One ingest run over one store."""

    def __init__(
        self,
        store: Store,
        options: IngestRunOptions | None = None,
        *,
        nlp: Language | None = None,
        client: FeedClient | None = None,
        on_event: EventCallback = lambda *_: None,
    ) -> None:
        self.store, self.state = store, IngestState(store)
        self.options = options or IngestRunOptions()
        self._nlp, self._client, self.on_event = nlp, client, on_event
        self.report = IngestReport()

    @property
    def client(self) -> FeedClient:
        if self._client is None:
            self._client = FeedClient(self.options.feeds)
        return self._client

    def run(
        self, specs: Iterable[str] = (), *, feeds: Iterable[str] = (), opmls: Iterable[str] = ()
    ) -> IngestReport:
        """Queue everything ``specs`` and the feeds name, then analyse all that is pending."""
        if specs:
            self.queue(read_inputs(list(specs), self.options.ingest))
        for url in [*feeds, *self.feed_list(opmls)]:
            self.poll_feed(url)
        if self.options.analyze:
            self.analyse_pending()
        return self.report

    # -- phase 1 -------------------------------------------------------------------------------

    def queue(self, inputs: Iterable[RawInput | Skipped]) -> None:
        """Record new inputs; cleaned documents are queued for analysis."""
        stream = iter(inputs)
        while batch := list(islice(stream, self.options.queue_batch)):
            self._queue_batch(batch)

    def _queue_batch(self, batch: list[RawInput | Skipped]) -> None:
        raws: list[tuple[str, RawInput]] = []
        for item in batch:
            if isinstance(item, Skipped):
                self._skip(item)
            else:
                self.report.read += 1
                raws.append((digest(item.content), item))
        hashes, urls = [h for h, _ in raws], [r.url for _, r in raws if r.url]
        seen_raw, seen_urls = self._retry(lambda: self.state.seen(hashes, urls), "look up seen inputs")
        items: list[NewItem] = []
        documents: list[tuple[str, RawInput, Document]] = []
        for raw_hash, raw in raws:
            if raw_hash in seen_raw or (raw.url and raw.url in seen_urls):
                self.report.seen += 1
                self.on_event("seen", raw.source)
                continue
            seen_raw.add(raw_hash)  # the same input twice in one batch
            try:
                documents.append((raw_hash, raw, clean(raw, self.options.clean)))
            except InputError as exc:
                items.append(NewItem(raw_hash, raw.source, raw.url, "skipped", reason=str(exc)))
                self._skip(Skipped(raw.source, str(exc)))
        known = self._retry(
            lambda: self.state.known_content([d for _, _, d in documents]), "look up known texts"
        )
        for raw_hash, raw, document in documents:
            if document.id in known:
                items.append(NewItem(raw_hash, raw.source, raw.url, "duplicate", document=document))
                self.report.duplicates += 1
                self.on_event("duplicate", raw.source)
                continue
            known.add(document.id)
            items.append(NewItem(raw_hash, raw.source, raw.url, "pending", document=document))
            self.report.queued += 1
            self.on_event("queued", raw.source)
        self._retry(lambda: self.state.add(items), "queue inputs")

    def _skip(self, skipped: Skipped) -> None:
        self.report.skipped.append(skipped)
        self.on_event("skipped", f"{skipped.source}: {skipped.reason}")

    # -- feeds ---------------------------------------------------------------------------------

    def feed_list(self, opmls: Iterable[str]) -> Iterator[str]:
        """Feed URLs of OPML files or URLs; one that cannot be read is skipped with its reason."""
        for spec in opmls:
            try:
                if spec.startswith(("http://", "https://")):
                    result = self.client.get(spec)
                    yield from parse_opml(result.body, source=result.url)
                else:
                    yield from parse_opml(
                        Path(spec).read_bytes()[: self.options.feeds.max_bytes], source=spec
                    )
            except InputError as exc:
                self._skip(Skipped(spec, str(exc)))
            except OSError as exc:
                self._skip(Skipped(spec, f"cannot read file: {exc.strerror or exc}"))

    def poll_feed(self, url: str) -> None:
        """Fetch one feed (conditionally) and queue its new entries."""
        known = self._retry(lambda: self.state.feed(url), "read feed state") or {}
        try:
            result = self.client.get(url, etag=known.get("etag"), last_modified=known.get("last_modified"))
            if result.status == 304:
                self.report.feeds_unchanged += 1
                self.on_event("unchanged", url)
                self._save_feed(url, status=304, error=None)
                return
            feed = parse_feed(result.body, source=result.url, content_type=result.content_type)
        except InputError as exc:
            self._skip(Skipped(url, str(exc)))
            self._save_feed(url, status=None, error=str(exc))
            return
        if feed.warning:
            self.report.warnings.append(f"{url}: {feed.warning}")
            self.on_event("warning", f"{url}: {feed.warning}")
        before = self.report.read
        self.queue(entry_inputs(feed, client=self.client, is_seen=self._url_seen))
        # only now that the entries are queued may the next poll skip an unchanged feed
        self._save_feed(
            url,
            status=result.status,
            error=None,
            etag=result.etag,
            last_modified=result.last_modified,
            title=feed.title,
            entries_seen=(known.get("entries_seen") or 0) + self.report.read - before,
        )

    def _url_seen(self, url: str) -> bool:
        return self._retry(lambda: self.state.url_seen(url), "look up a seen URL")

    def _save_feed(self, url: str, *, status: int | None, error: str | None, **values: object) -> None:
        values = {k: v for k, v in values.items() if v is not None}
        self._retry(
            lambda: self.state.save_feed(
                url, last_polled=dt.datetime.now(dt.UTC), last_status=status, last_error=error, **values
            ),
            "save feed state",
        )

    # -- phase 2 -------------------------------------------------------------------------------

    def analyse_pending(self) -> None:
        """Analyse and store every queued document, then align what is not in a story yet."""
        from claimgraph.pipeline import analyze_documents  # deferred: the pipeline imports ingest

        batch = self.options.analyze_batch
        others = self.run_dates()
        while pending := self._retry(lambda: self.state.pending(batch * 4), "read the queue"):
            ids = [d.id for _, d in pending]
            stored = self._retry(lambda ids=ids: self.state.stored(ids), "look up stored documents")
            finished = [item_id for item_id, d in pending if d.id in stored]
            self._retry(lambda done=finished: self.state.mark_done(done), "mark documents done")
            self.report.resumed += len(finished)
            todo = {d.id: item_id for item_id, d in pending if d.id not in stored}
            documents = [d for _, d in pending if d.id in todo]
            date_undated(documents, others, self.nlp if others else None)
            for analysis in analyze_documents(documents, nlp=self.nlp):
                self._retry(lambda a=analysis: self.store.save_document(a), f"store {analysis.document.id}")
                item_id = todo[analysis.document.id]
                self._retry(lambda i=item_id: self.state.mark_done([i]), "mark a document done")
                self.report.analysed += 1
                self.on_event("done", analysis.document.source)
        if self.options.align:
            self.align_store()

    def run_dates(self) -> list[tuple[dt.date, set[str]]]:
        """(date, story entities) of the dated queued documents: an undated one is dated from
        them, as ``analyze`` dates from the dated reports of its run. The queue is read in pages;
        only the dated documents go through the NER pass. A run resumed after a kill dates from
        the documents still queued.
        """
        others: list[tuple[dt.date, set[str]]] = []
        after = 0
        page_size = self.options.queue_batch
        while page := self._retry(lambda a=after: self.state.pending(page_size, after=a), "read the queue"):
            after = page[-1][0]
            dated = [d for _, d in page if d.published is not None]
            if dated:
                others += dated_entities(dated, self.nlp)
        return others

    def align_store(self) -> None:
        """Stories and relations for every stored document not in a story yet: this run's, and
        those of a run killed before it aligned or run with ``--no-align``. They are streamed over
        the store (scale/align.py), joining the stored stories they belong to.
        """
        from claimgraph.scale.align import DEFAULT_BATCH, align_stream  # deferred: only aligning needs it

        ids = self._retry(self.store.unaligned_ids, "look up unaligned documents")
        if ids:
            align_stream(self.store, ids, DEFAULT_BATCH)

    @property
    def nlp(self) -> Language:
        if (
            self._nlp is None
        ):  # loaded only when there is something to analyse: a re-run that skips all is fast
            from claimgraph.annotate.nlp import default_nlp

            self._nlp = default_nlp()
        return self._nlp

    def _retry(self, action: Callable[[], T], what: str) -> T:
        return with_retry(action, what=what, on_retry=lambda msg: self.on_event("warning", msg))

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
