"""The course-question set is well formed, and its pages are the corpus's provider sections."""

from __future__ import annotations

from collections import Counter

from eval.common import read_jsonl
from eval.course import COURSE_FILE, run_course_eval
from index.search import SearchIndex


def test_course_questions_are_well_formed(search_index: SearchIndex) -> None:
    rows = read_jsonl(COURSE_FILE)
    assert Counter(r["group"] for r in rows) == {"course": 70, "framework": 50, "out_of_scope": 30}
    assert len({r["text"].lower() for r in rows}) == len(rows)
    for r in rows:
        if r["group"] == "course":
            assert r["relevant"], r["text"]
            for sid in r["relevant"]:
                s = search_index.get(sid)
                assert s is not None and s.kind == "provider_section", sid
        else:
            assert r["relevant"] == [], r["text"]


def test_course_eval_counts_every_group(monkeypatch, search_index: SearchIndex) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("eval.course.open_index", lambda: search_index)
    res = run_course_eval()
    assert res["questions"] == 150
    assert {g: c["n"] for g, c in res["counts"].items()} == {
        "course": 70,
        "framework": 50,
        "out_of_scope": 30,
    }
    worded, unworded = res["by_wording"].values()
    assert worded["queries"] + unworded["queries"] == 70
    # What the report claims: most course questions find their page; framework ones rarely
    # see a provider page, and most out-of-scope ones are flagged.
    assert res["course"]["recall@5"] >= 0.7
    assert res["counts"]["framework"]["provider_top5"] <= 5
    assert res["counts"]["out_of_scope"]["in_scope"] <= 8
