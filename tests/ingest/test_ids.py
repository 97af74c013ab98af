"""The citation parser: every spelling users type, and what it must not read as a citation."""

from __future__ import annotations

import pytest

from ingest.ids import find_citations, parse_id, resolve_bare, without_citations


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("(NPQSL 4.9)", ["NPQSL 4.9"]),
        # Spellings a user test found: the area's name with a practice number, a space before
        # the P, and the framework's long name before "Framework".
        ("(NPQSL Behaviour P2.1)", ["NPQSL 4.P2.1"]),
        ("(NPQSL Behaviour, P2)", ["NPQSL 4.P2"]),
        ("(NPQSL Behaviour 4.P2.1)", ["NPQSL 4.P2.1"]),  # had been read as NPQSL 4.4
        ("(NPQSL Behaviour 4.9)", ["NPQSL 4.9"]),
        ("(NPQSL Behaviour 5.9)", []),  # the name and the number disagree: no id guessed
        ("(NPQSL 4 P2.1)", ["NPQSL 4.P2.1"]),
        ("(Senior Leadership Framework, 4.9)", ["NPQSL 4.9"]),
        ("our senior leadership team met 4 times", []),
        ("(NPQSL, 4.9)", ["NPQSL 4.9"]),
        ("NPQ SL 4.9", ["NPQSL 4.9"]),
        ("[NPQEL 2.12]", ["NPQEL 2.12"]),
        ("npqsl 4.9", ["NPQSL 4.9"]),
        ("NPQSL Behaviour 9", ["NPQSL 4.9"]),
        ("(NPQLT, Assessment, 2)", ["NPQLT 7.2"]),
        ("(DfE, 2020, NPQSL 4.9)", ["NPQSL 4.9"]),
        ("NPQLT 9.P2.1", ["NPQLT 9.P2.1"]),
        ("NPQEL 7.P3.3", ["NPQEL 7.P3.3"]),
        ("NPQSL 4.p2", ["NPQSL 4.P2"]),
        ("NPQSL 4.9–4.11", ["NPQSL 4.9", "NPQSL 4.10", "NPQSL 4.11"]),
        ("NPQSL 4.9-4.11", ["NPQSL 4.9", "NPQSL 4.10", "NPQSL 4.11"]),
        ("NPQSL 4.9 and 4.10", ["NPQSL 4.9", "NPQSL 4.10"]),
        ("NPQSL 4.9, 4.10, 5.1", ["NPQSL 4.9", "NPQSL 4.10", "NPQSL 5.1"]),
        ("NPQSL statement 2.8", ["NPQSL 2.8"]),
        ("(NPQ EL 7.7)", ["NPQEL 7.7"]),
        ("(NPQSL, Implementation, 12)", ["NPQSL 8.12"]),
        ("NPQLT School Culture 2", ["NPQLT 2.2"]),
        ("NPQEL Trust Culture 8", ["NPQEL 1.8"]),
        ("NPQSL SEND 9", ["NPQSL 5.9"]),
        ("(DfE, 2020a, p.12; NPQEL 3.4)", ["NPQEL 3.4"]),
        ("NPQH 2.3", ["NPQH 2.3"]),
        ("NPQSL 0.1", ["NPQSL 0.1"]),
        ("NPQSL4.9", ["NPQSL 4.9"]),
        ("NPQSL (4.9)", ["NPQSL 4.9"]),
        ("NPQSL(4.9)", ["NPQSL 4.9"]),
        ("NPQ(SL) 4.9", ["NPQSL 4.9"]),
        ("NPQ-SL 4.9", ["NPQSL 4.9"]),
        ("NPQEL (2020) 2.12", ["NPQEL 2.12"]),
        ("DfE (2020) NPQSL 4.9", ["NPQSL 4.9"]),
        ("NPQSL area 4, statement 9", ["NPQSL 4.9"]),
        ("NPQ for Senior Leadership 4.9", ["NPQSL 4.9"]),
        ("National Professional Qualification in Leading Teaching 3.8", ["NPQLT 3.8"]),
        ("NPQSL 4.9/4.10", ["NPQSL 4.9", "NPQSL 4.10"]),
        ("NPQSL 4.9 or 4.10", ["NPQSL 4.9", "NPQSL 4.10"]),
        ("NPQSL §4.9", ["NPQSL 4.9"]),
        ("NPQSL-4.9", ["NPQSL 4.9"]),
        ("NPQ-SL – 4.P2.3", ["NPQSL 4.P2.3"]),
        ("(NPQSL-2020-4.9)", ["NPQSL 4.9"]),
        ("NPQSL 2020-21 cohort", []),
        ("NPQSL (DfE, 2020) 4.9", ["NPQSL 4.9"]),
        ("NPQSL 4.P2 bullet 3", ["NPQSL 4.P2.3"]),
        ("NPQSL 4.P2, bullet point 3", ["NPQSL 4.P2.3"]),
        ("NPQSL 4.P2(3)", ["NPQSL 4.P2.3"]),
        # a bullet number after an evidence statement or a bullet is no bullet of it
        ("NPQSL 4.9 (3)", ["NPQSL 4.9"]),
        ("NPQSL 4.P2.3 bullet 2", ["NPQSL 4.P2.3"]),
        ("NPQSL 4.P2 (3 bullets)", ["NPQSL 4.P2"]),
        ("NPQSL 4.9 or 10 pupils", ["NPQSL 4.9"]),
        # the short name alone, in capitals, right before a number; no dot before a P
        ("SL 4.9", ["NPQSL 4.9"]),
        ("(EL 2.12)", ["NPQEL 2.12"]),
        ("(SL, 4.9)", ["NPQSL 4.9"]),
        ("LT 3.P1.2", ["NPQLT 3.P1.2"]),
        ("npqel 7p3.3", ["NPQEL 7.P3.3"]),
        ("NPQSL 4P2", ["NPQSL 4.P2"]),
        # A blind set of 220 spellings (twelfth-round parser work): a bullet range written
        # short had been read as an evidence statement ("NPQSL 4.P2.1-3" as NPQSL 4.3).
        ("NPQSL 4.P2.1-3", ["NPQSL 4.P2.1", "NPQSL 4.P2.2", "NPQSL 4.P2.3"]),
        ("NPQLT 8.P1.2–5 are", ["NPQLT 8.P1.2", "NPQLT 8.P1.3", "NPQLT 8.P1.4", "NPQLT 8.P1.5"]),
        ("NPQSL 4.P2.1–4.P2.3", ["NPQSL 4.P2.1", "NPQSL 4.P2.2", "NPQSL 4.P2.3"]),
        ("NPQSL 4.P1-4.P3", ["NPQSL 4.P1", "NPQSL 4.P2", "NPQSL 4.P3"]),
        (
            "NPQSL 8.P3.1–8.P3.3, plus NPQSL 8.7",
            ["NPQSL 8.P3.1", "NPQSL 8.P3.2", "NPQSL 8.P3.3", "NPQSL 8.7"],
        ),
        ("NPQSL 4.20-5.2", ["NPQSL 4.20", "NPQSL 5.2"]),  # across areas: its two ends
        ("NPQSL 4.9-11 deal with it", ["NPQSL 4.9", "NPQSL 4.10", "NPQSL 4.11"]),
        ("NPQLT 6.1 through 6.3", ["NPQLT 6.1", "NPQLT 6.2", "NPQLT 6.3"]),
        ("NPQSL 4.9, 10 and 12 were used", ["NPQSL 4.9", "NPQSL 4.10", "NPQSL 4.12"]),
        ("NPQSL 4.P2.1, .2 and .3", ["NPQSL 4.P2.1", "NPQSL 4.P2.2", "NPQSL 4.P2.3"]),
        ("NPQSL 2.P3 bullets 2 and 4", ["NPQSL 2.P3.2", "NPQSL 2.P3.4"]),
        ("NPQEL 3.P4, bullets 1-3", ["NPQEL 3.P4.1", "NPQEL 3.P4.2", "NPQEL 3.P4.3"]),
        ("(NPQSL 4.P2(iii))", ["NPQSL 4.P2.3"]),
        ("NPQSL 4.P.2.3", ["NPQSL 4.P2.3"]),
        ("NPQSL 4 P2 3", ["NPQSL 4.P2.3"]),  # had been the heading, 4.P2
        ("In the NPQSL, area 4, practice 2, bullet 3", ["NPQSL 4.P2.3"]),
        ("NPQSL (Behaviour) 4.9", ["NPQSL 4.9"]),
        ("(NPQSL 4,9)", ["NPQSL 4.9"]),
        ("(NPQSL 4:9)", []),  # not read: "NPQEL 1:1 coaching"
        ("NPQEL 1:1 coaching at 2.15", []),
        ("see NPQSL4,9", ["NPQSL 4.9"]),
        ("(NPQSL 4..9)", ["NPQSL 4.9"]),
        ("(NPSQL 4.9)", ["NPQSL 4.9"]),
        ("(NQPSL 4.9)", ["NPQSL 4.9"]),
        ("(NPQTL 7.3)", ["NPQLT 7.3"]),
        ("(NPEQL 2.12)", ["NPQEL 2.12"]),
        ("NPQ Executive Leadership 10.P1.6", ["NPQEL 10.P1.6"]),
        ("The NPQ for Senior Leaders, para 8.10", ["NPQSL 8.10"]),
        ("NPQSL & NPQEL 4.9", ["NPQSL 4.9", "NPQEL 4.9"]),
        ("(NPQSL/NPQEL 2.12)", ["NPQSL 2.12", "NPQEL 2.12"]),
        ("NPQSL 4.9 and NPQEL 2.12", ["NPQSL 4.9", "NPQEL 2.12"]),
        # glued to a letter or a third number: no id is guessed
        ("NPQSL 4.1O says", []),
        ("NPQSL 4.9.21 session notes", []),
        ("NPQSL 4.2.3", []),
        ("NPQSL 4.9, 10 pupils", ["NPQSL 4.9"]),
        ("NPQSL 4.9 and 10 other statements", ["NPQSL 4.9"]),
        ("NPQSL 4.9 - 12 schools joined", ["NPQSL 4.9"]),
        ("NPQSL 2,5 hours a week", []),
        ("NPQSL 4:30pm session", []),
    ],
)
def test_spellings(text: str, ids: list[str]) -> None:
    assert [c.id for c in find_citations(text)] == ids


