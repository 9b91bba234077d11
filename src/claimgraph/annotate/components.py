"""Importing this module registers every built-in claimgraph annotator with spaCy."""

from claimgraph.annotate import attribution, certainty  # noqa: F401
from claimgraph.annotate import entities  # noqa: F401
from claimgraph.annotate.places import component as places  # noqa: F401
from claimgraph.annotate.quantities import component as quantities  # noqa: F401
from claimgraph.annotate.times import component as times  # noqa: F401
