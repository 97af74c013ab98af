"""Document expansions: for each statement, a few texts in users' own words that it answers.

Teachers search in their words ("kids keep forgetting last term's topic"); the frameworks use
theirs ("retrieval practice", "long-term memory"). ``index/data/expansions.jsonl`` holds, for
every distinct statement text in the bundled frameworks, fourteen such texts (plain and indirect
questions, school scenarios from different roles and phases, keywords, an essay-style claim;
the last four, added later, are first-person situations from a classroom, a senior leader, a
trust or governing board, and a sceptical or "where do I start" question), and for every
provider page section 32 (cost, eligibility, delivery…; 24 of them, most in indirect words such
as "will I have to travel far for the sessions?", added later), all written for this project
without reference to the evaluation questions. They are embedded as extra
vectors and added to the keyword text of their statement (doc2query-style expansion);
statements without expansions are searched as they are.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

EXPANSIONS_FILE = Path(__file__).resolve().parent / "data" / "expansions.jsonl"


@functools.cache
def load_expansions(path: Path = EXPANSIONS_FILE) -> dict[str, tuple[str, ...]]:
    """Statement id -> its expansion texts. Missing file: no expansions (a warning-free no-op)."""
    out: dict[str, tuple[str, ...]] = {}
    if not path.is_file():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        queries = tuple(str(q) for q in row.get("queries", []) if str(q).strip())
        for sid in row.get("ids", []):
            out[str(sid)] = out.get(str(sid), ()) + queries
    return out


CACHE_DIR = Path(__file__).resolve().parent / "data" / "expansion_vectors"


def _cache_path(model_name: str) -> Path:
    slug = "".join(c if c.isalnum() else "-" for c in model_name.lower()).strip("-")
    return CACHE_DIR / f"{slug}.npz"


def _texts_hash(texts: Sequence[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()[:16]


def cached_vectors(model_name: str, texts: Sequence[str]) -> np.ndarray | None:
    """Vectors of ``texts`` by ``model_name`` from the shipped cache, or None if not cached.

    Embedding the ~10,000 expansion texts (7,700 distinct: identical statements share theirs)
    takes over a minute on two cores; their vectors for the bundled model ship with the
    package: int8 with a scale per vector (cosine to the float vector > 0.9999), each distinct
    text once, checked against a hash of the texts, so edited expansions or another model are
    simply encoded afresh.
    """
    path = _cache_path(model_name)
    if not texts or not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["texts_hash"]) != _texts_hash(texts):
                return None
            scaled = data["vectors"].astype(np.float32) * data["scales"][:, None]
            vectors = scaled[data["positions"]]
    except (OSError, ValueError, KeyError, IndexError):
        return None
    if vectors.shape[0] != len(texts):
        return None
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def write_cache(model_name: str, texts: Sequence[str], vectors: np.ndarray) -> Path:
    """Store the vectors of ``texts`` for ``model_name`` (maintainers run this after editing)."""
    path = _cache_path(model_name)
    path.parent.mkdir(parents=True, exist_ok=True)
    first: dict[str, int] = {}
    for i, t in enumerate(texts):
        first.setdefault(t, i)
    distinct = list(first.values())
    row_of = {i: r for r, i in enumerate(distinct)}
    positions = np.array([row_of[first[t]] for t in texts], dtype=np.int32)
    kept = np.asarray(vectors[distinct], dtype=np.float32)
    scales = np.maximum(np.abs(kept).max(axis=1), 1e-12) / 127.0
    np.savez_compressed(
        path,
        vectors=np.round(kept / scales[:, None]).astype(np.int8),
        scales=scales.astype(np.float32),
        positions=positions,
        texts_hash=np.array(_texts_hash(texts)),
    )
    return path


def expansion_texts(ids_in_order: Sequence[str]) -> list[str]:
    """The expansion texts of the given statements, in index order (as build_index lays them)."""
    exp = load_expansions()
    return [t for sid in ids_in_order for t in exp.get(sid, ())]
