"""The default answerer: an evidence brief built from the retrieved statements, no model.

No bundled generative model is good enough to write answers (see ``shared/MODELS.md``), so the
default answer quotes the frameworks: a lead line, the key evidence ("Learn that"), what leaders
do ("Learn how to"), grouped by area, identical statements across frameworks merged into one
line with all their ids, every line cited. Provider questions are answered from provider
sections, labelled by provider; the pre-2021 programme is labelled superseded. A question the
frameworks don't cover gets a clear "not covered" with the closest statements offered.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from index.hit import Hit
from index.ranker import asks_how
from index.search import ABROAD_RE, ASKS_OLD_RE, SearchResult
from ingest.frameworks import FRAMEWORK_NAMES
from ingest.records import Statement

# How much of the ranking an answer cites (chosen on the development split, eval/reports).
# Two practice statements, not one (thirty-second round: two Ask user tests found the
# statement that answered under "Related"): with the re-ranked floor at 0.8, the 1,571
# development questions' citation precision 0.902 -> 0.904, recall 0.751 -> 0.757 (two of each
# kind at 0.7: 0.888 / 0.786; one practice at 0.7, as before: 0.902 / 0.751).
MAX_EVIDENCE_GROUPS = 1
MAX_PRACTICE_GROUPS = 2
MAX_PROVIDER_SECTIONS = 2
CITE_COUNTERPARTS = True
SEE_ALSO = 3  # related statements listed (not cited) after the cited ones
# ...each with at least this P(relevant) when the re-ranker ordered them. On the development
# sets' 4,183 related items (18% labelled relevant), a floor of 0.01 / 0.02 / 0.03 / 0.05 / 0.1
# drops 210 / 439 / 658 / 1,033 / 1,670 items of which 5 / 12 / 14 / 28 / 61 relevant: from 0.05
# on, more relevant ones go for each noisy one.
RELATED_MIN_P = 0.03
# Cite a group only if its score is this share of the best: the fusion's scores (course
# questions, or no re-ranker for the embedding model)...
RELATIVE_SCORE_FLOOR = 0.95
# ...and the re-ranker's P(relevant). Dev answers, with a ranker fitted without the dev split
# (scenarios and blind sets): floor 0.95 / 0.9 / 0.8 / 0.7 / 0.6 -> citation precision 0.910 /
# 0.917 / 0.912 / 0.924 / 0.910, recall 0.800 / 0.808 / 0.820 / 0.833 / 0.833 (the fusion at
# 0.95: 0.917 / 0.816). With two practice statements cited, 0.8 (above).
RERANKED_SCORE_FLOOR = 0.8


@dataclass(frozen=True, slots=True)
class Group:
    """Statements with (nearly) the same text in several frameworks, shown as one line."""

    lead: Statement
    ids: tuple[str, ...]
    score: float
    counterpart: bool = False  # another framework's wording of the group before it
    typed: bool = False  # found by its id, typed in the question


def groups_from(result: SearchResult) -> list[Group]:
    """The search hits as groups, best first (ids in each group in ranking order)."""
    by_id = {h.statement.id: h for h in result.hits}
    out: list[Group] = []
    for ids in result.groups:
        present = tuple(i for i in ids if i in by_id)
        if present:
            lead = by_id[present[0]]
            out.append(
                Group(
                    lead.statement,
                    present,
                    lead.score,
                    counterpart=lead.method == "counterpart",
                    typed=lead.method == "id",
                )
            )
    return out


HEADING_BULLETS = 3  # a heading leading the answer: at most this many of its bullets under it


def cite(ids: Sequence[str]) -> str:
    """``[NPQSL 4.1] [NPQEL 4.1]``: the one citation form answers use."""
    return " ".join(f"[{i}]" for i in ids)


SUPERSEDED_COMPANION_WITHIN = 3  # result groups searched for a current page to cite


_INTERNATIONAL_RE = ABROAD_RE  # the search's reading of "abroad", for pages and questions


def _international(s: Statement) -> bool:
    """A course page about the course for international schools."""
    return bool(_INTERNATIONAL_RE.search(f"{s.id} {s.title} {s.area_title}"))


def _superseded(s: Statement) -> bool:
    """A page of the pre-2021 programme."""
    return s.is_superseded


# What a course costs, who funds it, who may apply: a question asking only that, about an NPQ
# no course page covers, gets no framework statement "on its words" ("How much does NPQEL cost
# and is there DfE funding if I work in a trust?" had cited NPQEL 10.P2 on the Education and
# Skills Funding Agency: an Ask user test).
_COURSE_FACTS_RE = re.compile(
    r"\b(?:cost|costs|fees?|price|prices|funding|funded|vat|scholarships?|bursar\w*|grants?|"
    r"eligib\w*|apply|application|how\s+much)\b|£",
    re.IGNORECASE,
)
_CONTENT_WORDS_RE = re.compile(
    r"\b(?:say|says|said|statements?|frameworks?|learn\s+(?:that|how)|evidence|cite|citation)\b",
    re.IGNORECASE,
)


# Several statements asked for: "give me three statements on implementation", "need 3-4
# statements about working memory", "which statements should I use for a session on coaching?"
# (a tenth Ask user test: facilitators got one statement cited and the rest "not cited, check
# they fit"). The number asked, or STATEMENTS_ASKED for a plural without one.
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "couple": 2, "few": 3}
_STATEMENTS_WORD = r"(?:statements?|refs?|references?|citations?|quotes?|points)"
_COUNT_ASKED_RE = re.compile(
    r"\b(?:(?P<n>[2-6])(?:\s*(?:-|–|to|or)\s*(?P<m>[2-8]))?|a\s+(?P<w1>couple|few)(?:\s+of)?|"
    r"(?P<w2>two|three|four|five|six)(?:\s*(?:-|–|to|or)\s*(?:three|four|five|six))?)\s+"
    r"(?:(?:good|key|relevant|useful|main|short|npq\w*|framework|evidence|practice|different)\s+)?"
    + _STATEMENTS_WORD
    + r"\b",
    re.IGNORECASE,
)
_PLURAL_ASKED_RE = re.compile(
    r"\b(?:which|what|some|several|any|list(?:\s+the)?|the\s+key|the\s+main|the\s+relevant)\s+"
    r"(?:(?:npq\w*|framework|good|key|relevant|useful)\s+)?statements\b"
    r"|\b(?:statements|refs|references|citations)\s+(?:on|about|for|covering|to\s+use|"
    r"i\s+(?:can|could|should)\s+use)\b",
    re.IGNORECASE,
)
STATEMENTS_ASKED = 3
MAX_STATEMENTS_ASKED = 6
ASKED_SCORE_FLOOR = 0.5  # of the best P(relevant): a list asked for goes further down


def statements_asked(question: str) -> int | None:
    """How many statements a question asks to be given, or None if it asks for no list."""
    if m := _COUNT_ASKED_RE.search(question):
        if m["n"]:
            return min(int(m["m"] or m["n"]), MAX_STATEMENTS_ASKED)
        word = (m["w1"] or m["w2"] or "").lower()
        return _NUMBERS.get(word, STATEMENTS_ASKED)
    if _PLURAL_ASKED_RE.search(question):
        return STATEMENTS_ASKED
    return None


def select_groups(result: SearchResult) -> tuple[list[Group], list[Group], list[Group]]:
    """Pick what the brief cites: top evidence, practice and provider groups."""
    groups = groups_from(result)
    if not groups:
        return [], [], []
    if (
        result.no_course_pages
        and _COURSE_FACTS_RE.search(result.query)
        and not _CONTENT_WORDS_RE.search(result.query)
    ):
        return [], [], []
    id_hits = [g for g in groups if g.typed and g.lead.kind != "provider_section"]
    if id_hits:
        # The question names statements ("what does NPQSL 4.9 mean?"): the answer cites those.
        practice_kinds = ("practice_heading", "practice")
        return (
            [g for g in id_hits if g.lead.kind == "evidence"],
            [g for g in id_hits if g.lead.kind in practice_kinds],
            [],
        )
    if not result.course_question and any(g.lead.kind != "provider_section" for g in groups):
        # A question not read as about the course is answered from the frameworks, not from a
        # DfE introduction the re-ranker put first, which is offered instead ("what does the
        # NPQ say about recruiting and keeping staff?" had been answered with the
        # introduction's "Teacher Recruitment and Retention Strategy"). Course pages stay:
        # most course questions have no course word ("can I do the whole thing from home"),
        # and leaving the pages out of those cost the course set 52 -> 27 of 70 answered
        # from a right page first.
        groups = [
            g
            for g in groups
            if not (g.lead.kind == "provider_section" and not g.lead.is_course_page)
        ]
    best = max(g.score for g in groups)
    floor = (RERANKED_SCORE_FLOOR if result.reranked else RELATIVE_SCORE_FLOOR) * best
    asked = statements_asked(result.query) if not result.course_question else None
    if asked and result.reranked:
        floor = ASKED_SCORE_FLOOR * best

    def keep(kinds: tuple[str, ...], n: int) -> list[Group]:
        chosen: list[Group] = []
        for g in groups:
            if len(chosen) >= n:
                break
            if g.lead.kind in kinds and g not in chosen and not g.counterpart and g.score >= floor:
                chosen.append(g)
        if CITE_COUNTERPARTS:
            # Each other framework's wording of a chosen statement is cited with it.
            for i, g in enumerate(groups):
                if g.counterpart and g not in chosen and i and groups[i - 1] in chosen:
                    chosen.insert(chosen.index(groups[i - 1]) + 1, g)
        if chosen and len(result.frameworks) > 1:
            # A question naming several frameworks ("succession planning for key roles - npqsl
            # and npqel refs?", an Ask user test) gets each one's best statement of the kind
            # within the floor, not the first framework's alone.
            for fw in result.frameworks:
                if any(i.startswith(f"{fw} ") for c in chosen for i in c.ids):
                    continue
                best_of = next(
                    (
                        g
                        for g in groups
                        if g.lead.kind in kinds and g.lead.framework == fw and g.score >= floor
                    ),
                    None,
                )
                if best_of is not None and best_of not in chosen:
                    chosen.append(best_of)
        return chosen

    if asked:
        # The list asked for, best first whatever its kind (each framework's wording of a
        # statement with it).
        listed = keep(("evidence", "practice_heading", "practice"), asked)
        evidence = [g for g in listed if g.lead.kind == "evidence"]
        practice = [g for g in listed if g.lead.kind != "evidence"]
    else:
        evidence = keep(("evidence",), MAX_EVIDENCE_GROUPS)
        practice = keep(("practice_heading", "practice"), MAX_PRACTICE_GROUPS)
    # Statements asked for are the frameworks' (a course page listing "'learn that' and 'learn
    # how to' statements" had been cited for "give me three statements on implementation").
    provider = [] if asked else keep(("provider_section",), MAX_PROVIDER_SECTIONS)
    if any(not _superseded(g.lead) for g in provider) and not ASKS_OLD_RE.search(result.query):
        # A current page answers; the pre-2021 programme's beside it is no answer about today's
        # course (eight development questions had cited it second).
        provider = [g for g in provider if not _superseded(g.lead)]
    if provider:
        # Another provider's page under the same heading answers the same question ("What
        # does it cost?": "Fees to be confirmed" on one page, "£1550 plus VAT" on the other,
        # which had been dropped at 0.93 of the first's score).
        doc = provider[0].lead.id.split("#")[0]
        title = provider[0].lead.title.strip().lower()
        for g in groups:
            if len(provider) >= MAX_PROVIDER_SECTIONS:
                break
            if (
                g not in provider
                and g.lead.kind == "provider_section"
                and g.lead.title.strip().lower() == title
                and g.lead.id.split("#")[0] != doc
                # "How much does the international NPQSL cost?" is not answered by the UK
                # page's fees.
                and (_international(g.lead) or not _INTERNATIONAL_RE.search(result.query))
            ):
                provider.append(g)
    if (
        provider
        and all(_superseded(g.lead) for g in provider)
        and not ASKS_OLD_RE.search(result.query)
    ):
        # The pre-2021 programme's page alone is no answer about today's course ("who is the
        # NPQSL aimed at? I'm a head of department…" cited only the old module page): the
        # best current page near the top is cited after it.
        for g in groups[:SUPERSEDED_COMPANION_WITHIN]:
            if g.lead.kind == "provider_section" and not _superseded(g.lead):
                provider.append(g)
                break
    if provider and not _INTERNATIONAL_RE.search(result.query):
        # The UK course's page before the international course's ("How long is the NPQSL course
        # and is it online or face to face?" had been answered from the international page on
        # remote delivery alone, a fourteenth Ask user test), the best current one near the
        # top cited with it.
        if all(_international(g.lead) for g in provider):
            for g in groups[:SUPERSEDED_COMPANION_WITHIN]:
                if (
                    g.lead.kind == "provider_section"
                    and not _international(g.lead)
                    and not _superseded(g.lead)
                ):
                    provider.append(g)
                    break
        provider.sort(key=lambda g: _international(g.lead))
    # A provider question is answered from provider pages alone.
    if provider and groups[0].lead.kind == "provider_section":
        evidence, practice = [], []
    return evidence, practice, provider


def is_listing(result: SearchResult) -> bool:
    """True when the question asked what an area holds (the hits are the area, in order)."""
    return bool(result.hits) and all(h.method == "area" for h in result.hits)


def is_outline(result: SearchResult) -> bool:
    """True when the question asked which areas a framework has (a hit stands for each area)."""
    return bool(result.hits) and all(h.method == "outline" for h in result.hits)


def brief_citations(result: SearchResult) -> tuple[str, ...]:
    """The ids `brief_lines` cites for this result, in order."""
    if is_outline(result):
        return tuple(h.statement.id for h in result.hits if h.statement.kind == "provider_section")
    if is_listing(result):
        return tuple(h.statement.id for h in result.hits)
    evidence, practice, provider = select_groups(result)
    return tuple(i for g in (*evidence, *practice, *provider) for i in g.ids)


def brief_lines(
    result: SearchResult,
    *,
    headings: dict[str, Statement],
    bullets: Mapping[str, Sequence[str]] | None = None,
    nearest: bool = False,
) -> Iterator[str]:
    """The evidence brief, one markdown line at a time (so the UI can stream it).

    Args:
        result: The search for the question.
        headings: Practice headings by id, to say which heading a cited bullet sits under.
        bullets: Each practice heading's bullet ids in reading order, to name them under a
            heading that leads the answer when the search found none of them.
        nearest: The first statement is the nearest, not an answer (the answer has said no
            statement says what was asked).
    """
    if is_outline(result):
        yield from _outline_lines(result)
        return
    if is_listing(result):
        yield from _listing_lines(result)
        return
    evidence, practice, provider = select_groups(result)
    yield from missing_lines(result)
    yield from absent_lines(result)
    yield from loose_lines(result)
    if result.no_course_pages and not (evidence or practice or provider):
        yield from _no_course_pages_lines(result)
        return
    yield from _no_course_pages_lines(result, " What the frameworks say on your question's words:")
    if not (evidence or practice or provider):
        yield "I found nothing in the frameworks to answer this."
        return
    # "In short (NPQSL only)" had read as "only NPQSL says this" (an Ask user test).
    scope = f" (searched {', '.join(result.frameworks)} only)" if result.frameworks else ""
    cited = {i for g in (*evidence, *practice) for i in g.ids}
    provider_first = bool(provider) and (
        not (evidence or practice) or _is_provider(result, provider)
    )
    if provider_first:
        if not _INTERNATIONAL_RE.search(result.query):
            # "how much does the NPQSL cost…" had led with the international course's price
            # (an eighth Ask user test): a page for schools in England first, when there is one.
            provider = sorted(provider, key=lambda g: _international(g.lead))
        yield f"**{_pages_heading([g.lead for g in provider])}{scope}:**"
        for g in provider:
            yield _provider_line(g.lead)
        if _FUNDING_ASKED_RE.search(result.query) and not any(
            _FUNDING_SAID_RE.search(g.lead.text) for g in provider
        ):
            # "How much does the NPQSL cost and is it still funded for teachers at my school?"
            # had been given two prices and nothing on funding (a usability test).
            yield (
                "- The pages here do not say whether a place is funded (for example by a DfE "
                "scholarship) or who is eligible for funding: ask your NPQ provider."
            )
        if any(g.lead.is_course_page and not _superseded(g.lead) for g in provider):
            # One provider's online-only model had read as how the NPQSL is delivered (an Ask
            # user test): each provider runs its courses its own way.
            yield ""
            abroad = [
                g.lead.title
                for g in provider
                if _international(g.lead) and not _INTERNATIONAL_RE.search(result.query)
            ]
            if abroad:
                # "Can I do NPQLT if I teach in a sixth form college…? And is it online or face
                # to face?" had been answered only from a page for international schools (a
                # seventh Ask user test).
                yield (
                    f"> “{abroad[0]}” is about the course for international schools; for a "
                    "school in England, cost, dates and delivery may differ: check them with "
                    "your provider."
                )
            else:
                yield (
                    "> These are one provider's pages: cost, dates and delivery differ between "
                    "providers, so check them with yours."
                )
        if evidence or practice:
            yield ""
            yield "**Related framework statements:**"
    else:
        # What to do, asked, with a practice statement the search put above every evidence
        # statement: the answer leads with it ("How should I lead a new behaviour policy so
        # staff apply it consistently?" had led with NPQSL 4.3 on how long change takes).
        # On the development sets' how-questions, the lead is a labelled statement 117 -> 125
        # of 143 times (10 better, 1 worse).
        lead_practice = bool(evidence and practice) and _practice_on_top(result)
        first = practice if lead_practice or not evidence else evidence
        n = _lead_length(first)
        lead = "Nearest" if result.loose or nearest else "In short"
        yield f"- **{lead}{scope}:** {quoted(first[0].lead)} {cite(first[0].ids)}"
        for g in first[1:n]:
            yield f"  - {' and '.join(_frameworks(g))}'s wording: {quoted(g.lead)} {cite(g.ids)}"
        if first[0].lead.kind == "practice_heading":
            # A heading is a stem ("Support colleagues to explain and model effectively by:"):
            # what it includes follows, from its bullets the search found.
            headed = {i for g in first[:n] for i in g.ids}
            if first[0].typed:
                # Looked up by its id: all its bullets, in reading order (the search lists
                # them after it), under it ("What is NPQSL 6.P1?" had shown 3 of its 10).
                under = [
                    g for g in first[n:] if g.lead.kind == "practice" and g.lead.group in headed
                ]
                for g in under:
                    yield f"  - {quoted(g.lead)} {cite(g.ids)}"
                first = [g for g in first if g not in under]
                if lead_practice or not evidence:
                    practice = first
            for g in [
                g
                for g in groups_from(result)
                if g.lead.kind == "practice"
                and g.lead.group in headed
                and not cited.intersection(g.ids)
            ][:HEADING_BULLETS]:
                yield f"  - {quoted(g.lead)} {cite(g.ids)}"
                cited.update(g.ids)
            own = (bullets or {}).get(first[0].lead.id, ())
            if own and not cited.intersection(own):
                # A stem alone ("Prepare appropriately for the changes to come by:") says
                # nothing of how (9 of 865 development answers had led with a bare heading): a
                # note to the reader points to its bullets, without their numbers, which would
                # read as citations.
                stem = first[0].lead
                yield (
                    f"  > What it includes is in its {len(own)} bullets: read them in Browse "
                    f"({stem.framework}, area {stem.area}) before you cite one."
                )
        if evidence and not lead_practice:
            evidence = evidence[n:]
        else:
            practice = practice[n:]
    if evidence:
        yield ""
        yield "**What the evidence says (Learn that…)**"
        yield from _by_area(evidence, headings)
    if practice:
        yield ""
        yield "**What leaders do (Learn how to…)**"
        yield from _by_area(practice, headings)
    if provider and not provider_first:
        # A provider page scored near the framework answer: shown (it is cited) after it.
        yield ""
        yield f"**{_pages_heading([g.lead for g in provider])}{scope}:**"
        for g in provider:
            yield _provider_line(g.lead)
    if not provider:
        yield from _see_also(result, cited)


# A question telling of a child who may be at risk now: a disclosure, harm, abuse. The answer
# says what to do first, before any statement ("a pupil has just disclosed something worrying
# to me, what should I do" had been answered with a behaviour statement and nothing else).
_CHILD_RE = re.compile(
    r"\b(?:pupils?|child(?:ren)?|students?|kids?|boys?|girls?|learners?|year\s*\d{1,2}s?|"
    r"y\d{1,2}|teen(?:ager)?s?)\b",
    re.IGNORECASE,
)
_AT_RISK_RE = re.compile(
    r"\b(?:disclos\w*|abus\w*|self[- ]?harm\w*|suicid\w*|fgm|groom\w*|county\s+lines|"
    r"(?:sexual|criminal)(?:ly)?\s+exploit\w*|being\s+exploited|bruis\w*|hurt(?:ing)?\s+(?:at\s+home|him|her|them)|hit(?:s|ting)?\s+"
    r"(?:him|her|them)|unsafe\s+at\s+home|neglected|radicali[sz]\w*|sexting|nudes?)\b",
    re.IGNORECASE,
)
SAFEGUARDING_NOTE = (
    "> **If you are worried about a child's safety, follow your school's safeguarding "
    "procedures now:** tell your Designated Safeguarding Lead (or their deputy) today, write "
    "down what was said or seen, and if a child is in immediate danger call 999. The NPQ "
    "frameworks are about leading a school; they do not replace Keeping Children Safe in "
    "Education or your school's policy."
)


def child_at_risk(question: str) -> bool:
    """The question tells of a child who may be at risk now (a disclosure, harm, abuse)."""
    return bool(_CHILD_RE.search(question) and _AT_RISK_RE.search(question))


# The asker is the safeguarding lead ("I'm deputy head and DSL at a secondary", a tenth Ask user
# test, had been told to tell their Designated Safeguarding Lead).
_ASKER_IS_DSL_RE = re.compile(
    r"\b(?:i[’']?m|i\s+am|as)\s+(?:the\s+|a\s+|our\s+|(?:[\w-]+\s+){0,4}?(?:and|&)\s+)?"
    r"(?:(?:deputy|acting)\s+)?(?:dsl|designated\s+safeguarding\s+lead|safeguarding\s+lead)\b",
    re.IGNORECASE,
)
SAFEGUARDING_NOTE_DSL = (
    "> **If a child may be at risk, act on it now under your school's safeguarding procedures "
    "and Keeping Children Safe in Education:** as the DSL, decide today whether to refer to "
    "children's social care (or the police), call 999 if a child is in immediate danger, and "
    "record what was said or seen and what you did. The NPQ frameworks are about leading a "
    "school; they do not replace Keeping Children Safe in Education or your school's policy."
)


def safeguarding_lines(question: str) -> Iterator[str]:
    """First, for a question about a child who may be at risk now: what to do, before anything."""
    if child_at_risk(question):
        yield SAFEGUARDING_NOTE_DSL if _ASKER_IS_DSL_RE.search(question) else SAFEGUARDING_NOTE
        yield ""


# A question asking whether a course is funded, and a page that speaks to it ("VAT is
# chargeable on courses funded by private individuals" does not).
_FUNDING_ASKED_RE = re.compile(
    r"\b(?:funded|funding|scholarships?|grants?|bursar\w*|free\s+(?:of\s+charge|for))\b|\bis\s+it\s+free\b",
    re.IGNORECASE,
)
_FUNDING_SAID_RE = re.compile(
    r"\b(?:funding|scholarships?|grants?|bursar\w*|fully\s+funded|free\s+of\s+charge)\b",
    re.IGNORECASE,
)


def _pages_heading(pages: Sequence[Statement]) -> str:
    """Where the sections quoted come from: course pages, a DfE framework's introduction."""
    course = any(p.is_course_page for p in pages)
    dfe = any(not p.is_course_page for p in pages)
    if course and dfe:
        return "From the NPQ provider pages and the DfE frameworks' introductions"
    return "From the DfE frameworks' introductions" if dfe else "From the NPQ provider pages"


