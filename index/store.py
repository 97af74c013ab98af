"""The stored index: FAISS vectors, the statements, a BM25 index and a manifest, in one folder.

Layout of an index directory::

    manifest.json      model, dim, count, corpus hash, text/tokenizer versions, file checksums
    statements.jsonl   line i is the Statement in FAISS row i (``Statement.to_json()``)
    faiss.index        IndexFlatIP over L2-normalised float32 vectors (exact cosine)
    bare.index         the same for each statement's own words alone (no area or heading),
                       to match a statement with its wording in another framework
    bm25/              a bm25s index over `tokenize` of the same texts (no pickle)

`build_index` writes a complete new folder next to the old one and swaps it in, so a failed
build never leaves a half-written index and never destroys the previous one. `load_index`
checks the manifest and every file, and raises `IndexMismatchError` or `IndexCorruptError`
(never a raw faiss or json traceback). `ensure_index` loads, or rebuilds when it must.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import platform
import re
import shutil
import tempfile
import time
import unicodedata
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import bm25s
import faiss
import numpy as np
import numpy.typing as npt

from index.encoder import Encoder
from index.errors import IndexCorruptError, IndexMismatchError, IndexStoreError
from ingest.records import Statement

logger = logging.getLogger(__name__)

# A query against a flat index of some thousand vectors is one pass over memory: FAISS's
# OpenMP threads gain nothing there and contend with torch's query encoding for the same
# cores (`make bench`, 2 cores, 10,000 expansion vectors: warm p50 14.3 -> 11.0 ms).
FAISS_THREADS = 1
faiss.omp_set_num_threads(FAISS_THREADS)

STORE_FORMAT = 2
"""Version of the folder layout. Bump when files or their meaning change."""

INDEX_TEXT_VERSION = 2
"""Version of `statement_text_for_index`. Bump whenever it changes, so old indexes rebuild."""

TOKENIZER_VERSION = "simple-en-2"
"""Version of `tokenize`. Bump whenever it changes: BM25 queries must match the index."""

MANIFEST = "manifest.json"
STATEMENTS = "statements.jsonl"
FAISS_INDEX = "faiss.index"
BM25_DIR = "bm25"
EXPANSIONS_INDEX = "expansions.index"
EXPANSION_ROWS = "expansions.json"
BARE_INDEX = "bare.index"
_OWN_NAMES = frozenset(
    {MANIFEST, STATEMENTS, FAISS_INDEX, BM25_DIR, EXPANSIONS_INDEX, EXPANSION_ROWS, BARE_INDEX}
)
_STALE_AFTER_S = 3600.0

Vectors = npt.NDArray[np.float32]


# --------------------------------------------------------------------------- text and tokens


def statement_text_for_index(s: Statement, heading: Statement | None) -> str:
    """Return the text embedded and keyword-indexed for one statement.

    Framework statements get their area title first; a practice bullet also gets the text of
    its "Learn how to…" heading, which carries the bullet's purpose. A provider section is its
    title and body. Bump `INDEX_TEXT_VERSION` when changing this.

    Args:
        s: The statement.
        heading: The practice heading ``s.group`` names, for practice bullets; else ``None``.
    """
    if s.kind == "provider_section":
        return "\n".join(part for part in (s.title, s.text) if part)
    parts = [s.area_title]
    if s.kind == "practice" and heading is not None:
        parts.append(heading.text)
    parts.append(s.text)
    return "\n".join(part for part in parts if part)


def index_texts(statements: Sequence[Statement]) -> list[str]:
    """Return `statement_text_for_index` of every statement, resolving practice headings."""
    by_id = {s.id: s for s in statements}
    texts = []
    for s in statements:
        heading = by_id.get(s.group) if s.kind == "practice" and s.group else None
        if s.kind == "practice" and heading is None:
            logger.warning("%s: its practice heading %r is not in the corpus", s.id, s.group)
        texts.append(statement_text_for_index(s, heading))
    return texts


# The usual English IR stopword list, plus hedges and fillers ("may", "e.g.") that carry no
# topic. Negations go too: BM25 matches topics; negation is for the answer checker.
_STOPWORD_TEXT = """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves also e g eg ie etc may might must shall
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())

