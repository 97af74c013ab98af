"""The one record every stage shares: a `Statement`, and its provenance.

Citation ids (the contract every part of the product shares):

* ``NPQSL 4.9``    area 4, evidence statement ("Learn that…") 9, the framework's own number;
* ``NPQSL 4.P2``   the 2nd practice heading ("Learn how to…") of area 4, in reading order;
* ``NPQSL 4.P2.3`` the 3rd bullet under that heading;
* ``provider-olp-npqsl-international#what-does-it-cost``  a section of a provider or legacy
  document: ``<source file stem>#<section slug>``. It contains ``#`` and no space, so it can
  never be read as a framework statement id.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["evidence", "practice_heading", "practice", "provider_section"]
KINDS: tuple[Kind, ...] = ("evidence", "practice_heading", "practice", "provider_section")
FRAMEWORKS: tuple[str, ...] = ("NPQSL", "NPQEL", "NPQLT")

STATEMENT_ID_RE = re.compile(r"^(NPQ[A-Z]{2,3}) (\d{1,2})\.(\d{1,2}|P\d{1,2}(?:\.\d{1,2})?)$")
SECTION_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*#[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where a statement's text was read: a corpus file and a 1-based line (or page) span."""

    file: str
    start: int
    end: int
    unit: Literal["line", "page"] = "line"

    def __str__(self) -> str:
        span = f"{self.start}" if self.start == self.end else f"{self.start}-{self.end}"
        return f"{self.file}:{self.unit[0]}{span}"


@dataclass(frozen=True, slots=True)
class Statement:
    """One citable unit: a framework statement, practice heading or bullet, or provider section.

    Attributes:
        id: The citation id (see the module docstring).
        framework: ``NPQSL``, ``NPQEL``, ``NPQLT``, or ``""`` for provider sections.
        version: Framework edition, e.g. ``October 2020``; for provider sections the document's.
        area: Area number (1-10); 0 for provider sections.
        area_title: E.g. ``Behaviour``; for provider sections the document title.
        kind: ``evidence``, ``practice_heading``, ``practice`` or ``provider_section``.
        group: The id of the practice heading a bullet sits under; ``""`` otherwise.
        number: The part of the id after the area: ``9``, ``P2``, ``P2.3``, or the section slug.
        text: The exact statement text (for a provider section, its whole body).
        title: A provider section's heading; ``""`` for framework statements.
        publisher: Who published the source the text comes from.
        sources: Every place the text was found, best first.
        repairs: Human-readable notes on every repair made to the text.
        repaired_from: The id whose text completed a cut-off statement, if any.
        same_as: Ids in other frameworks with identical text.
        incomplete: True when the text is known to be cut off and could not be completed.
        source_kind: For a section, the reader of its document in the corpus manifest:
            ``provider-page``, ``legacy-programme``, or ``dfe-framework`` (a DfE framework's
            introduction: who the NPQ is for, not how a course runs); ``""`` for statements.
    """

    id: str
    framework: str
    version: str
    area: int
    area_title: str
    kind: Kind
    group: str
    number: str
    text: str
    title: str = ""
    publisher: str = ""
    sources: tuple[SourceRef, ...] = ()
    repairs: tuple[str, ...] = ()
    repaired_from: str | None = None
    same_as: tuple[str, ...] = ()
    incomplete: bool = False
    source_kind: str = ""

    @property
    def is_course_page(self) -> bool:
        """A provider's or the old programme's page (cost, delivery, dates), not DfE text."""
        return self.kind == "provider_section" and self.source_kind != "dfe-framework"

    @property
    def is_superseded(self) -> bool:
        """A page of the pre-2021 programme: its modules and assessment are not today's."""
        return self.kind == "provider_section" and (
            "superseded" in self.area_title.lower() or self.version.startswith("pre-2021")
        )

    def to_json(self) -> dict[str, object]:
        """Return a JSON-ready dict (the jsonl row of ``npq statements`` and the store)."""
        return {
            "id": self.id,
            "framework": self.framework,
            "version": self.version,
            "area": self.area,
            "area_title": self.area_title,
            "kind": self.kind,
            "group": self.group,
            "number": self.number,
            "text": self.text,
            "title": self.title,
            "publisher": self.publisher,
            "sources": [str(s) for s in self.sources],
            "repairs": list(self.repairs),
            "repaired_from": self.repaired_from,
            "same_as": list(self.same_as),
            "incomplete": self.incomplete,
            "source_kind": self.source_kind,
        }

    @classmethod
    def from_json(cls, row: dict[str, object]) -> Statement:
        """Rebuild a statement from :meth:`to_json` output."""
        sources = tuple(_parse_source(str(s)) for s in _as_list(row.get("sources")))
        return cls(
            id=str(row["id"]),
            framework=str(row["framework"]),
            version=str(row.get("version", "")),
            area=int(str(row["area"])),
            area_title=str(row.get("area_title", "")),
            kind=_as_kind(str(row["kind"])),
            group=str(row.get("group", "")),
            number=str(row["number"]),
            text=str(row["text"]),
            title=str(row.get("title", "")),
            publisher=str(row.get("publisher", "")),
            sources=sources,
            repairs=tuple(str(r) for r in _as_list(row.get("repairs"))),
            repaired_from=(None if row.get("repaired_from") is None else str(row["repaired_from"])),
            same_as=tuple(str(s) for s in _as_list(row.get("same_as"))),
            incomplete=bool(row.get("incomplete", False)),
            source_kind=str(row.get("source_kind", "")),
        )

    @property
    def is_framework(self) -> bool:
        """True for framework statements (not provider sections)."""
        return self.kind != "provider_section"


