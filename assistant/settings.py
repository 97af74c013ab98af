"""Settings for the entry points (CLI and app), from ``NPQ_*`` environment variables.

Stages take plain keyword arguments; only entry points read these. Nested groups use a double
underscore: ``NPQ_LLM__BACKEND=openai``, ``NPQ_LLM__BASE_URL=http://127.0.0.1:11434/v1``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent


class LLMSettings(BaseModel):
    """Which model writes answers. ``none`` (the default) writes evidence briefs, no model."""

    model_config = ConfigDict(extra="forbid")
    backend: Literal["none", "openai", "llamacpp"] = Field(
        "none", description="none | openai (any OpenAI-compatible server) | llamacpp (GGUF file)"
    )
    base_url: str = Field("", description="OpenAI-compatible endpoint, e.g. Ollama's /v1 URL")
    model: str = Field("", description="Model name for the endpoint, or a GGUF file path")
    api_key_env: str = Field(
        "OPENAI_API_KEY", description="Name of the environment variable holding the API key"
    )
    timeout_s: float = Field(60.0, gt=0, description="Seconds before a model call gives up")
    temperature: float = Field(0.0, ge=0, le=2)
    max_tokens: int = Field(700, gt=0)


class SearchSettings(BaseModel):
    """Retrieval knobs (defaults were tuned on the development split of eval/data)."""

    model_config = ConfigDict(extra="forbid")
    top_k: int = Field(10, gt=0, le=200, description="Results shown per query")


class UISettings(BaseModel):
    """The Gradio app."""

    model_config = ConfigDict(extra="forbid")
    host: str = Field("127.0.0.1", description="Bind address; localhost unless told otherwise")
    port: int = Field(7860, gt=0, lt=65536)
    auth_user_env: str = Field("NPQ_UI_USER", description="Env var with a basic-auth user")
    auth_password_env: str = Field("NPQ_UI_PASSWORD", description="Env var with its password")
    max_upload_mb: int = Field(10, gt=0, le=200, description="Largest upload accepted")


class Settings(BaseSettings):
    """Everything an entry point needs to know."""

    model_config = SettingsConfigDict(env_prefix="NPQ_", env_nested_delimiter="__", extra="forbid")
    corpus_dir: Path = Field(PROJECT_DIR / "corpus", description="Folder with manifest.toml")
    data_dir: Path = Field(
        PROJECT_DIR / "data", description="Where the statement store and index live"
    )
    model: str = Field("", description="Embedding model: local path or name; '' = bundled MiniLM")
    llm: LLMSettings = Field(default_factory=LLMSettings)
    search: SearchSettings = Field(default_factory=SearchSettings)
    ui: UISettings = Field(default_factory=UISettings)

    @property
    def models_dir(self) -> Path:
        """Where the embedding model's ONNX export lives (`index.onnx_bert`)."""
        return self.data_dir / "models"

    def hash(self) -> str:
        """A short hash of the settings that change answers (stamped on every answer)."""
        payload = {
            "model": self.model,
            "llm": self.llm.model_dump(),
            "search": self.search.model_dump(),
        }
        return hashlib.md5(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:10]