_WORD_RE = re.compile(r"[^\W_]+")
_POSSESSIVE_RE = re.compile(r"'s\b")


def tokenize(text: str) -> list[str]:
    """Split text into lowercase, stemmed keyword tokens; the same for queries and documents.

    Lowercases, drops possessive ``'s`` and apostrophes, splits on anything that is not a
    letter or digit, removes English stopwords and single letters, and applies `stem`.

    Example:
        >>> tokenize("The school’s behaviour routines")
        ['school', 'behaviour', 'routin']
    """
    norm = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("\u2018", "'")
    norm = _POSSESSIVE_RE.sub("", norm).replace("'", "")
    tokens = []
    for word in _WORD_RE.findall(norm):
        if word in STOPWORDS or (len(word) == 1 and not word.isdigit()):
            continue
        tokens.append(stem(word))
    return tokens


def stem(word: str) -> str:
    """Strip common English suffixes, conservatively (a light, pure-python stemmer).

    Plurals, then one of ``-ing -ed -ly -ment -ness`` (with ``-ied`` → ``-y`` and undoubling
    ``planned`` → ``plan``), then a final ``e``: so ``reinforce``, ``reinforcing``,
    ``reinforced`` and ``reinforcement`` all become ``reinforc``. Last, in a word of more than
    six letters, the noun's ``-ence -ency -ance -ancy`` becomes the adjective's ``-ent -ant``:
    "staff apply the policy inconsistently" then meets "consistency … is paramount" (NPQSL 4.1)
    by its words (`eval/reports/ablations.md`, eleventh round).
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ingly", "edly", "ment", "ness", "ing", "ied", "ed", "ly"):
        if not word.endswith(suffix) or word.endswith("eed"):
            continue
        base = word[: -len(suffix)] + ("y" if suffix == "ied" else "")
        min_len = 5 if suffix == "ly" else 3  # keep bully, early, family whole
        if len(base) >= min_len and (any(c in "aeiou" for c in base) or "y" in base[1:]):
            word = base
            if suffix in ("ing", "ed", "ingly", "edly") and _double_consonant(word):
                word = word[:-1]
        break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if len(word) > 6:
        for noun, adjective in _NOUN_ENDINGS:
            if word.endswith(noun):
                return word[: -len(noun)] + adjective
    return word


# "consistency", "consistence" (its final e gone) -> "consistent"; "importance" -> "important".
_NOUN_ENDINGS = (("ency", "ent"), ("enc", "ent"), ("ancy", "ant"), ("anc", "ant"))


def _double_consonant(word: str) -> bool:
    return len(word) >= 2 and word[-1] == word[-2] and word[-1] not in "aeioulsz"


# --------------------------------------------------------------------------- the loaded index


@dataclass(frozen=True, eq=False)
class StoredIndex:
    """A loaded index: the statements, FAISS, BM25 and the manifest; row i is statement i."""

    statements: tuple[Statement, ...] = field(repr=False)
    faiss_index: Any = field(repr=False)
    bm25: bm25s.BM25 = field(repr=False)
    manifest: dict[str, Any]
    expansion_index: Any = field(default=None, repr=False)
    expansion_rows: tuple[int, ...] = field(default=(), repr=False)
    bare_index: Any = field(default=None, repr=False)
    by_id: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {s.id: i for i, s in enumerate(self.statements)})

    def dense_search(self, query_vec: npt.ArrayLike, k: int) -> list[tuple[int, float]]:
        """Return up to ``k`` (row, cosine) pairs, best first; ties go to the lower row.

        Args:
            query_vec: One normalised query vector, shape ``(dim,)`` or ``(1, dim)``.
            k: How many rows at most.
        """
        _check_k(k)
        dim = int(self.faiss_index.d)
        q = np.ascontiguousarray(np.asarray(query_vec, dtype=np.float32)).reshape(-1)
        if q.shape != (dim,):
            raise ValueError(
                f"query_vec must have {dim} values (one vector); got shape {np.shape(query_vec)}"
            )
        k = min(k, int(self.faiss_index.ntotal))
        if k == 0:
            return []
        scores, rows = self.faiss_index.search(q.reshape(1, dim), k)
        pairs = [(int(r), float(s)) for r, s in zip(rows[0], scores[0], strict=True) if r >= 0]
        pairs.sort(key=lambda p: (-p[1], p[0]))
        return pairs

    def expansion_search(self, query_vec: npt.ArrayLike, k: int) -> list[tuple[int, float]]:
        """Return up to ``k`` (statement row, cosine) pairs from the statements' expansions.

        Each statement counts once, with its best-matching expansion; none without expansions.
        """
        _check_k(k)
        if self.expansion_index is None or not self.expansion_rows:
            return []
        dim = int(self.expansion_index.d)
        q = np.ascontiguousarray(np.asarray(query_vec, dtype=np.float32)).reshape(1, dim)
        n = min(int(self.expansion_index.ntotal), 4 * k)
        scores, rows = self.expansion_index.search(q, n)
        best: dict[int, float] = {}
        for r, sc in zip(rows[0], scores[0], strict=True):
            if r < 0:
                continue
            row = self.expansion_rows[int(r)]
            if float(sc) > best.get(row, -2.0):
                best[row] = float(sc)
        pairs = sorted(best.items(), key=lambda p: (-p[1], p[0]))
        return pairs[:k]

    def expansion_cosine(self, query_vec: npt.ArrayLike, row: int) -> float:
        """Cosine of the query to the best of one statement's expansions (0.0 if it has none)."""
        if self.expansion_index is None:
            return 0.0
        mine = np.flatnonzero(np.asarray(self.expansion_rows) == row)
        if not mine.size:
            return 0.0
        vecs = np.vstack([self.expansion_index.reconstruct(int(i)) for i in mine])
        return float(np.max(vecs @ np.asarray(query_vec, dtype=np.float32)))

    def bm25_search(self, query: str, k: int) -> list[tuple[int, float]]:
        """Return up to ``k`` (row, BM25 score) pairs, best first, only rows sharing a term.

        Args:
            query: The user's words; tokenized as the documents were.
            k: How many rows at most.
        """
        _check_k(k)
        tokens = tokenize(query)
        if not tokens:
            return []
        scores = np.asarray(self.bm25.get_scores(tokens), dtype=np.float64)
        rows = np.flatnonzero(scores > 0)
        order = rows[np.lexsort((rows, -scores[rows]))][:k]
        return [(int(r), float(scores[r])) for r in order]


