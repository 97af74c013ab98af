"""Citation ids in the many spellings users type, parsed back to canonical ids.

Canonical forms: ``NPQSL 4.9`` (evidence), ``NPQSL 4.P2`` (practice heading), ``NPQSL 4.P2.3``
(practice bullet). Recognised in text: ``(NPQSL 4.9)``, ``(NPQSL, 4.9)``, ``NPQ SL 4.9``,
``[NPQEL 2.12]``, ``npqsl 4.9``, ``NPQSL Behaviour 9``, ``(NPQLT, Assessment, 2)``,
``(DfE, 2020, NPQSL 4.9)``, ``NPQSL (DfE, 2020) 4.9``, ``NPQSL §4.9``, ``NPQLT 9.P2.1``,
``NPQSL 4.P2 bullet 3``, ranges ``NPQSL 4.9–4.11`` and lists ``NPQSL 4.9 and 4.10``,
``NPQSL 4.9/4.10``, ``NPQSL statement 2.8``; bullet ranges and lists ``NPQSL 4.P2.1-3``,
``NPQSL 4.P2.1, .2 and .3``, ``NPQSL 2.P3 bullets 2 and 4``, ``NPQSL 4.P2(iii)``; two
frameworks sharing a number ``NPQSL/NPQEL 2.12``; typos ``NPQSL 4,9``, ``NPSQL 4.9``
(not ``4:9``: "NPQEL 1:1 coaching"). A number glued to a letter or a third number ("4.1O",
"4.9.21") is no id, nor one after a comma in a bracket of other things. A
bare ``(4.9)`` names no framework: it is returned with ``framework=None`` unless the caller
says which framework is in reach; a bare practice id ("8.P3.2") is read anywhere.

Example:
    >>> [c.id for c in find_citations("as NPQ SL 4.9 and 4.10 say")]
    ['NPQSL 4.9', 'NPQSL 4.10']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.frameworks import AREA_ALIASES, AREA_TITLES, FRAMEWORK_NAMES, OTHER_NPQS, area_number

# The letters after "NPQ" in every NPQ's short name (held or not), as a regex alternation.
NPQ_SUFFIXES = r"SL|EL|LT|H|LTD|LBC|ML|EYL|LL|LPM|SENCO"


def _swaps(name: str) -> list[str]:
    return [name[:i] + name[i + 1] + name[i] + name[i + 2 :] for i in range(len(name) - 1)]


# A held framework's name with two neighbouring letters swapped ("NPSQL 4.9", "NPQTL 7.3").
_TYPOS: dict[str, str] = {
    typo: name for name in ("NPQSL", "NPQEL", "NPQLT") for typo in _swaps(name) if typo != name
}
# "NPQSL", "NPQ SL", "NPQ-SL", "NPQ(SL)", "NPQSL4.9" (no space), and the long names "NPQ for
# Senior Leadership", "National Professional Qualification in Leading Teaching".
_FW = (
    rf"(?:NPQ\s?(?:-\s?|\(\s?)?(?P<fw>{NPQ_SUFFIXES})(?:\s?\))?"
    r"(?![A-Za-z])"
    # Two letters swapped, as typed in a hurry ("NPSQL", "NPQTL"): none is another NPQ.
    rf"|(?P<typo>{'|'.join(_TYPOS)})(?![A-Za-z])"
    r"|(?:NPQ|National\s+Professional\s+Qualification)\s+(?:(?:specifically\s+|just\s+|"
    r"aimed\s+at\s+|designed\s+)?(?:for|in)\s+)?(?:the\s+)?"
    # "Is there an NPQ specifically for early years leaders?" (a blind batch): the NPQEYL.
    r"(?P<long>Early\s+Years(?:\s+Leader(?:ship|s))?|Senior\s+Leader(?:ship|s)|Executive\s+Leader(?:ship|s)|Leading\s+Teaching|"
    r"Leading\s+Teacher\s+Development|Leading\s+Behaviou?r\s+and\s+Culture|Leading\s+Literacy|"
    r"Early\s+Years\s+Leadership|Leading\s+Primary\s+Math(?:s|ematics)|Headship|"
    r"Special\s+Educational\s+Needs\s+Co-?ordinators?)\b"
    # Other NPQs by their names alone, as a user on those courses writes them ("the leading
    # teacher development framework"): named so that a note can say they are not held.
    r"|(?P<other>Senior\s+Leadership|Exec(?:utive)?\s+Leadership|Leading\s+Teaching|"
    r"Leading\s+Teacher\s+Development|Leading\s+Behaviou?r\s+and\s+Culture|"
    r"Leading\s+Literacy|Early\s+Years\s+Leadership|Leading\s+Primary\s+Math(?:s|ematics))"
    r"(?:\s+(?:NPQs?|frameworks?|qualifications?)\b"
    # …or the first of two named together: "between the senior leadership and executive
    # leadership frameworks" (a ninth Ask user test: no comparison had been read).
    r"|(?=\s+(?:and|or|vs\.?|versus|&)\s+(?:the\s+)?(?:Senior\s+Leadership|"
    r"Exec(?:utive)?\s+Leadership|Leading\s+Teaching)\s+(?:NPQs?|frameworks?|qualifications?)\b))"
    # "SL 4.9", "EL 2.12", "LT 3.P1": the short name alone, in capitals, right before a number.
    r"|(?<![A-Za-z])(?-i:(?P<bare>SL|EL|LT))(?=[\s(,:]{0,3}\d{1,2}\s?(?:\.\s?[Pp]?|[Pp])\s?\d))"
)
_LONG_NAMES = {
    "senior leadership": "NPQSL",
    "senior leaders": "NPQSL",
    "executive leadership": "NPQEL",
    "exec leadership": "NPQEL",
    "executive leaders": "NPQEL",
    "leading teaching": "NPQLT",
    "leading teacher development": "NPQLTD",
    "leading behaviour and culture": "NPQLBC",
    "leading behavior and culture": "NPQLBC",
    "leading literacy": "NPQLL",
    "early years leadership": "NPQEYL",
    "early years leaders": "NPQEYL",
    "early years": "NPQEYL",
    "leading primary maths": "NPQLPM",
    "leading primary mathematics": "NPQLPM",
    "headship": "NPQH",
}
# "4.9", "4.P2.3", "7P3.3" (no dot before the P), "4.P.2.3", "4 P2 3", and the typos "4..9"
# and "4,9" (no space: "NPQSL 4, 9" may be two areas; "4:9" is not read: "NPQEL 1:1
# coaching"). A number glued to a letter or to a third number is no id: "NPQSL 4.1O" is not
# 4.1, "NPQSL 4.9.21" is a date.
_NUM = (
    r"(?P<area>\d{1,2})(?:\s?\.\s?\.?|,(?=\d{1,2}(?!\d|[,:.]\d))|\s?(?=[Pp]\s?\.?\s?\d))"
    r"(?P<num>[Pp]\s?\.?\s?\d{1,2}(?:\.\d{1,2}|\s\d{1,2}(?=[\s)\],;]|\.(?!\d)|$))?(?!\.?\d)"
    r"|\d{1,2}(?!\.?\d))(?![\d%A-Za-z])"
)
# What may follow a bare number in a list ("NPQSL 4.9, 10 and 12 were…"), so that "NPQSL 4.9
# or 10 pupils" is not read as 4.10.
_LIST_END = (
    r"(?=\s*(?:[,;)\]]|\.(?!\d)|and\b|&|or\b|$)|\s+(?:were|are|is|was|say|says|said|show|"
    r"shows|support|supports|cover|covers|also|both|all)\b)"
)
_NUM2 = (
    r"(?:(?:(?P<area2>\d{1,2})\.)?(?P<num2>[Pp]\d{1,2}(?:\.\d{1,2})?|\d{1,2}\.\d{1,2})"
    r"|(?P<bare2>\d{1,2})|\.(?P<elided>\d{1,2}))(?![\d%A-Za-z])"
)
# Between the framework and the number: punctuation and dashes ("NPQSL-4.9"), an opening
# bracket ("NPQSL (4.9)"), a year ("NPQEL (2020) 2.12") and a word ("statement", "section").
_SEP = (
    r"[\s,;:(§#–—-]*(?:(?:DfE|Department\s+for\s+Education)[\s,]*)?"
    r"(?:(?:19|20)\d{2}\)?[\s,;:(§#–—-]*)?"
    r"(?:(?:statements?|stmt|area|section|s\.|para(?:graph)?\.?)\s*)?"
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
    # What follows: ranges ("–4.11", "-3", "through 6.3"), ids in a list (", 4.10", "/4.10",
    # "; NPQ-less 5.1"), a bullet list with its heading left out (", .2 and .3") and bare
    # numbers in a list that ends like one (", 10 and 12 were").
    + r"(?P<more>(?:[–—-]\d{1,2}(?![\d%A-Za-z]|\.[\dPp])"  # "4.9-11", "4.P2.1-3"
    + r"|\s*(?:[–—-]|to|through)\s*"
    + r"(?:(?:\d{1,2}\.)?[Pp]\d{1,2}(?:\.\d{1,2})?|\d{1,2}\.\d{1,2}|\d{1,2}(?![\d%]|\.[\dPp])"
    + _LIST_END
    + r")(?![\d%A-Za-z])"
    r"|\s*(?:,|and|&|;|/|or)\s*(?:\d{1,2}\.)[Pp]?\d{1,2}(?:\.\d{1,2})?(?![\d%A-Za-z]|\.\d)"
    r"|\s*(?:,|and|&)\s*\.\d{1,2}(?![\d%A-Za-z]|\.\d)"
    r"|\s*(?:,|and|&)\s*\d{1,2}(?![\d%A-Za-z]|\.[\dPp])" + _LIST_END + r")*)",
    re.IGNORECASE,
)
# "NPQSL Behaviour 9", "NPQSL Behaviour P2.1", "NPQSL Behaviour 4.P2.1" (the area's number
# repeated; "NPQSL Behaviour 4.P2.1" had been read as NPQSL 4.4).
_FW_AREA_RE = re.compile(
    _FW
    + r"[\s,;:(]+"
    + _AREA_NAME
    + r"\)?[\s,;:]+(?:statement\s*)?(?:(?P<a2>\d{1,2})\s?\.\s?(?=[Pp]?\s?\d))?"
    + r"(?P<n>[Pp]\s?\d{1,2}(?:\.\d{1,2})?|\d{1,2})\b(?!\.\d)",
    re.IGNORECASE,
)
# "NPQSL area 4, statement 9": the framework's own evidence statement number; "NPQSL, area 4,
# practice 2, bullet 3": a practice heading and its bullet.
_FW_AREA_NUM_RE = re.compile(
    _FW
    + r"[\s,;:]+area\s+(?P<area>\d{1,2})[\s,;:]+(?:(?:evidence\s+)?statement\s+(?P<n>\d{1,2})"
    + r"|practice(?:\s+heading)?\s+(?P<p>\d{1,2})(?:[\s,;:]+bullet\s+(?P<b>\d{1,2}))?)\b"
    + r"(?!\.\d)",
    re.IGNORECASE,
)
# Two frameworks sharing one number: "NPQSL & NPQEL 4.9", "NPQSL/NPQEL 2.12" (the number is
# read after the second; this finds the first).
_FW_BEFORE_RE = re.compile(r"(?:" + _FW + r")\s*(?:&|/|and|or)\s*$", re.IGNORECASE)
# A bare number is read only where it is clearly a citation: inside brackets, or after
# "statement"; a practice id ("8.P3.2") anywhere, as nothing else is written so.
_BARE_RE = re.compile(
    r"(?:(?<=[(\[;,])\s*|(?<=\bstatement\s)|(?<=\bstatements\s)|(?<=\bsee\s))"
    r"(?P<area>\d{1,2})\.(?P<num>[Pp]\d{1,2}(?:\.\d{1,2})?|\d{1,2})"
    r"(?=\s*[)\];,]|\s+(?:and|&)\s|\s*$|\s)"
    r"|(?<![\w.])(?P<parea>\d{1,2})\.(?P<pnum>[Pp]\d{1,2}(?:\.\d{1,2})?)(?![\w%]|\.\d)",
    re.IGNORECASE,
)
# A number followed by a unit is a quantity: money, times, durations, percentages.
_UNIT_AFTER_RE = re.compile(
    r"\s?(?:%|am\b|pm\b|hours?\b|hrs?\b|minutes?\b|mins?\b|days?\b|weeks?\b|months?\b"
    r"|years?\b|m\b|k\b|per\s?cent)",
    re.IGNORECASE,
)
# A practice heading's bullet written after it: "NPQSL 4.P2 bullet 3", "4.P2, point 3",
# "4.P2(3)", "4.P2(iii)", and several: "4.P2 bullets 2 and 4", "bullets 1-3".
_BULLET_AFTER_RE = re.compile(
    r"\s*,?\s*(?:(?:bullet|point|item)s?\s*(?:point\s*)?(?:no\.?\s*)?(?P<n>\d{1,2})"
    r"(?P<nmore>(?:\s*(?:,|and|&|[–—-]|to)\s*\d{1,2})*)\b(?!\.\d)"
    r"|\((?P<p>\d{1,2}|i{1,3}|iv|vi{0,3}|ix|x)\))",
    re.IGNORECASE,
)
_ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
}
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
    if m["typo"]:
        return _TYPOS[m["typo"].upper()]
    name = " ".join((m["long"] or m["other"]).lower().split())
    return _LONG_NAMES.get(name, "NPQSENCO")


def _number(token: str) -> str:
    """``9``, ``P2`` or ``P2.3`` from a number as typed ("09", "p 2", "P.2.3", "P2 3")."""
    t = token.strip()
    if t[:1] in "Pp":
        parts = re.findall(r"\d+", t)
        return "P" + ".".join(str(int(x)) for x in parts)
    return str(int(t)) if t.isdigit() else t


def find_citations(text: str) -> list[Citation]:
    """Every citation in ``text``, in order; ranges and lists expanded to one per id.

    Bare numbers are returned with ``framework=None``; see :func:`resolve_bare`.
    """
    found: list[Citation] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _FW_AREA_NUM_RE.finditer(text):
        if m["n"]:
            number = str(int(m["n"]))
        else:
            number = f"P{int(m['p'])}" + (f".{int(m['b'])}" if m["b"] else "")
        found.append(Citation(m.group(0), m.start(), m.end(), _fw_of(m), int(m["area"]), number))
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
        more = m["more"] or ""
        if bullet and not more.strip():
            n = bullet["n"] or bullet["p"]
            heading, first = first, f"{first}.{_ROMAN.get(n.lower()) or int(n)}"
            end = bullet.end()
            more = (bullet["nmore"] or "").replace(" ", "")
            more = re.sub(r"(\d+)", rf"{area}.{heading}.\1", more)  # "and 4" → "and 4.P3.4"
        raw = text[m.start() : end]
        cites = [Citation(raw, m.start(), end, fw, area, first)]
        cites += _expand_more(more, raw, m.start(), end, fw, area, first)
        pair = _FW_BEFORE_RE.search(text, max(0, m.start() - 60), m.start())
        if pair and _fw_of(pair) != fw:
            other = _fw_of(pair)
            raw2 = text[pair.start() : end]
            found += [Citation(raw2, pair.start(), end, other, c.area, c.number) for c in cites]
        found += cites
        taken.append((m.start(), end))
    for m in _BARE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if m["area"] and not _in_a_citation_list(text, m.start()):
            continue
        # Skip money, times, versions: a number followed by a unit or a percent sign.
        if _UNIT_AFTER_RE.match(text, m.end()):
            continue
        b_area, b_num = (m["area"], m["num"]) if m["area"] else (m["parea"], m["pnum"])
        found.append(Citation(m.group(0), m.start(), m.end(), None, int(b_area), _number(b_num)))
        taken.append((m.start(), m.end()))
    found.sort(key=lambda c: (c.start, c.area, _sort_num(c.number)))
    return found


# Words a bracket may hold before a bare number that is a citation: "(see 4.9)", "(DfE, 2020,
# 4.9)", "(statements 4.9 and 4.10)".
_CITING_TEXT = "see also cf e g eg and or statement statements dfe department for education p pp"
_CITING_WORDS = frozenset(_CITING_TEXT.split())


def _in_a_citation_list(text: str, start: int) -> bool:
    """Whether a bare number after a bracket, comma or semicolon is a citation.

    After "(" or "[": yes. After a comma or semicolon: only inside a bracket that holds
    nothing but citing words and numbers before it ("(DfE, 2020, 4.9)", "(4.9; 4.10)"), or
    straight after another number outside one ("…4.9, 4.10"). "(Sessions 5.1, 5.2 and 5.3)"
    and "(mean rating 2.3 out of 5 before, 3.4 after)" hold other numbers.
    """
    before = text[max(0, start - 120) : start].rstrip()
    if before.endswith(("(", "[")) or not before.endswith((",", ";")):
        return True
    opened = max(before.rfind("("), before.rfind("["))
    closed = max(before.rfind(")"), before.rfind("]"))
    if opened > closed:
        words = re.findall(r"[A-Za-z]+", before[opened + 1 :])
        return all(w.lower() in _CITING_WORDS or w.upper().startswith("NPQ") for w in words)
    return bool(re.search(r"\d[)\]]?[,;]$", before))


def _sort_num(number: str) -> tuple[int, int]:
    parts = number.lstrip("P").split(".")
    return (
        int(parts[0]) + (1000 if number.startswith("P") else 0),
        int(parts[1]) if len(parts) > 1 else 0,
    )


def _expand_more(
    more: str, raw: str, start: int, end: int, fw: str, area: int, first: str
) -> list[Citation]:
    """The ids after the first: a list's items and every id a range spans.

    A number without its area is the previous id's sibling: after a bullet ("4.P2.1-3",
    "4.P2.1, .2 and .3") a bullet of the same heading, after an evidence statement ("4.9, 10
    and 12") a statement of the same area. A range spans only ids of one kind and one area
    (one heading for bullets): "4.P2.1–4.P2.3" is three bullets, "4.20-5.2" its two ends.
    """
    out: list[Citation] = []
    prev_area, prev_num = area, first
    ops = r"(?P<op>[–—-]|to|through|,|and|&|;|/|or)\s*"
    for m in re.finditer(ops + _NUM2, more, re.IGNORECASE):
        if m["num2"]:
            a = int(m["area2"]) if m["area2"] else prev_area
            n = _number(m["num2"]) if m["num2"][:1] in "Pp" else m["num2"]
            if "." in n and not n.startswith("P"):  # "4.10" written in full
                a, n = int(n.split(".")[0]), str(int(n.split(".")[1]))
        else:
            a = prev_area
            k = int(m["bare2"] or m["elided"])
            n = f"{prev_num.rsplit('.', 1)[0]}.{k}" if "." in prev_num else str(k)
            if prev_num.startswith("P") and "." not in prev_num:
                n = str(k)  # after a heading ("4.P2, 3") a bare number is no bullet of it
        span = _sibling_range(prev_num, n) if a == prev_area else None
        if m["op"].lower() in ("–", "—", "-", "to", "through") and span is not None:
            lo, hi = span
            stem = n.rsplit(".", 1)[0] + "." if "." in n else "P" if n.startswith("P") else ""
            for k in range(lo + 1, min(hi, lo + 30) + 1):
                out.append(Citation(raw, start, end, fw, a, f"{stem}{k}"))
        else:
            out.append(Citation(raw, start, end, fw, a, n))
        prev_area, prev_num = a, n
    return out


def _sibling_range(a: str, b: str) -> tuple[int, int] | None:
    """The last numbers of two ids of one kind and one heading ("P2.1", "P2.3" → 1, 3)."""
    pa, pb = a.rsplit(".", 1), b.rsplit(".", 1)
    if len(pa) != len(pb) or (len(pa) == 2 and pa[0] != pb[0]):
        return None
    la, lb = pa[-1].lstrip("P"), pb[-1].lstrip("P")
    if a.startswith("P") != b.startswith("P") or not (la.isdigit() and lb.isdigit()):
        return None
    return int(la), int(lb)


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


def without_citations(
    text: str, citations: Sequence[Citation] | None = None, filler: str = ""
) -> str:
    """``text`` with each citation's span cut out (``filler`` in its place).

    The ids of one list ("NPQSL 8.7, 8.8") share one span, which is cut once: cut once per id,
    the second cut took the words after it.
    """
    found = find_citations(text) if citations is None else citations
    for start, end in sorted({(c.start, c.end) for c in found}, reverse=True):
        text = text[:start] + filler + text[end:]
    return text


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
    "without_citations",
]
