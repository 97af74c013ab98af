"""Citation-checker evaluation on eval/data/citation_cases.jsonl: verdict accuracy per verdict.

    python -m eval.citations [--split test|dev|all] [--sweep]

``--sweep`` grid-searches the checker's thresholds on the development split.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from assistant import essay
from eval.common import DATA, REPORTS, open_index, pyplot, read_jsonl

VERDICTS = ("supported", "wrong_number", "unsupported", "nonexistent", "ambiguous")


def run_cases(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Check each case's text; record the verdict for its citation and whether it is right."""
    index = open_index()
    out = []
    for case in cases:
        report = essay.check_essay(case["text"], index)
        match = [
            c for c in report.citations if case["citation"] in c.raw or c.raw in case["citation"]
        ]
        got = match[0] if match else (report.citations[0] if report.citations else None)
        verdict = got.verdict if got else "none"
        suggested = list(got.suggested) if got else []
        expected = case["expected_suggested"]
        suggestion_ok = (
            not expected
            or verdict in ("supported", "unsupported")
            or (bool(suggested) and suggested[0] in expected)
        )
        out.append(
            {
                "case_id": case["case_id"],
                "expected": case["verdict"],
                "got": verdict,
                "correct": verdict == case["verdict"],
                "suggestion_ok": suggestion_ok if verdict == case["verdict"] else False,
                "slip": case["slip"],
                "score": got.score if got else 0.0,
            }
        )
    return out


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Accuracy overall and per verdict and slip, and suggestion accuracy."""
    by_v: dict[str, list[bool]] = defaultdict(list)
    by_s: dict[str, list[bool]] = defaultdict(list)
    for r in rows:
        by_v[r["expected"]].append(r["correct"])
        by_s[r["slip"]].append(r["correct"])
    n = len(rows) or 1
    return {
        "cases": len(rows),
        "accuracy": sum(r["correct"] for r in rows) / n,
        "suggestion_accuracy": sum(
            r["suggestion_ok"]
            for r in rows
            if r["expected"] in ("wrong_number", "nonexistent", "ambiguous")
        )
        / max(
            1, sum(1 for r in rows if r["expected"] in ("wrong_number", "nonexistent", "ambiguous"))
        ),
        "per_verdict": {
            v: {"n": len(by_v[v]), "accuracy": sum(by_v[v]) / len(by_v[v])}
            for v in VERDICTS
            if by_v[v]
        },
        "per_slip": {
            s: {"n": len(x), "accuracy": sum(x) / len(x)} for s, x in sorted(by_s.items())
        },
        "confusion": dict(
            Counter(f"{r['expected']}->{r['got']}" for r in rows if not r["correct"])
        ),
    }


def essay_sentence_cases() -> dict[str, Any]:
    """The checker on the essay sentences of the retrieval and blind sets, cited two ways.

    Each sentence is cited once with its first relevant id (a correct citation: it should be
    supported, and above all never called a wrong number) and once with another statement of
    the same framework area, picked at random with the question id as seed (it should be
    called a wrong number, with a relevant id suggested first).
    """
    import random

    index = open_index()
    rows = [
        q
        for name in ("retrieval_questions.jsonl", "blind_questions.jsonl")
        for q in read_jsonl(DATA / name)
        if q["kind"] == "essay" and q["relevant"]
    ]
    right: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    suggestion_ok = 0
    for q in rows:
        gold = set(q["relevant"])
        text = q["question"].rstrip(". ")
        first = index.by_id[q["relevant"][0]]
        (c,) = essay.check_essay(f"{text} ({first.id}).", index).citations
        right[c.verdict] += 1
        others = sorted(
            s.id
            for s in index.statements
            if s.framework == first.framework
            and s.area == first.area
            and s.kind != "provider_section"
            and s.id not in gold
        )
        other = random.Random(q["qid"]).choice(others)
        (c,) = essay.check_essay(f"{text} ({other}).", index).citations
        wrong[c.verdict] += 1
        suggestion_ok += (
            c.verdict == "wrong_number" and bool(c.suggested) and c.suggested[0] in gold
        )
    return {
        "sentences": len(rows),
        "correct_cited": dict(right),
        "wrong_cited": dict(wrong),
        "wrong_cited_suggestion_right": suggestion_ok,
    }


def comparison_cases() -> dict[str, Any]:
    """The checker on `comparison_cases.jsonl`: comparisons turned around, and kept.

    Returns per set (design: the rule for reversed comparisons was written on these;
    held_out: written before its first run) the cases right out of all, by expected verdict.
    """
    index = open_index()
    out: dict[str, Any] = {}
    for case in read_jsonl(DATA / "comparison_cases.jsonl"):
        report = essay.check_essay(case["text"], index)
        got = report.citations[0].verdict if report.citations else "none"
        cell = out.setdefault(case["set"], {}).setdefault(case["verdict"], [0, 0])
        cell[0] += got == case["verdict"]
        cell[1] += 1
    return out


def reworded_cases() -> dict[str, Any]:
    """The checker on `reworded_cases.jsonl`: statements turned around in other words, and kept.

    Returns per set and kind ``[right, cases]``: ``first`` (110) and ``second`` (120), each
    written by a session blind to the checker, the second after the rule's first version.
    """
    index = open_index()
    out: dict[str, Any] = {}
    for case in read_jsonl(DATA / "reworded_cases.jsonl"):
        report = essay.check_essay(case["text"], index)
        match = [
            c for c in report.citations if case["citation"] in c.raw or c.raw in case["citation"]
        ]
        found = match or list(report.citations)
        verdict = found[0].verdict if found else "none"
        cell = out.setdefault(case["set"], {}).setdefault(case["kind"], [0, 0])
        cell[0] += verdict == case["verdict"]
        cell[1] += 1
    return out


USER_TEST = DATA / "user_test_essays"


def user_test_essays() -> dict[str, Any]:
    """The checker on essays user-test sessions wrote (``eval/data/user_test_essays``), by set.

    Each essay's citations, in order, against the writer's labels (``labels.jsonl``): the
    verdict, and for a wrong or missing number the ids a user should be offered. ``design``:
    four essays whose failures this round's checker changes were made on; ``held_out``: five
    written after those changes, by another session.
    """
    index = open_index()
    labels = read_jsonl(USER_TEST / "labels.jsonl")
    by_essay: dict[str, list[dict[str, Any]]] = {}
    for row in labels:
        by_essay.setdefault(row["essay"], []).append(row)
    sets: dict[str, dict[str, Any]] = {}
    for name, rows in by_essay.items():
        text = (USER_TEST / name).read_text(encoding="utf-8")
        checked = essay.check_essay(text, index).citations
        if [c.cited for c in checked] != [r["cited"] for r in rows]:
            raise ValueError(f"{USER_TEST / name}: its citations no longer match labels.jsonl")
        for c, r in zip(checked, rows, strict=True):
            out = sets.setdefault(
                r["set"],
                {"citations": 0, "verdicts_right": 0, "suggestions": 0, "suggestions_right": 0}
                | {"wrong": []},
            )
            out["citations"] += 1
            ok = c.verdict == r["verdict"]
            out["verdicts_right"] += ok
            if r["expected_suggested"]:
                out["suggestions"] += 1
                good = ok and bool(c.suggested) and c.suggested[0] in r["expected_suggested"]
                out["suggestions_right"] += good
                ok = ok and good
            if not ok:
                out["wrong"].append(
                    {
                        "case": r["case"],
                        "cited": r["cited"],
                        "expected": r["verdict"],
                        "expected_suggested": r["expected_suggested"],
                        "got": c.verdict,
                        "suggested": list(c.suggested),
                    }
                )
    return sets


def timing_2500_words() -> float:
    """Seconds to check a 2,500-word essay with 30 citations (warm)."""
    sample = (DATA / "essay_sample.md").read_text(encoding="utf-8")
    words = sample.split()
    text = " ".join((words * (2500 // len(words) + 1))[:2500])
    extra = " ".join(f"As the framework notes (NPQSL 4.{i % 20 + 1})." for i in range(16))
    index = open_index()
    essay.check_essay(text[:2000], index)  # warm up
    t = time.perf_counter()
    report = essay.check_essay(text + " " + extra, index)
    elapsed = time.perf_counter() - t
    assert len(report.citations) >= 30, len(report.citations)
    return elapsed


def write_report(
    split: str,
    summary: dict[str, Any],
    seconds: float,
    out_dir: Path = REPORTS,
    sentences: dict[str, Any] | None = None,
    comparisons: dict[str, Any] | None = None,
    user_test: dict[str, Any] | None = None,
    reworded: dict[str, Any] | None = None,
) -> Path:
    """eval/reports/citations.md and .json (written atomically)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Citation checker",
        "",
        f"Split: **{split}** of eval/data/citation_cases.jsonl ({summary['cases']} cases). "
        "Thresholds chosen on the dev split (`python -m eval.citations --sweep`).",
        "",
        f"Verdict accuracy: **{summary['accuracy']:.3f}**; suggestion right (first suggested id is "
        "an expected one) for wrong_number/nonexistent/ambiguous: "
        f"{summary['suggestion_accuracy']:.3f}",
        "",
        "| verdict | cases | accuracy |",
        "|---|---|---|",
    ]
    for v, d in summary["per_verdict"].items():
        lines.append(f"| {v} | {d['n']} | {d['accuracy']:.3f} |")
    lines += ["", "| slip | cases | accuracy |", "|---|---|---|"]
    for s, d in summary["per_slip"].items():
        lines.append(f"| {s} | {d['n']} | {d['accuracy']:.3f} |")
    lines += [
        "",
        "Errors (expected->got): "
        + ", ".join(f"{k} ×{v}" for k, v in summary["confusion"].items()),
        "",
    ]
    lines.append(
        f"Checking a 2,500-word essay with 30+ citations (warm, 2 cores): **{seconds:.2f} s**"
    )
    if sentences:
        n = sentences["sentences"]
        r, w = sentences["correct_cited"], sentences["wrong_cited"]
        lines += [
            "",
            f"## Essay sentences cited right and wrong ({n})",
            "",
            "The essay sentences of the retrieval and blind question sets (written by tutors, each "
            "with the statements it needs), cited with their first relevant id, then with another "
            "statement of the same framework area (random, seeded by the question id). Dev and "
            "test questions alike: the checker's rules were set on the citation cases' dev split "
            "and on the dev and blind sentences here.",
            "",
            "| cited | n | supported | wrong_number | unsupported | suggestion right |",
            "|---|---:|---:|---:|---:|---:|",
            f"| a relevant id | {n} | {r.get('supported', 0)} | **{r.get('wrong_number', 0)}** "
            f"| {r.get('unsupported', 0)} | — |",
            f"| another id of its area | {n} | {w.get('supported', 0)} "
            f"| {w.get('wrong_number', 0)} "
            f"| {w.get('unsupported', 0)} | {sentences['wrong_cited_suggestion_right']} |",
            "",
            "A correct citation called a wrong number is the worst error here: the user would "
            "replace a right number with the suggested one.",
        ]
    if comparisons:
        lines += [
            "",
            "## Comparisons turned around (`eval/data/comparison_cases.jsonl`)",
            "",
            '"What the time is used for is more important than the amount" [NPQEL 6.4] cited '
            'for "focus on the amount of time rather than how it is used": no negation to '
            'catch. Each case cites one of the frameworks\' comparisons ("more important than", '
            '"rather than", "more evidence … than", "prioritising … rather than") turned '
            "around (unsupported) or kept in other words (supported). The rule that reads them "
            "(`assistant/essay.py`, `reverses`) was written on the design cases; the held-out "
            "ones were written before its first run (before the rule: 6 of 12 right, the 6 "
            "supported ones).",
            "",
            "| set | turned around, caught | kept, supported |",
            "|---|---:|---:|",
        ]
        for name, cells in comparisons.items():
            u, k = cells.get("unsupported", [0, 0]), cells.get("supported", [0, 0])
            lines.append(f"| {name} | {u[0]} of {u[1]} | {k[0]} of {k[1]} |")
    if reworded:
        kinds = sorted({k for cells in reworded.values() for k in cells})
        lines += [
            "",
            "## Statements turned around in other words (`eval/data/reworded_cases.jsonl`)",
            "",
            '"Working with parents is straightforward and needs only a single information '
            'evening" cited to NPQSL 9.5 ("…can be challenging, and is likely to require '
            'sustained effort") has no negation to catch. Two sessions blind to the checker '
            "each wrote a set of sentences citing one statement: turned around in other words "
            "(antonyms, a reversed direction, priority or comparison), kept in other words "
            '(half of them with words that only look like a reversal: "far from simple", '
            '"rather than a one-off"), negated, and overclaimed. The pairs of opposite words '
            "(`assistant/opposites.py`) were written before either set was read. Before them: "
            "`first` 74 of 110 right (17 of 40 turned around caught, 30 of 40 kept supported); "
            "their first run on it, 75 (18 of 40); after changes made on it, `second` at its "
            "first run (held out): 93 of 120 against 88 before (turned around 26 against 22 of "
            "40, kept 29 against 28 of 40, none newly doubted). Two pairs were added on "
            "`second` since, so both are design sets now.",
            "",
            "| set | " + " | ".join(kinds) + " |",
            "|---|" + "---:|" * len(kinds),
        ]
        for name, cells in reworded.items():
            row = [f"{cells[k][0]} of {cells[k][1]}" if k in cells else "—" for k in kinds]
            lines.append(f"| {name} | " + " | ".join(row) + " |")
    if user_test:
        lines += [
            "",
            "## Essays from user tests (`eval/data/user_test_essays/`)",
            "",
            "Assessment-style essays of about 400–500 words with citations in the spellings "
            'users write ("(DfE, 2020, NPQSL 4.9)", "NPQ SL 4.20", "NPQSL Behaviour 11", '
            '"(NPQSL 8.7, 8.8)"), written by sessions that saw only the statements and the '
            "tool, mixing right citations, neighbours, other frameworks' numbers, missing ids, "
            "contradictions and loose paraphrases, each labelled by its writer. `design`: four "
            "essays whose failures the sixteenth round's checker changes were made on (the "
            "checker before them: 42 of 51 verdicts right, 13 of 16 suggestions). `held_out`: "
            "five essays written after those changes by another session: the checker before "
            "the round got 46 of 68 verdicts right (15 of 19 suggestions), at its first run on "
            "them 58 of 68 (18 of 19). Three of its failures were then fixed (a citation "
            'checked against its own part of a sentence that cites two, "never a substitute '
            'for", "not always"), so its numbers below are no longer held out. `third` (75 '
            "citations, seventeenth round): 68 of 75 verdicts and 17 of 22 suggestions at its "
            "first run, before the changes made on its failures. `fourth` (79): written after "
            "those, blind to them: 71 of 79 and 16 of 20 at its first run (held out); changes "
            "were then made on it too. `fifth` (80), written after those: 76 of 80 and 19 of "
            "20 at its first run (held out); two changes made on it since. `sixth` (86, "
            "twenty-third round), written after those by a session blind to them: 78 of 86 "
            "and 23 of 25 at its first run (held out); none of its five contradictions, each "
            'the statement reversed in other words ("need little guidance", "is '
            'straightforward", "need not consider"), was caught; changes made on it since (a '
            'relative clause saying what the subject is, "need little", "did not need to", '
            "the part up to a citation inside a sentence, a statement holding the sentence's "
            "words as its number): 83. `seventh` (89, twenty-sixth round), five essays by "
            "two sessions that saw only the statements (not the tool): 72 of 89 verdicts and "
            "16 of 23 suggestions at its first run (held out), no wrong number accepted but "
            "nine right citations doubted; changes made on it since (a number off the "
            "sentence's topic sent to the statement that fits, the cited framework's own "
            "wording offered, of two alike the one holding the sentence's words). `eighth` "
            "(90), written by two more sessions blind to those changes: 72 of 90 and 17 of 23 "
            "at its first run (held out), one wrong number accepted (a sentence repeating nine "
            "words of NPQSL 8.12 cited as 8.P5.2); changes made on it since (a near quotation "
            'of another statement, "proved exactly", "solely", settled content, a single '
            "source). `ninth` (87, twenty-seventh round), five essays by a session blind to "
            "the tool and to those changes: 73 of 87 verdicts and 17 of 21 suggestions at its "
            "first run (held out), no wrong number accepted, ten right citations doubted; "
            "changes made on it since (the cited framework's own wording offered when it fits "
            'nearly as well, "without the teacher guiding" against "with appropriate '
            'guidance"). `tenth` (107, twenty-eighth round), six essays by two sessions blind '
            "to the tool and to every change: 81 of 107 verdicts and 22 of 23 suggestions at its "
            "first run (held out), no wrong number accepted, but three contradictions in other "
            'words ("clear-cut and settled" against mixed evidence, "the sheer volume of hours" '
            "against what the time is used for, one simplified worksheet per table against "
            "5.7) and one overclaim passed. `eleventh` (108), six essays by two more sessions "
            "asked to praise what a statement warns against and to turn a ranking round in "
            "each: 84 of 108 and 23 of 23 at its first run (held out), the same as the build "
            "before the round; five wrong claims passed, four of them reversed rankings. "
            "`twelfth` (107, twenty-ninth round), six essays by two more sessions asked to call "
            "a statement's idea a misconception and to turn its reasoning round: 79 of 107 and "
            "23 of 28 at its first run (held out), no wrong number accepted; four "
            "contradictions passed. `thirteenth` (107), six essays by two more sessions asked "
            "for orders turned round, myths and hedged superlatives: 70 of 107 and 19 of 24 at "
            "its first run (held out), no wrong number accepted, but ten wrong claims passed "
            "and six right numbers were called wrong. `fourteenth` (106, thirtieth round), six "
            "essays by two more sessions asked for subtle contradictions in other words: 73 of "
            "106 and 18 of 22 at its first run (held out), one wrong number accepted (a "
            "neighbour on the same topic) and four wrong claims passed. `fifteenth` (107), six "
            "essays by two more sessions asked for right citations told through what happened "
            "at the writer's school, neighbours on the same topic and lapses looked back on, "
            "after every change of the round: 77 of 107 and 23 of 24 at its first run (held "
            "out), the same as the build before the round; no wrong number accepted, three wrong "
            "claims passed and eight right numbers were called wrong. `sixteenth` (107, "
            "thirty-first round), six essays by two more sessions blind to the tool: 84 of 107 "
            "and 24 of 25 at its first run (held out); no wrong number accepted and no right "
            "number called wrong, but four wrong claims passed (three contradictions in other "
            "words, one overclaim). `seventeenth` (106), six essays by two more sessions after "
            "the round's changes, asked for right citations told through what happened at "
            "school, rankings turned round and claims played down: 63 of 106 and 18 of 20 at "
            "its first run (held out); no wrong number accepted, three wrong claims passed, two "
            "right numbers called wrong and 38 right citations doubted. `eighteenth` (108, "
            "thirty-second round), six essays by two more sessions blind to the tool: 84 of 108 "
            "and 25 of 26 at its first run (held out); no wrong number accepted, one wrong claim "
            "passed and one right number called wrong. `nineteenth` (107), six essays by two "
            "more sessions after the round's changes: 80 of 107 and 21 of 24 at its first run "
            "(held out); no wrong number accepted, two contradictions passed and four right "
            "numbers called wrong. `twentieth` (107, thirty-third round), six essays by two "
            "more sessions blind to the tool: 78 of 107 and 19 of 23 at its first run (held "
            "out); no wrong number accepted, two wrong claims passed and three right numbers "
            "called wrong. `twentyfirst` (108), six essays by two more sessions after the "
            "round's first changes, asked for right citations told through what happened and "
            "rankings turned round: 75 of 108 and 20 of 22 at its first run (held out); no "
            "wrong number accepted, two contradictions passed and two right numbers called "
            "wrong. "
            "Every set's first run is in "
            "`eval/reports/ablations.md`.",
            "",
            "| set | citations | verdicts right | first suggestion right |",
            "|---|---:|---:|---:|",
        ]
        for name, u in user_test.items():
            lines.append(
                f"| {name} | {u['citations']} | {u['verdicts_right']} "
                f"| {u['suggestions_right']} of {u['suggestions']} |"
            )
        wrong = [(name, w) for name, u in user_test.items() for w in u["wrong"]]
        if wrong:
            lines += ["", "| set | case | cited | expected | got |", "|---|---|---|---|---|"]
            for name, w in wrong:
                exp = w["expected"] + (
                    f" ({', '.join(w['expected_suggested'])})" if w["expected_suggested"] else ""
                )
                got = w["got"] + (f" ({', '.join(w['suggested'])})" if w["suggested"] else "")
                lines.append(f"| {name} | {w['case']} | {w['cited']} | {exp} | {got} |")
    lines += ["", "![accuracy per verdict and slip](citations.png)"]
    _plot(summary, out_dir / "citations.png")
    path = out_dir / "citations.md"
    for p, text in (
        (path, "\n".join(lines) + "\n"),
        (
            out_dir / "citations.json",
            json.dumps(
                {
                    "split": split,
                    **summary,
                    "seconds_2500_words": seconds,
                    "essay_sentences": sentences,
                    "comparisons": comparisons,
                    "user_test": user_test,
                },
                indent=1,
            ),
        ),
    ):
        fd, tmp = tempfile.mkstemp(dir=out_dir, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, p)
    return path


