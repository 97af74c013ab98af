"""The bundled MiniLM for the index's unit tests, with a call counter and two failure modes.

Every vector here comes from the real model; the wrappers only count document encodings (an
index built once must be reused, not re-encoded), give the model another name (the manifest's
model check), or fail part-way as a model can (out of memory, a bad input).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from index.encoder import Encoder

Vectors = npt.NDArray[np.float32]


class CountingEncoder:
    """The wrapped encoder's vectors; counts ``encode_documents`` calls.

    Document vectors are kept per text, so the many small builds of a test session encode each
    sample statement once.
    """

    def __init__(self, inner: Encoder, name: str | None = None) -> None:
        self.inner = inner
        self._name = name or inner.name
        self.document_calls = 0
        self.documents_asked: list[str] = []
        self._vectors: dict[str, Vectors] = {}

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        return self.inner.encode_queries(texts)

    def encode_documents(self, texts: Sequence[str], *, show_progress: bool = False) -> Vectors:
        self.document_calls += 1
        self.documents_asked.extend(texts)
        new = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if new:
            for text, vec in zip(new, self.inner.encode_documents(new), strict=True):
                self._vectors[text] = vec
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vectors[t] for t in texts]).astype(np.float32)


class FailingEncoder(CountingEncoder):
    """Fails while encoding documents, as a model can (out of memory, a bad input…)."""

    def encode_documents(self, texts: Sequence[str], *, show_progress: bool = False) -> Vectors:
        raise RuntimeError("encoder blew up half-way")
