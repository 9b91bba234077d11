"""Words and TF-IDF vectors for comparing documents and claims lexically.

A light suffix stemmer is enough here: similarity only has to see that "deployed" and
"deployment" or "troops" and "troop" share a word, not produce dictionary lemmas.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import wordfreq
from spacy.lang.en.stop_words import STOP_WORDS

from claimgraph import data

_WORD = re.compile(r"[A-Za-z][A-Za-z\-']*[A-Za-z]|[A-Za-z]|\d[\d,.]*\d|\d")
_SUFFIXES = ("ments", "ment", "ings", "ing", "ies", "ied", "ed", "es", "s")
# endings that rebuild a surface word from a stem ("arriv" + "e"), to look its frequency up
_STEM_ENDINGS = ("", "s", "e", "ed")

Vector = dict[str, float]
# words seen by the word caches below: a long run's vocabulary keeps growing (names, numbers), so
# they keep the most recent ones, not all
_WORD_CACHE = 1 << 14


@functools.cache
def stop_words() -> frozenset[str]:
    return frozenset(STOP_WORDS) | frozenset(data.load("align")["extra_stop_words"])


@functools.lru_cache(maxsize=_WORD_CACHE)
def stem(word: str) -> str:
    """Crude, deterministic suffix stripping (lower-cased input)."""
    if word[0].isdigit():
        return word.replace(",", "")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix in {"ies", "ied"}:
                return base + "y"
            if suffix == "s" and base.endswith("s"):
                return word
            if suffix in {"ed", "ing"} and len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                return base[:-1]  # refitted -> refit
            return base
    # arrive and arriv(ing|ed) meet on one stem
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def words(text: str) -> list[str]:
    """Content-word stems of ``text``, in order."""
    stops = stop_words()
    out = []
    for match in _WORD.finditer(text):
        word = match.group().lower().removesuffix("'s")
        if word in stops or (len(word) < 2 and not word.isdigit()):
            continue
        out.append(stem(word))
    return out


def name_words(text: str) -> list[str]:
    """Stems of capitalised words that do not open a sentence: mostly names, which tell two
    events of the same kind apart."""
    stops = stop_words()
    out = []
    for match in _WORD.finditer(text):
        word = match.group()
        if not word[0].isupper() or word.lower() in stops:
            continue
        before = text[max(0, match.start() - 3) : match.start()].rstrip(" \"'“‘(")
        if not before or before[-1] in ".!?:\n":
            continue
        out.append(stem(word.lower().removesuffix("'s")))
    return out


def document_frequencies(bags: Iterable[Iterable[str]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(set(bag))
    return df


@functools.lru_cache(maxsize=_WORD_CACHE)
def background_share(term: str, doc_words: float) -> float:
    """The share of everyday English documents of ``doc_words`` words expected to hold ``term``.

    From the word's frequency in general English (wordfreq), taking the most frequent of the
    surface forms the stemmer folds into the stem; names it does not know get 0.
    """
    zipf = max(wordfreq.zipf_frequency(term + end, "en") for end in _STEM_ENDINGS)
    return 1.0 - math.exp(-doc_words * 10.0 ** (zipf - 9.0))  # zipf is log10 of uses per 10^9 words


def smoothed_idf(
    terms: list[str],
    df: np.ndarray,
    n_docs: int,
    *,
    background_docs: float,
    doc_words: float,
    idf_power: float,
) -> np.ndarray:
    """The IDF of each of ``terms``, with ``background_docs`` pseudo-documents of everyday English added.

    IDF from a handful of documents cannot tell "police" from a name (both are in one or two of
    them): the pseudo-documents give common words their everyday frequency, so five reports of one
    fire weigh their words much as a thousand mixed reports would. Large collections outweigh them.

    Args:
        terms: the words.
        df: how many of the ``n_docs`` documents hold each of ``terms``.
        n_docs: size of the collection.
        background_docs: how many pseudo-documents are added.
        doc_words: the length of a pseudo-document in words.
        idf_power: above 1, rare words weigh more against common ones.
    """
    everyday = np.array([background_share(t, doc_words) for t in terms], dtype=np.float64)
    size = n_docs + background_docs
    return (np.log((1 + size) / (1 + df + background_docs * everyday)) + 1.0) ** idf_power


def tfidf(
    bag: Iterable[str],
    df: Counter[str],
    n_docs: int,
    *,
    idf_power: float = 1.0,
    min_df: int = 1,
) -> Vector:
    """A unit-length TF-IDF vector: sublinear term frequency, smoothed IDF raised to ``idf_power``.

    Args:
        bag: the words of one text.
        df: document frequency of each word in the collection.
        n_docs: size of the collection.
        idf_power: above 1, rare words weigh more against common ones.
        min_df: words seen in fewer texts are left out (they cannot link two texts).
    """
    counts = Counter(bag)
    vector = {
        term: (1.0 + math.log(count)) * (math.log((1 + n_docs) / (1 + df.get(term, 0))) + 1.0) ** idf_power
        for term, count in counts.items()
        if df.get(term, 0) >= min_df
    }
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {t: v / norm for t, v in vector.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def jaccard(a: set | frozenset, b: set | frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def salient_words(text: str, limit: int) -> list[str]:
    """Up to ``limit`` surface words (lower-cased, not stemmed) that best say what ``text`` is about.

    Names (capitalised inside a sentence) come first, then the most frequent content words; ties
    go alphabetically, so the same text always gives the same words. A full-text index applies its
    own stemming to them.
    """
    stops = stop_words()
    counts: Counter[str] = Counter()
    names: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group().lower().removesuffix("'s")
        if word in stops or len(word) < 3 or word[0].isdigit():
            continue
        counts[word] += 1
        before = text[max(0, match.start() - 3) : match.start()].rstrip(" \"'“‘(")
        if match.group()[0].isupper() and before and before[-1] not in ".!?:\n":
            names.add(word)
    ranked = sorted(counts, key=lambda w: (w not in names, -counts[w], w))
    return ranked[:limit]
