from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import bm25s
import numpy as np
import pytest

from index.errors import IndexCorruptError, IndexMismatchError
from index.store import (
    INDEX_TEXT_VERSION,
    StoredIndex,
    build_index,
    ensure_index,
    index_texts,
    load_index,
    statement_text_for_index,
    tokenize,
)
from ingest.records import Statement
from tests.index.conftest import CORPUS_HASH
from tests.index.encoders import CountingEncoder, FailingEncoder

Statements = tuple[Statement, ...]


def build(statements: Statements, encoder: CountingEncoder, out: Path) -> Path:
    build_index(statements, encoder, out, corpus_hash=CORPUS_HASH, show_progress=False)
    return out


def load(out: Path, encoder: CountingEncoder, corpus_hash: str | None = CORPUS_HASH) -> StoredIndex:
    return load_index(out, expected_model=encoder.name, expected_corpus_hash=corpus_hash)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def ids(index: StoredIndex, rows: list[tuple[int, float]]) -> list[str]:
    return [index.statements[row].id for row, _ in rows]


# ------------------------------------------------------------------------------ tokens and text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The school’s behaviour routines", ["school", "behaviour", "routin"]),
        ("Pupils’ behaviours", ["pupil", "behaviour"]),
        ("reinforce reinforcing reinforced reinforcement", ["reinforc"] * 4),
        ("bully bullying bullied bullies", ["bully"] * 4),
        ("planned planning", ["plan", "plan"]),
        ("consistency consistent inconsistently", ["consistent", "consistent", "inconsistent"]),
        ("importance important relevance", ["important", "important", "relevant"]),
        ("agency science balance", ["agency", "scienc", "balanc"]),
        ("long-term memory", ["long", "term", "memory"]),
        ("NPQSL costs £1550 plus VAT", ["npqsl", "cost", "1550", "plus", "vat"]),
        ("it is not what they should do", []),
        ("", []),
    ],
)
def test_tokenize(text: str, expected: list[str]) -> None:
    assert tokenize(text) == expected


def test_index_text_adds_area_title_and_practice_heading(sample_statements: Statements) -> None:
    by_id = {s.id: s for s in sample_statements}
    bullet, heading = by_id["NPQSL 4.P1.4"], by_id["NPQSL 4.P1"]
    assert statement_text_for_index(bullet, heading) == (
        "Behaviour\n"
        "Support the development of a positive, predictable and safe environment for pupils, "
        "including by:\n"
        "Ensuring that every pupil has a supportive relationship with a member of staff."
    )
    evidence = by_id["NPQSL 4.9"]
    assert statement_text_for_index(evidence, None) == f"Behaviour\n{evidence.text}"
    section = by_id["provider-olp-npqsl-international#what-does-it-cost"]
    assert statement_text_for_index(section, None) == f"What does it cost?\n{section.text}"
    texts = index_texts(sample_statements)
    assert texts[list(by_id).index("NPQSL 4.P1.4")] == statement_text_for_index(bullet, heading)


# ------------------------------------------------------------------------------ build and load


