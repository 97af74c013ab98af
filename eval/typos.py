"""Robustness to misspelt queries: the retrieval questions with typos, spelling correction on/off.

Users type fast. Every covered question of the set is copied with typos put in by a seeded,
documented process (:func:`add_typos`: in each word of 5+ letters, with probability ``rate``, one
of: two neighbouring letters swapped, a letter dropped, a letter doubled, a letter replaced by
its neighbour on a QWERTY keyboard). The same noisy questions are searched with the query
spelling correction (:mod:`index.spelling`) on and off; the clean questions are the reference.
Nothing is tuned on this set.

    npq eval typos [--split all] [--rate 0.3]

Writes ``eval/reports/typos.md`` and ``typos.png``.
"""

from __future__ import annotations

import argparse
import random
import re
from typing import Any

from eval.common import gold_ids, open_index, pyplot, questions, save_report
from eval.metrics import retrieval_metrics

_QWERTY = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_NEIGHBOURS = {
    c: "".join(
        row2[j]
        for row2 in _QWERTY[max(0, r - 1) : r + 2]
        for j in range(max(0, i - 1), min(len(row2), i + 2))
        if row2[j] != c
    )
    for r, row in enumerate(_QWERTY)
    for i, c in enumerate(row)
}


def add_typos(text: str, rate: float, rng: random.Random) -> str:
    """``text`` with one typo in each word of 5+ letters, with probability ``rate``."""

    def typo(m: re.Match[str]) -> str:
        w = m.group(0)
        if len(w) < 5 or rng.random() >= rate:
            return w
        i = rng.randrange(1, len(w) - 1)  # keep the first letter, as people mostly do
        op = rng.choice(("swap", "drop", "double", "neighbour"))
        if op == "swap":
            return w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        if op == "drop":
            return w[:i] + w[i + 1 :]
        if op == "double":
            return w[:i] + w[i] + w[i:]
        near = _NEIGHBOURS.get(w[i].lower())
        return w[:i] + (rng.choice(near) if near else w[i]) + w[i + 1 :]

    return re.sub(r"[A-Za-z]+", typo, text)


def run_typo_eval(split: str = "all", rate: float = 0.3, seed: int = 0) -> dict[str, Any]:
    """Recall and scope on clean and misspelt questions, with spelling correction on and off."""
    import index.search as search

    index = open_index()
    rng = random.Random(seed)
    qs = [q for q in questions(split) if q["kind"] not in ("out_of_scope", "provider")]
    gold = {q["qid"]: gold_ids(q, index) for q in qs}
    noisy = {q["qid"]: add_typos(q["question"], rate, rng) for q in qs}
    changed = sum(1 for q in qs if noisy[q["qid"]] != q["question"])
    runs: dict[str, dict[str, Any]] = {}
    examples: list[dict[str, str]] = []
    saved = search.SPELLING
    try:
        for name, spelling, use_noisy in (
            ("clean questions", True, False),
            ("typos, no correction", False, True),
            ("typos, corrected", True, True),
        ):
            search.SPELLING = spelling
            ranked, kept = {}, 0
            for q in qs:
                text = noisy[q["qid"]] if use_noisy else q["question"]
                res = index.search(text, k=10)
                ranked[q["qid"]] = [h.statement.id for h in res.hits]
                kept += res.in_scope
                if name == "typos, corrected" and len(examples) < 12 and text != q["question"]:
                    examples.append({"typed": text, "notes": "; ".join(res.notes)})
            m = retrieval_metrics(gold, ranked)
            m["in_scope_kept"] = kept / len(qs)
            runs[name] = m
    finally:
        search.SPELLING = saved
    return {
        "split": split,
        "rate": rate,
        "seed": seed,
        "questions": len(qs),
        "changed": changed,
        "runs": runs,
        "examples": examples,
    }


def write_report(results: dict[str, Any]) -> str:
    """Markdown report and bar chart under eval/reports/."""
    plt = pyplot()

    runs = results["runs"]
    lines = [
        "# Misspelt queries",
        "",
        f"`npq eval typos --split {results['split']} --rate {results['rate']}`: "
        f"{results['questions']} covered framework questions (provider and out-of-scope ones "
        f"left out), {results['changed']} of them changed by typos (seed {results['seed']}: in "
        f"each word of 5+ letters, with probability {results['rate']}, a swap, a dropped, doubled "
        "or neighbouring-key letter). Spelling correction: `index/spelling.py`.",
        "",
        "| run | recall@1 | recall@5 | recall@10 | MRR@10 | judged in scope |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, m in runs.items():
        lines.append(
            f"| {name} | {m['recall@1']:.3f} | {m['recall@5']:.3f} | {m['recall@10']:.3f} "
            f"| {m['mrr@10']:.3f} | {m['in_scope_kept']:.3f} |"
        )
    lines += ["", "Examples (typed, and what the search says it searched for):", ""]
    for ex in results["examples"]:
        lines.append(f"- `{ex['typed']}` — {ex['notes'] or '(no correction)'}")
    text = "\n".join(lines) + "\n"

    fig, ax = plt.subplots(figsize=(7, 3.5))
    names = list(runs)
    metrics = ["recall@5", "mrr@10", "in_scope_kept"]
    width = 0.25
    for j, name in enumerate(names):
        xs = [i + (j - 1) * width for i in range(len(metrics))]
        bars = ax.bar(xs, [runs[name][m] for m in metrics], width, label=name)
        ax.bar_label(bars, fmt="%.2f", fontsize=7)
    ax.set_xticks(range(len(metrics)), ["recall@5", "MRR@10", "judged in scope"])
    ax.set_ylim(0, 1.1)
    ax.set_title("Misspelt questions: spelling correction on and off")
    ax.legend(fontsize=8, loc="lower right")
    save_report("typos", text, results, fig)
    return text


def main(argv: list[str] | None = None) -> int:
    """``npq eval typos``."""
    ap = argparse.ArgumentParser(prog="npq eval typos")
    ap.add_argument("--split", default="all", help="test, dev or all")
    ap.add_argument("--rate", type=float, default=0.3)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    print(write_report(run_typo_eval(args.split, args.rate, args.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