def _no_course_pages_lines(result: SearchResult, then: str = "") -> Iterator[str]:
    """First, for a course question about an NPQ no provider page covers: say so."""
    if result.no_course_pages:
        names = " and ".join(result.no_course_pages)
        yield (
            f"> **The documents here have no course pages about {names}** (cost, funding, "
            f"delivery, eligibility): for the course itself, ask an NPQ provider.{then}"
        )
        yield ""


UNNAMED_NOTE = "not named anywhere in the frameworks: "  # index/search.py's note
LOOSE_NOTE = (
    "The frameworks may not speak to this directly: what follows is the nearest in meaning, "
    "so check that each statement fits before you cite it."
)


def loose_lines(result: SearchResult) -> Iterator[str]:
    """First, for a question the frameworks cover only loosely: say the hits are the nearest.

    "How should we run GCSE chemistry practicals?" had been answered "In short: prior
    knowledge plays an important role…" as if the frameworks answered it.
    """
    if result.loose:
        named = [n.removeprefix(UNNAMED_NOTE) for n in result.notes if n.startswith(UNNAMED_NOTE)]
        if named:
            # "Read Write Inc or Little Wandle?": the frameworks name no programme.
            yield (
                f"> The frameworks don't name {named[0]}; what follows is the nearest in "
                "meaning, so check that each statement fits before you cite it."
            )
        else:
            yield f"> {LOOSE_NOTE}"
        yield ""


