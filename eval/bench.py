"""Speed, memory and growth benchmarks, written to eval/reports/bench.{md,json,png}.

Measures: ingest time, cold start in a fresh process, index build time, warm query latency,
memory after loading, and how build time, size, memory and latency grow on synthetic corpora
10x and 100x the real statement count.

Usage:
    python -m eval.bench
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from eval.common import REPORTS, figure_png, open_index, pyplot, questions, write_atomic_bytes
from index.encoder import Encoder, Vectors
from ingest.records import Statement

PROJECT = Path(__file__).resolve().parents[1]
SCALES: tuple[int, ...] = (1, 10, 100)

# Run in a fresh interpreter: times every stage of starting up, then queries.
# argv: index folder ("" = the configured index via open_index), number of questions.
CHILD_CODE = r"""
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
import psutil
from assistant.settings import Settings
from eval.common import open_index, questions
from index.encoder import default_encoder
from index.search import SearchIndex
from index.store import load_index
t1 = time.perf_counter()
enc = default_encoder(Settings().model, Settings().models_dir)
t2 = time.perf_counter()
if sys.argv[1]:
    stored = load_index(Path(sys.argv[1]), expected_model=enc.name, expected_corpus_hash=None)
    index = SearchIndex(stored, enc)
else:
    index = open_index()