def _plot(summary: dict[str, Any], path: Path) -> None:
    """Bar charts of accuracy per verdict and per slip (written atomically)."""
    plt = pyplot()

    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
    for ax, key, title in (
        (axes[0], "per_verdict", "accuracy per verdict"),
        (axes[1], "per_slip", "accuracy per slip"),
    ):
        names = list(summary[key])
        vals = [summary[key][n]["accuracy"] for n in names]
        bars = ax.bar(names, vals, color="#3b7dd8")
        ax.bar_label(
            bars,
            labels=[
                f"{v:.2f}\n(n={summary[key][n]['n']})" for v, n in zip(vals, names, strict=True)
            ],
            fontsize=7,
        )
        ax.set_ylim(0, 1.2)
        ax.set_title(title)
        ax.tick_params(axis="x", rotation=25, labelsize=8)
    fig.suptitle(f"Citation checker, {summary['cases']} cases, accuracy {summary['accuracy']:.3f}")
    fig.tight_layout()
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".png")
    os.close(fd)
    fig.savefig(tmp, dpi=110)
    plt.close(fig)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation (or the threshold sweep) and print the summary."""
    ap = argparse.ArgumentParser(prog="python -m eval.citations")
    ap.add_argument("--split", default="test")
    ap.add_argument("--sweep", action="store_true")
    args = ap.parse_args(argv)
    cases = [
        c for c in read_jsonl(DATA / "citation_cases.jsonl") if args.split in ("all", c["split"])
    ]
    if args.sweep:
        dev = [c for c in read_jsonl(DATA / "citation_cases.jsonl") if c["split"] == "dev"]
        results = []
        grid = itertools.product(
            (0.4, 0.45, 0.5, 0.55), (0.3, 0.4), (0.05, 0.1, 0.15), (0.5, 0.55, 0.6, 0.65)
        )
        for sup, weak, margin, wmin in grid:
            essay.SUPPORT_COSINE, essay.WEAK_COSINE = sup, weak
            essay.WRONG_NUMBER_MARGIN, essay.WRONG_NUMBER_MIN = margin, wmin
            s = summarise(run_cases(dev))
            results.append((s["accuracy"], sup, weak, margin, wmin))
        for acc, sup, weak, margin, wmin in sorted(results, reverse=True)[:8]:
            print(f"acc {acc:.3f}  SUPPORT={sup} WEAK={weak} MARGIN={margin} WRONG_MIN={wmin}")
        return 0
    summary = summarise(run_cases(cases))
    seconds = timing_2500_words()
    sentences = essay_sentence_cases()
    path = write_report(
        args.split,
        summary,
        seconds,
        sentences=sentences,
        comparisons=comparison_cases(),
        user_test=user_test_essays(),
        reworded=reworded_cases(),
    )
    print(json.dumps(summary, indent=1))
    print(f"2,500 words: {seconds:.2f}s; report: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