def absent_lines(result: SearchResult) -> Iterator[str]:
    """First, for a question naming an NPQ the corpus does not hold: say so, before anything.

    "What does the NPQH say about behaviour?" is answered from the frameworks held; a user
    must not paste NPQSL 4.x as an NPQH number. (A course question about it says so its own
    way: `_no_course_pages_lines`.)
    """
    if not result.absent or result.no_course_pages:
        return
    names = " and ".join(result.absent)
    verb = "is" if len(result.absent) == 1 else "are"
    held = sorted(
        {h.statement.framework for h in result.hits if h.statement.framework in FRAMEWORK_NAMES},
        key=list(FRAMEWORK_NAMES).index,
    )
    said = f"they are {', '.join(held)} statements" if held else "nothing here is from it"
    yield (
        f"> **{names} {verb} not in the documents here.** What follows is from the frameworks "
        f"they hold ({said}): cite them by their own numbers, not as {names}'s."
    )
    yield ""


# What another document says, asked of a tool holding the NPQ frameworks: "What does the Ofsted
# framework say about deep dives…?" (an eleventh Ask user test had been given "nearest"
# statements as if they answered it).
_OTHER_DOCUMENT_RE = re.compile(
    r"\b(?:what|how)\s+(?:does|do|did)\s+(?:the\s+)?(?P<doc>ofsted(?:['’]s)?(?:\s+(?:education\s+)?"
    r"(?:inspection\s+)?(?:framework|handbook))?|eif|kcsie|keeping\s+children\s+safe"
    r"(?:\s+in\s+education)?|eef|education\s+endowment\s+foundation|(?:the\s+)?send\s+code"
    r"(?:\s+of\s+practice)?|teachers['’]?\s+standards|(?:the\s+)?early\s+career\s+framework|ecf|"
    r"national\s+curriculum|academy\s+trust\s+handbook|governance\s+handbook)\s+"
    r"(?:say|says|state|states|recommend|recommends|require|requires|expect|expects|define)\b",
    re.IGNORECASE,
)


