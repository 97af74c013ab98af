"""The introduction of a DfE framework document: who the NPQ is for, how the frameworks are set out.

Before its first area, each DfE framework says what the guidance is, who it is for, the suite
of NPQs with who each is for ("NPQLT – for teachers who have, or are aspiring to have,
responsibilities for leading teaching in a subject, year group, key stage or phase"), what
"Learn that" and "Learn how to" statements are and who reviewed them, the role the NPQ is
for, and how the frameworks are kept up to date. Users ask exactly this ("who is the NPQLT
for?", "what does 'Learn that' mean?", "has the EEF checked the frameworks?").

Only the DfE's own headings open a section: the text is extracted from a PDF, so a line cut by
a page break ("The National Professional Qualifications (NPQs) provide training and support
for") would otherwise pass for a heading. Link lines (the PDF's footnotes) are dropped, and
OCR's bullet "e" is read as a bullet. The framework's title line "This qualification is for…"
becomes a section of its own. Ids are ``<file stem>#<slug>``, as for provider pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.provider import Section, slugify, unique_slugs
from ingest.text_utils import join_lines, normalise_space

# The DfE's headings in the 2020 frameworks' introductions; "The role of executive leader"
# and "Professionals Leading Teaching" name the NPQ's role, so any role is read.
_HEADING_RE = re.compile(
    r"(?:About this guidance|Who is this guidance for\??|Introduction|"
    r"The suite of National Professional Qualifications|"
    r"(?:Reforming|Updating) the National Professional Qualification content frameworks|"
    r"The role of (?:an? |the )?[A-Za-z ]{3,40}|Professionals (?:Leading|in) [A-Za-z ]{3,40})",
    re.IGNORECASE,
)
_LINK_RE = re.compile(r"^\s*(?:https?://|www\.)\S*\s*$")
_FOR_RE = re.compile(r"^\s*This qualification is for\b", re.IGNORECASE)
_OCR_BULLET_RE = re.compile(r"^\s*[eo¢•●▪]\s+(?=[A-Za-z])")
# The framework's title, which follows the introduction ("National Professional Qualification
# (NPQ): Leading Teaching Framework"): no part of the last section.
_TITLE_RE = re.compile(r"^National Professional Qualification \(NPQ\):.*Framework$")
MIN_SECTION_CHARS = 80
SAME_DICE = 0.9  # a paragraph sharing this much of its words with one read is the same
CHUNK_CHARS = 900
_SUITE_ITEM_RE = re.compile(
    r"^•\s*National Professional Qualification (?:for|in) [^(]{3,60}\((?P<short>NPQ[A-Z]{1,5})\)"
)


def parse_intro(
    text: str, stop_line: int, *, seen: list[frozenset[str]] | None = None
) -> list[Section]:
    """The introduction's sections, in reading order (lines before ``stop_line``, 1-based).

    A section shorter than ``MIN_SECTION_CHARS`` (a heading left alone by a page break) is
    dropped; the "This qualification is for…" sentence is kept whatever its length.

    Args:
        text: The framework document's text.
        stop_line: Where its first area starts.
        seen: The word sets of paragraphs read in other frameworks' introductions, added to
            here. Every DfE framework opens with much the same introduction: a paragraph said
            (nearly) word for word in one read already is left out, so that an answer does not
            list it twice ("The suite of National Professional Qualifications").
    """
    seen = [] if seen is None else seen
    lines = text.split("\n")[: max(0, stop_line - 1)]
    sections: list[Section] = []
    title: str | None = None
    body: list[str] = []
    first = 1

    def close(last: int) -> None:
        nonlocal body
        if title is not None:
            content = "\n".join(body).strip()
            paragraphs = [join_lines(p.split("\n")) for p in re.split(r"\n\s*\n", content)]
            kept = []
            for p in _mend_page_breaks(paragraphs):
                words = frozenset(re.findall(r"\w+", p.lower()))
                if (
                    p
                    and not _TITLE_RE.match(p)
                    and not any(_dice(words, w) >= SAME_DICE for w in seen)
                ):
                    seen.append(words)
                    kept.append(p)
            sections.extend(_chunks(title, kept, first, last))
        body = []

    lines = [ln.replace("\f", "") for ln in lines]  # a PDF's page breaks
    skip = 0
    for i, raw in enumerate(lines, start=1):
        if skip:
            skip -= 1
            continue
        line = raw.strip()
        if _LINK_RE.match(line):
            continue
        # A heading, or one a PDF's line width broke in two ("Reforming the National
        # Professional Qualification content" / "frameworks").
        two = normalise_space(f"{line} {lines[i].strip()}") if i < len(lines) else ""
        if _HEADING_RE.fullmatch(normalise_space(line)) or (
            line and two != line and _HEADING_RE.fullmatch(two)
        ):
            close(i - 1)
            whole = _HEADING_RE.fullmatch(normalise_space(line))
            title, first = (normalise_space(line) if whole else two).rstrip(), i
            skip = 0 if whole else 1
            continue
        if _FOR_RE.match(line):
            close(i - 1)
            sentence = [line] + [
                ln.strip() for ln in lines[i : i + 3] if ln.strip() and not _ends(line)
            ]
            said = _first_sentence(join_lines(sentence))
            sections.append(
                Section(
                    "who-this-qualification-is-for", "Who this qualification is for", said, i, i
                )
            )
            title = None
            continue
        body.append(_OCR_BULLET_RE.sub("• ", raw))
    close(len(lines))
    return unique_slugs(sections)


def _chunks(title: str, paragraphs: Sequence[str], first: int, last: int) -> list[Section]:
    """A section's paragraphs in pieces of at most ``CHUNK_CHARS`` characters.

    The embedding model reads about 256 words of a text; "The suite of NPQs" runs to 2,000
    characters, and who the NPQLT is for comes at its end. Each NPQ of the suite ("• National
    Professional Qualification for Leading Teaching (NPQLT) – for teachers who…") is a section
    of its own: "Who the NPQLT is for".
    """
    out: list[Section] = []
    piece: list[str] = []

    def flush() -> None:
        text = "\n\n".join(piece)
        if len(text) >= MIN_SECTION_CHARS:
            out.append(Section(slugify(title), title, text, first, last))
        piece.clear()

    for p in paragraphs:
        npq = _SUITE_ITEM_RE.match(p)
        if npq:
            flush()
            name = npq["short"].upper()
            out.append(
                Section(
                    f"who-the-{name.lower()}-is-for",
                    f"Who the {name} is for",
                    p.lstrip("• "),
                    first,
                    last,
                )
            )
            continue
        if piece and len("\n\n".join([*piece, p])) > CHUNK_CHARS:
            flush()
        piece.append(p)
    flush()
    return out


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def _ends(line: str) -> bool:
    return line.rstrip().endswith(".")


def _first_sentence(text: str) -> str:
    m = re.match(r"(.+?\.)(?:\s|$)", text)
    return m.group(1) if m else text


def _mend_page_breaks(paragraphs: Sequence[str]) -> list[str]:
    """Join a paragraph cut by a page break to the next ("…should be" + "supported to…")."""
    out: list[str] = []
    for p in paragraphs:
        if out and out[-1] and not re.search(r"[.:;!?)”\"]$", out[-1]) and p[:1].islower():
            out[-1] = f"{out[-1]} {p}"
        else:
            out.append(p)
    return out
