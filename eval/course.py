"""Questions about the course itself, and the questions a course-question reading must leave alone.

``eval/data/course_questions.jsonl`` (see ``eval/data/README.md``) was written blind to the
system: 70 questions the provider and old-programme pages answer (most in indirect words: "will
I have to travel far for the sessions?", "who marks my work?"), 50 framework questions that use
course words in their framework sense ("online safety", "the benefits of retrieval practice"),
and 30 out-of-scope ones about other courses and fees. It is a development set for how a
question is read as a course question (index/search.py); the retrieval test split stays the
held-out measure.

    npq eval course

Writes ``eval/reports/course.md``, ``course.json`` and ``course.png``.
"""

from __future__ import annotations

from typing import Any

from eval.common import DATA, open_index, pyplot, read_jsonl, save_report, set_eval_main
from eval.metrics import retrieval_metrics

COURSE_FILE = DATA / "course_questions.jsonl"
ANSWERABILITY_FILE = DATA / "course_answerability.jsonl"
GROUPS = ("course", "framework", "out_of_scope")
ANSWER_SETS = ("design", "held_out", "new")
# What a user is shown for a question about the course, against what answers it.
OUTCOMES = ("answered", "said unanswered", "answered wrongly", "missed the answer")


def run_course_eval() -> dict[str, Any]:
    """Recall of the answering pages for course questions; intrusions and scope for the rest."""
    from index.search import provider_intent

    index = open_index()
    rows = read_jsonl(COURSE_FILE)
    gold: dict[str, set[str]] = {}
    ranked: dict[str, list[str]] = {}
    worded: dict[str, bool] = {}
    counts = {g: {"n": 0, "in_scope": 0, "provider_top5": 0} for g in GROUPS}
    misses: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        res = index.search(row["text"], k=10)
        ids = [h.statement.id for h in res.hits]
        c = counts[row["group"]]
        c["n"] += 1
        c["in_scope"] += res.in_scope
        c["provider_top5"] += any(h.statement.kind == "provider_section" for h in res.hits[:5])
        if row["group"] == "course":
            qid = f"c{i:03d}"
            gold[qid] = set(row["relevant"])
            ranked[qid] = ids
            worded[qid] = provider_intent(row["text"])
            if not gold[qid] & set(ids[:5]):
                misses.append({"text": row["text"], "got": ids[:3]})
    overall = retrieval_metrics(gold, ranked)
    by_wording = {
        name: retrieval_metrics({q: g for q, g in gold.items() if worded[q] == flag}, ranked)
        for name, flag in (("with a course word", True), ("without one", False))
    }
    return {
        "questions": len(rows),
        "course": overall,
        "by_wording": by_wording,
        "counts": counts,
        "misses": misses,
        "answerability": answerability(index),
    }


def answer_outcome(in_scope: bool, shown: str | None, answering: set[str]) -> str:
    """What the user got: the first thing shown, against the pages that answer the question.

    ``answered wrongly`` is a page (or framework statement) shown when none answers, or the
    wrong one shown first when one does; ``missed the answer`` is "not answered here" when a
    page does answer.
    """
    if not in_scope or shown is None:
        return "missed the answer" if answering else "said unanswered"
    return "answered" if shown in answering else "answered wrongly"


def answerability(index: Any) -> dict[str, Any]:
    """Outcomes on ``course_answerability.jsonl``, by set, with the questions answered wrongly."""
    by_set = {s: dict.fromkeys(OUTCOMES, 0) for s in ANSWER_SETS}
    wrong: list[dict[str, Any]] = []
    for row in read_jsonl(ANSWERABILITY_FILE):
        res = index.search(row["text"], k=5)
        shown = res.hits[0].statement.id if res.hits else None
        outcome = answer_outcome(res.in_scope, shown, set(row["answering"]))
        by_set[row["set"]][outcome] += 1
        if outcome in ("answered wrongly", "missed the answer"):
            wrong.append(
                {
                    "text": row["text"],
                    "set": row["set"],
                    "outcome": outcome,
                    "shown": shown if res.in_scope else None,
                }
            )
    return {"by_set": by_set, "wrong": wrong}


