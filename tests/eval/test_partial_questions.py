"""The partly covered questions (eval/data/partial_questions.jsonl): the file, and the numbers
eval/reports/ablations.md (seventeenth round) quotes for the loose-cover warning."""

from __future__ import annotations

import re

import pytest

from eval.common import read_jsonl
from eval.partial import PARTIAL_FILE, partial_cover
from index.search import SearchIndex
from index.store import tokenize

pytestmark = pytest.mark.slow


def test_the_file_is_well_formed_and_its_unmentioned_words_are_in_no_statement(
    search_index: SearchIndex,
) -> None:
    rows = read_jsonl(PARTIAL_FILE)
    assert len(rows) == 130
    assert len({r["qid"] for r in rows}) == 130
    assert {(r["set"], r["group"]) for r in rows} == {
        (s, g) for s in ("design", "held_out") for g in ("partial", "uncovered", "covered")
    }
    framework_text = " ".join(
        f"{s.title} {s.text}".lower()
        for s in search_index.statements
        if s.kind != "provider_section"
    )
    words = set(tokenize(framework_text))
    for r in rows:
        assert all(i in search_index.by_id for i in r["bearing"]), r["qid"]
        if r["group"] == "covered":
            assert not r["unmentioned"] and r["bearing"], r["qid"]
        if r["group"] == "uncovered":
            assert not r["bearing"], r["qid"]
        if r["group"] == "partial":
            assert r["unmentioned"] and r["bearing"], r["qid"]
            # Each unmentioned phrase: not said as a whole anywhere in the frameworks, and at
            # least one of its words in no statement at all.
            for phrase in r["unmentioned"]:
                assert not re.search(rf"\b{re.escape(phrase.lower())}\b", framework_text), phrase
                assert set(tokenize(phrase)) - words or len(tokenize(phrase)) > 1, phrase


def test_loose_cover_on_the_partly_covered_questions(search_index: SearchIndex) -> None:
    res = partial_cover(search_index)
    design, held = res["design"], res["held_out"]
    # Uncovered questions stay not covered.
    assert design["uncovered"]["not_covered"] == 15
    assert held["uncovered"]["not_covered"] >= 11
    # Of the partly covered questions judged in scope, a share is warned about; of the covered
    # ones, few (design 11 of 27 vs 1 of 19; held out 8 of 19 vs 2 of 17, then 7 of 19 once
    # the DfE frameworks' introductions were indexed: "Does anything in the NPQs support a
    # restorative conversation…" has an introduction section third, naming the NPQs; design
    # 10 once pupils in sets were read as grouping by attainment: "whether to set Year 7 maths
    # or keep mixed-ability classes" finds NPQSL 5.P4.2 on groups based on attainment).
    for part, (warned, plain_covered) in ((design, (10, 1)), (held, (7, 2))):
        assert part["partial"]["loose"] >= warned
        assert part["covered"]["loose"] <= plain_covered
        assert part["covered"]["plain"] >= part["covered"]["questions"] - 3