def other_document_lines(question: str) -> Iterator[str]:
    """First, for a question about what another document says: that it is not held here."""
    if m := _OTHER_DOCUMENT_RE.search(question):
        doc = re.sub(r"^the\s+", "", " ".join(m["doc"].split()), flags=re.IGNORECASE)
        if re.search(r"(?:framework|handbook|code|practice|standards|curriculum)$", doc, re.I):
            doc = "the " + doc
        lead = doc[0].upper() + doc[1:]
        yield (
            f"> **{lead} is not in the documents here**, which hold the NPQ frameworks and course "
            f"pages: for what {doc} says, read it. What follows is what the NPQ frameworks say "
            "near your question, cited by their own numbers."
        )
        yield ""


_HOLDS_RE = re.compile(r"^(?P<fw>NPQ\w+) area (?P<area>\d+) \((?P<title>.+?)\) holds (?P<what>.+)$")


def _outline_lines(result: SearchResult) -> Iterator[str]:
    """Each framework's areas, in order, with what each holds (from the search's notes)."""
    areas = [m for n in result.notes if (m := _HOLDS_RE.match(n))]
    for fw in dict.fromkeys(m["fw"] for m in areas):
        mine = [m for m in areas if m["fw"] == fw]
        yield f"**{fw} has {len(mine)} areas**, in the framework's order:"
        yield ""
        for m in mine:
            yield f"- **{m['area']}. {m['title']}**: {m['what']}"
        yield ""
    pages = [h.statement for h in result.hits if h.statement.kind == "provider_section"]
    for page in pages:
        yield f"A course page lists the areas too: {cite((page.id,))}"
    first = next(h.statement for h in result.hits if h.statement.kind != "provider_section")
    yield (
        f"Ask for one area to see its statements (for example “what is in {first.framework} "
        f"area {first.area}?”)."
    )


