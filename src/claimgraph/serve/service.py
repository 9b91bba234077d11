"""What the web app does, apart from HTTP: read the store with the analyst's reviews applied,
and analyse new articles with the pipeline's own functions."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

import httpx
from spacy.language import Language

from claimgraph.align.incremental import align_into_store
from claimgraph.clean import CleanOptions, clean
from claimgraph.errors import InputError
from claimgraph.ingest.decode import decode_bytes
from claimgraph.ingest.fetch import fetch_url
from claimgraph.model import Analysis, DocumentAnalysis, RawInput
from claimgraph.pipeline import analyze_documents
from claimgraph.serve.safety import (
    GuardedTransport,
    Resolver,
    check_addresses,
    check_url,
    resolve,
    system_resolver,
)
from claimgraph.store import Store
from claimgraph.store.review import apply_corrections, apply_reviews

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True, slots=True)
class ServeOptions:
    max_upload: int = 2_000_000  # bytes of an uploaded or pasted article
    fetch_timeout: float = 15.0
    fetch_max_bytes: int = 5_000_000
    resolver: Resolver = system_resolver
    transport_factory: Callable[[], httpx.BaseTransport] | None = None  # tests swap the network out
    nlp: Language | None = field(default=None, compare=False)


class Service:
    """One store, one lazily built NLP pipeline, and a lock so analyses do not interleave."""

    def __init__(self, db: str, options: ServeOptions | None = None) -> None:
        self.store = Store(db)
        self.options = options or ServeOptions()
        self._nlp = self.options.nlp
        self._lock = threading.Lock()

    def nlp(self) -> Language:
        if self._nlp is None:
            from claimgraph.annotate.nlp import default_nlp

            self._nlp = default_nlp()
        return self._nlp

    def analysis(self) -> tuple[Analysis, dict[str, str]]:
        """The stored analysis with corrections applied, and the relation verdicts."""
        analysis = self.store.load()
        return analysis, apply_reviews(self.store, analysis)

    def document(self, doc_id: str) -> DocumentAnalysis | None:
        analysis = self.store.load([doc_id])
        apply_reviews(self.store, analysis)
        return analysis.documents[0] if analysis.documents else None

    # -- adding articles -----------------------------------------------------------------------

    def raw_from_text(self, text: str, *, title: str | None = None, outlet: str | None = None) -> RawInput:
        """A pasted article (plain text, or HTML if it looks like a page)."""
        if len(text.encode("utf-8")) > self.options.max_upload:
            raise InputError(f"text larger than the {self.options.max_upload / 1e6:.1f} MB limit")
        media = "html" if text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")) else "text"
        return RawInput(source="pasted text", content=text, media_type=media, title=title, outlet=outlet)

    def raw_from_upload(self, filename: str, data: bytes, *, outlet: str | None = None) -> RawInput:
        if len(data) > self.options.max_upload:
            raise InputError(f"upload larger than the {self.options.max_upload / 1e6:.1f} MB limit")
        name = PurePath(filename or "upload").name[:200]
        media = "html" if name.lower().endswith(HTML_SUFFIXES) else "text"
        return RawInput(source=f"upload:{name}", content=decode_bytes(data), media_type=media, outlet=outlet)

    def raw_from_url(self, url: str, *, outlet: str | None = None) -> RawInput:
        """Fetch through the SSRF guard (checked here too, so a configured proxy cannot skip it).

        Raises:
            FetchError: a refused or failed URL.
        """
        url = check_url(url)
        host = httpx.URL(url).host
        check_addresses(host, resolve(host, 443, self.options.resolver))
        factory = self.options.transport_factory or (lambda: GuardedTransport(self.options.resolver))
        transport = factory()
        try:
            raw = fetch_url(
                url,
                timeout=self.options.fetch_timeout,
                max_bytes=self.options.fetch_max_bytes,
                transport=transport,
            )
        finally:
            transport.close()
        if outlet:
            raw.outlet = outlet
        return raw

    def add(self, raw: RawInput) -> DocumentAnalysis:
        """Clean, annotate, extract, store (with the analyst's corrections kept), and align it into
        the stored stories (``align_into_store``: only the stories it may join are regrouped).

        Raises:
            InputError: the input is not an article.
        """
        document = clean(raw, CleanOptions(outlet=raw.outlet))
        with self._lock:
            (analysis,) = analyze_documents([document], nlp=self.nlp())
            apply_corrections(self.store, analysis)
            self.store.save_document(analysis)
            align_into_store(self.store, [analysis])
        return analysis

    def reanalyse(self, doc_id: str) -> DocumentAnalysis | None:
        """Run the pipeline again on a stored document's text (same text, same ids); its stories
        are regrouped and related again with its new claims."""
        stored = self.store.load([doc_id])
        if not stored.documents:
            return None
        with self._lock:
            (analysis,) = analyze_documents([stored.documents[0].document], nlp=self.nlp())
            apply_corrections(self.store, analysis)
            self.store.save_document(analysis)
            align_into_store(self.store, [analysis])
        return analysis

    def close(self) -> None:
        self.store.close()