def test_build_load_round_trip(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    out = build(sample_statements, encoder, tmp_path / "index")
    assert sorted(p.name for p in out.iterdir()) == [
        "bare.index",
        "bm25",
        "faiss.index",
        "manifest.json",
        "statements.jsonl",
    ]
    index = load(out, encoder)
    assert index.statements == sample_statements
    assert index.by_id["NPQSL 4.21"] == sample_statements.index(
        next(s for s in sample_statements if s.id == "NPQSL 4.21")
    )
    assert index.faiss_index.ntotal == len(sample_statements)
    m = index.manifest
    assert (m["model"], m["dim"], m["count"]) == (encoder.name, 384, 17)
    assert m["corpus_hash"] == CORPUS_HASH
    assert m["index_text_version"] == INDEX_TEXT_VERSION
    assert set(m["versions"]) == {"faiss", "bm25s", "sentence_transformers", "numpy", "python"}
    assert m["created"].endswith("+00:00")
    lines = (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [s.id for s in sample_statements]
    # Nothing but the index itself is left next to it.
    assert [p.name for p in tmp_path.iterdir()] == ["index"]


def test_a_text_said_in_two_frameworks_is_encoded_once(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    original = next(s for s in sample_statements if s.id == "NPQSL 4.21")
    twin = dataclasses.replace(original, id="NPQEL 4.21", framework="NPQEL")
    statements = (*sample_statements, twin)
    index = load(build(statements, encoder, tmp_path / "index"), encoder)
    asked = encoder.documents_asked
    assert len(asked) == len(set(asked))
    # Every distinct indexed text and statement's own words (a provider section's indexed text
    # is its own words), nothing more.
    texts = index_texts(statements)
    own = {s.text for s in statements if s.kind != "provider_section"}
    assert set(asked) == set(texts) | own
    assert len(asked) < 2 * len(statements)
    row, twin_row = index.by_id[original.id], index.by_id[twin.id]
    for flat, text in ((index.faiss_index, texts[row]), (index.bare_index, original.text)):
        vectors = flat.reconstruct_n(0, flat.ntotal)
        assert np.array_equal(vectors[twin_row], vectors[row])
        assert np.allclose(vectors[row], encoder.inner.encode_documents([text])[0], atol=1e-5)
        assert not np.allclose(vectors[row], vectors[row - 1], atol=1e-3)


def test_rebuild_replaces_previous_index(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    out = build(sample_statements, encoder, tmp_path / "index")
    build_index(sample_statements[:5], encoder, out, corpus_hash="other", show_progress=False)
    index = load(out, encoder, corpus_hash="other")
    assert index.statements == sample_statements[:5]
    assert [p.name for p in tmp_path.iterdir()] == ["index"]


def test_dense_search_ranks_by_cosine(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    index = load(build(sample_statements, encoder, tmp_path / "index"), encoder)

    def dense(query: str, k: int) -> list[tuple[int, float]]:
        return index.dense_search(encoder.encode_queries([query])[0], k)

    assert ids(index, dense("bullying victim", 1)) == ["NPQSL 4.21"]
    assert ids(index, dense("what does it cost, incl. VAT?", 1)) == [
        "provider-olp-npqsl-international#what-does-it-cost"
    ]
    # Exactly the brute-force cosine ranking (ties to the lower row).
    docs = encoder.encode_documents(index_texts(sample_statements))
    q = encoder.encode_queries(["behaviour routines"])[0]
    scores = docs @ q
    expected = np.lexsort((np.arange(len(scores)), -scores))[:6].tolist()
    got = dense("behaviour routines", 6)
    assert [row for row, _ in got] == expected
    assert [s for _, s in got] == pytest.approx(scores[expected].tolist(), abs=1e-5)
    assert len(dense("behaviour", 100)) == len(sample_statements)


def test_dense_search_finds_by_meaning(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    """No shared content word: only the model's sense of meaning can find these."""
    index = load(build(sample_statements, encoder, tmp_path / "index"), encoder)

    def top(query: str) -> str:
        return ids(index, index.dense_search(encoder.encode_queries([query])[0], 1))[0]

    assert top("kids keep forgetting what they were taught last term") in {
        "NPQLT 3.8",
        "NPQLT 3.4",
        "NPQLT 3.P1.1",
    }
    assert top("colleagues who respect one another") == "NPQLT 2.7"
    q = encoder.encode_queries(["sounding out letters when learning to read"])[0]
    assert ids(index, index.dense_search(q, 1)) == ["NPQSL 3.P2.1"]
    # A (1, dim) row works too.
    assert index.dense_search(q.reshape(1, -1), 1) == index.dense_search(q, 1)


@pytest.mark.parametrize("k", [0, -1])
def test_searches_reject_bad_k(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder, k: int
) -> None:
    index = load(build(sample_statements, encoder, tmp_path / "index"), encoder)
    with pytest.raises(ValueError, match=f"k is {k}"):
        index.dense_search(encoder.encode_queries(["memory"])[0], k)
    with pytest.raises(ValueError, match=f"k is {k}"):
        index.bm25_search("memory", k)


def test_dense_search_rejects_wrong_width(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    index = load(build(sample_statements, encoder, tmp_path / "index"), encoder)
    with pytest.raises(ValueError, match=f"{encoder.dim} values"):
        index.dense_search(np.ones(5, dtype=np.float32), 3)


def test_bm25_search(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    index = load(build(sample_statements, encoder, tmp_path / "index"), encoder)
    assert ids(index, index.bm25_search("synthetic phonics", 5)) == ["NPQSL 3.P2.1"]
    assert ids(index, index.bm25_search("How much does it cost? VAT", 1)) == [
        "provider-olp-npqsl-international#what-does-it-cost"
    ]
    assert ids(index, index.bm25_search("victims of bullies", 3)) == ["NPQSL 4.21"]
    # Every statement mentioning memory once; equal term counts, so the shorter text wins
    # (11, 15 and 16 tokens).
    hits = index.bm25_search("memories", 10)
    assert ids(index, hits) == ["NPQLT 3.4", "NPQLT 3.P1.1", "NPQLT 3.8"]
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert len(index.bm25_search("memory", 2)) == 2
    assert index.bm25_search("what is it that they should not do", 5) == []
    assert index.bm25_search("xylophone", 5) == []


def test_bm25_matches_own_reference(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    index = load(build(sample_statements, encoder, tmp_path / "index"), encoder)
    fresh = bm25s.BM25()
    fresh.index([tokenize(t) for t in index_texts(sample_statements)], show_progress=False)
    expected = fresh.get_scores(tokenize("behaviour routines"))
    got = dict(index.bm25_search("behaviour routines", 20))
    assert got == pytest.approx({i: float(s) for i, s in enumerate(expected) if s > 0})


# ------------------------------------------------------------------------------ mismatch


def test_load_rejects_other_corpus(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    out = build(sample_statements, encoder, tmp_path / "index")
    with pytest.raises(IndexMismatchError, match="corpus_hash") as err:
        load(out, encoder, corpus_hash="another-corpus")
    assert err.value.reason == "index was built for another corpus"
    # None skips the corpus check.
    assert load(out, encoder, corpus_hash=None).manifest["count"] == len(sample_statements)


def test_load_rejects_other_model(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    out = build(sample_statements, encoder, tmp_path / "index")
    with pytest.raises(IndexMismatchError, match="model") as err:
        load_index(out, expected_model="other-model", expected_corpus_hash=CORPUS_HASH)
    assert (err.value.field, err.value.found) == ("model", encoder.name)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [({"expected_dim": 768}, "dim"), ({"expected_count": 3}, "count")],
)
def test_load_rejects_other_dim_or_count(
    tmp_path: Path,
    sample_statements: Statements,
    encoder: CountingEncoder,
    kwargs: dict[str, int],
    field: str,
) -> None:
    out = build(sample_statements, encoder, tmp_path / "index")
    with pytest.raises(IndexMismatchError) as err:
        load_index(out, expected_model=encoder.name, expected_corpus_hash=None, **kwargs)
    assert err.value.field == field


def test_load_rejects_old_index_text_version(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    out = build(sample_statements, encoder, tmp_path / "index")
    edit_manifest(out, index_text_version=INDEX_TEXT_VERSION - 1)
    with pytest.raises(IndexMismatchError, match="index_text_version"):
        load(out, encoder)


# ------------------------------------------------------------------------------ corruption


def edit_manifest(out: Path, **changes: object) -> None:
    path = out / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest.update(changes)
    path.write_text(json.dumps(manifest), encoding="utf-8")


def restamp(out: Path) -> None:
    """Make the manifest's checksums match the damaged files, to reach the deeper checks."""
    from index.store import _file_stamp

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"] = {rel: _file_stamp(out / rel) for rel in manifest["files"]}
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def truncate_statements(out: Path) -> None:
    path = out / "statements.jsonl"
    path.write_bytes(path.read_bytes()[:-200])


def drop_last_statement(out: Path) -> None:
    path = out / "statements.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")


def garbage_faiss(out: Path) -> None:
    path = out / "faiss.index"
    size = path.stat().st_size
    path.write_bytes((b"this is not a faiss index" * (size // 25 + 1))[:size])


def truncate_faiss(out: Path) -> None:
    path = out / "faiss.index"
    path.write_bytes(path.read_bytes()[:100])


def garbage_bare(out: Path) -> None:
    path = out / "bare.index"
    size = path.stat().st_size
    path.write_bytes((b"not the statements' own vectors" * (size // 31 + 1))[:size])


def delete_bare(out: Path) -> None:
    (out / "bare.index").unlink()


def delete_bm25_vocab(out: Path) -> None:
    (out / "bm25" / "vocab.index.json").unlink()


def garbage_bm25_params(out: Path) -> None:
    (out / "bm25" / "params.index.json").write_text("{not json", encoding="utf-8")


def garbage_manifest(out: Path) -> None:
    (out / "manifest.json").write_text('{"model": "sentence-transf', encoding="utf-8")


def delete_manifest(out: Path) -> None:
    (out / "manifest.json").unlink()


CORRUPTIONS: list[tuple[Callable[[Path], None], str]] = [
    (truncate_statements, "statements.jsonl"),
    (drop_last_statement, "statements.jsonl"),
    (garbage_faiss, "faiss.index"),
    (truncate_faiss, "faiss.index"),
    (garbage_bare, "bare.index"),
    (delete_bare, "bare.index"),
    (delete_bm25_vocab, "vocab.index.json"),
    (garbage_bm25_params, "params.index.json"),
    (garbage_manifest, "manifest.json"),
    (delete_manifest, "manifest.json"),
]


@pytest.mark.parametrize(("damage", "file"), CORRUPTIONS, ids=lambda v: getattr(v, "__name__", v))
def test_load_names_the_corrupt_file(
    tmp_path: Path,
    sample_statements: Statements,
    encoder: CountingEncoder,
    damage: Callable[[Path], None],
    file: str,
) -> None:
    out = build(sample_statements, encoder, tmp_path / "index")
    damage(out)
    with pytest.raises(IndexCorruptError) as err:
        load(out, encoder)
    assert err.value.path.name == file
    assert file in str(err.value)


DEEP_CORRUPTIONS: list[tuple[Callable[[Path], None], str, str]] = [
    (truncate_statements, "statements.jsonl", "truncated"),
    (drop_last_statement, "statements.jsonl", "16 statements but the manifest says 17"),
    (garbage_faiss, "faiss.index", "not a readable FAISS index"),
    (truncate_faiss, "faiss.index", "truncated"),
    (garbage_bare, "bare.index", "not a readable FAISS index"),
    (garbage_bm25_params, "bm25", "not a readable BM25 index"),
]


@pytest.mark.parametrize(
    ("damage", "file", "reason"), DEEP_CORRUPTIONS, ids=lambda v: getattr(v, "__name__", v)
)
def test_load_checks_contents_not_only_checksums(
    tmp_path: Path,
    sample_statements: Statements,
    encoder: CountingEncoder,
    damage: Callable[[Path], None],
    file: str,
    reason: str,
) -> None:
    out = build(sample_statements, encoder, tmp_path / "index")
    damage(out)
    restamp(out)
    with pytest.raises(IndexCorruptError, match=reason) as err:
        load(out, encoder)
    assert err.value.path.name == file


def test_faiss_and_statements_must_agree(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    """FAISS from one build and statements from another: ntotal != number of lines."""
    big = build(sample_statements, encoder, tmp_path / "big")
    small = build(sample_statements[:4], encoder, tmp_path / "small")
    (small / "faiss.index").write_bytes((big / "faiss.index").read_bytes())
    restamp(small)
    with pytest.raises(IndexCorruptError, match=r"17 vectors but statements\.jsonl has 4") as err:
        load(small, encoder)
    assert err.value.path.name == "faiss.index"


def test_load_missing_folder(tmp_path: Path, encoder: CountingEncoder) -> None:
    with pytest.raises(IndexCorruptError, match="no index folder"):
        load(tmp_path / "nowhere", encoder)


# ------------------------------------------------------------------------------ ensure_index


def test_ensure_index_builds_then_reuses(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    out = tmp_path / "index"
    logs: list[str] = []
    first = ensure_index(sample_statements, encoder, out, CORPUS_HASH, log=logs.append)
    assert logs == [f"no index at {out}: building"]
    assert encoder.document_calls == 1
    second = ensure_index(sample_statements, encoder, out, CORPUS_HASH, log=logs.append)
    assert encoder.document_calls == 1 and len(logs) == 1
    assert second.statements == first.statements == sample_statements


def test_ensure_index_rebuilds_for_another_corpus(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    out = build(sample_statements[:5], encoder, tmp_path / "index")
    logs: list[str] = []
    index = ensure_index(sample_statements, encoder, out, "new-corpus", log=logs.append)
    assert logs == ["index was built for another corpus: rebuilding"]
    assert index.statements == sample_statements
    assert index.manifest["corpus_hash"] == "new-corpus"


def test_ensure_index_says_when_only_the_expansions_changed(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    out = tmp_path / "index"
    first = {"NPQSL 4.9": ("do routines help behaviour",)}
    ensure_index(
        sample_statements, encoder, out, CORPUS_HASH, log=lambda _m: None, expansions=first
    )
    logs: list[str] = []
    second = {"NPQSL 4.9": ("do routines help behaviour", "same routines every day")}
    index = ensure_index(
        sample_statements, encoder, out, CORPUS_HASH, log=logs.append, expansions=second
    )
    assert logs == ["index was built with other user wordings (expansions): rebuilding"]
    assert index.manifest["expansions"] == 2


def test_ensure_index_rebuilds_for_another_model(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    out = build(sample_statements, encoder, tmp_path / "index")
    logs: list[str] = []
    other = CountingEncoder(encoder.inner, name="other-model")
    index = ensure_index(sample_statements, other, out, CORPUS_HASH, log=logs.append)
    assert logs == [f"index was built with model '{encoder.name}', not 'other-model': rebuilding"]
    assert index.manifest["model"] == "other-model"


@pytest.mark.parametrize(("damage", "file"), CORRUPTIONS, ids=lambda v: getattr(v, "__name__", v))
def test_ensure_index_rebuilds_when_corrupt(
    tmp_path: Path,
    sample_statements: Statements,
    encoder: CountingEncoder,
    damage: Callable[[Path], None],
    file: str,
) -> None:
    out = build(sample_statements, encoder, tmp_path / "index")
    logs: list[str] = []
    damage(out)
    index = ensure_index(sample_statements, encoder, out, CORPUS_HASH, log=logs.append)
    assert len(logs) == 1 and file in logs[0] and logs[0].endswith(": rebuilding")
    assert index.statements == sample_statements
    assert load(out, encoder).statements == sample_statements


# ------------------------------------------------------------------------------ atomicity


def test_failing_encoder_leaves_previous_index(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    out = build(sample_statements[:5], encoder, tmp_path / "index")
    before = snapshot(out)
    with pytest.raises(RuntimeError, match="blew up"):
        build_index(
            sample_statements,
            FailingEncoder(encoder.inner),
            out,
            corpus_hash="x",
            show_progress=False,
        )
    assert snapshot(out) == before
    assert load(out, encoder).statements == sample_statements[:5]
    assert [p.name for p in tmp_path.iterdir()] == ["index"]


def test_failure_while_writing_leaves_previous_index(
    tmp_path: Path,
    sample_statements: Statements,
    encoder: CountingEncoder,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk fills up after statements.jsonl and faiss.index are written, before BM25."""
    out = build(sample_statements[:5], encoder, tmp_path / "index")
    before = snapshot(out)

    def disk_full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bm25s.BM25, "save", disk_full)
    with pytest.raises(OSError, match="No space left"):
        build_index(sample_statements, encoder, out, corpus_hash="x", show_progress=False)
    assert snapshot(out) == before
    assert load(out, encoder).statements == sample_statements[:5]
    assert [p.name for p in tmp_path.iterdir()] == ["index"]


def test_build_refuses_to_replace_a_folder_that_is_not_an_index(
    tmp_path: Path, sample_statements: Statements, encoder: CountingEncoder
) -> None:
    notes = tmp_path / "index" / "notes.txt"
    notes.parent.mkdir()
    notes.write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match=r"not part of an index \(notes.txt\)"):
        build(sample_statements, encoder, tmp_path / "index")
    assert notes.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("statements", "message"),
    [((), "at least one statement"), (None, "duplicate statement id 'NPQSL 3.4'")],
)
def test_build_rejects_bad_input(
    tmp_path: Path,
    sample_statements: Statements,
    encoder: CountingEncoder,
    statements: Statements | None,
    message: str,
) -> None:
    if statements is None:
        statements = (*sample_statements, dataclasses.replace(sample_statements[0]))
    with pytest.raises(ValueError, match=message):
        build(statements, encoder, tmp_path / "index")
    assert not (tmp_path / "index").exists()
