"""Bad sources: one clear message naming the file and the reason; ingest goes on; nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.cli import main
from ingest.errors import ManifestError, SourceError
from ingest.manifest import load_manifest
from ingest.pipeline import ingest_corpus
from ingest.readers import read_source_text
from ingest.store import STATEMENTS_FILE, load_store, save_store
from tests.conftest import CORPUS
from tests.pdf_factory import (
    make_corrupt_pdf,
    make_encrypted_pdf,
    make_image_only_pdf,
    make_zero_page_pdf,
)

entry_code = """
[[source]]
file = "{file}"
frameworks = [{fw}]
framework_version = "October 2020"
publisher = "test"
kind = "{reader}"
reader = "{reader}"
"""


def _corpus(tmp_path: Path, files: dict[str, tuple[str, str]]) -> Path:
    """A corpus folder: the real NPQLT text plus the given (reader, framework) entries."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / "dfe-npqlt-framework-2020.txt", corpus)
    manifest = entry_code.format(
        file="dfe-npqlt-framework-2020.txt", fw='"NPQLT"', reader="dfe-framework"
    )
    for name, (reader, fw) in files.items():
        manifest += entry_code.format(file=name, fw=f'"{fw}"' if fw else "", reader=reader)
    (corpus / "manifest.toml").write_text(manifest, encoding="utf-8")
    return corpus


def test_each_bad_source_gets_one_clear_warning_and_ingest_goes_on(tmp_path: Path) -> None:
    corpus = _corpus(
        tmp_path,
        {
            "corrupt.pdf": ("dfe-framework", "NPQSL"),
            "locked.pdf": ("dfe-framework", "NPQSL"),
            "scanned.pdf": ("dfe-framework", "NPQSL"),
            "nopages.pdf": ("dfe-framework", "NPQSL"),
            "latin1.txt": ("provider-page", "NPQSL"),
            "empty.txt": ("provider-page", ""),
            "advert.html": ("dfe-framework", "NPQEL"),
            "missing.txt": ("provider-page", ""),
        },
    )
    make_corrupt_pdf(corpus / "corrupt.pdf")
    make_encrypted_pdf(corpus / "locked.pdf")
    make_image_only_pdf(corpus / "scanned.pdf")
    make_zero_page_pdf(corpus / "nopages.pdf")
    (corpus / "latin1.txt").write_bytes("Caf\xe9 fees: \xa3900".encode("latin-1"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "advert.html").write_text(
        "<html><body><h1>Open day</h1><p>Come and visit us.</p></body></html>", encoding="utf-8"
    )
    (corpus / "stray.txt").write_text("not in the manifest", encoding="utf-8")

    result = ingest_corpus(corpus)

    by_file: dict[str, list[str]] = {}
    for w in result.warnings:
        if w.category == "unreadable":
            by_file.setdefault(w.file, []).append(w.message)
    assert "not a readable PDF" in by_file["corrupt.pdf"][0]
    assert "encrypted" in by_file["locked.pdf"][0]
    assert "no text layer" in by_file["scanned.pdf"][0]
    assert "no pages" in by_file["nopages.pdf"][0]
    assert "not UTF-8" in by_file["latin1.txt"][0]
    assert "empty" in by_file["empty.txt"][0]
    assert "no framework tables" in by_file["advert.html"][0]
    assert "not found" in by_file["missing.txt"][0]
    assert "not listed in manifest" in by_file["stray.txt"][0]
    assert 'file = "stray.txt", reader = "dfe-framework"' in by_file["stray.txt"][0]
    assert all(len(msgs) == 1 for msgs in by_file.values())
    # The good source was still read in full.
    assert (
        sum(1 for s in result.statements if s.framework == "NPQLT" and s.kind == "evidence") == 78
    )


def test_binary_file_renamed_txt(tmp_path: Path) -> None:
    p = tmp_path / "essay.txt"
    p.write_bytes(b"PK\x03\x04\x00\x00binary\x00zip")
    with pytest.raises(SourceError, match=r"essay\.txt: binary file"):
        read_source_text(p)


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.truncate(201 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(SourceError, match=r"huge\.txt: file is 201 MB, over the 200 MB limit"):
        read_source_text(p)


def test_unsupported_type(tmp_path: Path) -> None:
    p = tmp_path / "notes.xlsx"
    p.write_bytes(b"x")
    with pytest.raises(SourceError, match=r"unsupported file type \.xlsx"):
        read_source_text(p)


def test_html_page_is_read_as_text(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(
        "<html><head><style>p{}</style><script>alert(1)</script></head><body>"
        "<h2>What does it cost?</h2><p>Fees are &pound;900.</p><ul><li>One</li><li>Two</li></ul>"
        "</body></html>",
        encoding="utf-8",
    )
    text = read_source_text(p)
    assert "What does it cost?" in text and "£900" in text and "• One" in text
    assert "alert" not in text and "p{}" not in text


def test_unknown_reader_names_the_entry(tmp_path: Path) -> None:
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "manifest.toml").write_text(
        '[[source]]\nfile = "x.txt"\nreader = "magic"\n', encoding="utf-8"
    )
    with pytest.raises(ManifestError, match=r"'x\.txt' names unknown reader 'magic'"):
        load_manifest(corpus)


def test_malformed_manifest_cli_message_and_store_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], corpus_result
) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    save_store(corpus_result, data)
    before = (data / STATEMENTS_FILE).read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "manifest.toml").write_text("[[source]\nfile = ", encoding="utf-8")
    status = main(["ingest", "--corpus", str(bad), "--data", str(data), "--quiet"])
    err = capsys.readouterr().err
    assert status == 2
    assert "manifest.toml: not valid TOML" in err and "Traceback" not in err
    assert (data / STATEMENTS_FILE).read_bytes() == before


