"""Hybrid search on the real corpus with the real bundled model (slow: builds the index once)."""

from __future__ import annotations

import json
import re

import pytest

from assistant.cli import main
from index.search import (
    SCOPE_LOOSE_BELOW,
    QueryError,
    SearchIndex,
    asks_of,
    expand_keywords,
    fuse,
    fuse_scores,
    group_identical,
    jargon_read,
    strip_asking,
    strip_framework_names,
    without_figures,
)

pytestmark = pytest.mark.slow


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.statement.id for h in result.hits]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("NPQSL 4.9", "NPQSL 4.9"),
        ("npqsl 4.9", "NPQSL 4.9"),
        ("NPQ SL 4.9", "NPQSL 4.9"),
        ("NPQEL 7.P3.3", "NPQEL 7.P3.3"),
        ("what does NPQLT 9.P2.1 say", "NPQLT 9.P2.1"),
    ],
)
def test_id_lookup_comes_first(search_index: SearchIndex, query: str, first: str) -> None:
    r = search_index.search(query, k=5)
    assert r.hits[0].statement.id == first
    assert r.hits[0].method == "id"


@pytest.mark.parametrize(
    "query",
    ["NPQSL Behaviour 9", "how do I help kids remember stuff long term?", "NPQEL 7.P3.3 economies"],
)
def test_scores_are_in_hit_order_with_an_id_at_one(search_index: SearchIndex, query: str) -> None:
    hits = search_index.search(query, k=10).hits
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s < 1 for h, s in zip(hits, scores, strict=True) if h.method != "id")
    if "NPQ" in query:
        assert hits[0].method == "id" and scores[0] == 1.0 and scores[1] < 1.0


def test_a_given_query_vector_is_used_only_for_the_text_as_given(
    search_index: SearchIndex,
) -> None:
    q = "how do I help kids remember stuff long term?"
    vec = search_index.encoder.encode_queries([q])[0]
    assert ids(search_index.search(q, query_vector=vec)) == ids(search_index.search(q))
    # The question names a framework, so another text is searched: the vector is not used.
    named = "what does NPQSL say about routines?"
    wrong = search_index.encoder.encode_queries(["school budget and finance"])[0]
    assert ids(search_index.search(named, query_vector=wrong)) == ids(search_index.search(named))


def test_bare_id_returns_every_framework(search_index: SearchIndex) -> None:
    r = search_index.search("4.P2", k=5)
    assert {"NPQSL 4.P2", "NPQEL 4.P2", "NPQLT 4.P2"} <= set(ids(r)[:3])


@pytest.mark.parametrize("query", ["what does 4.9 say?", "explain 4.9", "what's 4.9"])
def test_bare_id_in_a_short_question_about_it(search_index: SearchIndex, query: str) -> None:
    r = search_index.search(query, k=5)
    assert ids(r)[:3] == ["NPQSL 4.9", "NPQEL 4.9", "NPQLT 4.9"]
    assert all(h.method == "id" for h in r.hits[:3])


@pytest.mark.parametrize(
    "query", ["is 4.5 hours of CPD enough", "we scored 4.9 out of 10 on the staff survey"]
)
def test_a_number_that_is_not_about_a_statement_is_no_id(
    search_index: SearchIndex, query: str
) -> None:
    r = search_index.search(query, k=5)
    assert not [h for h in r.hits if h.method == "id"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("succession planning", {"NPQSL 7.P4.6", "NPQEL 7.P4.8"}),
        (
            "how do I help kids remember things long term?",
            {"NPQSL 2.12", "NPQEL 2.12", "NPQLT 3.8"},
        ),
        ("learning styles", {"NPQSL 5.9", "NPQEL 5.9"}),
        ("hinge questions", {"NPQLT 7.P1.1"}),
        ("how much does the course cost", {"provider-olp-npqsl-international#what-does-it-cost"}),
    ],
)
def test_finds_the_statement(search_index: SearchIndex, query: str, expected: set[str]) -> None:
    assert expected & set(ids(search_index.search(query, k=5)))


def test_framework_named_in_question_becomes_a_filter(search_index: SearchIndex) -> None:
    r = search_index.search("What does NPQEL say about economies of scale?", k=5)
    assert r.hits[0].statement.id == "NPQEL 7.P3.3"
    assert {h.statement.framework for h in r.hits} == {"NPQEL"}
    assert r.frameworks == ("NPQEL",) and r.notes


def test_filters(search_index: SearchIndex) -> None:
    r = search_index.search("bullying", k=10, framework="NPQSL", area=4, kind="evidence")
    assert r.hits and all(
        h.statement.framework == "NPQSL"
        and h.statement.area == 4
        and h.statement.kind == "evidence"
        for h in r.hits
    )
    p = search_index.search("bullying", k=10, kind="practice")
    assert {h.statement.kind for h in p.hits} <= {"practice", "practice_heading"}


def test_identical_statements_are_adjacent_and_grouped(search_index: SearchIndex) -> None:
    r = search_index.search("Teaching quality is a crucial factor in raising pupil attainment", k=6)
    assert set(ids(r)[:3]) == {"NPQSL 6.9", "NPQEL 6.9", "NPQLT 8.1"}
    assert r.groups[0] == tuple(ids(r)[:3])
    (_first, grouped), *_rest = group_identical(r.hits)
    assert set(grouped) == {"NPQSL 6.9", "NPQEL 6.9", "NPQLT 8.1"}


def test_observed_lessons_and_launches_are_read_in_the_frameworks_words(
    search_index: SearchIndex,
) -> None:
    # The third Ask user test: pupils' feedback statements had led the first, a trust's
    # parallel projects (NPQEL 8.P1.4) the second.
    r = search_index.search(
        "How should I give feedback to a teacher after I've observed their lesson?", k=5
    )
    assert r.hits[0].statement.area_title == "Professional Development"
    r = search_index.search("What should I do before launching a new school improvement project?")
    assert r.hits[0].statement.area_title == "Implementation"
    assert r.hits[0].statement.id != "NPQEL 8.P1.4"


def test_loose_cover_is_flagged_between_not_covered_and_covered(
    search_index: SearchIndex,
) -> None:
    loose = search_index.search("How should we run GCSE chemistry practicals?", k=5)
    assert loose.in_scope and loose.loose
    assert search_index.scope_threshold <= loose.scope_probability < SCOPE_LOOSE_BELOW
    for q in (
        "How do I help pupils remember things long term?",
        "NPQSL 4.9",
        "succession planning",
    ):
        r = search_index.search(q, k=5)
        assert r.in_scope and not r.loose, (q, r.scope_probability)
    out = search_index.search("What's the best lasagne recipe for six people?", k=5)
    assert not out.in_scope and not out.loose
    # One word found in so many words is no loose cover (a blind search test: "exclusions"
    # had been warned about, with NPQSL 7.P2 "…admissions, exclusions and appeals" first);
    # one word no statement says still is.
    for q in ("exclusions", "Does the NPQSL cover exclusions?", "schemata"):
        r = search_index.search(q, k=3)
        assert r.in_scope and not r.loose, (q, r.scope_probability)
    chem = search_index.search("chemistry", k=3)
    assert chem.in_scope and chem.loose, chem.scope_probability


def test_one_text_in_two_areas_is_one_group_whatever_the_hit_order(
    search_index: SearchIndex,
) -> None:
    # NPQSL 4.15 and 9.2 are one text; each lists NPQEL 4.15 and 9.2 as the same, not each
    # other. The CLI's listing had shown "NPQSL 4.15 = NPQEL 4.15 = NPQEL 9.2" and, below it,
    # "NPQSL 9.2" with the same words.
    from index.hit import Hit

    order = ["NPQSL 4.15", "NPQSL 9.2", "NPQEL 4.15", "NPQEL 9.2", "NPQSL 4.1"]
    hits = [Hit(search_index.by_id[i], 1.0, "hybrid") for i in order]
    grouped = [ids for _hit, ids in group_identical(hits)]
    assert grouped == [tuple(order[:4]), ("NPQSL 4.1",)]
    assert len(group_identical(list(reversed(hits)))) == 2


def test_counterparts_in_other_frameworks_follow_but_stay_separate(
    search_index: SearchIndex,
) -> None:
    # NPQEL words the specialist-support bullet for a trust; NPQSL and NPQLT share one wording.
    # All three answer the question, so all three come up together, but the NPQEL text is not
    # theirs: it is its own group, never folded into one line with the NPQSL/NPQLT ids.
    q = "every trust school having access to specialist support for teaching pupils with SEND"
    r = search_index.search(q, k=5)
    assert set(ids(r)[:3]) == {"NPQEL 5.P1.5", "NPQSL 5.P2.3", "NPQLT 6.P2.3"}
    assert r.groups[0] == ("NPQEL 5.P1.5",)
    # NPQSL and NPQLT word it almost alike ("can draw on" / "are able to draw on"): each is
    # its own group too, so each is shown with its own text.
    assert set(r.groups[1:3]) == {("NPQSL 5.P2.3",), ("NPQLT 6.P2.3",)}
    assert [h.method for h in r.hits[:3]] == ["hybrid", "counterpart", "counterpart"]
    # A framework named in the question still means that framework only.
    named = ids(search_index.search("NPQEL " + q, k=5))
    assert all(i.startswith("NPQEL") for i in named)


def test_a_twin_s_counterpart_follows_too(search_index: SearchIndex) -> None:
    # NPQLT 8.P2 comes first; NPQSL 6.P2 is its identical twin; NPQEL says it for trusts in
    # its own words, close to NPQSL's wording but not to NPQLT's, and must follow the group.
    got = ids(search_index.search("coaching staff", k=5))
    assert {"NPQLT 8.P2", "NPQSL 6.P2", "NPQEL 6.P2"} <= set(got[:3]), got


def test_provider_pages_about_another_npq_do_not_answer_for_the_named_one(
    search_index: SearchIndex,
) -> None:
    # The corpus's provider pages are about NPQSL (one section also about NPQLT delivery): an
    # NPQSL price is no answer to an NPQEL funding question, and the search says why.
    r = search_index.search("is there funding for the NPQEL", k=10)
    # No course page (the DfE's NPQEL introduction may follow, and says no price).
    assert not any(h.statement.is_course_page for h in r.hits), ids(r)
    assert any("about NPQSL and NPQLT only" in n and "NPQEL" in n for n in r.notes), r.notes
    # The named NPQ's own pages still come first...
    sl = search_index.search("how much does the NPQSL cost", k=3)
    assert ids(sl)[0].endswith("#what-does-it-cost")
    assert not any("course pages here are about" in n for n in sl.notes)
    # ...and so does a section of another NPQ's page that is about the named one.
    lt = search_index.search("how many training events for NPQLT abroad", k=3)
    assert (
        ids(lt)[0]
        == "provider-olp-npqsl-international#remote-online-delivery-for-international-schools"
    )
    # A framework question that happens to use a course word is unaffected.
    ev = search_index.search("NPQEL: succession planning across the trust", k=5)
    assert ids(ev)[0] == "NPQEL 7.P4.8"
    assert all(h.statement.kind != "provider_section" for h in ev.hits)