t3 = time.perf_counter()
rss_loaded = psutil.Process().memory_info().rss
index.search("how do leaders support colleagues' professional development?")
t4 = time.perf_counter()
qs = questions("all")
n = int(sys.argv[2])
qs = qs[:: max(1, len(qs) // n)][:n] if n else []
def timed():
    out = []
    for q in qs:
        s = time.perf_counter()
        index.search(q["question"], k=10)
        out.append((time.perf_counter() - s) * 1000)
    return out
lat = timed()
index.encoder.query_threads = 1  # ONNX Runtime's or torch's threads, whichever encodes
lat1 = timed()
print(json.dumps({
    "runtime": index.encoder.runtime, "latencies_1_thread_ms": lat1,
    "import_s": t1 - t0, "model_s": t2 - t1, "index_s": t3 - t2, "first_query_s": t4 - t3,
    "rss_loaded_mb": rss_loaded / 2**20,
    "rss_after_queries_mb": psutil.Process().memory_info().rss / 2**20,
    "statements": len(index.statements), "latencies_ms": lat,
}))
# Exit as `npq` does (assistant.cli.entry): no interpreter teardown after the answer is out.
import os
sys.stdout.flush()
os._exit(0)
"""


def _version(package: str) -> str:
    """An installed package's version, or "not installed"."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def log(msg: str) -> None:
    """One progress line, with the 1-minute load average (CPU competition shows there)."""
    print(f"[bench {time.strftime('%H:%M:%S')} load {os.getloadavg()[0]:.1f}] {msg}", flush=True)


def percentiles(ms: Sequence[float]) -> dict[str, float]:
    """p50, p95 and mean of latencies in ms."""
    arr = np.asarray(ms, dtype=float)
    if not len(arr):
        return {"p50": 0.0, "p95": 0.0, "mean": 0.0, "n": 0}
    return {
        "p50": float(np.percentile(arr, 50)),
        "p95": float(np.percentile(arr, 95)),
        "mean": float(arr.mean()),
        "n": len(arr),
    }


def dir_size_mb(path: Path) -> float:
    """Total size of the files under ``path``, in MiB."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 2**20


def run_child(index_dir: Path | None, n_questions: int) -> dict[str, Any]:
    """Start a fresh interpreter that loads an index and times queries; return its numbers."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD_CODE, str(index_dir or ""), str(n_questions)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall_s"] = wall
    return out


# --------------------------------------------------------------------------- encoders


class _Wrapped:
    """Name, width and query encoding of the wrapped encoder ``base``."""

    base: Encoder

    @property
    def name(self) -> str:
        """The wrapped encoder's name."""
        return self.base.name

    @property
    def dim(self) -> int:
        """The wrapped encoder's width."""
        return self.base.dim

    def encode_queries(self, texts: Sequence[str]) -> Vectors:
        """Delegate."""
        return self.base.encode_queries(texts)


@dataclass
class TimingEncoder(_Wrapped):
    """Wraps an encoder; adds up the time spent in ``encode_documents`` and keeps the vectors."""

    base: Encoder
    encode_s: float = 0.0
    texts: int = 0
    vectors: dict[str, np.ndarray] = field(default_factory=dict)

    def encode_documents(self, texts: Sequence[str], *, show_progress: bool = False) -> Vectors:
        """Delegate, timed; remember text -> vector for the growth runs."""
        t0 = time.perf_counter()
        out = self.base.encode_documents(texts, show_progress=show_progress)
        self.encode_s += time.perf_counter() - t0
        self.texts += len(texts)
        self.vectors.update(zip(texts, out, strict=True))
        return out


@dataclass
class TiledEncoder(_Wrapped):
    """Encodes a random sample of unseen texts; tiles the rest from their source's vector.

    A synthetic text not in ``known`` and not sampled gets its source statement's vector plus
    Gaussian noise, scaled so that its mean cosine to the source matches the mean cosine the
    sampled variants really have. This keeps the 100x build short while giving FAISS vectors
    spread like real ones (not exact duplicates).
    """

    base: Encoder
    known: dict[str, np.ndarray]
    source_of: dict[str, str]
    sample: int
    seed: int = 0
    encode_s: float = 0.0
    tile_s: float = 0.0
    encoded: int = 0
    tiled: int = 0
    variant_cosine: float = 0.0

    def encode_documents(self, texts: Sequence[str], *, show_progress: bool = False) -> Vectors:
        """Known texts reuse their vectors; a sample of the rest is encoded; the rest tiled."""
        rng = np.random.default_rng(self.seed)
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        todo = []
        for i, text in enumerate(texts):
            vec = self.known.get(text)
            if vec is None:
                todo.append(i)
            else:
                out[i] = vec
        picked = rng.choice(len(todo), size=min(self.sample, len(todo)), replace=False)
        sampled = [todo[j] for j in picked]
        t0 = time.perf_counter()
        if sampled:
            out[sampled] = self.base.encode_documents([texts[i] for i in sampled])
        self.encode_s = time.perf_counter() - t0
        self.encoded = len(sampled)

        t0 = time.perf_counter()
        if sampled:
            src = np.stack([self.known[self.source_of[texts[i]]] for i in sampled])
            self.variant_cosine = float(np.mean(np.sum(src * out[sampled], axis=1)))
        cos = min(max(self.variant_cosine, 0.5), 0.999) if sampled else 0.9
        sigma = float(np.sqrt((1 / cos**2 - 1) / self.dim))
        chosen = set(sampled)
        rest = [i for i in todo if i not in chosen]
        if rest:
            src = np.stack([self.known[self.source_of[texts[i]]] for i in rest])
            vec = src + rng.normal(0.0, sigma, size=src.shape).astype(np.float32)
            out[rest] = vec / np.linalg.norm(vec, axis=1, keepdims=True)
        self.tile_s = time.perf_counter() - t0
        self.tiled = len(rest)
        return out


# --------------------------------------------------------------------------- synthetic corpora

_CLAUSE_RE = re.compile(r"(?<=[,;])\s+")


def perturb(text: str, rng: random.Random, dropout: float = 0.1) -> str:
    """A light variant of a text: clauses shuffled half the time, ~10% of words dropped."""
    clauses = _CLAUSE_RE.split(text)
    if len(clauses) > 1 and rng.random() < 0.5:
        rng.shuffle(clauses)
    words = " ".join(clauses).split()
    kept = [w for w in words if rng.random() >= dropout] or words[:1]
    return " ".join(kept)


def synthetic_statements(
    statements: Sequence[Statement], scale: int, seed: int = 0
) -> list[Statement]:
    """The real statements, then ``scale - 1`` perturbed copies with variant ids (``~v2``…)."""
    rng = random.Random(seed)
    out = list(statements)
    for j in range(2, scale + 1):
        for s in statements:
            out.append(
                replace(
                    s,
                    id=f"{s.id}~v{j}",
                    group=f"{s.group}~v{j}" if s.group else "",
                    text=perturb(s.text, rng),
                    same_as=(),
                    repaired_from=None,
                )
            )
    return out


# --------------------------------------------------------------------------- the benchmark


def run_bench(
    *,
    cold_runs: int = 3,
    ingest_runs: int = 5,
    growth_sample: int = 400,
    growth_queries: int = 60,
    scales: Sequence[int] = SCALES,
) -> dict[str, Any]:
    """Run every measurement and return the numbers (JSON-ready).

    Args:
        cold_runs: Fresh processes started for the cold-start time (median reported).
        ingest_runs: Ingests of the corpus (median reported).
        growth_sample: New texts actually encoded at each synthetic scale (others tiled).
        growth_queries: Questions timed at each scale (evenly spread over the question set).
        scales: Corpus sizes as multiples of the real statement count; 1 is the real corpus.
    """
    import psutil
    import torch

    from assistant.settings import Settings
    from index.encoder import SentenceTransformerEncoder, default_encoder
    from index.expansions import load_expansions
    from index.store import build_index, index_texts
    from ingest.pipeline import ingest_corpus

    cfg = Settings()
    res: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "torch_threads": torch.get_num_threads(),
            "onnxruntime": _version("onnxruntime"),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "load_average_start": os.getloadavg()[0],
        },
    }

    log(f"ingest: {ingest_runs} runs of ingest_corpus({cfg.corpus_dir.name})")
    times = []
    for _ in range(ingest_runs):
        t0 = time.perf_counter()
        result = ingest_corpus(cfg.corpus_dir)
        times.append(time.perf_counter() - t0)
    res["ingest"] = {
        "median_s": statistics.median(times),
        "runs_s": times,
        "statements": len(result.statements),
    }
    log(f"  median {statistics.median(times):.2f} s for {len(result.statements)} statements")

    log("make sure the configured index exists (not timed)")
    open_index()

    log(f"cold start: {cold_runs} fresh processes (import, model, index, first query)")
    cold = [run_child(None, 0) for _ in range(cold_runs)]
    res["cold_start"] = {
        key: statistics.median(c[key] for c in cold)
        for key in ("wall_s", "import_s", "model_s", "index_s", "first_query_s", "rss_loaded_mb")
    }
    res["cold_start"]["runs_wall_s"] = [c["wall_s"] for c in cold]
    log(
        f"  median {res['cold_start']['wall_s']:.1f} s wall, "
        f"RSS after loading {res['cold_start']['rss_loaded_mb']:.0f} MiB"
    )

    expansions = load_expansions()
    encoder = default_encoder(cfg.model, cfg.models_dir)
    # A first run exports the model to ONNX (index/onnx_bert.py) before anything is encoded:
    # timed apart from the build it precedes, into a folder of its own.
    with tempfile.TemporaryDirectory(prefix="npq-bench-export-") as export_dir:
        t0 = time.perf_counter()
        SentenceTransformerEncoder(cfg.model, cache_dir=Path(export_dir))
        library_s = time.perf_counter() - t0
    timing = TimingEncoder(encoder)
    tmp_root = Path(tempfile.mkdtemp(prefix="npq-bench-"))
    try:
        n_exp = sum(len(expansions.get(s.id, ())) for s in result.statements)
        log(f"index build: {len(result.statements)} statements + {n_exp} expansions, encoded")
        real_dir = tmp_root / "x1"
        t0 = time.perf_counter()
        build_index(
            result.statements,
            timing,
            real_dir,
            corpus_hash=result.corpus_hash,
            show_progress=False,
            expansions=expansions,
        )
        build_s = time.perf_counter() - t0
        throughput = timing.texts / timing.encode_s
        res["build"] = {
            "library_load_s": library_s,
            "seconds": build_s,
            "encode_s": timing.encode_s,
            "texts": timing.texts,
            "texts_per_s": throughput,
            "size_mb": dir_size_mb(real_dir),
        }
        log(f"  {build_s:.1f} s ({timing.encode_s:.1f} s encoding, {throughput:.0f} texts/s)")

        log("warm query latency over all questions (this process)")
        index = open_index()
        qs = questions("all")
        index.search(qs[0]["question"])
        t = time.perf_counter()
        index.prepare()
        res["speller_s"] = time.perf_counter() - t
        log(f"  spelling index and statement links: {res['speller_s']:.2f} s (once, at app start)")

        def time_all() -> list[float]:
            out = []
            for q in qs:
                t = time.perf_counter()
                index.search(q["question"], k=10)
                out.append((time.perf_counter() - t) * 1000)
            return out

        assert isinstance(index.encoder, SentenceTransformerEncoder)
        res["runtime"] = index.encoder.runtime
        res["latency_ms"] = percentiles(time_all())
        index.encoder.query_threads = 1
        res["latency_ms_1_thread"] = percentiles(time_all())
        index.encoder.query_threads = 0
        res["rss_this_process_mb"] = psutil.Process().memory_info().rss / 2**20
        log(
            f"  p50 {res['latency_ms']['p50']:.1f} ms, p95 {res['latency_ms']['p95']:.1f} ms "
            f"(questions encoded by {res['runtime']}); with 1 thread p50 "
            f"{res['latency_ms_1_thread']['p50']:.1f} ms"
        )
        # The same questions with questions encoded by torch (index/bert.py), as before
        # ONNX Runtime: what the export buys, measured in the same process.
        from index.search import SearchIndex

        by_torch = SearchIndex(index.stored, default_encoder(cfg.model))
        by_torch.search(qs[0]["question"])
        index = by_torch
        res["latency_ms_torch"] = percentiles(time_all())
        log(f"  encoded by torch instead: p50 {res['latency_ms_torch']['p50']:.1f} ms")

        growth: list[dict[str, Any]] = []
        base_texts = index_texts(result.statements)
        for scale in scales:
            log(f"growth x{scale}: build, then load and query in a fresh process")
            row: dict[str, Any]
            if scale == 1:
                out_dir, row = (
                    real_dir,
                    {
                        "build_s": build_s,
                        "estimated_full_build_s": build_s,
                        "encoded": timing.texts,
                        "tiled": 0,
                    },
                )
            else:
                synth = synthetic_statements(result.statements, scale)
                texts = index_texts(synth)
                source_of = {t: base_texts[i % len(base_texts)] for i, t in enumerate(texts)}
                # and each statement's own words (bare.index) to its source's own words
                base = result.statements
                for i, st in enumerate(synth):
                    src = base[i % len(base)]
                    if st.kind != "provider_section":
                        source_of.setdefault(st.text, src.text)
                tiled = TiledEncoder(encoder, timing.vectors, source_of, growth_sample)
                out_dir = tmp_root / f"x{scale}"
                t0 = time.perf_counter()
                build_index(
                    synth,
                    tiled,
                    out_dir,
                    corpus_hash=f"synthetic-x{scale}",
                    show_progress=False,
                    expansions=expansions,
                )
                measured = time.perf_counter() - t0
                row = {
                    "build_s": measured,
                    # The same build if every new text were encoded at the measured rate.
                    "estimated_full_build_s": measured
                    - tiled.encode_s
                    - tiled.tile_s
                    + (tiled.encoded + tiled.tiled) / throughput,
                    "encoded": tiled.encoded,
                    "tiled": tiled.tiled,
                    "variant_cosine": tiled.variant_cosine,
                }
            child = run_child(out_dir, growth_queries)
            row.update(
                {
                    "scale": scale,
                    "statements": child["statements"],
                    "size_mb": dir_size_mb(out_dir),
                    "load_s": child["index_s"],
                    "rss_loaded_mb": child["rss_loaded_mb"],
                    "latency_ms": percentiles(child["latencies_ms"]),
                    "latency_ms_1_thread": percentiles(child["latencies_1_thread_ms"]),
                }
            )
            growth.append(row)
            log(
                f"  {row['statements']} statements: build {row['build_s']:.1f} s "
                f"(full encode ~{row['estimated_full_build_s']:.0f} s), "
                f"{row['size_mb']:.1f} MiB, RSS {row['rss_loaded_mb']:.0f} MiB, "
                f"p50 {row['latency_ms']['p50']:.1f} ms "
                f"(1 thread {row['latency_ms_1_thread']['p50']:.1f} ms)"
            )
            if scale != 1:
                shutil.rmtree(out_dir, ignore_errors=True)
        res["growth"] = growth
        res["growth_settings"] = {"sample": growth_sample, "queries": growth_queries}
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)
    res["machine"]["load_average_end"] = os.getloadavg()[0]
    return res


