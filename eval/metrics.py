"""Retrieval metrics in the sentence-transformers IR shape: dicts in, a dict of floats out."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def retrieval_metrics(
    gold: Mapping[str, set[str]],
    ranked: Mapping[str, Sequence[str]],
    ks: Sequence[int] = (1, 3, 5, 10),
) -> dict[str, float]:
    """Recall@k, MRR@10 and nDCG@10 averaged over the queries that have relevant ids.

    Args:
        gold: query id -> relevant ids (queries with an empty set are skipped here; see
            :func:`scope_metrics`).
        ranked: query id -> retrieved ids, best first.
        ks: Cut-offs for recall.

    Returns:
        ``{"recall@1": …, "recall@5": …, "mrr@10": …, "ndcg@10": …, "queries": n}``. Recall@k is
        the share of a query's relevant ids found in its top k.
    """
    qids = [q for q, rel in gold.items() if rel]
    out: dict[str, float] = {f"recall@{k}": 0.0 for k in ks}
    out["mrr@10"] = 0.0
    out["ndcg@10"] = 0.0
    if not qids:
        out["queries"] = 0.0
        return out
    for q in qids:
        rel = gold[q]
        got = list(ranked.get(q, ()))
        for k in ks:
            out[f"recall@{k}"] += len(rel & set(got[:k])) / len(rel)
        rr = next((1.0 / i for i, sid in enumerate(got[:10], start=1) if sid in rel), 0.0)
        out["mrr@10"] += rr
        dcg = sum(1.0 / math.log2(i + 1) for i, sid in enumerate(got[:10], start=1) if sid in rel)
        ideal = sum(1.0 / math.log2(i + 1) for i in range(1, min(len(rel), 10) + 1))
        out["ndcg@10"] += dcg / ideal if ideal else 0.0
    n = len(qids)
    for key in list(out):
        out[key] /= n
    out["queries"] = float(n)
    return out


def scope_metrics(
    out_of_scope: Mapping[str, bool], predicted_in_scope: Mapping[str, bool]
) -> dict[str, float]:
    """Out-of-scope detection: share of out-of-scope queries flagged, and of in-scope kept.

    Args:
        out_of_scope: query id -> True when the query has no relevant statement.
        predicted_in_scope: query id -> the system's in-scope signal.
    """
    oos = [q for q, v in out_of_scope.items() if v]
    ins = [q for q, v in out_of_scope.items() if not v]
    detected = sum(1 for q in oos if not predicted_in_scope.get(q, True))
    kept = sum(1 for q in ins if predicted_in_scope.get(q, False))
    return {
        "oos_detection_rate": detected / len(oos) if oos else 0.0,
        "in_scope_kept_rate": kept / len(ins) if ins else 0.0,
        "oos_queries": float(len(oos)),
    }
