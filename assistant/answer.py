"""Answers to leadership questions, with validated citations.

Example:
    >>> bot = Assistant(search_index)                         # doctest: +SKIP
    >>> a = bot.ask("How long before a behaviour policy shows impact?")  # doctest: +SKIP
    >>> a.cited                                               # doctest: +SKIP
    ('NPQSL 4.3', 'NPQEL 4.3', ...)
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from assistant.areas import area_answer, area_lines, missing_area, missing_area_lines
from assistant.brief import (
    absent_lines,
    abstain_lines,
    brief_citations,
    brief_lines,
    child_at_risk,
    is_listing,
    is_outline,
    loose_lines,
    missing_lines,
    other_document_lines,
    safeguarding_lines,
)
from assistant.citations import CitationReport, UnsupportedCitation, check_citations
from assistant.compare import compare, comparison_frameworks, comparison_lines
from assistant.essay import TextError, check_essay
from assistant.llm import ChatModel, LLMError, Message
from assistant.parts import answer_points, parts_lines
from assistant.prompts import EVIDENCE_HEADER, SYSTEM, USER, format_evidence
from assistant.verify import check_claim, claim_lines
from index.hit import Hit
from index.search import (
    SearchIndex,
    SearchResult,
    about_the_course,
    asked_keywords,
    asks_outline,
    frameworks_in_question,
    strip_framework_names,
)
from index.store import tokenize
from ingest.frameworks import AREA_TITLES, FRAMEWORK_NAMES
from ingest.ids import find_citations
from ingest.records import Statement

# Words that mark a follow-up leaning on the previous question ("and for trusts?").
_FOLLOW_UP_RE = re.compile(
    r"^\s*(and|but|what about|how about|also|same|so|then|ok|okay)\b|\b(it|that|this|they|those|"
    r"them|these)\b",
    re.IGNORECASE,
)
EVIDENCE_FOR_MODEL = 8
# An area asked for as a whole ("list area 7 of NPQLT") is shown whole: the largest holds 45
# statements (NPQEL 7); three frameworks' area 7 together hold more, and are cut with a note.
AREA_LISTED_MAX = 60


@dataclass(frozen=True, slots=True)
class Turn:
    """One earlier exchange of a conversation."""

    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer and everything needed to trust it.

    Attributes:
        question: As asked.
        text: Markdown, every claim cited as ``[NPQSL 4.1]``.
        cited: Ids the answer cites as support, in order.
        hits: The evidence retrieved (what a model was given).
        abstained: True when the frameworks don't cover the question.
        report: Citation validation of ``text``.
        backend: ``brief`` (no model) or the model's name.
        note: Anything the user should see (a model failure and fallback, a framework filter).
        settings_hash: Settings that produced the answer.
        search_query: What was searched (a follow-up is searched with its context).
        seconds: Time taken.
    """

    question: str
    text: str
    cited: tuple[str, ...]
    hits: tuple[Hit, ...]
    abstained: bool
    report: CitationReport
    backend: str = "brief"
    note: str = ""
    settings_hash: str = ""
    search_query: str = ""
    seconds: float = 0.0
    frameworks: tuple[str, ...] = field(default_factory=tuple)

    @property
    def invalid_citations(self) -> tuple[str, ...]:
        """Cited ids that do not exist or were not in the evidence."""
        return self.report.invalid

    def to_json(self) -> dict[str, object]:
        """The ``npq ask --format json`` shape."""
        return {
            "question": self.question,
            "answer": self.text,
            "citations": list(self.cited),
            "evidence": [h.statement.id for h in self.hits],
            "abstained": self.abstained,
            "invalid_citations": list(self.invalid_citations),
            "uncited_claims": list(self.report.uncited_claims),
            "unsupported_citations": [u.to_json() for u in self.report.unsupported],
            "backend": self.backend,
            "note": self.note,
            "settings_hash": self.settings_hash,
        }


FOLLOW_UP_CONTEXT_WORDS = 40  # a follow-up of a follow-up keeps its topic, up to this length
FOLLOW_UP_DEPTH = 4  # ...reading at most this many turns back
FOLLOW_UP_OWN_KEYWORDS = 2  # a short question with this many keywords has a topic of its own