def test_a_course_question_about_an_npq_not_held_gets_no_other_npqs_price(
    search_index: SearchIndex,
) -> None:
    # NPQH is not in the corpus: the NPQSL page's "What does it cost?" had answered
    # "how much does NPQH cost?". Only provider pages about no NPQ in particular may.
    r = search_index.search("how much does NPQH cost?", k=10)
    assert all(h.statement.kind != "provider_section" for h in r.hits), ids(r)
    assert r.course_question and r.no_course_pages == ("NPQH",)
    assert any("for NPQH courses" in n for n in r.notes), r.notes
    # The NPQs it holds pages about still get theirs, and say nothing is missing.
    sl = search_index.search("how much does NPQSL cost?", k=3)
    assert ids(sl)[0].endswith("#what-does-it-cost") and sl.no_course_pages == ()
    # A held NPQ without pages is named as such too.
    assert search_index.search("can I get funding for NPQEL?").no_course_pages == ("NPQEL",)
    # A framework question is no course question, whatever it names.
    assert not search_index.search("what does NPQH say about behaviour?").course_question


def test_each_ask_of_a_course_question_is_read_with_its_npq(search_index: SearchIndex) -> None:
    assert asks_of(
        "Doing NPQSL. How many days are there, and can it be done online?", ["NPQSL"]
    ) == [
        "NPQSL: How many days are there",
        "NPQSL: can it be done online?",
    ]
    # A question asking two things (a blind batch, r111), and one with its context around two
    # asks (written for the scope model): the pages answering had been found, and judged not
    # to answer; for the second, the international page on remote delivery had come first.
    q = "How many face-to-face days are on the NPQSL, and can it be done fully online?"
    r = search_index.search(q, k=3)
    assert r.in_scope and ids(r)[0] == "provider-npqsl-uk#online-only-delivery-model"
    q = (
        "Thinking about starting NPQSL in the autumn while running Year 11 as head of year, and "
        "I live in rural Cumbria. How is the programme actually delivered? How many "
        "face-to-face events are there, and can I access the online materials on my phone on "
        "the train?"
    )
    r = search_index.search(q, k=3)
    assert r.in_scope and ids(r)[0] == "provider-npqsl-uk#programme-deliveryhow-is-npqsl-delivered"
    # An ask after its context in one sentence (a fourteenth blind batch, g027): asked alone
    # too, with the NPQ; a short tail ("what happens?") says too little to be asked alone.
    q = (
        "How many face-to-face days are there on the NPQSL? Our school's an hour from anywhere, "
        "can it be done fully online?"
    )
    assert asks_of(q, ["NPQSL"])[-1] == "NPQSL: can it be done fully online?"
    r = search_index.search(q, k=3)
    assert r.in_scope and ids(r)[0] == "provider-npqsl-uk#online-only-delivery-model"
    assert asks_of("If I fail the final assessment, what happens?", ["NPQSL"]) == [
        "NPQSL: If I fail the final assessment, what happens?"
    ]


def test_a_scenes_figures_are_left_to_the_keyword_search(search_index: SearchIndex) -> None:
    assert without_figures("80% passed; the bill rose by £38k; forms averaged 4.8/5") == (
        "passed; the bill rose by ; forms averaged"
    )
    # Years, year groups and counts are no figures of that kind; a figure alone is kept.
    assert without_figures("Year 4, 2 classes, 30 pupils") == "Year 4, 2 classes, 30 pupils"
    assert without_figures("80%") == "80%"
    # A twelfth-batch scenario (r013): read with its percentages, it had been judged not
    # covered by the frameworks, which speak to it (NPQSL 2.P2.1 on explanations).
    q = (
        "I'm head of a two-form entry primary. In Year 4, one class was taught fractions with "
        "drawings of shared pizzas and 80% passed the end-of-unit check; the parallel class "
        "went straight to notation and got 45%. How do I help both teachers explain well "
        "without scripting them?"
    )
    r = search_index.search(q, k=5)
    assert r.in_scope and "NPQSL 2.P2.1" in ids(r)


def test_a_course_question_about_an_npq_not_held_is_not_covered(
    search_index: SearchIndex,
) -> None:
    # A blind batch: its "final assessment" had matched statements on pupils' assessment
    # (NPQLT 7.P4.1), and the question was judged covered by them.
    q = "Does the NPQH final assessment include a written case study, and how long is it?"
    r = search_index.search(q, k=5)
    assert r.course_question and r.no_course_pages == ("NPQH",)
    assert not r.in_scope
    # The same question about a held NPQ with pages stays covered by them, and a framework
    # question naming NPQH is still answered from the frameworks held.
    assert search_index.search("how much does NPQSL cost?").in_scope
    assert search_index.search("what does NPQH say about behaviour?").in_scope


@pytest.mark.parametrize(
    ("query", "npq"),
    [
        ("Am I eligible for NPQSL?", "NPQSL"),
        ("NPQSL eligibility requirements", "NPQSL"),
        ("Am I eligible for the NPQEL?", "NPQEL"),
        ("Is the NPQLT suitable for a head of year?", "NPQLT"),
        ("Who is NPQLT aimed at – can a primary subject lead do it?", "NPQLT"),
        ("can I do the NPQSL if I'm a head of department?", "NPQSL"),
        # "teaching" in "teaching assistants" had made it a question of what NPQLT says
        ("Can teaching assistants do the NPQLT?", "NPQLT"),
        ("Am I eligible for NPQEL if I'm not yet a headteacher?", "NPQEL"),
    ],
)
def test_who_a_course_is_for_is_answered_by_the_section_saying_so(
    search_index: SearchIndex, query: str, npq: str
) -> None:
    # A blind search test: eligibility questions were all said to be unanswered, with a page
    # saying who the NPQ is for among the first three ("Who is NPQLT aimed at…" had led with
    # the DfE's "Professionals leading teaching").
    r = search_index.search(query, k=5)
    top = r.hits[0].statement
    assert r.in_scope, (query, ids(r))
    assert top.kind == "provider_section" and not top.is_superseded, ids(r)
    assert re.match(r"(?i)who\b.*\bfor\b|applicants must", top.title), top.title
    # ...and about the NPQ asked of: "Who the NPQH is for" had come first for the NPQEL.
    assert not re.search(r"NPQ[A-Z]+", top.title) or npq in top.title, top.title
    assert [h.score for h in r.hits] == sorted((h.score for h in r.hits), reverse=True)


@pytest.mark.parametrize(
    "query",
    [
        "I teach in an independent school, can I still do the NPQSL?",  # no page says
        "am I eligible for funding for the NPQSL?",  # a price, not who it is for
    ],
)
def test_circumstances_and_funding_are_not_who_a_course_is_for(
    search_index: SearchIndex, query: str
) -> None:
    r = search_index.search(query, k=5)
    top = r.hits[0].statement.title if r.hits else ""
    assert not (r.in_scope and re.match(r"(?i)who\b.*\bfor\b", top)), (query, ids(r))


def test_who_the_old_programme_was_for_keeps_its_own_page(search_index: SearchIndex) -> None:
    r = search_index.search("was the old NPQSL suitable for Specialist Leaders of Education", k=3)
    assert r.hits[0].statement.is_superseded, ids(r)


def test_scope_signal(search_index: SearchIndex) -> None:
    assert not search_index.search("good lasagne recipe for 6 people").in_scope
    assert not search_index.search("What's the capital of Australia?").in_scope
    assert search_index.search("how do I make behaviour consistent across the school").in_scope
    assert search_index.search("NPQSL 4.9").in_scope