@pytest.mark.parametrize(
    "text",
    [
        "NPQSL International costs £1550.00 plus VAT",
        "a 4.5% rise in attendance",
        "we met at 3.30 pm",
        "version 2.1 of the policy",
        "see page 4.",
        "the NPQSL (4.5 hours a week)",
        "NPQSL 4.5 hours of study",
        "the NPQSL 2021 cohort of 12",
        "our SLT 4.9 million budget",
        "sl 4.9 metres",
        "EL 22 and LT 3",
        "Year 7p3 timetable",
    ],
)
def test_not_citations(text: str) -> None:
    assert [c for c in find_citations(text) if c.framework is not None or "%" in text] == []
    assert all(c.framework is None for c in find_citations(text))


def test_bare_number_is_ambiguous_without_a_framework_in_reach() -> None:
    text = "As the framework says (4.9), routines matter."
    (c,) = find_citations(text)
    assert c.framework is None and (c.area, c.number) == (4, "9")
    assert resolve_bare([c], text)[0].framework is None


def test_a_bare_practice_id_is_read_anywhere() -> None:
    # Nothing else is written "8.P3.2"; an evidence number in running text ("at 4.30") is not read.
    text = "For the NPQEL I focused on area 7, particularly 7.P3.11 and 7.P3.12, at 4.30 today."
    cites = resolve_bare(find_citations(text), text)
    assert [c.id for c in cites] == ["NPQEL 7.P3.11", "NPQEL 7.P3.12"]


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("Routines help (4.9, 4.10).", ["4.9", "4.10"]),
        ("Routines help (DfE, 2020, 4.9; 4.10).", ["4.9", "4.10"]),
        ("Routines help (statements 4.1; 4.9).", ["4.1", "4.9"]),
        # Numbers of other things in a bracket, or after a comma in running text.
        ("the three sessions (Sessions 5.1, 5.2 and 5.3 in Appendix B)", []),
        ("(mean rating 2.3 out of 5 before, 3.4 after)", []),
        ("We met on Tuesday, 4.30 was the time.", []),
    ],
)
def test_a_bare_number_after_a_comma_only_in_a_list_of_citations(
    text: str, bare: list[str]
) -> None:
    found = [c for c in find_citations(text) if c.framework is None]
    assert [f"{c.area}.{c.number}" for c in found] == bare


