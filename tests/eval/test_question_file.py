"""`npq eval retrieval --questions FILE`: any gold-format question file, scored like a split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.common import QuestionFileError, load_question_file


def _write(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_ids_in_users_spellings_come_back_canonical(tmp_path: Path, search_index) -> None:
    f = _write(
        tmp_path / "mine.jsonl",
        [
            {"query": "what works for homework?", "relevant": ["NPQ SL 2.5", "[NPQEL 2.5]"]},
            {
                "question": "who pays for it",
                "qid": "p1",
                "relevant_text": [
                    "provider-olp-npqsl-international.txt::NPQSL International costs £1550 plus VAT"
                ],
            },
            {"text": "how do I renew my passport?", "kind": "out_of_scope"},
            {"question": "routines", "relevant": "(NPQSL, 4.9)"},
            {"question": "fees?", "relevant": ["[provider-npqsl-uk#what-does-it-cost]"]},
        ],
    )
    qs = load_question_file(f, search_index)
    assert [q["qid"] for q in qs] == ["line 1", "p1", "line 3", "line 4", "line 5"]
    assert qs[4]["relevant"] == ["provider-npqsl-uk#what-does-it-cost"]
    assert qs[0]["relevant"] == ["NPQSL 2.5", "NPQEL 2.5"]
    assert qs[0]["kind"] == "unlabelled"
    assert qs[3]["relevant"] == ["NPQSL 4.9"]
    assert qs[2]["kind"] == "out_of_scope" and qs[2]["relevant"] == []
    from eval.common import gold_ids

    assert gold_ids(qs[1], search_index) == {"provider-olp-npqsl-international#what-does-it-cost"}


def test_other_names_for_the_fields_are_read(tmp_path: Path, search_index) -> None:
    # A file written elsewhere may call its fields otherwise; read as "qid" and "relevant".
    f = _write(
        tmp_path / "theirs.jsonl",
        [
            {"id": "h1", "query": "behaviour routines", "relevant_ids": ["NPQSL 4.P1.1"]},
            {"query_id": 7, "question": "homework", "gold": ["NPQ SL 2.5"]},
            {"question_id": "h3", "question": "coaching", "expected_ids": "NPQEL 6.P2.1"},
        ],
    )
    qs = load_question_file(f, search_index)
    assert [q["qid"] for q in qs] == ["h1", "7", "h3"]
    assert [q["relevant"] for q in qs] == [["NPQSL 4.P1.1"], ["NPQSL 2.5"], ["NPQEL 6.P2.1"]]
    assert all(q["kind"] == "unlabelled" for q in qs)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"question": "x", "relevant": ["NPQSL 4.99"]}\n', "line 1: relevant id 'NPQSL 4.99'"),
        ('{"question": "x", "relevant": ["NPQH 1.1"]}\n', "line 1: relevant id 'NPQH 1.1'"),
        ('\n{"question": "x"\n', "line 2: not valid JSON"),
        ('["a question"]\n', "line 1: a JSON object is expected, got list"),
        ('{"question": "   "}\n', "line 1: no question"),
        ('{"question": "x", "relevant": [4.9]}\n', "line 1: 'relevant' must be a list of strings"),
        ('{"qid": "a", "question": "x"}\n{"qid": "a", "question": "y"}\n', "line 2: qid 'a'"),
        (
            '{"question": "x", "relevant_text": ["provider-npqsl-uk.txt::no such phrase"]}\n',
            "line 1: relevant_text",
        ),
        ("", "no questions"),
    ],
)
def test_a_bad_file_names_the_file_the_line_and_the_problem(
    tmp_path: Path, search_index, content: str, message: str
) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(QuestionFileError) as err:
        load_question_file(f, search_index)
    assert str(err.value).startswith(str(f))
    assert message in str(err.value)


def test_an_unreadable_file_is_named(tmp_path: Path, search_index) -> None:
    with pytest.raises(QuestionFileError, match="no such file"):
        load_question_file(tmp_path / "missing.jsonl", search_index)
    with pytest.raises(QuestionFileError, match="is a folder"):
        load_question_file(tmp_path, search_index)
    (tmp_path / "latin1.jsonl").write_bytes(b'{"question": "caf\xe9"}\n')
    with pytest.raises(QuestionFileError, match="not UTF-8"):
        load_question_file(tmp_path / "latin1.jsonl", search_index)


def test_the_file_is_scored_against_the_baselines_into_its_own_report(
    tmp_path: Path, search_index, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eval.retrieval as R

    monkeypatch.setattr(R, "open_index", lambda: search_index)
    f = _write(
        tmp_path / "facilitator.jsonl",
        [
            {"question": "NPQSL 4.9", "relevant": ["NPQSL 4.9"]},
            {"question": "does homework help pupils' progress?", "relevant": ["NPQLT 5.11"]},
            {"question": "how do I renew my passport?"},
        ],
    )
    results = R.run_retrieval_eval(questions_file=f)
    ours = results["systems"]["npq-assistant"]
    assert results["questions"] == 3 and results["scored_questions"] == 2
    assert ours["by_batch"] == {}
    assert results["ranked"]["npq-assistant"]["line 1"][0] == "NPQSL 4.9"
    assert results["scope"]["oos_queries"] == 1.0
    out = tmp_path / "reports"
    md = R.write_retrieval_report(results, out)
    assert md.name == "retrieval-facilitator.md"
    assert {p.name for p in out.iterdir()} == {
        "retrieval-facilitator.md",
        "retrieval-facilitator.json",
        "retrieval-facilitator.png",
    }
    text = md.read_text(encoding="utf-8")
    assert f"npq eval retrieval --questions {f}" in text
    assert "By batch" not in text
    assert "](retrieval-facilitator.png)" in text


def test_the_cli_reports_a_bad_file_without_a_traceback(
    tmp_path: Path, search_index, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import eval.retrieval as R
    from assistant.cli import main

    monkeypatch.setattr(R, "open_index", lambda: search_index)
    f = tmp_path / "q.jsonl"
    f.write_text('{"question": "x", "relevant": ["NPQSL 4.99"]}\n', encoding="utf-8")
    assert main(["eval", "retrieval", "--questions", str(f)]) == 2
    err = capsys.readouterr().err
    assert f"{f} line 1: relevant id 'NPQSL 4.99'" in err
    assert "Traceback" not in err
    assert main(["eval", "answers", "--questions", str(f)]) == 2
    assert "--questions goes with `npq eval retrieval` only" in capsys.readouterr().err