@pytest.mark.parametrize(
    ("query", "covered"),
    [
        ("who is the NPQSL for?", True),
        ("is the NPQSL for middle leaders?", True),
        ("how much does it cost?", True),
        ("What is the late entry fee for GCSE exams?", False),
        ("what is the fee for a DBS check", False),
    ],
)
def test_a_course_question_is_judged_by_the_provider_page_words(
    search_index: SearchIndex, query: str, covered: bool
) -> None:
    r = search_index.search(query)
    assert r.hits[0].statement.kind == "provider_section"
    assert r.in_scope is covered


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "the query is empty"),
        ("   \n\t", "the query is empty"),
        ("🙂🙂🙂", "has no letters or numbers"),
        ("x" * 10_000, "the query is 10,000 characters; the limit is 2,000"),
    ],
)
def test_bad_queries(search_index: SearchIndex, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        search_index.search(query)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"framework": "NPQX"}, "unknown framework 'NPQX'"),
        ({"area": 12}, "area must be between 1 and 10; got 12"),
        ({"kind": "poem"}, "unknown kind 'poem'"),
        ({"k": 0}, "top_k must be greater than 0"),
    ],
)
def test_bad_filters(search_index: SearchIndex, kwargs: dict, message: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(QueryError, match=message):
        search_index.search("behaviour", **kwargs)


def test_vocabulary_and_fusion_units() -> None:
    assert "pupils" in expand_keywords("kids")
    assert fuse([[(1, 0.9), (2, 0.5)], [(2, 9.0)]], [1.0, 1.0])[0][0] == 2


def test_score_fusion_scales_bm25_and_fills_gaps_with_the_lowest_candidate() -> None:
    own = [(1, 0.8), (2, 0.7)]
    expansions = [(2, 0.9), (1, 0.5)]
    bm25 = [(3, 10.0), (1, 4.0)]
    got = dict(fuse_scores([own, expansions, bm25], (1.0, 0.5, 0.5)))
    # Row 1: 0.8 + 0.5*0.5 + 0.5*(4/10). Row 2 is not in BM25's candidates: it gets 4/10.
    assert got[1] == pytest.approx(0.8 + 0.25 + 0.2)
    assert got[2] == pytest.approx(0.7 + 0.45 + 0.2)
    # Row 3 has only a keyword match: the lowest cosines of the others, BM25 at its best (1.0).
    assert got[3] == pytest.approx(0.7 + 0.25 + 0.5)
    assert [r for r, _ in fuse_scores([own, expansions, bm25], (1.0, 0.5, 0.5))] == [3, 2, 1]


def test_a_row_outside_a_complete_bm25_list_has_no_keyword_score() -> None:
    own = [(1, 0.8), (2, 0.7)]
    expansions = [(2, 0.9), (1, 0.5)]
    bm25 = [(3, 10.0), (1, 4.0)]
    # Complete: rows 1 and 3 are the only ones sharing a word with the query; row 2 gets 0.
    got = dict(fuse_scores([own, expansions, bm25], (1.0, 0.5, 0.5), (False, False, True)))
    assert got[2] == pytest.approx(0.7 + 0.45)
    assert got[1] == pytest.approx(0.8 + 0.25 + 0.2)


def test_a_rare_word_finds_the_statements_that_use_it(search_index: SearchIndex) -> None:
    # Only the two modelling bullets say "mnemonics"; retrieval practice is nearer in meaning,
    # and used to come first because a statement without the word got BM25's lowest score.
    assert set(ids(search_index.search("mnemonics", k=2))) == {"NPQSL 2.P2.2", "NPQLT 5.P2.2"}


def test_cli_batch_search_jsonl(tmp_path, capsys, search_index, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("assistant.cli.open_search", lambda cfg: search_index)
    qfile = tmp_path / "q.txt"
    qfile.write_text("succession planning\n\nNPQSL 4.9\n🙂\n", encoding="utf-8")
    status = main(["search", "--queries-file", str(qfile), "--top-k", "3", "--format", "jsonl"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert status == 1  # one bad query, reported in its line
    assert [r["query"] for r in rows] == ["succession planning", "NPQSL 4.9", "🙂"]
    assert rows[1]["results"][0]["id"] == "NPQSL 4.9"
    assert set(rows[0]["results"][0]) >= {"id", "score", "framework", "area", "kind", "text"}
    assert "no letters or numbers" in rows[2]["error"]


def test_cli_search_marks_the_superseded_programme(capsys, search_index, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A blind search test: "How is the NPQSL assessed?" listed the pre-2021 programme's
    # assessment with nothing to say it is not today's.
    monkeypatch.setattr("assistant.cli.open_search", lambda cfg: search_index)
    q = "how was the old pre-2021 NPQSL final assessment done?"
    assert main(["search", q, "--top-k", "5", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["results"]
    old = [r["superseded"] for r in rows if r["id"].startswith("legacy-")]
    assert old and all(old), rows
    assert not any(r["superseded"] for r in rows if not r["id"].startswith("legacy-"))
    assert main(["search", q, "--top-k", "3"]) == 0
    assert "the pre-2021 programme, now superseded" in capsys.readouterr().out


def test_cli_batch_reads_a_windows_file(tmp_path, capsys, search_index, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Notepad's UTF-8: a byte-order mark and CRLF line ends; and a zero-width space pasted
    # from a web page. None of them is part of a query.
    monkeypatch.setattr("assistant.cli.open_search", lambda cfg: search_index)
    qfile = tmp_path / "q.txt"
    qfile.write_bytes("\ufeffNPQSL 4.9\r\nretrieval\u200b practice\r\n".encode())
    assert main(["search", "--queries-file", str(qfile), "--top-k", "1", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["query"] for r in rows] == ["NPQSL 4.9", "retrieval practice"]
    assert rows[0]["results"][0]["id"] == "NPQSL 4.9"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: (d / "q.txt").write_text("\n  \n", encoding="utf-8"), "no queries in it"),
        (lambda d: (d / "q.txt").mkdir(), "is a folder, not a file"),
        (lambda d: (d / "q.txt").write_bytes(b"\xff\xfe\x00"), "not UTF-8 text"),
        (lambda d: None, "no such file"),
    ],
)
def test_cli_bad_queries_file(tmp_path, capsys, make, message) -> None:  # type: ignore[no-untyped-def]
    make(tmp_path)
    qfile = tmp_path / "q.txt"
    assert main(["search", "--queries-file", str(qfile), "--format", "jsonl"]) == 2
    err = capsys.readouterr().err
    assert f"{qfile}: {message}" in err and "Traceback" not in err
    assert main(["ask", "--questions-file", str(qfile)]) == 2
    err = capsys.readouterr().err
    assert message.replace("queries", "questions") in err and "Traceback" not in err


def test_cli_search_with_no_hits_says_so(capsys, search_index, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("assistant.cli.open_search", lambda cfg: search_index)
    argv = ["search", "cost", "--framework", "NPQEL", "--kind", "provider", "--area", "3"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "No statement matches this search and its filters." in out
    assert "Closest statements" not in out  # no heading over an empty list
    assert "about NPQSL and NPQLT only" in out


def test_cli_search_bad_filter_message(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["search", "x", "--framework", "NPQZ"]) == 2
    err = capsys.readouterr().err
    assert "unknown framework 'NPQZ'" in err and "Traceback" not in err


def test_an_npq_missing_from_the_corpus_is_named_in_a_note(search_index: SearchIndex) -> None:
    r = search_index.search("What does the NPQH framework say about governance?", k=5)
    assert any(n.startswith("NPQH is not in the documents here (they hold NPQSL") for n in r.notes)
    # Its name is not searched for as a word; the frameworks held still answer.
    assert r.in_scope and all(h.statement.area == 10 for h in r.hits[:3])


@pytest.mark.parametrize(
    ("sid", "says"),
    [
        (
            "NPQSL 4.30",
            "NPQSL 4.30 does not exist: NPQSL area 4 (Behaviour) has evidence statements "
            "4.1–4.21 and practice headings 4.P1–4.P5",
        ),
        ("NPQSL 4.P2.9", "; NPQSL 4.P2 has bullets 4.P2.1–4.P2.3"),
        ("NPQSL 12.1", "NPQSL 12.1 does not exist: NPQSL has areas 1–10"),
        # NPQLT area 1 (Teaching) has no statements: it points to the Early Career Framework.
        ("NPQLT 11.1", "NPQLT 11.1 does not exist: NPQLT has areas 1–9"),
        (
            "NPQLT 1.1",
            "NPQLT 1.1 does not exist: NPQLT area 1 (Teaching) holds no statements in the "
            "framework text here",
        ),
        ("NPQH 1.1", "NPQH is not in the documents here"),
        # The NPQSL page keeps 3.1-3.6; NPQEL's Curriculum and Assessment, the same so far,
        # goes on to 3.19: 3.13 may be right, and the user is told so, not that it is wrong.
        (
            "NPQSL 3.13",
            "NPQSL 3.13 is not in the NPQSL text held here: NPQSL area 3 (Curriculum and "
            "Assessment) has evidence statements 3.1–3.6",
        ),
        # …with what the other framework's statement of that number says, never a bare "cite
        # NPQEL 3.7" (a user test: NPQEL 3.7 is not about the hinge questions asked for).
        ("NPQSL 3.13", "so the NPQSL source may be incomplete. NPQEL 3.13 reads “"),
        ("NPQSL 3.13", "only the DfE framework can tell: check it before you cite NPQSL 3.13"),
        ("NPQSL 3.25", "NPQSL 3.25 does not exist"),  # beyond NPQEL's too
        ("NPQLT 4.13", "NPQLT 4.13 does not exist"),  # NPQLT's areas are cut differently
    ],
)
def test_a_missing_id_is_explained_with_what_exists(
    search_index: SearchIndex, sid: str, says: str
) -> None:
    assert says in search_index.explain_missing(sid)


def test_a_missing_ids_probable_text_is_not_quoted_as_support_it_does_not_give(
    search_index: SearchIndex,
) -> None:
    # A user test: "…feedback should help pupils to monitor and regulate their own learning
    # (NPQSL 3.9)" was told NPQEL 3.9 "reads" a statement on schemata, as if it were support.
    said = search_index.explain_missing("NPQSL 3.9", fits=lambda sid: False)
    assert "If NPQSL 3.9 says what NPQEL 3.9 says (“In all subject areas" in said
    assert "it does not support this sentence" in said and " reads “" not in said
    said = search_index.explain_missing("NPQSL 3.9", fits=lambda sid: sid == "NPQEL 3.9")
    assert "NPQEL 3.9 reads “In all subject areas" in said


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("In the leading teacher development framework, how do I check learning?", "NPQLTD"),
        ("What does the NPQ in Leading Behaviour and Culture say about routines?", "NPQLBC"),
        ("National Professional Qualification for Headship: governance", "NPQH"),
        ("early years leadership NPQ on transitions", "NPQEYL"),
    ],
)
def test_other_npqs_by_their_full_names_get_the_not_held_note(
    search_index: SearchIndex, question: str, named: str
) -> None:
    r = search_index.search(question, k=5)
    assert any(n.startswith(f"{named} is not in the documents here") for n in r.notes), r.notes
    # The full name is the other course's, not NPQLT's "Leading Teaching".
    assert "NPQLT" not in r.frameworks and r.hits


def test_a_full_npq_name_is_not_searched_as_words() -> None:
    assert strip_framework_names("In the leading teacher development framework, can I") == (
        "In , can I"
    )
    assert strip_framework_names("the NPQ for Senior Leadership on workload") == "on workload"


def test_a_mistyped_id_in_a_query_gets_a_note_and_the_answer_says_so_first(
    search_index: SearchIndex,
) -> None:
    from assistant.answer import Assistant

    r = search_index.search("what does NPQSL 4.30 say?")
    assert any(n.startswith("NPQSL 4.30 does not exist") for n in r.notes)
    a = Assistant(search_index).ask("what does NPQSL 4.30 say?")
    assert a.text.startswith("**NPQSL 4.30 does not exist")
    assert a.cited == () and a.invalid_citations == ()


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("What does the NPQ for senior leaders say about workload?", {"NPQSL"}),
        ("executive leaders NPQ on finance", {"NPQEL"}),
        ("NPQ in Leading Teaching on feedback", {"NPQLT"}),
        ("NPQ(SL) on behaviour", {"NPQSL"}),
        ("the executive leadership framework on finance", {"NPQEL"}),
        # The words alone name no framework.
        ("succession planning for senior leadership roles", set()),
        ("our senior leadership team wants fewer initiatives", set()),
        ("leading teaching and learning across a department", set()),
    ],
)
def test_framework_names_in_users_words(question: str, named: set[str]) -> None:
    from index.search import frameworks_in_question, strip_framework_names

    assert frameworks_in_question(question) == named
    if named:
        assert "npq" not in strip_framework_names(question).lower()


@pytest.mark.parametrize(
    "question",
    [
        "What is in area 4 of NPQSL?",
        "NPQSL area 4",
        "npqsl area 4",
        # A contraction, as typed and as phones and word processors curl it: these had been
        # searched by their words ("s" is no listing word) and judged not covered.
        "What's in area 4 of NPQSL?",
        "What’s in NPQSL area 4?",
    ],
)
def test_a_question_for_an_area_lists_it_in_reading_order(
    search_index: SearchIndex, question: str
) -> None:
    r = search_index.search(question, k=25)
    assert ids(r)[:22] == [f"NPQSL 4.{n}" for n in range(1, 22)] + ["NPQSL 4.P1"]
    assert all(h.method == "area" for h in r.hits) and r.in_scope
    assert "showing the first 25 of the area's 40 statements" in r.notes


@pytest.mark.parametrize(
    "question",
    [
        "how many evidence statements are in NPQSL area 4?",
        "Summarise area 4 of NPQSL",
        "give me an overview of NPQSL area 4",
    ],
)
def test_an_area_asked_about_as_a_whole_is_listed_and_counted(
    search_index: SearchIndex, corpus_result, question: str
) -> None:  # type: ignore[no-untyped-def]
    # These had been searched by their words and judged not covered (an abstention).
    r = search_index.search(question, k=12)
    assert all(h.method == "area" for h in r.hits) and r.in_scope
    area = [s for s in corpus_result.statements if s.framework == "NPQSL" and s.area == 4]
    evidence = sum(s.kind == "evidence" for s in area)
    assert evidence == 21
    held = [n for n in r.notes if " holds " in n]
    assert held and held[0].startswith(f"NPQSL area 4 (Behaviour) holds {evidence} evidence")
    if "evidence" in question:
        assert held == [f"NPQSL area 4 (Behaviour) holds {evidence} evidence statements"]
    else:
        headings = sum(s.kind == "practice_heading" for s in area)
        bullets = sum(s.kind == "practice" for s in area)
        assert held == [
            f"NPQSL area 4 (Behaviour) holds {evidence} evidence statements, {headings} "
            f"practice headings and {bullets} practice bullets"
        ]


@pytest.mark.parametrize(
    "question",
    [
        "What does 'Learn that' mean in the frameworks?",
        "what's the difference between the learn that and learn how to statements",
    ],
)
def test_a_question_about_the_kinds_of_statement_gets_the_page_that_explains_them(
    search_index: SearchIndex, question: str
) -> None:
    # "'Learn that'" had been read as a filter, and NPQSL 2.1 ("Learning involves…") led.
    r = search_index.search(question, k=5)
    assert r.hits and all(h.statement.kind == "provider_section" for h in r.hits)
    assert "Learn that" in r.hits[0].statement.text and "Learn how to" in r.hits[0].statement.text
    # Asking for one kind is still a filter.
    f = search_index.search("'Learn that' statements on memory", k=5)
    assert {h.statement.kind for h in f.hits} == {"evidence"}


def test_area_named_in_a_question_filters_and_area_statement_is_an_id(
    search_index: SearchIndex,
) -> None:
    r = search_index.search("NPQEL area 7 succession plans", k=5)
    assert r.hits and all(
        h.statement.area == 7 and h.statement.framework == "NPQEL" for h in r.hits
    )
    assert "searched area 7 only: the question names it" in r.notes
    assert ids(search_index.search("NPQSL, area 4, statement 9", k=3))[0] == "NPQSL 4.9"


@pytest.mark.parametrize(
    ("question", "kinds", "note"),
    [
        ("learn how to statements on behaviour", {"practice", "practice_heading"}, "Learn how to"),
        ("'Learn that' statements on memory", {"evidence"}, "Learn that"),
        ("practice statements about bullying", {"practice", "practice_heading"}, "Learn how to"),
    ],
)
def test_statements_asked_for_by_kind(
    search_index: SearchIndex, question: str, kinds: set[str], note: str
) -> None:
    r = search_index.search(question, k=6)
    assert r.hits and {h.statement.kind for h in r.hits} <= kinds
    assert any(n.startswith(f"searched {note}") for n in r.notes)


def test_learn_that_in_a_sentence_is_not_a_kind_filter(search_index: SearchIndex) -> None:
    r = search_index.search("what should leaders learn that helps pupils remember", k=5)
    assert not any("statements only" in n for n in r.notes)


def test_an_area_named_by_its_title(search_index: SearchIndex) -> None:
    r = search_index.search("the SEND area: adapting teaching", k=6)
    assert r.hits and all(h.statement.area == 5 for h in r.hits)  # area 5 in NPQSL and NPQEL
    lt = search_index.search("What does NPQLT say in the Behaviour area about routines", k=3)
    assert "NPQLT has no Behaviour area" in lt.notes


def test_provider_pages_are_weighed_down_not_left_out_without_a_course_word(
    search_index: SearchIndex,
) -> None:
    # No course word ("cost", "online", "programme"…), yet the provider page answers it.
    r = search_index.search("does the NPQSL content get updated when new legislation comes in?")
    assert "provider-npqsl-uk#benefits-for-participants" in ids(r)[:5]
    # A leadership question still gets framework statements only.
    r = search_index.search("how do I make behaviour consistent across the school", k=10)
    assert all(h.statement.kind != "provider_section" for h in r.hits)


@pytest.mark.parametrize(
    ("question", "page"),
    [
        ("does the learning platform work on my phone", "#benefits-for-participants"),
        (
            "how much teaching experience do I need before I can start it",
            "#applicants-must-have-completed-2-full-years",
        ),
        ("can I do the NPQSL without leaving home", "online"),
        ("who is the NPQSL aimed at", "#who-is-this-for"),  # "who is the aimed at", stripped
    ],
)
def test_a_course_question_in_indirect_words_finds_its_page(
    search_index: SearchIndex, question: str, page: str
) -> None:
    ids = [h.statement.id for h in search_index.search(question, k=5).hits]
    assert any("#" in i and page in i for i in ids), ids


@pytest.mark.parametrize(
    "question",
    [
        "what are the benefits of retrieval practice",
        "what does the NPQEL say about professional development programmes",
        "how should I manage online safety across the school",
    ],
)
def test_course_words_in_a_framework_question_do_not_bring_provider_pages_first(
    search_index: SearchIndex, question: str
) -> None:
    hits = search_index.search(question, k=5).hits
    assert hits[0].statement.kind != "provider_section"
    assert sum(h.statement.kind == "provider_section" for h in hits) <= 1


def test_only_statements_with_the_same_text_share_a_group(search_index: SearchIndex) -> None:
    # NPQSL 10.3 and NPQEL 10.3 differ in one word ("School leaders" / "Executive leaders"):
    # they come up together, but an answer shows each with its own words.
    r = search_index.search("leaders are accountable for their decisions and must accept scrutiny")
    top = ids(r)
    assert top[:2] in (["NPQSL 10.3", "NPQEL 10.3"], ["NPQEL 10.3", "NPQSL 10.3"]), top
    assert ("NPQSL 10.3",) in r.groups and ("NPQEL 10.3",) in r.groups
    for group in r.groups:
        texts = {search_index.by_id[i].text for i in group}
        assert len(texts) == 1, group


@pytest.mark.parametrize(
    ("question", "searched", "expected"),
    [
        # The frameworks' term for it: "differentiation" alone was judged not covered.
        ("differentiation", "adaptive teaching", {"NPQSL 5.7", "NPQLT 6.5"}),
        (
            "A teacher has put in a flexible working request to go 0.6. What does NPQSL say "
            "I need to consider?",
            "part-time",
            {"NPQSL 7.P4.4"},
        ),
        # A blind search test: the "think hard" statements had come first, metacognition
        # (NPQSL 2.17 = NPQEL 2.17 = NPQLT 5.5) nowhere in the top 10.
        (
            "getting pupils to think about their own thinking – how they'll tackle a task and "
            "whether it's going ok",
            "metacognition",
            {"NPQSL 2.17", "NPQEL 2.17", "NPQLT 5.5"},
        ),
        # Staff wellbeing: NPQSL 1.4, on pupils' wellbeing, had led (the only "wellbeing").
        ("teacher wellbeing", "staff wellbeing", {"NPQSL 7.1", "NPQEL 7.1"}),
        (
            "What does the NPQH framework say about headteacher wellbeing?",
            "staff wellbeing",
            {"NPQSL 7.1", "NPQEL 7.1"},
        ),
    ],
)
def test_a_term_the_frameworks_word_otherwise_is_searched_in_theirs(
    search_index: SearchIndex, question: str, searched: str, expected: set[str]
) -> None:
    r = search_index.search(question, k=5)
    assert r.in_scope
    assert expected <= set(ids(r))
    assert any(f"“{searched}”" in n for n in r.notes)
    if searched == "staff wellbeing":
        assert ids(r)[0] in expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("an effect size of 0.6.", True),
        ("reading ages went up 0.5 years", True),
        ("she is 0.8 FTE", False),
        ("drop to 0.8?", False),
    ],
)
def test_only_a_contract_fraction_reads_as_part_time(text: str, kept: bool) -> None:
    from index.vocabulary import renamed_terms

    assert (renamed_terms(text)[0] == text) is kept


def test_an_id_looked_up_alone_is_followed_by_statements_like_it(search_index: SearchIndex) -> None:
    # "NPQSL 4.9" alone had been followed by whatever the digits matched (NPQSL 4.4, 2.10,
    # 1.2); now by what is nearest in meaning to NPQSL 4.9 (routines, positive reinforcement).
    r = search_index.search("NPQSL 4.9", k=6)
    assert ids(r)[0] == "NPQSL 4.9" and r.hits[0].method == "id"
    rest = [search_index.get(i) for i in ids(r)[1:]]
    assert sum(s.area == 4 for s in rest) >= 4
    assert any("nearest in meaning to NPQSL 4.9" in n for n in r.notes)
    # With words besides the id, those words are searched.
    r = search_index.search("NPQSL 4.9 and governance", k=6)
    assert not any("nearest in meaning" in n for n in r.notes)


def test_one_text_said_four_times_is_one_group(search_index: SearchIndex) -> None:
    # NPQSL 4.15 = NPQSL 9.2 = NPQEL 4.15 = NPQEL 9.2 (one sentence on parents): they had been
    # listed as "NPQSL 9.2 · NPQEL 4.15", then "NPQSL 4.15", then "NPQEL 9.2".
    r = search_index.search("building relationships with parents and families", k=8)
    group = next(g for g in r.groups if "NPQSL 4.15" in g or "NPQSL 9.2" in g)
    assert set(group) == {"NPQSL 4.15", "NPQSL 9.2", "NPQEL 4.15", "NPQEL 9.2"}
    texts = {search_index.get(i).text for i in group}
    assert len(texts) == 1


def test_rolling_out_is_implementation(search_index: SearchIndex) -> None:
    # A user test: "roll out a new KS3 curriculum" had led with curriculum design statements.
    from index.search import expand_keywords

    assert "implementation" in expand_keywords("how do we roll out the new policy")
    assert "implementation" in expand_keywords("Rolling-out a new scheme")
    assert "implementation" not in expand_keywords("our falling roll means cuts")
    r = search_index.search(
        "whats the best way to roll out a new KS3 curriculum without burning staff out", k=5
    )
    assert ids(r)[0].split()[1].startswith("8."), ids(r)


def test_sets_of_pupils_are_grouping_by_attainment(search_index: SearchIndex) -> None:
    # "put into sets", "the bottom set": the frameworks say "groups based on attainment".
    from index.search import expand_keywords

    for q in (
        "pupils are put into sets for every subject in Y7",
        "We set in maths from Y7 and the bottom set have given up",
        "is setting better than mixed-ability classes?",
        "whether to set Year 7 maths",
    ):
        assert "grouping" in expand_keywords(q), q
    for q in ("setting challenging goals", "budget setting", "setting loads of homework"):
        assert "grouping" not in expand_keywords(q), q
    # The blind batch's b018: "How pupils are grouped is also important" (NPQSL 2.4) had been
    # pushed out of the top 5 by statements on reading.
    r = search_index.search(
        "In my school, pupils are put into sets for every subject in Y7 based on one reading "
        "test and hardly anyone ever moves. I'm the new AHT for curriculum - is this ok?",
        k=5,
    )
    assert {"NPQSL 5.P4.2", "NPQLT 6.P4.2", "NPQSL 2.4"} <= set(ids(r)), ids(r)


def test_a_course_word_in_passing_does_not_make_a_course_question(
    search_index: SearchIndex,
) -> None:
    # "We piloted a new reading programme…": "programme" had made it a course question, which
    # keeps the fusion's order (no re-ranker) and gives provider pages a head start; the blind
    # batch's b074 had found none of its three statements in the top 5.
    q = (
        "CEO of a five-school MAT. We piloted a new reading programme in one of our primaries "
        "and it went really well; trustees now want it in all five schools by September. "
        "What should I be careful about when scaling it up?"
    )
    r = search_index.search(q, k=5)
    assert not r.course_question and r.reranked
    assert any(i.endswith("8.P5.3") for i in ids(r)), ids(r)
    # A long question that names the course is still one.
    long_course = (
        "I teach at an international school and only finished my PGCE-equivalent 18 months "
        "ago, with no UK QTS. Am I eligible for the NPQSL yet, or should I wait a year?"
    )
    assert search_index.search(long_course, k=5).course_question
    # "of course" names no course.
    assert (
        search_index.search(
            "Of course we want every pupil to succeed, but our online bullying incidents keep "
            "rising in Year 8 and staff do not know what to do about them",
            k=5,
        ).course_question
        is False
    )


def test_one_quotation_stands_only_for_ids_with_exactly_its_text(
    search_index: SearchIndex,
) -> None:
    # A user test: NPQLT 5.6 was quoted in NPQSL 2.18's words, one comma short ("assess
    # understanding and break down" against "assess understanding, and break down"); the
    # two are the same statement (same_as) but not the same text.
    for row, s in enumerate(search_index.statements):
        for other in search_index.same_text_ids(row):
            assert search_index.get(other).text.split() == s.text.split(), (s.id, other)
    r = search_index.search("questioning to check prior knowledge and assess understanding", k=8)
    for group in r.groups:
        texts = {" ".join(search_index.get(i).text.split()) for i in group}
        assert len(texts) == 1, group
    assert ("NPQSL 2.18", "NPQEL 2.18") in r.groups and ("NPQLT 5.6",) in r.groups, r.groups


def test_excluding_a_pupil_is_the_frameworks_exclusions() -> None:
    # "exclude" and "exclusions" share no stem; suspensions are exclusions in DfE guidance.
    from index.search import expand_keywords

    assert "exclusions" in expand_keywords("can we permanently exclude him?")
    assert "exclusions" in expand_keywords("a fixed-term suspension")


def test_a_short_search_is_read_in_the_frameworks_words(search_index: SearchIndex) -> None:
    # Three short searches a probe found led astray by a word the corpus uses in another
    # sense: "mobile" (a provider page's platform "enabled for mobiles"), "retention" (of
    # knowledge) and "reading for pleasure" (a user-worded scenario for staff buy-in).
    from index.search import expand_keywords

    phones = search_index.search("Should we ban mobile phones?", k=5)
    assert phones.hits[0].statement.kind != "provider_section", ids(phones)
    assert phones.hits[0].statement.area_title == "Behaviour", ids(phones)
    retention = ids(search_index.search("teacher retention", k=5))
    assert retention[0].split()[0] in {"NPQSL", "NPQEL", "NPQLT"}, retention
    assert {"NPQSL 6.8", "NPQSL 7.P4"} & set(retention), retention
    reading = search_index.search("reading for pleasure", k=3)
    assert all("read" in h.statement.text.lower() for h in reading.hits[:1]), ids(reading)
    # Not a phone call home, the phone a course is followed on, or keeping staff on board.
    for text in ("positive phone calls home", "can I do it on my phone?"):
        assert "behaviour" not in expand_keywords(text)
    assert "behaviour expectations" in expand_keywords("phones in lessons")
    assert "recruit develop" in expand_keywords("retaining staff in a rural school")
    assert "recruit" not in expand_keywords("how to keep staff on board with a change")


def test_school_acronyms_and_jargon_find_what_the_frameworks_say(
    search_index: SearchIndex,
) -> None:
    # A blind keyword test: "KCSIE", "SEMH needs" and "NQT year" were judged uncovered, though
    # NPQSL 7.P1.2 names Keeping Children Safe in Education, NPQSL 5.2 the four areas of need
    # and NPQSL 6.12 statutory induction; "gradual release model", "initiative overload" and
    # "detentions" found nothing of what they mean.
    from index.search import expand_keywords
    from index.vocabulary import renamed_terms

    for query, wanted in (
        ("KCSIE", "NPQSL 7.P1.2"),
        ("SEMH needs", "NPQSL 5.2"),
        ("NQT year", "NPQSL 6.12"),
        ("gradual release model", "NPQSL 2.16"),
        ("initiative overload", "NPQSL 8.P1.2"),
        ("detentions", "NPQSL 4.P1.1"),
        # A probe of 50 jargon searches.
        ("LAC pupils", "NPQSL 4.P4.2"),  # looked after children
        ("off-rolling", "NPQSL 7.P2.2"),  # fair and inclusive admissions and exclusions
        ("managed moves", "NPQSL 7.P2.4"),  # alternative provision
        ("AfL", "NPQLT 8.P3.1"),  # formative assessment
        ("growth mindset", "NPQSL 1.6"),  # beliefs about their ability to succeed
        ("lethal mutations", "NPQSL 8.P4.4"),  # the active ingredients kept
        ("do now tasks", "NPQSL 2.P1.3"),  # retrieval practice
        # A second blind test, of shorthand searches.
        ("SSP scheme in Reception", "NPQSL 3.P2.1"),  # systematic synthetic phonics
        ("zones of regulation", "NPQSL 4.11"),  # self-regulating emotions
        ("key adult for every child", "NPQSL 4.P1.4"),  # a supportive relationship
        ("MASH referrals", "NPQSL 7.P1.3"),  # other agencies, child protection
        ("grow our own leaders", "NPQSL 7.P4.6"),  # succession plans
        # A seventh blind batch ("self-efficacy pupils" had found self-reflection on behaviour,
        # "leadership pipeline" an old programme page).
        ("self-efficacy pupils", "NPQSL 1.6"),  # beliefs about their ability to succeed
        ("leadership pipeline", "NPQSL 7.P4.6"),
        ("poor proxies for learning", "NPQEL 3.14"),  # how busy pupils appear
        # Two blind batches: "AFH compliance" was judged not covered.
        ("AFH compliance", "NPQSL 10.P1.2"),  # the Academies Financial Handbook
        ("ATH related party transactions", "NPQEL 10.P1.2"),  # its name since 2021
        # A probe of school shorthand: each had been judged not covered or found nothing.
        ("HLTA", "NPQSL 5.P1.2"),  # teaching assistants deployed
        ("LADO", "NPQSL 7.P1.1"),  # allegations against staff: safeguarding
        ("CP referral", "NPQSL 7.P1.3"),  # child protection: other agencies
        ("CPOMS", "NPQSL 7.P1.2"),  # safeguarding records
        ("exit tickets", "NPQLT 8.P3.1"),  # formative assessment
        ("knowledge organisers", "NPQSL 2.P1.3"),  # retrieval of key knowledge
        ("cold calling", "NPQSL 2.18"),  # questioning
        ("INSET days", "NPQSL 6.P1.7"),  # time used productively (two blind keyword tests)
        ("triple marking", "NPQLT 7.P4.1"),  # written marking only one form of feedback
        ("schemes of work", "NPQSL 3.P1"),  # a sequenced curriculum
        ("persistent disruptor support plan", "NPQSL 4.P4.3"),  # targeted interventions
        ("parenting classes", "NPQSL 9.P1.3"),  # group-based parenting initiatives
        ("culture of trust between staff", "NPQSL 1.7"),  # trust between people, not a MAT
        # A second blind shorthand test (search_shorthand2_questions.jsonl).
        ("LLD in lessons", "NPQSL 4.P2.2"),  # low-level disruption
        ("LSA support in class", "NPQSL 5.P1.2"),  # teaching assistants deployed
        ("C1 C2 C3 consequences", "NPQSL 4.P1.1"),  # a sanctions ladder
        ("I/we/you do", "NPQSL 2.16"),  # gradual release of scaffolds
        ("MOU partner school", "NPQSL 9.P2.1"),  # a partnership agreement
        ("MAT top slice central team", "NPQEL 7.P3.3"),  # economies of scale
        ("shared staff scripts", "NPQSL 1.P2.2"),  # consistent language
        ("house points", "NPQSL 4.13"),  # rewards
        ("tier 3 vocab", "NPQSL 3.P2.2"),  # technical vocabulary
        ("mini whiteboards", "NPQLT 7.P1.1"),  # checking understanding in the lesson
    ):
        r = search_index.search(query, k=5)
        assert r.in_scope, query
        assert wanted in ids(r), (query, ids(r))
    text, notes = renamed_terms("kcsie training for new staff")
    assert text == "Keeping Children Safe in Education training for new staff"
    assert notes == [("Keeping Children Safe in Education", "“kcsie” spelled out")]
    assert renamed_terms("a semhd unit")[0] == "a semhd unit"  # whole words only
    # In a longer question the acronym's words join the keyword query only: spelled out for
    # the encoder, uncovered questions of the scope calibration set had been kept.
    long_q = "who pays the DBS fee for a new TA – the school or the applicant?"
    assert renamed_terms(long_q)[0] == long_q
    assert "Disclosure and Barring Service" in expand_keywords(long_q)
    assert not search_index.search(long_q, k=5).in_scope
    assert not search_index.search(
        "Prevent duty referral - what's the actual process and who do we ring?", k=5
    ).in_scope
    assert "NPQSL 2.18" in ids(search_index.search("no opt out", k=3))  # questioning
    # Found in the frameworks' words and so judged covered, as a short search only.
    assert search_index.search("trauma-informed practice", k=5).in_scope
    assert not search_index.search(
        "What does KCSIE 2024 actually say about filtering and monitoring standards?", k=5
    ).in_scope
    assert "retrieval" not in expand_keywords("what should I do now?")
    # Consistency in users' words (a blind test of Find: its first support for "…every adult
    # in the building to apply the same expectations in the same way" is now NPQSL 4.1).
    assert "consistency" in expand_keywords("every adult applying the same rules in the same way")
    assert "consistency" not in expand_keywords("the same pupils keep missing lessons")
    assert "consistency" not in expand_keywords("In the same way, sequencing matters")
    # An eighth blind batch: "psychological safety" had led with safeguarding ("safe").
    assert ids(search_index.search("psychological safety staff", k=3))[0].endswith("1.P2.3")
    # A teacher's pay is no course fee, and the frameworks give no scales or figures.
    pay = search_index.search("What's the pay range for an assistant head on the leadership spine?")
    assert not pay.in_scope and not pay.course_question
    assert search_index.search("How much does the NPQSL cost?", k=3).in_scope
    assert "consistency" not in expand_keywords("taught in the same way as last year")
    # "detentions" is read as sanctions only as a search's topic, not a scene's detail.
    assert "sanctions" in expand_keywords("detentions")
    scene = "A Y9 lad keeps kicking off in lessons and the normal detentions do nothing"
    assert "sanctions" not in expand_keywords(scene)


def test_prepare_builds_the_per_statement_links_and_changes_no_result(
    search_index: SearchIndex,
) -> None:
    # The app prepares at start so that its first questions are not the slow ones; the
    # results must be the ones an unprepared index gives.
    fresh = SearchIndex(search_index.stored, search_index.encoder)
    prepared = SearchIndex(search_index.stored, search_index.encoder)
    prepared.prepare()
    assert len(prepared._counterparts) == len(prepared.statements)
    framework_rows = [r for r, s in enumerate(prepared.statements) if s.kind != "provider_section"]
    assert all(r in prepared._twins for r in framework_rows)
    assert fresh._counterparts == {}
    for q in (
        "how do I help pupils remember things long term?",
        "succession planning",
        "Recommending a prudent budget to the trust board",
        "what does NPQEL say about economies of scale?",
    ):
        a, b = fresh.search(q, k=10), prepared.search(q, k=10)
        assert [h.statement.id for h in a.hits] == [h.statement.id for h in b.hits]
        assert a.groups == b.groups  # twins and counterparts follow each hit the same way
        assert [h.score for h in a.hits] == pytest.approx([h.score for h in b.hits])


# Scenes several blind assessors wrote, each in its own words, read in the keyword query
# (ablations.md, twenty-seventh round): (question, ids, in the top n, all of them needed, the
# areas every result must come from).
RECURRING_SCENES = [
    # A head back from a conference with an initiative (scenarios s058, fifth v079, seventh
    # u081, ninth n081): its subject had led the results, not NPQSL 8.P2.1's diagnosis.
    pytest.param(
        "Our CEO came back from a conference and wants every school to adopt a new tutoring "
        "programme by Easter, but nobody has worked out what problem we're trying to solve. "
        "How do I raise this?",
        {"NPQSL 8.P2.1"},
        3,
        False,
        None,
        id="conference-initiative",
    ),
    # Staff drifting back to old habits after one training day (ninth n089, seventh u089,
    # eighth e019, scenarios s061, sixth x020): it had been answered with the change's subject
    # or behaviour's "ingrained" (NPQSL 4.3).
    pytest.param(
        "We brought in a new homework policy in September with one training session and "
        "nothing since; by March most teachers have drifted back to their old routines. What "
        "now?",
        {"NPQSL 8.7", "NPQSL 8.P4.3"},
        5,
        False,
        ("8.", "9."),
        id="change-fading",
    ),
    # A scheme chosen because "the school down the road uses it" (eighth e018, search_test2
    # y023), and too many changes at once (blind b073, search_test z020, scenarios s065).
    pytest.param(
        "The head wants to copy the phonics programme the school down the road uses, but I "
        "don't think anyone has asked what's actually going wrong with our early reading. How "
        "do I slow this down?",
        {"NPQSL 8.P2.1"},
        3,
        False,
        None,
        id="another-schools-choice",
    ),
    pytest.param(
        "Our trust has eleven separate priorities this year and every head says it's too much "
        "at once. As director of education, what does the evidence say about how many changes "
        "to run?",
        {"NPQEL 8.P1.2"},
        3,
        False,
        None,
        id="too-many-changes",
    ),
    # ...one a year (thirteenth j079).
    pytest.param(
        "We've launched a flagship initiative every September for four years and staff are "
        "cynical. How do I stop the pattern in next year's plan?",
        {"NPQSL 8.P1.2"},
        3,
        False,
        None,
        id="an-initiative-every-year",
    ),
    # CPD as one-off talks (ninth n022, seventh u061, search_test z025) asks what makes it
    # last; poor turnout of families (seventh u070, ninth n074) asks for sustained effort.
    pytest.param(
        "Our twilight CPD is a run of one-off talks from visiting speakers and I can't see any "
        "difference in lessons. How should I plan next year's programme?",
        {"NPQSL 6.2", "NPQSL 6.P1.7"},
        6,
        True,
        None,
        id="one-off-cpd",
    ),
    # CPD judged by how much it was liked (twelfth r079, r083): what it is for is a lasting
    # change in what teachers do (NPQSL 6.2), planned by a theory of change (6.3).
    pytest.param(
        "Our training days get great happy sheets but I doubt anything changes. What should we "
        "be aiming for?",
        {"NPQSL 6.2", "NPQSL 6.3"},
        3,
        False,
        None,
        id="cpd-happy-sheets",
    ),
    pytest.param(
        "We evaluated the coaching programme on staff satisfaction alone. Is that enough?",
        {"NPQSL 6.2", "NPQSL 6.3"},
        5,
        False,
        None,
        id="cpd-judged-by-satisfaction",
    ),
    pytest.param(
        "Parents' evening turnout from our disadvantaged families is very low. What should our "
        "family liaison lead try?",
        {"NPQSL 9.5"},
        2,
        False,
        None,
        id="parents-turnout",
    ),
    # Busy pupils (fourth f007, scenarios s020, seventh u008): NPQEL 3.14 warns against being
    # over-influenced by how busy pupils appear.
    pytest.param(
        "My department judges lessons by whether everyone is busy and books are full. Is that "
        "actually evidence of learning?",
        {"NPQEL 3.14"},
        2,
        False,
        None,
        id="busy-pupils",
    ),
    # ...or engaged, and nothing remembered a week later (twelfth r018).
    pytest.param(
        "Her lessons are lively, lots of talk and whiteboards, everyone looks engaged, but a "
        "week later the class can't remember any of it. What should I coach her on?",
        {"NPQEL 3.14"},
        5,
        False,
        None,
        id="engaged-but-forgotten",
    ),
    # Sanctions doing nothing for one pupil (scenarios s027, seventh u020, ninth n019): their
    # context and working with home.
    pytest.param(
        "A Year 7 girl in my tutor group keeps getting detentions and the sanctions aren't "
        "working; her mum has just left. What should I do differently?",
        {"NPQSL 4.18", "NPQSL 4.P4.1"},
        6,
        False,
        None,
        id="sanctions-do-nothing",
    ),
    # ...said of detentions or exclusions (tenth t040, thirteenth j016).
    pytest.param(
        "Year 9 boy: detentions do nothing and he's had his third internal exclusion this "
        "term. He isn't on the SEN register. What should I be doing differently?",
        {"NPQSL 4.18", "NPQSL 4.P4.1"},
        5,
        False,
        None,
        id="detentions-do-nothing",
    ),
    # Staff wanting to drop a whole-school change after weeks (scenarios s025, seventh u019,
    # search_test2 y017): whole-school changes take longer to embed (NPQSL 4.2, 4.3).
    pytest.param(
        "Our new rewards and sanctions system has been running for five weeks and the "
        "staffroom wants to ditch it. Is it too early to judge?",
        {"NPQSL 4.2", "NPQSL 4.3"},
        5,
        True,
        None,
        id="scrap-after-weeks",
    ),
    # What worked in one school copied into the others is scaling up (scenarios s063).
    pytest.param(
        "The reading programme worked brilliantly at our flagship academy, so the board want it "
        "replicated in all our other schools next term. Any advice?",
        {"NPQEL 8.P5.3"},
        3,
        False,
        None,
        id="copied-to-other-schools",
    ),
    # ...or rolled out to them (twelfth r082): "all at once" there is the schools', not too
    # many initiatives.
    pytest.param(
        "Our trust's flagship primary cut persistent absence with a new attendance model. The "
        "board wants it rolled out to the other four schools from September, all at once. "
        "Sensible?",
        {"NPQEL 8.P5.3"},
        3,
        False,
        None,
        id="rolled-out-to-other-schools",
    ),
    # Observations feeling like judgements, staff scared to try anything new (fourth f073,
    # scenarios s048): NPQSL 6.7 on a supportive professional environment.
    pytest.param(
        "Teachers here are afraid to take risks because every drop-in ends in a grade. What "
        "kind of culture helps staff get better?",
        {"NPQSL 6.7"},
        5,
        False,
        None,
        id="staff-afraid",
    ),
    # Pupils given a lot of new material at once (seventh u004, tenth t013).
    pytest.param(
        "My Year 7s switch off when I give them lots of new content in one go. Why does that "
        "happen?",
        {"NPQSL 2.8"},
        2,
        False,
        None,
        id="all-at-once",
    ),
    # Everyone doing their own thing (tenth t037, eighth e079 and e073, ninth n013, seventh
    # u014).
    pytest.param(
        "New assistant head: every teacher does their own thing with rewards and consequences. "
        "Where do I start?",
        {"NPQSL 4.1"},
        5,
        False,
        None,
        id="own-thing",
    ),
]


@pytest.mark.parametrize(("question", "wanted", "top", "need_all", "areas"), RECURRING_SCENES)
def test_recurring_scenes_are_read(
    search_index: SearchIndex,
    question: str,
    wanted: set[str],
    top: int,
    need_all: bool,
    areas: tuple[str, ...] | None,
) -> None:
    found = ids(search_index.search(question, k=max(top, 5)))
    hit = wanted & set(found[:top])
    assert hit == wanted if need_all else bool(hit), found
    if areas:
        assert all(i.split()[1].startswith(areas) for i in found), found


def test_a_subjects_exam_content_is_judged_not_covered(search_index: SearchIndex) -> None:
    # Three blind batches asked about GCSE required practicals or exam boards; the frameworks
    # hold no subject's specification, yet retrieval statements had been offered as covering it.
    for question in (
        "Good revision resources for GCSE chemistry required practicals?",
        "which exam board is best for GCSE combined science?",
    ):
        assert not search_index.search(question, k=5).in_scope, question
    assert search_index.search("retrieval practice for GCSE science", k=5).in_scope


def test_a_statutory_time_limit_is_judged_not_covered(search_index: SearchIndex) -> None:
    # Two blind batches asked how long a local authority has to act on an EHC needs
    # assessment; the frameworks name duties, never their timescales.
    for question in (
        "how many weeks does the local authority have to decide whether to carry out an EHC "
        "needs assessment?",
        "Within how many school days must the governing board meet to consider a reinstatement?",
    ):
        assert not search_index.search(question, k=5).in_scope, question
    # A change's time to embed is the frameworks' own (NPQSL 4.2, 4.3).
    for question in (
        "How many weeks do I have to give a new behaviour policy before judging it?",
        "We've just changed how the whole school handles conduct. How many weeks before we can "
        "fairly judge if it's working?",
    ):
        assert search_index.search(question, k=5).in_scope, question


def test_readings_do_not_fire_on_other_senses_of_their_words() -> None:
    # "merits" as advantages, pupils (not staff) afraid of mistakes, "all at once" in a
    # classroom: none of these is what the reading is about.
    from index.search import expand_keywords

    for text, absent in (
        ("what are the merits of mixed-ability teaching?", "rewards recognition"),
        ("pupils are scared to make mistakes in maths", "supportive professional environment"),
        ("Should I drop this topic from the Year 8 curriculum?", "take longer to embed"),
        ("how do I copy a lesson plan?", "scale-up"),
        ("Our office staff are busy with admissions", "misleading"),
        ("Why do pupils stop listening before the end of a lesson?", "stopping ineffective"),
    ):
        assert absent not in expand_keywords(text), text
    assert "rewards recognition" in expand_keywords("our merit system isn't working")
    # A paraphrase of NPQSL 8.P1.3 in words it shares with nothing (twelfth r063).
    assert "stopping ineffective practices" in expand_keywords(
        "Should we ditch the things that aren't doing any good before we bring in anything fresh?"
    )


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Pygmalion effect", "NPQSL 1.2"),
        ("rosenthal effect in the classroom", "NPQSL 1.2"),
        ("forgetting curve", "NPQSL 2.12"),
        ("the testing effect", "NPQSL 2.12"),
        ("expertise reversal effect", "NPQSL 2.16"),
        ("Sweller", "NPQSL 2.8"),
        ("tight but loose", "NPQSL 8.6"),
    ],
)
def test_research_named_as_participants_cite_it_is_found_and_covered(
    search_index: SearchIndex, query: str, first: str
) -> None:
    # A fourteenth blind batch: "Pygmalion effect" had found NPQSL 1.2 and been judged not
    # covered; "the testing effect" and "expertise reversal effect" had led with assessment
    # and workload statements.
    result = search_index.search(query, k=5)
    ids = [h.statement.id for h in result.hits]
    twins = {first, *search_index.by_id[first].same_as}
    assert result.in_scope
    assert ids[0] in twins, ids