def write_report(results: dict[str, Any]) -> str:
    """Markdown report and bar chart under eval/reports/."""
    plt = pyplot()

    c, counts = results["course"], results["counts"]
    n_course, n_fw, n_oos = (counts[g]["n"] for g in GROUPS)
    lines = [
        "# Questions about the course",
        "",
        f"`npq eval course`: the {results['questions']} questions of "
        "`eval/data/course_questions.jsonl` (written blind to the system; a development set "
        "for reading a question as a course question).",
        "",
        "| course questions | n | recall@1 | recall@5 | recall@10 | MRR@10 |",
        "|---|---:|---:|---:|---:|---:|",
        f"| all | {n_course} | {c['recall@1']:.3f} | {c['recall@5']:.3f} "
        f"| {c['recall@10']:.3f} | {c['mrr@10']:.3f} |",
    ]
    for name, m in results["by_wording"].items():
        lines.append(
            f"| {name} | {int(m['queries'])} | {m['recall@1']:.3f} | {m['recall@5']:.3f} "
            f"| {m['recall@10']:.3f} | {m['mrr@10']:.3f} |"
        )
    lines += [
        "",
        "| group | n | judged in scope | a provider page in the top 5 |",
        "|---|---:|---:|---:|",
    ]
    for g, label in (
        ("course", "course questions"),
        ("framework", "framework questions with course words"),
        ("out_of_scope", "out of scope (other courses, fees, admin)"),
    ):
        k = counts[g]
        lines.append(
            f"| {label} | {k['n']} | {k['in_scope'] / k['n']:.3f} "
            f"| {k['provider_top5'] / k['n']:.3f} |"
        )
    lines += [
        "",
        f"Course questions with no answering page in the top 5 ({len(results['misses'])}):",
        "",
    ]
    lines += [f"- {m['text']} → {', '.join(m['got'])}" for m in results["misses"]]
    a = results["answerability"]
    lines += [
        "",
        "## Answered or not",
        "",
        "`eval/data/course_answerability.jsonl`: questions about an NPQ itself, each labelled "
        "with the course pages that answer it (most have none). What the first result shown "
        "is, or whether the question is said to be unanswered here (`index/search.py`, "
        "`COURSE_ANSWER_COSINE`, set on the `design` set; a few course words of "
        "`about_the_course` came later from the `new` set's misses, so it is no longer held out; "
        "the course reader, `index/course_reader.py`, is fitted on all three sets):",
        "",
        "| set | n | " + " | ".join(OUTCOMES) + " |",
        "|---|---:|" + "---:|" * len(OUTCOMES),
    ]
    for name, k in a["by_set"].items():
        lines.append(
            f"| {name} | {sum(k.values())} | " + " | ".join(str(k[o]) for o in OUTCOMES) + " |"
        )
    lines += ["", "Answered wrongly or missed:", ""]
    lines += [
        f"- ({w['set']}) {w['text']} → {w['shown'] or 'said unanswered'} ({w['outcome']})"
        for w in a["wrong"]
    ]
    text = "\n".join(lines) + "\n"

    fig, (ax, ax2) = plt.subplots(1, 2, figsize=(12, 3.5), gridspec_kw={"width_ratios": [4, 3]})
    labels = [
        "course: recall@5",
        "course: in scope",
        "framework: no page\nin top 5",
        "out of scope:\nflagged",
    ]
    values = [
        c["recall@5"],
        counts["course"]["in_scope"] / n_course,
        1 - counts["framework"]["provider_top5"] / n_fw,
        1 - counts["out_of_scope"]["in_scope"] / n_oos,
    ]
    bars = ax.bar(range(len(values)), values, color=["#2563eb", "#2563eb", "#16a34a", "#16a34a"])
    ax.bar_label(bars, fmt="%.2f", fontsize=8)
    ax.set_xticks(range(len(values)), labels, fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_title("Course questions found; the others left alone", fontsize=10)
    # What each question about an NPQ itself got, by set: stacked shares of the outcomes.
    colours = {
        "answered": "#16a34a",
        "said unanswered": "#86efac",
        "answered wrongly": "#c62828",
        "missed the answer": "#f0b429",
    }
    sets = list(a["by_set"])
    left = [0.0] * len(sets)
    for outcome in OUTCOMES:
        shares = [a["by_set"][s][outcome] / max(1, sum(a["by_set"][s].values())) for s in sets]
        ax2.barh(sets, shares, left=left, color=colours[outcome], label=outcome)
        left = [x + y for x, y in zip(left, shares, strict=True)]
    ax2.set_xlim(0, 1)
    ax2.invert_yaxis()
    ax2.set_xlabel("share of the set's questions", fontsize=8)
    ax2.legend(fontsize=7, loc="lower center", bbox_to_anchor=(0.5, -0.45), ncol=2)
    ax2.set_title("Questions about an NPQ itself: what was shown", fontsize=10)
    fig.tight_layout()
    save_report("course", text, results, fig)
    return text


def main(argv: list[str] | None = None) -> int:
    """``npq eval course``."""
    return set_eval_main("npq eval course", lambda: write_report(run_course_eval()), argv)


if __name__ == "__main__":
    raise SystemExit(main())
