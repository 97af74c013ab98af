"""The second-opinion judgments of the test split are complete and well formed."""

from __future__ import annotations

import json

from eval.audit import JUDGMENTS, load_judgments
from eval.common import questions


def test_every_judgment_is_a_graded_pair_of_a_test_question() -> None:
    rows = [json.loads(line) for line in JUDGMENTS.read_text(encoding="utf-8").splitlines()]
    test_qids = {q["qid"] for q in questions("test")}
    assert rows and all(r["grade"] in (0, 1, 2) and r["qid"] in test_qids for r in rows)
    pairs = [(r["qid"], r["id"]) for r in rows]
    assert len(pairs) == len(set(pairs))  # each pair graded once


def test_every_original_framework_judgment_was_regraded() -> None:
    grades = load_judgments()
    for q in questions("test"):
        if q["relevant"]:
            assert set(q["relevant"]) <= set(grades[q["qid"]]), q["qid"]
