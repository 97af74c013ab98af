"""Citation ids in the many spellings users type, parsed back to canonical ids.

Canonical forms: ``NPQSL 4.9`` (evidence), ``NPQSL 4.P2`` (practice heading), ``NPQSL 4.P2.3``
(practice bullet). Recognised in text: ``(NPQSL 4.9)``, ``(NPQSL, 4.9)``, ``NPQ SL 4.9``,
``[NPQEL 2.12]``, ``npqsl 4.9``, ``NPQSL Behaviour 9``, ``(NPQLT, Assessment, 2)``,
``(DfE, 2020, NPQSL 4.9)``, ``NPQSL (DfE, 2020) 4.9``, ``NPQSL §4.9``, ``NPQLT 9.P2.1``,
``NPQSL 4.P2 bullet 3``, ranges ``NPQSL 4.9–4.11`` and lists ``NPQSL 4.9 and 4.10``,
``NPQSL 4.9/4.10``, ``NPQSL statement 2.8``. A bare ``(4.9)`` names no framework: it is
returned with ``framework=None`` unless the caller says which framework is in reach.

Example:
    >>> [c.id for c in find_citations("as NPQ SL 4.9 and 4.10 say")]
    ['NPQSL 4.9', 'NPQSL 4.10']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.frameworks import AREA_ALIASES, AREA_TITLES, FRAMEWORK_NAMES, OTHER_NPQS, area_number

# The letters after "NPQ" in every NPQ's short name (held or not), as a regex alternation.
NPQ_SUFFIXES = r"SL|EL|LT|H|LTD|LBC|ML|EYL|LL|LPM|SENCO"
# "NPQSL", "NPQ SL", "NPQ-SL", "NPQ(SL)", "NPQSL4.9" (no space), and the long names "NPQ for
# Senior Leadership", "National Professional Qualification in Leading Teaching".
_FW = (
    rf"(?:NPQ\s?(?:-\s?|\(\s?)?(?P<fw>{NPQ_SUFFIXES})(?:\s?\))?"
    r"(?![A-Za-z])"
    r"|(?:NPQ|National\s+Professional\s+Qualification)\s+(?:for|in)\s+(?:the\s+)?"
    r"(?P<long>Senior\s+Leadership|Executive\s+Leadership|Leading\s+Teaching|"
    r"Leading\s+Teacher\s+Development|Leading\s+Behaviou?r\s+and\s+Culture|Leading\s+Literacy|"
    r"Early\s+Years\s+Leadership|Leading\s+Primary\s+Math(?:s|ematics)|Headship|"
    r"Special\s+Educational\s+Needs\s+Co-?ordinators?)\b"
    # Other NPQs by their names alone, as a user on those courses writes them ("the leading
    # teacher development framework"): named so that a note can say they are not held.
    r"|(?P<other>Senior\s+Leadership|Executive\s+Leadership|Leading\s+Teaching|"
    r"Leading\s+Teacher\s+Development|Leading\s+Behaviou?r\s+and\s+Culture|"
    r"Leading\s+Literacy|Early\s+Years\s+Leadership|Leading\s+Primary\s+Math(?:s|ematics))"
    r"\s+(?:NPQ|framework|qualification)\b"
    # "SL 4.9", "EL 2.12", "LT 3.P1": the short name alone, in capitals, right before a number.
    r"|(?<![A-Za-z])(?-i:(?P<bare>SL|EL|LT))(?=[\s(,:]{0,3}\d{1,2}\s?(?:\.\s?[Pp]?|[Pp])\s?\d))"
)
_LONG_NAMES = {
    "senior leadership": "NPQSL",
    "executive leadership": "NPQEL",
    "leading teaching": "NPQLT",
    "leading teacher development": "NPQLTD",
    "leading behaviour and culture": "NPQLBC",
    "leading behavior and culture": "NPQLBC",
    "leading literacy": "NPQLL",
    "early years leadership": "NPQEYL",
    "leading primary maths": "NPQLPM",
    "leading primary mathematics": "NPQLPM",
    "headship": "NPQH",
}
# "4.9", "4.P2.3", and "7P3.3" (no dot before the P).
_NUM = (
    r"(?P<area>\d{1,2})(?:\s?\.\s?|\s?(?=[Pp]\s?\d))"
    r"(?P<num>[Pp]\s?\d{1,2}(?:\.\d{1,2})?|\d{1,2})(?![\d%])"
)
_NUM2 = r"(?:(?P<area2>\d{1,2})\.)?(?P<num2>[Pp]?\d{1,2}(?:\.\d{1,2})?)(?![\d%])"
# Between the framework and the number: punctuation and dashes ("NPQSL-4.9"), an opening
# bracket ("NPQSL (4.9)"), a year ("NPQEL (2020) 2.12") and a word ("statement", "section").
_SEP = (
    r"[\s,;:(§#–—-]*(?:(?:DfE|Department\s+for\s+Education)[\s,]*)?"
    r"(?:(?:19|20)\d{2}\)?[\s,;:(§#–—-]*)?"
    r"(?:(?:statements?|stmt|area|section|s\.)\s*)?"
)
_AREA_WORDS = sorted(
    {t for titles in AREA_TITLES.values() for t in titles.values()} | set(AREA_ALIASES),
    key=len,
    reverse=True,
)
_AREA_NAME = "(?P<aname>" + "|".join(re.escape(a) for a in _AREA_WORDS) + ")"

_FW_NUM_RE = re.compile(
    _FW
    + _SEP
    + _NUM
    + r"(?P<more>(?:\s*(?:[–—-]|to)\s*"
    + r"(?:\d{1,2}\.)?[Pp]?\d{1,2}(?:\.\d{1,2})?"
    r"|\s*(?:,|and|&|;|/|or)\s*(?:\d{1,2}\.)[Pp]?\d{1,2}(?:\.\d{1,2})?(?![\d%]))*)",
    re.IGNORECASE,
)
# "NPQSL Behaviour 9", "NPQSL Behaviour P2.1", "NPQSL Behaviour 4.P2.1" (the area's number
# repeated; "NPQSL Behaviour 4.P2.1" had been read as NPQSL 4.4).
_FW_AREA_RE = re.compile(
    _FW
    + r"[\s,;:]+"
    + _AREA_NAME
    + r"[\s,;:]+(?:statement\s*)?(?:(?P<a2>\d{1,2})\s?\.\s?(?=[Pp]?\s?\d))?"
    + r"(?P<n>[Pp]\s?\d{1,2}(?:\.\d{1,2})?|\d{1,2})\b(?!\.\d)",
    re.IGNORECASE,
)
# "NPQSL area 4, statement 9": the framework's own evidence statement number.
_FW_AREA_NUM_RE = re.compile(
    _FW
    + r"[\s,;:]+area\s+(?P<area>\d{1,2})[\s,;:]+(?:evidence\s+)?statement\s+(?P<n>\d{1,2})\b"
    + r"(?!\.\d)",
    re.IGNORECASE,
)
# A bare number is read only where it is clearly a citation: inside brackets, or after
# "statement".
_BARE_RE = re.compile(
    r"(?:(?<=[(\[;,])\s*|(?<=\bstatement\s)|(?<=\bstatements\s)|(?<=\bsee\s))"
    r"(?P<area>\d{1,2})\.(?P<num>[Pp]\d{1,2}(?:\.\d{1,2})?|\d{1,2})"
    r"(?=\s*[)\];,]|\s+(?:and|&)\s|\s*$|\s)",
    re.IGNORECASE,
)
# A number followed by a unit is a quantity: money, times, durations, percentages.
_UNIT_AFTER_RE = re.compile(
    r"\s?(?:%|am\b|pm\b|hours?\b|hrs?\b|minutes?\b|mins?\b|days?\b|weeks?\b|months?\b"
    r"|years?\b|m\b|k\b|per\s?cent)",
    re.IGNORECASE,
)
# A practice heading's bullet written after it: "NPQSL 4.P2 bullet 3", "4.P2, point 3", "4.P2(3)".
_BULLET_AFTER_RE = re.compile(
    r"\s*,?\s*(?:(?:bullet|point|item)\s*(?:point\s*)?(?:no\.?\s*)?(?P<n>\d{1,2})\b(?!\.\d)"
    r"|\((?P<p>\d{1,2})\))",
    re.IGNORECASE,
)
_CANONICAL_RE = re.compile(r"^(NPQ[A-Z]{2,6}) (\d{1,2})\.(\d{1,2}|P\d{1,2}(?:\.\d{1,2})?)$")


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation found in text.

    Attributes:
        raw: The text as written, e.g. ``(NPQSL, 4.9)`` or ``NPQSL 4.9–4.11``.
        start: Offset of ``raw`` in the text.
        end: Offset just past ``raw``.
        framework: ``NPQSL`` etc., or None for a bare number.
        area: The area number.
        number: ``9``, ``P2`` or ``P2.3``.
        known_framework: False for an NPQ whose framework the corpus does not hold (NPQH…).
    """

    raw: str
    start: int
    end: int
    framework: str | None
    area: int
    number: str

    @property
    def id(self) -> str | None:
        """The canonical id, or None when no framework is named."""
        if self.framework is None:
            return None
        return f"{self.framework} {self.area}.{self.number}"

    def with_framework(self, framework: str) -> str:
        """The canonical id this bare citation would have in ``framework``."""
        return f"{framework} {self.area}.{self.number}"

    @property
    def known_framework(self) -> bool:
        """True for the frameworks this corpus holds."""
        return self.framework in FRAMEWORK_NAMES


