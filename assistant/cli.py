"""``npq``: the command line. Every subcommand calls the same functions the app does.

    npq ingest                      parse corpus/ into the statement store
    npq statements [filters]        list statements (table or jsonl)
    npq search QUERY [filters]      hybrid search; --queries-file for batches
    npq ask QUESTION                answer with cited statements; --questions-file for batches
    npq find FILE|-                 statements that support each sentence of a text
    npq check FILE|-                check every citation in an essay
    npq ui                          start the Gradio app
    npq eval retrieval|answers|citations   run an evaluation and write its report
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from assistant.settings import Settings
from ingest.errors import ManifestError
from ingest.records import FRAMEWORKS, IngestResult, Statement, statement_sort_key


class CLIError(Exception):
    """A problem to report in one line, with exit status 2."""


def main(argv: list[str] | None = None) -> int:
    """Run the ``npq`` command line. Returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except (CLIError, ManifestError) as exc:
        print(f"npq {args.command}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="npq", description="Search and cite the DfE NPQ frameworks.")
    sub = p.add_subparsers(dest="command")

    s = sub.add_parser("ingest", help="parse the corpus into the statement store")
    s.add_argument("--corpus", type=Path, help="corpus folder (default: settings)")
    s.add_argument("--data", type=Path, help="data folder (default: settings)")
    s.add_argument("--quiet", action="store_true", help="no progress bar")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("statements", help="list statements")
    _filters(s)
    s.add_argument("--format", choices=("table", "jsonl"), default="table")
    s.set_defaults(func=cmd_statements)

    s = sub.add_parser("search", help="search statements by id, words or meaning")
    s.add_argument("query", nargs="?", help="the query (or use --queries-file)")
    s.add_argument("--queries-file", type=Path, help="one query per line ('-' for stdin)")
    s.add_argument("--top-k", type=int, default=None, help="results per query (default 10)")
    _filters(s)
    s.add_argument("--format", choices=("text", "json", "jsonl"), default=None)
    s.set_defaults(func=cmd_search)

    return p


def _filters(s: argparse.ArgumentParser) -> None:
    s.add_argument("--framework", help="NPQSL, NPQEL or NPQLT")
    s.add_argument("--area", type=int, help="area number (1-10)")
    s.add_argument("--kind", help="evidence, practice or provider")


# --------------------------------------------------------------------------- shared loading


def settings() -> Settings:
    """The settings from the environment (NPQ_*)."""
    return Settings()


def load_statements(cfg: Settings, *, quiet: bool = True) -> IngestResult:
    """The statement store, ingesting first when the corpus changed."""
    from ingest.store import load_or_ingest

    if not (cfg.corpus_dir / "manifest.toml").is_file():
        raise CLIError(f"no corpus at {cfg.corpus_dir} (manifest.toml missing); set NPQ_CORPUS_DIR")
    result, _ran = load_or_ingest(cfg.corpus_dir, cfg.data_dir, progress=None)
    return result


def open_search(cfg: Settings, *, log: TextIO = sys.stderr):  # type: ignore[no-untyped-def]
    """Load (or build) the search index for the current corpus."""
    from index.encoder import default_encoder
    from index.errors import IndexStoreError, ModelLoadError
    from index.search import SearchIndex
    from index.store import ensure_index

    result = load_statements(cfg)
    try:
        encoder = default_encoder(cfg.model)
        stored = ensure_index(
            result.statements,
            encoder,
            cfg.data_dir / "index",
            result.corpus_hash,
            log=lambda m: print(m, file=log),
        )
    except ModelLoadError as exc:
        raise CLIError(str(exc)) from exc
    except IndexStoreError as exc:
        raise CLIError(f"the index could not be built: {exc}") from exc
    return SearchIndex(stored, encoder)


# --------------------------------------------------------------------------- ingest


def cmd_ingest(args: argparse.Namespace) -> int:
    """``npq ingest``: parse the corpus, write the store, print counts and warnings."""
    from tqdm import tqdm

    from ingest.manifest import load_manifest
    from ingest.pipeline import ingest_corpus
    from ingest.store import save_store

    cfg = settings()
    corpus = args.corpus or cfg.corpus_dir
    data = args.data or cfg.data_dir
    entries = load_manifest(corpus)
    bar = tqdm(total=len(entries), desc="ingest", unit="source", disable=args.quiet, file=sys.stderr)

    def step(name: str) -> None:
        bar.set_postfix_str(name[:40])
        bar.update(1)

    try:
        result = ingest_corpus(corpus, progress=step)
    finally:
        bar.close()
    try:
        save_store(result, data)
    except OSError as exc:
        raise CLIError(f"could not write the statement store in {data}: {exc}") from exc
    print_summary(result, sys.stdout)
    print(f"\nwrote {len(result.statements)} statements to {data / 'statements.jsonl'}")
    return 0


def print_summary(result: IngestResult, out: TextIO) -> None:
    """Counts per framework, area and kind, then every warning."""
    counts: Counter[tuple[str, int, str]] = Counter(
        (s.framework or "provider", s.area, s.kind) for s in result.statements
    )
    print("framework  area  evidence  headings  bullets  title", file=out)
    titles = {(s.framework, s.area): s.area_title for s in result.statements}
    for fw in FRAMEWORKS:
        areas = sorted({a for f, a, _k in counts if f == fw})
        tot = Counter[str]()
        for a in areas:
            e, h, b = (counts[(fw, a, k)] for k in ("evidence", "practice_heading", "practice"))
            tot.update({"e": e, "h": h, "b": b})
            print(f"{fw:9}  {a:4}  {e:8}  {h:8}  {b:7}  {titles.get((fw, a), '')}", file=out)
        print(f"{fw:9}  all   {tot['e']:8}  {tot['h']:8}  {tot['b']:7}", file=out)
    sections = sum(1 for s in result.statements if s.kind == "provider_section")
    print(f"provider and legacy sections: {sections}", file=out)
    repaired = [s for s in result.statements if s.repaired_from]
    incomplete = [s for s in result.statements if s.incomplete]
    print(f"repaired from another framework: {len(repaired)}; left incomplete: {len(incomplete)}",
          file=out)
    if result.warnings:
        print(f"\n{len(result.warnings)} warnings:", file=out)
        for w in result.warnings:
            print(f"  {w}", file=out)


# --------------------------------------------------------------------------- statements


def cmd_statements(args: argparse.Namespace) -> int:
    """``npq statements``: list statements, filtered."""
    from index.search import QueryError, check_filters

    cfg = settings()
    try:
        fw, area, kinds = check_filters(args.framework, args.area, args.kind)
    except QueryError as exc:
        raise CLIError(str(exc)) from exc
    rows = [
        s
        for s in load_statements(cfg).statements
        if (fw is None or s.framework == fw)
        and (area is None or s.area == area)
        and (kinds is None or s.kind in kinds)
    ]
    rows.sort(key=statement_sort_key)
    for s in rows:
        if args.format == "jsonl":
            print(json.dumps(statement_row(s), ensure_ascii=False))
        else:
            flag = " [incomplete]" if s.incomplete else (" [repaired]" if s.repaired_from else "")
            print(f"{s.id:16} {s.text}{flag}")
    if args.format == "table":
        print(f"\n{len(rows)} statements", file=sys.stderr)
    return 0


def statement_row(s: Statement) -> dict[str, object]:
    """The jsonl row for one statement (``npq statements --format jsonl``)."""
    row = s.to_json()
    row["version"] = s.version
    return row


# --------------------------------------------------------------------------- search


def cmd_search(args: argparse.Namespace) -> int:
    """``npq search``: one query, or a file of queries (model loaded once)."""
    from index.search import QueryError, check_filters

    cfg = settings()
    top_k = args.top_k if args.top_k is not None else cfg.search.top_k
    if top_k < 1:
        raise CLIError(f"--top-k must be greater than 0. Currently, the top_k is {top_k}")
    try:
        check_filters(args.framework, args.area, args.kind)
    except QueryError as exc:
        raise CLIError(str(exc)) from exc
    if args.queries_file is None and args.query is None:
        raise CLIError("give a QUERY or --queries-file FILE")
    queries: list[str]
    if args.queries_file is not None:
        queries = [q for q in _read_lines(args.queries_file) if q.strip()]
        fmt = args.format or "jsonl"
    else:
        queries = [args.query]
        fmt = args.format or "text"
    index = open_search(cfg)
    status = 0
    for q in queries:
        try:
            result = index.search(
                q, k=top_k, framework=args.framework, area=args.area, kind=args.kind
            )
        except QueryError as exc:
            if fmt == "text" or len(queries) == 1 and fmt != "jsonl":
                raise CLIError(str(exc)) from exc
            print(json.dumps({"query": q, "error": str(exc), "results": []}, ensure_ascii=False))
            status = 1
            continue
        if fmt == "text":
            _print_search_text(result)
        else:
            payload = search_payload(result)
            print(json.dumps(payload, ensure_ascii=False, indent=None if fmt == "jsonl" else 1))
    return status


def search_payload(result) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """The JSON shape of one search: query, results, in_scope, notes."""
    return {
        "query": result.query,
        "in_scope": result.in_scope,
        "frameworks": list(result.frameworks),
        "notes": list(result.notes),
        "results": [
            {
                "id": h.statement.id,
                "score": round(h.score, 5),
                "framework": h.statement.framework,
                "area": h.statement.area,
                "kind": h.statement.kind,
                "text": h.statement.text,
                "same_as": list(h.statement.same_as),
                "method": h.method,
            }
            for h in result.hits
        ],
    }


def _print_search_text(result) -> None:  # type: ignore[no-untyped-def]
    from index.search import group_identical

    for note in result.notes:
        print(f"({note})")
    if not result.in_scope:
        print("The frameworks here don't seem to cover this. Closest statements:")
    for n, (hit, ids) in enumerate(group_identical(result.hits), start=1):
        s = hit.statement
        label = " = ".join(ids)
        where = s.title if s.kind == "provider_section" else f"{s.area_title}, {s.kind}"
        print(f"{n:2}. [{label}]  ({where})  score {hit.score:.3f}")
        print(f"    {s.text[:400]}{'…' if len(s.text) > 400 else ''}")


def _read_lines(path: Path) -> list[str]:
    if str(path) == "-":
        return sys.stdin.read().splitlines()
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise CLIError(f"{path}: no such file") from exc
    except UnicodeDecodeError as exc:
        raise CLIError(f"{path}: not UTF-8 text") from exc
    except OSError as exc:
        raise CLIError(f"{path}: {exc.strerror}") from exc


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
