"""The only module that imports LangChain: it builds the chat model, nothing else.

Everything else sees :class:`ChatModel`, a small protocol: ``invoke`` and ``stream`` over a
list of (role, text) messages, returning text.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from assistant.settings import LLMSettings

Message = tuple[str, str]  # ("system" | "human" | "ai", text)


class LLMError(Exception):
    """A model could not be built or did not answer.

    Attributes:
        help_message: What the user can do about it.
    """

    def __init__(self, message: str, help_message: str = "") -> None:
        super().__init__(message)
        self.help_message = help_message


class ChatModel(Protocol):
    """What the assistant needs from a chat model."""

    name: str

    def invoke(self, messages: Sequence[Message]) -> str:
        """The whole reply."""
        ...

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """The reply in pieces."""
        ...


class LangChainChat:
    """Adapts any LangChain chat model (real or fake) to :class:`ChatModel`."""

    def __init__(self, model: Any, name: str, idle_timeout_s: float | None = None) -> None:
        """Wrap ``model`` (a LangChain ``BaseChatModel``).

        Args:
            model: The chat model.
            name: Shown to the user with every answer.
            idle_timeout_s: Give up when the stream yields nothing for this long. A server
                that hangs while keeping the connection alive (SSE keep-alive pings) never
                trips the HTTP read timeout; this does. None: wait as long as it takes.
        """
        self._model = model
        self.name = name
        self.idle_timeout_s = idle_timeout_s

    def invoke(self, messages: Sequence[Message]) -> str:
        """The whole reply, as text."""
        try:
            reply = self._model.invoke(list(messages))
        except Exception as exc:  # LangChain/provider errors share no base class
            raise LLMError(f"{self.name} failed: {type(exc).__name__}: {exc}") from exc
        return _text(reply.content)

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """The reply in pieces, as text.

        Raises:
            LLMError: The model failed, or sent nothing for ``idle_timeout_s`` seconds.
        """
        if self.idle_timeout_s is None:
            yield from self._pieces(messages)
            return
        # The model streams in a worker thread; this side waits at most idle_timeout_s for
        # each piece. A hung worker is abandoned (daemon thread) and the caller falls back.
        box: queue.Queue[tuple[str, object]] = queue.Queue()
        stop = threading.Event()

        def work() -> None:
            try:
                for piece in self._pieces(messages):
                    if stop.is_set():
                        return
                    box.put(("piece", piece))
                box.put(("done", None))
            except LLMError as exc:
                box.put(("error", exc))

        threading.Thread(target=work, name=f"llm-{self.name}", daemon=True).start()
        try:
            while True:
                try:
                    kind, value = box.get(timeout=self.idle_timeout_s)
                except queue.Empty:
                    raise LLMError(
                        f"{self.name} sent nothing for {self.idle_timeout_s:g} s"
                    ) from None
                if kind == "done":
                    return
                if kind == "error":
                    assert isinstance(value, LLMError)
                    raise value
                yield str(value)
        finally:
            stop.set()

    def _pieces(self, messages: Sequence[Message]) -> Iterator[str]:
        try:
            for chunk in self._model.stream(list(messages)):
                piece = _text(chunk.content)
                if piece:
                    yield piece
        except Exception as exc:  # LangChain/provider errors share no base class
            raise LLMError(f"{self.name} failed: {type(exc).__name__}: {exc}") from exc


def _text(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(p.get("text", "")) if isinstance(p, dict) else str(p) for p in content)
    return str(content)


def build_chat_model(cfg: LLMSettings) -> ChatModel | None:
    """The chat model the settings ask for, or None for the default (no model).

    Raises:
        LLMError: The backend is misconfigured or its package is missing; ``help_message``
            says how to fix it.
    """
    if cfg.backend == "none":
        return None
    if cfg.backend == "openai":
        if not cfg.base_url and not os.environ.get(cfg.api_key_env):
            raise LLMError(
                "the openai backend needs a base URL or an API key",
                f"set NPQ_LLM__BASE_URL (e.g. http://127.0.0.1:11434/v1 for Ollama) or "
                f"{cfg.api_key_env}",
            )
        from langchain_openai import ChatOpenAI

        model: Any = ChatOpenAI(
            model=cfg.model or "gpt-4o-mini",
            base_url=cfg.base_url or None,
            api_key=os.environ.get(cfg.api_key_env) or "not-needed",
            timeout=cfg.timeout_s,
            max_retries=1,
            temperature=cfg.temperature,
            # OpenAI's own API takes max_completion_tokens; local OpenAI-compatible servers
            # (llama.cpp's, Ollama, vLLM) take max_tokens and may ignore the newer name,
            # generating until the context is full.
            **(
                {"extra_body": {"max_tokens": cfg.max_tokens}}
                if cfg.base_url
                else {"max_completion_tokens": cfg.max_tokens}
            ),
        )
        return LangChainChat(
            model, f"openai:{cfg.model or 'gpt-4o-mini'}", idle_timeout_s=cfg.timeout_s
        )
    if cfg.backend == "llamacpp":
        path = Path(cfg.model)
        if not path.is_file():
            raise LLMError(
                f"no GGUF file at {cfg.model!r}",
                "set NPQ_LLM__MODEL to the path of a .gguf file",
            )
        try:
            from langchain_community.chat_models import ChatLlamaCpp
        except ImportError as exc:
            raise LLMError(
                "the llamacpp backend needs llama-cpp-python and langchain-community",
                "pip install 'npq-assistant[llamacpp]' (llama-cpp-python compiles, ~6 min)",
            ) from exc
        model = ChatLlamaCpp(
            model_path=str(path),
            temperature=cfg.temperature,
            max_tokens=cfg.max_tokens,
            n_ctx=4096,
            n_threads=os.cpu_count() or 2,
            verbose=False,
        )
        return LangChainChat(model, f"llamacpp:{path.name}", idle_timeout_s=cfg.timeout_s)
    raise LLMError(f"unknown LLM backend {cfg.backend!r}", "use none, openai or llamacpp")