def test_a_request_for_information_under_the_law_is_judged_not_covered(
    search_index: SearchIndex,
) -> None:
    # An eighth Ask user test: answered with assessment information as "nearest".
    for q in (
        "How should I respond to a Freedom of Information request from a parent?",
        "FOI request from a parent, what do I do?",
    ):
        assert not search_index.search(q, k=5).in_scope, q
    # Sharing information with children's social care is covered (NPQSL 7.P1.3).
    r = search_index.search(
        "Children's social care have asked us for information about a pupil; staff are "
        "nervous about GDPR. What should I do?",
        k=5,
    )
    assert r.in_scope


def test_a_scene_planned_using_the_npq_is_no_course_question(search_index: SearchIndex) -> None:
    # An eighth Ask user test: declined as a question about the course ("ask your provider").
    q = (
        "I'm a deputy head at a two-form entry primary. Our Year 6 writing results dropped and "
        "the head wants me to lead a new whole-school approach to writing. Staff are tired after "
        "two previous initiatives that fizzled out. How should I plan this using the NPQSL?"
    )
    r = search_index.search(q, k=5)
    assert not r.course_question and r.in_scope
    assert all(h.statement.kind != "provider_section" for h in r.hits)
    assert any(h.statement.area == 8 for h in r.hits[:3])  # Implementation
    # The NPQ as the thing done is still a course question.
    assert search_index.search("How long does the NPQSL take?", k=5).course_question


