"""The batches written blind are well formed against the parsed store; their reports count all."""

from __future__ import annotations

from collections import Counter

import pytest

from eval.blind import BATCHES, run_blind_eval
from eval.common import DATA, gold_ids, read_jsonl
from index.search import SearchIndex, frameworks_in_question

MIXED = {
    "paraphrase": 24,
    "scenario": 20,
    "essay": 20,
    "keyword": 16,
    "framework_specific": 16,
    "provider": 12,
    "out_of_scope": 12,
}
SCENARIO_HEAVY_TENTH = {
    "scenario": 60,
    "paraphrase": 24,
    "essay": 16,
    "keyword": 10,
    "framework_specific": 10,
}
SCENARIO_HEAVY = {
    "scenario": 50,
    "paraphrase": 30,
    "essay": 16,
    "keyword": 12,
    "framework_specific": 12,
}


@pytest.mark.parametrize(
    ("batch", "prefix", "kinds", "most_ids"),
    [
        ("blind", "b", MIXED, 6),
        ("fourth", "f", MIXED, 6),
        ("fifth", "v", SCENARIO_HEAVY, 6),
        ("sixth", "x", MIXED, 6),
        # Labelled more broadly: another framework's statement in other words is listed too.
        ("seventh", "u", MIXED, 15),
        ("eighth", "e", MIXED, 9),
        ("ninth", "n", MIXED, 15),
        ("tenth", "t", SCENARIO_HEAVY_TENTH, 12),
        ("eleventh", "m", MIXED, 11),
        ("twelfth", "r", MIXED, 10),
        ("thirteenth", "j", MIXED, 10),
        ("fourteenth", "g", MIXED, 10),
        ("fifteenth", "a", MIXED, 10),
        ("sixteenth", "d", MIXED, 9),
        ("seventeenth", "e", MIXED, 12),
        ("eighteenth", "k", MIXED, 9),
        ("nineteenth", "o", MIXED, 9),
        ("twentieth", "p", MIXED, 9),
        ("twentyfirst", "l", MIXED, 12),
        ("twentysecond", "i", MIXED, 9),
        ("twentythird", "aa", MIXED, 12),
    ],
)
def test_blind_questions_are_well_formed(
    search_index: SearchIndex, batch: str, prefix: str, kinds: dict[str, int], most_ids: int
) -> None:
    rows = read_jsonl(DATA / BATCHES[batch].file)
    assert [r["qid"] for r in rows] == [f"{prefix}{i:03d}" for i in range(1, 121)]
    # Both ninth-batch assessors, each blind to the other, searched "instructional coaching";
    # both thirteenth-batch ones "ECT induction rules" and "NPQLT hinge questions".
    # Both sixteenth-batch ones "Nolan principles" and "How much is the international NPQSL?",
    # and both nineteenth-batch ones "NQT induction rules".
    # Both twenty-third-batch ones "mid-lesson checks".
    repeated = {"ninth": 1, "thirteenth": 2, "sixteenth": 2, "nineteenth": 1, "twentythird": 1}.get(
        batch, 0
    )
    assert len({r["question"].lower() for r in rows}) == 120 - repeated
    assert Counter(r["assessor"] for r in rows) == {"A": 60, "B": 60}
    assert Counter(r["kind"] for r in rows) == kinds
    for r in rows:
        if r["kind"] == "provider":
            assert not r["relevant"] and r["relevant_text"], r["qid"]
            # Every phrase lies in exactly one provider section.
            assert gold_ids(r, search_index), r["qid"]
            continue
        if r["kind"] == "out_of_scope":
            assert not r["relevant"] and not r["relevant_text"], r["qid"]
            continue
        assert 1 <= len(r["relevant"]) <= most_ids and not r["relevant_text"], r["qid"]
        named = frameworks_in_question(r["question"])
        for sid in r["relevant"]:
            s = search_index.get(sid)
            assert s is not None and s.kind != "provider_section", (r["qid"], sid)
            if named:
                assert s.framework in named, (r["qid"], sid)
            else:
                missing = set(s.same_as) - set(r["relevant"])
                assert not missing, f"{r['qid']}: {sid} is identical to {missing}, not listed"


def test_blind_eval_counts_every_question(monkeypatch, search_index: SearchIndex) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("eval.blind.open_index", lambda: search_index)
    res = run_blind_eval()
    assert res["questions"] == 120
    assert int(res["overall"]["queries"]) == 108
    assert sum(int(m["queries"]) for m in res["by_kind"].values()) == 108
    assert res["scope"]["oos_queries"] == 12
    # What the report shows: essays and keywords are found, scenarios are the hard kind.
    by_kind = res["by_kind"]
    assert by_kind["scenario"]["recall@5"] < 0.8 < by_kind["essay"]["recall@5"]
    assert all(m["qid"].startswith("b") for m in res["misses"])


def test_fourth_batch_report_compares_with_and_without_the_reranker(
    monkeypatch, search_index: SearchIndex, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from eval import blind

    monkeypatch.setattr("eval.blind.open_index", lambda: search_index)
    written: dict[str, str] = {}
    monkeypatch.setattr(
        "eval.blind.save_report", lambda name, text, results, fig: written.update({name: text})
    )
    res = blind.run_blind_eval("fourth")
    assert res["batch"] == "fourth" and int(res["overall"]["queries"]) == 108
    assert set(res["without_reranker_by_kind"]) == set(res["by_kind"])
    text = blind.write_report(res)
    assert set(written) == {"fourth"}
    assert "| first run, before any change it led to | — | 0.938 |" in text
    assert f"| this build | {res['overall']['recall@1']:.3f} |" in text
    assert "without the re-ranker (the fusion's order)" in text


def test_every_blind_batch_has_its_npq_eval_command() -> None:
    from assistant.cli import BLIND_BATCHES

    assert set(BLIND_BATCHES) == set(BATCHES)
