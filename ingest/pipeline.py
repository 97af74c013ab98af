"""corpus/ -> one canonical, exactly numbered set of statements.

Every source is read on its own; sources of one framework are merged (the most complete text
wins, every source is recorded); cut-off statements are completed from another framework's
identical statement where one exists, else flagged; identical statements are linked.

Example:
    >>> result = ingest_corpus(Path("corpus"))          # doctest: +SKIP
    >>> [s.id for s in result.statements][:2]           # doctest: +SKIP
    ['NPQSL 1.1', 'NPQSL 1.2']
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ingest.errors import SourceError
from ingest.framework_intro import parse_intro
from ingest.framework_text import (
    ParsedArea,
    ParsedItem,
    find_areas,
    parse_framework_text,
    split_lines,
)
from ingest.frameworks import FRAMEWORK_NAMES
from ingest.ids import frameworks_named
from ingest.manifest import MANIFEST_NAME, SourceEntry, load_manifest
from ingest.provider import parse_flattened_tables, parse_sections
from ingest.readers import read_source_text
from ingest.records import (
    IngestResult,
    IngestWarning,
    SourceRef,
    Statement,
    aligned_twins,
    statement_sort_key,
)
from ingest.siblings import Siblings
from ingest.text_utils import Vocabulary, is_complete, normalise_space, repair_words

Progress = Callable[[str], None]

# Source kinds, most authoritative first: when texts conflict, the DfE's own document wins.
_PRIORITY = {"dfe-framework": 0, "provider-page": 1, "legacy-programme": 2}
# A practice "bullet" that is an editorial note about the document, not a statement.
_NOTE_RE = re.compile(r"^(Additional examples of application are|See section|Note:)", re.I)


@dataclass(slots=True)
class _Read:
    entry: SourceEntry
    text: str
    areas: list[ParsedArea]


@functools.cache
def _parser_stamp() -> bytes:
    """A hash of the ingest code: statements parsed by an older parser are parsed again."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.digest()


