"""Importing this module registers every built-in claimgraph annotator with spaCy."""

from claimgraph.annotate import (  # noqa: F401
    attribution,
    certainty,
    entities,
    line_breaks,
)
from claimgraph.annotate.places import component as places  # noqa: F401
from claimgraph.annotate.quantities import component as quantities  # noqa: F401
from claimgraph.annotate.times import component as times  # noqa: F401
