"""The Gradio app: pure rendering helpers, then every tab end to end through gradio_client.

The end-to-end tests load the real bundled corpus (index built once per session under a tmp
dir), serve the app on 127.0.0.1 and call the same endpoints the browser calls (api_name).
"""

from __future__ import annotations

import csv
import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.answer import Turn
from ui.app import (
    auth_from_env,
    checks_html,
    esc,
    framework_filter,
    history_turns,
    md_escape,
    message_text,
    remembered_framework,
    statement_chip,
    verdict_badge,
)

XSS = "<script>alert(1)</script>"
IMG_XSS = "<img src=x onerror=alert(1)>"


# --------------------------------------------------------------------------- pure helpers


def test_esc_escapes_markup_and_quotes() -> None:
    assert esc(XSS) == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert esc('a" onmouseover="x') == "a&quot; onmouseover=&quot;x"


def test_md_escape_keeps_quote_markers_and_escapes_html() -> None:
    out = md_escape(f"> note {IMG_XSS}\n**bold** & more")
    assert out.startswith("> note &lt;img")
    assert "<img" not in out
    assert "**bold** &amp; more" in out


@pytest.mark.parametrize(("choice", "expected"), [("All", None), ("", None), ("NPQEL", "NPQEL")])
def test_framework_filter(choice: str, expected: str | None) -> None:
    assert framework_filter(choice) == expected


