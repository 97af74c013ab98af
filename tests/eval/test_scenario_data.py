"""The scenario set is well formed against the parsed store, and its report counts every id."""

from __future__ import annotations

from collections import Counter

from eval.common import read_jsonl
from eval.scenarios import DEPTH, SCENARIO_FILE, band_of, rank_bands, run_scenario_eval
from index.search import SearchIndex, frameworks_in_question
from ingest.ids import frameworks_named


def test_scenario_questions_are_well_formed(search_index: SearchIndex) -> None:
    rows = read_jsonl(SCENARIO_FILE)
    assert [r["qid"] for r in rows] == [f"s{i:03d}" for i in range(1, 81)]
    assert len({r["question"].lower() for r in rows}) == 80
    assert Counter(r["assessor"] for r in rows) == {"A": 40, "B": 40}
    assert len({r["area"] for r in rows}) == 10
    for r in rows:
        q = r["question"]
        assert 15 <= len(q.split()) <= 70, q
        # Scenarios name no framework, so every framework's statement is relevant.
        assert not frameworks_named(q) and not frameworks_in_question(q), q
        assert 1 <= len(r["relevant"]) <= 7, r["qid"]
        for sid in r["relevant"]:
            s = search_index.get(sid)
            assert s is not None and s.kind != "provider_section", (r["qid"], sid)
            missing = set(s.same_as) - set(r["relevant"])
            assert not missing, f"{r['qid']}: {sid} is identical to {missing}, not listed"


def test_rank_bands() -> None:
    assert [band_of(n) for n in (1, 5, 6, 10, 11, 20, 21, DEPTH, DEPTH + 1)] == [
        "1-5",
        "1-5",
        "6-10",
        "6-10",
        "11-20",
        "11-20",
        "21-40",
        "21-40",
        "not in top 40",
    ]
    gold = {"a": {"x", "y"}, "b": {"z"}}
    ranked = {"a": ["p"] * 6 + ["y"], "b": ["z"]}
    assert rank_bands(gold, ranked) == {
        "1-5": 1,
        "6-10": 1,
        "11-20": 0,
        "21-40": 0,
        "not in top 40": 1,
    }


def test_scenario_eval_counts_every_question(monkeypatch, search_index: SearchIndex) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("eval.scenarios.open_index", lambda: search_index)
    res = run_scenario_eval()
    assert res["questions"] == 80
    by_set = res["by_set"]
    assert [int(m["queries"]) for m in by_set.values()] == [80, 20, 20]
    rows = read_jsonl(SCENARIO_FILE)
    assert sum(by_set["scenario set"]["bands"].values()) == sum(len(r["relevant"]) for r in rows)
    assert sum(int(m["queries"]) for m in res["by_area"].values()) == 80
    # What the report claims: most relevant statements are found, a fifth not in the top 40.
    m = by_set["scenario set"]
    assert 0.5 <= m["recall@5"] < m["recall@20"]
    assert m["bands"]["1-5"] > m["bands"]["not in top 40"]
