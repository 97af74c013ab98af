"""Fit the "does the corpus cover this?" model on index/data/scope_calibration.jsonl.

The calibration questions (160 covered, 160 not, written for this purpose) are searched; the
search's ScopeFeatures are fitted with an L2-regularised logistic regression (numpy). The
weights printed are pasted into index/search.py (SCOPE_WEIGHTS, SCOPE_BIAS); the threshold is
then chosen on the development split of eval/data/retrieval_questions.jsonl.

    python -m eval.calibrate_scope
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from eval.common import open_index

CALIBRATION = Path(__file__).resolve().parents[1] / "index" / "data" / "scope_calibration.jsonl"


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 5000) -> np.ndarray:
    """Weights (bias last) by gradient descent on the mean log-loss plus ``l2``·|w|²."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0.0]
        w -= 0.5 * grad
    return w


def main() -> None:
    index = open_index()
    rows = [json.loads(line) for line in CALIBRATION.read_text(encoding="utf-8").splitlines()]
    feats = []
    for r in rows:
        res = index.search(r["text"], k=5)
        assert res.scope is not None
        feats.append(res.scope.vector())
    x = np.array(feats)
    y = np.array([1.0 if r["in_scope"] else 0.0 for r in rows])
    w = fit_logistic(x, y)
    p = 1 / (1 + np.exp(-(np.hstack([x, np.ones((len(x), 1))]) @ w)))
    acc = float(((p >= 0.5) == (y == 1)).mean())
    print("SCOPE_WEIGHTS =", tuple(round(float(v), 3) for v in w[:-1]))
    print("SCOPE_BIAS =", round(float(w[-1]), 3))
    print(f"calibration accuracy at 0.5: {acc:.3f} on {len(y)} questions")


if __name__ == "__main__":
    main()