# --------------------------------------------------------------------------- the report


def _report_md(res: dict[str, Any]) -> str:
    m, ing, cold, b = res["machine"], res["ingest"], res["cold_start"], res["build"]
    lat, lat1 = res["latency_ms"], res["latency_ms_1_thread"]
    lat_torch = res.get("latency_ms_torch", lat)
    rows = []
    for g in res["growth"]:
        how = "all encoded" if not g["tiled"] else f"{g['encoded']} encoded, {g['tiled']} tiled"
        rows.append(
            f"| x{g['scale']} | {g['statements']:,} | {g['build_s']:.1f} | "
            f"{g['estimated_full_build_s']:.0f} | {how} | {g['size_mb']:.1f} | "
            f"{g['load_s']:.2f} | {g['rss_loaded_mb']:.0f} | {g['latency_ms']['p50']:.1f} | "
            f"{g['latency_ms']['p95']:.1f} | {g['latency_ms_1_thread']['p50']:.1f} | "
            f"{g['latency_ms_1_thread']['p95']:.1f} |"
        )
    growth_rows = "\n".join(rows)
    gs = res["growth_settings"]
    cos = [g.get("variant_cosine", 0.0) for g in res["growth"] if g["tiled"]]
    return f"""# Benchmarks

Date: {res["date"]} · {m["cpus"]} CPUs · torch threads {m["torch_threads"]} · \
ONNX Runtime {m.get("onnxruntime", "n/a")} · Python
{m["python"]} · {m["platform"]}. 1-minute load average {m["load_average_start"]:.2f} at the
start and {m["load_average_end"]:.2f} at the end: a load above about 1 means another process
was competing for the CPUs, and every time below is then pessimistic.
Regenerate with `python -m eval.bench`.

| measure | value |
|---|---|
| ingest of the corpus (median of {len(ing["runs_s"])}) | {ing["median_s"]:.2f} s \
({ing["statements"]} statements) |
| cold start: a fresh process to its first answer, exiting as `npq` does (median of \
{len(cold["runs_wall_s"])}) | \
**{cold["wall_s"]:.1f} s** wall: imports {cold["import_s"]:.1f} s, model \
{cold["model_s"]:.1f} s, index {cold["index_s"]:.2f} s, first query \
{cold["first_query_s"]:.2f} s |
| index build ({b["texts"]:,} texts encoded: each statement with its area and heading, and \
alone, a text said in several frameworks once; the expansions' vectors come from the shipped \
cache) | **{b["seconds"]:.1f} s**, of \
which encoding {b["encode_s"]:.1f} s ({b["texts_per_s"]:.0f} texts/s, by \
{res.get("runtime", "torch")}); a first run also exports the model to ONNX, once: \
{b.get("library_load_s", 0.0):.1f} s |
| index size on disk | {b["size_mb"]:.1f} MiB |
| warm query latency, {lat["n"]} questions, encoded by {res.get("runtime", "torch")} on every \
core | p50 **{lat["p50"]:.1f} ms**, p95 **{lat["p95"]:.1f} ms** |
| the same on one thread (`query_threads=1`, as the app serving several users) | p50 \
{lat1["p50"]:.1f} ms, p95 {lat1["p95"]:.1f} ms |
| the same encoded by torch (`index/bert.py`; without ONNX Runtime) | p50 \
{lat_torch["p50"]:.1f} ms, p95 {lat_torch["p95"]:.1f} ms |
| spelling index and each statement's twins and counterparts (built at app start, else on \
first use) | \
{res.get("speller_s", 0.0):.2f} s |
| RSS after loading model and index (fresh process) | **{cold["rss_loaded_mb"]:.0f} MiB** |
| RSS of this process after the latency runs | {res["rss_this_process_mb"]:.0f} MiB |

## Growth

Synthetic corpora: the real statements plus perturbed copies (variant ids `~v2`…; each copy
drops about 10% of the words and shuffles the clauses of half the statements). Expansions stay
with the real statements only, as new documents would arrive without hand-written ones. At x10
and x100, only {gs["sample"]} new texts are encoded for real; every other copy gets its source's
vector plus noise scaled to the cosine the encoded copies really have (mean
{", ".join(f"{c:.2f}" for c in cos) or "n/a"}). "Build" is the measured time with tiling;
"full encode" estimates it with every new text encoded at the measured
{b["texts_per_s"]:.0f} texts/s. Latency: {gs["queries"]} questions in a fresh process per scale,
after one warm-up query, first on every core, then again with one thread
(`query_threads=1`). With the CPUs contended, the default multi-threaded query encoding
can stall for hundreds of milliseconds while one thread is steady; the 1-thread columns show
how search itself grows with the corpus.

| scale | statements | build (s) | full encode (s, est.) | vectors | size (MiB) | load (s) | \
RSS (MiB) | p50 (ms) | p95 (ms) | p50, 1 thread | p95, 1 thread |
|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|
{growth_rows}

![growth](bench.png)
"""


