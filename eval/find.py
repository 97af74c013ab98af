"""The evidence finder ("paste a paragraph, get the statements that support it"), measured.

Questions: the essay sentences of ``eval/data/retrieval_questions.jsonl`` (kind ``essay``), each
with the statements a tutor would cite for it. For each, `assistant.essay.find_evidence` lists
its supports (three per sentence, each with its identical twins), and the ids it lists, in
order, are scored like a ranking. Next to it, the same supports taken from the sentence's
embedding alone (how the finder chose them before it used the hybrid search). Also: how often
a support labelled strong / partial / weak is one of the relevant ids, and the time to go
through a 2,500-word essay.

    npq eval find [--split test|dev|all]

Writes ``eval/reports/find.md``, ``find.json`` and ``find.png``.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant import essay
from eval.common import DATA, gold_ids, open_index, pyplot, questions, read_jsonl, save_report
from eval.metrics import retrieval_metrics
from index.search import SearchIndex

SYSTEMS = ("find evidence", "sentence embedding alone")
STRENGTHS = ("strong", "partial", "weak")
KS = (1, 3, 5, 10)


def _embedding_only(text: str, index: SearchIndex, per_sentence: int = 3) -> list[str]:
    """Ids the finder listed when it ranked statements by the sentence's embedding alone."""
    sim = essay._Similarity(index)
    ids: list[str] = []
    sentences = [s for s in essay.split_sentences(text) if essay.is_claim(s.text)]
    for vec in sim.encode([s.text for s in sentences]):
        groups = 0
        for s, _cos in sim.best(vec, 12):
            twins = essay._with_twins(index, s)
            if twins[0] in ids:
                continue
            ids += [i for i in twins if i not in ids]
            groups += 1
            if groups >= per_sentence:
                break
    return ids


