"""The web app: ``claimgraph serve`` (FastAPI)."""

from claimgraph.serve.app import create_app
from claimgraph.serve.service import ServeOptions, Service

__all__ = ["ServeOptions", "Service", "create_app"]
