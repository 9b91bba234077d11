"""Named entities: spaCy's NER turned into typed ``EntityMention``s with a canonical name."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimgraph.annotate.extensions import doc_id, set_mentions
from claimgraph.model import EntityMention

# Numbers and times have components of their own; these labels would only duplicate them.
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})


def canonical_name(span: Span) -> str:
    """A surface-normalised name: no leading article, no possessive, single spaces."""
    tokens = list(span)
    while tokens and tokens[0].lower_ in {"the", "a", "an"}:
        tokens = tokens[1:]
    while tokens and tokens[-1].text in {"'s", "’s", "'"}:
        tokens = tokens[:-1]
    return " ".join(t.text for t in tokens).strip() or span.text


class EntityRecognizer:
    """Copies ``doc.ents`` into ``doc._.mentions`` as ``EntityMention``s."""

    def __init__(self, name: str, *, skip_labels: list[str]) -> None:
        self.name = name
        self.skip_labels = frozenset(skip_labels)

    def __call__(self, doc: Doc) -> Doc:
        did = doc_id(doc)
        mentions = [
            EntityMention(
                doc=did,
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                label=ent.label_,
                canonical=canonical_name(ent),
            )
            for ent in doc.ents
            if ent.label_ not in self.skip_labels
        ]
        set_mentions(doc, EntityMention.kind, mentions)
        return doc


@Language.factory(
    "claimgraph_entities_v1",
    assigns=["doc._.mentions"],
    requires=["doc.ents"],
    default_config={"skip_labels": sorted(_NUMERIC_LABELS)},
)
def make_entity_recognizer(nlp: Language, name: str, skip_labels: list[str]) -> EntityRecognizer:
    return EntityRecognizer(name, skip_labels=skip_labels)