def test_failed_write_keeps_previous_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus_result
) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    save_store(corpus_result, data)
    before = (data / STATEMENTS_FILE).read_bytes()

    def boom(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("ingest.store.os.replace", boom)
    with pytest.raises(OSError):
        save_store(corpus_result, data)
    monkeypatch.undo()
    assert (data / STATEMENTS_FILE).read_bytes() == before
    assert not [p for p in data.iterdir() if p.name.endswith(".tmp")]
    stored = load_store(data)
    assert stored is not None and len(stored.statements) == len(corpus_result.statements)


def test_cli_ingest_prints_counts_and_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["ingest", "--corpus", str(CORPUS), "--data", str(tmp_path), "--quiet"])
    out = capsys.readouterr().out
    assert status == 0
    assert "NPQSL      all        107        34      136" in out
    assert "NPQEL      all        120        33      135" in out
    assert "NPQLT      all         78        25       86" in out
    assert "'Torun' read as 'To run'" in out
    assert "NPQEL 3.P4.1: text is cut off and cannot be completed" in out
    assert "NPQSL 8.10: cut off in every NPQSL source; completed from NPQEL 8.10" in out
    assert (tmp_path / STATEMENTS_FILE).is_file()


def test_a_dropped_framework_pdf_with_no_entry_is_ingested_once_its_hint_is_followed(
    tmp_path: Path,
) -> None:
    """The skip message names the entry to add; added as written, the PDF is read."""
    import tomllib

    from tests.pdf_factory import make_framework_pdf

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "manifest.toml").write_text(
        '[[source]]\nfile = "seed.txt"\nreader = "dfe-framework"\nframeworks = ["NPQLT"]\n',
        encoding="utf-8",
    )
    shutil.copy(CORPUS / "dfe-npqlt-framework-2020.txt", corpus / "seed.txt")
    make_framework_pdf(corpus / "NPQ Senior Leadership framework.pdf")
    (hint,) = [
        w.message for w in ingest_corpus(corpus).warnings if w.file.endswith("framework.pdf")
    ]
    entry = hint.split("add to manifest.toml: ", 1)[1].split(" (one per line", 1)[0]
    toml_entry = entry.replace("[[source]] ", "[[source]]\n").replace(", ", "\n")
    assert tomllib.loads(toml_entry)["source"][0]["frameworks"] == ["NPQSL"]
    with (corpus / "manifest.toml").open("a", encoding="utf-8") as f:
        f.write("\n" + toml_entry + "\n")
    result = ingest_corpus(corpus)
    assert not [w for w in result.warnings if w.file.endswith("framework.pdf")]
    assert any(s.framework == "NPQSL" for s in result.statements)


def test_output_piped_into_head_ends_quietly() -> None:
    # `npq statements --format jsonl | head -1` had ended in a BrokenPipeError traceback.
    import subprocess
    import sys

    project = Path(__file__).resolve().parents[2]
    entry_code = "from assistant.cli import entry; entry()"
    proc = subprocess.Popen(
        [sys.executable, "-c", entry_code, "statements", "--format", "jsonl"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # the reader goes away, as `head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert first.startswith(b'{"id": "NPQSL 1.1"')
    assert "Traceback" not in err and "BrokenPipe" not in err
