"""Stage 4, claims: statements with their slots, sources and certainty."""

from claimgraph.claims.extract import extract_claims

__all__ = ["extract_claims"]
