"""A yes-or-no question about what a framework says, answered first.

"Is it right that the NPQSL framework says lessons should be observed and graded?" is the
question participants ask most in the weeks before an assessment (an eighth Ask user test: five
of fifty, none answered yes or no; the brief listed the nearest statements, one of them first,
as if it said so). The claim asked about is checked as Check checks a cited sentence
(`assistant/essay.py`): how close the statements the search found are to it, and whether the
claim says more than, or the opposite of, the nearest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant import essay
from index.search import SearchIndex, SearchResult
from ingest.records import Statement

Reading = Literal["said", "said_otherwise", "not_said"]

# "Is it right that …", "Is it true the …", "Am I right in thinking …", "Can I say that …".
_CLAIM_ASKED_RE = re.compile(
    r"^\s*(?:(?:so|and|but|ok|okay|also)[,\s]+)?"
    r"(?:is\s+it\s+(?:right|true|correct|accurate|fair\s+to\s+say|the\s+case)"
    r"|am\s+i\s+right(?:\s+(?:in\s+thinking|to\s+say))?"
    r"|would\s+i\s+be\s+right\s+(?:to\s+say|in\s+saying)"
    r"|can\s+i\s+(?:say|claim|write))"
    r"\s+(?:that\s+)?(?P<claim>[^?]+)",
    re.IGNORECASE,
)
# The source named before the claim: "the NPQSL framework says (that) …".
_SOURCE_SAYS_RE = re.compile(
    r"^\s*(?:the\s+)?(?:(?:npq\s?-?\s?(?:sl|el|lt|h)|dfe|npqs?)(?:['’]s)?\s+)?"
    r"(?:frameworks?\s+|evidence\s+|research\s+)?"
    r"(?:says?|states?|claims?|suggests?|recommends?|tells\s+us|expects?|requires?|wants?)\s+"
    r"(?:that\s+)?",
    re.IGNORECASE,
)
CLAIM_MIN_WORDS = 3
CANDIDATES = 3  # the search's first statements a claim is read against


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """What the frameworks say of a claim asked about.

    Attributes:
        claim: The claim, without the asking around it.
        reading: ``said`` (a statement says it), ``said_otherwise`` (the nearest statement
            says less, or the opposite), ``not_said`` (none says it in so many words).
        statement: The statement the reading is about (None for ``not_said``).
        reason: For ``said_otherwise``, how the claim differs.
    """

    claim: str
    reading: Reading
    statement: Statement | None = None
    reason: str = ""


def asked_claim(question: str) -> str:
    """The claim a yes-or-no question asks about, or "" when it asks no such thing."""
    m = _CLAIM_ASKED_RE.match(question)
    if not m:
        return ""
    claim = _SOURCE_SAYS_RE.sub("", m["claim"], count=1).strip(" ,.;:-–—")
    return claim if len(claim.split()) >= CLAIM_MIN_WORDS else ""


def check_claim(question: str, result: SearchResult, index: SearchIndex) -> ClaimCheck | None:
    """The reading of the claim the question asks about, against the statements found for it."""
    claim = asked_claim(question)
    if not claim or not result.in_scope:
        return None
    found = [h.statement for h in result.hits if h.statement.kind != "provider_section"]
    if not found:
        return None
    sim = essay._Similarity(index)
    (vecs,) = sim.encode_with_clauses([claim])
    plain = essay.plain_text(essay._strip_citations(claim))
    for s in found[:CANDIDATES]:
        score = sim.support(vecs, s.id)
        if score < essay.SUPPORT_COSINE:
            # Near in topic only: "pupils with SEND need a completely separate curriculum" is
            # not said otherwise by NPQSL 5.2 on the four areas of need (0.51).
            continue
        if essay.says_otherwise(claim, s.text, sim.clause_cosines(claim, vecs, s.id), score):
            reworded = essay.opposite_words(plain, s.text)
            why = essay._opposite_reason(claim, s.text, reworded)
            return ClaimCheck(claim, "said_otherwise", s, why)
        if score >= essay.STRONG_COSINE and essay._worded(claim, s.text):
            # Close, and in the statement's words: "formative assessment should be used to
            # adapt teaching" is near NPQLT 8.P3.1 ("Ensure formative assessment tasks are
            # linked to intended outcomes", 0.77) by its topic, not its claim.
            return ClaimCheck(claim, "said", s)
    return ClaimCheck(claim, "not_said")


def claim_lines(check: ClaimCheck) -> list[str]:
    """The answer's first lines: yes, not as put, or not in so many words."""
    s = check.statement
    if check.reading == "said" and s is not None:
        return [f"**Yes:** {s.id} says it: “{s.text}” [{s.id}]", ""]
    if check.reading == "said_otherwise" and s is not None:
        why = check.reason.replace(
            essay.SAYS_OPPOSITE, "your wording claims more than, or the opposite of, what it says"
        )
        return [
            f"**Not as you put it.** The nearest statement, {s.id}, says: “{s.text}” [{s.id}]",
            f"> {why[0].upper()}{why[1:]}: cite it for what it says, not for “{check.claim}”.",
            "",
        ]
    return [
        "**No statement says this in so many words.** The nearest follow: check that one says "
        "what you mean before you cite it.",
        "",
    ]