def test_staff_wellbeing_puts_pupils_wellbeing_after(search_index: SearchIndex) -> None:
    # An eighth Ask user test: NPQSL 1.4 (the wellbeing of pupils) had led, its note saying
    # the staff's had been searched.
    r = search_index.search("what does npqsl say about school culture and staff wellbeing", k=5)
    ids = [h.statement.id for h in r.hits]
    assert "NPQSL 1.4" not in ids[:3]
    assert any(i in ids for i in ("NPQSL 1.7", "NPQSL 7.1"))
    # Pupils' wellbeing asked, it stays.
    r = search_index.search("can teachers improve pupils' wellbeing and motivation?", k=5)
    assert r.hits[0].statement.id in {"NPQSL 1.4", "NPQEL 1.4", "NPQLT 2.4"}


def test_chat_shorthand_is_written_out(search_index: SearchIndex) -> None:
    from index.search import without_chat_shorthand

    assert without_chat_shorthand("what does npqlt say abt modelling") == (
        "what does npqlt say about modelling"
    )
    assert without_chat_shorthand("dealing w/ parents") == "dealing with parents"
    assert without_chat_shorthand("w/c 5 May") == "w/c 5 May"  # "week commencing" stays
    # A ninth Ask user test: "abt" had left the question judged not covered.
    r = search_index.search("what does npqlt say abt modelling and worked examples", k=5)
    assert r.in_scope and r.hits[0].statement.id == "NPQLT 5.3"
    # An eighteenth blind batch: "hinge point qs" had been judged not covered.
    assert without_chat_shorthand("hinge point qs") == "hinge point questions"
    r = search_index.search("hinge point qs", k=5)
    assert r.in_scope and "NPQLT 7.P1.1" in [h.statement.id for h in r.hits[:3]]


