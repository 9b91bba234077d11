"""Run the spaCy pipeline over cleaned Documents and collect what the components found."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from claimgraph.model import Document, DocumentAnalysis


def make_doc(nlp: Language, document: Document) -> Doc:
    """A tokenised Doc carrying the document's id and creation time for the components."""
    doc = nlp.make_doc(document.text)
    doc._.doc_id = document.id
    doc._.dct = document.published
    return doc


def annotate_documents(
    nlp: Language, documents: Iterable[Document], *, batch_size: int = 16
) -> Iterator[tuple[DocumentAnalysis, Doc]]:
    """Annotate documents lazily, in order; yields each analysis with its spaCy Doc."""
    pending: list[Document] = []

    def flush() -> Iterator[tuple[DocumentAnalysis, Doc]]:
        docs = [make_doc(nlp, d) for d in pending]
        for document, doc in zip(pending, nlp.pipe(docs, batch_size=batch_size), strict=True):
            yield (
                DocumentAnalysis(
                    document=document,
                    mentions=list(doc._.mentions or []),
                    attributions=list(doc._.attributions or []),
                    hedges=list(doc._.hedges or []),
                ),
                doc,
            )
        pending.clear()

    for document in documents:
        pending.append(document)
        if len(pending) >= batch_size:
            yield from flush()
    yield from flush()
