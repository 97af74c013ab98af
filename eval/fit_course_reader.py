"""Fit the course reader (``index/course_reader.py``) on labelled questions, and check it.

Does a question ask about the course itself (its cost, sessions, assessment, pausing it…) or
about what the frameworks hold? The words (``about_the_course``) read the short, direct forms;
after a scene naming the NPQ, most such questions use words no list holds. The reader is a
logistic regression on the embedding of the question without its NPQ names and without talk of
one's course (``course_reader_text``).

Fitting data, one label per question (`about the course` or not), deduplicated:
``about_course_questions.jsonl``, ``scene_questions.jsonl`` (not its ``blind`` set),
``course_answerability.jsonl`` (all about the course), the course and framework groups of
``course_questions.jsonl``, the dev split, blind, fourth, fifth and scenario sets (provider
questions about the course, the rest not; out-of-scope ones left out), and
``course_reader_questions.jsonl`` (school matters in the course's words, read beside scenes
naming an NPQ). The retrieval test split
and the scene set's ``blind`` part (80 questions written for this, blind to the rules and to the
reader) are never fitted on.

The check is leave-one-set-out: each set is read with a reader fitted without it, through
``about_the_course`` (which asks the reader only for a question naming the NPQ as its subject
and asking nothing of what a framework says). The threshold is the lowest of a grid at which
the reader misreads no content question that the words alone read right; C is 1. The reader
stored is then fitted on everything but the held-out parts.

    python -m eval.fit_course_reader

Writes ``index/data/course_reader.json`` and ``eval/reports/course_reader.{md,json,png}``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from tqdm import tqdm

from eval.common import (
    DATA,
    open_index,
    pyplot,
    questions,
    read_jsonl,
    save_report,
    write_atomic_bytes,
)
from eval.phrasing import DESIGN, HELD_OUT
from index.course_reader import COURSE_READER_PATH, CourseReader
from index.search import SearchIndex, about_the_course, course_reader_text

C = 1.0
# Scenes naming one NPQ, put around every content question of the retrieval set as a check.
NAMED_SCENES = (
    "Doing the NPQSL at the moment and this came up in a session: {q}",
    "I'm on the NPQEL - {q}",
    "{q} This is for my NPQLT module.",
    "Our NPQSL facilitator asked us this: {q}",
    "NPQSL question: {q}",
    "Started the NPQ for senior leadership in September. {q}",
)
THRESHOLDS = (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
Labelled = list[tuple[str, bool]]


def labelled_sets() -> tuple[dict[str, Labelled], dict[str, Labelled]]:
    """The sets fitted on (by name), and those only checked: (text, about the course)."""
    fit: dict[str, Labelled] = {}
    for r in read_jsonl(DATA / "about_course_questions.jsonl"):
        fit.setdefault(f"about-course {r['set']}", []).append((r["text"], r["about_the_course"]))
    checked: dict[str, Labelled] = {}
    for r in read_jsonl(DATA / "scene_questions.jsonl"):
        into = checked if r["set"] == "blind" else fit
        into.setdefault(f"scene {r['set']}", []).append((r["text"], r["about_the_course"]))
    for r in read_jsonl(DATA / "course_answerability.jsonl"):
        fit.setdefault(f"answerability {r['set']}", []).append((r["text"], True))
    fit["course set"] = [
        (r["text"], r["group"] == "course")
        for r in read_jsonl(DATA / "course_questions.jsonl")
        if r["group"] != "out_of_scope"
    ]
    fit["retrieval dev"] = [
        (q["question"], q["kind"] == "provider")
        for q in questions("dev")
        if q["kind"] != "out_of_scope"
    ]
    for name in ("blind", "fourth", "fifth"):
        fit[f"{name} batch"] = [
            (r["question"], r["kind"] == "provider")
            for r in read_jsonl(DATA / f"{name}_questions.jsonl")
            if r["kind"] != "out_of_scope"
        ]
    fit["scenarios"] = [
        (r["question"], False) for r in read_jsonl(DATA / "scenario_questions.jsonl")
    ]
    fit["written for the reader"] = [
        (r["text"], r["about_the_course"])
        for r in read_jsonl(DATA / "course_reader_questions.jsonl")
    ]
    # Checked only: the test split (never fitted on), and the wrappers of the phrasing
    # evaluation around its content questions ("Doing my NPQ and this came up: …").
    test = [q for q in questions("test") if q["kind"] != "out_of_scope"]
    checked["retrieval test"] = [(q["question"], q["kind"] == "provider") for q in test]
    content = [
        q["question"] for q in questions("all") if q["kind"] not in ("provider", "out_of_scope")
    ]
    checked["content questions in chat wrappers"] = [
        (wrap(q), False) for q in content for wrap in (*DESIGN.values(), *HELD_OUT.values())
    ]
    # ...and beside a scene naming one NPQ, which the reader is asked about.
    checked["content questions beside a named NPQ"] = [
        (scene.format(q=q), False) for q in content for scene in NAMED_SCENES
    ]
    # A question some other set shares word for word with the test split (a keyword search,
    # an essay sentence) is not fitted on either.
    unseen = {" ".join(t.lower().split()) for t, _ in checked["retrieval test"]}
    fit = {
        name: [(t, a) for t, a in rows if " ".join(t.lower().split()) not in unseen]
        for name, rows in fit.items()
    }
    return fit, checked


# Written for the reader without an NPQ named (it reads them bare); they are read beside a
# scene naming one, as users write them, since the reader is consulted only then.
READ_BESIDE_A_SCENE = frozenset({"written for the reader"})


def as_read(name: str, rows: Labelled) -> Labelled:
    """The questions of a fitted set as they are read (a set written bare, beside scenes)."""
    if name not in READ_BESIDE_A_SCENE:
        return rows
    return [(scene.format(q=text), about) for text, about in rows for scene in NAMED_SCENES]


class _Reading:
    """``about_the_course`` with a given reader, the question vectors cached by text."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self.vectors: dict[str, np.ndarray] = {}
        self.reader: CourseReader | None = None

    def vector(self, text: str) -> np.ndarray:
        if text not in self.vectors:
            self.vectors[text] = self.index.encoder.encode_queries([text])[0]
        return self.vectors[text]

    def course_like(self, question: str) -> bool:
        """As ``SearchIndex.course_like`` reads it, with this reader."""
        text = course_reader_text(question)
        if not text or self.reader is None:
            return False
        return self.reader.probability(self.vector(text)) >= self.reader.threshold

    def read(self, rows: Labelled, like: Callable[[str], bool] | None) -> dict[str, int]:
        got = [about_the_course(t, like) for t, _ in rows]
        return {
            "course": sum(1 for _, about in rows if about),
            "content": sum(1 for _, about in rows if not about),
            "read": sum(1 for g, (_, about) in zip(got, rows, strict=True) if g and about),
            "misread": sum(1 for g, (_, about) in zip(got, rows, strict=True) if g and not about),
        }


