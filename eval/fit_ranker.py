"""Fit the re-ranker (``index/ranker.py``) on the development question sets, and check it.

Three development sets, each written by different assessors (``eval/data/README.md``): the dev
split of ``retrieval_questions.jsonl``, ``scenario_questions.jsonl`` and
``blind_questions.jsonl``. The test split is never read. Every question is searched once; the
fused top candidates, their features and whether each is relevant (its id, or an identical
statement's, is in the question's gold set) are the fitting data. ``course_questions.jsonl`` is
searched as a check only: its answers are provider pages, which search places as the fusion
does.

The check is leave-one-set-out: the ranker is fitted on the other sets and the one left out is
searched with it, against the fusion's order. A set written by other people is what a hidden
question set looks like, so this is the estimate that counts. The ranker stored is then fitted
on all three.

    python -m eval.fit_ranker [--c 0.3]

Writes ``index/data/ranker.json`` and ``eval/reports/ranker.{md,json,png}``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler
from tqdm import tqdm

from eval.common import (
    DATA,
    gold_ids,
    open_index,
    pyplot,
    questions,
    read_jsonl,
    save_report,
    write_atomic_bytes,
)
from eval.metrics import retrieval_metrics
from index.ranker import (
    FEATURES,
    NARRATIVE_WORDS,
    RANKER_PATH,
    AnyRanker,
    Ranker,
    SplitRanker,
)
from index.search import SearchIndex

SETS = ("dev", "scenarios", "blind", "course")
# The course set's questions are all answered by provider pages, which the re-ranker does not
# place (search keeps the fusion's places for them): it is checked, never fitted on.
FIT_SETS = ("dev", "scenarios", "blind")
# Written blind after the ranker was fitted; searched as a check, never fitted on.
FRESH = {
    "fourth batch": "fourth_questions.jsonl",
    "fifth batch": "fifth_questions.jsonl",
    "sixth batch": "sixth_questions.jsonl",
}
Question = tuple[str, str, set[str]]  # (qid, text, gold ids)


def development_sets(index: SearchIndex) -> dict[str, list[Question]]:
    """The four development sets as (qid, question, gold ids); out-of-scope ones left out."""
    sets: dict[str, list[Question]] = {
        "dev": [(q["qid"], q["question"], gold_ids(q, index)) for q in questions("dev")],
        "scenarios": [
            (q["qid"], q["question"], set(q["relevant"]))
            for q in read_jsonl(DATA / "scenario_questions.jsonl")
        ],
        "blind": [
            (q["qid"], q["question"], gold_ids(q, index))
            for q in read_jsonl(DATA / "blind_questions.jsonl")
        ],
        "course": [
            (f"c{i:03d}", q["text"], set(q["relevant"]))
            for i, q in enumerate(read_jsonl(DATA / "course_questions.jsonl"))
        ],
    }
    return {name: [q for q in qs if q[2]] for name, qs in sets.items()}


def collect(
    index: SearchIndex, sets: dict[str, list[Question]]
) -> dict[str, list[tuple[np.ndarray, np.ndarray]]]:
    """Per set, per question: the candidates' features and relevance labels."""
    seen: list[tuple[list[int], np.ndarray]] = []
    index.on_candidates = lambda rows, x: seen.append((rows, x))
    out: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {}
    try:
        for name, qs in sets.items():
            out[name] = []
            for _, text, gold in tqdm(qs, desc=f"searching {name}", unit="question"):
                seen.clear()
                index.search(text, k=10)
                if not seen:  # an id look-up or a listing: nothing fused
                    continue
                rows, x = seen[-1]
                y = np.array(
                    [
                        float(
                            index.statements[r].id in gold
                            or any(t in gold for t in index.statements[r].same_as)
                        )
                        for r in rows
                    ]
                )
                out[name].append((x, y))
    finally:
        index.on_candidates = None
    return out


def fit(data: list[tuple[np.ndarray, np.ndarray]], c: float, encoder: str) -> Ranker:
    """A logistic regression on standardised features (L2, inverse strength ``c``)."""
    x = np.vstack([d[0] for d in data])
    y = np.concatenate([d[1] for d in data])
    scaler = StandardScaler().fit(x)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    model = LogisticRegression(C=c, max_iter=5000).fit((x - scaler.mean_) / scale, y)
    return Ranker(encoder, scaler.mean_, scale, model.coef_[0], float(model.intercept_[0]))


def by_length(
    data: list[tuple[np.ndarray, np.ndarray]],
) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[tuple[np.ndarray, np.ndarray]]]:
    """The short questions of ``data``, and its narrative ones (each question's candidates)."""
    col = FEATURES.index("narrative")
    asked = [d for d in data if len(d[1])]
    return [d for d in asked if d[0][0, col] <= 0.5], [d for d in asked if d[0][0, col] > 0.5]


def fit_split(data: list[tuple[np.ndarray, np.ndarray]], c: float, encoder: str) -> SplitRanker:
    """One model for the short questions of ``data``, one for its narrative ones."""
    short, narrative = by_length(data)
    return SplitRanker(encoder, fit(short, c, encoder), fit(narrative, c, encoder))


def score(index: SearchIndex, qs: list[Question]) -> dict[str, float]:
    """Recall@k / MRR@10 of the index as it is (with or without a ranker) on ``qs``."""
    gold = {qid: g for qid, _, g in qs}
    ranked = {qid: [h.statement.id for h in index.search(t, k=10).hits] for qid, t, _ in qs}
    return retrieval_metrics(gold, ranked)