def _fw(token: str) -> str:
    return "NPQ" + token.upper()


def _fw_of(m: re.Match[str]) -> str:
    """The framework a `_FW` match names, short ("SL") or long ("Senior Leadership")."""
    if m["fw"]:
        return _fw(m["fw"])
    if m["bare"]:
        return _fw(m["bare"])
    name = " ".join((m["long"] or m["other"]).lower().split())
    return _LONG_NAMES.get(name, "NPQSENCO")


def _number(token: str) -> str:
    t = token.replace(" ", "")
    return "P" + t[1:] if t[:1] in "Pp" else str(int(t)) if t.isdigit() else t


def find_citations(text: str) -> list[Citation]:
    """Every citation in ``text``, in order; ranges and lists expanded to one per id.

    Bare numbers are returned with ``framework=None``; see :func:`resolve_bare`.
    """
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _FW_AREA_NUM_RE.finditer(text):
        found.append(
            Citation(m.group(0), m.start(), m.end(), _fw_of(m), int(m["area"]), str(int(m["n"])))
        )
        taken.append((m.start(), m.end()))
    for m in _FW_AREA_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        fw = _fw_of(m)
        area = area_number(fw, m["aname"])
        if area is None or (m["a2"] and int(m["a2"]) != area):
            # "NPQSL Behaviour 5.9": the name and the number disagree; no id is guessed.
            taken.append((m.start(), m.end()))
            continue
        found.append(Citation(m.group(0), m.start(), m.end(), fw, area, _number(m["n"])))
        taken.append((m.start(), m.end()))
    for m in _FW_NUM_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if _UNIT_AFTER_RE.match(text, m.end()) and not (m["more"] or "").strip():
            continue  # "the NPQSL (4.5 hours a week)" is a duration, not a statement
        fw = _fw_of(m)
        area = int(m["area"])
        first = _number(m["num"])
        end = m.end()
        bullet = _BULLET_AFTER_RE.match(text, end) if re.fullmatch(r"P\d+", first) else None
        if bullet and not (m["more"] or "").strip():
            first = f"{first}.{int(bullet['n'] or bullet['p'])}"
            end = bullet.end()
        raw = text[m.start() : end]
        found.append(Citation(raw, m.start(), end, fw, area, first))
        found.extend(_expand_more(m["more"] or "", raw, m.start(), end, fw, area, first))
        taken.append((m.start(), end))
    for m in _BARE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        # Skip money, times, versions: a number followed by a unit or a percent sign.
        if _UNIT_AFTER_RE.match(text, m.end()):
            continue
        found.append(
            Citation(m.group(0), m.start(), m.end(), None, int(m["area"]), _number(m["num"]))
        )
        taken.append((m.start(), m.end()))
    found.sort(key=lambda c: (c.start, c.area, _sort_num(c.number)))
    return found


