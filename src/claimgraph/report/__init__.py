"""Stage 7, report: the JSON contract, Markdown and HTML renderings of an analysis."""

from claimgraph.report.contract import render_json, validate
from claimgraph.report.markdown import render_markdown

__all__ = ["render_json", "render_markdown", "validate"]
