"""Framework comparisons (``assistant/compare.py``) on ``eval/data/comparison_questions.jsonl``.

48 questions facilitators ask when comparing NPQs ("What does NPQEL add on curriculum that NPQSL
doesn't?", "which frameworks mention learning styles?", "NPQEL 4.P1.2 — what is the NPQSL
equivalent?"), written by a session that saw only the statements (never the system), each
labelled with the statements a tutor would cite in each compared framework, the points found
in one framework only, the same points worded differently, and the frameworks that do not
address the topic. ``design`` (24) was used to build and tune; ``held_out`` (24) was run once.

Measures, per set: questions read as comparisons; of the labelled statements, the share the
answer cites (recall) and of the cited, the share labelled (precision; an identical twin of a
labelled statement counts); **wrong "found only in" claims** (a point said to be in one
framework only whose labelled equivalent is in a framework said to lack it: the error a user
would repeat in an essay); frameworks said to have nothing on the topic against the labels;
and uncovered topics answered "not covered".

    npq eval comparison
"""

from __future__ import annotations

from typing import Any

from assistant.compare import Comparison, compare, comparison_frameworks
from eval.common import DATA, open_index, read_jsonl, save_report, set_bars, set_eval_main
from index.search import SearchIndex

COMPARISON_FILE = DATA / "comparison_questions.jsonl"
SETS = ("design", "held_out")


def _with_twins(index: SearchIndex, ids: set[str]) -> set[str]:
    out = set(ids)
    for sid in ids:
        s = index.by_id.get(sid)
        if s is not None:
            out.update(s.same_as)
    return out


def score_question(
    index: SearchIndex, row: dict[str, Any], cmp: Comparison | None
) -> dict[str, Any]:
    """One question's counts (see the module docstring)."""
    relevant = set(row["relevant"])
    out: dict[str, Any] = {
        "qid": row["qid"],
        "set": row["set"],
        "read": cmp is not None,
        "relevant": len(relevant),
        "found": 0,
        "cited": 0,
        "cited_relevant": 0,
        "only_claims": 0,
        "only_wrong": [],
        "nothing_said": [],
        "nothing_right": 0,
        "uncovered": not relevant,
        "said_not_covered": bool(cmp is not None and not cmp.in_scope),
    }
    if cmp is None:
        return out
    cited = set(cmp.cited)
    out["cited"] = len(cited)
    out["found"] = len(relevant & cited)
    out["cited_relevant"] = len(cited & _with_twins(index, relevant))
    partners: dict[str, set[str]] = {}
    for a, b in row.get("reworded_pairs", []):
        partners.setdefault(a, set()).add(b)
        partners.setdefault(b, set()).add(a)
    for f in cmp.families:
        missing = [fw for fw in cmp.frameworks if fw not in f.frameworks]
        if not missing or f.typed:
            continue
        for sid in f.ids:
            out["only_claims"] += 1
            equivalents = partners.get(sid, set()) | (_with_twins(index, {sid}) & relevant)
            if any(e.split()[0] in missing for e in equivalents):
                out["only_wrong"].append(sid)
    said_nothing = [fw for fw, _ in cmp.nearest] if not any(f.typed for f in cmp.families) else []
    out["nothing_said"] = said_nothing
    out["nothing_right"] = sum(1 for fw in said_nothing if fw in row.get("not_in", []))
    return out


def run(index: SearchIndex | None = None) -> dict[str, Any]:
    """Every question compared and scored; totals per set."""
    index = index or open_index()
    held = tuple(sorted({s.framework for s in index.statements if s.kind != "provider_section"}))
    rows = []
    for row in read_jsonl(COMPARISON_FILE):
        fws = comparison_frameworks(row["question"], held)
        cmp = compare(index, row["question"], fws) if fws else None
        rows.append(score_question(index, row, cmp))
    totals: dict[str, dict[str, float]] = {}
    for name in SETS:
        rs = [r for r in rows if r["set"] == name]
        covered = [r for r in rs if not r["uncovered"]]
        read = [r for r in covered if r["read"]]
        totals[name] = {
            "questions": len(rs),
            "read_as_comparison": sum(r["read"] for r in rs),
            "recall": sum(r["found"] / r["relevant"] for r in covered) / max(len(covered), 1),
            "precision": sum(r["cited_relevant"] for r in read)
            / max(sum(r["cited"] for r in read), 1),
            "only_claims": sum(r["only_claims"] for r in rs),
            "only_wrong": sum(len(r["only_wrong"]) for r in rs),
            "nothing_said": sum(len(r["nothing_said"]) for r in rs),
            "nothing_right": sum(r["nothing_right"] for r in rs),
            "uncovered": sum(r["uncovered"] for r in rs),
            "uncovered_said_not_covered": sum(
                r["uncovered"] and (r["said_not_covered"] or not r["cited"]) for r in rs
            ),
        }
    return {"totals": totals, "questions": rows}


def report() -> str:
    """Run, write ``eval/reports/comparison.{md,json,png}`` and return the Markdown."""
    res = run()
    t = res["totals"]
    lines = [
        "# Framework comparisons",
        "",
        "`npq eval comparison`: the questions of `eval/data/comparison_questions.jsonl` through "
        "`assistant/compare.py` (see `eval/comparison.py` for the measures). `design` was used to "
        "build the comparison; `held_out` was run once, after.",
        "",
        "| set | questions | read as comparisons | recall of labelled ids | precision of cited ids "
        "| “found only in” claims | of which wrong | “nothing on this” said (right) "
        "| uncovered said not covered |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in SETS:
        x = t[name]
        lines.append(
            f"| {name} | {x['questions']} | {x['read_as_comparison']} | {x['recall']:.3f} "
            f"| {x['precision']:.3f} | {x['only_claims']} | {x['only_wrong']} "
            f"| {x['nothing_said']} ({x['nothing_right']}) "
            f"| {x['uncovered_said_not_covered']} of {x['uncovered']} |"
        )
    wrong = [(r["qid"], r["only_wrong"]) for r in res["questions"] if r["only_wrong"]]
    if wrong:
        lines += [
            "",
            "Wrong “found only in” claims: "
            + "; ".join(f"{q}: {', '.join(ids)}" for q, ids in wrong)
            + ".",
        ]
    missed = [r["qid"] for r in res["questions"] if not r["read"] and not r["uncovered"]]
    if missed:
        lines += ["", f"Not read as comparisons: {', '.join(missed)}."]
    lines += ["", "![comparison measures](comparison.png)", ""]
    text = "\n".join(lines)
    fig = set_bars(
        "Framework comparisons",
        ["recall of labelled ids", "precision of cited ids"],
        {name: [t[name]["recall"], t[name]["precision"]] for name in SETS},
    )
    save_report("comparison", text, res, fig)
    return text


def main(argv: list[str] | None = None) -> int:
    """``npq eval comparison``."""
    return set_eval_main("npq eval comparison", report, argv)


if __name__ == "__main__":
    raise SystemExit(main())
