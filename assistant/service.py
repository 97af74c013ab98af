"""Everything the CLI and the app need, built once: statements, index, assistant."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from assistant.answer import Assistant
from assistant.llm import LLMError, build_chat_model
from assistant.settings import Settings
from index.encoder import default_encoder
from index.expansions import load_expansions
from index.search import SearchIndex
from index.store import ensure_index
from ingest.records import IngestResult
from ingest.store import load_or_ingest


@dataclass(frozen=True, slots=True)
class Services:
    """The loaded product: statements, search and the assistant."""

    settings: Settings
    ingest: IngestResult
    index: SearchIndex
    assistant: Assistant
    llm_note: str = ""


def load_services(
    cfg: Settings | None = None, *, log: Callable[[str], None] | None = None
) -> Services:
    """Ingest (if the corpus changed), load or build the index, and set up the assistant.

    A misconfigured LLM backend does not stop the product: the assistant falls back to
    evidence briefs and ``llm_note`` says why.

    Raises:
        index.errors.ModelLoadError: The embedding model cannot be loaded.
        ingest.errors.ManifestError: The corpus manifest is missing or malformed.
    """
    cfg = cfg or Settings()
    say = log or (lambda m: print(m, file=sys.stderr))
    say("reading the corpus…")
    result, ran = load_or_ingest(cfg.corpus_dir, cfg.data_dir)
    say(f"{'ingested' if ran else 'loaded'} {len(result.statements)} statements")
    say("loading the embedding model…")
    encoder = default_encoder(cfg.model, cfg.models_dir, log=say)
    stored = ensure_index(
        result.statements,
        encoder,
        cfg.data_dir / "index",
        result.corpus_hash,
        log=say,
        expansions=load_expansions(),
    )
    index = SearchIndex(stored, encoder)
    note = ""
    try:
        llm = build_chat_model(cfg.llm)
    except LLMError as exc:
        llm = None
        note = f"LLM backend off: {exc}. {exc.help_message}".strip()
        say(note)
    bot = Assistant(index, llm, settings_hash=cfg.hash(), top_k=12)
    say("ready")
    return Services(cfg, result, index, bot, note)
