"""Ingest of the real bundled corpus: counts, the hand-checked gold fixture, repairs, links."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from ingest.records import STATEMENT_ID_RE, IngestResult

DATA = Path(__file__).resolve().parents[1] / "data"
GOLD = [json.loads(line) for line in (DATA / "gold_statements.jsonl").read_text().splitlines()]

# The counts printed in the framework documents (evidence per area; headings/bullets in all).
EVIDENCE = {
    "NPQSL": [8, 20, 6, 21, 9, 13, 8, 12, 6, 4],
    "NPQEL": [8, 20, 19, 21, 9, 13, 7, 12, 6, 5],
    "NPQLT": [0, 7, 9, 12, 11, 7, 7, 13, 12],
}
PRACTICE = {"NPQSL": (34, 136), "NPQEL": (33, 135), "NPQLT": (25, 86)}


def _counts(result: IngestResult) -> Counter[tuple[str, int, str]]:
    return Counter((s.framework, s.area, s.kind) for s in result.statements)


@pytest.mark.parametrize("framework", sorted(EVIDENCE))
def test_evidence_counts_per_area(corpus_result: IngestResult, framework: str) -> None:
    counts = _counts(corpus_result)
    got = [counts[(framework, a, "evidence")] for a in range(1, len(EVIDENCE[framework]) + 1)]
    assert got == EVIDENCE[framework]


@pytest.mark.parametrize("framework", sorted(PRACTICE))
def test_practice_counts(corpus_result: IngestResult, framework: str) -> None:
    counts = _counts(corpus_result)
    headings = sum(
        v for (f, _a, k), v in counts.items() if f == framework and k == "practice_heading"
    )
    bullets = sum(v for (f, _a, k), v in counts.items() if f == framework and k == "practice")
    assert (headings, bullets) == PRACTICE[framework]


def test_evidence_numbers_are_consecutive(corpus_result: IngestResult) -> None:
    by_area: dict[tuple[str, int], list[int]] = {}
    for s in corpus_result.statements:
        if s.kind == "evidence":
            by_area.setdefault((s.framework, s.area), []).append(int(s.number))
    for key, numbers in by_area.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), key


@pytest.mark.parametrize("row", GOLD, ids=[g["id"] for g in GOLD])
def test_gold_statement_exact(corpus_result: IngestResult, row: dict[str, object]) -> None:
    by_id = {s.id: s for s in corpus_result.statements}
    s = by_id.get(str(row["id"]))
    assert s is not None, f"{row['id']} missing"
    assert s.text == row["text"]
    if row["defect"] == "cut_off_incomplete":
        assert s.incomplete
    if row.get("repaired_from"):
        assert s.repaired_from is not None


def test_gold_covers_every_framework_and_defect() -> None:
    assert len(GOLD) >= 60
    assert {str(g["id"]).split()[0] for g in GOLD} == {"NPQSL", "NPQEL", "NPQLT"}
    defects = Counter(str(g["defect"]) for g in GOLD)
    for kind in (
        "cut_off_repaired",
        "ocr_bullet",
        "lost_number",
        "detached_number",
        "interleaved_page_break",
        "flattened_table",
        "missing_area_title",
    ):
        assert defects[kind] >= 2, kind


def test_ids_follow_the_contract(corpus_result: IngestResult) -> None:
    for s in corpus_result.statements:
        if s.kind == "provider_section":
            assert "#" in s.id and " " not in s.id
            assert not STATEMENT_ID_RE.match(s.id)
        else:
            assert STATEMENT_ID_RE.match(s.id), s.id
            assert s.id == f"{s.framework} {s.area}.{s.number}"
    ids = [s.id for s in corpus_result.statements]
    assert len(ids) == len(set(ids))


def test_bullets_point_at_their_heading(corpus_result: IngestResult) -> None:
    ids = {s.id for s in corpus_result.statements}
    for s in corpus_result.statements:
        if s.kind == "practice":
            assert s.group in ids and s.id.startswith(s.group + ".")


def test_text_is_clean(corpus_result: IngestResult) -> None:
    for s in corpus_result.statements:
        if s.kind == "provider_section":
            continue
        assert s.text == " ".join(s.text.split()), s.id
        assert not s.text.startswith(("•", "●", "e ", "¢", "o ")), s.id
        assert "|" not in s.text, s.id


def test_area_titles_filled_from_other_sources(corpus_result: IngestResult) -> None:
    titles = {(s.framework, s.area): s.area_title for s in corpus_result.statements}
    # 000 prints no title for NPQSL Teaching and Behaviour: 002 supplies them.
    assert titles[("NPQSL", 2)] == "Teaching"
    assert titles[("NPQSL", 4)] == "Behaviour"
    assert titles[("NPQEL", 1)] == "Trust Culture"
    assert titles[("NPQLT", 3)] == "How Pupils Learn"


def test_cut_statement_completed_from_other_framework(corpus_result: IngestResult) -> None:
    by_id = {s.id: s for s in corpus_result.statements}
    s = by_id["NPQSL 2.1"]  # cut after "capabilities or" in both NPQSL sources
    assert s.text == "Learning involves a lasting change in pupils’ capabilities or understanding."
    assert s.repaired_from == "NPQEL 2.1"
    assert any("NPQEL 2.1" in r for r in s.repairs)


def test_cut_statement_completed_from_a_twin_worded_alike(corpus_result: IngestResult) -> None:
    by_id = {s.id: s for s in corpus_result.statements}
    # Cut after "strategy and" in both NPQSL sources; NPQEL 8.10 says "check" for "checking".
    s = by_id["NPQSL 8.10"]
    assert "and checking it is still aligned" in s.text
    assert s.text.endswith("with the overall strategy and context.")
    assert s.repaired_from == "NPQEL 8.10" and not s.incomplete
    assert any("worded alike" in r for r in s.repairs)
    s = by_id["NPQSL 5.P1.1"]  # "colleagues" where NPQEL says "all trust schools, … staff"
    assert s.text.startswith("Ensuring that colleagues fulfil")
    assert s.text.endswith("SEND Code of Practice (2015) and Equality Act (2010).")


def test_uncompletable_statement_is_flagged_not_invented(corpus_result: IngestResult) -> None:
    by_id = {s.id: s for s in corpus_result.statements}
    s = by_id["NPQEL 3.P4.1"]  # no full stop in the OCR, and no twin to complete it from
    assert s.incomplete and s.repaired_from is None
    assert s.text.endswith("and factored into curriculum planning")


def test_a_twin_worded_otherwise_at_the_cut_completes_nothing() -> None:
    from ingest.pipeline import _near_prefix_tail

    cut = "Sustained implementation requires leaders to keep checking it is still aligned with the"
    twin = (
        "Sustained implementation requires leaders to keep checking it is still in line with "
        "the plan."
    )
    assert _near_prefix_tail(cut, twin) == ""  # its last six words are not the twin's
    other = "Leaders must keep checking it is still aligned with the overall plan."
    assert _near_prefix_tail(cut, other) == ""  # too many of its words are not the twin's
    assert _near_prefix_tail(cut, cut.replace("checking", "check") + " plan.") == "plan."


def test_merge_records_every_source(corpus_result: IngestResult) -> None:
    by_id = {s.id: s for s in corpus_result.statements}
    s = by_id["NPQSL 7.8"]  # cut in 000, complete in 002
    assert s.text.endswith("headteacher.")
    files = {ref.file for ref in s.sources}
    assert files == {"provider-olp-npqsl-international.txt", "provider-npqsl-uk.txt"}
    assert s.sources[0].file == "provider-npqsl-uk.txt"


def test_identical_statements_linked(corpus_result: IngestResult) -> None:
    by_id = {s.id: s for s in corpus_result.statements}
    assert "NPQEL 4.1" in by_id["NPQSL 4.1"].same_as
    assert "NPQSL 4.1" in by_id["NPQEL 4.1"].same_as
    assert by_id["NPQLT 2.7"].same_as == ()  # "supports effective relationships": different
    # Punctuation is no difference: NPQSL 6.4 has a comma ("used for, is") NPQEL 6.4 lacks.
    assert by_id["NPQSL 6.4"].text != by_id["NPQEL 6.4"].text
    assert by_id["NPQSL 6.4"].same_as == ("NPQEL 6.4", "NPQLT 8.5")
    assert "NPQSL 6.4" in by_id["NPQEL 6.4"].same_as
    # A cut-off statement is no twin of the complete one it may have said.
    assert by_id["NPQSL 8.10"].same_as == ()


def test_a_parser_change_is_a_corpus_change(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import ingest.pipeline as pipeline

    (tmp_path / "manifest.toml").write_text("", encoding="utf-8")
    before = pipeline.corpus_hash(tmp_path, [])
    monkeypatch.setattr(pipeline, "_parser_stamp", lambda: b"another parser")
    assert pipeline.corpus_hash(tmp_path, []) != before


def test_ocr_slips_fixed_and_logged(corpus_result: IngestResult) -> None:
    by_id = {s.id: s for s in corpus_result.statements}
    assert by_id["NPQEL 7.7"].text.startswith("To run a group of schools")
    assert "regular home visits" in by_id["NPQEL 9.P1.5"].text
    logged = [w.message for w in corpus_result.warnings if w.category == "ocr"]
    assert any("'Torun' read as 'To run'" in m for m in logged)
    # Real words are never "repaired".
    assert "withdrawing concrete examples" in by_id["NPQLT 5.P1.5"].text


def test_editorial_note_is_not_a_statement(corpus_result: IngestResult) -> None:
    texts = [s.text for s in corpus_result.statements if s.framework == "NPQLT"]
    assert not any(t.startswith("Additional examples of application") for t in texts)


def test_provider_and_legacy_sections(corpus_result: IngestResult) -> None:
    sections = {s.id: s for s in corpus_result.statements if s.kind == "provider_section"}
    cost = sections["provider-olp-npqsl-international#what-does-it-cost"]
    assert "£1550 plus VAT" in cost.text
    assert cost.title == "What does it cost?"
    legacy = [s for s in sections.values() if s.id.startswith("legacy-npqsl-programme-pre2021#")]
    assert any(s.title == "Closing the Gap" for s in legacy)
    assert all("superseded" in s.area_title for s in legacy)
    # Framework tables are statements, not sections.
    assert not any("long-term positive effect" in s.text for s in sections.values())


def test_a_dfe_frameworks_introduction_is_read_by_its_headings(
    corpus_result: IngestResult,
) -> None:
    # "who is the NPQLT for?" had no answer: the DfE's introduction was not read at all.
    intro = {
        s.id: s
        for s in corpus_result.statements
        if s.kind == "provider_section" and s.source_kind == "dfe-framework"
    }
    lt = intro["dfe-npqlt-framework-2020#who-this-qualification-is-for"]
    assert lt.text == (
        "This qualification is for teachers who have, or are aspiring to have, responsibilities "
        "for leading teaching in a subject, year group, key stage or phase."
    )
    assert lt.publisher == "Department for Education" and not lt.is_course_page
    # Each NPQ of the suite is a section of its own, its OCR bullet read as one.
    el = intro["dfe-npqel-framework-2020-ocr#who-the-npqel-is-for"]
    assert el.title == "Who the NPQEL is for"
    assert el.text.startswith("National Professional Qualification for Executive Leadership")
    assert "school trust CEO role" in el.text
    # The same paragraph in both introductions is kept once (the NPQEL file is read first).
    assert not any(i.startswith("dfe-npqlt-framework-2020#who-the-") for i in intro)
    assert (
        sum("kept under review as the evidence base evolves" in s.text for s in intro.values()) == 1
    )
    texts = " ".join(s.text for s in intro.values())
    # No footnote links, no page-break fragments as titles, no framework title or table text.
    assert "https://" not in texts and "www.gov.uk" not in texts
    assert all(
        len(s.text) >= 80 or s.number == "who-this-qualification-is-for" for s in intro.values()
    )
    assert "Leading Teaching Framework" not in texts and "long-term positive effect" not in texts
    assert {s.title for s in intro.values()} >= {
        "About this guidance",
        "Introduction",
        "The suite of National Professional Qualifications",
        "Reforming the National Professional Qualification content frameworks",
        "The role of executive leader",
        "Professionals Leading Teaching",
    }
    # Provider and old-programme pages are course pages.
    pages = [s for s in corpus_result.statements if s.kind == "provider_section"]
    assert all(s.is_course_page == (s.source_kind != "dfe-framework") for s in pages)
    assert {s.source_kind for s in pages} == {"dfe-framework", "provider-page", "legacy-programme"}


def test_flattened_table_numbers_agree_with_the_full_framework(corpus_result: IngestResult) -> None:
    from ingest.provider import parse_flattened_tables
    from tests.conftest import CORPUS

    by_id = {s.id: s for s in corpus_result.statements}
    areas = parse_flattened_tables((CORPUS / "provider-npqsl-uk.txt").read_text(encoding="utf-8"))
    assert [a.title for a in areas][:2] == ["School Culture", "Teaching"]
    checked = 0
    for area in areas:
        for item in area.items:
            full = by_id[f"NPQSL {area.number}.{item.number}"].text
            # 002 keeps whole statements for some areas and cut ones for others: its text must
            # be the start of the statement with the same number.
            assert full.startswith(item.text.rstrip(" .")[:40]), (area.number, item.number)
            checked += 1
    assert checked > 60


def test_an_area_that_stops_short_of_its_twin_is_reported(corpus_result: IngestResult) -> None:
    short = [w for w in corpus_result.warnings if "stops at" in w.message]
    assert [w.message.split(":")[0] for w in short] == [
        "NPQSL area 3 stops at NPQSL 3.6, where NPQEL area 3 has the same statements and goes "
        "on to NPQEL 3.19"
    ]
    assert short[0].category == "incomplete"
    assert short[0].file == "provider-olp-npqsl-international.txt"
