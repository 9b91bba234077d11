"""The JSON contract (``../shared/contract.md``) and its schema."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import jsonschema

from claimgraph.model import Analysis

SCHEMA_PATH = Path(__file__).with_name("analysis.schema.json")


@functools.cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def validate(payload: dict[str, Any]) -> None:
    """Raises ``jsonschema.ValidationError`` when ``payload`` breaks the contract."""
    jsonschema.validate(payload, schema(), cls=jsonschema.Draft202012Validator)


def render_json(analysis: Analysis, *, indent: int | None = 2) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=indent)
