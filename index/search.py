"""Hybrid search over the statements: id look-up, dense (FAISS) and keyword (BM25), fused.

Users find statements three ways: by id ("NPQSL 4.9"), by words ("succession planning") and by
meaning ("how do I help kids remember things?"). A query goes through:

1. **Checks**: empty, symbol-only or over-long queries and unknown filters get a `QueryError`
   whose message says what is wrong.
2. **Ids**: every citation in the query (any spelling, see :mod:`ingest.ids`) is looked up and
   returned first.
3. **Reading the query**: a framework named in it ("What does NPQEL say…", "the NPQ for
   senior leaders") becomes a filter, and so do an area ("area 4", "the SEND area") and a kind
   ("Learn how to statements"); a question that only names an area lists it in reading order;
   misspelt words are corrected to the corpus's words (:mod:`index.spelling`, with a note); a
   small domain vocabulary (:mod:`index.vocabulary`) adds the corpus's words for users' words
   (kids -> pupils) to the keyword query.
4. **Retrieval and fusion**: three rankings fused by a weighted sum of their scores (cosine to
   the statement texts, cosine to their user-worded expansions, and BM25 divided by its best;
   weighted reciprocal rank is the alternative, ``FUSION``).
   Identical statements in other frameworks follow their twin in one group; when no framework
   is named, each other framework's matching statement in its own wording (NPQEL's trust-level
   version of an NPQSL bullet, say) follows too, as a group of its own.
5. **Scope**: a calibrated "nothing relevant" signal from the best cosine and keyword match
   and the query's embedding (:mod:`index.scope`).

Example:
    >>> idx = SearchIndex(ensure_index(...), default_encoder())        # doctest: +SKIP
    >>> [h.statement.id for h in idx.search("succession planning", k=3).hits]  # doctest: +SKIP
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.course_reader import CourseReader, load_course_reader
from index.encoder import Encoder
from index.hit import Hit, Method
from index.ranker import AnyRanker, RowInfo, candidate_features, load_ranker
from index.scope import FEATURE_THRESHOLD, ScopeFeatures, ScopeModel, load_scope_model
from index.spelling import Speller, words_of
from index.store import STOPWORDS, StoredIndex, tokenize
from index.vocabulary import (
    ACRONYMS,
    DOMAIN_VOCABULARY,
    JARGON_PHRASES,
    PREVENT_DUTY_RE,
    SHORT_JARGON_PHRASES,
    SHORT_SEARCH_VOCABULARY,
    SHORT_SEARCH_WORDS,
    renamed_terms,
)
from ingest.frameworks import AREA_ALIASES, AREA_TITLES, FRAMEWORK_NAMES
from ingest.ids import (
    NPQ_SUFFIXES,
    Citation,
    find_citations,
    frameworks_named,
    strip_framework_mentions,
    without_citations,
)
from ingest.records import Statement, aligned_twins

MAX_QUERY_CHARS = 2000
KIND_FILTERS: dict[str, tuple[str, ...]] = {
    "evidence": ("evidence",),
    "practice": ("practice_heading", "practice"),
    "practice_heading": ("practice_heading",),
    "provider": ("provider_section",),
    "provider_section": ("provider_section",),
}

# Names of frameworks as users write them in questions: "the NPQ for senior leaders", "NPQ in
# Leading Teaching", "the executive leadership framework", "NPQ(SL)". The words alone are not a
# name: "our senior leadership team", "leading teaching and learning" name no framework.
_FW_WORDS = {"senior": "NPQSL", "executive": "NPQEL", "teaching": "NPQLT"}
_FW_TOPIC = r"(?:senior|executive)\s+leader(?:ship|s)?|leading\s+teaching"
_FW_PHRASE_RE = re.compile(
    rf"\b(?:the\s+)?(?:npq\s*(?:in|for|on|of)?\s*(?:the\s+)?(?P<a>{_FW_TOPIC})"
    rf"(?:\s+(?:npq|framework|qualification))?"
    rf"|(?P<b>{_FW_TOPIC})\s+(?:npq|framework|qualification)"
    r"|npq\s*\(\s*(?P<c>sl|el|lt)\s*\))(?!\w)[:,]?",
    re.IGNORECASE,
)

# "area 4" in a question is a filter; a question that is nothing but a framework and an area
# ("What is in area 4 of NPQSL?") lists the area in reading order.
AREA_NUMBER_RE = re.compile(r"\barea\s+(\d{1,2})\b", re.IGNORECASE)  # "area 4"
_LISTING_WORDS = frozenset(
    [
        "what",
        "whats",
        "is",
        "are",
        "in",
        "of",
        "the",
        "a",
        "does",
        "do",
        "say",
        "says",
        "statements",
        "statement",
        "list",
        "show",
        "me",
        "all",
        "about",
        "framework",
        "area",
        "npq",
        "there",
        "which",
        "everything",
        "contents",
        "cover",
        "covers",
        "covered",
        "its",
        "give",
        "please",
        "tell",
        # "Summarise area 8 of NPQEL", "how many evidence statements are in NPQSL area 2?"
        "summarise",
        "summarize",
        "summary",
        "overview",
        "outline",
        "explain",
        "how",
        "many",
        "number",
        "count",
        "main",
        "an",
        "points",
        "key",
        "evidence",
        "practice",
        "learn",
        "that",
        "to",
        "heading",
        "headings",
        "bullet",
        "bullets",
    ]
)

# "What areas does the NPQLT cover?", "what topics are in the NPQSL?", "NPQEL areas": the
# framework's outline, its areas in order (a blind search test: the first had been judged not
# covered, with the SEND "four areas of need" first).
_OUTLINE_KEYS = frozenset({
    "areas", "topics", "syllabus", "contents", "structure", "structured",
    "cover", "covers", "covered", "themes", "sections", "parts", "divided", "organised",
    "organized", "outline",
    # "give me an overview of the NPQ frameworks" (an eleventh Ask user test).
    "overview",
})  # fmt: skip
_OUTLINE_WORDS = _OUTLINE_KEYS | frozenset({
    "what", "whats", "which", "are", "is", "the", "in", "of", "on", "does", "do", "did",
    "include", "includes", "included", "framework", "frameworks", "course", "qualification",
    "npq", "npqs", "list", "all", "main", "key", "there", "how", "many", "me", "give", "show",
    "tell", "overview", "summary", "summarise", "summarize", "please", "its", "it", "a", "an",
    "about", "whole", "split", "into", "made", "up", "each", "different", "big",
    # "what areas does the NPQSL have?" had been searched for "areas" (the four areas of need).
    "have", "has", "got", "three", "these", "can", "you", "i", "get", "quick",
})  # fmt: skip


def asks_outline(query: str) -> bool:
    """True when a question asks only which areas a framework has ("What does NPQLT cover?")."""
    rest = re.sub(r"['’‘]", "", _FRAMEWORK_TOKEN_RE.sub(" ", query).lower())
    if re.search(r"\d", rest):
        return False
    words = re.findall(r"[a-z]+", rest)
    return (
        bool(words)
        and all(w in _OUTLINE_WORDS for w in words)
        and any(w in _OUTLINE_KEYS for w in words)
    )


_LISTED_KINDS = (
    ("evidence statement", "evidence"),
    ("practice heading", "practice_heading"),
    ("practice bullet", "practice"),
)
# "the Behaviour area", "the SEND area": an area by its title (its number differs by framework).
_AREA_TITLE_WORDS: dict[str, str] = {
    **{t.lower(): t for titles in AREA_TITLES.values() for t in titles.values()},
    **{alias: title for alias, title in AREA_ALIASES.items()},
}
_AREA_TITLE_RE = re.compile(
    r"\b(?:the\s+)?(?P<t>"
    + "|".join(re.escape(t) for t in sorted(_AREA_TITLE_WORDS, key=len, reverse=True))
    + r")\s+(?:area|section|strand)\b",
    re.IGNORECASE,
)
# "Learn how to…" / "Learn that…" statements asked for by name.
_KIND_WORDS_RE = re.compile(
    r"(?:[\"'‘“]\s*(?P<p1>learn how to)|(?P<p2>learn how to|practice|how[- ]to)"
    r"(?:…|\.\.\.)?[\"'’”]?\s+statements?)\b"
    r"|(?:[\"'‘“]\s*(?P<e1>learn that)|(?P<e2>learn that|evidence)"
    r"(?:…|\.\.\.)?[\"'’”]?\s+statements?)\b",
    re.IGNORECASE,
)

# A question about what the two kinds of statement are ("What does 'Learn that' mean?", "the
# difference between the learn that and learn how to statements"): the provider pages
# explain them; it asks for no kind of statement.
_KIND_MEANING_RE = re.compile(
    r"\blearn\s+(?:that|how\s+to)\b.{0,40}?\b(?:mean|means|meaning|stand\s+for)\b"
    r"|\b(?:difference|differ\w*|distinction)\b.{0,30}?\blearn\s+(?:that|how\s+to)\b"
    r".{0,30}?\blearn\s+(?:that|how\s+to)\b"
    r"|\bwhat\s+(?:is|are)\s+(?:an?\s+|the\s+)?['\"‘“]?learn\s+(?:that|how\s+to)\b",
    re.IGNORECASE,
)


def kind_meaning(query: str) -> bool:
    """True when a question asks what "Learn that" / "Learn how to" statements are."""
    return bool(_KIND_MEANING_RE.search(query))


# Questions about the course rather than the frameworks: only these search provider pages.
_PROVIDER_INTENT_RE = re.compile(
    # "pay" for a course, not a teacher's pay ("What's the pay range for an assistant head on
    # the leadership spine?" had been answered with the course fees; a blind batch).
    r"\b(cost|costs|fee|fees|price|pay(?!\s+(?:ranges?|scales?|spines?|points?|awards?|rises?|"
    r"progression|grades?|bands?|polic\w+|and\s+conditions|gaps?|reviews?|claims?|"
    r"structures?))|funding|funded|vat|£|eligib\w*|apply|application|"
    # "is the NPQSL free?", "free places"; not "free school meals"
    r"(is|are) (it|this|they|the (npq\w*|course|programme|qualification)s?) free|"
    r"npq\w* (for )?free|free (of charge|places?|npq\w*)|scholarships?|"
    r"who is (it|this|the (npq\w*|course|programme|qualification)) for|"
    r"is (it|this|the npq\w*) (for|right|suitable|worth)|aimed at|suitable for|"
    r"right for (me|an?)|who should (do|take|apply)|"
    r"(which|what) npq\w* (is|are|would be|should i do|suits?) (\w+ )?(for|meant|designed|"
    r"intended|right|best|suited|aimed)|"
    # "can I do the NPQSL", "start the NPQEL"; not "what do the NPQSL statements say"
    r"((can|could|should|would|will|to|i|we|you) do|doing|take|taking|start|starting|study|"
    r"studying|finish|complete) (the|my|an?) npq\w*|"
    r"npq\w*('s)?\s+(content|materials?|sessions?|tutors?|facilitators?|coach(es)?|cohorts?)|"
    r"deliver\w*|online(?!\s+(?:safety|bullying|harms?|abuse|grooming|risks?))|remote|"
    r"face[- ]to[- ]face|webinars?|events?|"
    r"modules?|final assessment|assessed task|credits?|master'?s|benefits?|provider|course|"
    r"programme|qualification|canvas|vle|international|qts|qtls|how long|duration|"
    # Not the SEND Code's "graduated approach" (an Ask user test).
    r"graduat\w*(?<!graduated)|graduated(?!\s+(?:approach|response))|old|previous|pre-2021|"
    r"before 2021|enrol\w*)\b",
    re.IGNORECASE,
)
# Which qualification a career needs: "Do I need to do NPQH after NPQSL if I want to be a
# substantive head, or is NPQSL enough?" (a twelfth Ask user test: answered from NPQSL 7.8, a
# senior leader's role under the headteacher). A question about the courses, not the frameworks.
_QUALIFICATION_ROUTE_RE = re.compile(
    r"\b(?:do|does|will|would|should|must)\s+(?:i|we|you|they|he|she|someone)\s+"
    r"(?:really\s+|still\s+|also\s+|then\s+)?(?:need|require|have)\s+"
    r"(?:to\s+(?:do|take|have|hold|get|complete)\s+)?(?:(?:the|an?)\s+)?npq\w*\b"
    r"(?!\s+(?:statements?|frameworks?|areas?|wording|text|ids?|numbers?|refs?|references?|"
    r"citations?|quotes?|evidence)\b)"
    r"|\bnpq\w*\b\s+(?:alone\s+)?(?:is\s+|be\s+)?enough\b",
    re.IGNORECASE,
)
# Words of a course question besides its course words ("how long does it take", "how much").
_COURSE_FILLER = frozenset(
    tokenize("take takes long time last run week month year hour day much get need")
)
# A teacher's salary: scales, spines and figures (not "pay and conditions" policy).
_SALARY_RE = re.compile(
    r"\b(?:pay\s+(?:ranges?|scales?|spines?|points?|bands?)|leadership\s+spine|salary|salaries|"
    r"main\s+pay|upper\s+pay)\b",
    re.IGNORECASE,
)
# The climate and the environment ("What does NPQSL say about teaching climate change and
# sustainability?", an Ask user test): no statement is about them; a framework's "school
# climate" and "financial sustainability" had answered. In a short question only: a longer one
# may ask how to lead such a change ("…net zero by 2030: how do I lead it without…?").
_ENVIRONMENT_RE = re.compile(
    r"\b(?:climate\s+(?:change|crisis|emergency|education|anxiety)|global\s+warming|"
    r"net[- ]zero|carbon\s+(?:footprint|neutral\w*|emissions?)|environmental\s+sustainability|"
    r"eco[- ]?(?:schools?|committees?|councils?|warriors?))\b",
    re.IGNORECASE,
)
# Applying for a job: "How do I write a good letter of application for a headship?" (an Ask
# user test: answered with who the NPQH is for), interviews, CVs, personal statements. In a
# short question only, like the environment.
_JOB_APPLICATION_RE = re.compile(
    r"\b(?:letters?\s+of\s+application|application\s+(?:letters?|forms?)|cover(?:ing)?\s+letters?|"
    r"job\s+(?:applications?|interviews?)|interview\s+(?:questions?|tasks?|panels?|presentations?)|"
    r"cvs?|curriculum\s+vitae|personal\s+statements?|supporting\s+statements?)\b",
    re.IGNORECASE,
)
# A request for information under the law: "How should I respond to a Freedom of Information
# request from a parent?" (an eighth Ask user test: answered with assessment information and
# anti-bullying communication as "nearest"). In a short question only, like the environment.
_INFORMATION_REQUEST_RE = re.compile(
    r"\b(?:freedom\s+of\s+information|foi\s+requests?|subject\s+access\s+requests?)\b",
    re.IGNORECASE,
)
# An NPQ named as the lens a scene is read through, not as the course: "How should I plan this
# using the NPQSL?" (an eighth Ask user test).
_NPQ_AS_LENS_RE = re.compile(
    r"\b(?:using|through|via|applying|according\s+to|in\s+line\s+with)\s+(?:the\s+|my\s+)?"
    r"(?:lens\s+of\s+(?:the\s+)?)?npq\s?-?\s?(?:sl|el|lt|h)?\b(?:\s+framework)?",
    re.IGNORECASE,
)
# A question asking for statements ("which statements cover…", "statements on coaching").
_STATEMENTS_ASKED_RE = re.compile(
    r"\b(?:which|what|any|some|the|three|two|four|few|key|relevant)\s+(?:npq\w*\s+)?"
    r"(?:framework\s+)?statements?\b"
    r"|\bstatements?\s+(?:on|about|for|that|which|covering|cover|to\s+use)\b",
    re.IGNORECASE,
)
# A statement on pupils' wellbeing, and one on the staff's.
_PUPILS_WELLBEING_RE = re.compile(
    r"\bwell-?being\b[^.;]{0,60}\b(?:of\s+(?:their\s+|all\s+)?(?:pupils|children|students))\b"
    r"|\b(?:pupils|children|students)['’]?\s+(?:[\w-]+\s+){0,3}?well-?being\b",
    re.IGNORECASE,
)
_STAFF_WELLBEING_SAID_RE = re.compile(
    r"\b(?:staff|colleagues|teachers|workforce)['’]?\s+(?:[\w-]+\s+){0,3}?well-?being\b"
    r"|\bwell-?being\b[^.;]{0,40}\bof\s+(?:the\s+)?(?:staff|colleagues|teachers|workforce)\b",
    re.IGNORECASE,
)
# A subject's exam content ("Good revision resources for GCSE chemistry required practicals?",
# "GCSE chemistry required practicals list", "which exam board is best for GCSE combined
# science?": three blind batches): the frameworks hold no subject's specification.
_SUBJECT_CONTENT_RE = re.compile(
    r"\b(?:required\s+practicals?|exam\s+boards?|(?:gcse|a[- ]level)\s+"
    r"(?:specifications?|specs?|syllabus(?:es)?|set\s+texts?|revision\s+(?:guides?|resources?))"
    # How to teach a method of a subject's own: "best way to teach column subtraction in Year
    # 3?" (two blind batches, each judged covered by the curriculum statements). Not the
    # method named in a scene ("a week later the kids can't remember the column addition
    # method": what to coach a teacher on).
    r"|(?:teach|explain|introduc|model)\w*\s+(?:\w+\s+){0,2}?(?:column\s+(?:subtraction|addition|"
    r"multiplication|method)|long\s+(?:division|multiplication)|short\s+division|bus[- ]stop\s+"
    r"method|grid\s+method|chunking\s+method))\b",
    re.IGNORECASE,
)
# A school's administration with rules of its own, in a short question (like the environment):
# "What are the steps and typical timeline for a maintained school converting to join our
# MAT?", "how often do our staff need to redo their Team Teach positive handling
# certification?", "how to set up breakout rooms on Teams" (a twenty-second blind batch, each
# answered from statements that name the topic and not its rules).
_ADMINISTRATION_RE = re.compile(
    r"\b(?:academy\s+conversions?|convert(?:ing|s|ed)?\s+(?:to|into)\s+(?:an?\s+)?"
    r"(?:academy|join)|re-?certif\w*|(?:redo|renew|refresh)\w*\s+(?:their|the|our|my|a)?\s*"
    r"(?:[\w-]+\s+){0,4}?certificat\w*|breakout\s+rooms?|"
    r"(?:ms\s+|microsoft\s+)?teams\s+(?:meetings?|calls?|settings?|channels?)|zoom\s+"
    r"(?:meetings?|calls?|settings?))\b",
    re.IGNORECASE,
)
# A statutory time limit ("how many weeks does the local authority have to decide whether to
# carry out an EHC needs assessment?", "within how many school days must the governing board
# meet?": two blind batches): the frameworks name duties, never their timescales, and
# statements on working with agencies had been offered as covering it. Not "how many weeks
# before we can fairly judge it?" or "how many weeks do I have to give a new policy?" (no duty
# in them), nor a course question.
_STATUTORY_TIME_RE = re.compile(
    r"\bhow\s+(?:many|long)\s+(?:[\w'’-]+\s+){0,2}?(?:days|weeks|months)\s+(?:[\w'’-]+\s+){0,5}?"
    r"(?:have|has|got)\s+to\b(?!\s+(?:give|wait|allow|let|stick|persevere|keep)\b)|\bwithin\s+how\s+many\b|\bhow\s+many\s+days['’]?\s+notice\b"
    r"|\b(?:statutory|legal)\s+(?:deadlines?|time\s*limits?|timescales?|time\s*frames?)\b",
    re.IGNORECASE,
)

# A scene's figures: percentages, sums of money, scores out of a total ("80% passed the
# end-of-unit check; the parallel class got 45%", "our energy bill has jumped by £38k",
# "feedback forms averaged 4.8/5"). They are details, not what is asked, and the encoder
# reads them as topic: a 49-word scenario about teachers' explanations (twelfth r013) was
# judged uncovered with them (P 0.21) and covered without. Left to the keyword search.
_FIGURES_RE = re.compile(
    r"£\s?\d[\d,.]*\s?[km]?\b|\b\d[\d,.]*\s?(?:%|per\s?cent\b)|\b\d+(?:\.\d+)?\s?/\s?\d+\b",
    re.IGNORECASE,
)


def without_figures(text: str) -> str:
    """``text`` without percentages, sums of money and scores, for the encoder.

    >>> without_figures("80% passed; the bill rose by £38k; forms averaged 4.8/5 in Year 4")
    'passed; the bill rose by ; forms averaged in Year 4'
    """
    return " ".join(_FIGURES_RE.sub(" ", text).split()) or text  # "80%" alone stays


_FRAMEWORK_TOKEN_RE = re.compile(
    rf"\b(?:the\s+)?NPQ\s?-?\s?(?:{NPQ_SUFFIXES})(?:\s+framework)?\b[:,]?",
    re.IGNORECASE,
)

# Fusion and scope settings, chosen on the development split (see eval/reports).
_FRAMEWORK_TOKENS = frozenset(tokenize("NPQ " + " ".join(FRAMEWORK_NAMES)))
_ASKING_TOKENS = frozenset(
    tokenize(
        "say says said saying mean means meaning tell talk talks cover covers mention mentions "
        "state states statement statements framework frameworks "
        # A citation asked for ("citation for TAs never replacing high quality teaching - NPQLT
        # please", a tenth Ask user test: its "citation" and "please" kept it loosely covered).
        "citation citations cite ref refs reference references please pls"
    )
)
FUSION = "scores"  # "rrf" (weighted reciprocal rank) or "scores" (weighted normalised scores)
SCORE_WEIGHTS = (1.0, 0.4, 0.5)  # cosine to texts, cosine to expansions, BM25 / best BM25
RRF_K = 10
DENSE_WEIGHT = 1.0
BM25_WEIGHT = 1.5
CANDIDATES = 100
# Scope (see index/scope.py): course questions a provider page answers in its words stay in.
SCOPE_MIN_PROVIDER_KEYWORDS = 0.5  # share of the question's keywords on the provider page
# ...and a question is covered when one of the top statements holds every one of its keywords,
# if it has this many (one word alone, "phones", proves nothing).
SCOPE_MIN_KEYWORDS = 2
SCOPE_WORDS_IN_TOP = 3
# Covered, but only loosely: P(in scope) under this (and over the "not covered" threshold) for
# a question no typed id, course reading or statement holding all its words explains. The
# answer then says the frameworks may not speak to it directly and offers the nearest
# statements as such ("How should we run GCSE chemistry practicals?" had been answered
# "In short: prior knowledge plays an important role…"). Chosen in eval/reports/ablations.md
# (seventeenth round).
SCOPE_LOOSE_BELOW = 0.6
EVIDENCE_PRIOR = 1.15
# Provider pages in a question that does not read as a course one: weighed down, not left out
# ("is the content tailored to my area?" has no course word). Retrieval dev split: plateau 0.7-0.9;
# course questions (eval/reports/course.md): 0.8 -> 0.9 finds more pages, 1.0 lets them into
# framework questions. 0 leaves them out.
PROVIDER_PRIOR_NO_INTENT = 0.9
# ...and given a head start in a course question, as evidence statements are in the others
# (course set: 1.0 / 1.1 / 1.15 / 1.3 -> recall@5 0.750 / 0.769 / 0.769 / 0.795, framework
# questions with a provider page in the top 5: 3 / 3 / 4 / 7 of 50; retrieval dev unchanged).
PROVIDER_PRIOR_COURSE = 1.1
# The ask of a course question with an aside, read by its words, holds at least this many.
COURSE_ASK_MIN_KEYWORDS = 3
# A page about the course for schools abroad: the UK course's page before it, where either
# answers a question that does not say abroad.
ABROAD_RE = re.compile(
    r"\binternational\b|\boverseas\b|\babroad\b|\bbritish\s+schools?\b|\boutside\s+(?:the\s+)?uk\b",
    re.IGNORECASE,
)
# A question about the course itself is answered by the page at the top when a question written
# for that page is this close (cosine to its best expansion), or when it is a current page holding
# this share of the question's keywords (eval/reports/course.md, "Answered or not").
COURSE_ANSWER_COSINE = 0.85
# "…fully online or do I have to travel…": the second half of a choice, asked as a question.
_OR_ASK_RE = re.compile(
    r",?\s+or\s+(?=(?:do|does|can|could|should|will|would|is|are|must|have|has)\b)", re.IGNORECASE
)
COURSE_ANSWER_KEYWORDS = 0.5
ASK_PAGES = 3  # pages an ask of a many-part course question is checked against
# ...in the pages' words: "is it worth it?" is answered by what the course's benefits are,
# "can my school pay?" by what it costs.
_COURSE_ASKED_AS = {
    "worth": "benefits",
    **dict.fromkeys(("pay", "pays", "paying", "paid", "price", "fee", "fees"), "cost"),
}
# A question of this many words is a course question by its course words only if it names an
# NPQ, a course, a qualification or a provider (development sets: 56 framework questions had
# been read as course questions, and kept the fusion's order; at 12 / 15 / 20 words, blind
# 0.903 -> 0.918 at each, fourth 0.950 -> 0.947 / 0.947 / 0.950, sixth 0.920 -> 0.927, fifth
# 0.931 -> 0.934; dev, scenarios, the course set, scope and answerability unchanged).
COURSE_WORD_LONG_QUESTION = 20
ADMINISTRATION_WORDS = 30  # a question this long or longer is a scene, its admin a detail
SHORT_COURSE_KEYWORDS = 1  # a course question this short keeps its NPQ name when searched
RERANK = True  # put the fused candidates in the learned re-ranker's order (index/ranker.py)
SPELLING = True  # correct misspelt query words to corpus words (index/spelling.py)
EXPANSION_WEIGHT = 1.0  # the ranking by users' wordings (expansions), next to the texts'
BARE_ID_MAX_WORDS = 8  # "what does 4.9 say?" reads 4.9 as an id; a longer text does not
# ...and only when the question asks about a statement ("is 4.5 hours enough" is no citation).
_BARE_ID_CUE_RE = re.compile(
    r"\b(?:says?|said|mean(?:s|ing)?|explain|statements?|covers?|about|text|show|quote|cite)\b"
    r"|^\s*what(?:'s|s|\s+is)\s+\d",
    re.IGNORECASE,
)
_BARE_ID_RE = re.compile(r"(?<![\w.£$])(\d{1,2})\.([Pp]?\d{1,2}(?:\.\d{1,2})?)(?![\w.%£$]|\.\d)")
NEAR_IDENTICAL_COSINE = 0.95  # statements this close across frameworks are shown together
# The same statement in another framework's words, read from the words themselves: the Dice
# overlap of the two texts' content-word sets (stopwords and "including" aside). The indexed
# vectors are of the texts with their area and heading, so NPQSL 1.P1.3 and NPQEL 1.P1.4, one
# word apart ("school's" / "trust's"), sit at cosine 0.70 under different headings. At or
# above LEXICAL_TWIN the two are one statement ("Promoting use of…" / "Promoting the use
# of…"); at or above LEXICAL_COUNTERPART the closest in each framework is its counterpart:
# all 81 such pairs among the 394 labelled by hand are the same statement.
LEXICAL_TWIN = 0.9
LEXICAL_COUNTERPART = 0.65
# A shorter statement whose content words another framework's statement nearly all holds is
# said inside it (NPQEL 5.P3.2 folds NPQSL 5.P4.2 into a longer sentence): 117 of the 120
# labelled pairs at 0.7 or more (5+ content words) are the same statement, 3 related.
CONTAINED_COUNTERPART = 0.7
CONTAINED_MIN_WORDS = 5
# Otherwise by meaning: the two statements' own words (without area title and heading), in
# corresponding areas, each the other's nearest, at this cosine or above. On 394 candidate
# pairs labelled by hand (eval/data/counterpart_labels.jsonl) 0.92 of these are the same
# statement; the rule before, cosine >= 0.75 of the indexed texts, 0.66: their vectors lean
# on the shared area and heading (NPQSL 3.P1.3 on analogies and NPQEL 3.P1.3 on curriculum
# time sat above 0.75; their own words are at 0.26).
BARE_COUNTERPART_COSINE = 0.65
# Or a long stretch of the same words, in order: NPQEL 4.P2.2 says NPQSL 4.P2.2's "respond
# consistently to pupil behaviour through thoughtful application of recognition, rules and
# sanctions" in a sentence of its own, too short a share of the longer text for the rules above.
# Among the closest pairs by this measure (in corresponding areas), every one labelled from 6
# shared stems up is the same statement (from 5, one is related); 7 leaves a margin.
SHARED_RUN_COUNTERPART = 7


class QueryError(ValueError):
    """A query or filter that cannot be searched; the message says why."""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """What a search returns.

    Attributes:
        query: The query as given.
        hits: Best first.
        in_scope: False when nothing in the corpus matches well (the "not covered" signal).
        frameworks: Frameworks the search was restricted to (named in the query or a filter).
        notes: Things the user should know ("searched NPQEL only: the question names it").
        reranked: The hits' scores are the re-ranker's P(relevant) (``index/ranker.py``), not
            the fusion's share of its best score.
        course_question: The question reads as one about the course (cost, delivery…), so
            provider pages were searched with a head start.
        no_course_pages: NPQs a course question names that no provider page in the corpus is
            about ("can I get funding for the NPQEL?"): the hits cannot answer it as a course
            question, and the answer says so first.
        about_course: The question asks about an NPQ itself ("how long does the NPQSL
            take?"): only provider pages were searched.
        loose: In scope, but only loosely (``SCOPE_LOOSE_BELOW``): the hits are the nearest
            statements, not an answer the frameworks give directly.
        absent: NPQs the question names that the corpus does not hold ("What does the NPQH
            say about behaviour?"): the hits are other frameworks' statements.
    """

    query: str
    hits: tuple[Hit, ...]
    in_scope: bool
    frameworks: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    best_cosine: float = 0.0
    best_bm25: float = 0.0
    groups: tuple[tuple[str, ...], ...] = ()
    scope: ScopeFeatures | None = None
    scope_probability: float = 1.0
    reranked: bool = False
    course_question: bool = False
    no_course_pages: tuple[str, ...] = ()
    about_course: bool = False
    absent: tuple[str, ...] = ()
    loose: bool = False


_WORD_RE = re.compile(r"[a-z]+")
_FRAMEWORK_ORDER = {f: i for i, f in enumerate(FRAMEWORK_NAMES)}
# Words that say nothing of what a statement is about, left out when two statements' wordings
# are compared ("Support colleagues to …, including by:" opens many practice headings).
_WORDING_FILLER = STOPWORDS | {"including"}


def _content_words(text: str) -> frozenset[str]:
    """The words of ``text`` that carry its content, lower-cased."""
    return frozenset(w for w in _WORD_RE.findall(text.lower()) if w not in _WORDING_FILLER)


# The words of a leader's role, which the frameworks change from one NPQ to the next ("Contribute
# to…", "Ensure trust schools…", "Support colleagues to…"), as stems.
_ROLE_FRAMING = frozenset(
    {
        "includ",
        "contribut",
        "ensur",
        "support",
        "colleagu",
        "trust",
        "school",
        "leader",
        "senior",
        "team",
        "across",
        "work",
        "encourag",
        "staff",
    }
)


def longest_run(a: Sequence[str], b: Sequence[str]) -> int:
    """The length of the longest run of words ``a`` and ``b`` share, in the same order."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, start=1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def _role_free_words(text: str) -> frozenset[str]:
    """The stems of ``text``'s keywords, the words of a leader's role aside."""
    return frozenset(tokenize(text)) - _ROLE_FRAMING


_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")


def check_query(query: str) -> str:
    """Return the query stripped, or raise `QueryError` saying what is wrong with it."""
    if not isinstance(query, str):
        raise QueryError(f"query must be text, not {type(query).__name__}")
    # Invisible characters that pasted or saved text carries (a byte-order mark, zero-width
    # spaces and joiners) are no part of the question.
    q = _INVISIBLE_RE.sub("", query).strip()
    if not q:
        raise QueryError("the query is empty: type a question, some keywords or an id")
    if not re.search(r"[^\W_]", q):
        raise QueryError(f"the query {q[:40]!r} has no letters or numbers to search for")
    if len(q) > MAX_QUERY_CHARS:
        raise QueryError(
            f"the query is {len(q):,} characters; the limit is {MAX_QUERY_CHARS:,}. "
            "To find evidence for a long text, use the evidence finder (npq find)."
        )
    return q


# Chat shorthand for the words a question is read by: "what does npqlt say abt modelling and
# worked examples" had been judged not covered (a ninth Ask user test: "say about" unread).
_CHAT_SHORTHAND = {
    "abt": "about",
    "w/": "with",
    "b/c": "because",
    "wrt": "regarding",
    "ppl": "people",
    # "hinge point qs" (an eighteenth blind batch: judged not covered).
    "qs": "questions",
}
_CHAT_SHORTHAND_RE = re.compile(
    r"(?<![\w/])(?:abt|wrt|ppl|qs|b/c|w/)(?=\s|[?.!,]|$)", re.IGNORECASE
)


def without_chat_shorthand(q: str) -> str:
    """The question with chat shorthand ("abt", "w/", "b/c") written out."""
    return _CHAT_SHORTHAND_RE.sub(lambda m: _CHAT_SHORTHAND[m[0].lower()], q)


def check_filters(
    framework: str | None, area: int | None, kind: str | None
) -> tuple[str | None, int | None, tuple[str, ...] | None]:
    """Normalise filters, raising `QueryError` for unknown values."""
    fw = None
    if framework:
        fw = framework.strip().upper().replace(" ", "")
        if fw not in FRAMEWORK_NAMES:
            raise QueryError(
                f"unknown framework {framework!r}; choose one of {', '.join(FRAMEWORK_NAMES)}"
            )
    if area is not None and not (1 <= int(area) <= 10):
        raise QueryError(f"area must be between 1 and 10; got {area}")
    kinds = None
    if kind:
        if kind not in KIND_FILTERS:
            raise QueryError(f"unknown kind {kind!r}; choose one of evidence, practice, provider")
        kinds = KIND_FILTERS[kind]
    return fw, (int(area) if area is not None else None), kinds


# "roll out", "rolling-out": one word, "rollout", for the vocabulary (implementation).
_ROLL_OUT_RE = re.compile(r"\b(?:roll(?:s|ed|ing)?)[- ]out\b")
_MOBILE_PHONE_RE = re.compile(r"\bmobile(?=\s+(?:tele)?phones?\b)", re.IGNORECASE)
# Phones as pupils' devices ("ban mobile phones", "phones in lessons"), not a phone call home
# or the phone a course is followed on ("on my phone").
_PHONES_RE = re.compile(
    r"\b(?:mobile\s+|smart)?phones\b(?!\s+(?:calls?|home))|\b(?:mobile|smart)\s*phone\b"
)
# Keeping and finding teachers ("teacher retention", "retaining staff", "staff turnover",
# "recruitment of teachers"), not retention of knowledge;
# not "keep staff on board" with a change (fifth set, v099).
_RETENTION_RE = re.compile(
    r"\b(?:teachers?|staff|colleagues?|ects?)\s+(?:retention|turnover)\b"
    r"|\bretain(?:s|ed|ing)?\s+(?:good\s+|our\s+|more\s+)?(?:teachers|staff)\b"
    r"|\brecruit(?:ment|ing)?\s+(?:of\s+|new\s+|good\s+)*(?:teachers|staff)\b"
)


# Sets and setting in the sense of grouping pupils by attainment ("the bottom set", "put into
# sets", "ability setting", "whether to set Year 7 maths", "mixed-ability", "streaming"), which
# the frameworks call grouping ("groups based on attainment", "how pupils are grouped"); not
# "setting goals", "budget setting", "sets out", "setting homework".
_SETS_RE = re.compile(
    r"\b(?:top|bottom|lower|higher|upper|middle|low|high|ability|attainment)\s+sets?\b"
    r"|\binto\s+sets\b|\bsets?\s+(?:by|for)\s+(?:prior\s+)?(?:ability|attainment)\b"
    r"|\bability\s+(?:setting|grouping|groups?)\b|\bmixed[- ](?:ability|attainment)\b"
    r"|\bstream(?:ing|ed)\b|\bset\s+in\s+(?:maths|english|science|every|all)\b"
    r"|\b(?:whether|not)\s+to\s+set\b|\bsetting\s+(?:works?|better|worse|vs|versus|or)\b",
)


# Naming the course itself: an NPQ, "the course" (not "of course"), the qualification, a provider.
_COURSE_NAMED_RE = re.compile(
    r"\bnpq|(?<!\bof\s)\bcourses?\b|\bqualifications?\b|\bproviders?\b|\bolp\b",
    re.IGNORECASE,
)


# A question of who a course is for ("Am I eligible for NPQSL?", "Is the NPQLT suitable for a
# head of year?", "Who is the NPQEL aimed at?", "Can teaching assistants do the NPQLT?"), not
# of funding ("eligible for the scholarship") or of circumstances ("can I still do it in an
# independent school?", "…if I work in Wales?"): a section saying who the NPQ is for answers it.
_ROLE = (
    r"(?:teachers?|teaching assistants?|tas?|hltas?|ects?|nqts?|trainees?|senco|middle leaders?"
    r"|senior leaders?|subject leads?|subject leaders?|(?:assistant |deputy |executive )?heads?"
    r"(?: ?teachers?| of (?:year|department|dept|school|phase|\w+))?|deputy|deputies|aht|dht"
    r"|ceo|(?:phase|year|key stage|ks\d) (?:leads?|leaders?)|(?:\w+ )?leads?|governors?)"
)
_AUDIENCE_ASK_RE = re.compile(
    r"\b(?:am i|are (?:we|they|you)|is (?:a|an|my|someone)\b[^?.]{0,30}?)\s+(?:still\s+)?"
    r"eligible\b(?!\s+for\s+(?:the\s+|any\s+)?(?:funding|scholarships?|grants?|bursar\w*"
    r"|support|extra|help|free))"
    r"|\beligibility\b(?!\s+(?:for|of)\s+(?:the\s+)?(?:funding|scholarships?|grants?|send"
    r"|support|pupils?|free))"
    r"|\bentry requirements?\b|\bprerequisites?\b|\baimed at\b|\btarget audience\b"
    r"|\bwho(?:'s|’s| is| are)\s+(?:it|this|the\s+\w+|npq\w*)\s+(?:for|aimed|meant)\b"
    r"|\b(?:suitable|right|meant|designed|intended)\s+for\s+(?:me\b|a\b|an\b|someone|people|"
    + _ROLE
    + r")"
    r"|\bwho\s+(?:can|should|could)\s+(?:apply|do|take|sign up|enrol)\b"
    r"|\bcan\s+(?:a\s+|an\s+)?" + _ROLE + r"\s+(?:do|take|apply for|sign up for|study|start)\b"
    r"|\b(?:do|can|could)\s+i\s+(?:do|take|apply for|start)\b[^?.]{0,30}?\bif\s+i(?:'m|’m| am)\s+"
    r"(?:only\s+|just\s+|not\s+(?:yet\s+)?|still\s+)?(?:a|an)\b"
    r"|\bdo\s+i\s+(?:need|have)\s+to\s+be\s+(?:a|an)\b"
    # "…doesn't have QTS. Can she still apply for NPQSL?" (a twenty-second blind batch).
    r"|\b(?:can|could|may)\s+(?:i|she|he|they|we|someone|a\s+colleague)\s+(?:still\s+)?"
    r"(?:apply|enrol|sign\s+up|register)\b",
    re.IGNORECASE,
)
# A question about the old programme itself ("How was the old NPQSL final assessment done?").
ASKS_OLD_RE = re.compile(
    r"\b(?:old|older|previous|former|legacy|superseded|pre[- ]?2021|before\s+2021|used\s+to)\b",
    re.IGNORECASE,
)
# A section saying who the NPQ is for among the first this many answers (3 left "Can teaching
# assistants do the NPQLT?" unanswered, its section sixth; scope and answerability sets: no
# other change at 10).
AUDIENCE_TOP = 10
_AUDIENCE_TITLE_RE = re.compile(
    r"^\s*(?:who\b(?!.*\bguidance\b).*\bfor\b|applicants must|entry requirements?|eligibility)",
    re.IGNORECASE,
)


# A name: two or more capitalised words in a row ("Little Wandle", "Oak National Academy"),
# not a greeting's or a title's ("Hi Sarah", "Mrs Patel") nor a cited author's ("As Kraft").
_PROPER_NAME_RE = re.compile(
    r"(?<!\bHi )(?<!\bDear )(?<!\bMrs )(?<!\bMr )(?<!\bMs )(?<!\bDr )(?<!\bMiss )"
    r"\b((?!(?:Hi|Dear|As|Mr|Mrs|Ms|Dr|Miss)\b)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+)\b"
)


# A question about a trust or a group of schools: the NPQEL's wording may lead.
_TRUST_ASKED_RE = re.compile(
    r"\b(?:trusts?|mats?|multi[- ]academy|ceos?|executive|trustees?|academies|"
    r"federat\w*|group\s+of\s+schools|(?:across|all)\s+(?:of\s+)?(?:our|the|its|their|\d+|"
    r"two|three|four|five|six|seven|eight|nine|ten|several|many|multiple)\s+(?:\w+\s+)?schools|"
    r"local\s+governing\s+bod\w*)\b",
    re.IGNORECASE,
)
_BRAND_RE = re.compile(r"\b(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[a-z]+[A-Z][A-Za-z]*)\b")
# An inspection grade: the frameworks name Ofsted (NPQSL 10.P2) but no grade, nor how to earn
# one ("Ofsted - what do we need to do to get out of Requires Improvement at the next
# inspection?" had been answered "In short: …participating in inspections or reviews as
# required", a twelfth Ask user test), nor what its deep dives ask ("Ofsted deep dive - what
# questions do inspectors usually ask subject leads?", a blind batch).
_INSPECTION_GRADE_RE = re.compile(
    r"\b(?:requires\s+improvement|special\s+measures|serious\s+weaknesses|(?:ofsted|inspection)\s+"
    r"(?:grades?|judg(?:e)?ments?|ratings?)|(?:graded|rated|judged)\s+(?:as\s+)?(?:outstanding|"
    r"inadequate|good)|(?:ofsted\s+|subject\s+)?deep[- ]dives?)\b|(?-i:\bRI\b)",
    re.IGNORECASE,
)
# The thing a short question is about, in lower case: "should we ban mobile phones in school?",
# "what does the npq say about mobile phones?" (an eleventh Ask user test had been answered
# "In short: …maintaining clear behavioural expectations", never saying that no statement
# names phones). One to three words, up to a pause or a place ("in school", "at lunch").
_ASKED_THING_RE = re.compile(
    r"\b(?:ban(?:ning)?|(?:say|says|said|anything|mention|covers?|position|stance|view|line)"
    r"\s+(?:anything\s+)?(?:about|on))\s+(?P<thing>(?:[a-z][a-z'’-]*\s+){0,2}[a-z][a-z'’-]*)"
    r"(?=\s*(?:[?.!,;]|$|\s+(?:in|at|for|and|or|during|from)\b))",
    re.IGNORECASE,
)
BRAND_MIN_LETTERS = 5
BRAND_QUESTION_WORDS = 20
TITLE_CASE_SHARE = 0.6  # a query with this share of capitalised words is typed in Title Case
# Common first names in English-speaking schools: a name starting with one is a person's
# ("my colleague Sarah Jones"), not a programme the frameworks fail to name.
_FIRST_NAME_TEXT = """
    adam aisha alex alice amanda amelia amy andrew angela anna anne ben beth charlotte chloe
    chris claire daniel david emily emma fatima gareth george grace hannah harry helen ian
    jack james jane jason jennifer jessica joe john jonathan joseph julie karen kate katie
    laura lisa lucy mark mary matthew michael mohammed muhammad nadia natalie nicola oliver
    paul peter priya rachel rebecca richard robert ruth ryan sam samuel sarah simon sophie
    stephen steve susan thomas tom victoria william zoe
"""
_FIRST_NAMES = frozenset(_FIRST_NAME_TEXT.split())
NOT_COUNTERPARTS_PATH = Path(__file__).resolve().parent / "data" / "not_counterparts.json"


@functools.cache
def _not_counterparts() -> frozenset[frozenset[str]]:
    """Pairs a person read and judged not the same point: never shown as each other's wording.

    The rules above pair 173 statements; of those a person labelled, 8 make a related point
    only ("A senior leader should play a major role in managing staff…" [NPQSL 7.8] had been
    shown with "NPQEL's wording: Executive leaders need to … deploy the team of headteachers").
    """
    try:
        data = json.loads(NOT_COUNTERPARTS_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()
    return frozenset(frozenset(p) for p in data.get("pairs", []) if len(p) == 2)


def expand_keywords(query: str) -> str:
    """The keyword query with the corpus's words added for users' words."""
    # "mobile phones": the phone is the topic; "mobile" is in the corpus only as a provider
    # page's "enabled for mobiles" (its virtual learning environment).
    query = _MOBILE_PHONE_RE.sub("", query)
    lowered = query.lower()
    if _SETS_RE.search(lowered):
        lowered += " attainmentgrouping"
    if _PHONES_RE.search(lowered):
        lowered += " pupilphones"
    if _RETENTION_RE.search(lowered):
        lowered += " staffretention"
    words = re.findall(r"[a-z]+", _ROLL_OUT_RE.sub("rollout", lowered))
    extra = [DOMAIN_VOCABULARY[w] for w in words if w in DOMAIN_VOCABULARY]
    extra += jargon_read(query)
    return query + (" " + " ".join(extra) if extra else "")


def jargon_read(query: str) -> list[str]:
    """The frameworks' words for the school shorthand in ``query`` (acronyms, jargon phrases).

    Each item is what one term is read as. Unlike the everyday words of the vocabulary above
    ("kids", "money"), a term read here names one thing the frameworks say in other words.
    """
    lowered = _MOBILE_PHONE_RE.sub("", query).lower()
    words = re.findall(r"[a-z]+", lowered)
    read = [added for pattern, added in JARGON_PHRASES if pattern.search(lowered)]
    read += [ACRONYMS[w] for w in words if w in ACRONYMS]
    if len(query.split()) <= SHORT_SEARCH_WORDS:
        read += [SHORT_SEARCH_VOCABULARY[w] for w in words if w in SHORT_SEARCH_VOCABULARY]
        if PREVENT_DUTY_RE.search(lowered):
            read.append("safeguarding")
        read += [added for pattern, added in SHORT_JARGON_PHRASES if pattern.search(lowered)]
    return read


# A question about an NPQ itself, not what its framework says: "how long does the NPQSL take?",
# "is the NPQSL hard?", "can I fail the NPQLT?". No framework statement answers these, yet their
# words do ("take longer to embed" [NPQSL 4.2], "can be difficult to change"). Read from a short
# question that opens with a question word and has the NPQ as its subject or object (not as a
# source: "does the NPQSL say…", "in the NPQSL"), no word of what a framework says or is about,
# and a word of the course (its length, difficulty, assessment, admission…). Designed on 40
# course and 40 content questions of this shape (eval/reports/ablations.md, thirteenth round).
# fmt: off
_QUESTION_WORDS = frozenset({
    "is", "are", "was", "were", "can", "could", "will", "would", "does", "do", "did", "should",
    "shall", "must", "may", "might", "has", "have", "how", "what", "what's", "whats", "who",
    "when", "where", "which", "why",
})
_NPQ_AS_TOPIC_RE = re.compile(
    r"(?:(?P<pre>\b[\w']+)\s+)?"
    r"(?P<det>(?:the|my|an?|this|your|our|every|each)\s+(?:(?:next|new|current|same)\s+)?)?"
    rf"\bnpq\s?-?\s?(?:{NPQ_SUFFIXES}|s)?\b(?!\s*'?s?\s*\d)",
    re.IGNORECASE,
)
# Before a bare NPQ name, the words that make it the thing done ("is NPQSL hard?", "do NPQSL").
_NPQ_VERB_BEFORE = frozenset({
    "is", "are", "was", "do", "doing", "did", "take", "taking", "fail", "failing", "pass",
    "passing", "finish", "finishing", "complete", "completing", "start", "starting", "join",
    "joining", "for", "of", "on", "from", "about", "enrol", "study", "studying", "fund",
    "afford", "worth", "expect", "expecting",
})
# ...and those that make it a source or a scope ("in the NPQSL", "NPQSL and NPQEL").
_NPQ_SCOPE_BEFORE = frozenset({
    "in", "within", "across", "under", "to", "per", "by", "and", "or", "vs", "versus", "with",
    # The NPQ as a lens: "How should I plan this using the NPQSL?" (an Ask user test: a
    # school's writing scene had been declined as a question about the course).
    "using", "through", "via", "applying",
})
# fmt: on
_CONTENT_ASK_RE = re.compile(
    r"\b(?:say|says|said|saying|expect\w*|want\w*|suggest\w*|recommend\w*|advi[sc]\w*|"
    r"mention\w*|cover\w*|includ\w*|contain\w*|talk\w*|discuss\w*|defin\w*|describ\w*|"
    r"emphasi[sz]\w*|stress\w*|argu\w*|claim\w*|think\w*|views?|treat\w*|highlight\w*|"
    r"address\w*|deal\w*|explain\w*|approach\w*|position|stance|favou?r|clear\s+on|right\s+that|"
    # A citation asked for ("Can you give me the NPQSL citation?" after a quoted sentence, an
    # Ask user test, had been read as a question about the course).
    r"citations?|cite|cited|citing|referenc\w*|quot\w*|"
    r"evidence|research|guidance|frameworks?|statements?|section|areas?|put|puts|learn\s+that|"
    # "teaching assistants" is a role ("Can teaching assistants do the NPQLT?"), not teaching.
    r"learn\s+how|helps?\s+with|teach\w*\b(?!\s+assistants?\b)|pupils?|students?|behaviour|"
    r"curriculum|send|"
    r"(?:take|line|advice)\s+on|help\s+(?:me|us|you)\s+(?:to\s+)?(?:plan|improve|manage|lead|"
    r"develop|design|understand|tackle|deal|handle|support|write|run))\b",
    re.IGNORECASE,
)
# Words that ask about a course's length, load, difficulty, assessment or standing, in either
# reading below.
_COURSE_FACTS = (
    r"how\s+long|how\s+many\s+(?:hours|weeks|months|terms|days|sessions)|hours|weeks|months|"
    r"hard|harder|difficult|easy|easier|tough|demanding|fail\w*|pass(?:ed|ing)?|exams?|"
    r"assess(?:ed|ment)|workload|how\s+much\s+(?:work|reading|time)|deadlines?|pause|defer\w*|"
    r"maternity|certificate|recogni[sz]ed|accredited|residentials?|time\s+commitment|"
    r"entry\s+requirements?|a\s+lot\s+of\s+work|full[- ]time\s+job"
)
_COURSE_ABOUT_RE = re.compile(
    rf"\b(?:{_COURSE_FACTS}|tests?|who\s+runs|run\s+by|deliver(?:s|ed)?|worth|switch\w*|degree|"
    r"sign\s+up|register\w*|places?|get\s+at\s+the\s+end|start|starts|begin|begins|close|closes|"
    r"last|lasts|(?:do|doing|take|taking)\s+(?:the\s+)?npq\w*|pays|paying|paid)\b"
    # Who an NPQ is for, and which one to take: "who is the NPQLT actually for", "I'm a head of
    # year 9, which NPQ should I be doing?" (the DfE's introductions say who each is for).
    r"|\bwho(?:'s|’s|\s+is|\s+are)\b[^?.]{0,40}\bfor\s*\??\s*$"
    r"|\bwhich\s+(?:npq|qualification)s?\b[^?.]{0,20}\b(?:should|would|could|is|are|suits?|for)\b",
    re.IGNORECASE,
)
ABOUT_NPQ_MAX_WORDS = 16
SCENE_OTHER_WORDS = 0  # words a question after the scene may hold besides the course's own
# "For my NPQSL task on implementation: what's the cost of …?": a question asked for one's course
# work is about its topic.
_WORK_FOR_THE_COURSE_RE = re.compile(
    r"\b(?:task|assignment|essay|write-?up|reflection|portfolio|project|case\s+study)\b",
    re.IGNORECASE,
)
# What a question asked after a scene naming the NPQ asks about the course with: not "start" or
# "worth" alone ("Our NPQ tutor raised this: … where do I start?", "… is that worth the time?").
_SCENE_COURSE_RE = re.compile(
    rf"\b(?:{_COURSE_FACTS}|worth\s+it|(?:does|do|will)\s+it\s+(?:start|begin|finish|end|run|last)|"
    r"resits?|resit\w+|resubmit\w*|retake\w*|withdraw\w*|drop\s+out|induction|word\s+limit|"
    r"submission|cohort|part[- ]tim\w+|switch\s+provider|carry\s+on|level\s+\d|sessions?)\b",
    re.IGNORECASE,
)
_NAMED_NPQ_RE = re.compile(rf"\bnpq\s?-?\s?(?:{NPQ_SUFFIXES})\b", re.IGNORECASE)
# "The NPQSL: how many hours a week is it?" (the determiner read as the word before).
_NPQ_DETERMINERS = frozenset({"the", "my", "a", "an", "this", "your", "our", "every", "each"})
_NPQ_RE = re.compile(rf"\bnpq\s?-?\s?(?:{NPQ_SUFFIXES}|s)?\b", re.IGNORECASE)
# A message opening with the NPQ's name ("npqsl, how long roughly?"), not a statement number.
_NPQ_FIRST_RE = re.compile(rf"\s*{_NPQ_RE.pattern}(?![\s.]*\d)", re.IGNORECASE)
_IT_RE = re.compile(r"\b(?:it|this|the\s+(?:course|qualification|programme))\b", re.IGNORECASE)
# Words a question about the course's length, load or difficulty asks with ("how long does it
# take", "how many hours a week, roughly", "is it really that hard").
_COURSE_FILLER = frozenset(
    tokenize(
        "take takes taking long much many really actually roughly typically usually honestly "
        "realistically overall whole thing course qualification programme time week weeks "
        "month months year years hour hours day days get like run runs submit submission window "
        "deadline induction study leave own part timers ready normal full timetable top finish "
        "fund self anything happens happen still extend extended end complete mid halfway "
        "back results result already manageable too jump next tbh graded grade go term terms "
        "spring summer autumn winter january february march april may june july august "
        "september october november december live recorded record cant make"
    )
)
# "I teach in an independent school, can I still do the NPQSL?": the question after the scene.
_ASKED_AFTER_SCENE_RE = re.compile(r"(?:,|\s[-–—]|:)\s+(?P<asked>[^,:]+)$")


def _asked_sentences(q: str) -> list[tuple[str, list[str]]]:
    """The question's sentences that ask (open with a question word), with their words."""
    out = []
    for sentence in re.findall(r"[^.?!]+[.?!]*", q):
        words = re.findall(r"[\w'’-]+", sentence.lower())
        if (
            words
            and words[0] not in _QUESTION_WORDS
            and (m := _ASKED_AFTER_SCENE_RE.search(sentence))
        ):
            sentence = m["asked"]
            words = re.findall(r"[\w'’-]+", sentence.lower())
        if words and words[0] in _QUESTION_WORDS:
            out.append((sentence, words))
    return out


# Words that look like a content ask and are not. The pupil premium is a school's funding, not
# pupils: "Can I get targeted funding for NPQSL if my school has a high proportion of pupil
# premium kids?" asks about the course's funding (an Ask user test: it had been answered with
# NPQSL 1.1 on disadvantaged pupils).
_NOT_CONTENT_RE = re.compile(
    r"\bpupil\s+premium\b"
    # …nor what to expect of the course ("How many hours a week should I expect NPQSL to
    # take…?", an Ask user test): not what a framework expects of leaders.
    r"|\bexpect\w*\s+(?:it|this|the\s+\w+|npq\w*)\s+to\s+(?:take|last|cost|be|need|involve)\b",
    re.IGNORECASE,
)


# A condition after the ask ("…for NPQSL if my school has a high proportion of pupil premium
# kids?") says whose case it is; the ask is before it.
_CONDITION_RE = re.compile(
    r"\s+(?:if|because|since|given\s+that|even\s+though|although|as\s+long\s+as)\s+",
    re.IGNORECASE,
)


def about_the_course(query: str, course_like: Callable[[str], bool] | None = None) -> bool:
    """True when a question asks about an NPQ itself ("how long does the NPQSL take?").

    Args:
        query: The question.
        course_like: Reads a question that names the NPQ as its subject (talk of one's course
            taken out) for whether it asks about the course, whatever its words
            (:meth:`SearchIndex.course_like`, a model of the question's embedding); without it,
            the words alone decide.
    """
    q = strip_asking(query)
    worded = provider_intent(q) or bool(_COURSE_ABOUT_RE.search(q))
    if not worded and course_like is None:
        return False
    asked = _asked_sentences(q)
    if any(_CONTENT_ASK_RE.search(_NOT_CONTENT_RE.sub(" ", sentence)) for sentence, _ in asked):
        # Any question in it asking what a framework says ("Is the NPQSL hard? What does it
        # say about coaching?", a follow-up searched with the one before) is a content question.
        return False
    if worded and any(
        len(part.split()) <= ABOUT_NPQ_MAX_WORDS and _npq_as_topic(part)
        for s, _ in asked
        # …or one of its asks ("How many hours a week should I expect NPQSL to take, and how
        # long does the whole course last?").
        for part in (s, _CONDITION_RE.split(s, 1)[0], *_ASK_SPLIT_RE.split(s))
        if part
    ):
        return True
    # "Thinking about doing the NPQEL, how hard is it?": the NPQ named before the question, which
    # asks about nothing but the course ("…, how long does it take to embed a policy?" asks
    # about the policy; "Our NPQ tutor raised this: … where do I start?" about the ellipsis).
    clauses = _asking_clauses(q)
    scene = q
    for c in clauses:
        scene = scene.replace(c, " ")
    if _WORK_FOR_THE_COURSE_RE.search(scene):
        return False
    if course_like is not None and (asked or clauses) and not AREA_NUMBER_RE.search(q):
        # "My NPQSL assessment came back as not passed. Can I appeal the mark?": a question (not a
        # search: "NPQSL area 4"), the NPQ its subject (not only in talk of one's course:
        # "Doing my NPQ and this came up: …"), and, read whole, one about the course.
        own = without_course_talk(q)
        if (_npq_as_topic(own) or _NPQ_FIRST_RE.match(own)) and course_like(own):
            return True
    if not worded:
        return False
    named = _npq_as_topic(q) or bool(_NPQ_FIRST_RE.match(q))
    return named and any(
        _only_course_words(c)
        # The course by name ("Doing NPQLT. when's the final assessment?"), or "it" for it.
        and (_IT_RE.search(c) or _NAMED_NPQ_RE.search(scene))
        for c in clauses
        if not _NPQ_RE.search(c)
    )


def _asking_clauses(q: str) -> list[str]:
    """The clauses of a question that ask: they open with a question word or end with "?"."""
    out = []
    for sentence in re.findall(r"[^.?!]+[.?!]*", q):
        for clause in re.split(r",\s+|\s+[-–—]+\s+|:\s+|\.\.+\s*", sentence):
            words = re.findall(r"[\w'’-]+", clause.lower())
            if words and (words[0] in _QUESTION_WORDS or clause.rstrip().endswith("?")):
                out.append(clause)
    return out


def _npq_as_topic(text: str) -> bool:
    """True when the text names an NPQ as the thing done or asked about, not as a source."""
    for m in _NPQ_AS_TOPIC_RE.finditer(text):
        pre = (m["pre"] or "").lower()
        if pre in _NPQ_SCOPE_BEFORE or (
            not m["det"] and pre not in _NPQ_VERB_BEFORE and pre not in _NPQ_DETERMINERS
        ):
            continue
        return True
    return False


def _only_course_words(sentence: str) -> bool:
    """True when a question asks about nothing but the course (its length, cost, difficulty)."""
    if not (_SCENE_COURSE_RE.search(sentence) or provider_intent(sentence)):
        return False
    rest = _SCENE_COURSE_RE.sub(" ", _PROVIDER_INTENT_RE.sub(" ", sentence))
    return len([t for t in tokenize(rest) if t not in _COURSE_FILLER]) <= SCENE_OTHER_WORDS


def course_reader_text(question: str) -> str:
    """The words the course reader (``index/course_reader.py``) reads a question by.

    Without the asking around it, talk of one's course, and the NPQ's names: every question it
    reads names the NPQ, course question or not, so the name tells nothing.
    """
    text = without_course_talk(strip_asking(question))
    return " ".join(_NPQ_RE.sub(" ", text).split())


# A school's own programme, not the NPQ course: "My CEO friend wants to design a CPD programme
# for 120 teachers across the trust. What does NPQEL say?" (a twelfth Ask user test had been
# told the documents hold no NPQEL course pages). Not "coaching": read so, "We evaluated the
# coaching programme on staff satisfaction alone" lost NPQSL 6.2 and 6.3 to follow-on coaching.
_SCHOOL_PROGRAMME_RE = re.compile(
    r"\b(?:cpd|pd|training|reading|intervention|mentoring|induction|phonics|literacy|"
    r"numeracy|tutoring|catch[- ]up|wellbeing|enrichment|professional\s+development)\s+"
    r"(?:programmes?|courses?)\b",
    re.IGNORECASE,
)


def provider_intent(query: str) -> bool:
    """True when a question is about the course (cost, delivery…) rather than the frameworks."""
    return bool(_PROVIDER_INTENT_RE.search(_SCHOOL_PROGRAMME_RE.sub(" ", query)))


# The asking around a question, not what it asks about: "What do the NPQ frameworks say about
# this: …", "According to the DfE, …", "… Please cite the statement numbers." The words
# "NPQ", "framework" and "statement" are all over the provider pages, which they pulled into
# the top 5 ("What do the NPQ frameworks say about this:" before 222 dev and blind questions:
# recall@5 0.911 -> 0.801).
_SOURCE = (
    r"(?:(?:the|these|your)\s+)?(?:npqs?\s+|dfe(?:'s)?\s+(?:npqs?\s+)?)?"
    r"(?:frameworks?|statements?|guidance|evidence|research|npqs?|dfe)"
)
_ASKING_LEAD_RE = re.compile(
    r"^\s*(?:"
    rf"(?:what|how)\s+(?:do|does|did|would|might)\s+(?:{_SOURCE}\s+)?"
    r"(?:say|says|tell\s+(?:us|me)|state|suggest|recommend|advise|have\s+to\s+say)"
    r"(?:\s+(?:about|on|regarding|re|for|when\s+it\s+comes\s+to))?"
    r"(?:\s+(?:this|the\s+following))?\s*[:,?\-–—]?"
    rf"|according\s+to\s+{_SOURCE}\s*[:,\-–—]?"
    rf"|(?:in|from)\s+{_SOURCE}\s*[:,\-–—]"
    # "Compare NPQSL and NPQEL on behaviour", "how do NPQSL and NPQEL differ on…", once the
    # names are taken out: "compare and on behaviour", "how do and differ on…".
    r"|(?:compare|contrast)(?:\s+(?:and|with|to|vs\.?|versus))?"
    r"\s+(?:on|about|for|regarding|in\s+terms\s+of)"
    r"|how\s+(?:do|does)\s+(?:and\s+)?differ\s+(?:on|about|in|over|when\s+it\s+comes\s+to)"
    # Who is asking, not what: "As part of my NPQ course, I'm wondering: …".
    # Yes-or-no about a source: "Does the NPQSL cover exclusions?", "Do the frameworks say
    # anything about bullying?", "Is there anything in the NPQLT on mentoring?" (framework
    # names are taken out first: "Does the cover exclusions?").
    rf"|(?:does|do|did)\s+(?:{_SOURCE}\s+|the\s+)?"
    r"(?:(?:say|mention|cover|include|address|discuss|talk\s+about|deal\s+with)"
    r"(?:\s+(?:anything|something|much|a\s+lot))?|have\s+(?:anything|something|much|a\s+lot))"
    r"(?:\s+(?:about|on|regarding|re))?"
    rf"|is\s+there\s+(?:anything|something|much)\s+(?:in\s+(?:{_SOURCE}\s+)?)?"
    r"(?:about|on|regarding)"
    # A statement asked for by what it says: "is there a statement about building on pupils'
    # prior knowledge when sequencing the curriculum (NPQSL)" (a thirteenth Ask user test had
    # been answered from NPQSL 3.1, what a curriculum is), "which statement covers coaching".
    r"|(?:is|are)\s+there\s+(?:an?|any)\s+(?:npq\s+|framework\s+)?"
    r"(?:statements?|references?|citations?|refs?)\s+(?:about|on|regarding|covering|that\s+"
    r"(?:says?|covers?|mentions?))"
    r"|(?:which|what)\s+(?:npq\s+|framework\s+)?statements?\s+(?:covers?|says?|mentions?|"
    r"(?:is|are)\s+about|talks?\s+about)"
    # The evidence asked for by its topic: "Best evidence on making the most of teaching
    # assistants?" (a fourteenth Ask user test had been answered from NPQSL 6.1, whose
    # "evidence-based … cost-effective" the asking words had matched), "what's the research on
    # homework".
    # A citation asked for by what it should say: "Can you give me a citation about being
    # accountable to parents and the community?" (a fourteenth Ask user test had been told the
    # frameworks do not cover it), "I need a quote on staff workload".
    # …or by the claim it is for: "citation for: a shared and consistently applied behaviour
    # approach matters" (a fifteenth Ask user test).
    r"|(?:an?\s+|the\s+)?(?:npq\s+)?(?:citations?|refs?|references?|quotes?)\s+(?:for|on|about)"
    r"(?:\s+(?:this|the\s+following))?\s*[:\-–—]"
    r"|(?:(?:can|could|would)\s+you\s+(?:please\s+)?(?:give|find|show|get|send|suggest)\s+"
    r"(?:me|us)|(?:please\s+)?(?:give|find|show|get|send|suggest)\s+(?:me|us)|(?:i|we)\s+"
    r"(?:need|want|am\s+looking\s+for|'?m\s+looking\s+for)|looking\s+for|need)\s+"
    r"(?:an?|some|the|any)\s+(?:good\s+)?(?:npq\s+|framework\s+)?"
    r"(?:citations?|quotes?|quotations?|statements?|references?|refs?)\s+"
    r"(?:about|on|for|regarding|around|to\s+support|that\s+(?:says?|shows?|supports?))"
    r"|(?:what(?:'?s|\s+is)\s+)?(?:the\s+)?(?:(?:best|latest|current|strongest)\s+)?"
    r"(?:evidence|research)\s+(?:on|about|regarding|into)"
    r"|as\s+part\s+of\s+(?:my|our|the|an?)\s+(?:npq\w*\s+)?"
    r"(?:course|programme|qualification|studies|training)"
    r"(?:\s*,?\s*(?:i'?m|i\s+am|i\s+was)\s+wondering)?\s*[:,\-–—]"
    r"|(?:i'?m|i\s+am|i\s+was)\s+wondering\s*[:,\-–—]"
    # What the question is for, not about: "For my NPQ assessment task: …".
    r"|(?:for|in)\s+(?:my|our|an?|the)\s+(?:npq\w*\s+)?(?:final\s+)?"
    r"(?:(?:assessment|assessed|written)\s+)?(?:task|assignment|essay|coursework|project)"
    r"\s*[:,\-–—]"
    r")\s+",
    re.IGNORECASE,
)
_ASKING_TRAIL_RE = re.compile(
    r"(?:(?<=[.?!])\s+|\s*[,;:\-–—]\s*)(?:(?:please|and)\s+)?"
    r"(?:cite|give|include|add|quote|list|with)\s+"
    r"(?:me\s+)?(?:the\s+)?(?:relevant\s+)?(?:statement\s+|framework\s+)?"
    r"(?:numbers?|ids?|citations?|references?|statements?)\b[^.?!]*[.?!]*\s*$",
    re.IGNORECASE,
)

# A citation asked for in passing at the end: "npqsl behaviour routines citation pls" (a
# fourteenth Ask user test: "citation" had matched nothing and "pls" nothing, but they had
# kept the question from reading as the two-word search it is), "… - want to quote it in my
# staff meeting".
_CITATION_TRAIL_RE = re.compile(
    r"\s*[,;:\-–—]?\s+(?:(?:a|the|some)\s+)?(?:citations?|refs?|references?|quotes?)"
    r"(?:\s+(?:pls|plz|please|needed|wanted))?[.?!]*\s*$"
    # "For modelling and scaffolding in maths with a mixed Y3/4 class, what would NPQLT cite?"
    # (a twelfth Ask user test had been told the frameworks do not cover it; the framework's
    # name is taken out before this is read).
    r"|(?:(?<=[.?!])\s+|\s*[,;:\-–—]\s*)(?:so\s+)?(?:what|which)\s+(?:(?:statements?|ids?|"
    r"numbers?)\s+)?(?:would|should|could|do|does|can|might)\s+(?:i|you|we|it|they|the)?\s*"
    r"(?:cite|reference|quote|use)(?:\s+(?:here|for\s+(?:this|that|it)))?\s*\??\s*$"
    # "…retrieval practice starters every lesson - can i cite something from npqlt to justify
    # it" (a fifteenth Ask user test: "justify" had led with NPQLT 9.P3.2).
    r"|\s*[,;:\-–—]\s*(?:and\s+|so\s+)?(?:can|could|may)\s+(?:i|we)\s+(?:cite|quote|reference|"
    r"use)\s+(?:something|anything|a\s+statement|statements|it|this)\b[^.?!]*[.?!]*\s*$"
    r"|(?:(?<=[.?!])\s+|\s*[,;\-–—]\s*)(?:i\s+)?(?:want|need|would\s+like|hope)\s+to\s+"
    r"(?:quote|cite|use|reference)\s+(?:it|this|them|that)\b[^.?!]*[.?!]*\s*$",
    re.IGNORECASE,
)

# …not the citation the question asks for by whose it is ("Can you give me the NPQSL
# citation?", "what's the statement number"): that is the question's ask, read elsewhere.
_CITATION_OWNER_RE = re.compile(
    r"\b(?:the|a|an|me|my|your|its|npq\w*|framework|statement|give|need|want|any)\s*$",
    re.IGNORECASE,
)

# What the statements asked for will be used as: "give me three statements on implementation
# I can use as discussion prompts" (a tenth Ask user test: searched as "discussion prompts").
_USE_TRAIL_RE = re.compile(
    r"\s*,?\s+(?:(?:that|which)\s+)?(?:i|we)\s+(?:can|could|might|will|would)\s+use\s+"
    r"(?:as|for|in|with|on)\s+[^.?!]*[.?!]*\s*$"
    r"|\s*,?\s+to\s+use\s+as\s+[^.?!]*[.?!]*\s*$",
    re.IGNORECASE,
)


# A greeting before the question and thanks after it ("Hi, quick question - … Thanks!").
_GREETING_RE = re.compile(
    r"^\s*(?:(?:hi|hello|hey|morning|afternoon)(?:\s+(?:there|all|everyone))?\s*[,!.:\-–—]?\s+)?"
    r"(?:(?:a\s+)?quick\s+(?:question|one|q)\s*[,!.:\-–—]\s*)?",
    re.IGNORECASE,
)
_THANKS_RE = re.compile(
    r"(?:(?<=[.?!])|\s*[,;\-–—])\s*(?:(?:many\s+)?thanks|thank\s+you|cheers|ta)"
    r"(?:\s+(?:so\s+much|a\s+lot|in\s+advance))?\s*[.!]*\s*$",
    re.IGNORECASE,
)


# A sentence or clause that only asks for the frameworks' word, or only greets or thanks
# ("Can you tell me what the NPQ says here?", "Based on the NPQ frameworks:", "I need a
# reference for my assignment.", "Morning!"): it names a source, not a subject. Topic words
# ("assessment", "feedback") are never here, so a clause with one is kept.
# fmt: off
_SOURCE_WORDS = frozenset({
    "npq", "npqs", "framework", "frameworks", "statement", "statements", "cite", "citing",
    "citation", "citations", "reference", "references", "referencing", "dfe", "quote",
})
_ASKING_WORDS = _SOURCE_WORDS | frozenset({
    "say", "says", "said", "saying", "tell", "number", "numbers", "id", "ids", "help", "please",
    "thanks", "thank", "cheers", "hi", "hello", "hey", "morning", "afternoon", "evening", "quick",
    "question", "one", "based", "according", "need", "assignment", "essay", "point", "right",
    "looking", "look", "evidence", "research", "guidance", "here", "know", "want", "wondering",
    "wonder", "possible", "advice", "source", "sources", "useful", "relevant", "show", "give",
    "list", "find",
    # Talk of one's own course ("Our NPQ cohort was discussing this today.", "I'm on an NPQ
    # programme and my facilitator asked us this:"): who asks and where, not what about.
    "m", "us", "cohort", "cohorts", "programme", "programmes", "course", "courses",
    "facilitator", "facilitators", "tutor", "tutors", "coursework", "discussing", "discussed",
    "discuss", "discussion", "asked", "ask", "asking", "today", "yesterday", "sure", "covered",
    # Whom the source is for ("Is there an NPQEL statement I can point heads to?", an Ask user
    # test).
    "heads", "governors", "trustees", "board", "slt", "colleagues", "staff", "leaders",
    "share", "send", "use", "cite",
})
_GREETING_WORDS = frozenset({
    "hi", "hello", "hey", "morning", "afternoon", "evening", "thanks", "thank", "cheers",
    "please",
})
# fmt: on
# ...and ", but" after a clause that only says where the question comes from ("Not sure if
# this is covered in the NPQ, but …").
_CLAUSE_BREAK_RE = re.compile(r"((?<=[.?!:])\s+|\s+[-–—]\s+|,\s+but\s+)")


def _asking_clause(clause: str) -> bool:
    """True when ``clause`` only asks for a source, or only greets or thanks."""
    words = [w for w in re.findall(r"[a-z]+", clause.lower()) if w not in STOPWORDS]
    if not words:
        return False
    if all(w in _GREETING_WORDS for w in words):
        return True
    return any(w in _SOURCE_WORDS for w in words) and all(w in _ASKING_WORDS for w in words)


def _first_named(query: str, frameworks: Sequence[str]) -> str | None:
    """Of two or more frameworks a query names, the one it names first (None for one or none)."""
    if len(frameworks) < 2:
        return None
    where = {}
    for f in frameworks:
        m = re.search(rf"\bNPQ\s?-?\s?{f[3:]}\b", query, re.IGNORECASE)
        where[f] = m.start() if m else len(query)
    return min(frameworks, key=lambda f: where[f])


def strip_asking(query: str) -> str:
    """The query without the asking around it ("What do the frameworks say about …").

    A greeting and thanks go too, and any sentence or clause that only asks for the frameworks'
    word. What is left keeps its own words and punctuation; a query that would be left with no
    word of three letters is kept whole.
    """
    out = _GREETING_RE.sub("", query, count=1)
    out = _ASKING_LEAD_RE.sub("", out, count=1)
    out = _ASKING_TRAIL_RE.sub("", _THANKS_RE.sub("", out)).strip()
    out = _USE_TRAIL_RE.sub("", out).strip() or out
    m = _CITATION_TRAIL_RE.search(out)
    if m is not None and not _CITATION_OWNER_RE.search(out[: m.start()]):
        out = (out[: m.start()] + out[m.end() :]).strip() or out
    parts = _CLAUSE_BREAK_RE.split(out)  # clause, break, clause, …
    clauses = parts[0::2]
    if len(clauses) > 1 and any(_asking_clause(c) for c in clauses):
        out = " ".join(c for c in clauses if not _asking_clause(c)).strip()
    return out if re.search(r"[A-Za-z]{3}", out) else query


# A clause that mentions "the NPQ" (no framework named), beside others: talk of one's own
# course ("Our NPQ tutor raised this in the last webinar:", "This is for an NPQ module I'm
# finishing."), not the question. Its course words made a course question of every question
# so wrapped, and its "NPQ" pulled the provider pages, which say it on every line.
_BARE_NPQ_RE = re.compile(r"\bnpqs?\b", re.IGNORECASE)


def _asks(clause: str) -> bool:
    """True when a clause is a question: it ends with "?" or opens with a question word."""
    words = re.findall(r"[\w'’]+", clause.lower())
    return clause.rstrip().endswith("?") or (bool(words) and words[0] in _QUESTION_WORDS)


def _course_talk(query: str) -> tuple[list[str], list[bool]]:
    """The query's clauses, and which of them only set the scene of one's course."""
    clauses = _CLAUSE_BREAK_RE.split(query)[0::2]
    # A clause that asks ("Is the NPQ online? My school is in Spain.") is the question itself.
    talk = [bool(_BARE_NPQ_RE.search(c)) and not _asks(c) for c in clauses]
    if len(clauses) < 2 or all(talk) or not any(talk):
        return clauses, [False] * len(clauses)
    return clauses, talk


def without_course_talk(query: str) -> str:
    """The query with the course words and "NPQ" of its course-talk clauses taken out."""
    clauses, talk = _course_talk(query)
    if not any(talk):
        return query
    kept = [
        " ".join(_PROVIDER_INTENT_RE.sub(" ", _BARE_NPQ_RE.sub(" ", c)).split()) if t else c
        for c, t in zip(clauses, talk, strict=True)
    ]
    return " ".join(k for k in kept if k)


def asked_part(query: str) -> str:
    """The query without its course-talk clauses: what a course question is read from."""
    clauses, talk = _course_talk(query)
    return " ".join(c for c, t in zip(clauses, talk, strict=True) if not t)


def strip_framework_names(query: str) -> str:
    """The query without framework names, once they have become filters."""
    stripped = strip_framework_mentions(_FRAMEWORK_TOKEN_RE.sub(" ", _FW_PHRASE_RE.sub(" ", query)))
    return " ".join(stripped.split()) or query


def _asking_sentence(question: str) -> str | None:
    """The sentence of a longer question that asks (ends in "?"), when there is context too.

    A dash parts a question the same way ("Who is NPQLT aimed at – can a primary subject lead
    do it?"): its first part is then the ask.
    """
    parts = [p.strip() for p in re.split(r"(?<=[.?!])\s+", question.strip()) if p.strip()]
    asks = [p for p in parts if p.endswith("?")]
    if len(parts) < 2 or not asks:
        dashed = [p.strip() for p in re.split(r"\s+[-–—]+\s+", question.strip()) if p.strip()]
        if len(dashed) == 2 and len(dashed[0].split()) >= 3:
            return dashed[0]
        return None
    return " ".join(asks)


_ASK_OPENING = r"(?:can|could|is|are|do|does|will|would|how|what|when|where|who|which)\b"
_ASK_SPLIT_RE = re.compile(
    rf"(?<=[.?!])\s+|,?\s+and\s+(?={_ASK_OPENING})|;\s+",
    re.IGNORECASE,
)
# An ask after its context in one sentence: "Our school's an hour from anywhere, can it be done
# fully online?" (a fourteenth blind batch) asks "can it be done fully online?" too.
_TRAILING_ASK_RE = re.compile(rf",\s+({_ASK_OPENING}[^,.;!?]*\?)$", re.IGNORECASE)


def asks_of(question: str, frameworks: Sequence[str] = ()) -> list[str]:
    """Each thing a question asks, with the NPQ it names: its sentences and their "…, and…"s.

    "How many face-to-face events are there, and can I access the online materials on my phone?"
    asks two things. An ask that names no NPQ is prefixed with the ones the question names (the
    course pages' own questions name it: "can it be done fully online?" is far from the NPQSL's
    online-only page, "NPQSL: can it be done fully online?" is not).

    >>> asks_of("Doing NPQSL. How many days are there, and can it be done online?", ["NPQSL"])
    ['NPQSL: How many days are there', 'NPQSL: can it be done online?']
    """
    parts = [p.strip() for p in _ASK_SPLIT_RE.split(question.strip()) if p and p.strip()]
    # The sentences that ask, and the first half of an ask cut at "…, and can…" (no "?").
    asks = [
        p
        for i, p in enumerate(parts)
        if p.endswith("?")
        or (i + 1 < len(parts) and parts[i + 1].endswith("?") and not p.endswith((".", "!")))
    ] or parts
    asks += [
        m[1] for a in list(asks) if (m := _TRAILING_ASK_RE.search(a)) and len(m[1].split()) >= 4
    ]
    prefix = ", ".join(frameworks)
    return [a if not prefix or frameworks_named(a) else f"{prefix}: {a}" for a in asks]


_ASKED_TOPIC_RE = re.compile(
    r"\b(?:(?:say|says|said|anything|something|mention\w*|cover\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:about|abt|on|regarding)|(?:does|do)\s+(?:\w+\s+)?(?:cover|mention)s?)\s+"
    r"(?P<topic>[^?.!;:]{3,60})[?.!]?\s*$",
    re.IGNORECASE,
)
# Examples after the topic are the asker's case, not the topic ("…cover income generation like
# hiring out the sports hall", an Ask user test).
_EXAMPLES_RE = re.compile(r"\s+(?:like|such\s+as|e\.?g\.?|for\s+example|including)\s+.*$", re.I)


# Quoted in double quotes or curly single ones (a straight ' is an apostrophe: "school's").
_QUOTED_RE = re.compile(r"[“\"]([^“”\"]{30,})[”\"]|‘([^‘’]{30,})’")
QUOTE_MIN_KEYWORDS = 5  # a quoted passage this long is a sentence to be cited
QUOTE_SHARE = 0.6  # …held enough by a statement that holds this share of its keywords


def quoted_keywords(query: str) -> frozenset[str]:
    """The keywords of the longest passage the question quotes, if any."""
    quotes = [a or b for a, b in _QUOTED_RE.findall(query)]
    return asked_keywords(max(quotes, key=len)) if quotes else frozenset()


def asked_topic(query: str) -> frozenset[str]:
    """The keywords of the topic a question asks a framework about ("…say about T?"), if any."""
    m = _ASKED_TOPIC_RE.search(query.strip())
    if not m:
        return frozenset()
    # School shorthand in the frameworks' words ("how TAs should be used": teaching assistants).
    topic = re.sub(
        r"[A-Za-z]+",
        lambda w: (
            DOMAIN_VOCABULARY.get(w[0].lower(), w[0])
            if sum(c.isupper() for c in w[0]) >= 2
            else w[0]
        ),
        _EXAMPLES_RE.sub("", m["topic"]),
    )
    return asked_keywords(topic)


def asked_keywords(query: str) -> frozenset[str]:
    """The query's keywords, framework names and the words of asking ("say", "mean") aside."""
    return frozenset(
        t for t in tokenize(query) if t not in _FRAMEWORK_TOKENS and t not in _ASKING_TOKENS
    )


_ID_FILLER = frozenset(
    [
        "what",
        "does",
        "say",
        "says",
        "statement",
        "statements",
        "npq",
        "framework",
        "mean",
        "means",
        "the",
        "is",
        # "what's in npqsl 2.P1" (a fifteenth Ask user test had been shown the heading alone),
        # "show me NPQSL 4.9", "tell me about NPQEL 7.P3".
        "s",
        "whats",
        "in",
        "show",
        "me",
        "tell",
        "about",
        "list",
        "please",
        "pls",
    ]
)


def _words_besides_ids(query: str, citations: Sequence[Citation]) -> bool:
    """Whether a query holds words to search besides its citation ids ("NPQSL 4.9" has none)."""
    rest = without_citations(query, citations, filler=" ")
    words = re.findall(r"[a-z]+", strip_framework_names(rest).lower())
    return any(w not in _ID_FILLER for w in words)


def frameworks_in_question(query: str) -> set[str]:
    """Frameworks a question names: "NPQEL", "NPQ EL", "executive leadership"."""
    named = frameworks_named(query) & set(FRAMEWORK_NAMES)
    for m in _FW_PHRASE_RE.finditer(query):
        if m["c"]:
            named.add("NPQ" + m["c"].upper())
        else:
            words = (m["a"] or m["b"]).lower().split()
            named.add(_FW_WORDS[words[0] if words[0] != "leading" else words[-1]])
    return named


class SearchIndex:
    """Hybrid search over a loaded index. Holds the index and the encoder; nothing else."""

    def __init__(self, stored: StoredIndex, encoder: Encoder) -> None:
        """Wrap a loaded index and the encoder that built it."""
        self.stored = stored
        self.encoder = encoder
        self.statements: tuple[Statement, ...] = stored.statements
        self.by_id: dict[str, Statement] = {s.id: s for s in stored.statements}
        self._fw = np.array([s.framework for s in self.statements])
        self._area = np.array([s.area for s in self.statements])
        self._kind = np.array([s.kind for s in self.statements])
        self._area_title = np.array([s.area_title.lower() for s in self.statements])
        self._frameworks_held = {s.framework for s in self.statements}
        # The NPQs a provider section is about: those its page's title or its own text names
        # (an NPQSL page's section on NPQLT delivery is about both); none named, any NPQ.
        self._about = [
            frozenset(
                frameworks_named(f"{s.area_title}\n{s.title}\n{s.text}") & set(FRAMEWORK_NAMES)
            )
            if s.kind == "provider_section"
            else frozenset()
            for s in self.statements
        ]
        provider = self._kind == "provider_section"
        # Course pages (a provider's, the old programme's) say how a course runs; a DfE
        # framework's introduction says who the NPQ is for, and no price or date.
        self._course_page = np.array([s.is_course_page for s in self.statements], dtype=bool)
        self._introduction = provider & ~self._course_page
        self._abroad = provider & np.array(
            [bool(ABROAD_RE.search(f"{s.id} {s.title} {s.area_title}")) for s in self.statements],
            dtype=bool,
        )
        self._provider_generic = provider & np.array([not a for a in self._about], dtype=bool)
        self._provider_for = {
            f: self._provider_generic | np.array([f in a for a in self._about], dtype=bool)
            for f in FRAMEWORK_NAMES
        }
        self._row = {s.id: i for i, s in enumerate(self.statements)}
        self._twins: dict[int, tuple[int, ...]] = {}
        self._counterparts: dict[int, tuple[int, ...]] = {}
        # Per way of reading words: word -> rows saying it, and each row's word count.
        self._postings: dict[str, tuple[dict[str, np.ndarray], np.ndarray]] = {}
        self._wording: dict[tuple[int, bool], tuple[list[tuple[int, float]], ...]] = {}
        self._bare: np.ndarray | None = None
        self._areas_map: dict[tuple[str, int, str], frozenset[int]] | None = None
        self._row_words: dict[int, frozenset[str]] = {}  # keywords of a row, on first use
        # Runs of SHARED_RUN_COUNTERPART stems -> the rows saying them, and each row's stems
        # (built on first use).
        self._runs: dict[tuple[str, ...], list[int]] | None = None
        self._stems: list[list[str]] = []
        self.scope_model: ScopeModel | None = load_scope_model(encoder.name, encoder.dim)
        self.ranker: AnyRanker | None = load_ranker(encoder.name) if RERANK else None
        self.course_reader: CourseReader | None = load_course_reader(encoder.name, encoder.dim)
        self._course_like: dict[str, bool] = {}  # reader text -> its reading (bounded)
        self._said: frozenset[str] | None = None  # see `_said_words`
        # Called with each search's candidate rows and their re-ranker features
        # (eval/fit_ranker.py collects its fitting data this way).
        self.on_candidates: Callable[[list[int], np.ndarray], None] | None = None
        self._row_info = RowInfo(
            kind=[str(k) for k in self._kind],
            area=[(s.framework, s.area) for s in self.statements],
            frameworks_sharing=[1 + len(s.same_as) for s in self.statements],
        )
        self._speller: Speller | None = None

    @property
    def speller(self) -> Speller:
        """Query spelling correction against the corpus's words (built on first use)."""
        if self._speller is None:
            from index.expansions import load_expansions

            texts = [f"{s.text} {s.area_title} {s.title}" for s in self.statements]
            texts += [t for ts in load_expansions().values() for t in ts]
            texts += [f"{k} {v}" for k, v in DOMAIN_VOCABULARY.items()]
            texts += [f"{f} {f.lower()}" for f in FRAMEWORK_NAMES]
            self._speller = Speller(words_of(texts))
        return self._speller

    def prepare(self) -> None:
        """Build now what searches otherwise build on first use (about 1 s on 2 cores).

        The spelling index, and each statement's twins and counterparts in the other
        frameworks (cached per statement: the first search to show a statement found them, and
        a process's first searches took about 3 ms more than later ones).
        """
        self.speller.prepare()
        for row in range(len(self.statements)):
            self.counterparts(row)  # and its twins

    def course_like(self, question: str) -> bool:
        """True when the course reader reads ``question`` as one about the course itself.

        False without a reader fitted to this index's embedding model (the words then decide).
        """
        if self.course_reader is None:
            return False
        text = course_reader_text(question)
        if not text:
            return False
        # A chat turn reads the same question more than once (as a follow-up, then to search).
        if text not in self._course_like:
            if len(self._course_like) >= 256:
                self._course_like.clear()
            vec = self.encoder.encode_queries([text])[0]
            p = self.course_reader.probability(vec)
            self._course_like[text] = p >= self.course_reader.threshold
        return self._course_like[text]

    def scope_probability(self, features: ScopeFeatures, query_vector: np.ndarray) -> float:
        """P(in scope): the embedding-aware model when it fits the encoder, else match features."""
        if self.scope_model is not None:
            return self.scope_model.probability(features, query_vector)
        return features.probability()

    @property
    def scope_threshold(self) -> float:
        """P(in scope) below which a query counts as not covered."""
        return self.scope_model.threshold if self.scope_model else FEATURE_THRESHOLD

    def twins(self, row: int) -> tuple[int, ...]:
        """Rows in other frameworks with the same (or all but the same) statement text.

        Identical text (``same_as``) always counts; otherwise, in another framework and of the
        same kind, words overlapping at ``LEXICAL_TWIN`` or more, or embeddings closer than
        ``NEAR_IDENTICAL_COSINE``.
        """
        if row in self._twins:
            return self._twins[row]
        s = self.statements[row]
        found = [self._row[i] for i in s.same_as if i in self._row]
        if s.kind != "provider_section":
            found += [r for r, d in self._closest_wording(row)[0] if d >= LEXICAL_TWIN]
            vec = self.stored.faiss_index.reconstruct(row)
            for r, cos in self.stored.dense_search(vec, 8):
                o = self.statements[r]
                if (
                    cos >= NEAR_IDENTICAL_COSINE
                    and r != row
                    and o.kind == s.kind
                    and o.framework != s.framework
                    and r not in found
                ):
                    found.append(r)
        # One statement per other framework: the closest.
        by_fw: dict[str, int] = {}
        for r in found:
            by_fw.setdefault(self.statements[r].framework, r)
        self._twins[row] = tuple(by_fw.values())
        return self._twins[row]

    def counterparts(self, row: int) -> tuple[int, ...]:
        """The same statement in each other framework's words, where that framework has one.

        Close in words first (``LEXICAL_COUNTERPART``: the same statement reworded for a trust),
        or sharing a long run of them (``SHARED_RUN_COUNTERPART``); otherwise the statement of
        the same kind, in a corresponding area, whose own words are nearest in meaning, if at
        ``BARE_COUNTERPART_COSINE`` or above and this row is its nearest too. None for a
        framework holding a twin.
        """
        if row in self._counterparts:
            return self._counterparts[row]
        s = self.statements[row]
        if s.kind == "provider_section":
            self._counterparts[row] = ()
            return ()
        twins = set(self.twins(row))
        said = {str(self._fw[t]) for t in twins}
        areas = self._corresponding_areas()
        reviewed = _not_counterparts()

        def fits(r: int) -> bool:
            fw = str(self._fw[r])
            return fw not in said and frozenset((s.id, self.statements[r].id)) not in reviewed

        by_fw: dict[str, int] = {}
        # The words as written first; then without the words of a leader's role (counterpart
        # labels, `eval/data/counterpart_labels.jsonl`: pairs judged the same found 158 -> 170
        # of 186; none judged related or different among them, 8 -> 9 before the reviewed
        # pairs are taken out).
        for role_free in (False, True):
            dice, held = self._closest_wording(row, role_free=role_free)
            for r, d in held:
                if (
                    d >= CONTAINED_COUNTERPART
                    and fits(r)
                    and int(self._area[r]) in areas.get((s.framework, s.area, str(self._fw[r])), ())
                ):
                    by_fw.setdefault(str(self._fw[r]), r)
            for r, d in dice:
                if d >= LEXICAL_COUNTERPART and fits(r):
                    by_fw.setdefault(str(self._fw[r]), r)
        for fw in sorted(self._frameworks_held - {s.framework} - said - set(by_fw)):
            run = self._longest_shared_run(row, fw)
            if run is not None and fits(run):
                by_fw[fw] = run
        bare = self.bare_vectors()
        if bare is not None:
            for fw in sorted(self._frameworks_held - {s.framework} - said - set(by_fw)):
                best = self._nearest_wording(row, fw, bare)
                if best is None or best[1] < BARE_COUNTERPART_COSINE:
                    continue
                back = self._nearest_wording(best[0], s.framework, bare)
                if back is not None and back[0] == row and fits(best[0]):
                    by_fw[fw] = best[0]
        self._counterparts[row] = tuple(by_fw.values())
        return self._counterparts[row]

    def _longest_shared_run(self, row: int, fw: str) -> int | None:
        """``fw``'s statement sharing the longest run of ``row``'s stems, if long enough.

        At least `SHARED_RUN_COUNTERPART` stems, and no other statement's run as long; of the
        same kind, in a corresponding area. Stems as keyword search reads them (stopwords
        aside), so "responds consistently" and "respond consistently" run on.
        """
        n = SHARED_RUN_COUNTERPART
        if self._runs is None:
            self._runs = {}
            self._stems = [
                tokenize(t.text) if t.kind != "provider_section" else [] for t in self.statements
            ]
            for r, words in enumerate(self._stems):
                for gram in {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}:
                    self._runs.setdefault(gram, []).append(r)
        s = self.statements[row]
        mine = self._stems[row]
        areas = self._corresponding_areas().get((s.framework, s.area, fw), frozenset())
        cands = {
            r
            for i in range(len(mine) - n + 1)
            for r in self._runs.get(tuple(mine[i : i + n]), ())
            if str(self._fw[r]) == fw and self._kind[r] == s.kind and int(self._area[r]) in areas
        }
        if not cands:
            return None
        runs = sorted((longest_run(mine, self._stems[r]), r) for r in cands)
        if len(runs) > 1 and runs[-2][0] == runs[-1][0]:
            return None
        return runs[-1][1]

    def bare_vectors(self) -> np.ndarray | None:
        """Each row's vector of its own words (no area or heading): a view, not a copy."""
        flat = self.stored.bare_index
        if flat is None:
            return None
        if self._bare is None:
            n, d = int(flat.ntotal), int(flat.d)
            try:
                import faiss

                self._bare = faiss.rev_swig_ptr(flat.get_xb(), n * d).reshape(n, d)
            except (AttributeError, TypeError):
                self._bare = flat.reconstruct_n(0, n)
        return self._bare

    def _nearest_wording(self, row: int, fw: str, bare: np.ndarray) -> tuple[int, float] | None:
        """``fw``'s statement nearest in meaning to ``row``'s own words, and the cosine.

        Of the same kind, in an area corresponding to ``row``'s.
        """
        s = self.statements[row]
        areas = self._corresponding_areas().get((s.framework, s.area, fw), frozenset())
        if not areas:
            return None
        cand = np.flatnonzero(
            (self._fw == fw) & (self._kind == s.kind) & np.isin(self._area, list(areas))
        )
        if not len(cand):
            return None
        cos = bare[cand] @ bare[row]
        i = int(np.argmax(cos))
        return int(cand[i]), float(cos[i])

    def _corresponding_areas(self) -> dict[tuple[str, int, str], frozenset[int]]:
        """(framework, area, other framework) -> the other's corresponding areas.

        Those sharing an identical statement with it (NPQSL 2, Teaching, corresponds to NPQLT
        3 and 5), directly or through a third framework's area: the NPQSL text held may stop
        early in an area (assessment, 3.6 on), while NPQEL 3 shares statements with both.
        """
        if self._areas_map is None:
            pairs: set[tuple[tuple[str, int], tuple[str, int]]] = set()
            for s in self.statements:
                for other in s.same_as:
                    o = self.by_id.get(other)
                    if o is not None and o.framework != s.framework:
                        pairs.add(((s.framework, s.area), (o.framework, o.area)))
                        pairs.add(((o.framework, o.area), (s.framework, s.area)))
            pairs |= {(a, c) for a, b in pairs for b2, c in pairs if b == b2 and c[0] != a[0]}
            found: dict[tuple[str, int, str], set[int]] = {}
            for (fa, aa), (fb, ab) in pairs:
                found.setdefault((fa, aa, fb), set()).add(ab)
            self._areas_map = {k: frozenset(v) for k, v in found.items()}
        return self._areas_map

    def _closest_wording(
        self, row: int, *, role_free: bool = False
    ) -> tuple[list[tuple[int, float]], ...]:
        """Per other framework, its statement of the same kind whose words overlap most.

        Two lists of (row, overlap) pairs, by two measures of the texts' content-word sets:
        Dice, and the share of the shorter text's words the other holds (NPQEL 5.P3.2 says
        NPQSL 5.P4.2 word for word inside a longer sentence; only for texts of at least
        ``CONTAINED_MIN_WORDS`` content words). Counted through a word -> rows table built on
        first use; cached per row.
        """
        key = (row, role_free)
        if key in self._wording:
            return self._wording[key]
        s = self.statements[row]
        if s.kind == "provider_section" or not _content_words(s.text):
            self._wording[key] = ([], [])
            return self._wording[key]
        # With ``role_free``, the texts' stems without the words of a leader's role, which the
        # frameworks change from one NPQ to the next ("Contribute to establishing… across the
        # school" is "Establish… across the trust"; "Support colleagues to provide high-quality
        # feedback" is "Ensure trust schools provide high-quality feedback"): for the same point
        # in another framework's words, never for a near-identical twin.
        reading = _role_free_words if role_free else _content_words
        mine = reading(s.text)
        out: tuple[list[tuple[int, float]], ...] = ([], [])
        if not mine:
            self._wording[key] = out
            return out
        postings, count = self._word_postings(reading)
        shared = np.bincount(
            np.concatenate([postings[w] for w in mine]), minlength=len(self.statements)
        )
        dice = 2.0 * shared / (len(mine) + count + 1e-9)
        shorter = np.minimum(len(mine), count)
        held = np.where(shorter >= CONTAINED_MIN_WORDS, shared / np.maximum(shorter, 1.0), 0.0)
        for fw in sorted(self._frameworks_held - {s.framework}):
            cand = np.flatnonzero((self._fw == fw) & (self._kind == s.kind))
            for measure, found in zip((dice, held), out, strict=True):
                if len(cand):
                    best = int(cand[np.argmax(measure[cand])])
                    found.append((best, float(measure[best])))
        self._wording[key] = out
        return out

    def _word_postings(
        self, words_of: Callable[[str], frozenset[str]]
    ) -> tuple[dict[str, np.ndarray], np.ndarray]:
        """Word -> the statement rows saying it, and each row's word count (built on first use)."""
        key = words_of.__name__
        if key not in self._postings:
            table: dict[str, list[int]] = {}
            for r, t in enumerate(self.statements):
                if t.kind != "provider_section":
                    for w in words_of(t.text):
                        table.setdefault(w, []).append(r)
            postings = {w: np.asarray(rs, dtype=np.int64) for w, rs in table.items()}
            count = np.zeros(len(self.statements), dtype=np.float64)
            for rs in postings.values():
                count[rs] += 1.0
            self._postings[key] = (postings, count)
        return self._postings[key]

    def explain_missing(self, sid: str, fits: Callable[[str], bool] | None = None) -> str:
        """Why ``sid`` names no statement, and what that framework's area does hold.

        ``fits``: whether a statement (by id) speaks to the text citing ``sid``. When the copy
        held may stop short, another framework's statement of that number is quoted as what
        ``sid`` may say; if it does not fit, the text says ``sid`` would then not support it.

        >>> idx.explain_missing("NPQSL 4.30")  # doctest: +SKIP
        'NPQSL 4.30 does not exist: NPQSL area 4 (Behaviour) has evidence statements 4.1–4.21
        and practice headings 4.P1–4.P5'
        """
        m = re.fullmatch(r"(\S+) (\d{1,2})\.(P?\d{1,2})(?:\.(\d{1,2}))?", sid)
        if m is None:
            return f"{sid} is not a statement id"
        fw, area = m.group(1), int(m.group(2))
        if fw not in self._frameworks_held:
            return f"{fw} is not in the documents here"
        in_area = [x for x in self.statements if x.framework == fw and x.area == area]
        if not in_area:
            if area in AREA_TITLES.get(fw, {}):
                # NPQLT area 1 (Teaching) is in the framework, with no statements of its own
                # (a usability test: "NPQLT has areas 2–9" beside an outline listing area 1).
                return (
                    f"{sid} does not exist: {fw} area {area} ({AREA_TITLES[fw][area]}) holds no "
                    "statements in the framework text here"
                )
            areas = sorted(
                {x.area for x in self.statements if x.framework == fw and x.area}
                | set(AREA_TITLES.get(fw, {}))
            )
            return f"{sid} does not exist: {fw} has areas {areas[0]}–{areas[-1]}"
        title = in_area[0].area_title

        def last(kind: str, group: str = "") -> int:
            nums = [
                int(re.sub(r"\D", "", x.number.rsplit(".", 1)[-1]) or 0)
                for x in in_area
                if x.kind == kind and (not group or x.group == group)
            ]
            return max(nums, default=0)

        held = []
        if n := last("evidence"):
            held.append(f"evidence statements {area}.1–{area}.{n}")
        if n := last("practice_heading"):
            held.append(f"practice headings {area}.P1–{area}.P{n}")
        if m.group(4) and m.group(3).startswith("P"):
            heading = f"{fw} {area}.{m.group(3)}"
            if n := last("practice", heading):
                held.append(f"{heading} has bullets {area}.{m.group(3)}.1–{area}.{m.group(3)}.{n}")
        lead = f"{sid} does not exist"
        if (other := self._parallel_beyond(fw, area, m.group(3), last("evidence"))) is not None:
            # The copy held may stop short: the other framework's identical area goes on.
            lead = f"{sid} is not in the {fw} text held here"
        text = f"{lead}: {fw} area {area} ({title}) has " + " and ".join(held[:2])
        text += "".join(f"; {h}" for h in held[2:])
        if other is not None:
            text += (
                f". {other.framework} has the same statements up to {fw} {area}.{last('evidence')} "
                f"and goes on to {other.id}, so the {fw} source may be incomplete. "
            )
            words = " ".join(other.text.split())
            if fits is not None and not fits(other.id):
                # A user test: the quotation, about schemata, had read as the sentence's
                # support for a claim about feedback.
                short = " ".join(words.split()[:12])
                text += (
                    f"If {sid} says what {other.id} says (“{short}…”), it does not support "
                    f"this sentence; only the DfE framework can tell what {sid} says: check it "
                    f"before you cite {sid}"
                )
            else:
                text += (
                    f"{other.id} reads “{words}”; whether {sid} says the same, only the DfE "
                    f"framework can tell: check it before you cite {sid}"
                )
        return text

    def _parallel_beyond(self, fw: str, area: int, number: str, held_last: int) -> Statement | None:
        """Another framework's statement with this number, when its area is identical so far.

        ``fw``'s last held evidence statement ``area.held_last`` has an aligned twin (see
        `aligned_twins`) whose area goes on to ``number``: the copy of ``fw`` in the corpus
        probably stops short (a provider page that drops rows), and the number may well exist
        in the full framework.
        """
        if not number.isdigit() or not held_last or int(number) <= held_last:
            return None
        last = self.get(f"{fw} {area}.{held_last}")
        for other in aligned_twins(last, self.get) if last is not None else []:
            found = self.get(f"{other.framework} {other.area}.{number}")
            if found is not None:
                return found
        return None

    def stops_short(self, fw: str, area: int) -> tuple[int, Statement] | None:
        """Where ``fw``'s copy of ``area`` stops short of an identical area elsewhere.

        (its last evidence number held, the other framework's last statement of that area),
        or None: NPQSL area 3 stops at 3.6 here, where NPQEL 3 has the same statements and
        goes on to 3.19, so the NPQSL source probably drops rows.
        """
        nums = [
            int(s.number)
            for s in self.statements
            if s.framework == fw and s.area == area and s.kind == "evidence" and s.number.isdigit()
        ]
        if not nums:
            return None
        held = max(nums)
        other = self._parallel_beyond(fw, area, str(held + 1), held)
        if other is None:
            return None
        last = max(
            (
                s
                for s in self.statements
                if s.framework == other.framework
                and s.area == other.area
                and s.kind == "evidence"
                and s.number.isdigit()
            ),
            key=lambda s: int(s.number),
        )
        return held, last

    def same_text_ids(self, row: int) -> set[str]:
        """Ids of the statements with exactly this row's text (``same_as``, followed through).

        Exactly: one quotation stands for all of them. ``same_as`` also links statements that
        differ only in punctuation (NPQSL 2.18 / NPQLT 5.6, "understanding," with a comma);
        those are shown each in its own text, since a user pastes the quotation with the id.
        """
        own = self.statements[row]
        text = " ".join(own.text.split())
        same: set[str] = set()
        todo = list(own.same_as)
        while todo:
            sid = todo.pop()
            other = self.by_id.get(sid)
            if sid in same or other is None or " ".join(other.text.split()) != text:
                continue
            same.add(sid)
            todo.extend(other.same_as)
        same.discard(own.id)
        return same

    def row(self, sid: str) -> int | None:
        """The index row of a statement id, or None."""
        return self._row.get(sid)

    def unknown_names(self, query: str) -> list[str]:
        """Names in the query (two or more capitalised words) with a word no row uses.

        Not in a query typed in Title Case ("How Do I Improve Atendance"), not a misspelt
        corpus word, and not a person ("my deputy Sarah Jones"): a name starting with a
        common first name is taken for one.
        """
        words = re.findall(r"[A-Za-z][\w'’-]*", query)
        if words and sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_SHARE:
            return []
        vocab = self.stored.bm25.vocab_dict
        out = []
        # A product in one word with a capital inside ("ChatGPT", "ClassDojo", "iPad"): a ninth
        # Ask user test's "how should we use AI tools like ChatGPT" had been answered with a
        # classroom-discussion statement as "nearest", no word of the product.
        said = self._said_words()
        # In a question about it, not a scene where it is a detail ("…unkind incidents in Year 5
        # on WhatsApp"), and not a school abbreviation ("HoD", "AfL", "MoU").
        brands = _BRAND_RE.finditer(query) if len(query.split()) < BRAND_QUESTION_WORDS else ()
        for m in brands:
            word = m[0]
            if (
                len(word) >= BRAND_MIN_LETTERS
                and word.lower() not in DOMAIN_VOCABULARY
                and any(t not in said for t in tokenize(word))
                and word not in out
            ):
                out.append(word)
        if len(query.split()) < BRAND_QUESTION_WORDS:
            out += [t for t in self._unsaid_things(query, said) if t not in out]
            grade = _INSPECTION_GRADE_RE.search(query)
            if grade is not None and grade[0] not in out:
                out.append(grade[0])
        for m in _PROPER_NAME_RE.finditer(query):
            name = m.group(1)
            if name.split()[0].lower() in _FIRST_NAMES:
                continue
            unknown = [w for w in name.split() if any(t not in vocab for t in tokenize(w))]
            if unknown and not any(self.speller.correct_word(w) for w in unknown):
                out.append(name)
        return out

    def _unsaid_things(self, query: str, said: frozenset[str]) -> list[str]:
        """What a short question asks about, when no statement or page uses its main word.

        The main word is the last: "mobile phones" (no statement says phones), not "attendance
        policy". Not an abbreviation ("KCSIE" is spelt out in NPQSL 7.P1.2), not a word of the
        domain vocabulary ("kids"), and not a misspelt corpus word.
        """
        out = []
        for m in _ASKED_THING_RE.finditer(query):
            words = [w for w in m["thing"].split() if w.lower() not in STOPWORDS]
            # A thing named, not an act ("…say about cutting that down?").
            if (
                not words
                or words[-1] != m["thing"].split()[-1]
                or words[-1].isupper()
                or words[-1].lower().endswith("ing")
            ):
                continue
            head = words[-1]
            tokens = tokenize(head)
            if (
                tokens
                and all(t not in said for t in tokens)
                and head.lower() not in DOMAIN_VOCABULARY
                and not self.speller.correct_word(head)
            ):
                out.append(" ".join(words))
        return out

    def _said_words(self) -> frozenset[str]:
        """Every word of the statements' and pages' own texts (not users' wordings of them)."""
        if self._said is None:
            self._said = frozenset(t for s in self.statements for t in tokenize(s.text))
        return self._said

    def unknown_word_share(self, query: str) -> float:
        """Share of the query's keywords that no statement uses (0 = all known)."""
        tokens = tokenize(query)
        if not tokens:
            return 1.0
        vocab = self.stored.bm25.vocab_dict
        return sum(1 for t in tokens if t not in vocab) / len(tokens)

    def _says_jargon(self, query: str, top: Sequence[tuple[int, float]]) -> bool:
        """Whether a framework statement in ``top`` holds two words of a shorthand term's reading.

        A term reads as the frameworks' words (`jargon_read`); a statement holding two of
        them ("staff burnout" read as workload and wellbeing: NPQSL 7.P5.2 "…negative effects
        on professional culture and workload") says what it names.
        """
        for reading in jargon_read(query):
            wanted = set(tokenize(reading))
            if len(wanted) < SCOPE_MIN_KEYWORDS:
                continue
            for row, _ in top:
                if self._kind[row] != "provider_section" and (
                    len(wanted & self._words_of(row)) >= SCOPE_MIN_KEYWORDS
                ):
                    return True
        return False

    def _says_every_keyword(self, keywords: frozenset[str], row: int) -> bool:
        """Whether framework statement ``row`` holds every one of ``keywords`` (two or more).

        ``keywords``: the question's, framework names and the words of asking ("say", "mean",
        "statement") aside (`asked_keywords`). On the 412 uncovered questions of the evaluation
        and calibration sets this never holds for any of the top three statements; for covered
        questions the scope model doubts ("Academies Financial Handbook") it does.
        """
        return (
            len(keywords) >= SCOPE_MIN_KEYWORDS
            and self._kind[row] != "provider_section"
            and keywords <= self._words_of(row)
        )

    def keywords_on(self, query: str, row: int) -> float:
        """Share of the query's keywords (framework names aside) in the text of ``row``."""
        tokens = [t for t in tokenize(query) if t not in _FRAMEWORK_TOKENS]
        if not tokens:
            return 1.0
        words = self._words_of(row)
        return sum(1 for t in tokens if t in words) / len(tokens)

    def _course_page_answers(self, question: str, row: int, vec: np.ndarray) -> bool:
        """Whether the course page at the top answers a question about the course itself.

        Most such questions have no answer in the pages ("How long does the NPQSL take?":
        none gives a length), and the nearest page is then no answer. A page answers when one
        of the questions written for it is close to this one, or when it holds most of the
        question's keywords and describes the current course (a pre-2021 page's assessment is
        no answer for today's). A question with context besides its ask is also read by the
        sentence that asks.
        """
        if self.stored.expansion_cosine(vec, row) >= COURSE_ANSWER_COSINE:
            return True
        current = not self.statements[row].is_superseded
        asked = re.sub(r"\w+", lambda m: _COURSE_ASKED_AS.get(m[0].lower(), m[0]), question)
        # A DfE framework's introduction shares words with most questions about a course
        # ("can I get funding for NPQEL?": "get"): it answers in its words only with all of them.
        need = 1.0 if self._introduction[row] else COURSE_ANSWER_KEYWORDS
        if current and self.keywords_on(asked, row) >= need:
            return True
        # A question with context around its ask ("who is the NPQSL aimed at? I'm an AHT but
        # only lead on one area at the moment"): the ask alone, against the page's questions.
        ask = _asking_sentence(question)
        # …or by its words: "how many face to face days are there on the NPQSL? trying to plan
        # cover" (a blind batch) holds the page's words in its ask, not in its aside.
        asked_ask = (
            re.sub(r"\w+", lambda m: _COURSE_ASKED_AS.get(m[0].lower(), m[0]), ask)
            if ask is not None
            else ""
        )
        if (
            current
            # The international course's page answers a UK participant's ask only in its own
            # questions' words, never by sharing some of the ask's ("How is the programme
            # delivered?" asked from Cumbria, a blind batch).
            and not (self._abroad[row] and not ABROAD_RE.search(question))
            # Not an ask of one or two words, which a page names in passing: "how is npqsl
            # assessed? is it a case study task" is not answered by a page promising "support
            # to pass the final assessment" (a fifteenth Ask user test).
            and len([t for t in tokenize(asked_ask) if t not in _FRAMEWORK_TOKENS])
            >= COURSE_ASK_MIN_KEYWORDS
            and self.keywords_on(asked_ask, row) >= need
        ):
            return True
        # A choice asked between two ("Can I do the NPQSL fully online or do I have to travel
        # to venues?", an eighteenth blind batch): either half, the page's questions close to
        # it, is what the page answers.
        halves = [h for h in _OR_ASK_RE.split(ask or question) if len(h.split()) >= 3]
        asks = ([ask] if ask is not None else []) + (halves if len(halves) == 2 else [])
        if not asks:
            return False
        vecs = self.encoder.encode_queries(asks)
        return any(self.stored.expansion_cosine(v, row) >= COURSE_ANSWER_COSINE for v in vecs)

    def _page_answering_an_ask(
        self, question: str, order: Sequence[tuple[int, float]], frameworks: Sequence[str]
    ) -> int | None:
        """Where, among the first :data:`ASK_PAGES`, a current course page one ask is close to.

        Each ask of :func:`asks_of` against each page's questions (``COURSE_ANSWER_COSINE``);
        None when the question asks one thing only, or no page is close to any ask.
        """
        asks = asks_of(question, frameworks)
        if len(asks) < 2 and asks == [question]:
            return None
        vecs = self.encoder.encode_queries(asks)
        # The UK course's page before the international one, unless the question says abroad.
        abroad_asked = bool(ABROAD_RE.search(question))
        for j, (row, _) in sorted(
            enumerate(order[:ASK_PAGES]),
            key=lambda p: (bool(self._abroad[p[1][0]]) and not abroad_asked, p[0]),
        ):
            if self._kind[row] != "provider_section" or self.statements[row].is_superseded:
                continue
            if any(self.stored.expansion_cosine(v, row) >= COURSE_ANSWER_COSINE for v in vecs):
                return j
        return None

    def _audience_section(
        self,
        order: Sequence[tuple[int, float]],
        frameworks: Sequence[str],
        first: str | None = None,
    ) -> int | None:
        """Where a current section saying who the NPQ is for stands in ``order``'s first few.

        "Who the NPQSL is for", "Who is this for?", "Applicants must have…" among the first
        :data:`AUDIENCE_TOP`, about one of ``frameworks``; None if none is. A section naming
        another NPQ ("Who the NPQH is for") is not one. With two NPQs named, ``first`` is the
        one asked about ("Can I do NPQEL after NPQSL or do I need to be a head first?", a
        fourteenth Ask user test, had been answered by an NPQSL page's entry rule): its own
        section, wherever it stands.
        """
        if first is not None:
            for j, (row, _) in enumerate(order):
                s = self.statements[row]
                if (
                    self._kind[row] == "provider_section"
                    and not s.is_superseded
                    and _AUDIENCE_TITLE_RE.search(s.title)
                    and frameworks_named(s.title) == {first}
                ):
                    return j
        for j, (row, _) in enumerate(order[:AUDIENCE_TOP]):
            s = self.statements[row]
            if (
                self._kind[row] != "provider_section"
                or s.is_superseded
                or not _AUDIENCE_TITLE_RE.search(s.title)
            ):
                continue
            named = frameworks_named(s.title)
            if not named or named & set(frameworks):
                return j
        return None

    def _words_of(self, row: int) -> frozenset[str]:
        """The keywords of a row's title and text (cached on first use)."""
        words = self._row_words.get(row)
        if words is None:
            s = self.statements[row]
            words = self._row_words[row] = frozenset(tokenize(f"{s.title}\n{s.text}"))
        return words

    def _provider_about(self, frameworks: Sequence[str]) -> np.ndarray:
        """Provider rows about one of ``frameworks``, or about no NPQ in particular."""
        rows = self._provider_generic.copy()
        for f in frameworks:
            rows |= self._provider_for.get(f, self._provider_generic)
        return rows

    def provider_frameworks(self) -> list[str]:
        """The NPQs the corpus's course pages are about, in framework order."""
        about = set().union(
            *(a for a, page in zip(self._about, self._course_page, strict=True) if page)
        )
        return [f for f in FRAMEWORK_NAMES if f in about]

    def get(self, sid: str) -> Statement | None:
        """The statement with this canonical id, or None."""
        return self.by_id.get(sid)

    def _mask(
        self, frameworks: Sequence[str], area: int | None, kinds: Sequence[str] | None
    ) -> np.ndarray:
        mask = np.ones(len(self.statements), dtype=bool)
        if frameworks:
            # Provider sections about that NPQ stay searchable when it is named ("NPQSL cost");
            # an NPQSL page's price is no answer to "NPQEL cost".
            mask &= np.isin(self._fw, list(frameworks)) | self._provider_about(frameworks)
        if area is not None:
            mask &= self._area == area
        if kinds:
            mask &= np.isin(self._kind, list(kinds))
        return mask

    def _dense(
        self, vec: np.ndarray, mask: np.ndarray | None
    ) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        """Rows by cosine to the statement texts, and by their best expansion (within ``mask``).

        The two stay separate rankings for the fusion: a statement whose own words and whose
        users' wordings both match the query is more likely right than one matched by either.
        """
        n = min(len(self.statements), max(CANDIDATES, 1))
        own = [(r, c) for r, c in self.stored.dense_search(vec, n) if mask is None or mask[r]]
        exp = [(r, c) for r, c in self.stored.expansion_search(vec, n) if mask is None or mask[r]]
        return own, exp

    def bm25_ranking(self, query: str, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Rows by BM25 score for the (vocabulary-expanded) query, best first."""
        pairs = self.stored.bm25_search(expand_keywords(query), len(self.statements))
        if mask is not None:
            pairs = [(r, s) for r, s in pairs if mask[r]]
        return pairs[:CANDIDATES]

    def search(
        self,
        query: str,
        k: int = 10,
        *,
        framework: str | None = None,
        area: int | None = None,
        kind: str | None = None,
        read_frameworks: bool = True,
        query_vector: np.ndarray | None = None,
        rerank: bool = True,
        list_k: int | None = None,
    ) -> SearchResult:
        """Search by id, words and meaning.

        Args:
            query: A question, keywords, an essay sentence, or an id in any spelling.
            k: How many hits at most (> 0).
            framework: Only this framework (and provider sections about it, or about no NPQ
                in particular).
            area: Only this area number.
            kind: ``evidence``, ``practice`` or ``provider``.
            read_frameworks: Restrict to frameworks the query names ("What does NPQEL say…").
            query_vector: The query's embedding, when the caller has it already (the essay
                tools encode every sentence in one batch). Used only if the text searched is
                the query as given (no framework name taken out, no spelling corrected).
            rerank: Put the candidates in the re-ranker's order (``index/ranker.py``). The
                essay tools keep the fusion's: an essay's claims read as evidence
                statements, and their thresholds were set on the fusion's order.
            list_k: How many statements a question asking for a whole area ("list area 7 of
                NPQLT") shows at most; ``k`` when not given. The assistant shows an area
                whole: a user who asks to list it wants every statement, not the first 12.

        Raises:
            QueryError: The query or a filter is unusable; the message says why.
        """
        if not isinstance(k, int) or k < 1:
            raise QueryError(f"top_k must be greater than 0. Currently, the top_k is {k!r}")
        q = without_chat_shorthand(check_query(query))
        fw, area_n, kinds = check_filters(framework, area, kind)
        notes: list[str] = []
        named = sorted(frameworks_in_question(q)) if read_frameworks and not fw else []
        frameworks = [fw] if fw else named
        if named:
            notes.append(f"searched {', '.join(named)} only: the question names it")
        absent = sorted(frameworks_named(q) - self._frameworks_held)
        if absent:
            held = ", ".join(f for f in FRAMEWORK_NAMES if f in self._frameworks_held)
            notes.append(
                f"{' and '.join(absent)} {'is' if len(absent) == 1 else 'are'} not in the "
                f"documents here (they hold {held}); "
                + (
                    f"searched {', '.join(frameworks)}"
                    if frameworks
                    else "searched every framework they hold"
                )
            )
        area_from_question = None
        citations = find_citations(q)
        if area_n is None and read_frameworks and not citations:
            m = AREA_NUMBER_RE.search(q)
            if m and 1 <= int(m.group(1)) <= 10:
                area_n = area_from_question = int(m.group(1))
                notes.append(f"searched area {area_n} only: the question names it")
        if (
            area_n is None
            and kinds is None
            and read_frameworks
            and not citations
            and (frameworks or re.search(r"\b(?:npq|frameworks?)\b", q, re.IGNORECASE))
            and asks_outline(q)
        ):
            every = [f for f in FRAMEWORK_NAMES if f in self._frameworks_held]
            return self._outline(q, frameworks or every, notes)
        mask = self._mask(frameworks, area_n, kinds)
        if read_frameworks:
            mask = self._narrow_by_question(q, mask, frameworks, area_n, kinds, notes)
        wants_provider = kinds is not None and "provider_section" in kinds
        # Read without the asking around it: "As part of my NPQ course, I'm wondering: …" is
        # no question about the course.
        course_question = wants_provider or provider_intent(asked_part(strip_asking(q)))
        if (
            course_question
            and not wants_provider
            and len(q.split()) >= COURSE_WORD_LONG_QUESTION
            and not _COURSE_NAMED_RE.search(_NPQ_AS_LENS_RE.sub(" ", q))
        ):
            # A long question that names no NPQ, course or provider uses a course word in
            # passing ("we piloted a new reading programme", "old habits", "an online
            # bullying incident"): it is about the frameworks, and keeps the re-ranker.
            course_question = False
        if course_question and not wants_provider and _STATEMENTS_ASKED_RE.search(q):
            # "Running an NPQEL session on governance next week - which statements cover the
            # accounting officer…?" (a tenth Ask user test): a facilitator's session, not the
            # course's; statements asked for are the frameworks'.
            course_question = False
        if course_question and not wants_provider and _JOB_APPLICATION_RE.search(q):
            # "…letter of application for a headship": a job's application, not the course's.
            course_question = bool(_COURSE_NAMED_RE.search(_JOB_APPLICATION_RE.sub(" ", q)))
        # "How long does the NPQSL take?": the frameworks' words would answer it wrongly.
        about_course = (
            kinds is None
            and not citations
            and read_frameworks
            and (
                about_the_course(q, self.course_like)
                or bool(_QUALIFICATION_ROUTE_RE.search(q))
                # Nothing asked but the course ("how long does NPQEL take and is it online or
                # face to face": a thirteenth Ask user test had been given NPQEL 4.21 on bullying
                # as "what the frameworks say on your question's words").
                or (
                    course_question
                    and not asked_keywords(_PROVIDER_INTENT_RE.sub(" ", q)) - _COURSE_FILLER
                )
            )
        )
        if about_course:
            course_question = True
            mask &= self._kind == "provider_section"
            notes.append(
                "read as a question about the course itself: only the provider pages were "
                "searched, since no framework statement says how a course runs"
            )
        elif kinds is None and read_frameworks and kind_meaning(q):
            # No statement says what a "Learn that" statement is; the provider pages do.
            course_question = True
            mask &= self._kind == "provider_section"
            notes.append(
                "read as a question about how the frameworks are set out: the provider pages "
                "explain it"
            )
        provider_prior = PROVIDER_PRIOR_COURSE if course_question else PROVIDER_PRIOR_NO_INTENT
        no_course_pages: list[str] = []
        if (
            course_question
            and frameworks
            and not (self._provider_about(frameworks) & self._course_page).any()
        ):
            no_course_pages = list(frameworks)
        elif course_question and absent and not frameworks:
            # "How much does the NPQH cost?": only NPQs this corpus does not hold are named.
            # An NPQSL page's price is no answer to it (as for a held NPQ named, in _mask).
            mask &= (self._kind != "provider_section") | self._provider_generic
            no_course_pages = absent
        if no_course_pages and (covered := self.provider_frameworks()):
            notes.append(
                f"the course pages here are about {' and '.join(covered)} only; "
                f"for {' and '.join(no_course_pages)} courses (cost, funding, delivery) ask an "
                "NPQ provider"
            )
        if provider_prior <= 0.0:
            mask &= self._kind != "provider_section"

        id_hits = self._id_hits(q, citations, frameworks, mask)
        missing = self._missing_id_notes(citations)
        notes += missing
        if missing and not id_hits and not _words_besides_ids(q, citations):
            # "NPQEL 4.99" alone: nothing to search for but the digits, whose nearest
            # statements (NPQEL 2.10, 1.2…) are no guide to the one meant. The note says what
            # the area holds.
            return SearchResult(
                query=q, hits=(), in_scope=False, frameworks=tuple(frameworks), notes=tuple(notes)
            )
        text = without_course_talk(
            strip_asking(strip_framework_names(q) if frameworks or absent else q)
        )
        like: int | None = None  # a statement looked up alone: the others are like it
        if (
            id_hits
            and not _words_besides_ids(q, citations)
            and all(c.framework for c in citations)  # "4.P2" alone: every framework's, first
        ):
            # "NPQSL 4.9" alone: the statements after it are those nearest in meaning to it
            # (by its indexed vector, no keywords), not what the digits "4.9" happen to match.
            text = id_hits[0].statement.text
            like = self.row(id_hits[0].statement.id)
            notes.append(
                f"the other statements are those nearest in meaning to {id_hits[0].statement.id}"
            )
            # A practice heading looked up alone comes with all its bullets, in reading order
            # ("What is NPQSL 6.P1?" had shown 3 of its 10 bullets, in the search's order).
            id_hits = self._with_bullets(id_hits, mask)
        elif course_question and text != q and len(tokenize(text)) <= SHORT_COURSE_KEYWORDS:
            # "who is the NPQSL aimed at?" without its NPQ name has nothing left to search
            # for: the provider pages call the course by that name.
            text = q
        if area_from_question is not None:
            rest = " ".join(AREA_NUMBER_RE.sub(" ", text).split())
            # Nothing left but listing words ("NPQSL area 4", "what is in area 4 of NPQSL?"),
            # or the area's title besides ("What does NPQEL area 10, governance and
            # accountability, cover?", an eleventh Ask user test).
            titled = {
                w
                for titles in AREA_TITLES.values()
                for w in re.findall(r"[a-z]+", titles.get(area_from_question, "").lower())
            }
            if not re.search(r"\d", rest) and all(
                # "What's in area 7?", "What’s in…": the contraction is one listing word.
                w in _LISTING_WORDS or w in titled
                for w in re.findall(r"[a-z]+", re.sub(r"['’‘]", "", rest.lower()))
            ):
                return self._listing(q, max(k, list_k or k), mask, frameworks, notes)
            text = rest or text
        elif (
            area_n is None
            and read_frameworks
            and not citations
            and (m := _AREA_TITLE_RE.search(text))
            and any(n.startswith("searched the ") and " area only" in n for n in notes)
            and all(
                w in _LISTING_WORDS
                for w in re.findall(
                    r"[a-z]+", re.sub(r"['’‘]", "", (text[: m.start()] + text[m.end() :]).lower())
                )
            )
        ):
            # An area named by its title and nothing asked of it but its contents: "whats in
            # the npqlt adaptive teaching area" (an eleventh Ask user test) is listed like
            # "NPQLT area 6".
            return self._listing(q, max(k, list_k or k), mask, frameworks, notes)
        if SPELLING and like is None:
            text, fixes = self.speller.correct(text)
            if fixes:
                notes.append(
                    "searched for "
                    + ", ".join(f"“{f.searched}” (typed “{f.typed}”)" for f in fixes)
                )
        renamed: list[tuple[str, str]] = []
        if like is None:
            text, renamed = renamed_terms(text)
            if renamed:
                notes.append(
                    "searched for " + ", ".join(f"“{new}” ({why})" for new, why in renamed)
                )
        if like is not None:
            # Its indexed vector (its words with its area and heading): statements like it.
            vec = np.asarray(self.stored.faiss_index.reconstruct(like), dtype=np.float32)
        elif query_vector is not None and text == q:
            vec = np.asarray(query_vector, dtype=np.float32)
        else:
            vec = self.encoder.encode_queries([without_figures(text)])[0]
        own, exp = self._dense(vec, mask)
        own_cos = own[0][1] if own else 0.0
        exp_cos = exp[0][1] if exp else 0.0
        sparse = self.bm25_ranking(text, mask) if like is None else []
        if FUSION == "scores":
            # Fewer BM25 rows than candidates: every row with a query word is there.
            bm25_complete = len(sparse) < CANDIDATES
            complete = (False, False, bm25_complete)
            fused = fuse_scores([own, exp, sparse], SCORE_WEIGHTS, complete)
        else:
            complete = (False, False, False)
            fused = fuse([own, exp, sparse], [DENSE_WEIGHT, EXPANSION_WEIGHT, BM25_WEIGHT])
        prior = {"evidence": EVIDENCE_PRIOR, "provider_section": provider_prior}
        # Scores as a share of the highest the fusion can give: below an id hit's 1.0.
        top = max(1.0, *prior.values()) * (
            sum(SCORE_WEIGHTS)
            if FUSION == "scores"
            else (DENSE_WEIGHT + EXPANSION_WEIGHT + BM25_WEIGHT) / (RRF_K + 1)
        )
        cand_rows: list[int] = []
        cand_x = np.zeros((0, 0))
        # A course question keeps the fusion's order: its reading (provider pages first) was
        # tuned on the course set; with the re-ranker, provider pages creep into framework
        # questions that use a course word (eval/reports/ranker.md).
        use_ranker = rerank and self.ranker is not None and not course_question
        if use_ranker or self.on_candidates is not None:
            cand_rows, cand_x = candidate_features(
                [own, exp, sparse], complete, fused, text, self._row_info, prior
            )
            if self.on_candidates is not None:
                self.on_candidates(cand_rows, cand_x)
        fused = sorted(
            ((r, sc * prior.get(self._kind[r], 1.0) / top) for r, sc in fused),
            key=lambda p: (-p[1], p[0]),
        )
        # The order hits are listed in: the re-ranker's P(relevant) for the fused top
        # candidates (it reads the kind of statement and of question itself, so no prior),
        # then the rest in the fusion's order, below them. Scope reads the fusion's order,
        # which its calibration was fitted on.
        order = fused
        reranked = use_ranker and bool(cand_rows)
        if reranked and self.ranker is not None:
            order = self._reranked(self.ranker.probabilities(cand_x), cand_rows, fused)
            if any(new == "staff wellbeing" for new, _why in renamed):
                order = self._staff_not_pupils(order)
        best_cos = max(own_cos, exp_cos)
        best_bm = sparse[0][1] if sparse else 0.0
        features = ScopeFeatures(
            own_cos,
            exp_cos,
            best_bm,
            bool(fused) and self._kind[fused[0][0]] == "provider_section",
            self.unknown_word_share(text),
        )
        scope_p = self.scope_probability(features, vec)
        asked = asked_keywords(text)
        worded = any(self._says_every_keyword(asked, r) for r, _ in fused[:SCOPE_WORDS_IN_TOP])
        # …or the topic it asks a framework about, examples aside ("does npqel cover income
        # generation like hiring out the sports hall": NPQEL 7.P3.8, "…income generation
        # activities…", first; an Ask user test had been told it is not covered).
        topic = asked_topic(q)
        worded = worded or any(
            self._says_every_keyword(topic, r) for r, _ in fused[:SCOPE_WORDS_IN_TOP]
        )
        # A one-word search found in so many words ("exclusions": NPQSL 7.P2 says it) is no
        # loose cover, though one word is too few to judge scope by.
        found_as_typed = len(asked) == 1 and any(
            self._kind[r] != "provider_section" and asked <= self._words_of(r)
            for r, _ in fused[:SCOPE_WORDS_IN_TOP]
        )
        # ...nor is a topic asked about ("does the npq say anything abt homework", "what does
        # NPQSL say about exclusions and alternative provision": an Ask user test) whose words
        # the statements at the top say, between them.
        if not found_as_typed:
            tops = [r for r, _ in fused[:SCOPE_WORDS_IN_TOP] if self._kind[r] != "provider_section"]
            # A bullet says what its heading says too ("…admissions, exclusions and appeals").
            heads = [self._row[g] for r in tops if (g := self.statements[r].group) in self._row]
            said = frozenset().union(*(self._words_of(r) for r in (*tops, *heads)))
            found_as_typed = bool(topic) and topic <= said
            # …and so is a search whose every word they say ("exclusions & alternative
            # provision npqsl": NPQSL 7.P2.4 and its heading, a tenth Ask user test).
            found_as_typed = found_as_typed or (
                len(asked) >= SCOPE_MIN_KEYWORDS
                and all(
                    w in said
                    # School shorthand said in the frameworks' words ("TAs": teaching assistants).
                    or (w in DOMAIN_VOCABULARY and set(tokenize(DOMAIN_VOCABULARY[w])) & said)
                    for w in asked
                )
            )
        quoted = quoted_keywords(q)
        if len(quoted) >= QUOTE_MIN_KEYWORDS and not found_as_typed:
            # A sentence the user quotes to be cited ("I'm writing: '…' Can you give me the
            # NPQSL citation?", an Ask user test) whose words a top statement mostly holds.
            found_as_typed = any(
                len(quoted & self._words_of(r)) >= QUOTE_SHARE * len(quoted)
                for r, _ in fused[:SCOPE_WORDS_IN_TOP]
                if self._kind[r] != "provider_section"
            )
        in_scope = (
            bool(id_hits)
            or scope_p >= self.scope_threshold
            # A course question (cost, modules…; provider pages are searched only for those)
            # that the page at the top answers in its words: most of the question's keywords
            # are on it ("who is the NPQSL for?" has none to miss), not only its intent word
            # ("the late entry fee for GCSE exams" is no course question).
            or (
                features.provider_top
                and course_question
                and self.keywords_on(text, fused[0][0]) >= SCOPE_MIN_PROVIDER_KEYWORDS
            )
            # Every word the question asks about is in one framework statement near the top
            # ("what does the NPQEL say about economies of scale": NPQEL 7.P3.3 says it).
            or worded
            # …or the one word it asks a framework about, said in so many words by a statement
            # at the top (or its heading): "what does the NPQSL say about Ofsted?" (NPQSL 10.P2
            # names Ofsted; it had been judged not covered, the scope model doubting one word).
            or (len(topic) == 1 and found_as_typed)
            # A short search in shorthand read in the frameworks' words that a statement near
            # the top says ("trauma-informed practice", "staff burnout": found, but their
            # words are in no statement, so the scope model had judged them uncovered). Not a
            # longer question: "What does KCSIE 2024 actually say about filtering…" is one
            # the frameworks leave uncovered.
            or (
                len(text.split()) <= SHORT_SEARCH_WORDS
                and self._says_jargon(text, fused[:SCOPE_WORDS_IN_TOP])
            )
        )
        if (
            in_scope
            and not id_hits
            and not course_question
            and len(q.split()) < COURSE_WORD_LONG_QUESTION  # in a scene, pay is a detail
            and _SALARY_RE.search(q)
        ):
            # A teacher's pay ("What's the pay range for an assistant head on the leadership
            # spine?", a blind batch): the frameworks speak of pay and conditions policy, never
            # of scales or figures, and the old programme page naming assistant heads had
            # stood in for an answer.
            in_scope = False
        if (
            in_scope
            and not id_hits
            and not course_question
            and (
                _SUBJECT_CONTENT_RE.search(q)
                or _STATUTORY_TIME_RE.search(q)
                or (
                    len(q.split()) < COURSE_WORD_LONG_QUESTION
                    and (
                        _ENVIRONMENT_RE.search(q)
                        or _JOB_APPLICATION_RE.search(q)
                        or _INFORMATION_REQUEST_RE.search(q)
                    )
                )
            )
        ):
            in_scope = False
        if (
            in_scope
            and not id_hits
            and len(q.split()) < ADMINISTRATION_WORDS
            and _ADMINISTRATION_RE.search(q)
        ):
            # Read whether or not it uses a course word ("…breakout rooms on Teams for a 20
            # person online session?" is no question about the NPQ's online sessions).
            in_scope = False
        if (
            in_scope
            and course_question
            and absent
            and not frameworks
            and not id_hits
            and not (fused and features.provider_top)
        ):
            # A question about the course of an NPQ this corpus does not hold ("Does the NPQH
            # final assessment include a written case study?", a blind batch): no framework
            # statement says how any course runs, and the pages left (those about no NPQ in
            # particular) do not answer it; what "final assessment" matched among the
            # statements (pupils' assessment) is no answer.
            in_scope = False
        audience = (
            self._audience_section(order, frameworks, _first_named(q, frameworks))
            if course_question
            and frameworks
            and order
            and not id_hits
            and _AUDIENCE_ASK_RE.search(q)
            and not ASKS_OLD_RE.search(q)  # who the old programme was for: its own page
            else None
        )
        if audience is not None:
            # "Am I eligible for NPQSL?": the section saying who the NPQ is for answers it,
            # first, though a page sharing more of the question's words came before it.
            row, score = order[audience]
            order = [(row, max(score, order[0][1]))] + [
                o for j, o in enumerate(order) if j != audience
            ]
            in_scope = True
        elif (
            in_scope
            and not id_hits
            and order
            and (about_course or (no_course_pages and self._introduction[order[0][0]]))
        ):
            # A DfE framework's introduction standing in for course pages the corpus lacks
            # answers only when it is about what is asked ("who is the NPQEL for?"), never a
            # price or a date ("can I get funding for NPQEL?" is not answered by it).
            # The question as asked: the pages' questions name the course too.
            asked_vec = vec if text == q else self.encoder.encode_queries([q])[0]
            in_scope = self._course_page_answers(q, order[0][0], asked_vec)
            if not in_scope and about_course:
                # A question that asks several things, or asks with its context around it
                # ("Thinking about starting NPQSL while running Year 11… How is the programme
                # delivered? … can I access the online materials on my phone?"): each ask,
                # naming the NPQ, against the first few pages; a page one of them is close to
                # answers, and comes first (a blind batch: the international page on remote
                # delivery had led a question from Cumbria, and none was judged to answer).
                found = self._page_answering_an_ask(q, order, frameworks)
                if found is not None:
                    row, score = order[found]
                    order = [(row, max(score, order[0][1]))] + [
                        o for j, o in enumerate(order) if j != found
                    ]
                    in_scope = True
        # A programme, product or body named that no statement or page names ("Read Write Inc
        # or Little Wandle?", "Oak National Academy units"): the frameworks may speak to its
        # topic, never to it, and the answer says so (a user test).
        unknown_names = [] if id_hits else self.unknown_names(q)
        if unknown_names:
            notes.append(
                "not named anywhere in the frameworks: "
                + " or ".join(f"“{n}”" for n in unknown_names)
            )
            if not course_question:
                # What a course page shares with such a question is the thing's word ("the
                # npqsl position on mobile phones": a page on a learning platform "enabled for
                # mobiles and tablets", a fourteenth Ask user test), never an answer.
                order = [(r, sc) for r, sc in order if self._kind[r] != "provider_section"]
        hits: list[Hit] = list(id_hits)
        groups: list[tuple[str, ...]] = [(h.statement.id,) for h in id_hits]
        seen = {h.statement.id for h in hits}

        def add(row: int, score: float, method: Method) -> None:
            """A hit, then its twins in other frameworks.

            Twins with the same text join its group (one text, several ids); a near-identical
            twin ("School leaders…" / "Executive leaders…") follows as its own group, shown
            with its own words.
            """
            group: list[str] = []
            # Near-identical twins, those with one text together (NPQSL 2.18 and NPQEL 2.18
            # under NPQLT 5.6, which has one more comma).
            near: dict[str, list[str]] = {}
            same = self.same_text_ids(row)
            twins = self.twins(row)
            # Every id with the text, the same framework's too: NPQSL 4.15 and 9.2 are one
            # text, and had been listed as three lines ("NPQSL 9.2 · NPQEL 4.15", "NPQSL
            # 4.15", "NPQEL 9.2").
            members = (
                row,
                *twins,
                *(
                    self._row[i]
                    for i in sorted(same)
                    if i in self._row and self._row[i] not in twins
                ),
            )
            # One text, several ids: listed in the frameworks' order, not by which scored a
            # hair higher (the texts differ only in their area titles, and which one wins such
            # a tie changes with the CPU's floating-point path).
            identical = sorted(
                (r for r in members if r == row or self.statements[r].id in same),
                key=lambda r: _FRAMEWORK_ORDER.get(str(self._fw[r]), len(_FRAMEWORK_ORDER)),
            )
            for r in (*identical, *(r for r in members if r not in identical)):
                t = self.statements[r]
                if t.id in seen or not mask[r]:
                    continue
                seen.add(t.id)
                if r in identical:
                    hits.append(Hit(t, score, method))
                    group.append(t.id)
                else:
                    hits.append(Hit(t, score, "counterpart"))
                    near.setdefault(" ".join(t.text.split()), []).append(t.id)
            if group:
                groups.append(tuple(group))
            for ids in near.values():
                fw_order = [_FRAMEWORK_ORDER.get(i.split()[0], len(_FRAMEWORK_ORDER)) for i in ids]
                groups.append(tuple(i for _, i in sorted(zip(fw_order, ids, strict=True))))

        # A question naming no framework and no trust is a school's: of a trust statement and
        # the NPQSL wording of it, the school's leads (a twelfth Ask user test: "how do i keep
        # staff workload down when we're only 5 staff" had been answered in NPQEL 7.P4.2's
        # words, "…across the trust", NPQSL 7.P4.2 second).
        school_first = not frameworks and not _TRUST_ASKED_RE.search(q)
        for row, score in order:
            if self.statements[row].id in seen:
                continue
            if school_first and self._fw[row] == "NPQEL" and not self.twins(row):
                school = next(
                    (o for o in self.counterparts(row) if self._fw[o] == "NPQSL" and mask[o]),
                    None,
                )
                if school is not None and self.statements[school].id not in seen:
                    row = school
            add(row, score, "hybrid")
            if not frameworks:
                # Other frameworks' own wording of it follows, each as its own group: the
                # counterparts of the hit or of any identical statement, one per framework
                # (NPQLT 8.P2 has no close NPQEL wording; its twin NPQSL 6.P2 has NPQEL 6.P2).
                group = (row, *self.twins(row))
                said_in = {str(self._fw[r]) for r in group}
                for other in (o for r in group for o in self.counterparts(r)):
                    if self._fw[other] not in said_in and self.statements[other].id not in seen:
                        said_in.add(str(self._fw[other]))
                        add(other, score, "counterpart")
            if len(hits) >= k:
                break
        return SearchResult(
            query=q,
            hits=tuple(hits[:k]),
            in_scope=in_scope,
            frameworks=tuple(frameworks),
            notes=tuple(notes),
            best_cosine=best_cos,
            best_bm25=best_bm,
            scope=features,
            scope_probability=scope_p,
            groups=tuple(groups),
            reranked=reranked,
            course_question=course_question,
            no_course_pages=tuple(no_course_pages),
            about_course=about_course,
            absent=tuple(absent),
            loose=(
                in_scope
                and not (id_hits or worded or found_as_typed or about_course)
                and (
                    (scope_p < SCOPE_LOOSE_BELOW and not course_question)
                    or (
                        bool(unknown_names)
                        and not (hits and hits[0].statement.kind == "provider_section")
                    )
                )
            ),
        )

    def _staff_not_pupils(self, order: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """Statements on pupils' wellbeing after the others, for a question on staff wellbeing.

        "what does npqsl say about school culture and staff wellbeing" had led with NPQSL 1.4
        ("…improve the wellbeing, motivation and behaviour of their pupils"), its note saying
        it had searched for the staff's (an eighth Ask user test).
        """
        pupils = [
            bool(_PUPILS_WELLBEING_RE.search(self.statements[r].text))
            and not _STAFF_WELLBEING_SAID_RE.search(self.statements[r].text)
            for r, _ in order
        ]
        if not any(pupils):
            return order
        kept = [o for o, p in zip(order, pupils, strict=True) if not p]
        return kept + [o for o, p in zip(order, pupils, strict=True) if p]

    @staticmethod
    def _reranked(
        probs: np.ndarray, rows: list[int], fused: list[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        """The candidates by P(relevant), then the other rows in the fusion's order, below."""
        order = sorted(zip(rows, map(float, probs), strict=True), key=lambda p: (-p[1], p[0]))
        held = set(rows)
        floor = order[-1][1]
        lowest = min(sc for r, sc in fused if r in held)
        for r, sc in fused:
            if r not in held:
                order.append((r, floor * min(1.0, max(sc, 0.0) / lowest) if lowest > 0 else 0.0))
        return order

    def _narrow_by_question(
        self,
        q: str,
        mask: np.ndarray,
        frameworks: Sequence[str],
        area_n: int | None,
        kinds: Sequence[str] | None,
        notes: list[str],
    ) -> np.ndarray:
        """Narrow ``mask`` to an area named by title and a kind asked for by name, with notes."""
        if area_n is None and (m := _AREA_TITLE_RE.search(q)):
            title = _AREA_TITLE_WORDS[m["t"].lower()]
            in_area = self._area_title == title.lower()
            if (mask & in_area).any():
                mask = mask & in_area
                notes.append(f"searched the {title} area only: the question names it")
            elif frameworks:
                notes.append(f"{' and '.join(frameworks)} has no {title} area")
        if kinds is None and not kind_meaning(q) and (m := _KIND_WORDS_RE.search(q)):
            practice = bool(m["p1"] or m["p2"])
            wanted = ("practice_heading", "practice") if practice else ("evidence",)
            in_kind = np.isin(self._kind, wanted)
            if (mask & in_kind).any():
                mask = mask & in_kind
                label = "Learn how to… (practice)" if practice else "Learn that… (evidence)"
                notes.append(f"searched {label} statements only: the question asks for them")
        return mask

    def _listing(
        self, query: str, k: int, mask: np.ndarray, frameworks: Sequence[str], notes: list[str]
    ) -> SearchResult:
        """The statements an area holds, in the frameworks' reading order."""
        rows = [r for r in range(len(self.statements)) if mask[r]]
        hits = tuple(Hit(self.statements[r], 1.0, "area") for r in rows[:k])
        # What the area holds, counted ("how many evidence statements are in area 2?").
        for fw in dict.fromkeys(self.statements[r].framework for r in rows):
            kinds: list[str] = [
                self.statements[r].kind for r in rows if self.statements[r].framework == fw
            ]
            counted = [
                f"{n} {name}{'' if n == 1 else 's'}"
                for name, kind in _LISTED_KINDS
                if (n := kinds.count(kind))
            ]
            first = next(self.statements[r] for r in rows if self.statements[r].framework == fw)
            notes.append(
                f"{fw} area {first.area} ({first.area_title}) holds "
                + (
                    ", ".join(counted[:-1]) + " and " + counted[-1]
                    if len(counted) > 1
                    else counted[0]
                )
            )
        if len(rows) > k:
            notes.append(f"showing the first {k} of the area's {len(rows)} statements")
        return SearchResult(
            query=query,
            hits=hits,
            in_scope=bool(hits),
            frameworks=tuple(frameworks),
            notes=tuple(notes),
            best_cosine=1.0 if hits else 0.0,
            groups=tuple((h.statement.id,) for h in hits),
        )

    def _outline(self, query: str, frameworks: Sequence[str], notes: list[str]) -> SearchResult:
        """Each framework's areas in order, a note counting what each holds.

        An area's first statement stands for it among the hits. An area the framework text
        here has no statement in (NPQLT area 1, Teaching, points to the Early Career
        Framework) is said to hold none.
        """
        hits: list[Hit] = []
        about = self._provider_about(frameworks)
        for fw in frameworks:
            # A current course page that lists the areas itself comes first (the NPQSL page
            # names its ten): it is what a user would cite for them.
            titles = [t.lower() for t in AREA_TITLES.get(fw, {}).values()]
            listed = {h.statement.id for h in hits}
            hits += [
                Hit(s, 1.0, "outline")
                for r, s in enumerate(self.statements)
                if s.kind == "provider_section"
                and s.id not in listed
                and about[r]
                and not s.is_superseded
                and fw in s.text
                and sum(t in s.text.lower() for t in titles) * 2 > len(titles)
            ]
        for fw in frameworks:
            held = [
                s for s in self.statements if s.framework == fw and s.kind != "provider_section"
            ]
            areas = dict.fromkeys([*AREA_TITLES.get(fw, {}), *(s.area for s in held)])
            for area in sorted(a for a in areas if a is not None):
                in_area = [s for s in held if s.area == area]
                title = in_area[0].area_title if in_area else AREA_TITLES[fw][area]
                if in_area:
                    hits.append(Hit(in_area[0], 1.0, "outline"))
                kinds_held: list[str] = [s.kind for s in in_area]
                counted = [
                    f"{n} {name}{'' if n == 1 else 's'}"
                    for name, kind in _LISTED_KINDS
                    if (n := kinds_held.count(kind))
                ]
                said = (
                    ", ".join(counted[:-1]) + " and " + counted[-1]
                    if len(counted) > 1
                    else counted[0]
                    if counted
                    else "no statements in the framework text here"
                )
                notes.append(f"{fw} area {area} ({title}) holds {said}")
        return SearchResult(
            query=query,
            hits=tuple(hits),
            in_scope=bool(hits),
            frameworks=tuple(frameworks),
            notes=tuple(notes),
            best_cosine=1.0 if hits else 0.0,
            groups=tuple((h.statement.id,) for h in hits),
        )

    def _missing_id_notes(self, citations: Sequence[Citation]) -> list[str]:
        """A note for each id in the query that names no statement (a mistyped citation)."""
        notes = []
        missing: dict[tuple[str, int], list[str]] = {}  # a range's missing ids, said once
        for c in citations:
            if c.framework is not None:
                if c.id and c.id not in self.by_id:
                    missing.setdefault((c.raw, c.start), []).append(c.id)
            elif not any(c.with_framework(f) in self.by_id for f in FRAMEWORK_NAMES):
                notes.append(f"{c.raw.strip()} is not a statement number in any framework here")
        for (raw, _start), ids in missing.items():
            note = self.explain_missing(ids[0])
            if len(ids) > 1:
                # "NPQSL 4.P2.1-99": one note, not one for each of 4.P2.4 … 4.P2.30.
                note = note.replace(
                    f"{ids[0]} does not exist",
                    f"{ids[0]} to {ids[-1]} (in “{raw.strip()}”) do not exist",
                    1,
                )
            notes.append(note)
        return notes

    def _with_bullets(self, id_hits: list[Hit], mask: np.ndarray) -> list[Hit]:
        """Each practice heading among ``id_hits`` followed by its bullets, in reading order."""
        out: list[Hit] = []
        seen = {h.statement.id for h in id_hits}
        for h in id_hits:
            out.append(h)
            if h.statement.kind != "practice_heading":
                continue
            bullets = sorted(
                (
                    r
                    for r, s in enumerate(self.statements)
                    if s.kind == "practice" and s.group == h.statement.id and mask[r]
                ),
                key=lambda r: int(self.statements[r].id.rsplit(".", 1)[1]),
            )
            for r in bullets:
                if self.statements[r].id not in seen:
                    seen.add(self.statements[r].id)
                    out.append(Hit(self.statements[r], 1.0, "id"))
        return out

    def _id_hits(
        self,
        query: str,
        citations: Sequence[Citation],
        frameworks: Sequence[str],
        mask: np.ndarray,
    ) -> list[Hit]:
        hits: list[Hit] = []
        for c in citations:
            if c.framework is not None:
                ids = [c.id] if c.id else []
            else:
                fws = frameworks or list(FRAMEWORK_NAMES)
                ids = [c.with_framework(f) for f in fws]
            for sid in ids:
                s = self.by_id.get(sid or "")
                if s is not None and all(h.statement.id != s.id for h in hits):
                    hits.append(Hit(s, 1.0, "id"))
        # "area 4, statement 9" is the evidence statement 4.9.
        for spelled in re.finditer(
            r"\barea\s+(\d{1,2})\s*,?\s*(?:evidence\s+)?statement\s+(\d{1,2})\b",
            query,
            re.IGNORECASE,
        ):
            area, number = int(spelled.group(1)), int(spelled.group(2))
            for f in frameworks or list(FRAMEWORK_NAMES):
                s = self.by_id.get(f"{f} {area}.{number}")
                if s is not None and all(h.statement.id != s.id for h in hits):
                    hits.append(Hit(s, 1.0, "id"))
        # A bare "4.P2" or "4.9" typed alone, or in a short question about it ("what does 4.9
        # say?"), is still an id look-up. In longer text a bare number may be anything.
        m = re.fullmatch(r"\s*(\d{1,2})\.([Pp]?\d{1,2}(?:\.\d{1,2})?)\s*", query)
        if m is None and len(query.split()) <= BARE_ID_MAX_WORDS and _BARE_ID_CUE_RE.search(query):
            bare = list(_BARE_ID_RE.finditer(query))
            m = bare[0] if len(bare) == 1 else None
        if m and not hits:
            num = m.group(2).upper()
            for f in frameworks or list(FRAMEWORK_NAMES):
                s = self.by_id.get(f"{f} {int(m.group(1))}.{num}")
                if s is not None:
                    hits.append(Hit(s, 1.0, "id"))
        return hits


def fuse(
    rankings: Sequence[Sequence[tuple[int, float]]], weights: Sequence[float]
) -> list[tuple[int, float]]:
    """Weighted reciprocal-rank fusion: score = sum of weight / (RRF_K + rank)."""
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, (row, _s) in enumerate(ranking, start=1):
            scores[row] = scores.get(row, 0.0) + weight / (RRF_K + rank)
    return sorted(scores.items(), key=lambda p: (-p[1], p[0]))


def fuse_scores(
    rankings: Sequence[Sequence[tuple[int, float]]],
    weights: Sequence[float],
    complete: Sequence[bool] = (),
) -> list[tuple[int, float]]:
    """Weighted sum of scores, each ranking's divided by its best (cosines are left as they are).

    A row missing from a ranking's candidates gets that ranking's lowest candidate score (it
    scored at most that), or 0 when the ranking is ``complete``: BM25 lists every row sharing
    a word with the query when fewer than ``CANDIDATES`` do, and a row it leaves out shares
    none ("mnemonics" is in two statements; the others must not score as if it were in theirs).
    The first two rankings are cosines, in [-1, 1] already; the others (BM25) are divided by
    their best score so that they lie in [0, 1].
    """
    rows = {r for ranking in rankings for r, _ in ranking}
    total = dict.fromkeys(rows, 0.0)
    for i, (ranking, weight) in enumerate(zip(rankings, weights, strict=True)):
        if not ranking:
            continue
        top = ranking[0][1] if i >= 2 and ranking[0][1] > 0 else 1.0
        floor = 0.0 if i < len(complete) and complete[i] else ranking[-1][1] / top
        got = {r: s / top for r, s in ranking}
        for r in rows:
            total[r] += weight * got.get(r, floor)
    return sorted(total.items(), key=lambda p: (-p[1], p[0]))


def group_identical(hits: Sequence[Hit]) -> list[tuple[Hit, tuple[str, ...]]]:
    """Fold hits whose statements are identical across frameworks into one, listing all ids."""
    out: list[tuple[Hit, tuple[str, ...]]] = []
    placed: dict[str, int] = {}
    for h in hits:
        s = h.statement
        key = next((placed[i] for i in (s.id, *s.same_as) if i in placed), None)
        if key is None:
            key = len(out)
            out.append((h, (s.id,)))
        else:
            first, ids = out[key]
            out[key] = (first, (*ids, s.id))
        # The ids it is identical to belong here too, whichever comes first: NPQSL 4.15 and
        # 9.2 are one text, each listing NPQEL 4.15 and 9.2, not each other.
        for i in (s.id, *s.same_as):
            placed.setdefault(i, key)
    return out
