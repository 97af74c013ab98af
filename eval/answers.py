"""Answer evaluation: citation precision and recall against the gold ids, abstention, validity.

    python -m eval.answers [--split test|dev|all]

For every question of eval/data/retrieval_questions.jsonl the default answerer (no model)
writes an answer; its cited ids are compared with the question's relevant ids. Out-of-scope
questions should be abstained on; in-scope ones should not.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.answer import Assistant
from eval.common import REPORTS, gold_ids, open_index, questions


def answer_metrics(split: str = "test") -> dict[str, Any]:
    """Run the default answerer over a split and score it."""
    index = open_index()
    bot = Assistant(index)
    bot.ask("warm up the model")
    rows = []
    for q in questions(split):
        gold = gold_ids(q, index)
        t = time.perf_counter()
        a = bot.ask(q["question"])
        ms = (time.perf_counter() - t) * 1000
        cited = set(a.cited)
        rows.append(
            {
                "qid": q["qid"],
                "kind": q["kind"],
                "in_scope": bool(gold),
                "abstained": a.abstained,
                "precision": len(cited & gold) / len(cited) if cited else None,
                "recall": len(cited & gold) / len(gold) if gold else None,
                "invalid": list(a.invalid_citations),
                "uncited_claims": len(a.report.uncited_claims),
                "ms": ms,
            }
        )
    ins = [r for r in rows if r["in_scope"]]
    oos = [r for r in rows if not r["in_scope"]]
    answered = [r for r in ins if not r["abstained"] and r["precision"] is not None]
    return {
        "split": split,
        "questions": len(rows),
        "citation_precision": statistics.mean(r["precision"] for r in answered)
        if answered
        else 0.0,
        "citation_recall": statistics.mean(r["recall"] for r in ins if r["recall"] is not None),
        "oos_abstained": sum(r["abstained"] for r in oos) / len(oos) if oos else 0.0,
        "in_scope_abstained": sum(r["abstained"] for r in ins) / len(ins) if ins else 0.0,
        "invalid_citations": sum(len(r["invalid"]) for r in rows),
        "uncited_claims": sum(r["uncited_claims"] for r in rows),
        "p50_ms": statistics.median(r["ms"] for r in rows),
        "p95_ms": sorted(r["ms"] for r in rows)[int(0.95 * (len(rows) - 1))],
        "per_kind": {
            kind: {
                "precision": statistics.mean(
                    [r["precision"] for r in answered if r["kind"] == kind] or [0.0]
                ),
                "recall": statistics.mean([r["recall"] for r in ins if r["kind"] == kind] or [0.0]),
            }
            for kind in sorted({r["kind"] for r in ins})
        },
    }


def write_report(m: dict[str, Any], out_dir: Path = REPORTS) -> Path:
    """eval/reports/answers.md and answers.json, written atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Answers (default answerer: evidence brief, no model)",
        "",
        f"Split **{m['split']}**, {m['questions']} questions. Regenerate: `npq eval answers`.",
        "",
        "| citation precision | citation recall | out-of-scope abstained | in-scope abstained "
        "| invalid citations | uncited claims | p50 ms | p95 ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {m['citation_precision']:.3f} | {m['citation_recall']:.3f} | {m['oos_abstained']:.3f} "
        f"| {m['in_scope_abstained']:.3f} | {m['invalid_citations']} | {m['uncited_claims']} "
        f"| {m['p50_ms']:.1f} | {m['p95_ms']:.1f} |",
        "",
        "| kind | precision | recall |",
        "|---|---:|---:|",
    ]
    for kind, d in m["per_kind"].items():
        lines.append(f"| {kind} | {d['precision']:.3f} | {d['recall']:.3f} |")
    path = out_dir / "answers.md"
    for p, text in (
        (path, "\n".join(lines) + "\n"),
        (out_dir / "answers.json", json.dumps(m, indent=1)),
    ):
        fd, tmp = tempfile.mkstemp(dir=out_dir, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    return path


def main(argv: list[str] | None = None) -> int:
    """Score the answers and write the report."""
    ap = argparse.ArgumentParser(prog="python -m eval.answers")
    ap.add_argument("--split", default="test")
    args = ap.parse_args(argv)
    m = answer_metrics(args.split)
    path = write_report(m)
    print(json.dumps({k: v for k, v in m.items() if k != "per_kind"}, indent=1))
    print(f"report: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