@dataclass(frozen=True, slots=True)
class IngestWarning:
    """Something ingest wants a person to see: a repair, an unreadable source, a gap."""

    file: str
    message: str
    category: Literal["repair", "incomplete", "ocr", "unreadable", "structure", "merge"] = (
        "structure"
    )

    def __str__(self) -> str:
        return f"[{self.category}] {self.file}: {self.message}"


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What :func:`ingest.pipeline.ingest_corpus` returns."""

    statements: tuple[Statement, ...]
    warnings: tuple[IngestWarning, ...] = field(default_factory=tuple)
    corpus_hash: str = ""


_SOURCE_RE = re.compile(r"^(?P<file>.+):(?P<unit>[lp])(?P<start>\d+)(?:-(?P<end>\d+))?$")


def _parse_source(text: str) -> SourceRef:
    m = _SOURCE_RE.match(text)
    if not m:
        return SourceRef(file=text, start=0, end=0)
    start = int(m["start"])
    end = int(m["end"]) if m["end"] else start
    return SourceRef(m["file"], start, end, "line" if m["unit"] == "l" else "page")


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _as_kind(value: str) -> Kind:
    for kind in KINDS:
        if kind == value:
            return kind
    raise ValueError(f"unknown statement kind {value!r}; expected one of {KINDS}")


def aligned_twins(s: Statement, get: Callable[[str], Statement | None]) -> list[Statement]:
    """``s``'s identical statements that carry its number in an area of the same title.

    NPQSL 3.6 and NPQEL 3.6 (both Curriculum and Assessment) are aligned: their areas are numbered
    alike, so where one stops short the other shows what is missing. NPQLT 4.12 and NPQEL 3.12
    are not: NPQLT cuts its areas differently.
    """
    out = []
    for sid in s.same_as:
        other = get(sid)
        if (
            other is not None
            and other.number == s.number
            and other.area_title.lower() == s.area_title.lower()
        ):
            out.append(other)
    return out


def statement_sort_key(s: Statement) -> tuple[int, int, int, int, int, str]:
    """Order statements as the frameworks print them: framework, area, evidence, practice."""
    fw = FRAMEWORKS.index(s.framework) if s.framework in FRAMEWORKS else len(FRAMEWORKS)
    if s.kind == "evidence":
        return (fw, s.area, 0, int(s.number), 0, s.id)
    if s.kind in ("practice_heading", "practice"):
        parts = s.number[1:].split(".")
        sub = int(parts[1]) if len(parts) > 1 else 0
        return (fw, s.area, 1, int(parts[0]), sub, s.id)
    return (fw, 99, 2, 0, 0, s.id)