def contextual_query(
    question: str,
    history: Sequence[Turn],
    course_like: Callable[[str], bool] | None = None,
) -> str:
    """The question to search: a short follow-up is searched together with the last question.

    The last question is read in its own context first, so a follow-up of a follow-up keeps
    the topic ("How do I make behaviour consistent?" → "what about across a trust?" → "which
    statement should I cite for that?"), up to `FOLLOW_UP_CONTEXT_WORDS` words.
    ``course_like`` is the index's course reader (see ``about_the_course``).
    """
    q = question.strip()
    if not history:
        return q
    short = len(q.split()) <= 8

    def about(text: str) -> bool:
        return about_the_course(text, course_like)

    # "How long does the NPQSL take?" after a question on CPD is a question of its own; so is
    # a short question with a topic of its own ("What is the best recipe for a lasagne?" after
    # a question on the NPQSL's cost had been answered with its price; "What is cognitive
    # load?"), while "for trusts?", "why?" or "any research?" lean on the one before.
    # Which areas an NPQ has is a question of its own too: "what areas does NPQLT cover?"
    # after two NPQSL questions had been searched with the NPQSL (a usability test).
    own_topic = len(asked_keywords(q)) >= FOLLOW_UP_OWN_KEYWORDS or (
        asks_outline(q) and bool(frameworks_in_question(q))
    )
    if short and not about(q) and (_FOLLOW_UP_RE.search(q) or (q.endswith("?") and not own_topic)):
        # The turns before it, a few at most (a long chat must not recurse through all).
        last = contextual_query(history[-1].question, history[:-1][-FOLLOW_UP_DEPTH:], course_like)
        if len(last.split()) > FOLLOW_UP_CONTEXT_WORDS:
            last = history[-1].question.strip()
        if about(last) and not about(f"{last} {q}"):
            # "Thinking about doing the NPQEL, how hard is it?" → "what does it say about trust
            # finance?": only the NPQ carries over, not the course question's words.
            return " ".join([*sorted(frameworks_in_question(last)), q])
        return f"{last} {q}"
    return q


ELSEWHERE_NEAR = 0.8  # of the best P: a statement of the framework asked about this near stands
ELSEWHERE_LOOSE_WORDS = 2  # keywords a loosely found statement must share with the question