def _listing_lines(result: SearchResult) -> Iterator[str]:
    """What an area holds, in reading order (the question asked for the area itself)."""
    first = result.hits[0].statement
    scope = f"{', '.join(result.frameworks)} " if result.frameworks else ""
    yield f"**{scope}area {first.area}: {first.area_title}**, in the framework's order:"
    yield ""
    held = [n for n in result.notes if " holds " in n]
    if held:
        # The counts ("how many evidence statements are in area 2?"), one line a framework.
        for n in held:
            yield f"> {n}."
        yield ""
    for h in result.hits:
        s = h.statement
        indent = "  " if s.kind == "practice" else ""
        kind = {"evidence": "Learn that", "practice_heading": "Learn how to"}.get(s.kind, "")
        label = f"*{kind}:* " if kind else ""
        yield f"{indent}- {label}{quoted(s)} [{s.id}]"
    more = [n for n in result.notes if n.startswith("showing the first")]
    if more:
        fw = f" --framework {result.frameworks[0]}" if len(result.frameworks) == 1 else ""
        yield ""
        yield (
            f"> {more[0][0].upper()}{more[0][1:]}: the Browse tab, or "
            f"`npq statements{fw} --area {first.area}`, lists them all."
        )


def _lead_length(groups: Sequence[Group]) -> int:
    """The first group plus the other frameworks' wordings of it that follow."""
    n = 1
    while n < len(groups) and groups[n].counterpart:
        n += 1
    return n


