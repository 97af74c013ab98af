"""The "does the corpus cover this?" model: P(in scope) for a query.

Two models, both logistic regressions fitted on ``index/data/scope_calibration.jsonl`` (365
covered and 346 uncovered questions and short keyword searches, written for the purpose, never
the evaluation questions; 320 of them added later for the hard cases: statutory thresholds, pay,
inspection grades, products and other DfE guidance the frameworks lack, and course questions in
indirect words) by
``python -m eval.calibrate_scope``:

* **Match features** only (:class:`ScopeFeatures`: best cosines, best BM25, …): works with any
  embedding model. Its weights are constants here.
* **Match features + the query's embedding** (``index/data/scope_model.json``): the embedding
  tells a question about school *leadership* ("how do I keep good staff?") from a question about
  school *administration* ("how much maternity pay do supply teachers get?"), which match the
  corpus's words equally well. It belongs to the embedding model it was fitted with; with another
  model (a setting) the match-features model is used.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

SCOPE_MODEL_PATH = Path(__file__).resolve().parent / "data" / "scope_model.json"

# Match-features model (refit with `python -m eval.calibrate_scope`).
FEATURE_WEIGHTS = (2.166, 2.452, 1.106, 0.057, -1.516)
FEATURE_BIAS = -4.357
FEATURE_THRESHOLD = 0.5


@dataclass(frozen=True, slots=True)
class ScopeFeatures:
    """What the "does the corpus cover this?" signal is computed from.

    Attributes:
        cosine: Best cosine between the query and a statement.
        expansion_cosine: Best cosine between the query and a statement's expansion.
        bm25: Best BM25 score.
        provider_top: The best hit is a provider section.
        unknown_words: Share of the query's keywords that no statement uses.
    """

    cosine: float
    expansion_cosine: float
    bm25: float
    provider_top: bool
    unknown_words: float

    def vector(self) -> list[float]:
        """The features as the logistic models read them."""
        return [
            self.cosine,
            self.expansion_cosine,
            math.log1p(max(self.bm25, 0.0)),
            1.0 if self.provider_top else 0.0,
            self.unknown_words,
        ]

    def probability(self) -> float:
        """P(in scope) from the match-features model."""
        z = FEATURE_BIAS + sum(w * x for w, x in zip(FEATURE_WEIGHTS, self.vector(), strict=True))
        return _sigmoid(z)


@dataclass(frozen=True, slots=True)
class ScopeModel:
    """Logistic regression over the match features and the query embedding.

    Attributes:
        encoder: Name of the embedding model the weights belong to.
        feature_weights: One weight per entry of :meth:`ScopeFeatures.vector`.
        embedding_weights: One weight per embedding dimension.
        bias: The intercept.
        threshold: P(in scope) below this means "not covered" (chosen on the dev split).
    """

    encoder: str
    feature_weights: tuple[float, ...]
    embedding_weights: npt.NDArray[np.float64]
    bias: float
    threshold: float

    @property
    def dim(self) -> int:
        """The embedding dimension the weights expect."""
        return int(self.embedding_weights.shape[0])

    def probability(self, features: ScopeFeatures, query_vector: npt.ArrayLike) -> float:
        """P(in scope) for a query with these match features and this embedding."""
        vec = np.asarray(query_vector, dtype=np.float64)
        z = (
            self.bias
            + sum(w * x for w, x in zip(self.feature_weights, features.vector(), strict=True))
            + float(self.embedding_weights @ vec)
        )
        return _sigmoid(z)

    def to_json(self) -> dict[str, object]:
        """The model as stored in ``scope_model.json``."""
        return {
            "encoder": self.encoder,
            "dim": self.dim,
            "feature_weights": [round(w, 6) for w in self.feature_weights],
            "embedding_weights": [round(float(w), 6) for w in self.embedding_weights],
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
        }


def load_scope_model(encoder: str, dim: int, path: Path = SCOPE_MODEL_PATH) -> ScopeModel | None:
    """The stored model if it belongs to this encoder; None (match features only) otherwise.

    A missing or unreadable file is logged and ignored: scope then falls back to the
    match-features model, which is calibrated too.
    """
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        model = ScopeModel(
            encoder=str(raw["encoder"]),
            feature_weights=tuple(float(w) for w in raw["feature_weights"]),
            embedding_weights=np.asarray(raw["embedding_weights"], dtype=np.float64),
            bias=float(raw["bias"]),
            threshold=float(raw["threshold"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s: unreadable scope model (%s); using match features only", path, exc)
        return None
    if len(model.feature_weights) != len(FEATURE_WEIGHTS):
        log.warning("%s: expects other match features; using match features only", path)
        return None
    if model.encoder != encoder or model.dim != dim:
        return None
    return model


def _sigmoid(z: float) -> float:
    if z < -60:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