def _fit(x: np.ndarray, y: np.ndarray, encoder: str, threshold: float = 0.5) -> CourseReader:
    """A reader (the stored form, read as search reads it) fitted on ``x``, ``y``."""
    model = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(x, y)
    return CourseReader(
        encoder, model.coef_[0].astype(float), float(model.intercept_[0]), threshold
    )


def run(progress: Callable[[str], None] = print) -> dict[str, Any]:
    """Fit leave-one-set-out, choose the threshold, fit on everything; returns the results."""
    index = open_index()
    fit_sets, checked = labelled_sets()
    seen: set[str] = set()
    texts: list[str] = []
    labels: list[bool] = []
    owner: list[str] = []
    for name, rows in fit_sets.items():
        for text, about in rows:
            key = " ".join(text.lower().split())
            if key in seen:
                continue
            seen.add(key)
            texts.append(text)
            labels.append(about)
            owner.append(name)
    reading = _Reading(index)
    x = np.vstack(
        [
            reading.vector(course_reader_text(t) or t)
            for t in tqdm(texts, desc="encoding", unit="question")
        ]
    )
    y = np.array(labels, dtype=float)
    groups = np.array(owner)
    encoder = index.encoder.name
    left_out = {name: _fit(x[groups != name], y[groups != name], encoder) for name in fit_sets}

    def sweep(threshold: float) -> dict[str, dict[str, int]]:
        out = {}
        for name, rows in fit_sets.items():
            reading.reader = replace(left_out[name], threshold=threshold)
            out[name] = reading.read(as_read(name, rows), reading.course_like)
        return out

    progress("choosing the threshold (each set read by a reader fitted without it)")
    grid = {t: sweep(t) for t in THRESHOLDS}
    words = {name: reading.read(as_read(name, rows), None) for name, rows in fit_sets.items()}
    by_words = sum(r["misread"] for r in words.values())
    clean = [t for t in THRESHOLDS if sum(r["misread"] for r in grid[t].values()) <= by_words]
    threshold = min(clean) if clean else max(THRESHOLDS)
    reader = reading.reader = _fit(x, y, encoder, threshold)
    words |= {name: reading.read(rows, None) for name, rows in checked.items()}
    with_reader = grid[threshold] | {
        name: reading.read(rows, reading.course_like) for name, rows in checked.items()
    }
    write_atomic_bytes(COURSE_READER_PATH, (json.dumps(reader.to_json()) + "\n").encode())
    return {
        "c": C,
        "threshold": threshold,
        "questions_fitted": len(texts),
        "about_the_course_fitted": int(y.sum()),
        "grid": {
            str(t): {
                "read": sum(r["read"] for r in g.values()),
                "misread": sum(r["misread"] for r in g.values()),
            }
            for t, g in grid.items()
        },
        "words": words,
        "with_reader": with_reader,
        "held_out": list(checked),
    }