def _frameworks(g: Group) -> list[str]:
    return list(dict.fromkeys(i.split(" ", 1)[0] for i in g.ids))


def _see_also(result: SearchResult, cited: set[str], n: int = SEE_ALSO) -> Iterator[str]:
    """Further statements worth reading, listed with their ids but not cited as support."""
    # Other frameworks' wordings of a listed statement are named on its line, not listed
    # again as if they were further statements.
    more: list[tuple[Group, list[str]]] = []
    for g in groups_from(result):
        if set(g.ids) & cited:
            continue
        if g.lead.kind == "provider_section":
            # A DfE introduction's paragraph or a provider's blurb is no statement to cite (an
            # eighth Ask user test: "[dfe-npqlt-framework-2020#professionals-leading-teaching-2]"
            # among the related statements of a framework answer).
            continue
        if g.counterpart and more:
            more[-1][1].extend(g.ids)
        elif result.reranked and g.score < RELATED_MIN_P:
            # Near nothing in the re-ranker's reading ("NPQEL 6.12" on ECT induction, P 0.02,
            # under "working with other schools": a tenth and an eleventh Ask user test).
            continue
        elif len(more) < n:
            more.append((g, []))
        else:
            break
    if more:
        yield ""
        yield "**Related statements** (not cited above; check they fit before you use them):"
        for g, wordings in more:
            # A comma apart (NPQSL 6.4 and NPQEL 6.4) is the same text punctuated differently,
            # not a rewording.
            words = letters(g.lead.text)
            punct = [i for i in wordings if letters(_text_of(result, i)) == words]
            other = [i for i in wordings if i not in punct]
            also = f" (the same text, punctuated differently: {', '.join(punct)})" if punct else ""
            if other:
                also += f" (the same point, worded differently: {', '.join(other)})"
            yield _listing_line(g, 160) + also