def test_bare_number_takes_the_only_framework_the_text_names() -> None:
    text = "NPQSL 4.1 says consistency matters. Routines help too (4.9)."
    cites = resolve_bare(find_citations(text), text)
    assert [c.id for c in cites] == ["NPQSL 4.1", "NPQSL 4.9"]
    two = text + " NPQEL 4.2 agrees."
    assert resolve_bare(find_citations(two), two)[1].framework is None


def test_offsets_point_at_the_raw_text() -> None:
    text = "Evidence (NPQSL, 4.9) shows it."
    (c,) = find_citations(text)
    assert text[c.start : c.end] == c.raw == "NPQSL, 4.9"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("NPQSL 4.9", "NPQSL 4.9"),
        ("npq sl 4.p2.3", "NPQSL 4.P2.3"),
        ("[NPQEL 7.P3.3]", "NPQEL 7.P3.3"),
        ("succession planning", None),
        ("what does NPQSL 4.9 say about routines", None),
    ],
)
def test_parse_id(query: str, expected: str | None) -> None:
    assert parse_id(query) == expected


@pytest.mark.parametrize(
    ("text", "filler", "expected"),
    [
        # The two ids of a list share one span: the words after it stay.
        (
            "Pupils forget things (NPQSL 2.12, 2.13) unless retrieval is spaced out.",
            "",
            "Pupils forget things () unless retrieval is spaced out.",
        ),
        ("NPQSL 4.9, 4.10 and NPQEL 2.12 on memory", " ", "  and   on memory"),
        ("(DfE, 2020, NPQSL 4.9)", "", "(DfE, 2020, )"),
        ("no citation here", "", "no citation here"),
    ],
)
def test_without_citations_cuts_each_span_once(text: str, filler: str, expected: str) -> None:
    assert without_citations(text, filler=filler) == expected


