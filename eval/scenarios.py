"""Leadership scenarios: the question kind search finds hardest, measured on 100 of them.

The retrieval set has 20 scenario questions in each split, too few to tell a change from noise
(one question moves their recall@5 by 0.05). ``eval/data/scenario_questions.jsonl`` (see
``eval/data/README.md``) adds 80, written blind to the system by two assessors who saw only a
flat export of the statements: first-person situations ("Mentoring an ECT whose Y9 lessons
start with ten minutes of chaos…") labelled with the statements a tutor would cite. It is a
development set, like the retrieval dev split; the retrieval test split stays the held-out
measure. The report shows where the relevant statements rank, by area, so that a change to
ranking can be judged on the 100 scenarios together (80 here and the 20 of the dev split).

    npq eval scenarios

Writes ``eval/reports/scenarios.md``, ``scenarios.json`` and ``scenarios.png``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from eval.common import (
    DATA,
    gold_ids,
    open_index,
    pyplot,
    questions,
    read_jsonl,
    save_report,
    set_eval_main,
)
from eval.metrics import retrieval_metrics
from index.search import SearchIndex

SCENARIO_FILE = DATA / "scenario_questions.jsonl"
DEPTH = 40  # hits read per question: where a relevant statement ranks, up to here
BANDS: tuple[tuple[str, int, int], ...] = (
    ("1-5", 1, 5),
    ("6-10", 6, 10),
    ("11-20", 11, 20),
    ("21-40", 21, 40),
    (f"not in top {DEPTH}", DEPTH + 1, 10**9),
)
SETS = ("scenario set", "retrieval dev scenarios", "retrieval test scenarios")


def band_of(rank: int) -> str:
    """The rank band (``1-5`` … ``not in top 40``) of a 1-based rank."""
    return next(name for name, lo, hi in BANDS if lo <= rank <= hi)


def _ranked(index: SearchIndex, rows: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Question id -> the ids of its top ``DEPTH`` hits."""
    return {qid: [h.statement.id for h in index.search(text, k=DEPTH).hits] for qid, text in rows}


def rank_bands(gold: dict[str, set[str]], ranked: dict[str, list[str]]) -> dict[str, int]:
    """How many relevant ids rank in each band, over all questions."""
    counts = {name: 0 for name, _, _ in BANDS}
    for qid, rel in gold.items():
        got = ranked[qid]
        for sid in rel:
            counts[band_of(got.index(sid) + 1 if sid in got else DEPTH + 1)] += 1
    return counts


def run_scenario_eval() -> dict[str, Any]:
    """Metrics and rank bands for the scenario set, by area, next to the retrieval set's."""
    index = open_index()
    rows = read_jsonl(SCENARIO_FILE)
    gold = {r["qid"]: set(r["relevant"]) for r in rows}
    ranked = _ranked(index, ((r["qid"], r["question"]) for r in rows))
    sets: dict[str, Any] = {"scenario set": (gold, ranked)}
    for split in ("dev", "test"):
        qs = [q for q in questions(split) if q["kind"] == "scenario"]
        sets[f"retrieval {split} scenarios"] = (
            {q["qid"]: gold_ids(q, index) for q in qs},
            _ranked(index, ((q["qid"], q["question"]) for q in qs)),
        )
    ks = (1, 5, 10, 20)
    by_set = {
        name: {**retrieval_metrics(g, r, ks), "bands": rank_bands(g, r)}
        for name, (g, r) in sets.items()
    }
    areas = sorted({r["area"] for r in rows}, key=[r["area"] for r in rows].index)
    by_area = {}
    for area in areas:
        g = {r["qid"]: gold[r["qid"]] for r in rows if r["area"] == area}
        by_area[area] = {**retrieval_metrics(g, ranked, ks), "bands": rank_bands(g, ranked)}
    misses = [
        {"qid": r["qid"], "question": r["question"], "relevant": sorted(gold[r["qid"]])}
        for r in rows
        if not gold[r["qid"]] & set(ranked[r["qid"]][:10])
    ]
    return {"questions": len(rows), "by_set": by_set, "by_area": by_area, "misses": misses}


def _row(name: str, m: dict[str, Any]) -> str:
    return (
        f"| {name} | {int(m['queries'])} | {m['recall@1']:.3f} | {m['recall@5']:.3f} "
        f"| {m['recall@10']:.3f} | {m['recall@20']:.3f} | {m['mrr@10']:.3f} |"
    )


def write_report(results: dict[str, Any]) -> str:
    """Markdown report and a stacked bar chart of rank bands under eval/reports/."""
    plt = pyplot()

    head = "| {} | n | recall@1 | recall@5 | recall@10 | recall@20 | MRR@10 |"
    rule = "|---|---:|---:|---:|---:|---:|---:|"
    band_names = [name for name, _, _ in BANDS]
    lines = [
        "# Leadership scenarios",
        "",
        f"`npq eval scenarios`: the {results['questions']} questions of "
        "`eval/data/scenario_questions.jsonl` (written blind to the system; a development set, "
        "and fitting data of the re-ranker: `ranker.md` has it searched with a ranker fitted "
        "without it), next to the scenario questions of the retrieval set's two splits.",
        "",
        head.format("questions"),
        rule,
    ]
    lines += [_row(name, m) for name, m in results["by_set"].items()]
    lines += ["", head.format("scenario set, by area"), rule]
    lines += [_row(area, m) for area, m in results["by_area"].items()]
    lines += [
        "",
        "Where the relevant ids rank (all questions of each set):",
        "",
        "| questions | " + " | ".join(band_names) + " |",
        "|---|" + "---:|" * len(band_names),
    ]
    for name, m in results["by_set"].items():
        total = sum(m["bands"].values()) or 1
        lines.append(
            f"| {name} | "
            + " | ".join(f"{m['bands'][b]} ({m['bands'][b] / total:.0%})" for b in band_names)
            + " |"
        )
    lines += [
        "",
        f"Scenarios with no relevant id in the top 10 ({len(results['misses'])}):",
        "",
    ]
    lines += [
        f"- {m['qid']}: {m['question']} (relevant: {', '.join(m['relevant'])})"
        for m in results["misses"]
    ]
    text = "\n".join(lines) + "\n"

    groups = {**results["by_area"], **{f"all ({k})": v for k, v in results["by_set"].items()}}
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(groups) + 1.5))
    colours = ["#16a34a", "#86efac", "#fde047", "#fb923c", "#dc2626"]
    left = [0.0] * len(groups)
    for band, colour in zip(band_names, colours, strict=True):
        shares = [g["bands"][band] / (sum(g["bands"].values()) or 1) for g in groups.values()]
        ax.barh(range(len(groups)), shares, left=left, color=colour, label=f"rank {band}")
        left = [a + b for a, b in zip(left, shares, strict=True)]
    ax.set_yticks(range(len(groups)), list(groups), fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of relevant ids", fontsize=8)
    ax.legend(fontsize=7, ncol=5, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False)
    ax.set_title("Scenario questions: where the relevant statements rank", fontsize=10, pad=22)
    fig.tight_layout()
    save_report("scenarios", text, results, fig)
    return text


def main(argv: list[str] | None = None) -> int:
    """``npq eval scenarios``."""
    return set_eval_main("npq eval scenarios", lambda: write_report(run_scenario_eval()), argv)


if __name__ == "__main__":
    raise SystemExit(main())