def _sort_num(number: str) -> tuple[int, int]:
    parts = number.lstrip("P").split(".")
    return (
        int(parts[0]) + (1000 if number.startswith("P") else 0),
        int(parts[1]) if len(parts) > 1 else 0,
    )


def _expand_more(
    more: str, raw: str, start: int, end: int, fw: str, area: int, first: str
) -> list[Citation]:
    out: list[Citation] = []
    prev_area, prev_num = area, first
    for m in re.finditer(r"(?P<op>[–—-]|to|,|and|&|;|/|or)\s*" + _NUM2, more, re.IGNORECASE):
        a = int(m["area2"]) if m["area2"] else prev_area
        n = _number(m["num2"])
        if (
            m["op"] in ("–", "—", "-", "to")
            and n.isdigit()
            and prev_num.isdigit()
            and a == prev_area
        ):
            for k in range(int(prev_num) + 1, min(int(n), int(prev_num) + 30) + 1):
                out.append(Citation(raw, start, end, fw, a, str(k)))
        else:
            out.append(Citation(raw, start, end, fw, a, n))
        prev_area, prev_num = a, n
    return out


def strip_framework_mentions(text: str) -> str:
    """``text`` without the NPQ names in it ("NPQSL", "the NPQ for Headship"), spaces tidied."""
    return " ".join(re.sub(rf"(?:\bthe\s+)?{_FW}", " ", text, flags=re.IGNORECASE).split())


