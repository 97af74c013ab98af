"""Answer evaluation: citation precision and recall against the gold ids, abstention, validity.

    python -m eval.answers [--split test|dev|all] [--llm none|openai|llamacpp] [--limit N]

For every question of eval/data/retrieval_questions.jsonl the default answerer (no model)
writes an answer; its cited ids are compared with the question's relevant ids. Out-of-scope
questions should be abstained on; in-scope ones should not.

With ``--llm`` a generative backend from the settings (``NPQ_LLM__*``) writes the answers instead;
the report (``answers_<backend>.md``) adds how often the model failed and the brief was shown,
and splits invalid citations into fabricated ids and ids from outside the evidence.
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
from assistant.llm import ChatModel
from eval.common import REPORTS, gold_ids, open_index, questions


def answer_metrics(
    split: str = "test", llm: ChatModel | None = None, limit: int = 0
) -> dict[str, Any]:
    """Run the answerer (the brief, or ``llm``) over a split and score it.

    Args:
        split: ``dev``, ``test`` or ``all``.
        llm: A chat model writing the answers; None for the default evidence brief.
        limit: Score only the first ``limit`` questions (0: all), for slow models.
    """
    index = open_index()
    bot = Assistant(index, llm=llm)
    if llm is None:
        bot.ask("warm up the model")
    rows = []
    qs = questions(split)
    if limit:
        qs = qs[:limit]
    for i, q in enumerate(qs, start=1):
        if llm is not None:
            print(f"[{i}/{len(qs)}] {q['qid']}", flush=True)
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
                "unknown": list(a.report.unknown),
                "not_in_evidence": list(a.report.not_in_evidence),
                "unsupported": [u.id for u in a.report.unsupported],
                # Abstentions never reach the model; only a failed model call falls back.
                "fell_back": llm is not None and not a.abstained and a.backend != llm.name,
                "cited": len(cited),
                "uncited_claims": len(a.report.uncited_claims),
                "ms": ms,
            }
        )
    ins = [r for r in rows if r["in_scope"]]
    oos = [r for r in rows if not r["in_scope"]]
    answered = [r for r in ins if not r["abstained"] and r["precision"] is not None]
    return {
        "split": split,
        "backend": llm.name if llm is not None else "brief",
        "questions": len(rows),
        "fallbacks": sum(r["fell_back"] for r in rows),
        "answers_without_citations": sum(1 for r in ins if not r["abstained"] and not r["cited"]),
        "fabricated_ids": sum(len(r["unknown"]) for r in rows),
        "ids_outside_evidence": sum(len(r["not_in_evidence"]) for r in rows),
        "unsupported_citations": sum(len(r["unsupported"]) for r in rows),
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
    """eval/reports/answers.md and .json (``answers_llm`` for a model), written atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    brief = m.get("backend", "brief") == "brief"
    stem = "answers" if brief else "answers_llm"
    title = "default answerer: evidence brief, no model" if brief else f"model {m['backend']}"
    lines = [
        f"# Answers ({title})",
        "",
        f"Split **{m['split']}**, {m['questions']} questions. Regenerate: `npq eval answers`"
        + ("" if brief else " with `--llm`; the model's settings come from `NPQ_LLM__*`")
        + ".",
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
    if not brief:
        lines += [
            "",
            "| model failures (brief shown) | answers citing nothing | fabricated ids "
            "| ids from outside the evidence | citations the statement does not support |",
            "|---:|---:|---:|---:|---:|",
            f"| {m['fallbacks']} | {m['answers_without_citations']} | {m['fabricated_ids']} "
            f"| {m['ids_outside_evidence']} | {m['unsupported_citations']} |",
            "",
            "Invalid citations are reported in each answer's record and shown in the app, "
            "never removed; the scores above count the answer as the model wrote it.",
        ]
    path = out_dir / f"{stem}.md"
    for p, text in (
        (path, "\n".join(lines) + "\n"),
        (out_dir / f"{stem}.json", json.dumps(m, indent=1)),
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
    ap.add_argument("--llm", choices=("none", "openai", "llamacpp"), default="none")
    ap.add_argument("--limit", type=int, default=0, help="first N questions only (0: all)")
    args = ap.parse_args(argv)
    llm = None
    if args.llm != "none":
        from assistant.llm import LLMError, build_chat_model
        from assistant.settings import Settings

        cfg = Settings().llm.model_copy(update={"backend": args.llm})
        try:
            llm = build_chat_model(cfg)
        except LLMError as exc:
            print(f"error: {exc}. {exc.help_message}")
            return 2
    m = answer_metrics(args.split, llm=llm, limit=args.limit)
    path = write_report(m)
    print(json.dumps({k: v for k, v in m.items() if k != "per_kind"}, indent=1))
    print(f"report: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