def corpus_hash(corpus_dir: Path, entries: Sequence[SourceEntry]) -> str:
    """A hash of the manifest, every listed file's bytes and the parser's code.

    It changes when the corpus changes, and when an upgrade changes how it is read, so a
    store parsed by an older version is never served as current.
    """
    h = hashlib.sha256()
    h.update(_parser_stamp())
    manifest = corpus_dir / "manifest.toml"
    if manifest.is_file():
        h.update(manifest.read_bytes())
    for e in entries:
        p = corpus_dir / e.file
        h.update(e.file.encode())
        if p.is_file():
            h.update(str(p.stat().st_size).encode())
            with p.open("rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
    return h.hexdigest()[:16]


def ingest_corpus(corpus_dir: Path, *, progress: Progress | None = None) -> IngestResult:
    """Read every source in the manifest and return the canonical statements.

    Args:
        corpus_dir: Folder holding ``manifest.toml`` and the documents it lists.
        progress: Called with the name of each source as it is read (for a progress bar).

    Returns:
        The statements in framework order, the warnings a person should see, and the corpus
        hash. A source that cannot be read is reported in the warnings and skipped.

    Raises:
        ManifestError: The manifest itself is missing or malformed.
    """
    entries = load_manifest(corpus_dir)
    warnings: list[IngestWarning] = []
    listed = {e.file for e in entries}
    for p in sorted(corpus_dir.iterdir()):
        if (
            p.is_file()
            and p.name != "manifest.toml"
            and p.name not in listed
            and not p.name.startswith(".")
            and p.suffix.lower() != ".md"
        ):
            warnings.append(IngestWarning(p.name, _unlisted_hint(p.name), "unreadable"))

    reads: list[_Read] = []
    for entry in entries:
        if progress:
            progress(entry.file)
        try:
            text = read_source_text(corpus_dir / entry.file)
        except SourceError as exc:
            warnings.append(IngestWarning(entry.file, exc.reason, "unreadable"))
            continue
        reads.append(_Read(entry, text, []))

    # First pass without help, then again with every other document's statements as reference
    # for telling evidence from practice where markers were lost.
    first: dict[str, list[ParsedArea]] = {}
    for r in reads:
        first[r.entry.file] = _parse_tables(r, None, [])
    for r in reads:
        others = [a for f, areas in first.items() if f != r.entry.file for a in areas]
        sib = Siblings(
            evidence=[i.text for a in others for i in a.items if i.kind == "evidence"],
            practice=[i.text for a in others for i in a.items if i.kind != "evidence"],
        )
        r.areas = _parse_tables(r, sib, warnings)
        if r.entry.reader == "dfe-framework" and not r.areas:
            warnings.append(
                IngestWarning(
                    r.entry.file,
                    "no framework tables found (no 'Learn that…' headers): nothing read",
                    "unreadable",
                )
            )

    vocab = Vocabulary(r.text for r in reads)
    vocab.add_compounds(i.text for r in reads for a in r.areas for i in a.items)
    statements = _merge(reads, vocab, warnings)
    statements = _repair_cut(statements, warnings)
    statements = _link_identical(statements)
    _warn_short_areas(statements, warnings)
    statements.extend(_sections(reads, corpus_dir))
    statements.sort(key=statement_sort_key)
    _check_unique(statements)
    return IngestResult(tuple(statements), tuple(warnings), corpus_hash(corpus_dir, entries))


def _parse_tables(
    r: _Read, sib: Siblings | None, warnings: list[IngestWarning]
) -> list[ParsedArea]:
    if r.entry.reader == "legacy-programme" or not r.entry.frameworks:
        return []
    warns: list[IngestWarning] = []
    areas = parse_framework_text(r.text, r.entry.file, siblings=sib, warnings=warns)
    if r.entry.reader == "provider-page":
        areas += parse_flattened_tables(r.text)
    warnings.extend(warns)
    return areas


def _merge(
    reads: Sequence[_Read], vocab: Vocabulary, warnings: list[IngestWarning]
) -> list[Statement]:
    """Merge the items of every source into one statement per id."""
    by_id: dict[str, list[tuple[_Read, ParsedItem, str]]] = defaultdict(list)
    titles: dict[tuple[str, int], str] = {}
    for r in sorted(reads, key=lambda r: _PRIORITY.get(r.entry.reader, 9)):
        framework = r.entry.frameworks[0] if r.entry.frameworks else ""
        if not framework:
            continue
        for area in r.areas:
            if area.title and (framework, area.number) not in titles:
                titles[(framework, area.number)] = area.title
            for item in area.items:
                if item.kind == "practice" and _NOTE_RE.match(item.text):
                    warnings.append(
                        IngestWarning(
                            r.entry.file,
                            f"area {area.number}: editorial note, not a statement: {item.text!r}",
                            "structure",
                        )
                    )
                    continue
                text, fixes = repair_words(item.text, vocab)
                for fx in fixes:
                    warnings.append(
                        IngestWarning(
                            r.entry.file,
                            f"{framework} {area.number}.{item.number}: '{fx.wrong}' read as "
                            f"'{fx.right}'",
                            "ocr",
                        )
                    )
                by_id[f"{framework} {area.number}.{item.number}"].append((r, item, text))

    out: list[Statement] = []
    for sid, cands in by_id.items():
        framework = sid.split()[0]
        best_r, best_item, best_text = _most_complete(cands)
        others = [c for c in cands if c[2] != best_text]
        for r, _item, text in others:
            if not best_text.startswith(text):
                warnings.append(
                    IngestWarning(
                        r.entry.file,
                        f"{sid}: this source's text differs from {best_r.entry.file}'s; "
                        f"kept {best_r.entry.file}'s",
                        "merge",
                    )
                )
        sources = [_ref(best_r, best_item)] + [
            _ref(r, it) for r, it, _t in cands if (r, it) != (best_r, best_item)
        ]
        area_n = best_item.area
        group = ""
        if best_item.kind == "practice":
            group = f"{framework} {area_n}.{best_item.number.split('.')[0]}"
        publisher = best_r.entry.publisher
        repairs = tuple(f"'{w}' read as '{c}'" for w, c in _word_changes(best_item.text, best_text))
        out.append(
            Statement(
                id=sid,
                framework=framework,
                version=best_r.entry.framework_version,
                area=area_n,
                area_title=titles.get((framework, area_n), best_item.area_title),
                kind=best_item.kind,
                group=group,
                number=best_item.number,
                text=best_text,
                publisher=publisher,
                sources=tuple(dict.fromkeys(sources)),
                repairs=repairs,
            )
        )
    missing_titles = {(s.framework, s.area) for s in out if not s.area_title}
    for framework, missing in sorted(missing_titles):
        warnings.append(
            IngestWarning(
                "", f"{framework} area {missing}: no source gives the area's title", "structure"
            )
        )
    return out


def _most_complete(
    cands: Sequence[tuple[_Read, ParsedItem, str]],
) -> tuple[_Read, ParsedItem, str]:
    """The candidate whose text the others are prefixes of; else the best-ranked source's."""

    def rank(c: tuple[_Read, ParsedItem, str]) -> tuple[int, int, int, int]:
        r, _item, text = c
        extends_all = all(text.startswith(o[2]) for o in cands)
        return (
            0 if extends_all else 1,
            0 if is_complete(text) else 1,
            _PRIORITY.get(r.entry.reader, 9),
            -len(text),
        )

    return min(cands, key=rank)


def _word_changes(before: str, after: str) -> list[tuple[str, str]]:
    if before == after:
        return []
    a, b = before.split(), after.split()
    import difflib

    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if tag != "equal":
            out.append((" ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return out


def _ref(r: _Read, item: ParsedItem) -> SourceRef:
    return SourceRef(r.entry.file, item.first_line, item.last_line)


def _norm(text: str) -> str:
    return normalise_space(text).replace("’", "'").lower()


def _repair_cut(statements: list[Statement], warnings: list[IngestWarning]) -> list[Statement]:
    """Complete cut-off statements from another framework's identical statement, else flag."""
    out: list[Statement] = []
    for s in statements:
        if is_complete(s.text):
            out.append(s)
            continue
        prefix = _norm(s.text)
        donors = [
            o
            for o in statements
            if o.framework != s.framework
            and o.kind == s.kind
            and is_complete(o.text)
            and len(o.text) > len(s.text)
            and _norm(o.text).startswith(prefix)
        ]
        completions = {_norm(o.text) for o in donors}
        near_tails: dict[str, str] = {}
        if not donors:
            # A twin worded a word or two apart: NPQSL 8.10 ends "…and checking it is still
            # aligned with the overall strategy and" in its only source; NPQEL 8.10 and NPQLT
            # 9.10 say "…and check it is still aligned with the overall strategy and context."
            for o in statements:
                if o.framework != s.framework and o.kind == s.kind and is_complete(o.text):
                    tail = _near_prefix_tail(s.text, o.text)
                    if tail:
                        donors.append(o)
                        near_tails[o.id] = tail
            completions = {_norm(t) for t in near_tails.values()}
        if donors and len(completions) == 1:
            donor = min(donors, key=statement_sort_key)
            if donor.id in near_tails:
                text = normalise_space(s.text) + " " + near_tails[donor.id]
            else:
                tail = donor.text[len(s.text) :] if donor.text.startswith(s.text) else ""
                if not tail:
                    tail = donor.text[len(normalise_space(s.text)) :]
                text = s.text + tail
            note = f"cut off in every {s.framework} source; completed from {donor.id}"
            if donor.id in near_tails:
                note += f" (“{near_tails[donor.id]}”; the two are worded alike, not the same)"
            warnings.append(
                IngestWarning(s.sources[0].file if s.sources else "", f"{s.id}: {note}", "repair")
            )
            out.append(replace(s, text=text, repaired_from=donor.id, repairs=(*s.repairs, note)))
        else:
            why = (
                "several different completions in other frameworks"
                if len(completions) > 1
                else "no other framework has it"
            )
            warnings.append(
                IngestWarning(
                    s.sources[0].file if s.sources else "",
                    f"{s.id}: text is cut off and cannot be completed ({why}): {s.text!r}",
                    "incomplete",
                )
            )
            out.append(replace(s, incomplete=True))
    return out


NEAR_PREFIX_END_WORDS = 6  # a cut text's last words, found in its twin, mark where it stops
# Words of the cut text its twin may word otherwise before them ("checking" for "check",
# "colleagues" for "all trust schools, headteachers and staff").
NEAR_PREFIX_CHANGES = 2
NEAR_PREFIX_TAIL_WORDS = 3  # at most this many words are supplied


def _near_prefix_tail(cut: str, other: str) -> str:
    """The words ``other`` goes on with where ``cut`` stops, when the two are worded alike.

    Alike: ``cut``'s last words are a run of ``other``'s, and every word of ``cut`` before them
    is in ``other`` but for a few (``other`` may say more); and only a short tail follows.
    "" otherwise.
    """
    import difflib

    a, b = _norm(cut).split(), _norm(other).split()
    n = NEAR_PREFIX_END_WORDS
    if len(a) < 2 * n:
        return ""
    ends = [j for j in range(n, len(b)) if b[j - n : j] == a[-n:]]
    if len(ends) != 1 or not 0 < len(b) - ends[0] <= NEAR_PREFIX_TAIL_WORDS:
        return ""
    end = ends[0]
    changed = sum(  # the cut text's own words that its twin does not have
        i2 - i1
        for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, a, b[:end]).get_opcodes()
        if tag != "equal"
    )
    if changed > NEAR_PREFIX_CHANGES:
        return ""
    return " ".join(normalise_space(other).split()[end:])


def _same_words(text: str) -> str:
    """The words of a text, lower-cased, without its punctuation.

    Identical statements differ at most in punctuation across frameworks ("what the time is
    used for, is more important" in NPQSL 6.4, no comma in NPQEL 6.4).
    """
    return " ".join(re.findall(r"\w+", _norm(text)))


def _warn_short_areas(statements: list[Statement], warnings: list[IngestWarning]) -> None:
    """Warn when a framework's area stops where another framework's identical area goes on.

    The NPQSL provider page keeps evidence statements 3.1–3.6 of Curriculum and Assessment;
    NPQEL's area 3 has the same six, numbered alike, then 3.7–3.19. The page has probably
    dropped rows: a user's citation of NPQSL 3.13 may be right, and the DfE PDF would fill it.
    """
    by_id = {s.id: s for s in statements}
    last: dict[tuple[str, int], Statement] = {}
    for s in statements:
        if s.kind == "evidence" and s.number.isdigit():
            key = (s.framework, s.area)
            if key not in last or int(s.number) > int(last[key].number):
                last[key] = s
    for (fw, area), s in sorted(last.items()):
        for other in aligned_twins(s, by_id.get):
            theirs = last.get((other.framework, other.area))
            if theirs is not None and int(theirs.number) > int(s.number):
                warnings.append(
                    IngestWarning(
                        s.sources[0].file if s.sources else "",
                        f"{fw} area {area} stops at {s.id}, where {other.framework} area "
                        f"{other.area} has the same statements and goes on to {theirs.id}: "
                        f"the {fw} source may be missing rows (add the DfE {fw} PDF to corpus/)",
                        "incomplete",
                    )
                )
                break


def _link_identical(statements: list[Statement]) -> list[Statement]:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in statements:
        groups[(s.kind, _same_words(s.text))].append(s.id)
    out: list[Statement] = []
    for s in statements:
        ids = [i for i in groups[(s.kind, _same_words(s.text))] if i.split()[0] != s.framework]
        out.append(replace(s, same_as=tuple(sorted(ids, key=_id_order))) if ids else s)
    return out


def _id_order(sid: str) -> tuple[str, int, str]:
    fw, rest = sid.split(" ", 1)
    area, num = rest.split(".", 1)
    return (fw, int(area), num.zfill(4))


def _sections(reads: Sequence[_Read], corpus_dir: Path) -> list[Statement]:
    out: list[Statement] = []
    intro_seen: list[frozenset[str]] = []  # the DfE introductions' paragraphs read so far
    for r in reads:
        stop = None
        if r.areas:
            spans = find_areas(split_lines(r.text))
            if spans:
                stop = max(1, spans[0].start - 2)
            if r.entry.reader != "dfe-framework":
                stop = _framework_heading_line(r.text, stop)
        if r.entry.reader == "dfe-framework":
            # The DfE's introduction (who the NPQ is for, "Learn that" / "Learn how to", the
            # suite of NPQs), by the DfE's own headings; nothing when no area was found.
            sections = parse_intro(r.text, stop, seen=intro_seen) if stop else []
        else:
            sections = parse_sections(r.text, stop_line=stop, default_title=r.entry.title)
        for sec in sections:
            out.append(
                Statement(
                    id=f"{r.entry.stem}#{sec.slug}",
                    framework="",
                    version=r.entry.framework_version,
                    area=0,
                    area_title=r.entry.title,
                    kind="provider_section",
                    group=r.entry.stem,
                    number=sec.slug,
                    text=sec.text,
                    title=sec.title,
                    publisher=r.entry.publisher,
                    sources=(SourceRef(r.entry.file, sec.first_line, sec.last_line),),
                    source_kind=r.entry.reader,
                )
            )
    return out


def _framework_heading_line(text: str, stop: int | None) -> int | None:
    """Stop sections at the framework title or the first table row, whichever comes first."""
    for i, line in enumerate(text.split("\n"), start=1):
        s = line.strip()
        if s.endswith("| |") or s.lower().startswith("learn that"):
            return min(i, stop) if stop else i
    return stop


def _check_unique(statements: Sequence[Statement]) -> None:
    seen: set[str] = set()
    for s in statements:
        if s.id in seen:
            raise ValueError(f"duplicate statement id {s.id!r}: ingest must give each id once")
        seen.add(s.id)


def _unlisted_hint(name: str) -> str:
    """The skip message for a file with no manifest entry, with the entry to add.

    A user who drops the DfE PDF of a framework in the corpus folder gets the three lines that
    make it ingested; the framework is read from the file name when it names one.
    """
    words = re.sub(r"[_\-.]+", " ", name)
    named = frameworks_named(words) | {
        fw for fw, title in FRAMEWORK_NAMES.items() if title.lower() in words.lower()
    }
    suffix = Path(name).suffix.lower()
    reader = "provider-page" if suffix in (".html", ".htm") else "dfe-framework"
    named &= set(FRAMEWORK_NAMES)  # not NPQH and the others the corpus cannot hold
    frameworks = " or ".join(f'"{f}"' for f in (named if len(named) == 1 else FRAMEWORK_NAMES))
    return (
        f"not listed in {MANIFEST_NAME}: skipped; to ingest it, add to {MANIFEST_NAME}: "
        f'[[source]] file = "{name}", reader = "{reader}", frameworks = [{frameworks}] '
        "(one per line; readers and the other fields are described at the top of the file)"
    )
