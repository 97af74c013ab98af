"""Refresh the shipped vectors of the expansions after editing ``index/data/expansions.jsonl``.

    python -m eval.expansion_cache

Encodes every expansion text with the configured embedding model and writes the cache
``index.expansions.cached_vectors`` reads (see ``index/expansions.py``).
"""

from __future__ import annotations

from eval.common import corpus
from index.encoder import default_encoder
from index.expansions import expansion_texts, write_cache


def main() -> int:
    enc = default_encoder()
    texts = expansion_texts([s.id for s in corpus().statements])
    print(write_cache(enc.name, texts, enc.encode_documents(texts, show_progress=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
