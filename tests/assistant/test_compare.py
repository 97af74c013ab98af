"""Framework comparisons on the bundled corpus: what is shared, reworded, or found in one only."""

from __future__ import annotations

import pytest

from assistant.answer import Assistant
from assistant.compare import (
    compare,
    comparison_frameworks,
    comparison_lines,
    comparison_topic,
)
from index.search import SearchIndex

pytestmark = pytest.mark.slow

HELD = ("NPQSL", "NPQEL", "NPQLT")


@pytest.mark.parametrize(
    ("question", "frameworks"),
    [
        ("NPQEL vs NPQSL on succession planning", ("NPQSL", "NPQEL")),
        ("how is the EL version of coaching different from the SL one", ("NPQSL", "NPQEL")),
        ("Which frameworks talk about governance?", HELD),
        ("Which NPQ mentions income generation?", HELD),
        ("does the NPQLT cover behaviour at all", HELD),
        ("do all three frameworks mention learning styles being a myth?", HELD),
        ("compare NPQEL 4.P1.2 with the NPQSL equivalent", ("NPQSL", "NPQEL")),
        # Not comparisons: one framework, or no comparing word.
        ("What does NPQEL say about economies of scale?", None),
        ("Does the NPQSL say anything about attendance?", None),
        ("what qualifications should teaching assistants have to run phonics groups?", None),
        ("What's the difference between formative and summative assessment in NPQSL?", None),
    ],
)
def test_comparison_questions_are_read(question: str, frameworks: tuple[str, ...] | None) -> None:
    assert comparison_frameworks(question, HELD) == frameworks


def test_topic_drops_framework_names_and_comparing_words() -> None:
    assert comparison_topic("NPQEL vs NPQSL on succession planning") == "succession planning"
    # Read from the sentence that asks (a fourteenth Ask user test had been shown "pupil
    # motivation self-regulation saw colleague's notes want cite").
    assert (
        comparison_topic(
            "Which framework covers the stuff about pupil motivation and self-regulation? I saw "
            "it in my colleague's NPQLT notes but want to cite NPQSL."
        )
        == "pupil motivation self-regulation"
    )
    assert comparison_topic("I lead maths. How do NPQLT and NPQSL differ on feedback?") == (
        "feedback"
    )
    assert (
        comparison_topic("For literacy, what does NPQLT spell out that NPQSL doesn't?")
        == "literacy"
    )
    assert comparison_topic("compare NPQEL 4.P1.2 with the NPQSL equivalent") == ""
    # A chat's follow-up words are no topic (an eighth Ask user test: "Thanks feedback").
    assert (
        comparison_topic(
            "Thanks - can you give me the NPQEL equivalent of the NPQSL statement on feedback?"
        )
        == "feedback"
    )
    assert (
        comparison_topic(
            "and for NPQEL rather than NPQSL - is the statement on high expectations the same "
            "number there?"
        )
        == "high expectations"
    )
    # A ninth: "what's" and "isn't" had left "'s isn't".
    assert comparison_topic("what's in NPQEL that isn't in NPQSL") == ""
    # An eleventh: "can't" had made "behaviour 't find behaviour"; the sentence that asks is
    # read alone since the fourteenth.
    assert (
        comparison_topic(
            "How does the NPQLT treat behaviour compared to the NPQSL? I can't find a behaviour "
            "area in the NPQLT at all."
        )
        == "behaviour"
    )


def test_reworded_point_is_shown_in_each_frameworks_words(search_index: SearchIndex) -> None:
    cmp = compare(search_index, "NPQEL vs NPQSL on succession planning")
    first = cmp.families[0]
    assert dict(first.by_framework).keys() == {"NPQSL", "NPQEL"}
    assert {s.id for _, ss in first.by_framework for s in ss} == {"NPQSL 7.P4.6", "NPQEL 7.P4.8"}
    assert not first.same_words


