"""The assistant: evidence briefs, model answers with validated citations, fallbacks."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer import Answer, Assistant, Turn, contextual_query
from assistant.brief import LOOSE_NOTE
from assistant.citations import check_citations
from assistant.llm import LangChainChat, LLMError, Message
from assistant.settings import LLMSettings
from index.search import QueryError, SearchIndex

pytestmark = pytest.mark.slow


def fake(*responses: str) -> LangChainChat:
    return LangChainChat(FakeListChatModel(responses=list(responses)), "fake")


class Broken:
    name = "broken"

    def invoke(self, messages: Sequence[Message]) -> str:
        raise LLMError("timed out")

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        raise LLMError("connection refused")
        yield ""  # pragma: no cover


def test_brief_answer_cites_only_valid_retrieved_ids(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("How long does a new behaviour policy take to show impact?")
    assert not a.abstained and a.backend == "brief"
    assert "NPQSL 4.3" in a.cited
    assert a.report.invalid == () and a.report.uncited_claims == ()
    assert "[NPQSL 4.3] [NPQEL 4.3]" in a.text  # identical statements merged on one line
    assert set(a.cited) <= {h.statement.id for h in a.hits}


def test_brief_cites_each_frameworks_own_wording_on_its_own_line(
    search_index: SearchIndex,
) -> None:
    a = Assistant(search_index).ask("how do I make sure setting by attainment is subject specific?")
    assert {"NPQEL 5.P3.2", "NPQSL 5.P4.2", "NPQLT 6.P4.2"} <= set(a.cited)
    lines = a.text.splitlines()
    el = next(line for line in lines if "[NPQEL 5.P3.2]" in line)
    sl = next(line for line in lines if "[NPQSL 5.P4.2]" in line)
    # Different texts are never merged under one line of ids.
    assert el != sl and "[NPQSL 5.P4.2]" not in el
    assert search_index.get("NPQSL 5.P4.2").text in sl  # type: ignore[union-attr]
    # Cited statements are not offered again as "related, not cited".
    related = a.text.split("**Related statements**")[-1]
    assert not any(f"{i}:" in related or f"{i} ·" in related for i in a.cited)


def test_no_brief_on_the_question_set_has_an_invalid_or_uncited_line(
    search_index: SearchIndex,
) -> None:
    # The default answerer's contract, on every question of the evaluation set (all kinds,
    # out-of-scope ones included): nothing invalid, nothing claimed without a citation.
    from eval.common import questions

    bot = Assistant(search_index)
    bad = []
    for q in questions("all"):
        a = bot.ask(q["question"])
        if a.invalid_citations or a.report.uncited_claims:
            bad.append((q["qid"], a.invalid_citations, a.report.uncited_claims))
    assert bad == []


def test_a_heading_leading_alone_points_to_its_bullets(search_index: SearchIndex) -> None:
    # A stem alone ("Prepare appropriately for the changes to come by:") had been the whole
    # answer (9 of 865 development answers led with a heading none of whose bullets was found).
    a = Assistant(search_index).ask(
        "How do I prepare the school properly before we launch a big change?"
    )
    lead, note = a.text.splitlines()[:2]
    assert lead.endswith("by: [NPQSL 8.P3] [NPQEL 8.P3] [NPQLT 9.P3]")
    assert note == (
        "  > What it includes is in its 4 bullets: read them in Browse (NPQSL, area 8) before "
        "you cite one."
    )
    assert not a.invalid_citations and not a.report.uncited_claims
    # A heading shown with its bullets gets no such note.
    for question in ("mentoring and coaching", "What is NPQSL 6.P1?"):
        b = Assistant(search_index).ask(question)
        assert "** Ensure colleagues" in b.text or "expert-led conversations" in b.text
        assert "\n  - " in b.text and "What it includes is in its" not in b.text


def test_framework_named_in_question_is_respected(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("What does NPQEL say about economies of scale?")
    assert a.cited and all(i.startswith("NPQEL ") for i in a.cited)
    assert "NPQEL only" in a.text


def test_a_question_about_a_typed_id_cites_that_statement_only(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("What does NPQSL 4.9 mean for my school?")
    assert a.cited == ("NPQSL 4.9",)
    assert search_index.get("NPQSL 4.9").text[:60] in a.text  # type: ignore[union-attr]


def test_a_heading_looked_up_by_its_id_lists_all_its_bullets_in_order(
    search_index: SearchIndex,
) -> None:
    a = Assistant(search_index).ask("What is NPQSL 6.P1?")
    bullets = [f"NPQSL 6.P1.{i}" for i in range(1, 11)]
    assert a.cited[:11] == ("NPQSL 6.P1", *bullets)
    lines = a.text.splitlines()
    assert "**In short (searched NPQSL only):**" in lines[0] and lines[0].endswith("[NPQSL 6.P1]")
    # Each bullet on its own line under the heading, in reading order, not repeated below.
    assert [ln.rsplit("[", 1)[1].rstrip("]") for ln in lines[1:11]] == bullets
    assert all(a.text.count(f"[{b}]") == 1 for b in bullets)


def test_a_number_that_does_not_exist_is_said_first(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("What does NPQSL 9.8 say about community partnerships?")
    assert a.text.startswith("**NPQSL 9.8 does not exist: NPQSL area 9 (Working in Partnership)")
    assert "NPQSL 9.8" not in a.cited
    # Asked for alone: no statements "closest" to the digits (NPQEL 2.10 and 1.2 had been).
    b = Assistant(search_index).ask("NPQEL 4.99")
    assert b.abstained and b.cited == () and b.hits == ()
    assert b.text.startswith("**NPQEL 4.99 does not exist: NPQEL area 4 (Behaviour) has")
    assert "search for its words" in b.text and "Closest" not in b.text


def test_out_of_scope_abstains_with_closest_statements(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("What's the best lasagne recipe for six people?")
    assert a.abstained and a.cited == ()
    assert "don't cover" in a.text and "Closest statements" in a.text


def test_a_loosely_covered_question_is_answered_with_the_nearest_statements_as_such(
    search_index: SearchIndex,
) -> None:
    # Nothing in the frameworks is about chemistry practicals: the brief had answered
    # "In short: prior knowledge plays an important role…" as if they said so.
    a = Assistant(search_index).ask("How should we run GCSE chemistry practicals?")
    assert not a.abstained and a.cited
    assert a.text.startswith(f"> {LOOSE_NOTE}")
    assert "**Nearest:**" in a.text and "In short" not in a.text
    # A question the frameworks answer keeps its plain answer.
    b = Assistant(search_index).ask("How do I help pupils remember things long term?")
    assert LOOSE_NOTE not in b.text and "**In short:**" in b.text
    # A model's answer gets the same warning before its words.
    bot = Assistant(search_index, fake("Prior knowledge matters [NPQSL 2.6]."))
    c = bot.ask("How should we run GCSE chemistry practicals?")
    assert c.backend == "fake" and c.text.startswith(f"> {LOOSE_NOTE}")


def test_provider_question_answered_from_provider_pages(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("How much does the NPQSL cost for international schools?")
    assert "provider-olp-npqsl-international#what-does-it-cost" in a.cited
    assert "£1550" in a.text and "Outstanding Leaders Partnership" in a.text


def test_course_question_about_an_npq_without_pages_says_so_first(
    search_index: SearchIndex,
) -> None:
    # "Can I get funding for NPQEL?": no provider page is about NPQEL. The framework's
    # statement on school funding may still be what was meant, but the answer must not
    # pass it off as the course's funding.
    a = Assistant(search_index).ask("can I get funding for NPQEL?")
    first = a.text.splitlines()[0]
    assert first.startswith("> **The documents here have no course pages about NPQEL**"), first
    assert "ask an NPQ provider" in first
    assert a.report.uncited_claims == ()
    # NPQH is not held at all: no NPQSL price, an abstention that names both sources.
    h = Assistant(search_index).ask("how much does NPQH cost?")
    assert h.abstained and h.cited == ()
    assert "no course pages about NPQH" in h.text
    assert "Neither the NPQ frameworks nor the course pages" in h.text
    assert "£1550" not in h.text and "Fees to be confirmed" not in h.text


@pytest.mark.parametrize(
    "question",
    [
        "How long does the NPQSL take to complete?",  # cited NPQSL 4.2: "take longer to embed"
        "How many hours a week does the NPQSL take?",  # NPQSL 6.4: "hours" of CPD
        "Is the NPQSL hard?",  # NPQSL 9.5: "can be challenging"
        "Can I fail the NPQSL?",  # NPQSL 4.14
        "How much work is the NPQSL?",  # NPQSL 2.8
    ],
)
def test_a_question_about_an_npq_itself_cites_no_framework_statement(
    search_index: SearchIndex, question: str
) -> None:
    a = Assistant(search_index).ask(question)
    assert all("#" in i for i in a.cited), a.cited
    assert "question about the course itself" in a.note
    if a.abstained:
        # No page answers it: the answer says what it read the question as, and who knows.
        assert "a question about the course itself" in a.text and "NPQ provider" in a.text
    # The same words about the frameworks' content still search the frameworks.
    c = Assistant(search_index).ask("Does the NPQSL cover how long a behaviour policy takes?")
    assert c.cited and not any("#" in i for i in c.cited), c.cited


def test_every_cited_provider_page_is_shown_after_a_framework_answer(
    search_index: SearchIndex,
) -> None:
    # A provider page scored just below a practice statement (as "how should we use free
    # school meals data?" put the pre-2021 "Closing the Gap" module): it was counted as cited
    # but never shown, or, with no evidence statement cited, it took the lead.
    from assistant.brief import brief_citations, brief_lines
    from index.hit import Hit
    from index.search import SearchResult

    practice = search_index.get("NPQSL 7.P2.2")
    page = search_index.get("legacy-npqsl-programme-pre2021#closing-the-gap")
    assert practice is not None and page is not None
    hits = (Hit(practice, 0.80, "hybrid"), Hit(page, 0.78, "hybrid"))
    result = SearchResult(
        query="how should we use free school meals data?",
        hits=hits,
        in_scope=True,
        groups=((practice.id,), (page.id,)),
        reranked=True,
    )
    text = "\n".join(brief_lines(result, headings={}))
    assert brief_citations(result) == (practice.id, page.id)
    assert text.startswith("- **In short:**") and f"[{practice.id}]" in text.splitlines()[0]
    assert f"[{page.id}]" in text
    assert text.index("From the NPQ provider pages") > text.index(f"[{practice.id}]")
    assert "superseded" in text


def test_legacy_programme_labelled_superseded(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("What modules did the old pre-2021 NPQSL programme have?")
    assert "superseded" in a.text
    # Offered as a closest page too ("How is the NPQSL assessed?" is not answered by the pages).
    b = Assistant(search_index).ask("How is the NPQSL assessed?")
    legacy = [ln for ln in b.text.splitlines() if "[legacy-" in ln]
    assert b.abstained and legacy
    assert all("the pre-2021 programme, now superseded" in ln for ln in legacy)


def test_streaming_yields_pieces_then_the_answer(search_index: SearchIndex) -> None:
    items = list(Assistant(search_index).stream("What helps pupils remember things?"))
    assert isinstance(items[-1], Answer)
    pieces = [i for i in items if isinstance(i, str)]
    assert len(pieces) > 2 and "".join(pieces).strip() == items[-1].text


def test_model_answer_with_valid_citations(search_index: SearchIndex) -> None:
    bot = Assistant(search_index, fake("Consistency across the school matters most [NPQSL 4.1]."))
    a = bot.ask("Why does whole-school consistency in behaviour matter?")
    assert a.backend == "fake" and a.cited == ("NPQSL 4.1",)
    assert a.report.ok and a.invalid_citations == ()


def test_model_fabricated_and_out_of_evidence_citations_are_reported(
    search_index: SearchIndex,
) -> None:
    text = (
        "Consistency matters [NPQSL 4.1]. Routines help [NPQSL 4.99]. "
        "Governance is key [NPQSL 10.1]."
    )
    a = Assistant(search_index, fake(text)).ask(
        "Why does whole-school behaviour consistency matter?"
    )
    assert "NPQSL 4.99" in a.report.unknown
    assert "NPQSL 10.1" in a.report.not_in_evidence
    assert set(a.invalid_citations) == {"NPQSL 4.99", "NPQSL 10.1"}
    assert "NPQSL 4.99" in a.text  # reported, never silently stripped


def test_model_citation_that_does_not_say_the_claim_is_reported(search_index: SearchIndex) -> None:
    # NPQSL 4.3 exists and is in the evidence, but it is about how long behaviour change
    # takes, not about governors' budgets: the real SmolLM2 run made exactly this kind of slip.
    text = (
        "Behaviour policies usually take more than a term to show their impact [NPQSL 4.3].\n"
        "Governors must publish the school budget on the website every year [NPQSL 4.3]."
    )
    a = Assistant(search_index, fake(text)).ask(
        "How long does a new behaviour policy take to show impact?"
    )
    assert a.invalid_citations == ()  # the id itself is fine…
    flagged = [(u.id, u.sentence) for u in a.report.unsupported]
    assert flagged == [
        (
            "NPQSL 4.3",
            "Governors must publish the school budget on the website every year [NPQSL 4.3].",
        )
    ]  # …one of its two uses is not
    row = a.to_json()["unsupported_citations"]
    assert isinstance(row, list) and row[0]["id"] == "NPQSL 4.3"


def test_model_claims_without_citation_are_marked(search_index: SearchIndex) -> None:
    text = (
        "Behaviour policies take more than a term to show impact. Consistency matters [NPQSL 4.1]."
    )
    a = Assistant(search_index, fake(text)).ask("How long do behaviour policies take to work?")
    assert a.report.uncited_claims == ("Behaviour policies take more than a term to show impact.",)


def test_model_failure_falls_back_to_the_brief_with_a_note(search_index: SearchIndex) -> None:
    a = Assistant(search_index, Broken()).ask("How long does a behaviour policy take to work?")
    assert a.backend == "brief" and "did not answer" in a.note and "connection refused" in a.note
    assert "NPQSL 4.3" in a.cited


class Hanging:
    """A server that accepted the request and then sends nothing (only keep-alives)."""

    def stream(self, messages: list[Message]) -> Iterator[object]:
        time.sleep(3)
        yield from ()


def test_hung_model_times_out_and_falls_back(search_index: SearchIndex) -> None:
    bot = Assistant(search_index, llm=LangChainChat(Hanging(), "hung", idle_timeout_s=0.3))
    a = bot.ask("How long does a new behaviour policy take to show impact?")
    # The idle timeout fired (the model would have ended, empty, after 3 s: no fallback then).
    assert "hung sent nothing for 0.3 s" in a.note
    assert a.backend == "brief" and "NPQSL 4.3" in a.cited


def test_follow_up_uses_the_conversation(search_index: SearchIndex) -> None:
    history = [Turn("What should school leaders do about bullying?", "…")]
    assert contextual_query("and for trusts?", history).startswith("What should school leaders")
    a = Assistant(search_index).ask("and for trusts?", history)
    assert "bully" in a.text.lower()
    assert contextual_query("How do I plan CPD for next year across the school?", history) == (
        "How do I plan CPD for next year across the school?"
    )


def test_a_short_question_with_a_topic_of_its_own_is_no_follow_up(
    search_index: SearchIndex,
) -> None:
    # A usability test: after "How much does the NPQSL cost…?", "What is the best recipe for
    # a lasagne?" was searched with it, and answered with the NPQSL's price.
    history = [Turn("How much does the NPQSL cost and is it still funded?", "…")]
    for q in (
        "What is the best recipe for a lasagne?",
        "What is cognitive load?",
        # Another usability test: searched as "NPQSL what areas does NPQLT cover?", it listed
        # NPQSL's areas too.
        "what areas does NPQLT cover?",
    ):
        assert contextual_query(q, history) == q
    a = Assistant(search_index).ask("What is the best recipe for a lasagne?", history)
    assert a.abstained and not a.cited, a.text
    # Questions that lean on the one before still read it.
    for q in ("why?", "for trusts?", "any research?", "what about NPQEL?", "is it funded?"):
        assert contextual_query(q, history).startswith("How much does the NPQSL cost"), q


def test_a_follow_up_of_a_follow_up_keeps_the_topic(search_index: SearchIndex) -> None:
    # "which statement should I cite for that?" had been searched with "what about across a
    # trust?" alone, and cited NPQSL 1.8 on alignment of staff.
    first = "How do I make behaviour consistent across the school?"
    history = [Turn(first, "…"), Turn("what about across a trust?", "…")]
    q = contextual_query("and which statement should I cite for that?", history)
    assert q.startswith(first)
    a = Assistant(search_index).ask("and which statement should I cite for that?", history)
    assert "NPQSL 4.1" in a.cited or "NPQEL 4.1" in a.cited, a.cited
    # A long chat of follow-ups reads a few turns back, not all of them.
    long_chat = [Turn(first, "…")] + [Turn("and then?", "…")] * 3000
    assert contextual_query("and then?", long_chat) == " ".join(["and then?"] * 6)


def test_a_question_about_the_course_after_a_framework_one_is_its_own(
    search_index: SearchIndex,
) -> None:
    # Searched with "What does the NPQSL say about CPD?" before it, "How long does the NPQSL
    # take?" cited NPQSL 6.4 on CPD hours.
    history = [Turn("What does the NPQSL say about CPD?", "…")]
    assert contextual_query("How long does the NPQSL take?", history) == (
        "How long does the NPQSL take?"
    )
    a = Assistant(search_index).ask("How long does the NPQSL take?", history)
    assert all("#" in i for i in a.cited), a.cited
    # ...and a framework follow-up of a course question reads the frameworks.
    back = [Turn("Is the NPQSL hard?", "…")]
    c = Assistant(search_index).ask("what does it say about coaching?", back)
    assert c.cited and not any("#" in i for i in c.cited), c.cited
    # Only the NPQ carries over, not the course question's words: "doing the NPQEL" had made
    # the follow-up a course question, led by "no course pages about NPQEL".
    back = [Turn("Thinking about doing the NPQEL, how hard is it?", "…")]
    follow_up = "ok, what does it say about trust finance?"
    assert contextual_query(follow_up, back) == f"NPQEL {follow_up}"
    d = Assistant(search_index).ask(follow_up, back)
    assert d.cited and all(i.startswith("NPQEL ") for i in d.cited), d.cited
    assert "no course pages" not in d.text
    # A course follow-up of a course question keeps its context.
    cost = contextual_query("and how much does it cost?", [Turn("How long is the NPQSL?", "…")])
    assert cost == "How long is the NPQSL? and how much does it cost?"


def test_a_question_about_an_npq_no_page_answers_says_to_ask_a_provider(
    search_index: SearchIndex,
) -> None:
    a = Assistant(search_index).ask("Is the NPQLT hard to pass?")
    assert a.abstained and a.cited == ()
    assert a.text.startswith("This reads as a question about the course itself"), a.text


@pytest.mark.parametrize(
    "question",
    [
        "How long does the NPQSL take to complete?",  # had quoted the pre-2021 module list
        "Is the NPQSL hard?",  # had quoted who the course is for
        "Can I switch from the NPQLT to the NPQSL?",
    ],
)
def test_a_course_page_that_does_not_answer_is_offered_not_cited(
    search_index: SearchIndex, question: str
) -> None:
    a = Assistant(search_index).ask(question)
    assert a.abstained and a.cited == (), a.cited
    assert "The course pages here don't answer it" in a.text
    # The nearest pages are still there to read, under their own heading.
    assert "Closest course pages, in case they help:" in a.text


@pytest.mark.parametrize(
    ("question", "page"),
    [
        ("How much does the NPQSL cost?", "provider-npqsl-uk#what-does-it-cost"),
        ("Does the NPQSL count towards a masters?", "provider-npqsl-uk#what-are-the-benefits"),
        ("Is the NPQSL worth it?", "provider-npqsl-uk#what-are-the-benefits"),
        ("Do I need to be a deputy head to do the NPQSL?", "provider-npqsl-uk#who-is-this-for"),
        (
            "How many face-to-face sessions are there in the NPQSL?",
            "provider-npqsl-uk#programme-deliveryhow-is-npqsl-delivered",
        ),
    ],
)
def test_a_course_page_that_answers_is_cited(
    search_index: SearchIndex, question: str, page: str
) -> None:
    a = Assistant(search_index).ask(question)
    assert not a.abstained and a.cited[0] == page, a.cited


def test_a_course_question_with_context_is_read_by_its_ask(search_index: SearchIndex) -> None:
    # A blind batch (eval/data/sixth_questions.jsonl, x053): "who is the NPQSL aimed at? I'm an
    # AHT but only lead on one area at the moment" was said to be unanswered, the pages that
    # say who it is for at the top: the context's words ("one area", "moment") are on no page.
    for q in (
        "who is the NPQSL aimed at? I'm a head of department in a big comprehensive",
        "who is the NPQSL aimed at? I lead one area at the moment",
        "Who is the NPQSL for - I'm a head of year",  # a dash parts it too
    ):
        a = Assistant(search_index).ask(q)
        assert not a.abstained, q
        assert any(c.endswith("#who-is-this-for") for c in a.cited[:2]), a.cited
    # Still unanswered when the ask itself finds no page that says it.
    b = Assistant(search_index).ask("How long does the NPQSL take? I'm a deputy head.")
    assert b.abstained, b.cited


def test_who_pays_for_an_npq_is_answered_by_a_price_page(search_index: SearchIndex) -> None:
    # "pays" had read as no course word: NPQSL 7.P4.4 (on budgets) was cited.
    a = Assistant(search_index).ask("Who pays for the NPQSL?")
    assert not a.abstained and a.cited[0].endswith("#what-does-it-cost"), a.cited


def test_course_questions_no_page_answers_are_mostly_said_to_be_unanswered(
    search_index: SearchIndex,
) -> None:
    # eval/data/course_answerability.jsonl, labelled without the system: before the check,
    # 23 of the 40 design questions were answered with a page that does not answer them.
    from eval.course import answerability

    design = answerability(search_index)["by_set"]["design"]
    assert design["answered wrongly"] <= 5, design
    assert design["said unanswered"] >= 22, design
    assert design["missed the answer"] <= 6, design


def test_empty_question(search_index: SearchIndex) -> None:
    with pytest.raises(QueryError, match="empty"):
        Assistant(search_index).ask("  ")


def test_check_citations_unit() -> None:
    r = check_citations(
        "A [NPQSL 4.1]. B [NPQSL 9.99] and (4.2). C [provider-x#cost].",
        evidence_ids=["NPQSL 4.1", "provider-x#cost"],
        known_ids={"NPQSL 4.1", "NPQSL 4.2", "provider-x#cost"},
    )
    assert r.cited == ("NPQSL 4.1", "NPQSL 9.99", "? 4.2", "provider-x#cost")
    assert r.unknown == ("NPQSL 9.99", "? 4.2") and r.valid == ("NPQSL 4.1", "provider-x#cost")


def test_openai_backend_needs_an_endpoint(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.llm import build_chat_model

    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with pytest.raises(LLMError) as exc:
        build_chat_model(LLMSettings(backend="openai"))
    assert "NPQ_LLM__BASE_URL" in exc.value.help_message
    assert build_chat_model(LLMSettings(backend="none")) is None
    model = build_chat_model(LLMSettings(backend="openai", base_url="http://127.0.0.1:9/v1"))
    assert model is not None and model.name.startswith("openai:")


def test_answer_length_limit_uses_the_name_each_server_reads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # llama.cpp's server ignores max_completion_tokens and generated until its context was
    # full (minutes per answer); local servers get max_tokens, OpenAI's API the newer name.
    from assistant.llm import build_chat_model

    local = build_chat_model(
        LLMSettings(backend="openai", base_url="http://127.0.0.1:9/v1", max_tokens=123)
    )
    payload = local._model._get_request_payload([("human", "hi")])  # type: ignore[union-attr]
    assert payload["extra_body"] == {"max_tokens": 123}
    assert "max_completion_tokens" not in payload
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    hosted = build_chat_model(LLMSettings(backend="openai", max_tokens=123))
    payload = hosted._model._get_request_payload([("human", "hi")])  # type: ignore[union-attr]
    assert payload["max_completion_tokens"] == 123 and "extra_body" not in payload


def test_unreachable_openai_server_falls_back(search_index: SearchIndex) -> None:
    from assistant.llm import build_chat_model

    llm = build_chat_model(
        LLMSettings(backend="openai", base_url="http://127.0.0.1:9/v1", model="x", timeout_s=2)
    )
    a = Assistant(search_index, llm).ask("How long does a behaviour policy take to work?")
    assert a.backend == "brief" and "did not answer" in a.note


def test_cli_ask_jsonl(tmp_path, capsys, search_index, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from assistant import cli
    from assistant.service import Services

    services = Services(cli.settings(), None, search_index, Assistant(search_index))  # type: ignore[arg-type]
    monkeypatch.setattr(cli, "_services", lambda cfg: services)
    qfile = tmp_path / "q.txt"
    qfile.write_text(
        "How long does a behaviour policy take to work?\nlasagne recipe\n", encoding="utf-8"
    )
    assert cli.main(["ask", "--questions-file", str(qfile), "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert set(rows[0]) >= {
        "question",
        "answer",
        "citations",
        "evidence",
        "abstained",
        "invalid_citations",
    }
    assert rows[0]["citations"] and not rows[0]["abstained"] and rows[1]["abstained"]


def test_asking_for_an_area_answers_with_its_statements_cited(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("What is in area 4 of NPQSL?")
    assert a.text.startswith("**NPQSL area 4: Behaviour**")
    assert a.cited[:3] == ("NPQSL 4.1", "NPQSL 4.2", "NPQSL 4.3")
    assert a.invalid_citations == () and a.report.uncited_claims == ()
    # The whole area (40 statements), not its first 12 and a pointer to the rest.
    assert len(a.cited) == 40 and "npq statements --framework NPQSL --area 4" not in a.text
    # Three frameworks' area 7 (106 statements) are cut, and the pointer says where the rest are.
    b = Assistant(search_index).ask("What is in area 7?")
    assert len(b.cited) == 60 and "`npq statements --area 7`, lists them all" in b.text


def test_related_statements_name_other_wordings_on_the_same_line(
    search_index: SearchIndex,
) -> None:
    a = Assistant(search_index).ask("How do I get governors to hold me to account properly?")
    related = a.text.split("**Related statements**")[-1].splitlines()
    items = [line for line in related if line.startswith("- ")]
    assert items
    leads = [line[2:].split(":")[0] for line in items]
    worded = [line for line in items if "(the same point, worded differently: " in line]
    # NPQEL 10.P1.5 says NPQSL 10.P1.4 for a trust: named on NPQSL 10.P1.4's line, never its
    # own item.
    assert worded
    for line in worded:
        lead = search_index.by_id[line[2:].split(":")[0]]
        others = line.rsplit("(the same point, worded differently: ", 1)[1].rstrip(")").split(", ")
        assert lead.text[:60] in line
        for other in others:
            assert other not in leads
            row = search_index.row(lead.id)
            near = {search_index.statements[r].id for r in search_index.counterparts(row)}
            near |= {search_index.statements[r].id for r in search_index.twins(row)}
            assert other in near, (lead.id, other)


@pytest.mark.parametrize(
    "question", ["What does the NPQH say about behaviour?", "Does this cover the NPQH?"]
)
def test_an_npq_the_corpus_lacks_is_said_first(search_index, question: str) -> None:  # type: ignore[no-untyped-def]
    # The note had come after the answer: a user could paste NPQSL 4.x as an NPQH number.
    a = Assistant(search_index).ask(question)
    first = a.text.splitlines()[0]
    assert first.startswith("> **NPQH is not in the documents here.**"), first
    assert "not as NPQH's" in first
    assert not any(c.startswith("NPQH") for c in a.cited)


def test_a_statement_cut_off_in_its_source_is_quoted_as_such(search_index: SearchIndex) -> None:
    # NPQEL 3.P4.1 ends "…and factored into curriculum planning" with no full stop, and no
    # other framework has it to complete it from: the quotation must say so.
    from assistant import essay

    assert search_index.get("NPQEL 3.P4.1").incomplete
    a = Assistant(search_index).ask("what does NPQEL 3.P4.1 say")
    line = next(ln for ln in a.text.splitlines() if "[NPQEL 3.P4.1]" in ln)
    assert "curriculum planning […cut off in the source document] [NPQEL 3.P4.1]" in line
    assert a.report.uncited_claims == ()  # a listed page's second paragraph is no claim
    found = essay.find_evidence(
        "Leaders confirm that assessments are of high quality, externally validated where "
        "available, and factored into curriculum planning.",
        search_index,
        framework="NPQEL",
    )
    rows = essay.evidence_rows(found)
    row = next(r for r in rows if r["ids"] == "NPQEL 3.P4.1")
    assert row["statement"].endswith("[…cut off in the source document]")
    # Completed from a twin, a statement is quoted whole (NPQSL 5.P1.1, from NPQEL 5.P1.1).
    a = Assistant(search_index).ask("what does NPQSL 5.P1.1 say")
    line = next(ln for ln in a.text.splitlines() if "[NPQSL 5.P1.1]" in ln)
    assert "Equality Act (2010). [NPQSL 5.P1.1]" in line


def test_a_heading_leading_the_answer_brings_its_bullets(search_index: SearchIndex) -> None:
    # The answer had been the stem "Support colleagues to explain and model effectively by:"
    # alone, its bullets left under "Related statements".
    a = Assistant(search_index).ask(
        "How should I coach a struggling second year teacher whose explanations are muddled?"
    )
    lines = a.text.splitlines()
    assert lines[0].startswith("- **In short:**") and "P2]" in lines[0]
    heading = search_index.get(a.cited[0])
    assert heading.kind == "practice_heading"
    under = [ln for ln in lines[1:4] if ln.startswith("  - ") and "wording:" not in ln]
    assert under, lines[:5]
    for ln in under:
        sid = ln.rsplit("[", 1)[1].rstrip("]")
        bullet = search_index.get(sid)
        assert bullet.kind == "practice" and bullet.group in a.cited
    assert a.report.uncited_claims == () and a.invalid_citations == ()


def test_each_providers_page_under_the_same_heading_answers(search_index: SearchIndex) -> None:
    # "How much does the NPQSL cost?": the UK page says "Fees to be confirmed"; the other
    # provider's "What does it cost?" (£1550 plus VAT) had been dropped (0.93 of the first).
    a = Assistant(search_index).ask("How much does the NPQSL cost?")
    assert "[provider-npqsl-uk#what-does-it-cost]" in a.text
    assert "[provider-olp-npqsl-international#what-does-it-cost]" in a.text
    assert "£1550" in a.text


def test_an_area_asked_for_as_a_whole_is_listed_whole(search_index: SearchIndex) -> None:
    # "list area 7 of npqlt" had shown the first 12 of its 20 statements.
    a = Assistant(search_index).ask("list area 7 of npqlt")
    area = [s.id for s in search_index.statements if s.framework == "NPQLT" and s.area == 7]
    assert len(area) == 20
    assert [i for i in a.cited if i in area] == area
    assert "Showing the first" not in a.text
    # A search keeps its own top k.
    assert len(search_index.search("NPQLT area 7", k=5).hits) == 5


def test_who_an_npq_is_for_is_answered_from_the_dfe_introduction(
    search_index: SearchIndex,
) -> None:
    # "who is the NPQLT for" had no answer: the DfE frameworks' introductions were not indexed.
    a = Assistant(search_index).ask("who is the NPQLT for?")
    assert a.cited[0] == "dfe-npqel-framework-2020-ocr#who-the-npqlt-is-for", a.cited
    assert a.text.startswith("**From the DfE frameworks' introductions (searched NPQLT only):**")
    assert "leading teaching in a subject, year group, key stage or phase" in a.text
    b = Assistant(search_index).ask("I'm a head of department, which NPQ is right for me?")
    assert b.cited[0] == "dfe-npqel-framework-2020-ocr#who-the-npqlt-is-for", b.text[:300]
    # An introduction holds no price: a funding question about an NPQ without course pages
    # still says so, and cites nothing.
    c = Assistant(search_index).ask("can I get funding for NPQEL?")
    assert c.text.startswith("> **The documents here have no course pages about NPQEL**")
    assert c.abstained and c.cited == ()


def test_a_child_at_risk_gets_what_to_do_first(search_index: SearchIndex) -> None:
    # A user test: "a pupil has just disclosed something worrying to me, what should I do" had
    # been answered with a behaviour statement and nothing else.
    for q in (
        "a pupil has just disclosed something worrying to me, what should I do",
        "A year 8 girl told me her stepdad hits her",
    ):
        a = Assistant(search_index).ask(q)
        assert a.text.startswith("> **If you are worried about a child's safety"), a.text[:200]
        assert "Designated Safeguarding Lead" in a.text and a.report.uncited_claims == ()
        # The statements shown first are the safeguarding ones, searched as such (the
        # disclosure had come back with NPQSL 4.18 on a pupil's behaviour, and 7.P1.1 third).
        first = [h.statement for h in a.hits[:2]]
        assert all("safeguarding" in s.text for s in first), (q, [s.id for s in first])
    # Not for leadership questions that only name the topic, nor for other senses of a word.
    for q in (
        "how should leaders make sure safeguarding training is effective?",
        "we exploit every opportunity for pupils to read",
    ):
        assert "Designated Safeguarding Lead" not in Assistant(search_index).ask(q).text
    # The DSL asking is not told to tell the DSL (a tenth Ask user test).
    a = Assistant(search_index).ask(
        "I'm deputy head and DSL at a secondary. A teacher had known for several days about a "
        "disclosure from a Year 10 girl and hadn't logged it. What does the NPQSL say?"
    )
    assert a.text.startswith("> **If a child may be at risk, act on it now"), a.text[:200]
    assert "as the DSL" in a.text and "tell your Designated Safeguarding Lead" not in a.text


def test_notes_to_the_reader_are_not_citations(search_index: SearchIndex) -> None:
    # "**NPQSL 8.15 does not exist: … practice headings 8.P1–8.P5.**" and "> NPQSL area 3
    # stops at NPQSL 3.6…" had been listed as invalid citations of right answers.
    a = Assistant(search_index).ask("what does NPQSL 8.15 say about sustaining change")
    assert a.text.startswith("**NPQSL 8.15 does not exist")
    assert a.invalid_citations == () and "NPQSL 8.15" not in a.report.cited
    b = Assistant(search_index).ask("which of the frameworks mention teacher workload")
    assert "stops at NPQSL 3.6" in b.text and b.invalid_citations == ()


def test_a_question_not_about_the_course_is_answered_from_the_frameworks(
    search_index: SearchIndex,
) -> None:
    # A user test: the re-ranker put a DfE introduction ("…the Teacher Recruitment and
    # Retention Strategy…") first, and the answer cited it alone.
    a = Assistant(search_index).ask(
        "We can't recruit a maths teacher for the third year running - what does the NPQ say "
        "about recruiting and keeping staff?"
    )
    assert a.cited and not any("#" in c for c in a.cited), a.cited
    assert a.cited[0] == "NPQSL 7.P4.1", a.cited
    # Course pages are still cited for a course question with no course word.
    c = Assistant(search_index).ask("can I do the whole thing from home without going anywhere")
    assert c.cited and c.cited[0].startswith("provider-"), c.cited
    # A course question is still answered from the pages.
    b = Assistant(search_index).ask("How much does the NPQSL cost?")
    assert b.cited[0].endswith("#what-does-it-cost"), b.cited


def test_a_programme_the_frameworks_do_not_name_is_said_so(search_index: SearchIndex) -> None:
    # A user test: "Should we adopt Read Write Inc or Little Wandle…?" was answered "In short:
    # Use systematic synthetic phonics", as if the frameworks chose between the schemes.
    a = Assistant(search_index).ask(
        "Should we adopt Read Write Inc or Little Wandle for our phonics scheme?"
    )
    assert a.text.startswith(
        "> The frameworks don't name “Read Write Inc” or “Little Wandle”; what follows is the "
        "nearest in meaning"
    ), a.text[:200]
    assert any("phonics" in search_index.get(c).text for c in a.cited), a.cited
    # Names the corpus holds are no such case, nor a greeting or a title.
    assert search_index.unknown_names("What does Keeping Children Safe in Education say?") == []
    assert search_index.unknown_names("Hi Sarah, Mrs Patel asked about NPQSL 4.9") == []
    # Nor a person ("my colleague Sarah Jonesy"), nor a query typed in Title Case with a typo.
    for q in (
        "my colleague Sarah Jonesy wants to know what the frameworks say about feedback",
        "How Do I Improve Atendance In Year Nine",
    ):
        assert search_index.unknown_names(q) == [], q
        assert "don't name" not in Assistant(search_index).ask(q).text, q


def test_a_thing_no_statement_names_is_said_so(search_index: SearchIndex) -> None:
    # An eleventh Ask user test: "should we ban mobile phones in school?" had been answered
    # "In short: …maintaining clear behavioural expectations", never saying that no statement
    # names phones.
    a = Assistant(search_index).ask("should we ban mobile phones in school? what does the npq say")
    assert a.text.startswith("> The frameworks don't name “mobile phones”"), a.text[:200]
    # A thing the statements name, an abbreviation spelt out in them, or an act, is no such case.
    for q in (
        "What does NPQSL say about safeguarding and KCSIE?",
        "what does the npq say about homework",
        "Going through exercise books is eating every weekend. What does the NPQLT say about "
        "cutting that down?",
    ):
        assert search_index.unknown_names(q) == [], q
        assert "don't name" not in Assistant(search_index).ask(q).text, q


def test_a_number_beyond_a_short_copy_is_said_up_front(search_index: SearchIndex) -> None:
    # A user test: "NPQSL 3.7 … can you give me the exact wording?" said only in the note
    # under the answer that NPQSL 3.7 is not held, and ended it with "or cite NPQEL 3.7".
    a = Assistant(search_index).ask(
        "My facilitator said NPQSL 3.7 is the one on hinge questions - what is its wording?"
    )
    first = a.text.splitlines()[0]
    assert first.startswith("**NPQSL 3.7 is not in the NPQSL text held here"), first
    assert "NPQEL 3.7 reads “Explicitly teaching pupils" in first and "or cite" not in first
    assert "NPQSL 3.7" not in a.report.cited and "NPQEL 3.7" not in a.report.cited


def test_staff_mental_health_is_the_staffs(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask(
        "does the NPQSL say anything about staff mental health and wellbeing"
    )
    assert a.cited[0] != "NPQSL 1.4", a.text[:300]  # pupils' wellbeing
    assert "NPQSL 7.1" in a.cited[:3]


def test_who_an_npq_is_for_without_a_question_mark(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("who is the NPQLT actually for")
    assert a.cited[0] == "dfe-npqel-framework-2020-ocr#who-the-npqlt-is-for", a.text[:300]


def test_which_npq_for_a_head_of_year(search_index: SearchIndex) -> None:
    # A user test: "I'm a head of year 9, which NPQ should I be doing?" had cited who the NPQH
    # ("head of school") is for; the DfE says the NPQLT is for leading a "year group".
    a = Assistant(search_index).ask("I'm a head of year 9, which NPQ should I be doing?")
    assert a.cited[0] == "dfe-npqel-framework-2020-ocr#who-the-npqlt-is-for", a.text[:300]
    # In a school scene, with no NPQ named, the words are searched as they are.
    r = search_index.search("As head of year 8 how do I tackle bullying?")
    assert not any("year group leader" in n for n in r.notes)


def test_a_range_past_the_last_statement_is_said_once(search_index: SearchIndex) -> None:
    a = Assistant(search_index).ask("NPQSL 4.P2.1-99")
    missing = [ln for ln in a.text.splitlines() if "exist" in ln]
    assert missing == [
        "**NPQSL 4.P2.4 to NPQSL 4.P2.31 (in “NPQSL 4.P2.1-99”) do not exist: NPQSL area 4 "
        "(Behaviour) has evidence statements 4.1–4.21 and practice headings 4.P1–4.P5; NPQSL "
        "4.P2 has bullets 4.P2.1–4.P2.3.**"
    ]
    assert a.cited[0] == "NPQSL 4.P2.1" and a.invalid_citations == ()


def test_a_how_question_leads_with_the_practice_the_search_put_first(
    search_index: SearchIndex,
) -> None:
    # A usability test: "In short" quoted NPQSL 4.3 (how long change takes) for a question on
    # how to make staff apply a behaviour policy consistently; the search's first statement was
    # a practice one on consistent responses.
    q = "How should I lead a new behaviour policy across the school so staff apply it consistently?"
    res = search_index.search(q, k=10)
    top = next(h.statement for h in res.hits if h.statement.kind != "provider_section")
    assert top.kind in ("practice", "practice_heading"), top.id
    a = Assistant(search_index).ask(q)
    lead = a.text.split("**In short", 1)[1].splitlines()[0]
    assert f"[{top.id}]" in lead, lead
    # A question that asks what the evidence says still leads with evidence.
    b = Assistant(search_index).ask("Does a behaviour policy take long to show impact?")
    lead = b.text.split("**In short", 1)[1].splitlines()[0]
    assert "NPQSL 4.3" in lead or "NPQEL 4.3" in lead, lead


def test_a_funding_question_the_pages_do_not_answer_is_told_so(
    search_index: SearchIndex,
) -> None:
    # A usability test: "…and is it still funded for teachers at my school?" was given two
    # prices and nothing on funding. A price alone is given without the note.
    a = Assistant(search_index).ask(
        "How much does the NPQSL cost and is it still funded for teachers at my school?"
    )
    assert a.cited and all("#what-does-it-cost" in i for i in a.cited), a.cited
    assert "do not say whether a place is funded" in a.text, a.text
    b = Assistant(search_index).ask("How much does the NPQSL cost?")
    assert "#what-does-it-cost" in b.cited[0] and "funded (for example" not in b.text


def test_related_statements_say_a_comma_apart_is_punctuation_not_rewording(
    search_index: SearchIndex,
) -> None:
    # NPQEL 6.4 and NPQSL 6.4 differ by a comma: "the same point, worded differently" had
    # overstated it.
    a = Assistant(search_index).ask("How can I make CPD more effective?")
    related = a.text.split("**Related statements**")[-1]
    line = next(x for x in related.splitlines() if x.startswith("- NPQEL 6.4"))
    assert "(the same text, punctuated differently: NPQSL 6.4, NPQLT 8.5)" in line, line
    assert "worded differently" not in line


def test_which_areas_a_framework_has_is_answered_with_its_outline(
    search_index: SearchIndex,
) -> None:
    # A blind search test: "what areas does NPQLT cover" had been judged not covered, with
    # NPQLT 6.1 (the SEND Code's "four areas of need") first; "what topics does the NPQSL course
    # cover?" was answered with NPQSL 3.3 (contestable subject content).
    r = search_index.search("what areas does NPQLT cover", k=3)
    assert r.in_scope and {h.method for h in r.hits} == {"outline"}
    assert [h.statement.area for h in r.hits] == [2, 3, 4, 5, 6, 7, 8, 9]  # all, not k
    # Area 1 (Teaching) has no statements in the framework: it points to the ECF.
    assert "NPQLT area 1 (Teaching) holds no statements in the framework text here" in r.notes
    a = Assistant(search_index).ask("what topics does the NPQSL course cover?")
    assert a.text.startswith("**NPQSL has 10 areas**, in the framework's order:")
    area4 = [s for s in search_index.statements if s.framework == "NPQSL" and s.area == 4]
    evidence = sum(s.kind == "evidence" for s in area4)
    assert f"- **4. Behaviour**: {evidence} evidence statements" in a.text
    # The course page that names the ten areas is cited for them; nothing else is.
    page = "provider-npqsl-uk#national-professional-qualification-npq-senior-leadership"
    assert a.cited == (page,) and a.hits[0].statement.id == page
    assert not a.report.uncited_claims and " holds " not in a.note
    assert a.report.cited == a.report.valid == (page,)
    # Asked of a topic, or of the course's own modules, it is no outline.
    for q in ("what does NPQSL say about behaviour", "How many modules are in the NPQSL?"):
        assert all(h.method != "outline" for h in search_index.search(q).hits), q


def test_a_sixth_ask_user_tests_failures(search_index: SearchIndex) -> None:
    assistant = Assistant(search_index)
    # Course funding asked with the school's pupil premium as its condition: a course
    # question, not one on disadvantaged pupils (had cited NPQSL 1.1).
    a = assistant.ask(
        "Can I get targeted funding for NPQSL if my school has a high proportion of pupil "
        "premium kids?"
    )
    assert not any(c.startswith("NPQSL ") for c in a.cited), a.text
    # Climate change is no school climate (had cited NPQSL 8.12).
    a = assistant.ask("What does NPQSL say about teaching climate change and sustainability?")
    assert a.abstained and not a.cited, a.text
    # A topic the statements at the top name is covered, not warned about as loosely.
    a = assistant.ask(
        "our head wants to bring in 2 hrs homework a night for yr 11. does the npq say "
        "anything abt homework"
    )
    assert "may not speak to this directly" not in a.text and "NPQSL 2.5" in a.cited
    # Related statements are quoted in full, ready to paste; a question not about the course
    # is offered no course page as "closest".
    related = a.text.split("**Related statements**")[1]
    assert "…" not in related
    a = assistant.ask("What's the teachers' pay scale figure for UPS3 this year?")
    assert a.abstained and "provider-" not in a.text, a.text


def test_a_question_naming_two_frameworks_cites_each(search_index: SearchIndex) -> None:
    # A sixth Ask user test: NPQSL 7.P4.6 had been listed as related, not cited.
    a = Assistant(search_index).ask("succession planning for key roles - npqsl and npqel refs?")
    assert {"NPQEL 7.P4.8", "NPQSL 7.P4.6"} <= set(a.cited), a.text
    assert not a.invalid_citations


def test_a_providers_page_is_said_to_be_one_providers(search_index: SearchIndex) -> None:
    # A sixth Ask user test: one provider's online-only model had read as how the NPQSL runs.
    a = Assistant(search_index).ask(
        "Is NPQSL delivered online or do I have to go to face-to-face sessions?"
    )
    assert a.cited and a.cited[0].startswith("provider-")
    assert "> These are one provider's pages" in a.text
    assert not a.report.uncited_claims
    # A page for international schools, asked about from England, is said to be one.
    a = Assistant(search_index).ask(
        "Can I do NPQLT if I teach in a sixth form college rather than a school? And is it "
        "online or face to face?"
    )
    assert "about the course for international schools" in a.text, a.text
    assert not a.report.uncited_claims


def test_provider_answers_cite_the_page_for_the_asker(search_index: SearchIndex) -> None:
    assistant = Assistant(search_index)
    # The international course's fee is not answered with the UK page's as well.
    a = assistant.ask("How much does the international NPQSL cost and do I have to pay VAT?")
    assert a.cited == ("provider-olp-npqsl-international#what-does-it-cost",), a.cited
    # A current page answers; the pre-2021 programme's is not cited beside it.
    a = assistant.ask(
        "I'm a head of department hoping to move onto SLT - am I eligible for NPQSL or do I "
        "need to be a deputy already?"
    )
    assert a.cited and not any(c.startswith("legacy-") for c in a.cited), a.cited
    # ...unless the old programme is asked about.
    a = assistant.ask("How was the old NPQSL final assessment done?")
    assert any(c.startswith("legacy-") for c in a.cited), a.cited


def test_a_seventh_ask_user_tests_failures(search_index: SearchIndex) -> None:
    assistant = Assistant(search_index)
    # A citation asked for a quoted sentence is no question about the course.
    a = assistant.ask(
        "I'm writing: \"Senior leaders should make sure curriculum, assessment and teaching are "
        "aligned with the school's ambitious goals for pupils.\" Can you give me the NPQSL "
        "citation?"
    )
    assert "NPQSL 1.P1.4" in a.cited, a.text
    # …and, the statement holding most of its words, without the "may not speak to this
    # directly" warning.
    assert "may not speak to this directly" not in a.text
    # The course's length asked with "expect … to take" and a second ask is about the course.
    a = assistant.ask(
        "How many hours a week should I expect NPQSL to take, and how long does the whole "
        "course last?"
    )
    assert not any(c.startswith("NPQSL ") for c in a.cited), a.text
    # A topic asked with "cover", examples aside, that a statement names is covered.
    a = assistant.ask("does npqel cover income generation like hiring out the sports hall")
    assert a.cited[:1] == ("NPQEL 7.P3.8",), a.text
    # The SEND Code's graduated approach is no graduation from a course.
    a = assistant.ask(
        "What does NPQEL say about specialist support and the graduated approach across the trust?"
    )
    assert "no course pages" not in a.text and a.cited[0].startswith("NPQEL 5."), a.text
    # A job application is not covered, and is no course question.
    a = assistant.ask("How do I write a good letter of application for a headship?")
    assert a.abstained and not a.cited, a.text
    # A topic in school shorthand ("how TAs should be used") that a top statement names in the
    # frameworks' words (NPQLT 6.P1.1, "teaching assistants … used") is no loose cover.
    a = assistant.ask(
        "In my Y4 class I have 3 pupils with EHCPs and a full-time TA who basically sits with "
        "one boy all day. Our SENCO says that's fine. Does NPQLT say anything about how TAs "
        "should be used?"
    )
    assert "may not speak to this directly" not in a.text, a.text
    # Cost and funding of an NPQ no course page covers: said so, and no statement "on the
    # question's words" (had cited NPQEL 10.P2 on the Education and Skills Funding Agency).
    a = assistant.ask("How much does NPQEL cost and is there DfE funding if I work in a trust?")
    assert "no course pages about NPQEL" in a.text and not a.cited, a.text


def test_a_course_question_from_england_gets_the_uk_page_first(search_index: SearchIndex) -> None:
    # An eighth Ask user test: the international course's price (£1550 + VAT) had come first.
    a = Assistant(search_index).ask("how much does the NPQSL cost and is there funding for it")
    pages = [ln for ln in a.text.splitlines() if ln.startswith("- **What does it cost?**")]
    assert len(pages) == 2
    assert "[provider-npqsl-uk#what-does-it-cost]" in pages[0]
    assert "the course for international schools" in pages[1] and "£1550" in pages[1]
    # Asked about the international course, its page leads.
    a = Assistant(search_index).ask("How much is the international NPQSL?")
    first = next(ln for ln in a.text.splitlines() if ln.startswith("- **"))
    assert "[provider-olp-npqsl-international#what-does-it-cost]" in first


def test_related_statements_are_statements(search_index: SearchIndex) -> None:
    # An eighth Ask user test: DfE introductions' paragraphs and a provider's blurb had been
    # listed among the related statements of framework answers.
    for q in (
        "whats the framework say about disciplinary vs substantive knowledge in the curriculum",
        "What does the NPQEL say about identifying pupils with SEND early?",
        "npqsl assesment reliablity and validty",
    ):
        a = Assistant(search_index).ask(q)
        related = a.text.split("**Related statements**", 1)
        # (None is listed when nothing is left above the floor: the third cites NPQSL 3.P4 and
        # the bullets, and the rest is at P < 0.03.)
        assert len(related) == 2 or q.startswith("npqsl"), q
        assert "#" not in related[-1], (q, related[-1])


def test_a_tenth_ask_user_tests_failures(search_index: SearchIndex) -> None:
    assistant = Assistant(search_index)
    # Frameworks compared with what the comparison is for, not a topic: compared whole.
    for q, lead in (
        (
            "How is the NPQEL different from the NPQSL overall? I need a one-slide summary for "
            "my opening session.",
            "**Comparing NPQEL and NPQSL as a whole",
        ),
        (
            "Im a curriculum lead deciding between NPQLT and NPQSL - what's the main difference "
            "in content?",
            "**Comparing NPQLT and NPQSL as a whole",
        ),
    ):
        a = assistant.ask(q)
        assert a.text.startswith(lead), a.text[:200]
        assert not a.invalid_citations and not a.report.uncited_claims
    # An area the text holds nothing of, or that does not exist, is said so, with the areas.
    a = assistant.ask("What's in NPQLT area 1? Can't find it in my handbook")
    assert a.text.startswith("**NPQLT area 1 (Teaching) has no statements in the framework")
    assert "2 School Culture;" in a.text and "9 Implementation" in a.text and not a.cited
    a = assistant.ask("what does NPQSL area 11 cover")
    assert a.text.startswith("**NPQSL has no area 11.**") and not a.cited
    # A facilitator's session and a scale-up "according to the NPQEL" are no course questions.
    a = assistant.ask(
        "Running an NPQEL session on governance next week - which statements cover the "
        "accounting officer and company/charity law?"
    )
    assert "no course pages" not in a.text
    assert {"NPQEL 10.P1.1", "NPQEL 10.P1.2"} <= set(a.cited), a.cited
    # Statements asked for by number are cited, not one of them and the rest "related".
    a = assistant.ask("give me three statements on implementation I can use as discussion prompts")
    assert a.cited and all(" 8." in c or " 9." in c for c in a.cited), a.cited
    assert len({c.split(" ", 1)[1] for c in a.cited}) >= 2, a.cited
    # A framework asked about that has nothing on it, where another does: said whose it is.
    a = assistant.ask("what does NPQLT say about exclusions?")
    assert a.text.startswith("> **NPQLT has no statement on this in the text here; NPQSL")
    assert a.cited[0] == "NPQSL 7.P2" and not any(c.startswith("NPQLT") for c in a.cited)
    # …but not when it has a statement as near as the others'.
    a = assistant.ask("Does the NPQEL say anything about phonics screening check results?")
    assert "has no statement on this" not in a.text
    # Said in so many words, shorthand or a heading's words included: no "loosely" warning.
    for q, first in (
        ("citation for TAs never replacing high quality teaching - NPQLT please", "NPQLT 6.P1.1"),
        ("exclusions & alternative provision npqsl", "NPQSL 7.P2.4"),
    ):
        a = assistant.ask(q)
        assert "may not speak to this directly" not in a.text and a.cited[0] == first, a.text


def test_related_statements_the_reranker_gives_nothing_are_not_listed(
    search_index: SearchIndex,
) -> None:
    # A tenth Ask user test: NPQEL 6.12 (ECT induction, P 0.02), 2.16 (scaffolds) and 3.19
    # (assessment workload) were listed as related to working with other schools.
    a = Assistant(search_index).ask(
        "what does NPQEL say about working with other schools, e.g. becoming an NLE?"
    )
    assert a.cited[0] == "NPQEL 9.P2.4"
    assert "NPQEL 6.12" not in a.text and "NPQEL 2.16" not in a.text


def test_statements_asked_for_are_counted() -> None:
    from assistant.brief import statements_asked

    assert statements_asked("give me three statements on implementation") == 3
    assert statements_asked("need 3-4 statements about working memory") == 4
    assert statements_asked("a couple of refs for coaching please") == 2
    assert statements_asked("which statements should I use for a session on coaching?") == 3
    assert statements_asked("which statement says pupils learn at different rates?") is None
    assert statements_asked("How do I support my ECTs with behaviour?") is None


def test_an_eleventh_ask_user_tests_failures(search_index: SearchIndex) -> None:
    assistant = Assistant(search_index)
    # Points enumerated are each answered, with the statement that says it.
    a = assistant.ask(
        "I'm writing my NPQSL assignment on implementing a new reading programme across KS2. "
        "Please give me citations for (a) diagnosing the problem before choosing a solution, "
        "(b) identifying the active ingredients, and (c) follow-on coaching after the initial "
        "training."
    )
    assert a.cited == ("NPQSL 8.P2.1", "NPQSL 8.P3.2", "NPQSL 8.7"), a.cited
    assert "- **(b) identifying the active ingredients:**" in a.text
    assert not a.invalid_citations and not a.report.uncited_claims
    a = assistant.ask(
        "for NPQEL give me the refs for (1) having a trust-wide complaints procedure and (2) "
        "acting as a public advocate with the media"
    )
    assert a.cited == ("NPQEL 9.P1.6", "NPQEL 9.P2.6"), a.cited
    a = assistant.ask(
        "Need NPQEL citations for two points in my assignment: that a trust should take "
        "deliberate decisions on its operating model depending on its size and geographical "
        "spread, and that resource management across several schools can deliver economies of "
        "scale."
    )
    assert a.cited == ("NPQEL 7.P3.4", "NPQEL 7.P3.3"), a.cited
    # An area named by its title, or by number with its title, is listed whole.
    for q, first in (
        ("whats in the npqlt adaptive teaching area", "NPQLT 6.1"),
        ("What does NPQEL area 10, governance and accountability, cover?", "NPQEL 10.1"),
    ):
        a = assistant.ask(q)
        assert a.cited[0] == first and len(a.cited) > 10, (q, a.cited)
    # The frameworks' areas asked for with "have" or as an overview: the outline.
    for q in (
        "what areas does the NPQSL have?",
        "Can you give me a quick overview of the three frameworks?",
    ):
        a = assistant.ask(q)
        assert a.text.startswith("**NPQSL has 10 areas**"), (q, a.text[:120])
    # "the actual difference … overall" compares the frameworks whole.
    a = assistant.ask(
        "whats the actual difference between NPQSL and NPQEL overall? are the areas the same "
        "or different"
    )
    assert a.text.startswith("**Comparing NPQSL and NPQEL as a whole"), a.text[:120]


def test_another_documents_word_is_said_not_to_be_held(search_index: SearchIndex) -> None:
    # An eleventh Ask user test: "What does the Ofsted framework say about deep dives…?" had
    # been given "nearest" statements as if they answered it.
    a = Assistant(search_index).ask(
        "What does the Ofsted framework say about deep dives in primary foundation subjects?"
    )
    assert a.text.startswith("> **The Ofsted framework is not in the documents here**")
    a = Assistant(search_index).ask("What does KCSIE say about online safety?")
    assert a.text.startswith("> **KCSIE is not in the documents here**")
    assert a.cited[0] == "NPQSL 7.P1.2"  # which names it
    # The NPQ frameworks' own word is theirs, and a one-word topic a statement names is covered.
    a = Assistant(search_index).ask("what does the NPQSL say about Ofsted?")
    assert "not in the documents here" not in a.text and a.cited[0] == "NPQSL 10.P2", a.text


def test_enumerated_points_are_read_only_when_enumerated() -> None:
    from assistant.parts import enumerated_points

    assert enumerated_points("citations for: a) diagnosis first, b) active ingredients") == [
        ("(a)", "diagnosis first"),
        ("(b)", "active ingredients"),
    ]
    # Not a list: numbers in brackets inside the text, or markers out of order.
    assert enumerated_points("Year 1) phonics and Year 2) reading - what does NPQLT say?") == []
    assert enumerated_points("two points (a) feedback and (c) marking") == []


def test_which_qualification_a_career_needs_is_a_course_question(search_index: SearchIndex) -> None:
    # A twelfth Ask user test: "Do I need to do NPQH after NPQSL…, or is NPQSL enough?" had
    # been answered "In short: A senior leader should play a major role…" (NPQSL 7.8).
    for q in (
        "Do I need to do NPQH after NPQSL if I want to be a substantive head, or is NPQSL enough?",
        "Is NPQSL enough to become a headteacher?",
    ):
        a = Assistant(search_index).ask(q)
        assert not any(c.startswith("NPQ") for c in a.cited), (q, a.cited)
        assert "ask your NPQ provider" in a.text, a.text[:400]
    # Statements asked for are the frameworks'.
    a = Assistant(search_index).ask("do I need NPQSL citations for this essay on behaviour?")
    assert a.cited and a.cited[0].startswith("NPQSL 4."), a.cited


def test_an_inspection_grade_is_said_to_be_unnamed(search_index: SearchIndex) -> None:
    # A twelfth Ask user test: how to get out of Requires Improvement had been answered "In
    # short: …participating in inspections or reviews as required" with no warning.
    a = Assistant(search_index).ask(
        "Ofsted - what do we need to do to get out of Requires Improvement at the next inspection?"
    )
    assert a.text.startswith("> The frameworks don't name “Requires Improvement”"), a.text[:200]
    assert search_index.unknown_names("what does the npqsl say about ofsted") == []


def test_a_schools_own_programme_is_no_course_question(search_index: SearchIndex) -> None:
    # A twelfth Ask user test: "…design a CPD programme for 120 teachers across the trust. What
    # does NPQEL say?" had opened "The documents here have no course pages about NPQEL".
    a = Assistant(search_index).ask(
        "My CEO friend wants to design a CPD programme for 120 teachers across the trust. "
        "What does NPQEL say?"
    )
    assert "no course pages" not in a.text, a.text[:300]
    assert a.cited and a.cited[0].startswith("NPQEL 6."), a.cited
    # The NPQ as a programme, and which NPQ is meant for whom, are still about the courses.
    b = Assistant(search_index).ask("is the NPQSL a good leadership development programme?")
    assert b.cited and b.cited[0].startswith("provider-"), b.cited
    c = Assistant(search_index).ask(
        "Which NPQ is meant for someone heading towards an executive head or trust CEO job?"
    )
    assert c.cited[:1] == ("dfe-npqel-framework-2020-ocr#who-the-npqel-is-for",), c.cited


def test_a_question_asking_only_about_the_course_cites_no_statement(
    search_index: SearchIndex,
) -> None:
    # A thirteenth Ask user test: "how long does NPQEL take and is it online or face to face"
    # had been given NPQEL 4.21 on bullying as what the frameworks say on its words.
    a = Assistant(search_index).ask("how long does NPQEL take and is it online or face to face")
    assert not a.cited, a.cited
    assert "no course pages about NPQEL" in a.text, a.text[:300]