def run_find_eval(split: str = "test") -> dict[str, Any]:
    """Recall of the finder's supports, their labels' precision, and its speed."""
    index = open_index()
    qs = [q for q in questions(split) if q["kind"] == "essay"]
    gold = {q["qid"]: gold_ids(q, index) for q in qs}
    ranked: dict[str, dict[str, list[str]]] = {name: {} for name in SYSTEMS}
    labels = {s: {"supports": 0, "relevant": 0} for s in STRENGTHS}
    for q in qs:
        found = essay.find_evidence(q["question"], index)
        ids: list[str] = []
        for f in found:
            for sup in f.supports:
                ids += [i for i in sup.ids if i not in ids]
                labels[sup.strength]["supports"] += 1
                labels[sup.strength]["relevant"] += bool(set(sup.ids) & gold[q["qid"]])
        ranked["find evidence"][q["qid"]] = ids
        ranked["sentence embedding alone"][q["qid"]] = _embedding_only(q["question"], index)
    sample = (DATA / "essay_sample.md").read_text(encoding="utf-8").split()
    long_text = " ".join((sample * (2500 // len(sample) + 1))[:2500])
    essay.find_evidence(long_text[:2000], index)  # warm
    t0 = time.perf_counter()
    found_long = essay.find_evidence(long_text, index)
    seconds = time.perf_counter() - t0
    return {
        "split": split,
        "questions": len(qs),
        "systems": {name: retrieval_metrics(gold, ranked[name], KS) for name in SYSTEMS},
        "labels": labels,
        "seconds_2500_words": seconds,
        "sentences_2500_words": len(found_long),
        "ranked": ranked,
        "user_tests": [find_user_test(index, t) for t in USER_TESTS],
    }


USER_TEST = DATA / "find_user_test"


@dataclass(frozen=True)
class FindUserTest:
    """A blind tester's uncited paragraphs, labelled per sentence, and the finder's first run."""

    folder: Path
    about: str
    first_run: dict[str, int]


USER_TESTS: tuple[FindUserTest, ...] = (
    FindUserTest(
        USER_TEST,
        "the twenty-sixth round",
        # Its first run (2026-11-25, commit e32d759 with the files added), before the changes
        # it led to.
        {
            "first_right": 18,
            "listed": 19,
            "strong_right": 13,
            "contradicted_strong": 1,
            "narrative_strong": 2,
        },
    ),
    FindUserTest(
        DATA / "find_user_test2",
        "the twenty-seventh round, another tester",
        # First run: commit c73bd68 with the files added.
        {
            "first_right": 20,
            "listed": 21,
            "strong_right": 15,
            "contradicted_strong": 0,
            "narrative_strong": 0,
        },
    ),
    FindUserTest(
        DATA / "find_user_test3",
        "the twenty-eighth round, a third tester",
        # First run: commit 1bffb33, the files not yet added.
        {
            "first_right": 12,
            "listed": 17,
            "strong_right": 8,
            "contradicted_strong": 0,
            "narrative_strong": 0,
        },
    ),
    FindUserTest(
        DATA / "find_user_test4",
        "the twenty-ninth round, a fourth tester",
        # First run: commit b80f469, the files not yet added.
        {
            "first_right": 20,
            "listed": 20,
            "strong_right": 17,
            "contradicted_strong": 0,
            "narrative_strong": 1,
        },
    ),
    FindUserTest(
        DATA / "find_user_test5",
        "the thirtieth round, a fifth tester",
        # First run: the round's build with the files not yet added.
        {
            "first_right": 17,
            "listed": 18,
            "strong_right": 9,
            "contradicted_strong": 1,
            "narrative_strong": 1,
        },
    ),
    FindUserTest(
        DATA / "find_user_test6",
        "the thirtieth round, a sixth tester, after the round's changes",
        # First run: the round's last build, the files not yet added; the build before the
        # round (commit fe665a5) gives the same.
        {
            "first_right": 18,
            "listed": 19,
            "strong_right": 10,
            "contradicted_strong": 1,
            "narrative_strong": 0,
        },
    ),
    FindUserTest(
        DATA / "find_user_test7",
        "the thirty-first round, a seventh tester",
        # First run: the round's build after its first three commits (e1bc619), the files not
        # yet added.
        {
            "first_right": 17,
            "listed": 17,
            "strong_right": 10,
            "contradicted_strong": 2,
            "narrative_strong": 0,
        },
    ),
    FindUserTest(
        DATA / "find_user_test8",
        "the thirty-second round, an eighth tester",
        # First run: the thirty-first round's final build (4ff7994), the files not yet added.
        {
            "first_right": 24,
            "listed": 24,
            "strong_right": 19,
            "contradicted_strong": 2,
            "narrative_strong": 0,
        },
    ),
    FindUserTest(
        DATA / "find_user_test9",
        "the thirty-third round, a ninth tester",
        # First run: the thirty-second round's final build (d201bba), the files not yet added.
        {
            "first_right": 20,
            "listed": 22,
            "strong_right": 10,
            "contradicted_strong": 1,
            "narrative_strong": 0,
        },
    ),
)


def find_user_test(index: SearchIndex, test: FindUserTest = USER_TESTS[0]) -> dict[str, Any]:
    """Find evidence on uncited essay paragraphs a blind tester wrote and labelled.

    ``eval/data/find_user_test``: per sentence the statements a tutor would accept
    (``supports``) and those it contradicts or overclaims (``contradicts``), and its kind
    (support, two_claims, contradiction, overclaim, narrative). Counts: claims whose first
    listed support is a right one, with a right one listed at all, with a right one labelled
    strong; contradictions and overclaims whose contradicted statement is labelled strong (the
    failure that invites a wrong citation); narrative sentences given a strong support.
    """
    rows = read_jsonl(test.folder / "labels.jsonl")
    found: dict[str, list[tuple[set[str], str]]] = {}
    for n in sorted({r["paragraph"] for r in rows}):
        text = (test.folder / f"paragraph_{n}.txt").read_text(encoding="utf-8")
        for f in essay.find_evidence(text, index, every_sentence=True):
            found[" ".join(f.sentence.text.split())] = [
                (set(s.ids), s.strength) for s in f.supports
            ]
    out: dict[str, int] = dict.fromkeys(
        (
            "claims",
            "first_right",
            "listed",
            "strong_right",
            "contradictions",
            "contradicted_strong",
            "narrative",
            "narrative_strong",
        ),
        0,
    )
    out["sentences"] = len(rows)
    for r in rows:
        supports = found[" ".join(r["sentence"].split())]  # a KeyError: the text was edited
        right, against = set(r["supports"]), set(r["contradicts"])
        if r["kind"] in ("support", "two_claims"):
            out["claims"] += 1
            out["first_right"] += bool(supports and supports[0][0] & right)
            out["listed"] += any(ids & right for ids, _ in supports)
            out["strong_right"] += any(ids & right and st == "strong" for ids, st in supports)
        elif r["kind"] in ("contradiction", "overclaim"):
            out["contradictions"] += 1
            out["contradicted_strong"] += any(
                ids & against and st == "strong" for ids, st in supports
            )
        else:
            out["narrative"] += 1
            out["narrative_strong"] += any(st == "strong" for _, st in supports)
    return {**out, "first_run": test.first_run, "folder": test.folder.name, "about": test.about}


def write_report(results: dict[str, Any]) -> str:
    """Markdown report and bar chart under eval/reports/."""
    plt = pyplot()

    systems = results["systems"]
    lines = [
        "# Find evidence",
        "",
        f"`npq eval find --split {results['split']}`: the {results['questions']} essay "
        "sentences of the retrieval set's split; the ids the finder lists (three supports per "
        "sentence, each with its identical twins), in order, scored as a ranking.",
        "",
        "| supports from | recall@1 | recall@3 | recall@5 | MRR@10 |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {name} | {m['recall@1']:.3f} | {m['recall@3']:.3f} | {m['recall@5']:.3f} "
        f"| {m['mrr@10']:.3f} |"
        for name, m in systems.items()
    ]
    lines += [
        "",
        "How often a support with each label is one the question's tutor cited:",
        "",
        "| label | supports | relevant | share |",
        "|---|---:|---:|---:|",
    ]
    for label, c in results["labels"].items():
        share = c["relevant"] / c["supports"] if c["supports"] else 0.0
        lines.append(f"| {label} | {c['supports']} | {c['relevant']} | {share:.2f} |")
    for u in results.get("user_tests", []):
        first = u["first_run"]
        lines += [
            "",
            f"## A blind test: uncited paragraphs (`eval/data/{u['folder']}`, {u['about']})",
            "",
            f"Six essay paragraphs ({u['sentences']} sentences) written by a tester who saw only "
            "the statements, each sentence labelled with the statements a tutor would accept "
            "and those it contradicts or overclaims. First run, held out, then this build:",
            "",
            "| measure | first run | now |",
            "|---|---:|---:|",
            f"| claims whose first support is a right one | {first['first_right']} of "
            f"{u['claims']} | {u['first_right']} of {u['claims']} |",
            f"| claims with a right support listed | {first['listed']} | {u['listed']} |",
            f"| claims with a right support labelled strong | {first['strong_right']} "
            f"| {u['strong_right']} |",
            f"| contradictions and overclaims whose statement is labelled strong (of "
            f"{u['contradictions']}) | {first['contradicted_strong']} "
            f"| {u['contradicted_strong']} |",
            f"| narrative sentences given a strong support (of {u['narrative']}) "
            f"| {first['narrative_strong']} | {u['narrative_strong']} |",
        ]
    lines += [
        "",
        f"A 2,500-word essay ({results['sentences_2500_words']} sentences making a claim), "
        f"warm, 2 cores: **{results['seconds_2500_words']:.2f} s**.",
        "",
        "![recall of the finder](find.png)",
    ]
    text = "\n".join(lines) + "\n"

    fig, ax = plt.subplots(figsize=(6, 3.2))
    metrics = ("recall@1", "recall@3", "recall@5", "mrr@10")
    width = 0.38
    for i, (name, colour) in enumerate(zip(SYSTEMS, ("#2563eb", "#9ca3af"), strict=True)):
        xs = [j + (i - 0.5) * width for j in range(len(metrics))]
        bars = ax.bar(xs, [systems[name][m] for m in metrics], width, label=name, color=colour)
        ax.bar_label(bars, fmt="%.2f", fontsize=7)
    ax.set_xticks(range(len(metrics)), metrics, fontsize=8)
    ax.set_ylim(0, 1.12)
    ax.legend(fontsize=7, loc="lower right")
    ax.set_title(f"Find evidence on essay sentences ({results['split']} split)", fontsize=10)
    save_report("find", text, results, fig)
    return text


def main(argv: list[str] | None = None) -> int:
    """``npq eval find``."""
    ap = argparse.ArgumentParser(prog="npq eval find")
    ap.add_argument("--split", default="test", choices=("dev", "test", "all"))
    args = ap.parse_args(argv)
    print(write_report(run_find_eval(args.split)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
