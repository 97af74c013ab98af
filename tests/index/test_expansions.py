"""The shipped expansions and their vector cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import index.expansions as ex
from index.encoder import SentenceTransformerEncoder
from ingest.records import IngestResult


def test_cache_round_trip_stores_each_distinct_text_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ex, "CACHE_DIR", tmp_path)
    texts = ["a", "b", "a", "c", "b"]
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(3, 8)).astype(np.float32)
    full = vecs[[0, 1, 0, 2, 1]]
    path = ex.write_cache("m", texts, full)
    with np.load(path) as data:
        # int8 with a scale per distinct text: a quarter of float32, each text once.
        assert data["vectors"].shape == (3, 8) and data["vectors"].dtype == np.int8
    got = ex.cached_vectors("m", texts)
    assert got is not None and got.shape == (5, 8)
    expected = full / np.linalg.norm(full, axis=1, keepdims=True)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-6)
    assert np.sum(got * expected, axis=1).min() > 0.9999
    # Edited texts or another model: not cached, encoded afresh.
    assert ex.cached_vectors("m", [*texts[:-1], "d"]) is None
    assert ex.cached_vectors("other", texts) is None
    path.write_bytes(b"not an npz")
    assert ex.cached_vectors("m", texts) is None


@pytest.mark.slow
def test_shipped_cache_matches_the_shipped_expansions(
    corpus_result: IngestResult, real_encoder: SentenceTransformerEncoder
) -> None:
    texts = ex.expansion_texts([s.id for s in corpus_result.statements])
    assert len(texts) > 7000
    cached = ex.cached_vectors(real_encoder.name, texts)
    assert cached is not None, "run `python -m eval.expansion_cache` after editing expansions.jsonl"
    sample = list(range(0, len(texts), 97))
    fresh = real_encoder.encode_documents([texts[i] for i in sample])
    cos = np.sum(fresh * cached[sample], axis=1)
    assert cos.min() > 0.999