class Assistant:
    """Answers questions from a search index, with an optional chat model.

    Holds the index, the model and the headings table; nothing per-conversation (the caller
    passes the history), so one instance serves every user of the app.
    """

    def __init__(
        self,
        index: SearchIndex,
        llm: ChatModel | None = None,
        *,
        settings_hash: str = "",
        top_k: int = 12,
    ) -> None:
        """Use ``index`` for retrieval and ``llm`` (None: evidence briefs) to write answers."""
        self.index = index
        self.llm = llm
        self.settings_hash = settings_hash
        self.top_k = top_k
        self.headings: dict[str, Statement] = {
            s.id: s for s in index.statements if s.kind == "practice_heading"
        }
        self.bullets: dict[str, list[str]] = {}
        for s in index.statements:
            if s.kind == "practice" and s.group:
                self.bullets.setdefault(s.group, []).append(s.id)
        self.known_ids = frozenset(index.by_id)
        held = {s.framework for s in index.statements}
        self.frameworks = tuple(f for f in FRAMEWORK_NAMES if f in held)
        areas_held = {(s.framework, s.area) for s in index.statements if s.area is not None}
        self._empty_areas = (
            frozenset((fw, n) for fw in self.frameworks for n in AREA_TITLES.get(fw, {}))
            - areas_held
        )

    @property
    def backend(self) -> str:
        """``brief`` or the model's name."""
        return self.llm.name if self.llm is not None else "brief"

    def retrieve(
        self, question: str, history: Sequence[Turn] = (), *, framework: str | None = None
    ) -> SearchResult:
        """Search for the question (with conversation context for follow-ups)."""
        query = contextual_query(question, history, self.index.course_like)
        if child_at_risk(question):
            # Searched as the safeguarding matter the answer opens with: "a pupil has just
            # disclosed something worrying to me" had led with a behaviour statement (NPQSL
            # 4.18) and the safeguarding ones (NPQSL 7.P1.1…) came third or lower.
            query = f"Safeguarding: {query}"
        return self.index.search(query, k=self.top_k, framework=framework, list_k=AREA_LISTED_MAX)

    def ask(
        self, question: str, history: Sequence[Turn] = (), *, framework: str | None = None
    ) -> Answer:
        """The whole answer at once (see :meth:`stream` for pieces)."""
        answer: Answer | None = None
        for item in self.stream(question, history, framework=framework):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def stream(
        self, question: str, history: Sequence[Turn] = (), *, framework: str | None = None
    ) -> Iterator[str | Answer]:
        """Yield the answer text in pieces, then the finished :class:`Answer`.

        Raises:
            index.search.QueryError: The question is empty or unusable.
        """
        t0 = time.perf_counter()
        compared = None if framework else comparison_frameworks(question, self.frameworks)
        typed = any(c.id in self.index.by_id for c in find_citations(question))
        if compared and (typed or not about_the_course(question, self.index.course_like)):
            # ("Can I do the NPQSL and the NPQEL at the same time?" is a course question; "NPQSL
            # 4.P1.2 - what is the NPQEL version?", naming a statement, never is: the course
            # reader had read it as one, and the comparison was skipped.)
            # "What does NPQEL add on assessment that NPQSL doesn't?": every framework searched,
            # each point matched across them (assistant/compare.py), whichever backend writes.
            cmp = compare(self.index, question, compared)
            shown = [
                *(s for f in cmp.families for _, ss in f.by_framework for s in ss),
                *(s for a in cmp.areas for s in a.only),
                *(s for a in cmp.areas for pair in a.pairs for s in pair),
                *(s for a in cmp.areas for pair in a.identical for s in pair),
                *(s for _, said in cmp.mentions for s in said),
                *(
                    self.index.by_id[i]
                    for _, said in cmp.mentions
                    for s in said
                    for i in s.same_as
                    if i in self.index.by_id and i.split()[0] in cmp.frameworks
                ),
                *(s for _, near in cmp.nearest for s in near),
            ]
            result = SearchResult(
                query=cmp.topic or question,
                hits=tuple(Hit(s, 1.0, "hybrid") for s in dict.fromkeys(shown)),
                in_scope=cmp.in_scope,
                frameworks=cmp.frameworks,
                notes=(f"compared {', '.join(cmp.frameworks)}",),
            )
            text = ""
            for line in comparison_lines(cmp):
                text += line + "\n"
                yield line + "\n"
            yield self._finish(
                question,
                text,
                cmp.cited,
                result,
                not cmp.in_scope,
                "brief",
                "; ".join(result.notes),
                t0,
            )
            return
        if framework is None and not history and (points := answer_points(self.index, question)):
            # "Please give me citations for (a) …, (b) … and (c) …": each point its own.
            text = "".join(line + "\n" for line in parts_lines(points))
            yield text
            part_hits = [h for p in points for h in p.result.hits]
            result = SearchResult(
                query=question,
                hits=tuple({h.statement.id: h for h in part_hits}.values()),
                in_scope=True,
                frameworks=tuple(sorted(frameworks_in_question(question))),
            )
            cited = tuple(s.id for p in points for s in p.statements)
            yield self._finish(
                question, text, cited, result, False, "brief", "answered point by point", t0
            )
            return
        if (gone := missing_area(question, self.frameworks, self._empty_areas)) is not None:
            text = "".join(line + "\n" for line in missing_area_lines(*gone, self._empty_areas))
            yield text
            empty = SearchResult(query=question, hits=(), in_scope=True, frameworks=(gone[0],))
            yield self._finish(
                question, text, (), empty, False, "brief", f"{gone[0]} area {gone[1]}", t0
            )
            return
        result = self.retrieve(question, history, framework=framework)
        areas = area_answer(question, self.frameworks, self._empty_areas, self.index.statements)
        if areas is not None and not result.in_scope and (areas.headings or areas.found):
            # "is there an NPQEL area on finance?" had been judged not covered after its first
            # line named NPQEL 7.P3: the topic itself, in the framework asked about, is searched.
            result = self.retrieve(" ".join((*areas.asked, areas.topic)), framework=framework)
        elsewhere = ""
        if not result.in_scope and framework is None and not history and areas is None:
            result, elsewhere = self._said_elsewhere(question, result)
        # What each area holds is the outline's answer itself, not a note under it.
        note = "; ".join(n for n in result.notes if not (is_outline(result) and " holds " in n))
        first = "".join(line + "\n" for line in safeguarding_lines(question)) + elsewhere
        first += "".join(line + "\n" for line in other_document_lines(question))
        if areas is not None:
            # "Is there an NPQLT area on governance…?" answered from the areas' titles first.
            first += "".join(line + "\n" for line in area_lines(areas))
        if first:
            yield first
        if not result.in_scope:
            text = first
            for line in abstain_lines(result):
                text += line + "\n"
                yield line + "\n"
            yield self._finish(question, text, (), result, True, "brief", note, t0)
            return
        if self.llm is not None and not is_outline(result):
            pieces: list[str] = [first] if first else []
            # Before the model's words, whatever they are.
            for line in (*missing_lines(result), *absent_lines(result), *loose_lines(result)):
                pieces.append(line + "\n")
                yield line + "\n"
            try:
                for piece in self._model_stream(question, history, result):
                    pieces.append(piece)
                    yield piece
            except LLMError as exc:
                fallback = (
                    f"The model ({self.llm.name}) did not answer ({exc}); "
                    "showing the evidence brief instead."
                )
                note = f"{note}; {fallback}" if note else fallback
                yield f"\n\n> {fallback}\n\n"
            else:
                text = "".join(pieces)
                report = self._report(text, result)
                yield self._finish(
                    question, text, report.cited, result, False, self.llm.name, note, t0
                )
                return
        text = first
        claimed = check_claim(question, result, self.index) if not history else None
        if claimed is not None and not is_outline(result) and not is_listing(result):
            for line in claim_lines(claimed):
                text += line + "\n"
                yield line + "\n"
        not_said = claimed is not None and claimed.reading == "not_said"
        quoted_above = claimed.statement if claimed is not None else None
        for line in brief_lines(
            result, headings=self.headings, bullets=self.bullets, nearest=not_said
        ):
            if (
                quoted_above is not None
                and line.startswith("- **In short")
                and f"{quoted_above.text} [{quoted_above.id}]" in line
            ):
                # The yes-or-no line quoted it already (an eleventh Ask user test: "the same
                # quote is printed twice"): named, not quoted again.
                line = line.replace(quoted_above.text, f"{quoted_above.id}, quoted above.", 1)
                quoted_above = None
            text += line + "\n"
            yield line + "\n"
        yield self._finish(
            question, text, brief_citations(result), result, False, "brief", note, t0
        )

    def _said_elsewhere(self, question: str, result: SearchResult) -> tuple[SearchResult, str]:
        """The frameworks searched when the one the question names has nothing on it.

        "I need the statement number that says learning styles arent backed by evidence - for
        my NPQLT write up" (a tenth Ask user test) had been told the frameworks don't cover it:
        NPQLT has no such statement, NPQSL 5.9 and NPQEL 5.9 say it word for word. When the
        question names frameworks, the search restricted to them is judged not covered, and the
        search of every framework is covered with a first statement none of them holds, that
        search answers, under a line saying whose statement it is.
        """
        named = tuple(result.frameworks)
        if (
            not named
            or set(named) >= set(self.frameworks)
            # "How is the NPQSL assessed?" asks about the course, which no statement answers.
            or result.course_question
            or result.about_course
            or about_the_course(question, self.index.course_like)
            # "NPQLT 1.2 says high expectations matter": the id's absence is the answer.
            or find_citations(question)
        ):
            return result, ""
        wide = self.index.search(
            strip_framework_names(question), k=self.top_k, read_frameworks=False
        )
        tops = [h for h in wide.hits if h.statement.kind != "provider_section"]
        if not wide.in_scope or not tops:
            return result, ""
        if wide.loose and (
            len(asked_keywords(question) & set(tokenize(tops[0].statement.text)))
            < ELSEWHERE_LOOSE_WORDS
        ):
            # Found only loosely, and not in the statement's words: "npqsl is eating my
            # weekends. is 3 hours a week normal…" is no question NPQEL 3.P4.2 (assessment
            # workload) answers.
            return result, ""
        near = [h for h in tops if h.score >= ELSEWHERE_NEAR * tops[0].score]
        if any(h.statement.framework in named for h in near):
            # The framework asked about has a statement as near as any ("Does the NPQEL say
            # anything about phonics screening check results?": NPQEL 3.P2.1 beside NPQLT
            # 4.P2.1): its own search's answer stands.
            return result, ""
        holders = [f for f in FRAMEWORK_NAMES if any(h.statement.framework == f for h in near)]
        have = "have" if len(named) > 1 else "has"
        line = (
            f"> **{' and '.join(named)} {have} no statement on this in the text here; "
            f"{' and '.join(holders)} {'do' if len(holders) > 1 else 'does'}:** cite "
            f"{'their' if len(holders) > 1 else 'its'} number, not as {' or '.join(named)}'s."
            "\n\n"
        )
        return replace(wide, notes=(*wide.notes, f"nothing in {', '.join(named)}")), line

    def _model_stream(
        self, question: str, history: Sequence[Turn], result: SearchResult
    ) -> Iterator[str]:
        assert self.llm is not None
        rows = [
            (
                h.statement.id,
                "provider: " + h.statement.publisher
                if h.statement.kind == "provider_section"
                else f"{h.statement.kind}, {h.statement.area_title}",
                h.statement.text,
            )
            for h in result.hits[:EVIDENCE_FOR_MODEL]
        ]
        past = "".join(f"Earlier question: {t.question}\n" for t in history[-2:])
        messages: list[Message] = [
            ("system", SYSTEM),
            (
                "human",
                USER.format(
                    history=past,
                    question=question,
                    evidence_header=EVIDENCE_HEADER,
                    evidence=format_evidence(rows),
                ),
            ),
        ]
        yield from self.llm.stream(messages)

    def _report(self, text: str, result: SearchResult) -> CitationReport:
        """Validate a model's answer: ids, evidence, uncited claims, and support.

        Support is checked as the essay checker does it: each citing sentence against the
        statement it cites and the best alternative.
        """
        evidence = [h.statement.id for h in result.hits[:EVIDENCE_FOR_MODEL]]
        report = check_citations(text, evidence, self.known_ids)
        real = set(report.valid) | set(report.not_in_evidence)
        if not real:
            return report
        try:
            checked = check_essay(text, self.index).citations
        except TextError:
            return report
        found: dict[tuple[str, str], UnsupportedCitation] = {}
        for c in checked:
            if c.cited in real and c.verdict in ("unsupported", "wrong_number"):
                key = (c.cited, c.sentence.text)
                found.setdefault(
                    key, UnsupportedCitation(c.cited, c.sentence.text, c.verdict, c.suggested)
                )
        return replace(report, unsupported=tuple(found.values()))

    def _finish(
        self,
        question: str,
        text: str,
        cited: tuple[str, ...],
        result: SearchResult,
        abstained: bool,
        backend: str,
        note: str,
        t0: float,
    ) -> Answer:
        evidence = [h.statement.id for h in result.hits]
        if abstained:
            # The closest statements are offered, not cited: nothing to validate.
            report = CitationReport((), (), (), (), tuple(evidence), ())
        elif is_outline(result):
            # An outline names areas and counts, not claims; the course page listing the
            # areas, if any, is cited (and was in the evidence).
            unused = tuple(i for i in evidence if i not in cited)
            report = CitationReport(cited, cited, (), (), unused, ())
        elif backend == "brief":
            report = check_citations(text, evidence, self.known_ids)
        else:
            report = self._report(text, result)
        answer = Answer(
            question=question,
            text=text.strip(),
            cited=cited,
            hits=result.hits,
            abstained=abstained,
            report=report,
            backend=backend,
            note=note,
            settings_hash=self.settings_hash,
            search_query=result.query,
            frameworks=result.frameworks,
        )
        return replace(answer, seconds=time.perf_counter() - t0)