def _report_png(res: dict[str, Any]) -> bytes:
    plt = pyplot()

    g = res["growth"]
    n = [r["statements"] for r in g]
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    ax = axes[0]
    ax.loglog(n, [r["build_s"] for r in g], "o-", label="measured (tiled at x10, x100)")
    ax.loglog(n, [r["estimated_full_build_s"] for r in g], "s--", label="estimated, all encoded")
    ax.set_title("index build time (s)")
    ax = axes[1]
    ax.loglog(n, [r["latency_ms"]["p50"] for r in g], "o-", label="p50")
    ax.loglog(n, [r["latency_ms"]["p95"] for r in g], "s--", label="p95")
    ax.loglog(n, [r["latency_ms_1_thread"]["p50"] for r in g], "^-", label="p50, 1 thread")
    ax.loglog(n, [r["latency_ms_1_thread"]["p95"] for r in g], "v--", label="p95, 1 thread")
    ax.set_title("warm query latency (ms)")
    ax = axes[2]
    ax.loglog(n, [r["size_mb"] for r in g], "o-", label="index on disk")
    ax.loglog(n, [r["rss_loaded_mb"] for r in g], "s--", label="RSS after loading")
    ax.set_title("size (MiB)")
    for ax in axes:
        ax.set_xlabel("statements")
        ax.grid(True, which="both", alpha=0.3)
        ax.legend()
    fig.suptitle(f"npq-assistant growth, {res['machine']['cpus']} CPUs")
    fig.tight_layout()
    return figure_png(fig)


def write_bench_report(res: dict[str, Any], out_dir: Path = REPORTS) -> Path:
    """Write ``bench.md``, ``bench.json`` and ``bench.png`` to ``out_dir``, atomically."""
    out_dir = Path(out_dir)
    write_atomic_bytes(out_dir / "bench.png", _report_png(res))
    write_atomic_bytes(out_dir / "bench.json", (json.dumps(res, indent=1) + "\n").encode())
    md = out_dir / "bench.md"
    write_atomic_bytes(md, _report_md(res).encode("utf-8"))
    return md


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and write the report."""
    parser = argparse.ArgumentParser(prog="python -m eval.bench", description="Benchmarks")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--growth-sample", type=int, default=400)
    parser.add_argument("--growth-queries", type=int, default=60)
    parser.add_argument("--out", type=Path, default=REPORTS, help="report folder")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    res = run_bench(
        cold_runs=args.cold_runs,
        growth_sample=args.growth_sample,
        growth_queries=args.growth_queries,
    )
    res["total_s"] = time.perf_counter() - t0
    path = write_bench_report(res, args.out)
    log(f"done in {res['total_s']:.0f} s; wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