def _practice_on_top(result: SearchResult) -> bool:
    """A question asking what to do whose best framework statement is a practice one."""
    if not asks_how(result.query):
        return False
    top = next((g for g in groups_from(result) if g.lead.kind != "provider_section"), None)
    return top is not None and top.lead.kind in ("practice_heading", "practice")


def letters(text: str) -> str:
    """A text's words alone, punctuation and case aside."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _text_of(result: SearchResult, sid: str) -> str:
    return next((h.statement.text for h in result.hits if h.statement.id == sid), "")


def _is_provider(result: SearchResult, provider: Sequence[Group]) -> bool:
    return bool(result.groups) and result.groups[0][0] == provider[0].lead.id


def quoted(s: Statement) -> str:
    """A statement's text as quoted, marked when the source cut it off.

    It is then not the whole statement: NPQSL 5.P1.1 ends "…SEND Code of Practice (2015) and
    Equality Act", and a user would quote it so.
    """
    return f"{s.text} […cut off in the source document]" if s.incomplete else s.text


def _by_area(groups: Sequence[Group], headings: dict[str, Statement]) -> Iterator[str]:
    areas: dict[str, list[Group]] = {}
    for g in groups:
        areas.setdefault(g.lead.area_title or "Other", []).append(g)
    for title, members in areas.items():
        yield f"- *{title}*"
        for g in members:
            text = quoted(g.lead)
            if g.lead.kind == "practice" and g.lead.group in headings:
                # "…, including by:" (NPQSL, NPQEL) and "… by:" (NPQLT) end a heading's words.
                head = re.sub(r",?\s+(?:including\s+)?by:?\s*$", "", headings[g.lead.group].text)
                text = f"{text} (under “{head}”)"
            yield f"  - {text} {cite(g.ids)}"


def _listing_line(g: Group, width: int) -> str:
    """A statement offered, not cited: its ids, then its text.

    A framework statement in full, ready to quote (cut at 160 characters, "…ident…" could not
    be pasted into assessed work: an Ask user test); a course page's text cut to ``width``
    characters, at a word.
    """
    # One line: a provider page's second paragraph on a line of its own read as a claim
    # with no citation ("uncited claims: 1" under an answer).
    flat = " ".join(g.lead.text.split())
    if g.lead.kind == "provider_section":
        text = flat if len(flat) <= width else flat[:width].rsplit(" ", 1)[0] + "…"
        # Section ids are recognised in brackets only (statement ids in any spelling).
        return f"- {g.lead.title} ({_page_label(g.lead)}) [{g.lead.id}]: {text}"
    return f"- {' · '.join(g.ids)}: {flat}"


def _provider_label(s: Statement) -> str:
    return re.sub(r"\s*\(framework text:[^)]*\)", "", s.publisher or s.area_title)


def _page_label(s: Statement) -> str:
    """Who published a course page, and that it is the pre-2021 programme's if it is."""
    label = _provider_label(s)
    if _superseded(s):
        label = f"{label}; the pre-2021 programme, now superseded"
    elif _international(s) and s.is_course_page:
        label = f"{label}; the course for international schools"
    return label