def compare(index: SearchIndex, qs: list[Question], ranker: AnyRanker) -> dict[str, Any]:
    """The fusion's order against ``ranker``'s on ``qs`` (the index's own ranker restored)."""
    keys = ("recall@1", "recall@5", "recall@10", "mrr@10")
    stored = index.ranker
    try:
        index.ranker = None
        base = score(index, qs)
        index.ranker = ranker
        ranked = score(index, qs)
    finally:
        index.ranker = stored
    return {
        "questions": len(qs),
        "fusion": {k: base[k] for k in keys},
        "ranker": {k: ranked[k] for k in keys},
    }


def run(c: float = 0.3, progress: Callable[[str], None] = print) -> dict[str, Any]:
    """Collect, check leave-one-set-out, fit on everything; returns the results."""
    index = open_index()
    sets = development_sets(index)
    data = collect(index, sets)
    encoder = index.encoder.name
    results: dict[str, Any] = {"c": c, "sets": {}, "fresh": {}, "features": list(FEATURES)}
    for held in SETS:
        progress(f"leaving out {held}")
        train = [d for name in FIT_SETS if name != held for d in data[name]]
        results["sets"][held] = compare(index, sets[held], fit_split(train, c, encoder))
    everything = [d for name in FIT_SETS for d in data[name]]
    final = fit_split(everything, c, encoder)
    # The batches written after the ranker was fitted: the stored ranker against the fusion.
    for name, file in FRESH.items():
        qs = [(r["qid"], r["question"], gold_ids(r, index)) for r in read_jsonl(DATA / file)]
        results["fresh"][name] = compare(index, [q for q in qs if q[2]], final)
    results["weights"] = {
        part: dict(zip(FEATURES, (round(float(w), 4) for w in model.weights), strict=True))
        for part, model in (("short", final.short), ("narrative", final.narrative))
    }
    short, narrative = by_length(everything)
    results["questions_fitted"] = {"short": len(short), "narrative": len(narrative)}
    results["candidates"] = int(sum(len(d[1]) for d in everything))
    results["relevant"] = int(sum(d[1].sum() for d in everything))
    write_atomic_bytes(RANKER_PATH, (json.dumps(final.to_json(), indent=1) + "\n").encode())
    return results


def _compared_row(name: str, r: dict[str, Any]) -> str:
    f, k = r["fusion"], r["ranker"]
    return (
        f"| {name} | {r['questions']} | {f['recall@5']:.3f} / {f['mrr@10']:.3f} | "
        f"{k['recall@5']:.3f} / {k['mrr@10']:.3f} | {k['recall@5'] - f['recall@5']:+.3f} |"
    )


def report(results: dict[str, Any]) -> str:
    """The Markdown report."""
    lines = [
        "# The re-ranker, fitted on the development sets",
        "",
        "`python -m eval.fit_ranker`: a logistic regression over the fused top candidates "
        "(`index/ranker.py`), fitted on three development sets written by different assessors "
        "(dev split, scenarios, blind); never on the test split. Each row: the ranker fitted on "
        "the other sets, searched on the one left out, against the fusion's order (recall@5 / "
        "MRR@10). The course set is never fitted on (a question with a course word keeps the "
        "fusion's order; the others are re-ranked): its row is the ranker fitted on all three.",
        "",
        "| left out | questions | fusion | re-ranker, fitted without it | Δ recall@5 |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [_compared_row(name, r) for name, r in results["sets"].items()]
    lines += [
        "",
        "Batches written blind after the ranker was fitted (`eval/data/README.md`), searched "
        "with the stored ranker and with the fusion's order:",
        "",
        "| batch | questions | fusion | re-ranker | Δ recall@5 |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [_compared_row(name, r) for name, r in results.get("fresh", {}).items()]
    lines += [
        "",
        f"Stored ranker: fitted on the three sets ({results['candidates']} candidates, "
        f"{results['relevant']} relevant), C = {results['c']}, as two models: one for "
        f"questions under {NARRATIVE_WORDS} words ({results['questions_fitted']['short']} "
        f"questions), one for longer, narrative ones ({results['questions_fitted']['narrative']}). "
        "Standardised weights (positive: more likely relevant):",
        "",
        "| feature | short questions | narrative questions |",
        "|---|---:|---:|",
        *(
            f"| {k} | {v:+.3f} | {results['weights']['narrative'][k]:+.3f} |"
            for k, v in results["weights"]["short"].items()
        ),
        "",
    ]
    return "\n".join(lines)


def figure(results: dict[str, Any]) -> Any:
    """Recall@5 per set left out, and per batch written afterwards: fusion against re-ranker."""
    plt = pyplot()
    rows = {**results["sets"], **results.get("fresh", {})}
    names = list(rows)
    xs = np.arange(len(names))
    fig, ax = plt.subplots(figsize=(8, 3.6))
    bars_of = ((-0.2, "fusion", "fusion"), (0.2, "ranker", "re-ranker (never fitted on the set)"))
    for off, key, label in bars_of:
        vals = [rows[n][key]["recall@5"] for n in names]
        bars = ax.bar(xs + off, vals, 0.4, label=label)
        ax.bar_label(bars, fmt="%.3f", fontsize=7)
    ax.set_xticks(xs, [n.replace(" batch", "\nbatch") for n in names], fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("recall@5")
    ax.set_title("Re-ranker on sets it was not fitted on (left out, or written after)")
    ax.legend(loc="lower right", fontsize=8)
    return fig


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.fit_ranker", description=__doc__)
    ap.add_argument("--c", type=float, default=0.3, help="inverse L2 strength (default 0.3)")
    args = ap.parse_args(argv)
    results = run(args.c)
    text = report(results)
    save_report("ranker", text, results, figure(results))
    print(text)
    print(f"wrote {RANKER_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