def test_point_in_one_framework_only_is_said_so(search_index: SearchIndex) -> None:
    cmp = compare(search_index, "appraisal - is it in NPQSL or only in NPQEL?")
    only = [f for f in cmp.families if f.frameworks == ("NPQEL",)]
    assert "NPQEL 7.P4.3" in {i for f in only for i in f.ids}
    # Every point "found only in NPQEL" really has no NPQSL statement of the same text.
    for f in only:
        for sid in f.ids:
            assert not any(o.startswith("NPQSL") for o in search_index.by_id[sid].same_as)


def test_shared_text_is_one_point_with_every_id(search_index: SearchIndex) -> None:
    cmp = compare(search_index, "do all three frameworks mention learning styles being a myth?")
    fam = next(f for f in cmp.families if "NPQSL 5.9" in f.ids)
    assert fam.same_words and set(fam.ids) == {"NPQSL 5.9", "NPQEL 5.9"}
    assert "NPQLT" not in fam.frameworks


def test_framework_without_the_area_is_named(search_index: SearchIndex) -> None:
    cmp = compare(search_index, "does the NPQLT cover behaviour at all")
    assert any(n.startswith("NPQLT has no area on this") for n in cmp.notes)
    assert all("NPQLT" not in f.frameworks for f in cmp.families if "NPQSL 4.17" in f.ids)


def test_area_that_stops_short_is_warned_about(search_index: SearchIndex) -> None:
    # NPQSL area 3 stops at 3.6 in the provider text held here; NPQEL 3 goes on to 3.19.
    cmp = compare(search_index, "What does the NPQEL say about assessment that NPQSL doesn't?")
    assert any(f.frameworks == ("NPQEL",) for f in cmp.families)
    assert any("NPQSL area 3 stops at NPQSL 3.6" in n for n in cmp.notes)


def test_whole_area_overlap_counts_every_statement(search_index: SearchIndex) -> None:
    cmp = compare(
        search_index,
        "Is the implementation area the same in all three frameworks or does the exec one add "
        "anything?",
    )
    by_fw = {a.framework: a for a in cmp.areas}
    assert set(by_fw) == set(HELD)
    el = by_fw["NPQEL"]
    n_area = sum(1 for s in search_index.statements if s.framework == "NPQEL" and s.area == 8)
    assert el.total == n_area
    for other, same in el.same:
        assert same + dict(el.reworded)[other] <= el.total
    # The trust-level parallel projects bullet is NPQEL's own.
    assert "NPQEL 8.P1.4" in {s.id for s in el.only}


def test_typed_id_without_a_matched_equivalent_shows_the_closest(
    search_index: SearchIndex,
) -> None:
    cmp = compare(search_index, "compare NPQEL 4.P1.2 with the NPQSL equivalent")
    assert cmp.families[0].typed and cmp.families[0].ids == ("NPQEL 4.P1.2",)
    near = dict(cmp.nearest)["NPQSL"]
    assert [s.id for s in near] == ["NPQSL 4.P1.3"]
    assert "NPQSL 4.P1.3" not in cmp.cited  # shown as the closest, not cited as the same


def test_uncovered_topic_is_not_compared(search_index: SearchIndex) -> None:
    cmp = compare(search_index, "Which NPQ framework covers Ofsted grades?")
    assert not cmp.in_scope and not cmp.families