def _provider_line(s: Statement) -> str:
    label = _page_label(s)
    flat = " ".join(s.text.split())
    body = flat if len(flat) <= 600 else flat[:600].rsplit(" ", 1)[0] + "…"
    return f"- **{s.title}** ({label}): {body} [{s.id}]"


def _missing_notes(result: SearchResult) -> list[str]:
    """The search's notes on statement numbers the question names that are not there."""
    return [
        n
        for n in result.notes
        if " does not exist" in n
        or " do not exist" in n
        or "not a statement" in n
        or " text held here" in n
    ]


def missing_lines(result: SearchResult) -> Iterator[str]:
    """First, for a question about a statement number that is not there: say so.

    "What does NPQSL 9.8 say about community partnerships?" had been answered from NPQSL 9.P2,
    with "NPQSL 9.8 does not exist" only in the note under the answer.
    """
    missing = _missing_notes(result)
    for note in missing:
        yield f"**{note[0].upper()}{note[1:]}.**"
    if missing:
        yield ""


def abstain_lines(result: SearchResult, n: int = 3) -> Iterator[str]:
    """The "not covered" answer, with the closest statements offered (not cited)."""
    yield from missing_lines(result)
    if not result.hits and _missing_notes(result):
        # Only a number that is not there was asked for: what its area holds is said above.
        yield "To find the statement you mean, search for its words, or list its area."
        return
    yield from absent_lines(result)
    yield from _no_course_pages_lines(result)
    if result.about_course and not result.no_course_pages:
        yield (
            "This reads as a question about the course itself (its length, workload, "
            "assessment, admission…). The course pages here don't answer it, and no framework "
            "statement is about how a course runs: ask your NPQ provider."
        )
    elif result.course_question:
        # Read as a course question (cost, delivery…): the provider pages were searched too.
        yield (
            "Neither the NPQ frameworks nor the course pages here cover this question, so I "
            "won't give an answer that cites them."
        )
    else:
        yield (
            "The NPQ frameworks here don't cover this question, so I won't give an answer "
            "that cites them."
        )
    close = groups_from(result)
    if not result.course_question:
        # Course prices had been offered as "closest" to a question on teachers' pay scales
        # (an Ask user test): a question not about the course gets statements only.
        close = [g for g in close if g.lead.kind != "provider_section"]
    close = close[:n]
    if close:
        yield ""
        pages = result.about_course and all(
            h.statement.kind == "provider_section" for h in result.hits[:n]
        )
        yield f"Closest {'course pages' if pages else 'statements'}, in case they help:"
        for g in close:
            yield _listing_line(g, 220)


def hits_ids(hits: Sequence[Hit]) -> list[str]:
    """The ids of some hits, in order."""
    return [h.statement.id for h in hits]
