"""Robustness to chat phrasing: the same questions wrapped in the words people add around them.

In a chat, people rarely type the bare question: "What do the NPQ frameworks say about this:
…", "… Please cite the statement numbers.", "Hi, quick question - … Thanks!". Those words are
not what the question is about, yet "NPQ", "framework" and "statement" are all over the
provider pages, which they pulled into the top 5. Search takes such asking off before
searching (:func:`index.search.strip_asking`).

Every covered framework question of the retrieval set (provider and out-of-scope ones left
out) is searched as typed and in each wrapper below, with that stripping on and off (the
reading of course-talk clauses, :func:`index.search.without_course_talk`, stays on). The
wrappers come in two groups: those the rules were written from (design), and the latest four,
written before their first measurement and never used to write or change a rule (the honest
estimate for phrasings nobody has seen). Nothing is tuned on this set.

    npq eval phrasing [--split all]

Writes ``eval/reports/phrasing.md`` and ``phrasing.png``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import numpy as np

from eval.common import gold_ids, open_index, pyplot, questions, save_report
from eval.metrics import retrieval_metrics


def _lower_first(q: str) -> str:
    return q[:1].lower() + q[1:]


def _ended(q: str) -> str:
    """The question with end punctuation, so that a sentence can follow it."""
    q = q.rstrip()
    return q if q.endswith((".", "?", "!")) else q + "?"


Wrapper = Callable[[str], str]
# The stripping rules were written from these...
DESIGN: dict[str, Wrapper] = {
    "What do the NPQ frameworks say about this: …": lambda q: (
        f"What do the NPQ frameworks say about this: {q}"
    ),
    "According to the DfE, …": lambda q: f"According to the DfE, {_lower_first(q)}",
    "… Please cite the statement numbers.": lambda q: (
        f"{_ended(q)} Please cite the statement numbers."
    ),
    "Hi, quick question - … Thanks!": lambda q: f"Hi, quick question - {_ended(q)} Thanks!",
    # The first held-out four, measured once (recall@5 0.851, 0.896, 0.775, 0.890 on the test
    # split's questions), then used to write the clause rule.
    "Can you tell me what the NPQ says here? …": lambda q: (
        f"Can you tell me what the NPQ says here? {q}"
    ),
    "… I need a reference for my assignment.": lambda q: (
        f"{_ended(q)} I need a reference for my assignment."
    ),
    "Based on the NPQ frameworks: …": lambda q: f"Based on the NPQ frameworks: {q}",
    "Morning! … Any statement numbers would help, thanks.": lambda q: (
        f"Morning! {_ended(q)} Any statement numbers would help, thanks."
    ),
    # The second held-out four, measured once (0.908, 0.906, 0.864, 0.897 on all the
    # questions), then "For my NPQ assessment task:" led to the purpose phrase.
    "Could you point me to the right statements? …": lambda q: (
        f"Could you point me to the right statements? {q}"
    ),
    "… Which statement should I cite?": lambda q: f"{_ended(q)} Which statement should I cite?",
    "For my NPQ assessment task: …": lambda q: f"For my NPQ assessment task: {q}",
    "Hello! Looking at the frameworks, …": lambda q: (
        f"Hello! Looking at the frameworks, {_lower_first(q)}"
    ),
    # The third held-out four, measured once (0.869, 0.890, 0.907, 0.857 on all the
    # questions), then "As part of my NPQ course, I'm wondering:" led to the context phrase.
    "I'm writing my NPQ assessment task on this. …": lambda q: (
        f"I'm writing my NPQ assessment task on this. {q}"
    ),
    "Quick check before I submit - …": lambda q: f"Quick check before I submit - {q}",
    "… Is there a statement I can quote?": lambda q: (
        f"{_ended(q)} Is there a statement I can quote?"
    ),
    "As part of my NPQ course, I'm wondering: …": lambda q: (
        f"As part of my NPQ course, I'm wondering: {q}"
    ),
    # The fourth held-out four, measured once (0.859, 0.830, 0.901, 0.858 on all the
    # questions), then used to write the rule for talk of one's own course ("Our NPQ cohort
    # was discussing this today.").
    "I'm on an NPQ programme and my facilitator asked us this: …": lambda q: (
        f"I'm on an NPQ programme and my facilitator asked us this: {q}"
    ),
    "Our NPQ cohort was discussing this today. …": lambda q: (
        f"Our NPQ cohort was discussing this today. {q}"
    ),
    "… (Asking for my NPQ coursework.)": lambda q: f"{_ended(q)} (Asking for my NPQ coursework.)",
    "Not sure if this is covered in the NPQ, but …": lambda q: (
        f"Not sure if this is covered in the NPQ, but {_lower_first(q)}"
    ),
    # The fifth held-out four, measured once (0.807, 0.865, 0.881, 0.829 on all the
    # questions): the fourth's course-talk words did not carry over. Read question by question,
    # two of them had made every question a course question ("My NPQ facilitator", "Doing my
    # NPQ"), and all four put a provider page in the top 5 of 57-89 of the 195: that led to
    # reading such clauses by their structure (a clause naming "the NPQ" beside the question).
    "My NPQ facilitator set us this for next week's session: …": lambda q: (
        f"My NPQ facilitator set us this for next week's session: {q}"
    ),
    "We had a debate in our NPQ study group about this. …": lambda q: (
        f"We had a debate in our NPQ study group about this. {q}"
    ),
    "… I'm a bit stuck on this part of the NPQ.": lambda q: (
        f"{_ended(q)} I'm a bit stuck on this part of the NPQ."
    ),
    "Doing my NPQ at the moment and this came up in a session: …": lambda q: (
        f"Doing my NPQ at the moment and this came up in a session: {q}"
    ),
}
# ...and these were written before they were first measured, and never used to write a rule:
# the sixth four, written after the fifth's first measurement and before the structural rule
# for course talk was tried; first measured at 0.791, 0.809, 0.803, 0.859 (as typed: 0.908).
# (Five earlier held-out sets of four were measured once each and then led to rules: the
# first to the clause rule, the second, through "For my NPQ assessment task:", to the purpose
# phrase, the third, through "As part of my NPQ course, I'm wondering:", to the context
# phrase and the course-question reading, the fourth to the course-talk words, the fifth to
# the course-talk clauses. All five now stand with the design phrasings.)
HELD_OUT: dict[str, Wrapper] = {
    "Our NPQ tutor raised this in the last webinar: …": lambda q: (
        f"Our NPQ tutor raised this in the last webinar: {q}"
    ),
    "… This is for an NPQ module I'm finishing.": lambda q: (
        f"{_ended(q)} This is for an NPQ module I'm finishing."
    ),
    "Two of us on the NPQ course disagree about this one. …": lambda q: (
        f"Two of us on the NPQ course disagree about this one. {q}"
    ),
    "Hello from an NPQ participant! …": lambda q: f"Hello from an NPQ participant! {q}",
}


def run_phrasing_eval(split: str = "all") -> dict[str, Any]:
    """Recall and scope for every wrapper, with the asking stripped and not."""
    import index.search as search

    index = open_index()
    qs = [q for q in questions(split) if q["kind"] not in ("out_of_scope", "provider")]
    gold = {q["qid"]: gold_ids(q, index) for q in qs}
    wrappers: dict[str, tuple[str, Wrapper]] = {"as typed": ("reference", lambda q: q)}
    wrappers |= {name: ("design", w) for name, w in DESIGN.items()}
    wrappers |= {name: ("held out", w) for name, w in HELD_OUT.items()}
    saved = search.strip_asking
    rows: list[dict[str, Any]] = []
    try:
        for name, (group, wrap) in wrappers.items():
            row: dict[str, Any] = {"phrasing": name, "group": group}
            for setting, strip in (("stripped", saved), ("not stripped", lambda q: q)):
                search.strip_asking = strip
                ranked, kept = {}, 0
                for q in qs:
                    res = index.search(wrap(q["question"]), k=10)
                    ranked[q["qid"]] = [h.statement.id for h in res.hits]
                    kept += res.in_scope
                m = retrieval_metrics(gold, ranked)
                row[setting] = {
                    "recall@5": m["recall@5"],
                    "mrr@10": m["mrr@10"],
                    "in_scope_kept": kept / len(qs),
                }
            rows.append(row)
            print(
                f"{name}: recall@5 {row['stripped']['recall@5']:.3f} stripped, "
                f"{row['not stripped']['recall@5']:.3f} not",
                flush=True,
            )
    finally:
        search.strip_asking = saved
    return {"split": split, "questions": len(qs), "rows": rows}


def write_report(results: dict[str, Any]) -> str:
    """Markdown report and bar chart under eval/reports/."""
    rows = results["rows"]
    lines = [
        "# Questions wrapped in chat phrasing",
        "",
        f"`npq eval phrasing --split {results['split']}`: {results['questions']} covered "
        "framework questions (provider and out-of-scope ones left out), each searched as typed "
        "and wrapped in the words people add around a question in a chat. *Stripped*: search "
        "takes the asking, greeting and thanks off first (`index/search.py`, `strip_asking`); "
        '*not stripped*: it searches the whole text (a clause that names "the NPQ" beside the '
        "question is read as talk of one's course either way: `without_course_talk`). The rules "
        "were written from the *design* phrasings; the *held-out* ones were written before their "
        "first measurement and never used to write a rule (first measured at 0.791, 0.809, "
        "0.803, 0.859, before the course-talk clauses were read).",
        "",
        "| phrasing | group | recall@5 stripped | not stripped | MRR@10 stripped | not stripped "
        "| judged in scope, stripped |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        s, n = r["stripped"], r["not stripped"]
        lines.append(
            f"| {r['phrasing']} | {r['group']} | {s['recall@5']:.3f} | {n['recall@5']:.3f} "
            f"| {s['mrr@10']:.3f} | {n['mrr@10']:.3f} | {s['in_scope_kept']:.3f} |"
        )
    text = "\n".join(lines) + "\n"

    plt = pyplot()
    fig, ax = plt.subplots(figsize=(9, 4.2))
    ys = np.arange(len(rows))
    for off, setting, label in (
        (-0.2, "stripped", "asking stripped"),
        (0.2, "not stripped", "whole text"),
    ):
        bars = ax.barh(ys + off, [r[setting]["recall@5"] for r in rows], 0.4, label=label)
        ax.bar_label(bars, fmt="%.3f", fontsize=7)
    ax.set_yticks(ys, [f"{r['phrasing']} ({r['group']})" for r in rows], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 1.1)
    ax.set_xlabel("recall@5")
    ax.set_title("The same questions wrapped in chat phrasing")
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    save_report("phrasing", text, results, fig)
    return text


def main(argv: list[str] | None = None) -> int:
    """``npq eval phrasing``."""
    ap = argparse.ArgumentParser(prog="npq eval phrasing")
    ap.add_argument("--split", default="all", help="test, dev or all")
    args = ap.parse_args(argv)
    print(write_report(run_phrasing_eval(args.split)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