def test_a_product_named_in_one_word_is_said_to_be_unnamed(search_index: SearchIndex) -> None:
    # A ninth Ask user test: "ChatGPT" had been answered with a classroom-discussion statement
    # as the nearest, with no word of the product.
    assert search_index.unknown_names(
        "how should we use AI tools like ChatGPT in the classroom"
    ) == ["ChatGPT"]
    # School abbreviations are no products, and in a scene a product is a detail.
    assert search_index.unknown_names("As HoD I'm mentoring an ECT") == []
    scene = (
        "Head of a small rural primary. We've had a run of unkind incidents in Year 5, "
        "name-calling and photos shared in a WhatsApp group set up by parents, and staff "
        "disagree about what to do."
    )
    assert search_index.unknown_names(scene) == []


def test_a_course_question_asking_a_choice_is_answered_by_either_half(
    search_index: SearchIndex,
) -> None:
    # An eighteenth blind batch: the online-only delivery page came first, but the question with
    # its "or do I have to travel to venues?" was judged not answered by it.
    r = search_index.search("Can I do the NPQSL fully online or do I have to travel to venues?")
    assert r.in_scope and r.hits[0].statement.id == "provider-npqsl-uk#online-only-delivery-model"


def test_a_school_question_leads_with_the_school_wording(search_index: SearchIndex) -> None:
    # A twelfth Ask user test: "how do i keep staff workload down when we're only 5 staff" had
    # been answered in NPQEL 7.P4.2's words first; a trust's question keeps the trust's.
    school = ids(
        search_index.search(
            "how do i keep staff workload down when we're only 5 staff and everyone does everything"
        )
    )
    assert school[:2] == ["NPQSL 7.P4.2", "NPQEL 7.P4.2"], school
    safe = ids(
        search_index.search(
            "leaders should build a culture where staff feel safe to make mistakes and talk "
            "about them"
        )
    )
    assert safe[:2] == ["NPQSL 1.P2.3", "NPQEL 1.P2.3"], safe
    trust = ids(search_index.search("how should our multi-academy trust keep staff workload down"))
    assert trust.index("NPQEL 7.P4.2") < trust.index("NPQSL 7.P4.2"), trust


