"""Yes-or-no questions about what a framework says (assistant/verify.py), on the real index."""

from __future__ import annotations

from assistant.answer import Assistant
from assistant.verify import asked_claim, check_claim
from index.search import SearchIndex


def test_the_claim_asked_about_is_read_from_the_question() -> None:
    assert (
        asked_claim("Is it right that the NPQSL framework says lessons should be observed?")
        == "lessons should be observed"
    )
    assert (
        asked_claim("am I right in thinking the NPQLT says working memory is limited?")
        == "working memory is limited"
    )
    assert asked_claim("Is it true the DfE says trusts are public bodies") == (
        "trusts are public bodies"
    )
    assert asked_claim("What does NPQSL say about behaviour?") == ""
    assert asked_claim("Is it right?") == ""


def _reading(index: SearchIndex, question: str) -> tuple[str, str]:
    check = check_claim(question, index.search(question, k=10), index)
    assert check is not None
    return check.reading, check.statement.id if check.statement else ""


def test_a_claim_a_statement_says_is_answered_yes(search_index: SearchIndex) -> None:
    assert _reading(
        search_index,
        "Is it true that the NPQSL says consistency at whole-school level is paramount for "
        "behaviour?",
    ) == ("said", "NPQSL 4.1")
    assert _reading(
        search_index,
        "am I right in thinking the NPQLT says working memory is limited and can be overloaded?",
    ) == ("said", "NPQLT 3.4")


def test_a_claim_turned_round_is_said_otherwise(search_index: SearchIndex) -> None:
    reading, sid = _reading(
        search_index, "Is it true that the NPQSL says homework quantity matters more than quality?"
    )
    assert (reading, sid) == ("said_otherwise", "NPQSL 2.5")


def test_a_claim_near_a_statement_by_topic_only_is_not_said(search_index: SearchIndex) -> None:
    # NPQLT 8.P3.1 ("Ensure formative assessment tasks are linked to intended outcomes") is
    # near by its topic (0.77), not its claim: no "yes".
    reading, _ = _reading(
        search_index,
        "Is it right that the framework says formative assessment should be used to adapt "
        "teaching?",
    )
    assert reading == "not_said"
    reading, _ = _reading(
        search_index,
        "Is it right that the NPQSL framework says lessons should be observed and graded?",
    )
    assert reading == "not_said"


def test_the_answer_opens_with_the_reading(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask(
        "Is it true that the NPQSL says homework quantity matters more than quality?"
    )
    first = a.text.splitlines()[0]
    assert first.startswith("**Not as you put it.**") and "[NPQSL 2.5]" in first
    assert not a.report.invalid
    a = Assistant(search_index).ask(
        "Is it right that the NPQSL framework says lessons should be observed and graded?"
    )
    assert a.text.startswith("**No statement says this in so many words.**")
    # What follows is the nearest, not an answer.
    assert "- **Nearest (searched NPQSL only):**" in a.text and "In short" not in a.text


def test_a_statement_quoted_by_the_verdict_is_not_quoted_again(search_index: SearchIndex) -> None:
    # An eleventh Ask user test: "the same quote is printed twice (verdict line, then In short)".
    a = Assistant(search_index).ask(
        "Is it true the framework says a new whole-school behaviour policy will take more than a "
        "term to show impact?"
    )
    assert a.text.startswith("**Yes:** NPQSL 4.3 says it")
    assert a.text.count("can be difficult to change") == 1
    assert "- **In short:** NPQSL 4.3, quoted above. [NPQSL 4.3]" in a.text
    assert a.cited[0] == "NPQSL 4.3" and not a.report.uncited_claims