def report(results: dict[str, Any]) -> str:
    """The Markdown report."""
    lines = [
        "# Reading a question as one about the course itself",
        "",
        "`python -m eval.fit_course_reader`: a logistic regression on the embedding of the "
        "question, its NPQ names and talk of one's course taken out (`index/course_reader.py`), "
        "consulted by `about_the_course` for a question that names the NPQ as its subject and "
        "asks nothing of what a framework says. A question read so is searched in the provider "
        "pages only, and answered from one only if it answers it (`course.md`). Fitted on "
        f"{results['questions_fitted']} labelled questions "
        f"({results['about_the_course_fitted']} about the course), C = {results['c']}.",
        "",
        "Each fitted set is read by a reader fitted **without** it; the sets marked so were "
        "never fitted on (the scene set's `blind` part was written for this, blind to the "
        "rules and the reader; the wrapped content questions are the retrieval set's, whose "
        "dev-split questions are fitted on bare). Course questions read as such, and content "
        "questions misread as course ones (they would lose the frameworks' statements):",
        "",
        "| set | course questions | read, words only | read, with the reader | content questions "
        "| misread, words only | misread, with the reader |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    held = set(results["held_out"])
    names = [n for n in results["words"] if n not in held] + [
        n for n in results["words"] if n in held
    ]
    for name in names:
        w, r = results["words"][name], results["with_reader"][name]
        mark = " (never fitted on)" if name in held else ""
        lines.append(
            f"| {name}{mark} | {w['course']} | {w['read']} | **{r['read']}** | {w['content']} "
            f"| {w['misread']} | **{r['misread']}** |"
        )
    lines += [
        "",
        f"Threshold {results['threshold']}: the lowest of the grid at which the reader misreads "
        "no content question of any fitted set that the words alone read right, each set read "
        "by a reader fitted without it "
        "(read / misread over all fitted sets: "
        + ", ".join(f"{t}: {g['read']} / {g['misread']}" for t, g in results["grid"].items())
        + ").",
        "",
    ]
    return "\n".join(lines)


def figure(results: dict[str, Any]) -> Any:
    """Course questions read, by words only and with the reader, per set."""
    plt = pyplot()
    names = [n for n in results["words"] if results["words"][n]["course"]]
    xs = np.arange(len(names))
    fig, ax = plt.subplots(figsize=(10, 4.4))
    for off, key, label in ((-0.2, "words", "words only"), (0.2, "with_reader", "with the reader")):
        vals = [
            results[key][n]["read"] / results[key][n]["course"] if results[key][n]["course"] else 0
            for n in names
        ]
        bars = ax.bar(xs + off, vals, 0.4, label=label)
        ax.bar_label(bars, fmt="%.2f", fontsize=6)
    misread = sum(results["with_reader"][n]["misread"] for n in results["with_reader"])
    by_words = sum(results["words"][n]["misread"] for n in results["words"])
    ax.set_xticks(xs, names, fontsize=7, rotation=30, ha="right")
    ax.set_ylim(0, 1.25)
    ax.set_ylabel("share of course questions read as such")
    ax.set_title(
        "Questions about the course itself, read as such (content questions misread: "
        f"{by_words} by the words alone, {misread} with the reader)",
        fontsize=10,
    )
    ax.legend(loc="upper right", ncol=2, fontsize=8)
    return fig


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m eval.fit_course_reader", description=__doc__)
    ap.parse_args(argv)
    results = run()
    text = report(results)
    save_report("course_reader", text, results, figure(results))
    print(text)
    print(f"wrote {COURSE_READER_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
