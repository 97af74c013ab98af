"""A third batch of questions, written blind: how search does on questions it has never seen.

The retrieval set's test split has been the held-out measure for several rounds of changes, so
its numbers are no longer a fresh look. ``eval/data/blind_questions.jsonl`` (see
``eval/data/README.md``) has 120 questions in the retrieval set's kinds and proportions, written
by two assessors who saw only a flat export of the statements and the provider pages, never the
system or the other question sets. Its first run, before any change it prompted, is kept in
the report as the fresh measure; it is a development set from then on.

    npq eval blind

Writes ``eval/reports/blind.md``, ``blind.json`` and ``blind.png``.
"""

from __future__ import annotations

from typing import Any

from eval.common import DATA, gold_ids, open_index, pyplot, read_jsonl, save_report, set_eval_main
from eval.metrics import retrieval_metrics, scope_metrics

BLIND_FILE = DATA / "blind_questions.jsonl"
# The first run (2026-11-23, commit ef6c579), before the changes this set led to.
FIRST_RUN = {"recall@5": 0.829, "mrr@10": 0.859, "oos_detection_rate": 7 / 12}


def run_blind_eval() -> dict[str, Any]:
    """Recall and MRR overall and by kind, and the "not covered" signal, on the blind batch."""
    index = open_index()
    rows = read_jsonl(BLIND_FILE)
    gold = {r["qid"]: gold_ids(r, index) for r in rows}
    ranked: dict[str, list[str]] = {}
    in_scope: dict[str, bool] = {}
    for r in rows:
        res = index.search(r["question"], k=10)
        ranked[r["qid"]] = [h.statement.id for h in res.hits]
        in_scope[r["qid"]] = res.in_scope
    kinds = sorted({r["kind"] for r in rows if gold[r["qid"]]})
    by_kind = {
        kind: retrieval_metrics(
            {r["qid"]: gold[r["qid"]] for r in rows if r["kind"] == kind}, ranked
        )
        for kind in kinds
    }
    misses = [
        {"qid": r["qid"], "kind": r["kind"], "question": r["question"], "got": ranked[r["qid"]][:5]}
        for r in rows
        if gold[r["qid"]] and not gold[r["qid"]] & set(ranked[r["qid"]][:5])
    ]
    return {
        "questions": len(rows),
        "overall": retrieval_metrics(gold, ranked),
        "by_kind": by_kind,
        "scope": scope_metrics({q: not g for q, g in gold.items()}, in_scope),
        "misses": misses,
    }


def write_report(results: dict[str, Any]) -> str:
    """Markdown report and a bar chart by kind under eval/reports/."""
    plt = pyplot()

    o, sc = results["overall"], results["scope"]
    lines = [
        "# A third batch, written blind",
        "",
        f"`npq eval blind`: the {results['questions']} questions of "
        "`eval/data/blind_questions.jsonl`, written by two assessors who never saw the system or "
        "the other question sets (a development set after its first run).",
        "",
        "| run | recall@1 | recall@5 | recall@10 | MRR@10 | out-of-scope flagged | in-scope kept |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| first run, before any change it led to | — | {FIRST_RUN['recall@5']:.3f} | — "
        f"| {FIRST_RUN['mrr@10']:.3f} | {FIRST_RUN['oos_detection_rate']:.3f} | — |",
        f"| this build | {o['recall@1']:.3f} | {o['recall@5']:.3f} | {o['recall@10']:.3f} "
        f"| {o['mrr@10']:.3f} | {sc['oos_detection_rate']:.3f} | {sc['in_scope_kept_rate']:.3f} |",
        "",
        "The out-of-scope rate of this build is no fresh measure: the scope model's calibration "
        "questions added after the first run were briefed with topics of the same sort (statutory "
        "thresholds, pay, inspection grades, DfE guidance the frameworks lack). Nor is this "
        "build's ranking: the re-ranker is fitted on this set (with the dev split and the "
        "scenarios). Searched with a ranker fitted without it, see `ranker.md`.",
        "",
        "| kind | n | recall@5 | MRR@10 |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {kind} | {int(m['queries'])} | {m['recall@5']:.3f} | {m['mrr@10']:.3f} |"
        for kind, m in results["by_kind"].items()
    ]
    lines += [
        "",
        f"Questions with no relevant id in the top 5 ({len(results['misses'])}):",
        "",
    ]
    lines += [
        f"- {m['qid']} ({m['kind']}): {m['question']} → {', '.join(m['got'])}"
        for m in results["misses"]
    ]
    text = "\n".join(lines) + "\n"

    fig, ax = plt.subplots(figsize=(7, 3.2))
    names = list(results["by_kind"])
    xs = range(len(names))
    ax.bar(
        [x - 0.2 for x in xs],
        [results["by_kind"][n]["recall@5"] for n in names],
        0.4,
        label="recall@5",
        color="#2563eb",
    )
    ax.bar(
        [x + 0.2 for x in xs],
        [results["by_kind"][n]["mrr@10"] for n in names],
        0.4,
        label="MRR@10",
        color="#93c5fd",
    )
    ax.axhline(0.9, color="#dc2626", lw=0.8, ls="--", label="recall@5 target (0.9)")
    ax.set_xticks(list(xs), [n.replace("_", " ") for n in names], fontsize=8)
    ax.set_ylim(0, 1.05)
    ax.legend(fontsize=7, loc="lower left")
    ax.set_title("Blind third batch: search by question kind", fontsize=10)
    fig.tight_layout()
    save_report("blind", text, results, fig)
    return text


def main(argv: list[str] | None = None) -> int:
    """``npq eval blind``."""
    return set_eval_main("npq eval blind", lambda: write_report(run_blind_eval()), argv)


if __name__ == "__main__":
    raise SystemExit(main())