def _check_k(k: int) -> None:
    if not isinstance(k, int) or isinstance(k, bool) or k < 1:
        raise ValueError(f"k must be an integer greater than 0. Currently, k is {k!r}")


# --------------------------------------------------------------------------- build


def build_index(
    statements: Sequence[Statement],
    encoder: Encoder,
    out_dir: Path,
    *,
    corpus_hash: str,
    show_progress: bool = True,
    expansions: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Encode the statements and write a complete index to ``out_dir``, atomically.

    Everything is written into a temporary folder beside ``out_dir`` (same filesystem), then
    swapped in with renames. If anything fails first, the previous index stays as it was.

    Example:
        >>> build_index(result.statements, default_encoder(), Path("data/index"),
        ...             corpus_hash=result.corpus_hash)

    Args:
        statements: The statements, in the order that becomes their row numbers.
        encoder: Encodes the index texts (see `statement_text_for_index`).
        out_dir: The index folder; created, or replaced if it holds an index.
        corpus_hash: Stamped in the manifest, checked by `load_index`.
        show_progress: Show progress bars while encoding and indexing.
        expansions: Statement id -> texts in users' words that the statement answers
            (document expansion). They are embedded as extra vectors pointing at their
            statement and added to its keyword text.

    Raises:
        ValueError: No statements, duplicate ids, vectors of the wrong shape, or ``out_dir``
            is a non-empty folder that is not an index (it is never deleted).
    """
    if not statements:
        raise ValueError("build_index needs at least one statement; got none")
    seen: set[str] = set()
    for s in statements:
        if s.id in seen:
            raise ValueError(f"duplicate statement id {s.id!r}: ids must be unique in an index")
        seen.add(s.id)
    out_dir = Path(out_dir)
    _check_replaceable(out_dir)

    texts = index_texts(statements)
    exp_texts: list[str] = []
    exp_rows: list[int] = []
    for row, s in enumerate(statements):
        for text in (expansions or {}).get(s.id, ()):
            exp_texts.append(text)
            exp_rows.append(row)
    from index.expansions import cached_vectors

    cached = cached_vectors(encoder.name, exp_texts)
    # A provider section's indexed text is its own already; a statement's is not (area title,
    # heading): its words alone are encoded too.
    bare = [
        s.text if s.kind != "provider_section" else t
        for s, t in zip(statements, texts, strict=True)
    ]
    to_encode = texts + bare + (exp_texts if cached is None else [])
    # A text said in several frameworks (or a statement whose indexed text is its own words)
    # is encoded once: 1,199 distinct texts of the 1,618 for the bundled corpus.
    distinct = list(dict.fromkeys(to_encode))
    where = {text: i for i, text in enumerate(distinct)}
    vectors = _checked_vectors(
        encoder.encode_documents(distinct, show_progress=show_progress),
        len(distinct),
        encoder.dim,
    )[[where[text] for text in to_encode]]
    exp_vectors = cached if cached is not None else vectors[2 * len(texts) :]
    bare_vectors = vectors[len(texts) : 2 * len(texts)]
    vectors = vectors[: len(texts)]
    keyword_texts = list(texts)
    for text, row in zip(exp_texts, exp_rows, strict=True):
        keyword_texts[row] += "\n" + text

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_siblings(out_dir)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        _write_statements(tmp / STATEMENTS, statements)
        flat = faiss.IndexFlatIP(encoder.dim)
        flat.add(vectors)
        faiss.write_index(flat, str(tmp / FAISS_INDEX))
        bare_flat = faiss.IndexFlatIP(encoder.dim)
        bare_flat.add(np.ascontiguousarray(bare_vectors))
        faiss.write_index(bare_flat, str(tmp / BARE_INDEX))
        if exp_texts:
            exp_flat = faiss.IndexFlatIP(encoder.dim)
            exp_flat.add(np.ascontiguousarray(exp_vectors))
            faiss.write_index(exp_flat, str(tmp / EXPANSIONS_INDEX))
            (tmp / EXPANSION_ROWS).write_text(json.dumps(exp_rows), encoding="utf-8")
        retriever = bm25s.BM25()
        retriever.index([tokenize(t) for t in keyword_texts], show_progress=show_progress)
        retriever.save(str(tmp / BM25_DIR), show_progress=False)
        manifest = {
            "format": STORE_FORMAT,
            "model": encoder.name,
            "dim": encoder.dim,
            "count": len(statements),
            "corpus_hash": corpus_hash,
            "expansions": len(exp_texts),
            "index_text_version": INDEX_TEXT_VERSION,
            "tokenizer": TOKENIZER_VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "versions": _versions(),
            "files": {rel: _file_stamp(tmp / rel) for rel in _index_files(tmp)},
        }
        (tmp / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        _fsync_tree(tmp)
        _swap_in(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _check_replaceable(out_dir: Path) -> None:
    """Refuse to replace anything but an index (or an empty folder): never delete user data."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise ValueError(f"{out_dir} exists and is not a folder; refusing to replace it")
    foreign = sorted(p.name for p in out_dir.iterdir() if p.name not in _OWN_NAMES)
    if foreign:
        raise ValueError(
            f"{out_dir} holds files that are not part of an index ({', '.join(foreign[:5])}); "
            "refusing to replace it: choose an empty or new folder for the index"
        )


def _checked_vectors(vectors: object, count: int, dim: int) -> Vectors:
    arr = np.ascontiguousarray(np.asarray(vectors), dtype=np.float32)
    if arr.shape != (count, dim):
        raise ValueError(f"encoder returned vectors of shape {arr.shape}; expected {(count, dim)}")
    if not np.isfinite(arr).all():
        raise ValueError("encoder returned vectors with NaN or infinite values")
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    if not np.allclose(norms[norms > 0], 1.0, atol=1e-3):
        logger.warning("encoder returned vectors that are not unit length; normalising them")
        arr = (arr / np.where(norms > 0, norms, 1.0)).astype(np.float32)
    return arr


def _write_statements(path: Path, statements: Sequence[Statement]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for s in statements:
            fh.write(json.dumps(s.to_json(), ensure_ascii=False) + "\n")


def _versions() -> dict[str, str | None]:
    def dist(name: str) -> str | None:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {
        "faiss": str(getattr(faiss, "__version__", dist("faiss-cpu"))),
        "bm25s": str(getattr(bm25s, "__version__", dist("bm25s"))),
        "sentence_transformers": dist("sentence-transformers"),
        "numpy": np.__version__,
        "python": platform.python_version(),
    }


def _index_files(root: Path) -> list[str]:
    files = (p for p in root.rglob("*") if p.is_file() and p.name != MANIFEST)
    return sorted(p.relative_to(root).as_posix() for p in files)


def _file_stamp(path: Path) -> dict[str, object]:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def _fsync_tree(root: Path) -> None:
    """Flush every file and folder to disk, so the swapped-in index survives a power cut."""
    for path in sorted(root.rglob("*"), reverse=True):
        _fsync(path)
    _fsync(root)


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # e.g. folders cannot be opened on Windows; best effort only
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _swap_in(tmp: Path, out_dir: Path) -> None:
    """Put ``tmp`` at ``out_dir``; the old index is deleted only once the new one is in place."""
    old: Path | None = None
    if out_dir.exists():
        old = out_dir.with_name(f".{out_dir.name}.old-{uuid.uuid4().hex[:8]}")
        os.replace(out_dir, old)
    try:
        os.replace(tmp, out_dir)
    except BaseException:
        if old is not None:
            os.replace(old, out_dir)
        raise
    _fsync(out_dir.parent)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _remove_stale_siblings(out_dir: Path) -> None:
    """Delete temporary folders that killed builds left behind.

    Only old ones: a recent one may be another process's build in progress.
    """
    cutoff = time.time() - _STALE_AFTER_S
    for pattern in (f".{out_dir.name}.tmp-*", f".{out_dir.name}.old-*"):
        for path in out_dir.parent.glob(pattern):
            try:
                if path.is_dir() and path.stat().st_mtime < cutoff:
                    shutil.rmtree(path, ignore_errors=True)
            except OSError:
                continue


# --------------------------------------------------------------------------- load


def load_index(
    dir: Path,
    *,
    expected_model: str,
    expected_corpus_hash: str | None,
    expected_dim: int | None = None,
    expected_count: int | None = None,
) -> StoredIndex:
    """Load an index written by `build_index`, checking that it is whole and the right one.

    Args:
        dir: The index folder.
        expected_model: The encoder name queries will be encoded with.
        expected_corpus_hash: The corpus hash it must have been built from; ``None`` skips it.
        expected_dim: The query vector width, if known.
        expected_count: The number of statements, if known.

    Raises:
        IndexMismatchError: It was built with another model, corpus, dimension, statement
            count, index text version, tokenizer or folder layout.
        IndexCorruptError: A file is missing, truncated, altered or unreadable (it is named).
    """
    dir = Path(dir)
    if not dir.is_dir():
        raise IndexCorruptError(dir, "no index folder here")
    manifest = _read_manifest(dir / MANIFEST)

    checks: list[tuple[str, object, object]] = [
        ("format", STORE_FORMAT, manifest["format"]),
        ("model", expected_model, manifest["model"]),
        ("index_text_version", INDEX_TEXT_VERSION, manifest["index_text_version"]),
        ("tokenizer", TOKENIZER_VERSION, manifest["tokenizer"]),
    ]
    if expected_corpus_hash is not None:
        checks.append(("corpus_hash", expected_corpus_hash, manifest["corpus_hash"]))
    if expected_dim is not None:
        checks.append(("dim", expected_dim, manifest["dim"]))
    if expected_count is not None:
        checks.append(("count", expected_count, manifest["count"]))
    for name, expected, found in checks:
        if expected != found:
            raise IndexMismatchError(dir, name, expected, found)

    _verify_files(dir, manifest["files"])
    count, dim = int(manifest["count"]), int(manifest["dim"])
    statements = _read_statements(dir / STATEMENTS, count)
    flat = _read_faiss(dir / FAISS_INDEX, count, dim)
    retriever = _read_bm25(dir / BM25_DIR, count)
    exp_index, exp_rows = _read_expansions(dir, count, dim, int(manifest.get("expansions", 0)))
    bare = _read_faiss(dir / BARE_INDEX, count, dim)
    return StoredIndex(
        statements=statements,
        faiss_index=flat,
        bm25=retriever,
        manifest=manifest,
        expansion_index=exp_index,
        expansion_rows=exp_rows,
        bare_index=bare,
    )


def _read_expansions(dir: Path, count: int, dim: int, n: int) -> tuple[Any, tuple[int, ...]]:
    if n == 0:
        return None, ()
    flat = _read_faiss(dir / EXPANSIONS_INDEX, n, dim)
    try:
        rows = json.loads((dir / EXPANSION_ROWS).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(dir / EXPANSION_ROWS, f"unreadable ({exc})") from exc
    if (
        not isinstance(rows, list)
        or len(rows) != n
        or not all(isinstance(r, int) and 0 <= r < count for r in rows)
    ):
        raise IndexCorruptError(dir / EXPANSION_ROWS, "does not match the expansion vectors")
    return flat, tuple(rows)


_MANIFEST_TYPES: dict[str, type | tuple[type, ...]] = {
    "format": int,
    "model": str,
    "dim": int,
    "count": int,
    "corpus_hash": str,
    "index_text_version": int,
    "tokenizer": str,
    "files": dict,
}


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IndexCorruptError(path, "file is missing") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexCorruptError(path, f"cannot be read ({exc})") from exc
    try:
        manifest = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise IndexCorruptError(path, f"not valid JSON ({exc})") from exc
    if not isinstance(manifest, dict):
        raise IndexCorruptError(path, "not a JSON object")
    for key, kind in _MANIFEST_TYPES.items():
        value = manifest.get(key)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise IndexCorruptError(path, f"field {key!r} is missing or has the wrong type")
    if manifest["count"] < 1 or manifest["dim"] < 1:
        raise IndexCorruptError(path, "count and dim must be positive")
    return manifest


def _verify_files(dir: Path, files: dict[str, Any]) -> None:
    required = {STATEMENTS, FAISS_INDEX, BARE_INDEX}
    if not required <= files.keys() or not any(f.startswith(f"{BM25_DIR}/") for f in files):
        raise IndexCorruptError(dir / MANIFEST, "its file list is incomplete")
    for rel, stamp in files.items():
        path = dir / rel
        if not isinstance(stamp, dict) or Path(rel).is_absolute() or ".." in Path(rel).parts:
            raise IndexCorruptError(dir / MANIFEST, f"bad file entry {rel!r}")
        if not path.is_file():
            raise IndexCorruptError(path, "file is missing")
        size = path.stat().st_size
        if size != stamp.get("bytes"):
            raise IndexCorruptError(
                path, f"truncated or altered: {size} bytes, {stamp.get('bytes')} written"
            )
        if _file_stamp(path)["sha256"] != stamp.get("sha256"):
            raise IndexCorruptError(path, "contents altered since it was written (checksum)")


def _read_statements(path: Path, count: int) -> tuple[Statement, ...]:
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise IndexCorruptError(path, f"cannot be read ({exc})") from exc
    if raw and not raw.endswith("\n"):
        raise IndexCorruptError(path, "truncated: the last line is incomplete")
    lines = raw.splitlines()
    statements = []
    for n, line in enumerate(lines, start=1):
        try:
            row = json.loads(line)
            if not isinstance(row, dict):
                raise TypeError("not a JSON object")
            statements.append(Statement.from_json(row))
        except (ValueError, KeyError, TypeError) as exc:
            raise IndexCorruptError(path, f"line {n} is not a statement ({exc})") from exc
    if len(statements) != count:
        raise IndexCorruptError(
            path, f"has {len(statements)} statements but the manifest says {count}"
        )
    return tuple(statements)


def _read_faiss(path: Path, count: int, dim: int) -> Any:
    if path.stat().st_size < count * dim * 4:
        raise IndexCorruptError(path, "truncated: too small for its vectors")
    try:
        flat = faiss.read_index(str(path))
    except RuntimeError as exc:  # faiss reports every read problem as RuntimeError
        first = str(exc).strip().splitlines()[-1] if str(exc).strip() else "unreadable"
        raise IndexCorruptError(path, f"not a readable FAISS index ({first})") from exc
    if int(flat.ntotal) != count:
        raise IndexCorruptError(
            path, f"has {flat.ntotal} vectors but statements.jsonl has {count} statements"
        )
    if int(flat.d) != dim:
        raise IndexCorruptError(path, f"holds {flat.d}-d vectors but the manifest says {dim}")
    if flat.metric_type != faiss.METRIC_INNER_PRODUCT:
        raise IndexCorruptError(path, "is not an inner-product index")
    return flat


def _read_bm25(path: Path, count: int) -> bm25s.BM25:
    try:
        retriever = bm25s.BM25.load(str(path), show_progress=False)
        num_docs = int(retriever.scores["num_docs"])
    except (OSError, ValueError, KeyError, TypeError, EOFError) as exc:
        raise IndexCorruptError(path, f"not a readable BM25 index ({exc})") from exc
    if num_docs != count:
        raise IndexCorruptError(path, f"indexes {num_docs} statements, not {count}")
    return retriever


# --------------------------------------------------------------------------- ensure


def ensure_index(
    statements: Sequence[Statement],
    encoder: Encoder,
    dir: Path,
    corpus_hash: str,
    *,
    log: Callable[[str], None] = print,
    expansions: Mapping[str, Sequence[str]] | None = None,
) -> StoredIndex:
    """Load the index in ``dir``, or (re)build it when it is missing, stale or damaged.

    ``expansions`` (see `build_index`) are part of what the index was built from: a change
    to them rebuilds it too.

    Logs one line saying why it rebuilds, e.g. ``index was built for another corpus:
    rebuilding``.

    Example:
        >>> index = ensure_index(result.statements, default_encoder(), Path("data/index"),
        ...                      result.corpus_hash)

    Raises:
        IndexStoreError: The freshly built index still fails to load (a bug, or a full disk).
    """
    dir = Path(dir)
    if expansions:
        digest = hashlib.sha256(
            json.dumps(sorted((k, list(v)) for k, v in expansions.items())).encode()
        ).hexdigest()[:8]
        corpus_hash = f"{corpus_hash}+x{digest}"

    def load() -> StoredIndex:
        return load_index(
            dir,
            expected_model=encoder.name,
            expected_corpus_hash=corpus_hash,
            expected_dim=encoder.dim,
            expected_count=len(statements),
        )

    if not dir.exists():
        log(f"no index at {dir}: building")
    else:
        try:
            return load()
        except IndexStoreError as exc:
            log(f"{_why(exc)}: rebuilding")
    build_index(statements, encoder, dir, corpus_hash=corpus_hash, expansions=expansions)
    return load()


def _why(exc: IndexStoreError) -> str:
    if isinstance(exc, IndexMismatchError):
        return exc.reason
    if isinstance(exc, IndexCorruptError):
        return f"index file {exc.path.name} is unusable ({exc.reason})"
    return str(exc)