def test_cognitive_load_and_resistance_to_change_find_their_statements(
    search_index: SearchIndex,
) -> None:
    # Keywords of six blind batches ("cognitive load") and of the nineteenth ("staff resistance
    # to change") had found memory's two elements and behaviour policy before these.
    load = ids(search_index.search("cognitive load"))
    assert {"NPQSL 2.8", "NPQLT 3.4"} <= set(load[:3]), load
    change = ids(search_index.search("staff resistance to change"))
    assert "NPQSL 8.P2.6" in change[:3], change
    # An essay sentence naming the theory keeps its own point (small steps, NPQSL 2.14).
    essay = ids(
        search_index.search(
            "Drawing on cognitive load theory, new content should be introduced in small steps "
            "and explicitly connected to what pupils already know, so as not to overwhelm their "
            "limited processing capacity."
        )
    )
    assert "NPQSL 2.14" in essay[:5], essay


def test_a_statement_asked_for_by_what_it_says_is_searched_for_that(
    search_index: SearchIndex,
) -> None:
    # A thirteenth Ask user test: "is there a statement about building on pupils prior knowledge
    # when sequencing the curriculum (NPQSL)" had led with NPQSL 3.1 (what a curriculum is).
    hits = ids(
        search_index.search(
            "is there a statement about building on pupils prior knowledge when sequencing the "
            "curriculum (NPQSL)"
        )
    )
    assert hits[0] != "NPQSL 3.1" and "NPQSL 2.6" in hits[:3], hits
    assert strip_asking("which statement covers coaching") == "coaching"


