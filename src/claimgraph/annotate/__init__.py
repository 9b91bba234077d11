"""Stage 3, annotate: spaCy components that find times, quantities, entities, places,
attribution and certainty in the cleaned text, and ``annotate()`` that runs them on Documents."""

from claimgraph.annotate.extensions import register_extensions
from claimgraph.annotate.run import annotate_documents

register_extensions()

__all__ = ["annotate_documents"]
