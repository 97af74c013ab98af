"""``npq``: the command line. Every subcommand calls the same functions the app does.

npq ingest                      parse corpus/ into the statement store
npq statements [filters]        list statements (table or jsonl)
npq search QUERY [filters]      hybrid search; --queries-file for batches
npq ask QUESTION                answer with cited statements; --questions-file for batches
npq find FILE|-                 statements that support each sentence of a text
npq check FILE|-                check every citation in an essay
npq ui                          start the Gradio app
npq eval WHAT                   run an evaluation and write its report to eval/reports/
                                (retrieval, answers, citations, typos, phrasing, course, comparison,
                                scenarios, find, blind, fourth … twentythird, ids)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
import textwrap
from collections import Counter
from pathlib import Path
from typing import TextIO

from assistant.settings import Settings
from ingest.errors import ManifestError
from ingest.records import FRAMEWORKS, IngestResult, Statement, statement_sort_key


class CLIError(Exception):
    """A problem to report in one line, with exit status 2."""


# The blind question batches, each `npq eval <name>` (eval/blind.py, `BATCHES`).
BLIND_BATCHES = (
    "blind",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "twentyfirst",
    "twentysecond",
    "twentythird",
)


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
    except BrokenPipeError:
        # `npq statements --format jsonl | head`: the reader has what it wanted. Point stdout at
        # nothing so the final flush does not fail again.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return 0


def entry() -> None:  # pragma: no cover - exits the process
    """The ``npq`` console script: `main`, then a prompt exit.

    Tearing down torch, transformers and friends at interpreter exit takes about a second and
    does nothing for a finished command: every file this program writes is complete (written to a
    temporary file, flushed and renamed) before its command returns. So once the output streams
    and log handlers are flushed, the process ends without that teardown.
    """
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader went away; nothing left to say
        pass
    logging.shutdown()
    os._exit(status)


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

    s = sub.add_parser("ask", help="answer a question with cited statements")
    s.add_argument("question", nargs="?", help="the question (or use --questions-file)")
    s.add_argument("--questions-file", type=Path, help="one question per line ('-' for stdin)")
    s.add_argument("--framework", help="NPQSL, NPQEL or NPQLT")
    s.add_argument("--llm", choices=("none", "openai", "llamacpp"), help="answer writer")
    s.add_argument("--format", choices=("text", "json", "jsonl"), default=None)
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("find", help="find statements that support each sentence of a text")
    s.add_argument("file", help="a .txt, .md, .docx or .pdf file, or - for stdin")
    s.add_argument("--framework", help="NPQSL, NPQEL or NPQLT")
    s.add_argument("--format", choices=("text", "json", "csv", "markdown"), default="text")
    s.set_defaults(func=cmd_find)

    s = sub.add_parser("check", help="check every citation in an essay")
    s.add_argument("file", help="a .txt, .md, .docx or .pdf file, or - for stdin")
    s.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("ui", help="start the Gradio app")
    s.add_argument("--host", default=None, help="bind address (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=None, help="port (default 7860)")
    s.set_defaults(func=cmd_ui)

    s = sub.add_parser("eval", help="run an evaluation and write its report to eval/reports/")
    s.add_argument(
        "what",
        choices=(
            "retrieval",
            "answers",
            "citations",
            "typos",
            "phrasing",
            "course",
            "scenarios",
            "find",
            *BLIND_BATCHES,
            "comparison",
            "ids",
        ),
    )
    s.add_argument("--split", default="test", help="test, dev or all")
    s.add_argument(
        "--questions",
        type=Path,
        help="retrieval only: score this jsonl file's questions instead of a split (the gold "
        "set's format: question, relevant ids); report eval/reports/retrieval-<name>.md",
    )
    s.add_argument(
        "--llm",
        choices=("none", "openai", "llamacpp"),
        default="none",
        help="answers only: the model writing the answers (settings NPQ_LLM__*)",
    )
    s.add_argument("--limit", type=int, default=0, help="answers only: first N questions")
    s.set_defaults(func=cmd_eval)
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


def open_search(cfg: Settings):
    """The search index for the current corpus (built if missing), as the app loads it."""
    return _services(cfg).index


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
    bar = tqdm(
        total=len(entries), desc="ingest", unit="source", disable=args.quiet, file=sys.stderr
    )

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
    print(
        f"repaired from another framework: {len(repaired)}; left incomplete: {len(incomplete)}",
        file=out,
    )
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
        if not queries:
            raise CLIError(f"{args.queries_file}: no queries in it (one per line)")
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
            if fmt == "text" or (len(queries) == 1 and fmt != "jsonl"):
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


def search_payload(result) -> dict[str, object]:
    """The JSON shape of one search: query, results, in_scope, notes."""
    return {
        "query": result.query,
        "in_scope": result.in_scope,
        "loose": result.loose,
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
                # The pre-2021 programme's page: its modules and assessment are not today's.
                "superseded": h.statement.is_superseded,
            }
            for h in result.hits
        ],
    }


def _print_search_text(result) -> None:
    from assistant.brief import LOOSE_NOTE
    from index.search import group_identical

    for note in result.notes:
        print(f"({note})")
    if not result.hits:
        print("No statement matches this search and its filters.")
        return
    if not result.in_scope and result.about_course:
        print("No course page here seems to answer this. Closest course pages:")
    elif not result.in_scope:
        print("The frameworks here don't seem to cover this. Closest statements:")
    elif result.loose:
        print(LOOSE_NOTE)
    for n, (hit, ids) in enumerate(group_identical(result.hits), start=1):
        s = hit.statement
        label = " = ".join(ids)
        where = s.title if s.kind == "provider_section" else f"{s.area_title}, {s.kind}"
        if s.is_superseded:
            where += "; the pre-2021 programme, now superseded"
        print(f"{n:2}. [{label}]  ({where})  score {hit.score:.3f}")
        print(f"    {s.text[:400]}{'…' if len(s.text) > 400 else ''}")


def _read_lines(path: Path) -> list[str]:
    if str(path) == "-":
        return sys.stdin.read().removeprefix("\ufeff").splitlines()
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError as exc:
        raise CLIError(f"{path}: no such file") from exc
    except IsADirectoryError as exc:
        raise CLIError(f"{path}: is a folder, not a file") from exc
    except UnicodeDecodeError as exc:
        raise CLIError(f"{path}: not UTF-8 text") from exc
    except OSError as exc:
        raise CLIError(f"{path}: {exc.strerror}") from exc


# --------------------------------------------------------------------------- ask


def _services(cfg: Settings):
    from assistant.service import load_services
    from index.errors import IndexStoreError, ModelLoadError

    try:
        return load_services(cfg, log=lambda m: print(m, file=sys.stderr))
    except ModelLoadError as exc:
        raise CLIError(str(exc)) from exc
    except IndexStoreError as exc:
        raise CLIError(f"the index could not be built: {exc}") from exc


def cmd_ask(args: argparse.Namespace) -> int:
    """``npq ask``: answer one question (streamed), or a file of questions as jsonl."""
    from index.search import QueryError, check_filters

    cfg = settings()
    if args.llm:
        cfg = cfg.model_copy(update={"llm": cfg.llm.model_copy(update={"backend": args.llm})})
    try:
        check_filters(args.framework, None, None)
    except QueryError as exc:
        raise CLIError(str(exc)) from exc
    if args.questions_file is None and args.question is None:
        raise CLIError("give a QUESTION or --questions-file FILE")
    questions: list[str] = []
    if args.questions_file is not None:
        questions = [q for q in _read_lines(args.questions_file) if q.strip()]
        if not questions:
            raise CLIError(f"{args.questions_file}: no questions in it (one per line)")
    services = _services(cfg)
    bot = services.assistant
    if args.questions_file is not None:
        status = 0
        for q in questions:
            try:
                answer = bot.ask(q, framework=args.framework)
            except QueryError as exc:
                print(json.dumps({"question": q, "error": str(exc)}, ensure_ascii=False))
                status = 1
                continue
            print(json.dumps(answer.to_json(), ensure_ascii=False))
        return status
    fmt = args.format or "text"
    try:
        if fmt == "text":
            from assistant.answer import Answer

            final = None
            for piece in bot.stream(args.question, framework=args.framework):
                if isinstance(piece, Answer):
                    final = piece
                else:
                    print(piece, end="", flush=True)
            assert final is not None
            _print_answer_footer(final)
        else:
            answer = bot.ask(args.question, framework=args.framework)
            print(
                json.dumps(
                    answer.to_json(), ensure_ascii=False, indent=None if fmt == "jsonl" else 1
                )
            )
    except QueryError as exc:
        raise CLIError(str(exc)) from exc
    return 0


def _print_answer_footer(answer) -> None:
    print()
    if answer.note:
        print(f"note: {answer.note}")
    if answer.report.invalid:
        print("INVALID CITATIONS: " + ", ".join(answer.report.invalid))
    for u in answer.report.unsupported:
        better = f" (closer: {', '.join(u.suggested)})" if u.suggested else ""
        print(f"NOT SUPPORTED: {u.id} does not say: {u.sentence}{better}")
    if answer.report.uncited_claims:
        print(f"uncited claims: {len(answer.report.uncited_claims)}")
    print(f"[{answer.backend}; {answer.seconds * 1000:.0f} ms; settings {answer.settings_hash}]")


# --------------------------------------------------------------------------- find / check


def _read_input(spec: str) -> str:
    from assistant.documents import read_document
    from ingest.errors import SourceError

    if spec == "-":
        return sys.stdin.read()
    try:
        return read_document(Path(spec))
    except SourceError as exc:
        raise CLIError(str(exc)) from exc


def _read_text_arg(spec: str) -> str:
    """The text of a FILE|- argument, checked (empty or too long: a clear error)."""
    from assistant import essay

    text = _read_input(spec)
    try:
        return essay.check_text(text)
    except essay.TextError as exc:
        raise CLIError(str(exc)) from exc


def cmd_find(args: argparse.Namespace) -> int:
    """``npq find``: statements that support each sentence, with copy-ready citations."""
    from assistant import essay
    from assistant.brief import quoted
    from index.search import QueryError, check_filters

    try:
        fw, _a, _k = check_filters(args.framework, None, None)
    except QueryError as exc:
        raise CLIError(str(exc)) from exc
    text = _read_text_arg(args.file)
    index = open_search(settings())
    found = essay.find_evidence(text, index, framework=fw, every_sentence=True)
    rows = essay.evidence_rows(found)
    if args.format == "csv":
        sys.stdout.write(essay.rows_to_csv(rows))
    elif args.format == "markdown":
        sys.stdout.write(essay.rows_to_markdown(rows))
    elif args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        for f in found:
            print(f"» {f.sentence.text}")
            if f.skipped:
                print(f"    (not searched: {f.skipped})")
            elif not f.supports:
                print("    (no statement supports this)")
            for sup in f.supports:
                # The whole statement: a user copies the quotation with its ids.
                print(f"    {sup.strength:7} {sup.in_text}")
                print(
                    textwrap.fill(
                        quoted(sup.statement),
                        width=96,
                        initial_indent=" " * 12,
                        subsequent_indent=" " * 12,
                        break_on_hyphens=False,  # "whole-school" stays whole when copied
                        break_long_words=False,
                    )
                )
        refs = sorted({r for f in found for s in f.supports for r in s.references})
        if refs:
            print("\nReferences:")
            for r in refs:
                print(f"  {r}")
        missing = essay.missing_citations(text, index)
        if missing:
            print("\nCited in your text but not in the frameworks (`npq check` checks them all):")
            for note in missing:
                print(f"  {note}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """``npq check``: a verdict for every citation in the text."""
    from assistant import essay

    text = _read_text_arg(args.file)
    index = open_search(settings())
    report = essay.check_essay(text, index)
    if args.format == "json":
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
        return 0
    if args.format == "markdown":
        sys.stdout.write(check_markdown(report))
        return 0
    if not report.citations:
        print("No citations found (looked for e.g. (NPQSL 4.9), NPQ SL 4.9, [NPQEL 2.12]).")
    for c in report.citations:
        sug = f"  -> suggest {', '.join(c.suggested)}" if c.suggested else ""
        # A list ("NPQSL 4.9, 4.10") is checked id by id: say which id each line is about.
        label = c.cited if c.cited and c.cited == " ".join(c.raw.split()) else c.raw
        if c.cited and label != c.cited:
            label = f"{c.cited} (cited as “{c.raw}”)"
        # The right topic, its wording not clearly said: told apart from a claim off the mark.
        shown = "NOT CLEARLY SAID" if c.on_topic else c.verdict.upper()
        print(f"{shown:13} {label}{sug}")
        # Whole: a sentence cut at a fixed width had ended inside its own citation ("[NPQSL "),
        # and a statement users copy must be quoted whole (a user test).
        print(f"    sentence: {' '.join(c.sentence.text.split())}")
        if c.cited_text:
            print(f"    {c.cited}: {' '.join(c.cited_text.split())}")
        if c.reason:
            print(f"    why: {c.reason}")
    for s, ids in report.uncited:
        print(f"CONSIDER      citing {', '.join(ids)} for: {' '.join(s.text.split())}")
    return 0


def check_markdown(report) -> str:
    """The citation check as a Markdown report (also the app's download)."""
    lines = [
        "# Citation check",
        "",
        "| verdict | citation | sentence | cited statement | suggested |",
        "|---|---|---|---|---|",
    ]
    for c in report.citations:
        cells = [c.verdict, c.raw, c.sentence.text, c.cited_text, ", ".join(c.suggested)]
        lines.append(
            "| " + " | ".join(x.replace("|", "\\|").replace("\n", " ") for x in cells) + " |"
        )
    if report.uncited:
        lines += ["", "## Sentences worth citing", ""]
        lines += [f"- {s.text} — consider {', '.join(ids)}" for s, ids in report.uncited]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- ui / eval


def cmd_ui(args: argparse.Namespace) -> int:
    """``npq ui``: start the app on the bundled corpus (localhost unless told otherwise)."""
    from ui.app import main as ui_main

    cfg = settings()
    return ui_main(args.host or cfg.ui.host, args.port or cfg.ui.port)


def cmd_eval(args: argparse.Namespace) -> int:
    """``npq eval``: run an evaluation; its report goes to eval/reports/."""
    if args.questions is not None and args.what != "retrieval":
        raise CLIError("--questions goes with `npq eval retrieval` only")
    if args.what == "retrieval":
        from eval.retrieval import main as retrieval

        extra = ["--questions", str(args.questions)] if args.questions is not None else []
        return int(retrieval(["--split", args.split, *extra]) or 0)
    elif args.what == "answers":
        from eval.answers import main as answers

        argv = ["--split", args.split, "--llm", args.llm, "--limit", str(args.limit)]
        return int(answers(argv) or 0)
    elif args.what == "typos":
        from eval.typos import main as run
    elif args.what == "phrasing":
        from eval.phrasing import main as run
    elif args.what == "course":
        from eval.course import main as run
    elif args.what == "scenarios":
        from eval.scenarios import main as run
    elif args.what == "find":
        from eval.find import main as run
    elif args.what in BLIND_BATCHES:
        from eval.blind import main as blind

        return int(blind(["--split", args.split], args.what) or 0)
    elif args.what == "comparison":
        from eval.comparison import main as run
    elif args.what == "ids":
        from eval.ids import main as run
    else:
        from eval.citations import main as run
    return int(run(["--split", args.split]) or 0)


if __name__ == "__main__":  # pragma: no cover
    entry()