def test_the_asking_around_a_citation_request_is_not_searched(search_index: SearchIndex) -> None:
    # A fourteenth Ask user test: "Best evidence on…" had led with NPQSL 6.1 ("evidence-based
    # … cost-effective"), "…citation pls" with 4.7 before the routines statement, and "Can you
    # give me a citation about…" had been judged not covered.
    assert strip_asking("Best evidence on making the most of teaching assistants?") == (
        "making the most of teaching assistants?"
    )
    assert strip_asking("npqsl behaviour routines citation pls") == "npqsl behaviour routines"
    assert strip_asking(
        "Can you give me a citation about being accountable to parents and the community?"
    ) == ("being accountable to parents and the community?")
    assert strip_asking("I need a quote on staff workload") == "staff workload"
    assert strip_asking(
        "For modelling and scaffolding in maths with a mixed Y3/4 class, what would cite?"
    ) == ("For modelling and scaffolding in maths with a mixed Y3/4 class")
    # Words that are the topic stay: "evidence-informed practice" asks about evidence itself.
    assert strip_asking("evidence-informed practice") == "evidence-informed practice"
    assert strip_asking("what should I use for homework?") == "what should I use for homework?"
    ta = ids(search_index.search("Best evidence on making the most of teaching assistants?"))
    assert ta[0] == "NPQSL 5.P1.2", ta
    routines = ids(search_index.search("npqsl behaviour routines citation pls"))
    assert routines[0] == "NPQSL 4.9", routines
    accountable = search_index.search(
        "Can you give me a citation about being accountable to parents and the community?"
    )
    assert accountable.in_scope
    modelling = search_index.search(
        "For modelling and scaffolding in maths with a mixed Y3/4 class, what would NPQLT cite?"
    )
    assert modelling.in_scope and "NPQLT 5.4" in ids(modelling)[:3], ids(modelling)


def test_school_shorthand_for_grouping_and_support_is_read(search_index: SearchIndex) -> None:
    # Setting, one-to-one TAs and a task per table, in users' words (a thirteenth Ask user test
    # had been told the frameworks do not cover setting, a twelfth asked about a TA at a Y2
    # pupil's side all day; a twenty-first blind batch judged "bronze, silver and gold"
    # worksheets uncovered).
    setting = search_index.search("setting by ability doesn't work?")
    assert setting.in_scope
    assert {"NPQSL 2.4", "NPQSL 5.P4.2"} <= set(ids(setting)[:6]), ids(setting)
    assert jargon_read("the same TA 1:1 with them all day since reception")
    velcro = search_index.search("velcro TA")
    assert velcro.in_scope and ids(velcro)[0] == "NPQSL 5.P1.2", ids(velcro)
    assert search_index.search(
        "Our Y2 pupil has 1:1 TA support all day - is that good practice?"
    ).in_scope
    tiers = search_index.search(
        "Making separate 'bronze, silver and gold' worksheets for different tables risks "
        "capping expectations rather than meeting need."
    )
    assert tiers.in_scope and ids(tiers)[0] == "NPQSL 5.7", ids(tiers)
    # "Bottom set" in talk about expectations is no question about setting.
    talk = ids(
        search_index.search(
            "I keep hearing colleagues describe classes as 'the bottom set who can't cope with "
            "that'. I want to shift how we talk about pupils. Where do I start?"
        )
    )
    assert "NPQSL 2.4" not in talk[:3], talk


def test_a_change_to_sustain_and_a_change_to_persist_with(search_index: SearchIndex) -> None:
    # "…so it doesn't fizzle out" asks how to sustain a change (a fourteenth Ask user test had
    # been given the phonics statements alone); a past failure told ("our last three
    # initiatives all fizzled out") is not read so.
    assert jargon_read("What should I consider so it doesn't fizzle out after a term?")
    assert not any(
        "sustain" in r for r in jargon_read("Our last three initiatives all fizzled out")
    )
    phonics = ids(
        search_index.search(
            "I'm introducing a new phonics scheme across Reception and KS1. What should I "
            "consider so it doesn't fizzle out after a term?"
        )
    )
    assert "NPQSL 3.P2.1" in phonics[:3] and "NPQSL 8.P5.2" in phonics[:8], phonics
    # "do I push on or pull it?" with no impact yet (a twenty-first blind batch): delivery's
    # managing expectations until positive signs emerge.
    persist = ids(
        search_index.search(
            "In September we rolled out retrieval quizzes across KS3. By half term several staff "
            "are moaning that it eats lesson time, a few have quietly stopped, and nobody has "
            "seen any impact yet. As the deputy leading it, do I push on or pull it?"
        )
    )
    assert "NPQSL 8.P4.1" in persist[:3], persist
    # Learning gone by the next week is practice and retrieval spaced over time.
    gone = ids(
        search_index.search(
            "Most of our lessons are the teacher talking for forty minutes followed by a "
            "worksheet. The kids seem to get it in the lesson but by the following week it's all "
            "gone. How can I help my team change this?"
        )
    )
    assert gone[0] == "NPQSL 2.12", gone
    # One-off CPD: what makes professional development last, not "ineffective practices".
    cpd = ids(search_index.search("Is one-off CPD ineffective according to NPQSL?"))
    assert cpd[0] == "NPQSL 6.4", cpd


def test_course_questions_get_the_uk_course_and_the_npq_asked_about(
    search_index: SearchIndex,
) -> None:
    # A fourteenth Ask user test: a UK participant's delivery question had been answered from
    # the international page alone, and "Can I do NPQEL after NPQSL…" from an NPQSL entry rule.
    from assistant.answer import Assistant

    delivery = Assistant(search_index).ask(
        "How long is the NPQSL course and is it online or face to face?"
    )
    assert delivery.cited[0] == "provider-npqsl-uk#programme-deliveryhow-is-npqsl-delivered"
    abroad = ids(search_index.search("how much does the NPQSL cost for an international school"))
    assert abroad[0] == "provider-olp-npqsl-international#what-does-it-cost", abroad
    in_person = search_index.search(
        "How is the NPQSL delivered - is it all online or are there sessions in person?"
    )
    assert in_person.in_scope
    after = search_index.search("Can I do NPQEL after NPQSL or do I need to be a head first?")
    assert ids(after)[0] == "dfe-npqel-framework-2020-ocr#who-the-npqel-is-for", ids(after)
    # An aside after the ask ("trying to plan cover") no longer hides the page's answer.
    days = search_index.search(
        "how many face to face days are there on the NPQSL? trying to plan cover"
    )
    assert days.in_scope
    assert ids(days)[0] == "provider-npqsl-uk#programme-deliveryhow-is-npqsl-delivered"
    # An NPQ the corpus does not hold, named in words.
    early = search_index.search("Is there an NPQ specifically for early years leaders?")
    assert not early.in_scope and any("NPQEYL" in n for n in early.notes), early.notes


def test_a_thing_no_statement_names_is_said_and_no_course_page_stands_in(
    search_index: SearchIndex,
) -> None:
    # A fourteenth Ask user test: "the npqsl position on mobile phones" had been answered with
    # NPQSL 4.1 and a course page on a learning platform "enabled for mobiles".
    phones = search_index.search("Whats the npqsl position on mobile phones in schools")
    assert any("mobile phones" in n for n in phones.notes), phones.notes
    assert all(h.statement.kind != "provider_section" for h in phones.hits)
    dive = search_index.search(
        "Ofsted deep dive - what questions do inspectors usually ask subject leads?"
    )
    assert any("deep dive" in n for n in dive.notes), dive.notes


def test_a_schools_administration_and_a_subjects_methods_are_not_covered(
    search_index: SearchIndex,
) -> None:
    # A twenty-second blind batch: each had been answered from statements that name the topic.
    for q in (
        "What are the steps and typical timeline for a maintained school converting to join "
        "our MAT?",
        "Sorry if this is the wrong place, but how often do our staff need to redo their Team "
        "Teach positive handling certification?",
        "Best way to set up breakout rooms on Teams for a 20 person online sesion?",
        "best way to teach column subtraction with exchanging in year 3?",
    ):
        assert not search_index.search(q).in_scope, q
    # A method named in a scene is a detail (twelfth r018: what to coach an ECT on).
    scene = search_index.search(
        "i mentor an ECT in Year 2. Her maths lessons are lively, loads of carpet talk and "
        "whiteboards, everyone looks engaged, but a week later the kids can't remember the "
        "column addition method at all. what should I coach her on first?"
    )
    assert scene.in_scope and "NPQSL 2.12" in ids(scene)[:3], ids(scene)
    # The course's own certificate is a course question still.
    assert search_index.search("Does NPQSL certification count towards a masters?").in_scope


def test_more_requests_and_shorthand_of_the_round(search_index: SearchIndex) -> None:
    # A fifteenth Ask user test and a twenty-second blind batch.
    assert strip_asking(
        "my dept is doing retrieval practice starters every lesson - can i cite something from "
        "to justify it"
    ) == ("my dept is doing retrieval practice starters every lesson")
    assert strip_asking(
        "citation for: a shared and consistently applied behaviour approach matters"
    ) == ("a shared and consistently applied behaviour approach matters")
    starters = ids(
        search_index.search(
            "my dept is doing retrieval practice starters every lesson - can i cite something "
            "from npqlt to justify it"
        )
    )
    assert starters[0] == "NPQLT 5.P1.5", starters
    heading = ids(search_index.search("what's in npqsl 2.P1"))
    assert heading[:4] == ["NPQSL 2.P1", "NPQSL 2.P1.1", "NPQSL 2.P1.2", "NPQSL 2.P1.3"], heading
    assert not search_index.search("how is npqsl assessed? is it a case study task").in_scope
    decoders = search_index.search("weak decoders Y7")
    assert decoders.in_scope and "NPQSL 3.P2.1" in ids(decoders)[:5], ids(decoders)
    qts = search_index.search(
        "One of our middle leaders came into teaching from a therapy background and doesn't "
        "have QTS. Can she still apply for NPQSL?"
    )
    assert qts.in_scope
    trust = ids(
        search_index.search(
            "I'm on NPQEL. Our trust has 8 secondaries and each has its own behaviour policy. "
            "The CEO wants a trust-wide approach. What does NPQEL say about behaviour at trust "
            "level?"
        )
    )
    assert trust[:2] == ["NPQEL 4.P1.1", "NPQEL 4.P2.2"], trust
    stick = ids(
        search_index.search(
            "Our last big initiative (a new marking policy) died after one term. As an SLT member "
            "how do I make the next change stick?"
        )
    )
    assert "NPQSL 8.P5.2" in stick[:3], stick
    assert not jargon_read("make it stick")  # the book on memory, not a change


def test_classroom_and_playground_names_of_the_twenty_third_batch(
    search_index: SearchIndex,
) -> None:
    # Both assessors of a twenty-third blind batch searched "mid-lesson checks" (found:
    # assessment's bullet alone), one "playground name-calling" (found: behaviour systems).
    checks = ids(search_index.search("mid-lesson checks"))
    assert {"NPQLT 7.P1.1", "NPQLT 5.6", "NPQSL 2.18"} <= set(checks[:5]), checks
    bullying = ids(search_index.search("playground name-calling"))
    assert bullying[0] == "NPQSL 4.P5", bullying