def test_assistant_answers_a_comparison_with_valid_citations(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("NPQEL vs NPQSL on succession planning")
    assert a.text.startswith("**Comparing NPQSL and NPQEL")
    assert set(a.cited) >= {"NPQSL 7.P4.6", "NPQEL 7.P4.8"}
    assert not a.invalid_citations and not a.report.uncited_claims
    # A course question naming two NPQs is not a comparison.
    c = Assistant(search_index).ask("Can I do the NPQSL and the NPQEL at the same time?")
    assert not c.text.startswith("**Comparing")


def test_framework_without_the_point_lists_where_it_uses_the_words(
    search_index: SearchIndex,
) -> None:
    cmp = compare(search_index, "does the NPQLT cover behaviour at all")
    said = dict(cmp.mentions)["NPQLT"]
    assert {"NPQLT 2.4", "NPQLT 5.10", "NPQLT 9.2"} <= {s.id for s in said}
    assert all("behav" in s.text.lower() for s in said)
    a = Assistant(search_index).ask("does the NPQLT cover behaviour at all")
    assert "NPQLT 5.10" in a.cited and not a.invalid_citations


def test_comparison_question_set_names_real_statements(search_index: SearchIndex) -> None:
    from eval.common import read_jsonl
    from eval.comparison import COMPARISON_FILE

    rows = read_jsonl(COMPARISON_FILE)
    assert len(rows) == 48 and {r["set"] for r in rows} == {"design", "held_out"}
    for r in rows:
        ids = set(r["relevant"]) | {i for p in r["reworded_pairs"] for i in p}
        ids |= {i for v in r["only_in"].values() for i in v}
        assert ids <= set(search_index.by_id), r["qid"]
        assert all(i.split()[0] in r["frameworks"] for i in r["relevant"]), r["qid"]


def test_choosing_a_course_is_no_comparison() -> None:
    held = ("NPQSL", "NPQEL", "NPQLT")
    for q in (
        "I'm a head of department, which NPQ is right for me?",
        "which NPQ should I do if I lead KS2?",
        "Which qualification suits a head of year?",
    ):
        assert comparison_frameworks(q, held) is None, q
    assert comparison_frameworks("which frameworks mention learning styles?", held) == held


def test_asking_which_statements_is_no_comparison() -> None:
    # A user test: a Year 6 reading scenario ending "…and which NPQ statements back me up?" was
    # answered as a comparison of all three frameworks on the whole scenario.
    held = ("NPQSL", "NPQEL", "NPQLT")
    for q in (
        "How should I decide what to do, and which NPQ statements back me up?",
        "which framework statement should I cite for retrieval practice?",
        "Which NPQ points support spaced practice?",
    ):
        assert comparison_frameworks(q, held) is None, q
    assert comparison_frameworks("which NPQ talks about succession planning?", held) == held
    assert comparison_frameworks("Which NPQs mention the SENCO?", held) == held


def test_an_area_named_by_its_title_is_compared_whole(search_index: SearchIndex) -> None:
    # A user test: "compare how the NPQSL and NPQEL describe implementation" had been read as
    # the topic "describe implementation" and answered with one statement.
    q = "compare how the NPQSL and NPQEL describe implementation"
    assert comparison_topic(q) == "implementation"
    cmp = compare(search_index, q, ("NPQSL", "NPQEL"))
    assert {(a.framework, a.area) for a in cmp.areas} == {("NPQSL", 8), ("NPQEL", 8)}
    # A word of a title only ("governance" of "Governance and Accountability") stays a topic.
    gov = compare(
        search_index,
        "what does the NPQEL say about governance that the NPQSL doesn't",
        ("NPQSL", "NPQEL"),
    )
    assert gov.areas == ()


def test_a_generic_title_word_names_no_area(search_index: SearchIndex) -> None:
    # A user test: "working memory" had matched "Working in Partnership", and the answer said
    # "NPQLT has no area on this (NPQSL area 9 is Working in Partnership)".
    q = "Is the evidence about working memory the same in NPQLT and NPQSL?"
    text = "\n".join(comparison_lines(compare(search_index, q, ("NPQSL", "NPQLT"))))
    assert "no area on this" not in text and "[NPQLT 3.4]" in text
    behaviour = "\n".join(
        comparison_lines(
            compare(search_index, "compare NPQSL and NPQLT on behaviour", ("NPQSL", "NPQLT"))
        )
    )
    assert "NPQLT has no area on this (NPQSL area 4 is Behaviour)" in behaviour


def test_a_frameworks_take_and_a_situation_told_in_sentences_are_compared(
    search_index: SearchIndex,
) -> None:
    # A sixth Ask user test: the topic had read "'s take behaviour 's", and a situation had
    # been judged uncovered as its bag of words.
    assert comparison_topic("How does NPQEL's take on behaviour differ from NPQSL's?") == (
        "behaviour"
    )
    cmp = compare(
        search_index,
        "Our head judges every teacher on one graded lesson observation a year. Does the NPQ "
        "say anything against that? Compare SL and LT if they differ",
    )
    assert cmp.in_scope
    assert {"NPQSL 7.P4.3", "NPQLT 8.P3.3"} <= set(cmp.cited)


def test_asked_how_an_area_differs_its_reworded_practice_is_shown(
    search_index: SearchIndex,
) -> None:
    # A seventh Ask user test: "the practice bits seem different", and the answer had shown only
    # the statements the two share word for word.
    q = (
        "How is the behaviour area different between NPQSL and NPQEL? The evidence bits look "
        "identical but the practice bits seem different."
    )
    a = Assistant(search_index).ask(q)
    assert "The same practice in each framework's words" in a.text
    assert {"NPQSL 4.P2.1", "NPQEL 4.P2.1"} <= set(a.cited)
    assert not a.invalid_citations
    # Asked whether an area is the same, not how it differs: the counts, not the pairs.
    b = Assistant(search_index).ask("Is the behaviour area the same in NPQSL and NPQEL?")
    assert "The same practice in each framework's words" not in b.text


@pytest.mark.parametrize(
    ("question", "order"),
    [
        ("What's in NPQEL that isn't in NPQSL?", ("NPQEL", "NPQSL")),
        ("What's missing from NPQSL compared with NPQEL?", ("NPQEL", "NPQSL")),
        ("which statements does the NPQSL not have that the NPQEL has", ("NPQEL", "NPQSL")),
        ("What is in NPQSL but not in NPQEL", ("NPQSL", "NPQEL")),
        ("compare npqsl and npqel", ("NPQSL", "NPQEL")),
    ],
)
def test_frameworks_compared_with_no_topic_are_compared_whole(
    search_index: SearchIndex, question: str, order: tuple[str, str]
) -> None:
    cmp = compare(search_index, question)
    assert cmp.whole and cmp.frameworks == order and not cmp.families
    areas = {(a.framework, a.area): a for a in cmp.areas}
    for fw in order:
        held = {s.area for s in search_index.statements if s.framework == fw and s.area}
        assert {n for f, n in areas if f == fw} == held
    # Two frameworks: each statement is matched in the other, in its words or its own, or not.
    for a in cmp.areas:
        ((other, same),) = a.same
        assert same + dict(a.reworded)[other] + len(a.only) == a.total


def test_whole_comparison_lists_what_only_one_framework_has(search_index: SearchIndex) -> None:
    cmp = compare(search_index, "What's in NPQEL that isn't in NPQSL?")
    only = {s.id for a in cmp.areas if a.framework == "NPQEL" for s in a.only}
    # Economies of scale and the trust's operating model are NPQEL's alone; its statements
    # with an identical NPQSL text never are.
    assert {"NPQEL 7.P3.3", "NPQEL 7.P3.4"} <= only
    identical = {
        s.id
        for s in search_index.statements
        if s.framework == "NPQEL" and any(t.startswith("NPQSL ") for t in s.same_as)
    }
    assert identical and not identical & only
    # NPQSL's copy of area 3 stops at 3.6 here: NPQEL 3.7–3.19 are not said to be missing
    # from the framework without a warning.
    assert any("NPQSL area 3 stops at NPQSL 3.6" in n for n in cmp.notes)


def test_assistant_answers_a_whole_comparison_with_valid_citations(
    search_index: SearchIndex,
) -> None:
    a = Assistant(search_index).ask("What's in NPQEL that isn't in NPQSL?")
    assert a.text.startswith("**Comparing NPQEL and NPQSL as a whole")
    assert "**In NPQEL and not in NPQSL:" in a.text
    assert "NPQEL 7.P3.3" in a.cited
    assert not a.invalid_citations and not a.report.uncited_claims
    # An area the other framework has none of is named, not listed id by id.
    lt = "\n".join(
        comparison_lines(compare(search_index, "What does NPQSL have that NPQLT doesn't?"))
    )
    assert "> NPQLT has none of the statements of NPQSL areas 4 (Behaviour, 40 statements);" in lt


def test_a_named_statements_other_version_is_compared_not_read_as_the_course(
    search_index: SearchIndex,
) -> None:
    # The course reader takes "what is the NPQEL version?" for a question about the course; a
    # statement named by id makes it a comparison.
    a = Assistant(search_index).ask("NPQSL 4.P1.2 - what is the NPQEL version?")
    assert a.text.startswith("**Comparing NPQSL and NPQEL")
    assert "**Closest in NPQEL**" in a.text
    assert a.cited[0] == "NPQSL 4.P1.2"


def test_a_heading_found_in_one_framework_names_its_bullets_made_in_the_other(
    search_index: SearchIndex,
) -> None:
    # A thirteenth Ask user test: "Compare NPQLT and NPQSL on lesson planning" had shown NPQSL
    # 2.P1 and NPQLT 5.P1 each "found only in" its framework, with no word of their bullets.
    cmp = compare(search_index, "Compare NPQLT and NPQSL on lesson planning")
    text = "\n".join(comparison_lines(cmp))
    assert (
        "NPQLT has no heading in these words, but makes 3 of its points under NPQLT 5.P1: "
        "NPQSL 2.P1.1 as NPQLT 5.P1.2, NPQSL 2.P1.2 as NPQLT 5.P1.4, NPQSL 2.P1.3 as NPQLT 5.P1.5"
    ) in text, text
    # The headings themselves are not called the same point.
    assert not any({"NPQSL 2.P1", "NPQLT 5.P1"} <= set(f.ids) for f in cmp.families), [
        f.ids for f in cmp.families
    ]


def test_which_statements_are_identical_lists_them(search_index: SearchIndex) -> None:
    # A fifteenth Ask user test: "which statements are identical between npqsl and npqel on
    # school culture" had been answered as a question, citing NPQSL 1.3 and 1.P2.
    q = "which statements are identical between npqsl and npqel on school culture"
    assert comparison_frameworks(q, HELD) == ("NPQSL", "NPQEL")
    answer = Assistant(search_index).ask(q)
    assert "In the same words in both" in answer.text
    same = {"NPQSL 1.1", "NPQSL 1.7", "NPQEL 1.1", "NPQSL 1.P1.1", "NPQEL 1.P1.2"}
    assert same <= set(answer.cited), answer.cited
    assert not answer.invalid_citations
    # Choosing a course is no comparison.
    assert comparison_frameworks("I am choosing between NPQSL and NPQEL", HELD) is None


def test_a_framework_without_the_area_is_the_headline_and_its_mentions_name_their_twins(
    search_index: SearchIndex,
) -> None:
    # A fifteenth Ask user test: "compare npqsl and npqlt on behaviour" had put NPQLT's lack of
    # a Behaviour area in the last note, and listed NPQLT 2.4 without saying it is NPQSL 1.4
    # word for word.
    a = Assistant(search_index).ask(
        "compare npqsl and npqlt on behaviour - what's the same and what's different"
    )
    lines = [line for line in a.text.splitlines() if line.strip()]
    assert lines[1].startswith("> NPQLT has no area on this (NPQSL area 4 is Behaviour)"), lines[:3]
    twin = next(line for line in lines if "[NPQLT 2.4]" in line)
    assert twin.endswith("— the same words as [NPQSL 1.4]"), twin
    # A pointer, like "the same point, worded differently", not one of the comparison's citations.
    assert not a.invalid_citations