def frameworks_named(text: str) -> set[str]:
    """The NPQ frameworks a text names anywhere ("NPQSL", "NPQ SL", …)."""
    return {_fw_of(m) for m in re.finditer(_FW, text, re.IGNORECASE)}


def resolve_bare(citations: list[Citation], text: str) -> list[Citation]:
    """Give bare numbers the framework in reach: the only one the whole text names.

    A bare number in a text that names no framework, or several, stays ambiguous (framework None).
    """
    named = frameworks_named(text) & set(FRAMEWORK_NAMES)
    if len(named) != 1:
        return citations
    (fw,) = named
    return [
        Citation(c.raw, c.start, c.end, fw, c.area, c.number) if c.framework is None else c
        for c in citations
    ]


def parse_id(text: str) -> str | None:
    """The canonical id if ``text`` is (essentially) one citation, else None.

    >>> parse_id("npq sl 4.p2.3")
    'NPQSL 4.P2.3'
    """
    stripped = text.strip().strip("[]()").strip()
    if _CANONICAL_RE.match(stripped):
        return stripped
    cites = [c for c in find_citations(stripped) if c.framework]
    if len(cites) >= 1 and cites[0].start <= 2 and cites[0].end >= len(stripped) - 2:
        return cites[0].id
    return None


def is_statement_id(text: str) -> bool:
    """True for a canonical framework statement id (not a provider section id)."""
    return bool(_CANONICAL_RE.match(text))


__all__ = [
    "OTHER_NPQS",
    "Citation",
    "find_citations",
    "frameworks_named",
    "is_statement_id",
    "parse_id",
    "resolve_bare",
]