def test_history_turns_pairs_and_unescapes() -> None:
    history = [
        {"role": "user", "content": [{"type": "text", "text": "what about &lt;b&gt;?"}]},
        {"role": "assistant", "content": "an answer [NPQSL 4.3]"},
        {"role": "user", "content": "unanswered"},
    ]
    assert history_turns(history) == [Turn("what about <b>?", "an answer [NPQSL 4.3]")]
    assert message_text([{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]) == "ab"


def test_auth_needs_both_variables() -> None:
    assert auth_from_env("U", "P", {"U": "me"}) is None
    assert auth_from_env("U", "P", {"U": "me", "P": "pw"}) == ("me", "pw")


def test_verdict_badge_is_labelled_and_coloured() -> None:
    badge = verdict_badge("supported")
    assert "Supported" in badge and "#1a7f37" in badge
    assert "#f0b429" in verdict_badge("wrong_number")


def test_checks_panel_shows_unsupported_citations_escaped() -> None:
    from assistant.answer import Answer
    from assistant.citations import CitationReport, UnsupportedCitation

    report = CitationReport(
        cited=("NPQSL 4.3",),
        valid=("NPQSL 4.3",),
        unknown=(),
        not_in_evidence=(),
        unused=(),
        uncited_claims=(),
        unsupported=(
            UnsupportedCitation(
                "NPQSL 4.3", f"Governors {XSS} [NPQSL 4.3].", "wrong_number", ("NPQSL 10.2",)
            ),
        ),
    )
    answer = Answer("q", "a", ("NPQSL 4.3",), (), False, report, backend="openai:x")
    html = checks_html(answer)
    assert "1 citation(s) not supported" in html and 'role="alert"' in html
    assert "<code>NPQSL 10.2</code>" in html  # the statement that does say it
    assert XSS not in html and "&lt;script&gt;" in html


# --------------------------------------------------------------------------- end to end


@dataclass(frozen=True)
class Served:
    url: str
    services: object


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The app over the real corpus on 127.0.0.1 (index built once, under a tmp dir)."""
    from assistant.service import load_services
    from assistant.settings import Settings, UISettings
    from ui.app import launch

    cfg = Settings(data_dir=tmp_path_factory.mktemp("data"), ui=UISettings(max_upload_mb=1))
    services = load_services(cfg, log=lambda _m: None)
    port = free_port()
    app = launch(services, "127.0.0.1", port, block=False, quiet=True)
    try:
        yield Served(f"http://127.0.0.1:{port}/", services)
    finally:
        app.close()


@pytest.fixture(scope="session")
def client(served: Served, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from gradio_client import Client

    return Client(served.url, verbose=False, download_files=str(tmp_path_factory.mktemp("dl")))


def no_raw_markup(*htmls: str) -> None:
    for h in htmls:
        assert "<script" not in h.lower()
        assert "<img" not in h.lower()


def chat_text(message: dict) -> str:
    return "".join(part.get("text", "") for part in message["content"])


@pytest.mark.slow
def test_ask_cites_behaviour_statements(client) -> None:  # type: ignore[no-untyped-def]
    box, chat, cites, checks, evidence = client.predict(
        "How long before a behaviour policy shows impact?", [], "All", api_name="/ask"
    )
    assert box == ""
    answer = chat_text(chat[-1])
    assert chat[-1]["role"] == "assistant"
    assert "[NPQSL 4." in answer
    assert 'data-id="NPQSL 4.3"' in cites and "<details" in cites
    assert 'class="npq-copy" data-copy="(NPQSL 4.3)"' in cites  # a citation ready to paste
    assert "Same text in" in cites  # identical statements elsewhere
    assert "NPQSL 4.3" in evidence and "score" in evidence
    assert "citations exist" in checks and "brief" in checks


@pytest.mark.slow
def test_ask_follow_up_uses_the_conversation(client) -> None:  # type: ignore[no-untyped-def]
    _box, chat, *_ = client.predict(
        "How long before a behaviour policy shows impact?", [], "All", api_name="/ask"
    )
    _box, chat2, _cites, checks, _ev = client.predict(
        "and for trusts?", chat, "All", api_name="/ask"
    )
    assert len(chat2) == 4
    assert "searched: How long before a behaviour policy shows impact? and for trusts?" in checks


@pytest.mark.slow
def test_ask_out_of_scope_abstains(client) -> None:  # type: ignore[no-untyped-def]
    _box, chat, cites, _checks, evidence = client.predict(
        "What is the capital of France?", [], "All", api_name="/ask"
    )
    assert "don't cover" in chat_text(chat[-1])
    assert "No citations" in cites
    assert "<li>" in evidence  # the closest statements are still listed


def test_ask_about_the_course_no_page_answers(client) -> None:  # type: ignore[no-untyped-def]
    _box, chat, cites, _checks, evidence = client.predict(
        "How long does the NPQSL take to complete?", [], "All", api_name="/ask"
    )
    assert "The course pages here don't answer it" in chat_text(chat[-1])
    assert "no course page here answers this question" in cites
    assert "<li>" in evidence  # the nearest pages are still there to read


@pytest.mark.slow
def test_ask_framework_filter(client) -> None:  # type: ignore[no-untyped-def]
    _box, _chat, cites, *_ = client.predict(
        "How long before a behaviour policy shows impact?", [], "NPQEL", api_name="/ask"
    )
    ids = re.findall(r'data-id="([^"]+)"', cites)
    assert ids and all(i.startswith("NPQEL ") for i in ids)


@pytest.mark.slow
def test_ask_empty_question_shows_a_message(client) -> None:  # type: ignore[no-untyped-def]
    _box, chat, _cites, checks, _ev = client.predict("   ", [], "All", api_name="/ask")
    assert chat == []
    assert "empty" in checks and 'role="alert"' in checks
    assert "Traceback" not in checks


@pytest.mark.slow
def test_ask_escapes_the_question(client) -> None:  # type: ignore[no-untyped-def]
    _box, chat, cites, checks, evidence = client.predict(
        f"{IMG_XSS} behaviour policy impact", [], "All", api_name="/ask"
    )
    assert chat_text(chat[0]).startswith("&lt;img src=x")
    no_raw_markup(chat_text(chat[0]), chat_text(chat[1]), cites, checks, evidence)


PARAGRAPH = (
    "Behaviour policies usually take more than a school term to show their impact. "
    "Pupils remember more when they are asked to retrieve ideas from memory after a gap."
)


@pytest.mark.slow
def test_find_evidence_rows_with_strength(client) -> None:  # type: ignore[no-untyped-def]
    summary, table, csv_path = client.predict(PARAGRAPH, None, "All", api_name="/find")
    assert table["headers"][:3] == ["sentence", "ids", "strength"]
    rows = table["data"]
    assert rows and {r[2] for r in rows} <= {"strong", "partial", "weak"}
    assert any(r[2] == "strong" for r in rows)
    assert any("NPQSL 4.3" in r[1] for r in rows)
    assert any(r[4].startswith("(") and "Department for Education" in r[5] for r in rows)
    assert "2 sentence(s)" in summary
    with open(csv_path, encoding="utf-8") as fh:
        exported = list(csv.DictReader(fh))
    assert len(exported) == len(rows) and exported[0]["strength"] in {"strong", "partial"}


@pytest.mark.slow
def test_find_lists_every_sentence_and_why_one_was_not_searched(client) -> None:  # type: ignore[no-untyped-def]
    text = PARAGRAPH + " Is that what the evidence says? Thanks."
    summary, table, csv_path = client.predict(text, None, "All", api_name="/find")
    rows = table["data"]
    skipped = [r for r in rows if r[2] == "skipped"]
    assert [r[0] for r in skipped] == ["Is that what the evidence says?", "Thanks."]
    assert skipped[0][3] == "Not searched: a question." and skipped[0][1] == ""
    assert "2 sentence(s) making a claim" in summary and "Not searched:" in summary
    with open(csv_path, encoding="utf-8") as fh:
        assert [r["strength"] for r in csv.DictReader(fh)][-2:] == ["skipped", "skipped"]


@pytest.mark.slow
def test_find_names_cited_numbers_that_do_not_exist(client) -> None:  # type: ignore[no-untyped-def]
    # The summary's list of such numbers had been overwritten by the list of sentences with no
    # support: shown only when a sentence had none, and then listing the sentences.
    text = PARAGRAPH.replace("impact.", "impact (NPQSL 5.P5.1).")
    summary, _table, _csv = client.predict(text, None, "All", api_name="/find")
    assert "Cited in your text but not in the frameworks" in summary, summary
    assert "NPQSL 5.P5.1" in summary and "No supporting statement for" not in summary


@pytest.mark.slow
def test_find_framework_filter(client) -> None:  # type: ignore[no-untyped-def]
    _summary, table, _csv = client.predict(PARAGRAPH, None, "NPQLT", api_name="/find")
    assert table["data"] and all(r[1].startswith("NPQLT ") for r in table["data"])


@pytest.mark.slow
def test_find_reads_an_uploaded_file(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import handle_file

    doc = tmp_path / "essay.md"
    doc.write_text(PARAGRAPH, encoding="utf-8")
    summary, table, _csv = client.predict("", handle_file(str(doc)), "All", api_name="/find")
    assert "Read essay.md" in summary and table["data"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("essay.rtf", "hello", "unsupported file type .rtf"),
        ("scan.pdf", "not a pdf at all", None),
    ],
)
def test_bad_upload_shows_a_message(client, tmp_path: Path, name, body, message) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import handle_file

    doc = tmp_path / name
    doc.write_text(body, encoding="utf-8")
    out, report = client.predict("", handle_file(str(doc)), api_name="/check")
    assert 'role="alert"' in out and name in out
    if message is not None:
        assert message in out
    assert report is None


@pytest.mark.slow
def test_upload_over_the_size_limit_is_refused(client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from gradio_client import handle_file

    big = tmp_path / "big.txt"
    big.write_text("Pupils learn. " * 120_000, encoding="utf-8")  # ~1.7 MB; the limit is 1 MB
    try:
        out, report = client.predict("", handle_file(str(big)), api_name="/check")
    except Exception as exc:  # the server refuses the upload itself (HTTP 413)
        assert "413" in str(exc) or "size" in str(exc).lower() or "large" in str(exc).lower()
    else:
        assert "limit" in out and report is None


@pytest.mark.slow
def test_find_empty_text_shows_a_message(client) -> None:  # type: ignore[no-untyped-def]
    summary, table, csv_path = client.predict("  ", None, "All", api_name="/find")
    assert "empty" in summary and 'role="alert"' in summary
    assert table["data"] in ([], [["", "", "", "", "", ""]]) and csv_path is None


ESSAY = (
    "Behaviour policies usually take more than a school term to show their impact (NPQSL 4.3). "
    "Pupils benefit from consistent routines that are taught explicitly (NPQSL 4.25). "
    "Leaders should make sure staff create a safe and predictable environment for pupils."
)


@pytest.mark.slow
def test_check_flags_a_nonexistent_citation(client) -> None:  # type: ignore[no-untyped-def]
    out, report_path = client.predict(ESSAY, None, api_name="/check")
    assert 'data-verdict="nonexistent"' in out and "NPQSL 4.25" in out
    assert 'data-verdict="supported"' in out and "#1a7f37" in out  # green
    # the cited statement's text sits beside the sentence
    assert "ingrained and can be difficult to change" in out
    assert "Suggested:" in out and "Uncited sentences worth citing" in out
    report = Path(report_path).read_text(encoding="utf-8")
    assert report.startswith("# Citation check") and "NPQSL 4.25: nonexistent" in report


@pytest.mark.slow
def test_check_empty_text_shows_a_message(client) -> None:  # type: ignore[no-untyped-def]
    out, report = client.predict("", None, api_name="/check")
    assert "empty" in out and report is None


@pytest.mark.slow
def test_check_escapes_pasted_markup(client) -> None:  # type: ignore[no-untyped-def]
    essay = (
        f"Behaviour policies take more than a school term {XSS} to show impact (NPQSL 4.3). "
        f"Routines matter {IMG_XSS} for every pupil in the school (NPQSL 4.99)."
    )
    out, report_path = client.predict(essay, None, api_name="/check")
    no_raw_markup(out)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "<script" not in Path(report_path).read_text(encoding="utf-8")


@pytest.mark.slow
def test_find_escapes_pasted_markup(client) -> None:  # type: ignore[no-untyped-def]
    text = (
        f"Teachers should keep whole school behaviour routines {XSS} consistent for all pupils. "
        f"{IMG_XSS} Zebras quietly juggle purple umbrellas on distant moons every Tuesday."
    )
    summary, table, _csv = client.predict(text, None, "All", api_name="/find")
    no_raw_markup(summary)
    # Table cells are plain-text data (the Dataframe shows "str" cells as text, never as HTML).
    assert any(XSS in r[0] for r in table["data"])


@pytest.mark.slow
def test_browse_area_in_order_with_practice(client) -> None:  # type: ignore[no-untyped-def]
    out = client.predict("NPQSL", "4", "", api_name="/browse")
    assert "NPQSL 4.P1" in out and "NPQSL 4.P1.1" in out
    assert out.index("NPQSL 4.1<") < out.index("NPQSL 4.2<") < out.index("NPQSL 4.10<")
    assert out.index("NPQSL 4.21<") < out.index("NPQSL 4.P1<")
    assert "Same text in" in out and "NPQEL 4.3" in out


@pytest.mark.slow
def test_browse_flags_repaired_and_incomplete(client) -> None:  # type: ignore[no-untyped-def]
    assert "⚠ repaired" in client.predict("NPQSL", "2", "", api_name="/browse")
    # NPQSL 5.P1.1, cut in its source, is completed from NPQEL 5.P1.1 (thirtieth round);
    # NPQEL 3.P4.1 has no twin to complete it from.
    assert "⚠ repaired" in client.predict("NPQSL", "5", "", api_name="/browse")
    assert "⚠ incomplete" in client.predict("NPQEL", "3", "", api_name="/browse")


@pytest.mark.slow
def test_browse_filter_and_bad_area(client) -> None:  # type: ignore[no-untyped-def]
    out = client.predict("NPQSL", "4", "sanctions", api_name="/browse")
    assert "match “sanctions”" in out
    assert "NPQSL 4.3<" not in out  # filtered away
    shown = re.findall(r'class="npq-sid">([^<]+)<', out)
    assert shown and len(shown) < 40
    out = client.predict("NPQSL", "4", XSS, api_name="/browse")
    no_raw_markup(out)
    assert "Nothing matches" in out
    assert "no area 10" in client.predict("NPQLT", "10", "", api_name="/browse")
    # NPQLT area 1 (Teaching) is in the framework, with no statements: said as Ask says it.
    out = client.predict("NPQLT", "1", "", api_name="/browse")
    assert "NPQLT area 1 (Teaching) holds no statements in the framework text here" in out
    # An id of another framework says where it is (a usability test: "Nothing matches").
    out = client.predict("NPQEL", "4", "NPQSL 4.9", api_name="/browse")
    assert "NPQSL 4.9 is in NPQSL area 4" in out and "Nothing matches" not in out
    assert re.findall(r'class="npq-sid">([^<]+)<', out) == ["NPQSL 4.9"]
    # A word found only in other areas says which (a usability test: "routines" in area 1).
    out = client.predict("NPQSL", "1", "routines", api_name="/browse")
    assert "Nothing matches in this area. In NPQSL: area 2 (Teaching); area 4 (Behaviour)." in out


@pytest.mark.slow
def test_basic_auth_when_both_variables_are_set(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gradio_client import Client

    from ui.app import launch

    monkeypatch.setenv("NPQ_UI_USER", "teacher")
    monkeypatch.setenv("NPQ_UI_PASSWORD", "s3cret")
    port = free_port()
    app = launch(served.services, "127.0.0.1", port, block=False, quiet=True)  # type: ignore[arg-type]
    try:
        url = f"http://127.0.0.1:{port}/"
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do
            Client(url, verbose=False).predict("NPQSL", "4", "", api_name="/browse")
        ok = Client(url, verbose=False, auth=("teacher", "s3cret"))
        assert "NPQSL 4.P1" in ok.predict("NPQSL", "4", "", api_name="/browse")
    finally:
        app.close()


def test_a_remembered_framework_sets_ask_find_and_browse() -> None:
    assert remembered_framework("NPQSL") == ("NPQSL", "NPQSL", "NPQSL")
    assert remembered_framework("NPQLT") == ("NPQLT", "NPQLT", "NPQLT")
    # "All" for Ask and Find; Browse shows one framework at a time, its first.
    assert remembered_framework("All") == ("All", "All", "NPQSL")
    # Nothing saved yet, or a value edited by hand in the browser's storage: the defaults.
    for saved in (None, "", "NPQH", "<script>", 3, ["NPQSL"]):
        assert remembered_framework(saved) == ("All", "All", "NPQSL")


def test_a_chip_copies_its_citation_and_quotation_but_never_a_flagged_one(
    search_index,  # type: ignore[no-untyped-def]
) -> None:
    s = search_index.get("NPQSL 4.3")
    chip = statement_chip("NPQSL 4.3", s)
    assert 'data-copy="(NPQSL 4.3)"' in chip
    quote = esc(f"“{' '.join(s.text.split())}” (NPQSL 4.3)")
    assert f'data-copy="{quote}"' in chip
    # A cut-off statement is quoted as cut off.
    cut = next(t for t in search_index.statements if t.incomplete and t.kind != "provider_section")
    assert esc(f"{' '.join(cut.text.split())}…” ({cut.id})") in statement_chip(cut.id, cut)
    # An id that does not exist, or one cited outside the evidence, has nothing to copy.
    assert "npq-copy" not in statement_chip("NPQSL 4.99", None)
    assert "npq-copy" not in statement_chip("NPQSL 4.3", s, bad="not among the statements")