def test_two_frameworks_named_together_by_their_long_names() -> None:
    from ingest.ids import frameworks_named

    # A ninth Ask user test: no comparison had been read.
    q = (
        "how is the behaviour content different between the senior leadership and executive "
        "leadership frameworks"
    )
    assert frameworks_named(q) == {"NPQSL", "NPQEL"}
    assert frameworks_named("the senior leadership NPQs") == {"NPQSL"}
    # Not a framework: the job.
    assert (
        frameworks_named("senior leadership and executive leadership are different jobs") == set()
    )


def test_the_early_years_npq_named_in_words() -> None:
    from ingest.ids import find_citations, frameworks_named

    # A twenty-first blind batch: "Is there an NPQ specifically for early years leaders?" had
    # been answered from course pages about the NPQs held.
    assert frameworks_named("Is there an NPQ specifically for early years leaders?") == {"NPQEYL"}
    assert frameworks_named("the NPQ in early years") == {"NPQEYL"}
    assert frameworks_named("NPQ for Early Years Leadership") == {"NPQEYL"}
    # Early years as a phase, with no NPQ before it, names none.
    assert frameworks_named("our early years leaders and the senior team") == set()
    # Long names keep their ids.
    (c,) = find_citations("NPQ for Senior Leadership 4.9")
    assert (c.framework, c.area, c.number) == ("NPQSL", 4, "9")
