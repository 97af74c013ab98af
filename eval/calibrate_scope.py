"""Fit the "does the corpus cover this?" models on index/data/scope_calibration.jsonl.

The calibration questions and keywords (365 covered, 346 not, written for this purpose, none
of them an evaluation question) are searched, and two L2-regularised logistic regressions are fitted
(see :mod:`index.scope`):

* on the match features alone (best cosines, best BM25, …): its weights are printed, to paste
  into ``index/scope.py`` (``FEATURE_WEIGHTS``, ``FEATURE_BIAS``);
* on the match features and the query's embedding: written to ``index/data/scope_model.json``
  for the encoder it was fitted with.

Five-fold cross-validation on the calibration set, and the development split of
eval/data/retrieval_questions.jsonl, are printed for a grid of thresholds; the threshold stored
is ``--threshold`` (chosen on those, never on the test split). Writes
``eval/reports/scope_calibration.md``.

    python -m eval.calibrate_scope [--threshold 0.25] [--c 10]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from eval.common import DATA, REPORTS, open_index
from index.scope import SCOPE_MODEL_PATH, ScopeFeatures, ScopeModel
from index.search import SearchIndex, frameworks_in_question, strip_asking, strip_framework_names

CALIBRATION = Path(__file__).resolve().parents[1] / "index" / "data" / "scope_calibration.jsonl"
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 0.01, steps: int = 5000) -> np.ndarray:
    """Weights (bias last) by gradient descent on the mean log-loss plus ``l2``·|w|²."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0.0]
        w -= 0.5 * grad
    return w


def features(index: SearchIndex, text: str) -> tuple[ScopeFeatures, np.ndarray, bool]:
    """Match features, the query embedding (as search computes it), and whether ids were typed."""
    res = index.search(text, k=5)
    assert res.scope is not None
    query = strip_asking(strip_framework_names(text) if frameworks_in_question(text) else text)
    vec = index.encoder.encode_queries([query])[0]
    return res.scope, vec, any(h.method == "id" for h in res.hits)


def rates(p: np.ndarray, in_scope: np.ndarray, t: float) -> tuple[float, float]:
    """(share of uncovered questions flagged, share of covered questions flagged) at ``t``."""
    return float((p[~in_scope] < t).mean()), float((p[in_scope] < t).mean())


def main(argv: list[str] | None = None) -> None:
    """Fit, report, and write the embedding-aware model."""
    ap = argparse.ArgumentParser(prog="python -m eval.calibrate_scope")
    ap.add_argument("--threshold", type=float, default=0.25)
    ap.add_argument("--c", type=float, default=10.0, help="inverse L2 strength (scikit-learn C)")
    args = ap.parse_args(argv)

    index = open_index()
    rows = [json.loads(line) for line in CALIBRATION.read_text(encoding="utf-8").splitlines()]
    feats, vecs = [], []
    for r in rows:
        f, v, _ = features(index, r["text"])
        feats.append(f.vector())
        vecs.append(v)
    x_feat = np.array(feats)
    x_all = np.hstack([x_feat, np.array(vecs)])
    y = np.array([bool(r["in_scope"]) for r in rows])

    # Match features only (constants in index/scope.py).
    w = fit_logistic(x_feat, y.astype(float))
    print("FEATURE_WEIGHTS =", tuple(round(float(v), 3) for v in w[:-1]))
    print("FEATURE_BIAS =", round(float(w[-1]), 3))

    # Match features + embedding.
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    model = LogisticRegression(C=args.c, max_iter=10000)
    cv = cross_val_predict(model, x_all, y, cv=folds, method="predict_proba")[:, 1]
    cv_feat = cross_val_predict(
        LogisticRegression(C=args.c, max_iter=10000), x_feat, y, cv=folds, method="predict_proba"
    )[:, 1]
    model.fit(x_all, y)
    n_feat = x_feat.shape[1]
    scope_model = ScopeModel(
        encoder=index.encoder.name,
        feature_weights=tuple(float(v) for v in model.coef_[0][:n_feat]),
        embedding_weights=model.coef_[0][n_feat:].astype(np.float64),
        bias=float(model.intercept_[0]),
        threshold=args.threshold,
    )

    # The development split: covered questions typed as ids are in scope by the look-up.
    dev = [
        json.loads(line)
        for line in (DATA / "retrieval_questions.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    dev = [q for q in dev if q["split"] == "dev"]
    dev_p, dev_in, dev_id = [], [], []
    for q in dev:
        f, v, typed_id = features(index, q["question"])
        dev_p.append(scope_model.probability(f, v))
        dev_in.append(q["kind"] != "out_of_scope")
        dev_id.append(typed_id)
    dp, din, did = np.array(dev_p), np.array(dev_in), np.array(dev_id)
    keep = ~(din & did)

    lines = [
        "# Scope calibration",
        "",
        f"`python -m eval.calibrate_scope --threshold {args.threshold} --c {args.c}`: "
        f"{len(rows)} calibration questions ({int(y.sum())} covered, {int((~y).sum())} not), "
        f"five-fold cross-validated; the dev split has {int((~din).sum())} uncovered and "
        f'{int(din.sum())} covered questions. "flagged" = predicted not covered.',
        "",
        "| threshold | CV features: uncovered flagged | CV features: covered flagged "
        "| CV +embedding: uncovered flagged | CV +embedding: covered flagged "
        "| dev: uncovered flagged | dev: covered flagged |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for t in THRESHOLDS:
        cells = [*rates(cv_feat, y, t), *rates(cv, y, t), *rates(dp[keep], din[keep], t)]
        mark = " **(stored)**" if abs(t - args.threshold) < 1e-9 else ""
        lines.append(f"| {t:.2f}{mark} | " + " | ".join(f"{c:.3f}" for c in cells) + " |")
    report = "\n".join(lines) + "\n"
    print(report)
    (REPORTS / "scope_calibration.md").write_text(report, encoding="utf-8")
    _write_atomic(SCOPE_MODEL_PATH, json.dumps(scope_model.to_json(), indent=1) + "\n")
    print(f"wrote {SCOPE_MODEL_PATH}")


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


if __name__ == "__main__":
    main()
