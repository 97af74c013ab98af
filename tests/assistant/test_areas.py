"""Whether a framework has an area on a topic (assistant/areas.py), from the areas' titles."""

from __future__ import annotations

from assistant.answer import Assistant
from assistant.areas import area_answer, area_lines
from index.search import SearchIndex

HELD = ("NPQSL", "NPQEL", "NPQLT")


def test_a_framework_without_the_area_is_told_no_with_its_areas() -> None:
    a = area_answer("Is there an NPQLT area on governance like there is in NPQSL?", HELD)
    assert a is not None and a.asked == ("NPQLT",) and a.topic == "governance"
    assert ("NPQSL", 10, "Governance and Accountability") in a.found
    first, others, _ = area_lines(a)
    assert first.startswith("**No: NPQLT has no area on governance.**")
    assert "9 Implementation" in first and "10 " not in first
    assert others == (
        "Other frameworks have one: NPQSL area 10 (Governance and Accountability); NPQEL area "
        "10 (Governance and Accountability)."
    )
    # The topic before the area word.
    a = area_answer("is there a behaviour area in the NPQLT", HELD)
    assert a is not None and area_lines(a)[0].startswith("**No: NPQLT has no area on behaviour")


def test_a_framework_with_the_area_is_told_yes() -> None:
    a = area_answer("does the NPQEL have a section about SEND?", HELD)
    assert a is not None
    assert area_lines(a)[0].startswith(
        "**Yes:** NPQEL area 5 (Additional and Special Educational Needs and Disabilities)"
    )
    a = area_answer("Has NPQLT got an area for assessment?", HELD)
    assert a is not None and area_lines(a)[0].startswith("**Yes:** NPQLT area 7 (Assessment)")
    # No framework named: the ones that have it, and the one that does not.
    a = area_answer("is there an area on behaviour", HELD)
    assert a is not None
    assert area_lines(a)[0] == (
        "**Yes:** NPQSL area 4 (Behaviour); NPQEL area 4 (Behaviour) (NPQLT has none)."
    )


def test_other_questions_are_not_read_as_area_questions() -> None:
    assert area_answer("Is there a statement about coaching?", HELD) is None
    assert area_answer("What does NPQSL say about behaviour?", HELD) is None
    assert area_answer("Is there an area on mobile phones?", HELD) is None  # none has one


def test_the_answer_opens_with_it(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("Is there an NPQLT area on governance like there is in NPQSL?")
    assert a.text.startswith("**No: NPQLT has no area on governance.**")
    assert not a.report.invalid


def test_an_area_without_statements_here_is_said_to_have_none(search_index: SearchIndex) -> None:
    # A regrade of the eighth Ask test: NPQLT's "1 Teaching" was listed as if it held some.
    a = Assistant(search_index).ask("Is there an NPQLT area on governance?")
    first = a.text.splitlines()[0]
    assert "1 Teaching (no statements in the framework text here); 2 School Culture" in first


def test_a_topic_without_an_area_points_to_the_heading_that_holds_it(
    search_index: SearchIndex,
) -> None:
    # A ninth Ask user test: "No: NPQSL has no area on safeguarding" had misled, since NPQSL
    # 7.P1's bullets are on it.
    a = Assistant(search_index).ask("does NPQSL have an area on safeguarding?")
    first = a.text.splitlines()[0]
    assert first.startswith("**NPQSL has no area named for safeguarding, but practice")
    assert "NPQSL 7.P1 (area 7, Organisational Management)" in first
    # A heading whose bullets name it only as an example is no such heading.
    a = Assistant(search_index).ask("is there a behaviour area in the NPQLT")
    assert a.text.startswith("**No: NPQLT has no area on behaviour.**")
    # Named in another area, the topic is searched, not declined as not covered.
    a = Assistant(search_index).ask("is there an NPQEL area on finance?")
    assert "NPQEL 7.P3 (area 7, Organisational Management)" in a.text
    assert not a.abstained and a.cited
