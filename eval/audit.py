"""A second opinion on the test split's relevance judgments (a pooled, blind re-judging).

The retrieval questions' relevant ids were written with the questions. Judgments written that
way miss relevant statements nobody thought of, which penalises a system that finds them. To see
how much, every test question's pool (the union of the top 5 of npq-assistant, BM25 and dense,
and the original relevant ids) was graded again by an assessor who saw the question and the
statements' texts in random order, not which system found them nor which were relevant before:
2 = answers the question (one would cite it), 1 = on the topic, 0 = not relevant
(``eval/data/test_judgments_audit.jsonl``).

The headline numbers stay those of the original judgments (``retrieval.md``); this report says
how they would read under the second opinion. Reads ``eval/reports/retrieval.json`` (run
``npq eval retrieval`` first) and writes ``eval/reports/judgment_audit.md``.

    python -m eval.audit
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from eval.common import DATA, REPORTS, gold_ids, open_index, questions, write_atomic_bytes
from eval.metrics import retrieval_metrics

JUDGMENTS = DATA / "test_judgments_audit.jsonl"
SYSTEMS = ("npq-assistant", "bm25", "dense")


def load_judgments() -> dict[str, dict[str, int]]:
    """The grades: question id -> statement id -> grade (0, 1, 2)."""
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for line in JUDGMENTS.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[row["qid"]][row["id"]] = int(row["grade"])
    return dict(out)


def run_audit() -> dict[str, Any]:
    """Agreement with the original judgments, and each system's metrics under both."""
    index = open_index()
    grades = load_judgments()
    ranked: dict[str, dict[str, list[str]]] = json.loads(
        (REPORTS / "retrieval.json").read_text(encoding="utf-8")
    )["ranked"]
    qs = [q for q in questions("test") if q["qid"] in grades]
    original = {q["qid"]: gold_ids(q, index) for q in qs}
    second = {q: {i for i, g in grades[q].items() if g == 2} for q in original}
    gold_graded = [grades[q].get(i, 0) for q, ids in original.items() for i in ids]
    out: dict[str, Any] = {
        "questions": len(qs),
        "pairs": sum(len(v) for v in grades.values()),
        "original_ids": len(gold_graded),
        "original_graded_2": sum(1 for g in gold_graded if g == 2),
        "original_graded_1": sum(1 for g in gold_graded if g == 1),
        "original_graded_0": sum(1 for g in gold_graded if g == 0),
        "systems": {},
    }
    for name in SYSTEMS:
        top5 = {q: ranked[name].get(q, [])[:5] for q in original}
        shown = [grades[q].get(i, 0) for q, ids in top5.items() for i in ids]
        not_gold = [
            grades[q].get(i, 0) for q, ids in top5.items() for i in ids if i not in original[q]
        ]
        out["systems"][name] = {
            "original": retrieval_metrics(original, ranked[name]),
            "second_opinion": retrieval_metrics(second, ranked[name]),
            "top5_graded_2": sum(1 for g in shown if g == 2) / max(len(shown), 1),
            "top5_not_originally_relevant": len(not_gold),
            "of_which_graded_2": sum(1 for g in not_gold if g == 2),
        }
    return out


def write_report(res: dict[str, Any]) -> str:
    """Markdown under eval/reports/."""
    n = res["original_ids"]
    lines = [
        "# Second opinion on the test split's relevance judgments",
        "",
        f"{res['questions']} test questions with relevant ids; {res['pairs']} (question, "
        "statement) pairs graded blind (the pool: top 5 of npq-assistant, BM25 and dense, plus "
        "the original relevant ids, shuffled). Grades: 2 answers the question, 1 on the topic, "
        "0 not relevant. `python -m eval.audit`; the judgments are in "
        "`eval/data/test_judgments_audit.jsonl`. The headline numbers stay those of the "
        "original judgments.",
        "",
        f"Of the {n} originally relevant ids, the second assessor graded "
        f"{res['original_graded_2']} as 2 ({res['original_graded_2'] / n:.0%}), "
        f"{res['original_graded_1']} as 1 and {res['original_graded_0']} as 0.",
        "",
        "| system | recall@5 (original) | recall@5 (second opinion: grade 2) | MRR@10 (original) "
        "| MRR@10 (second opinion) | top-5 ids graded 2 | top-5 ids not originally relevant "
        "| … of which graded 2 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, m in res["systems"].items():
        o, s = m["original"], m["second_opinion"]
        lines.append(
            f"| {name} | {o['recall@5']:.3f} | {s['recall@5']:.3f} | {o['mrr@10']:.3f} "
            f"| {s['mrr@10']:.3f} | {m['top5_graded_2']:.3f} | "
            f"{m['top5_not_originally_relevant']} | {m['of_which_graded_2']} |"
        )
    lines += [
        "",
        "Under the second opinion a statement no system put in its top 5 and that was not "
        "originally relevant is unjudged and counts as not relevant, as in any pooled "
        "evaluation.",
    ]
    text = "\n".join(lines) + "\n"
    write_atomic_bytes(REPORTS / "judgment_audit.md", text.encode("utf-8"))
    write_atomic_bytes(REPORTS / "judgment_audit.json", json.dumps(res, indent=1).encode("utf-8"))
    return text


def main() -> int:
    """``python -m eval.audit``."""
    print(write_report(run_audit()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
