"""Language knowledge kept as data: lexicons and patterns, one YAML file per topic per language."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

from claimgraph.errors import ConfigError

DATA_DIR = Path(__file__).parent


@functools.cache
def load(name: str, lang: str = "en") -> Any:
    """The parsed ``data/<lang>/<name>.yaml``, cached per process."""
    path = DATA_DIR / lang / f"{name}.yaml"
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot load language data {path}: {exc}") from exc


def month_pattern(lang: str = "en") -> str:
    """A regex alternation of every month name and abbreviation, longest first."""
    names = [n for names in load("calendar", lang)["months"].values() for n in names]
    return "|".join(sorted(names, key=len, reverse=True))


def month_number(name: str, lang: str = "en") -> int | None:
    key = name.lower().rstrip(".")
    for number, names in load("calendar", lang)["months"].items():
        if key in names:
            return int(number)
    return None
