"""Tiny deterministic encoders for unit tests: bags of keywords (sentence-transformers' IR test)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from index.store import tokenize

KEYWORDS = (
    "behaviour",
    "bullying",
    "routines",
    "reinforcement",
    "memory",
    "working",
    "practice",
    "phonics",
    "literacy",
    "culture",
    "trust",
    "relationship",
    "cost",
    "VAT",
    "subject",
    "knowledge",
    "classroom",
    "management",
    "staff",
    "environment",
)


class KeywordEncoder:
    """One dimension per keyword (counted after `tokenize`), plus a small constant dimension so
    no vector is zero. Rows are L2-normalised, so inner product is cosine."""

    def __init__(self, keywords: Sequence[str] = KEYWORDS, name: str = "fake-keywords") -> None:
        self.name = name
        self.keywords = [tokenize(k)[0] for k in keywords]
        self.dim = len(self.keywords) + 1
        self.document_calls = 0

    def vector(self, text: str) -> npt.NDArray[np.float32]:
        tokens = tokenize(text)
        v = np.array([tokens.count(k) for k in self.keywords] + [0.1], dtype=np.float32)
        return v / np.linalg.norm(v)

    def encode_queries(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return np.stack([self.vector(t) for t in texts]).astype(np.float32)

    def encode_documents(
        self, texts: Sequence[str], *, show_progress: bool = False
    ) -> npt.NDArray[np.float32]:
        self.document_calls += 1
        return self.encode_queries(texts)


class FailingEncoder(KeywordEncoder):
    """Fails while encoding documents, as a model can (out of memory, a bad input…)."""

    def encode_documents(
        self, texts: Sequence[str], *, show_progress: bool = False
    ) -> npt.NDArray[np.float32]:
        raise RuntimeError("encoder blew up half-way")
