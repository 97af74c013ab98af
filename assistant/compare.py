"""Framework comparisons: what each NPQ says on a topic, in the same words, its own, or not at all.

Facilitators ask "What does NPQEL add on assessment that NPQSL doesn't?", "Which frameworks
talk about governance?", "does the NPQLT cover behaviour at all?", "NPQEL 4.P1.2 — what is
the NPQSL equivalent?". The brief answers one framework at a time and cannot say what is
shared and what is not (a user test: 5 of 10 such questions failed). Here the topic is
searched in every framework, and each statement found is matched in the others by identical
text (``same_as``, near-identical twins) or as the same point reworded
(`SearchIndex.counterparts`, 0.92 precise on 394 hand-labelled pairs). A statement with no
match is "found only in" its framework: a claim about the text held here, said as such, and
with a warning where that framework's copy of the area stops short of the others'.

    >>> cmp = compare(index, "What does NPQEL add on assessment?")  # doctest: +SKIP
    >>> [f.frameworks for f in cmp.families]                        # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from assistant.brief import cite, letters, quoted
from index.search import (
    SearchIndex,
    frameworks_in_question,
    strip_framework_names,
)
from index.store import STOPWORDS
from ingest.frameworks import AREA_TITLES, FRAMEWORK_NAMES
from ingest.ids import find_citations, without_citations
from ingest.records import Statement

# How much of the topic search is compared (chosen on the design half of
# eval/data/comparison_questions.jsonl; see eval/reports/comparison.md).
MAX_FAMILIES = 8
FAMILY_FLOOR = 0.5  # a point's hit scores at least this share of the top hit's
LONG_TOPIC_WORDS = 5  # a topic this long came from a situation told in sentences
PER_FRAMEWORK = 4  # points at most in which each compared framework appears
AREA_ONLY_SHOWN = 6  # an area's statements no other framework has, quoted in full
WHOLE_ONLY_SHOWN = 8  # an area's statements only one framework has, quoted in a whole comparison
AREA_PAIRS_SHOWN = 4  # …and, asked how they differ, its practice reworded in another framework
_DIFFER_RE = re.compile(r"\bdiffer\w*|\bdifference|\bcontrast\w*|\bhow\s+\w+\s+change", re.I)
NEAREST_SHOWN = 2  # a framework with nothing on the topic: its nearest statements, not cited

# Short names in a comparison ("how is the EL version different from the SL one?").
_SHORT_RE = re.compile(
    r"\b(?P<up>SL|EL|LT)\b"
    r"|\bthe\s+(?P<the>sl|el|lt|exec(?:utive)?)\b"
    r"|\b(?P<one>sl|el|lt|exec(?:utive)?)(?=\s+(?:one|version|framework|npq|course)\b)",
)
_SHORT = {"sl": "NPQSL", "el": "NPQEL", "lt": "NPQLT", "exec": "NPQEL", "executive": "NPQEL"}
# Every framework: "which frameworks…", "all three", "across the NPQs"; not "which NPQ
# statements back me up" or "which framework statement should I cite" (they ask for statements).
_ASKS_FOR_STATEMENTS = (
    r"(?!\s+(?:statements?|points?|bits?|parts?|ideas?|evidence|references?|citations?|"
    r"numbers?|ids?|wording|text|quotes?)\b)"
)
_ALL_RE = re.compile(
    r"\ball\s+(?:three|3|the)\s+(?:npq\s+)?(?:frameworks?|npqs?)\b"
    r"|\ball\s+(?:three|3)\b"
    r"|\b(?:which|each|every|both|either|across|any)\s+(?:of\s+)?(?:the\s+)?"
    rf"(?:npq\s+)?(?:frameworks?|npqs|npq\s+qualifications)\b{_ASKS_FOR_STATEMENTS}"
    rf"|\bwhich\s+(?:npq|framework)\b{_ASKS_FOR_STATEMENTS}",
    re.IGNORECASE,
)
# Words that compare: with two named frameworks they make a comparison, and they are no part of
# its topic.
_COMPARING = (
    r"compar\w*|differ\w*|difference|vs|versus|v|add(?:s|ed)?|extra|beyond|only|same|"
    r"similar\w*|equivalent|counterpart|version|both|unlike|whereas|than|overlap\w*|contrast\w*|"
    r"mirror\w*|match\w*|just|or|identical|share[ds]?|in\s+common|"
    # "between" two NPQs, but not a choice between them ("I am choosing between NPQSL and NPQEL").
    r"(?<!choosing\s)(?<!deciding\s)(?<!picking\s)(?<!torn\s)between"
)
_CUE_RE = re.compile(
    rf"\b(?:{_COMPARING})\b|n[’']t\b|\bnot\b|\b(?:does|do)\s+\S+\s+(?:have|say|cover)\b",
    re.IGNORECASE,
)
# Choosing a course, not comparing what the frameworks say: "which NPQ is right for me?",
# "which NPQ should I do as a head of department?" (the DfE's introduction says who each is for).
_CHOOSING_RE = re.compile(
    r"\bwhich\s+(?:npq|qualification|course|one)s?\b.{0,40}?\b(?:right|best|suit(?:s|able)?|"
    r"should\s+i|do\s+i\s+(?:do|take|choose|pick)|for\s+me|aimed|meant|designed|apply)",
    re.IGNORECASE,
)
# One framework, asked whether it covers a topic at all ("does the NPQLT cover behaviour at all").
_AT_ALL_RE = re.compile(
    r"\b(?:at\s+all|any\s+(?:statements?|mention))\b"
    r"|\b(?:equivalent|counterpart|version)s?\s+(?:in|of)\s+(?:the\s+)?other",
    re.IGNORECASE,
)
# The comparison's own words and the question's frame, taken out of the topic searched.
_NOT_TOPIC_RE = re.compile(
    rf"\b(?:{_COMPARING}|frameworks?|npqs?|qualifications?|all|three|each|every|either|which|"
    r"across|any|one|ones|the|sl|el|lt|exec|executive|at|does|do|doesn[’']t|don[’']t|not|"
    r"say|says|said|cover|covers|mention\w*|talk\w*|include\w*|address\w*|anything|what|how|"
    r"is|are|it|in|of|on|about|and|between|with|to|a|an|there|learn[- ]that|learn[- ]how"
    r"|statements?|area|areas|bit|part|section|whats|what[’']s|spell\w*|out|tell|give|list|"
    r"being|really|actually|else|more|less|new|own|describ\w*|treat\w*|handl\w*|approach\w*|"
    r"deal\w*|put|puts|word\w*|phras\w*|present\w*|frame|frames|framed|"
    # "How does NPQEL's take on behaviour differ from NPQSL's?" (an Ask user test: its topic
    # had read "'s take behaviour 's").
    r"take|takes|view|views|stance|position|perspective|angle|"
    # "The evidence bits look identical but the practice bits seem different", "I need it for
    # my NPQLT assignment" (a seventh Ask user test).
    r"(?:evidence|practice)\s+(?:bits?|statements?|parts?|sides?|sections?)|bits?|look|looks|"
    r"seem|seems|identical|different|i\s+need\s+(?:it|this|them)|assignment|essay|stuff|"
    # A chat's follow-up: "Thanks - can you give me the NPQEL equivalent of the NPQSL statement
    # on feedback?", "and for NPQEL rather than NPQSL - is the statement on high expectations
    # the same number there?" (an eighth Ask user test: "Thanks feedback", "rather high
    # expectations number").
    r"thanks|thank\s+you|cheers|ok|okay|also|please|rather|instead|numbers?|numbered|same|"
    r"equivalents?|counterparts?|versions?|there|can|could|you|me|for|"
    # Frameworks compared as a whole: "What's missing from NPQSL compared with NPQEL?",
    # "what is unique to the NPQEL", "which bits does NPQSL lack?".
    r"missing|lacks?|lacking|absent|omit\w*|leaves?|left|unique|distinct\w*|has|have|"
    # What the comparison is for, and how much of it: "How is the NPQEL different from the
    # NPQSL overall? I need a one-slide summary for my opening session", "what's the main
    # difference in content?", "is it the same text?" (a tenth Ask user test).
    r"overall|in\s+general|generally|broadly|as\s+a\s+whole|whole|main|big(?:gest)?|picture|"
    r"summar\w*|(?:one|1|single)[- ]slide|slides?|sessions?|opening|presentation|content|"
    r"texts?|i\s+need|we\s+need|quick|brief|deciding|choosing|decide|choose|actual|"
    # "what's in NPQEL that isn't in NPQSL" (a ninth Ask user test: its topic had read "'s
    # isn't").
    r"isn[’']t|aren[’']t|wasn[’']t|that|which|"
    # "…compared to the NPQSL? I can't find a behaviour area in the NPQLT at all" (an eleventh
    # Ask user test: compared on "behaviour 't find behaviour").
    r"cannot|find|found|see|seen)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Family:
    """One point on the topic, as each compared framework has it.

    Attributes:
        by_framework: Framework -> its statements making the point (identical duplicates in one
            framework together), for the compared frameworks that have it, in framework order.
        same_words: Every framework that has it says it in the same words.
        score: The best search score of its statements (the order families are shown in).
        typed: Its statement was named by id in the question.
        bullets_elsewhere: For a practice heading a compared framework lacks: (framework, its
            heading, (bullet, its counterpart) pairs) where two or more of the heading's
            bullets are made there under one heading of its own.
    """

    by_framework: tuple[tuple[str, tuple[Statement, ...]], ...]
    same_words: bool
    score: float
    typed: bool = False
    bullets_elsewhere: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()

    @property
    def frameworks(self) -> tuple[str, ...]:
        """The compared frameworks that make this point."""
        return tuple(fw for fw, _ in self.by_framework)

    @property
    def ids(self) -> tuple[str, ...]:
        """Every id of the family, framework by framework."""
        return tuple(s.id for _, ss in self.by_framework for s in ss)


@dataclass(frozen=True, slots=True)
class AreaOverlap:
    """How much of one framework's area the other compared frameworks share.

    Attributes:
        framework: The framework.
        area: Its area number.
        title: The area's title.
        total: Statements in the area (evidence, practice headings and bullets).
        same: Other framework -> how many of them it has in the same words.
        reworded: Other framework -> how many it has in its own words.
        only: The area's statements no other compared framework has, in reading order.
        pairs: The area's practice statements another compared framework has in its own words,
            each with that wording, in reading order (for the first framework compared only, so
            a pair is listed once).
        identical: The area's statements another compared framework has in the same words,
            each with that one's id, in reading order (for the first framework compared only).
    """

    framework: str
    area: int
    title: str
    total: int
    same: tuple[tuple[str, int], ...]
    reworded: tuple[tuple[str, int], ...]
    only: tuple[Statement, ...]
    pairs: tuple[tuple[Statement, Statement], ...] = ()
    identical: tuple[tuple[Statement, Statement], ...] = ()


@dataclass(frozen=True, slots=True)
class Comparison:
    """A comparison of frameworks on a topic.

    Attributes:
        question: As asked.
        frameworks: The frameworks compared, in framework order.
        topic: What was searched (the question without framework names and comparison words).
        families: The points found, best first.
        in_scope: False when the frameworks do not cover the topic at all.
        nearest: Framework -> its nearest statements, for a compared framework none of whose
            statements makes any of the points (shown, not cited).
        notes: What the user should know (a framework's copy of an area that stops short).
        areas: For a question about a whole area, how much of it each framework shares.
        mentions: Framework -> its statements that use the topic's words, for a compared
            framework none of whose statements is among the closest matches (NPQLT has no
            Behaviour area but says "behaviour" in five statements).
        whole: The frameworks compared as a whole, with no topic ("What's in NPQEL that isn't
            in NPQSL?"): ``areas`` holds every area of each, the one asked about first.
    """

    question: str
    frameworks: tuple[str, ...]
    topic: str
    families: tuple[Family, ...]
    in_scope: bool
    nearest: tuple[tuple[str, tuple[Statement, ...]], ...] = ()
    notes: tuple[str, ...] = ()
    areas: tuple[AreaOverlap, ...] = ()
    mentions: tuple[tuple[str, tuple[Statement, ...]], ...] = ()
    whole: bool = False

    @property
    def cited(self) -> tuple[str, ...]:
        """The ids the comparison cites, in the order shown."""
        ids = [i for f in _ordered(self) for i in f.ids]
        ids += [s.id for _, ss in self.mentions for s in ss]
        shown = WHOLE_ONLY_SHOWN if self.whole else AREA_ONLY_SHOWN
        ids += [s.id for a in self.areas for s in a.only[:shown] if s.id not in ids]
        # Pairs are listed when asked for: reworded ones on "differ", identical ones on "which
        # are identical".
        for asked, listed in (
            (_DIFFER_RE, [a.pairs[:AREA_PAIRS_SHOWN] for a in self.areas]),
            (_IDENTICAL_ASKED_RE, [a.identical[:AREA_IDENTICAL_SHOWN] for a in self.areas]),
        ):
            if asked.search(self.question):
                ids += [s.id for pairs in listed for pair in pairs for s in pair if s.id not in ids]
        return tuple(ids)


def _named_short(question: str) -> set[str]:
    found = set()
    for m in _SHORT_RE.finditer(question):
        token = (m["up"] or m["the"] or m["one"]).lower()
        found.add(_SHORT[token])
    return found


def comparison_frameworks(question: str, held: Sequence[str]) -> tuple[str, ...] | None:
    """The frameworks a question asks to compare, in framework order; None if it compares none.

    Two or more named (in full, "NPQ EL", or "the EL one") with a comparison word; "which
    frameworks…" / "all three" (every framework held); or one framework asked whether it
    covers a topic "at all", or for another framework's "equivalent" (that one against the rest).
    Typed ids count as naming their framework.
    """
    typed = {c.framework for c in find_citations(question) if c.framework}
    named = (frameworks_in_question(question) | _named_short(question) | typed) & set(held)
    ordered = tuple(f for f in FRAMEWORK_NAMES if f in held)
    if _CHOOSING_RE.search(question):
        return None  # "which NPQ is right for me?" asks which course to take
    if _ALL_RE.search(question):
        return ordered
    if len(named) >= 2 and _CUE_RE.search(question):
        return tuple(f for f in ordered if f in named)
    if len(named) == 1 and _AT_ALL_RE.search(question):
        return ordered
    return None


# Who is asking, not what is compared: "Im a curriculum lead deciding between NPQLT and
# NPQSL - what's the main difference in content?" (a tenth Ask user test: compared on
# "curriculum lead").
_ASKER_RE = re.compile(
    r"\b(?:i[’']?m|i\s+am)\s+(?:an?|the)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:lead|leader|head|teacher|senco|deputy|director|ceo|principal|manager|mentor|coach|"
    r"facilitator|trainer|governor|participant|ect)s?\b",
    re.IGNORECASE,
)


def comparison_topic(question: str) -> str:
    """The topic of a comparison: its words without framework names, ids and comparing words.

    Read from the sentences that ask, when the question tells more besides ("Which framework
    covers the stuff about pupil motivation and self-regulation? I saw it in my colleague's
    NPQLT notes but want to cite NPQSL.": a fourteenth Ask user test had been shown "pupil
    motivation self-regulation saw colleague's notes want cite").
    """
    asking = [t for t in re.split(r"(?<=[.?!])\s+", question.strip()) if t.endswith("?")]
    if asking and len(asking) < len(re.split(r"(?<=[.?!])\s+", question.strip())):
        topic = _topic_words(" ".join(asking))
        if topic:
            return topic
    return _topic_words(question)


def _topic_words(question: str) -> str:
    text = without_citations(question, filler=" ")
    text = _ASKER_RE.sub(" ", text)
    text = strip_framework_names(text)
    text = _SHORT_RE.sub(" ", text)
    text = re.sub(r"(?<!\w)[’']s\b", " ", text)  # what a framework's name left: "NPQEL's"
    text = re.sub(r"\b\w+n[’']t\b", " ", text)  # "can't", "doesn't": no topic
    text = _NOT_TOPIC_RE.sub(" ", text)
    text = re.sub(r"(?<!\w)[’']s\b", " ", text)  # and what "what's" left
    text = re.sub(r"[^\w’'\-/ ]+", " ", text)
    return " ".join(w for w in text.split() if w.strip("-/’'") and w.lower() not in STOPWORDS)


def _family(
    index: SearchIndex, row: int, compared: Sequence[str], score: float, typed: bool
) -> Family | None:
    """The point made by ``row``, in each compared framework that has it."""
    # Direct relations only: a counterpart's own twins would chain one loose match into
    # another ("reading" → "fluent readers").
    rows = {row, *index.twins(row), *index.counterparts(row)}
    ids: set[str] = set()
    for r in rows:
        ids.add(index.statements[r].id)
        ids.update(index.same_text_ids(r))
    by_fw: dict[str, list[Statement]] = {}
    for sid in ids:
        s = index.by_id.get(sid)
        if s is not None and s.framework in compared:
            by_fw.setdefault(s.framework, []).append(s)
    if not by_fw:
        return None
    # A framework's own statement first: the one found (or the one whose number it shares).
    lead = index.statements[row]
    for ss in by_fw.values():
        ss.sort(key=lambda s: (s.id != lead.id, letters(s.text) != letters(lead.text), s.id))
    # Within a framework, only statements saying the same thing in the same words stay
    # together; a second, different wording would be a second point.
    kept = {
        fw: tuple(s for s in ss if letters(s.text) == letters(ss[0].text))
        for fw, ss in by_fw.items()
    }
    texts = {letters(ss[0].text) for ss in kept.values()}
    return Family(
        tuple((fw, kept[fw]) for fw in FRAMEWORK_NAMES if fw in kept),
        same_words=len(texts) == 1,
        score=score,
        typed=typed,
    )


def compare(
    index: SearchIndex, question: str, frameworks: Sequence[str] | None = None, k: int = 30
) -> Comparison:
    """Compare frameworks on the question's topic (or on the statements it names by id).

    The topic is searched in all frameworks together and in each compared one alone (so each
    framework's own best statements are read, not only the overall top); every hit at
    `FAMILY_FLOOR` of the overall best or above, `PER_FRAMEWORK` per framework at most, is one
    point, matched in the other frameworks.

    Args:
        index: The search index.
        question: The user's question.
        frameworks: The frameworks to compare; default: `comparison_frameworks` of the question
            (every framework held when it names none).
        k: How many hits of the topic search are read.

    Raises:
        QueryError: The question is unusable (empty…).
    """
    held = [f for f in FRAMEWORK_NAMES if f in {s.framework for s in index.statements}]
    compared = tuple(frameworks or comparison_frameworks(question, held) or held)
    typed_rows = [
        r for c in find_citations(question) if c.id and (r := index.row(c.id)) is not None
    ]
    topic = comparison_topic(question)
    families: list[Family] = []
    seen: set[str] = set()

    def add(row: int, score: float, typed: bool) -> None:
        if index.statements[row].id in seen or len(families) >= MAX_FAMILIES:
            return
        fam = _family(index, row, compared, score, typed)
        if fam is None or seen.intersection(fam.ids):
            seen.add(index.statements[row].id)
            return
        seen.update(fam.ids)
        seen.add(index.statements[row].id)
        families.append(fam)

    for r in typed_rows:
        add(r, 1.0, True)
    in_scope = True
    nearest: list[tuple[str, tuple[Statement, ...]]] = []
    mentions: list[tuple[str, tuple[Statement, ...]]] = []
    if typed_rows:
        # Named by id: each compared framework without the point shows its nearest wording.
        for fw in compared:
            if any(fw in f.frameworks for f in families):
                continue
            lead = index.statements[typed_rows[0]]
            found = index.search(lead.text, k=8, framework=fw, read_frameworks=False)
            nearest.append(
                (fw, tuple(h.statement for h in found.hits if h.statement.kind == lead.kind)[:1])
            )
    elif topic:
        result = index.search(topic, k=k, read_frameworks=False)
        if not result.in_scope and len(topic.split()) >= LONG_TOPIC_WORDS:
            # A situation told in sentences reads as one, not as its bag of words: "Our head
            # judges every teacher on one graded lesson observation a year… Compare SL and LT"
            # (an Ask user test) had been judged uncovered as "head judges teacher graded
            # lesson observation year".
            told = index.search(
                strip_framework_names(without_citations(question, filler=" ")),
                k=k,
                read_frameworks=False,
            )
            if told.in_scope:
                result = told
        in_scope = result.in_scope
        hits = [h for h in result.hits if h.statement.kind != "provider_section"]
        if in_scope and hits:
            # One ranking for all (the re-ranker's P is comparable within one search, not
            # across searches filtered to one framework each), read framework by framework.
            floor = FAMILY_FLOOR * hits[0].score
            taken: dict[str, int] = {}
            for h in hits:
                if h.score < floor:
                    break
                fw = h.statement.framework
                row = index.row(h.statement.id)
                if row is None or (fw in compared and taken.get(fw, 0) >= PER_FRAMEWORK):
                    continue
                before = len(families)
                add(row, h.score, False)
                if len(families) > before:
                    for f in families[-1].frameworks:
                        taken[f] = taken.get(f, 0) + 1
            have = {fw for f in families for fw in f.frameworks}
            for fw in compared:
                if fw in have:
                    continue
                said = _mentions(index, topic, fw)
                if said:
                    mentions.append((fw, said))
                    continue
                own = index.search(topic, k=NEAREST_SHOWN * 2, framework=fw, read_frameworks=False)
                near = tuple(
                    h.statement for h in own.hits if h.statement.kind != "provider_section"
                )
                nearest.append((fw, near[:NEAREST_SHOWN]))
    if not typed_rows and not topic and len(compared) >= 2:
        # Two frameworks and nothing to compare them on: the whole of each, area by area
        # ("What's in NPQEL that isn't in NPQSL?" had been asked to name a topic: a ninth Ask
        # user test).
        order = whole_order(question, compared)
        return Comparison(
            question,
            order,
            "",
            (),
            True,
            notes=tuple(_whole_short_notes(index, order)),
            areas=tuple(_whole_overlaps(index, order)),
            whole=True,
        )
    families = [_with_bullets_elsewhere(index, f, compared) for f in families]
    notes = [*_area_notes(index, topic, compared), *_short_notes(index, families, compared)]
    areas = _area_overlaps(index, question, topic, compared) if not typed_rows else ()
    return Comparison(
        question,
        compared,
        topic,
        tuple(families),
        in_scope,
        tuple(nearest),
        tuple(notes),
        tuple(areas),
        tuple(mentions),
    )


def _with_bullets_elsewhere(index: SearchIndex, f: Family, compared: Sequence[str]) -> Family:
    """A heading "found only in" one framework, with its bullets another makes under its own.

    "Compare NPQLT and NPQSL on lesson planning" (a thirteenth Ask user test) had shown NPQSL
    2.P1 and NPQLT 5.P1 each "found only in" its framework, though NPQSL 2.P1.2 and 2.P1.3 are
    NPQLT 5.P1.4 and 5.P1.5 reworded. The headings are not called the same (labellers judge
    such heading pairs related), but the bullets' counterparts are named under them.
    """
    missing = [fw for fw in compared if fw not in f.frameworks]
    heading = f.by_framework[0][1][0]
    if not missing or heading.kind != "practice_heading":
        return f
    bullets = [s for s in index.statements if s.group == heading.id]
    found = []
    for fw in missing:
        pairs: dict[str, list[tuple[str, str]]] = {}
        for b in bullets:
            row = index.row(b.id)
            if row is None:
                continue
            for o in (*index.twins(row), *index.counterparts(row)):
                other = index.statements[o]
                if other.framework == fw and other.group:
                    pairs.setdefault(other.group, []).append((b.id, other.id))
        best = max(pairs.items(), key=lambda kv: len(kv[1]), default=None)
        if best is not None and len(best[1]) >= 2:
            found.append((fw, best[0], tuple(best[1])))
    return replace(f, bullets_elsewhere=tuple(found)) if found else f


def _compared_twins(st: Statement, compared: Sequence[str]) -> tuple[str, ...]:
    """The ids in the other compared frameworks with ``st``'s very words."""
    return tuple(i for i in st.same_as if i.split()[0] in compared and i.split()[0] != st.framework)


MAX_MENTIONS = 6
AREA_IDENTICAL_SHOWN = 12  # statements shared word for word, listed when asked which


def _mentions(index: SearchIndex, topic: str, fw: str) -> tuple[Statement, ...]:
    """``fw``'s statements whose text uses every content word of the topic, in reading order."""
    words = [w for w in re.findall(r"[a-z]+", topic.lower()) if w not in STOPWORDS and len(w) > 2]
    if not words:
        return ()
    stems = [w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words]
    pats = [re.compile(rf"\b{re.escape(st)}", re.IGNORECASE) for st in stems]
    found = [
        s
        for s in index.statements
        if s.framework == fw
        and s.kind != "provider_section"
        and all(p.search(s.text) for p in pats)
    ]
    return tuple(found[:MAX_MENTIONS])


_AREA_WORD_RE = re.compile(r"\b(?:area|section|strand|part)s?\b", re.IGNORECASE)


# Words of area titles that name no topic of their own: "working memory" is not Working in
# Partnership, "school improvement" not School Culture.
_GENERIC_TITLE_WORDS = frozenset({"working", "school", "trust", "pupils", "learn", "practice"})


def _titled_areas(
    index: SearchIndex, topic: str, compared: Sequence[str], *, generic: bool = True
) -> dict[str, list[int]]:
    """Compared framework -> its areas whose title shares a word with the topic.

    With ``generic=False``, a title word that names no topic of its own does not count.
    """
    words = set(re.findall(r"[a-z]+", topic.lower())) - STOPWORDS
    if not generic:
        words -= _GENERIC_TITLE_WORDS
    out: dict[str, list[int]] = {}
    for fw in compared:
        for n, title in AREA_TITLES.get(fw, {}).items():
            if words & set(re.findall(r"[a-z]+", title.lower())) and any(
                s.framework == fw and s.area == n for s in index.statements
            ):
                out.setdefault(fw, []).append(n)
    return out


def _names_an_area(topic: str, compared: Sequence[str]) -> bool:
    """The topic is an area's whole title in every framework compared ("implementation").

    "Compare how the NPQSL and NPQEL describe implementation" had been answered with one
    statement. A topic that is only a word of a title ("governance") stays a topic: listing
    the whole area then cost the comparison set's design half precision (0.753 -> 0.708).
    """
    words = set(re.findall(r"[a-z]+", topic.lower())) - STOPWORDS
    return bool(words) and all(
        any(
            words == set(re.findall(r"[a-z]+", t.lower())) - STOPWORDS
            for t in AREA_TITLES.get(fw, {}).values()
        )
        for fw in compared
    )


_IDENTICAL_ASKED_RE = re.compile(
    r"\b(?:identical|word[- ]for[- ]word|verbatim|the\s+same\s+(?:words|wording|text)|"
    r"in\s+common|overlap\w*)\b",
    re.IGNORECASE,
)


def _area_overlaps(
    index: SearchIndex, question: str, topic: str, compared: Sequence[str]
) -> list[AreaOverlap]:
    """How much of each framework's area the others share, and what only it has.

    For a question about a whole area ("is the implementation area the same in all three?").
    """
    if (
        not _AREA_WORD_RE.search(question)
        and not _names_an_area(topic, compared)
        # Which statements two frameworks share word for word, on a topic an area is titled by
        # ("which statements are identical between npqsl and npqel on school culture", a
        # fifteenth Ask user test, had been given two headings reworded).
        and not _IDENTICAL_ASKED_RE.search(question)
    ):
        return []
    titled = _titled_areas(index, topic, compared)
    if len(titled) < 2:
        return []
    return [
        _overlap(index, fw, n, compared, pairs=fw == compared[0])
        for fw, areas in titled.items()
        for n in areas
    ]


def _overlap(
    index: SearchIndex, fw: str, n: int, compared: Sequence[str], *, pairs: bool
) -> AreaOverlap:
    """How much of ``fw``'s area ``n`` the other compared frameworks share, and what only it has.

    With ``pairs``, its practice statements another framework words its own way are kept too.
    """
    rows = [
        r
        for r, s in enumerate(index.statements)
        if s.framework == fw and s.area == n and s.kind != "provider_section"
    ]
    same: dict[str, int] = {}
    reworded: dict[str, int] = {}
    only: list[Statement] = []
    reworded_pairs: list[tuple[Statement, Statement]] = []
    identical_pairs: list[tuple[Statement, Statement]] = []
    for r in rows:
        fam = _family(index, r, compared, 1.0, False)
        mine = index.statements[r]
        others = [] if fam is None else [(o, ss) for o, ss in fam.by_framework if o != fw]
        for o, ss in others:
            if letters(ss[0].text) == letters(mine.text):
                same[o] = same.get(o, 0) + 1
                if pairs:
                    identical_pairs.append((mine, ss[0]))
            else:
                reworded[o] = reworded.get(o, 0) + 1
                if pairs and mine.kind == "practice":
                    reworded_pairs.append((mine, ss[0]))
        if not others:
            only.append(mine)
    others_fw = [o for o in compared if o != fw]
    return AreaOverlap(
        fw,
        n,
        index.statements[rows[0]].area_title if rows else "",
        len(rows),
        tuple((o, same.get(o, 0)) for o in others_fw),
        tuple((o, reworded.get(o, 0)) for o in others_fw),
        tuple(only),
        tuple(reworded_pairs),
        tuple(identical_pairs),
    )


# What a framework has that another lacks, said of the lacking one: "what's missing from
# NPQSL compared with NPQEL", "what does NPQSL not cover that NPQEL does", "isn't in NPQSL".
_LACKING_RE = re.compile(
    r"\b(?:missing|absent|lacking|left\s+out|omitted)\s+(?:from|in)\s+(?:the\s+)?"
    r"(?P<a>NPQ\s?[SEL][LT])"
    r"|(?:\bnot|n[’']t)\s+(?:\w+\s+)?(?:in|from)\s+(?:the\s+)?(?P<b>NPQ\s?[SEL][LT])"
    r"|\b(?P<c>NPQ\s?[SEL][LT])(?:[’']s)?\s+(?:\w+\s+)?(?:lacks?|leaves?\s+out|misses|omits|"
    r"(?:does|do)\s*(?:not|n[’']t)\s+(?:have|cover|include|say|mention))"
    r"|\b(?:does|do)\s+(?:the\s+)?(?P<d>NPQ\s?[SEL][LT])\s+not\s+(?:have|cover|include|say|mention)",
    re.IGNORECASE,
)


def whole_order(question: str, compared: Sequence[str]) -> tuple[str, ...]:
    """The compared frameworks in the order a whole comparison shows them.

    The framework asked about first ("What's in NPQEL that isn't in NPQSL?": NPQEL's own
    statements first); one said to lack something last; otherwise the order they are named in.
    """
    text = question.upper()
    spots = {
        fw: (m.start() if (m := re.search(fw[:3] + r"\s?" + fw[3:], text)) else len(text))
        for fw in compared
    }
    lacking = {
        re.sub(r"\s", "", next(g for g in m.groups() if g)).upper()
        for m in _LACKING_RE.finditer(question)
    }
    return tuple(sorted(compared, key=lambda fw: (fw in lacking, spots[fw])))


def _whole_overlaps(index: SearchIndex, order: Sequence[str]) -> list[AreaOverlap]:
    """Every area of each compared framework against the others, framework by framework."""
    return [
        _overlap(index, fw, n, order, pairs=False)
        for fw in order
        for n in sorted({s.area for s in index.statements if s.framework == fw and s.area})
    ]


_NO_AREA_NOTE_RE = re.compile(r"^NPQ\w+(?: and NPQ\w+)* (?:has|have) no area on this ")


def _area_notes(index: SearchIndex, topic: str, compared: Sequence[str]) -> Iterator[str]:
    """A compared framework without an area the topic names that others have ("behaviour")."""
    # ("Is the evidence about working memory the same in NPQLT and NPQSL?" had been told
    # "NPQLT has no area on this (NPQSL area 9 is Working in Partnership)".)
    titled = _titled_areas(index, topic, compared, generic=False)
    lacking = [fw for fw in compared if fw not in titled]
    if not titled or not lacking:
        return
    have = "; ".join(
        f"{fw} area {n} is {AREA_TITLES[fw][n]}" for fw, areas in titled.items() for n in areas
    )
    verb = "has" if len(lacking) == 1 else "have"
    line = f"{' and '.join(lacking)} {verb} no area on this ({have})."
    if len(lacking) == 1:
        held = sorted({s.area for s in index.statements if s.framework == lacking[0]})
        titles = AREA_TITLES.get(lacking[0], {})
        line += (
            f" {lacking[0]}'s areas: "
            + ", ".join(f"{n} {titles.get(n, '')}".strip() for n in held)
            + "."
        )
    yield line


def _short_notes(
    index: SearchIndex, families: Sequence[Family], compared: Sequence[str]
) -> Iterator[str]:
    """A compared framework whose copy of an area a point comes from stops short of it."""
    said: set[tuple[str, int]] = set()
    for f in families:
        for fw, ss in f.by_framework:
            for other in compared:
                if other in f.frameworks:
                    continue
                for area in sorted({s.area for s in ss}):
                    short = index.stops_short(other, area)
                    if short is None or (other, area) in said or short[1].framework != fw:
                        continue
                    said.add((other, area))
                    held, last = short
                    yield (
                        f"{other} area {area} stops at {other} {area}.{held} in the text held "
                        f"here, where {fw} area {area} has the same statements and goes on to "
                        f"{last.id}: the {other} source may be missing rows, so points found "
                        f"only in {fw} there may be in the full {other} framework too: check "
                        f"the DfE's {other} document before you write that {other} leaves them "
                        "out."
                    )


def _whole_short_notes(index: SearchIndex, compared: Sequence[str]) -> Iterator[str]:
    """Each compared framework's area that stops short of another's identical one."""
    for other in compared:
        for area in sorted({s.area for s in index.statements if s.framework == other and s.area}):
            short = index.stops_short(other, area)
            if short is None or short[1].framework not in compared:
                continue
            held, last = short
            yield (
                f"{other} area {area} stops at {other} {area}.{held} in the text held here, "
                f"where {last.framework} area {area} has the same statements and goes on to "
                f"{last.id}: the {other} source may be missing rows, so statements found only "
                f"in {last.framework} there may be in the full {other} framework too: check the "
                f"DfE's {other} document before you write that {other} leaves them out."
            )


def _ordered(cmp: Comparison) -> list[Family]:
    """Families as shown: named by id first, then in every framework, then in fewer."""
    n = len(cmp.frameworks)
    order = {fw: i for i, fw in enumerate(cmp.frameworks)}
    return sorted(
        cmp.families,
        key=lambda f: (
            not f.typed,
            0 if f.typed else -len(f.frameworks),
            not f.same_words,
            [order.get(fw, n) for fw in f.frameworks],
        ),
    )


def _quoted(s: Statement) -> str:
    """In quotation marks, with the brief's cut-off mark (NPQSL 5.P1.1 ends mid-sentence)."""
    return f"“{quoted(s)}”"


def _kind(s: Statement) -> str:
    return "evidence" if s.kind == "evidence" else "practice"


def _both(frameworks: Sequence[str]) -> str:
    if len(frameworks) == 2:
        return f"both {frameworks[0]} and {frameworks[1]}"
    return "all of " + ", ".join(frameworks[:-1]) + f" and {frameworks[-1]}"


def comparison_lines(cmp: Comparison) -> Iterator[str]:
    """The comparison as markdown lines (so the UI can stream it)."""
    fws = cmp.frameworks
    names = " and ".join(fws) if len(fws) <= 2 else ", ".join(fws[:-1]) + f" and {fws[-1]}"
    topic = " ".join(dict.fromkeys(cmp.topic.split()))  # a word said twice, shown once
    if not cmp.in_scope:
        yield (
            f"**Comparing {names}:** the frameworks do not cover “{topic}”: no statement in "
            "any of them is close enough to compare."
        )
        return
    if cmp.whole:
        yield from _whole_lines(cmp)
        return
    if not cmp.families:
        yield f"> **Comparing {names}:** name a topic to compare them on, or a statement id."
        return
    about = f" on “{topic}”" if cmp.topic and not all(f.typed for f in cmp.families) else ""
    yield f"**Comparing {names}{about}** (each point found, and where each framework makes it):"
    # A framework without an area on the topic is the headline, not a footnote ("compare npqsl
    # and npqlt on behaviour": a fifteenth Ask user test found it in the last note).
    headline = [n for n in cmp.notes if _NO_AREA_NOTE_RE.search(n)]
    for note in headline:
        yield ""
        yield f"> {note}"
    section = ""
    for f in _ordered(cmp):
        present = f.frameworks
        missing = [fw for fw in fws if fw not in present]
        if len(present) == len(fws):
            head = (
                f"In {_both(present)}, in the same words"
                if f.same_words
                else f"In {_both(present)}, each in its own words"
            )
        else:
            only = " and ".join(present)
            head = f"Found only in {only}" + (
                f" (no statement with the same text or point in {' or '.join(missing)} here)"
                if missing
                else ""
            )
            if len(present) > 1:
                head += ", in the same words" if f.same_words else ", each in its own words"
        if f.typed:
            named = f.by_framework[0][1][0].id
            if missing:
                head = f"{named} — no {' or '.join(missing)} statement matched as the same point"
            else:
                head = f"{named} — {head[0].lower() + head[1:]}"
        if head != section:
            yield ""
            yield f"**{head}:**"
            section = head
        if f.same_words:
            # One quotation per exact text: the same words may be punctuated differently
            # ("assess understanding, and" in NPQLT 5.6), and a user pastes the quotation with
            # the id.
            by_text: dict[str, list[Statement]] = {}
            for _, ss in f.by_framework:
                for st in ss:
                    by_text.setdefault(" ".join(st.text.split()), []).append(st)
            (first, *others) = by_text.values()
            yield f"- {_quoted(first[0])} ({_kind(first[0])}) {cite([s.id for s in first])}"
            for same in others:
                yield (
                    f"  - punctuated differently: {_quoted(same[0])} {cite([s.id for s in same])}"
                )
        else:
            for fw, ss in f.by_framework:
                yield f"- {fw}: {_quoted(ss[0])} ({_kind(ss[0])}) {cite([s.id for s in ss])}"
            if len(f.by_framework) > 1:
                yield ""
        for fw, head_id, pairs in f.bullets_elsewhere:
            made = ", ".join(f"{a} as {b}" for a, b in pairs)
            yield (
                f"  - {fw} has no heading in these words, but makes {len(pairs)} of its points "
                f"under {head_id}: {made}"
            )
    if cmp.areas:
        yield ""
        yield "**Area by area** (every statement of each area, matched in the others):"
        for a in cmp.areas:
            shared = "; ".join(
                f"{o} has {same} in the same words and {dict(a.reworded)[o]} in its own"
                for o, same in a.same
            )
            line = f"- {a.framework} area {a.area} ({a.title}), {a.total} statements: {shared}."
            if a.only:
                line += f" {len(a.only)} with no match in the others"
                line += (
                    ":" if len(a.only) <= AREA_ONLY_SHOWN else f" (the first {AREA_ONLY_SHOWN}):"
                )
            else:
                line += " Every one has a match in the others."
            yield line
            for st in a.only[:AREA_ONLY_SHOWN]:
                yield f"  - {_quoted(st)} ({_kind(st)}) {cite([st.id])}"
            rest = a.only[AREA_ONLY_SHOWN:]
            if rest:
                yield f"  - and {', '.join(st.id for st in rest)}"
            if a.identical and _IDENTICAL_ASKED_RE.search(cmp.question):
                # Which, when asked which are identical (a fifteenth Ask user test).
                shown = a.identical[:AREA_IDENTICAL_SHOWN]
                more = f" (the first {len(shown)})" if len(a.identical) > len(shown) else ""
                yield f"  In the same words in both{more}:"
                for mine, theirs in shown:
                    yield f"  - {_quoted(mine)} ({_kind(mine)}) {cite([mine.id, theirs.id])}"
            if a.pairs and _DIFFER_RE.search(cmp.question):
                # "The evidence bits look identical but the practice bits seem different" (an
                # Ask user test): how each framework words the practice they share.
                shown = a.pairs[:AREA_PAIRS_SHOWN]
                more = f" (the first {AREA_PAIRS_SHOWN})" if len(a.pairs) > len(shown) else ""
                yield f"  The same practice in each framework's words{more}:"
                for mine, theirs in shown:
                    yield (
                        f"  - {_quoted(mine)} {cite([mine.id])} / {_quoted(theirs)} "
                        f"{cite([theirs.id])}"
                    )
    for fw, said in cmp.mentions:
        yield ""
        yield (
            f"**{fw}** has none of the closest matches, but uses the words “{cmp.topic}” in "
            f"passing in {len(said)} statement{'s' if len(said) != 1 else ''}:"
        )
        for st in said:
            # Its words in a compared framework too ("NPQLT 2.4" is NPQSL 1.4 word for word: a
            # fifteenth Ask user test had not been told).
            twins = _compared_twins(st, cmp.frameworks)
            also = f" — the same words as {cite(list(twins))}" if twins else ""
            yield f"- {_quoted(st)} ({_kind(st)}) {cite([st.id])}{also}"
    typed = any(f.typed for f in cmp.families)
    for fw, near in cmp.nearest:
        yield ""
        if typed:
            if near:
                yield (
                    f"**Closest in {fw}** (similar, not matched as the same point: compare the "
                    f"wording before citing it as the equivalent): {_quoted(near[0])} "
                    f"({_kind(near[0])}) {cite([near[0].id])}"
                )
            continue
        line = f"> **{fw}:** none of its statements is among the closest matches"
        if near:
            line += "; its nearest, for reference (not a match): " + "; ".join(
                f"{s.id} “{_clip(s.text)}”" for s in near
            )
        yield line + "."
    for note in cmp.notes:
        if note in headline:
            continue
        yield ""
        yield f"> {note}"
    yield ""
    yield (
        "> How this was compared: the statements nearest your topic in every framework, each "
        "matched in the others by identical text or as the same point reworded. “Found only "
        "in” means no match was found in the text held here; check the wording before you "
        "write that a framework leaves something out."
    )


def _whole_lines(cmp: Comparison) -> Iterator[str]:
    """Frameworks compared whole: for each, what the others share of it and what only it has."""
    fws = cmp.frameworks
    names = " and ".join(fws) if len(fws) <= 2 else ", ".join(fws[:-1]) + f" and {fws[-1]}"
    yield (
        f"**Comparing {names} as a whole** (every statement of each, matched in the "
        f"{'other' if len(fws) == 2 else 'others'} by identical text or as the same point "
        "reworded; ask about a topic or an area to compare them on it):"
    )
    for fw in fws:
        areas = [a for a in cmp.areas if a.framework == fw]
        others = [o for o in fws if o != fw]
        total = sum(a.total for a in areas)
        only = sum(len(a.only) for a in areas)
        against = " or ".join(others)
        yield ""
        yield (
            f"**In {fw} and not in {against}: {only} of its {total} statements**"
            + (" (area by area, in reading order):" if only else ".")
        )
        matched: list[str] = []
        unmatched: list[str] = []
        for a in areas:
            shared = "; ".join(
                f"{o} has {same} in the same words and {dict(a.reworded)[o]} in its own"
                for o, same in a.same
            )
            if not a.only:
                matched.append(f"{a.area} ({a.title}, {a.total} statements: {shared})")
                continue
            if len(a.only) == a.total:
                # NPQLT has no Behaviour area: the area's forty ids would say nothing more.
                unmatched.append(f"{a.area} ({a.title}, {a.total} statements)")
                continue
            yield (
                f"- Area {a.area} ({a.title}), {a.total} statements: {shared}; "
                f"{len(a.only)} only in {fw}:"
            )
            for st in a.only[:WHOLE_ONLY_SHOWN]:
                yield f"  - {_quoted(st)} ({_kind(st)}) {cite([st.id])}"
            rest = a.only[WHOLE_ONLY_SHOWN:]
            if rest:
                yield (
                    f"  - and {', '.join(st.id for st in rest)} (ask about {fw} area {a.area} "
                    "to see them)"
                )
        if unmatched:
            # Counts, not claims a statement could back: said as notes.
            yield ""
            yield (
                f"> {against} has none of the statements of {fw} "
                f"area{'s' if len(unmatched) > 1 else ''} " + "; ".join(unmatched) + ": ask about "
                f"{fw} area {unmatched[0].split()[0]} (or another) to see them."
            )
        if matched:
            # A count, not a claim a statement could back: said as a note.
            yield ""
            yield (
                f"> Every statement has a match in {against} in {fw} "
                f"area{'s' if len(matched) > 1 else ''} " + "; ".join(matched) + "."
            )
    for note in cmp.notes:
        yield ""
        yield f"> {note}"
    yield ""
    yield (
        "> How this was compared: every statement of each framework, matched in the others by "
        "identical text or as the same point reworded. “Only in” means no match was found in "
        "the text held here; check the wording before you write that a framework leaves "
        "something out."
    )


def _clip(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"
