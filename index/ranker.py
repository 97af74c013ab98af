"""The learned re-ranker: the fused candidates put in order by P(relevant).

The fusion (:func:`index.search.fuse_scores`) adds three scores with fixed weights: cosine to
the statement text, cosine to its best expansion, BM25. One set of weights must serve a
two-word keyword search and a sixty-word staffroom scenario, "does X work?" (evidence) and
"how do I…?" (practice). The re-ranker is a logistic regression over the fused top
:data:`CANDIDATES` that reads those scores together with what the query is like (its length,
whether it asks how to do something) and what each candidate is (evidence, practice heading or
bullet), and returns P(relevant) for each candidate; it is two models, one for searches and
short questions and one for narrative questions (:class:`SplitRanker`). Search lists the
candidates in that order, except for course questions, which keep the fusion's (its
course-question reading was tuned on the course set), and the essay tools, which ask for the
fusion's.

It is fitted by ``python -m eval.fit_ranker`` on the development question sets (retrieval dev
split, the scenario and blind sets), never the test split, and checked by leaving each set out
in turn (``eval/reports/ranker.md``). The weights (``index/data/ranker.json``) belong to
the embedding model they were fitted with: with another model (a setting), search keeps the
fusion's order.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

RANKER_PATH = Path(__file__).resolve().parent / "data" / "ranker.json"
CANDIDATES = 60  # the fused top this many are re-ranked; the rest keep the fusion's order after
NARRATIVE_WORDS = 15  # a question this long reads as a situation, not a search
SHORT_WORDS = 4  # a query this short is a keyword search
MISSING_RANK = 150  # rank given to a candidate a ranking did not list

FEATURES = (
    "cosine",  # to the statement text (the ranking's floor when not among its candidates)
    "expansion_cosine",  # to the statement's best expansion
    "bm25",  # divided by the best
    "fused",
    "fused_share",  # fused / the best fused
    "log_fused_rank",
    "log_cosine_rank",
    "log_expansion_rank",
    "log_bm25_rank",
    "evidence",
    "practice_heading",
    "practice_bullet",
    "provider",
    "narrative",  # the query has >= NARRATIVE_WORDS words
    "log_words",
    "asks_how",  # "how do I…", "what should we…"
    "area_share",  # share of the fused top 10 in the candidate's framework area
    "frameworks_sharing",  # 1 + identical statements in other frameworks
    "narrative_x_cosine",
    "narrative_x_expansion_cosine",
    "narrative_x_bm25",
    "asks_how_x_evidence",
    "asks_how_x_bullet",
    "narrative_x_evidence",
    "prior_share",  # the fusion's own final score (with its kind priors) / the best one
    "short",  # the query has <= SHORT_WORDS words: a keyword search
    "short_x_evidence",
    "short_x_heading",
)

_ASKS_HOW = re.compile(
    r"\b(how (do|can|should|would|to)|what (should|can|do|could) (i|we)|where do (i|we) start)\b",
    re.I,
)


def asks_how(query: str) -> bool:
    """Whether a question asks what to do ("how do I…", "what should we…")."""
    return bool(_ASKS_HOW.search(query))


@dataclass(frozen=True, slots=True)
class RowInfo:
    """What the features need to know of every statement row (built once per index)."""

    kind: Sequence[str]
    area: Sequence[tuple[str, int]]  # (framework, area) of each row
    frameworks_sharing: Sequence[int]


def candidate_features(
    rankings: Sequence[Sequence[tuple[int, float]]],
    complete: Sequence[bool],
    fused: Sequence[tuple[int, float]],
    query: str,
    rows: RowInfo,
    prior: dict[str, float] | None = None,
) -> tuple[list[int], npt.NDArray[np.float64]]:
    """The fused top :data:`CANDIDATES` rows and their feature matrix (one row per candidate).

    Args:
        rankings: The three rankings the fusion read (text cosine, expansion cosine, BM25),
            each ``(row, score)`` best first.
        complete: Per ranking, True when a row it leaves out scored 0 (see ``fuse_scores``).
        fused: The fusion's output, best first (before any prior).
        query: The text searched.
        rows: Per-row facts of the index.
        prior: The fusion's multiplier per kind of statement (evidence, provider pages).
    """
    cand = list(fused[:CANDIDATES])
    if not cand:
        return [], np.zeros((0, len(FEATURES)))
    best = cand[0][1] if cand[0][1] > 0 else 1.0
    scores: list[dict[int, float]] = []
    floors: list[float] = []
    ranks: list[dict[int, int]] = []
    for i, ranking in enumerate(rankings):  # scaled as fuse_scores scales them
        top = ranking[0][1] if i >= 2 and ranking and ranking[0][1] > 0 else 1.0
        is_complete = i < len(complete) and complete[i]
        floors.append(0.0 if is_complete or not ranking else ranking[-1][1] / top)
        scores.append({r: s / top for r, s in ranking})
        ranks.append({r: j for j, (r, _) in enumerate(ranking, start=1)})
    words = len(query.split())
    narrative = float(words >= NARRATIVE_WORDS)
    how = float(asks_how(query))
    top10 = [rows.area[r] for r, _ in cand[:10]]
    prior = prior or {}
    final = [f * prior.get(rows.kind[r], 1.0) for r, f in cand]
    best_final = max(final) if max(final) > 0 else 1.0
    short = float(words <= SHORT_WORDS)
    out = np.zeros((len(cand), len(FEATURES)))
    for j, (r, f) in enumerate(cand):
        sc = [scores[i].get(r, floors[i]) for i in range(3)]
        rk = [math.log(ranks[i].get(r, MISSING_RANK)) for i in range(3)]
        kind = rows.kind[r]
        evidence = float(kind == "evidence")
        bullet = float(kind == "practice")
        provider = float(kind == "provider_section")
        out[j] = (
            *sc,
            f,
            f / best,
            math.log(j + 1),
            *rk,
            evidence,
            float(kind == "practice_heading"),
            bullet,
            provider,
            narrative,
            math.log(words + 1),
            how,
            sum(1 for a in top10 if a == rows.area[r]) / 10,
            rows.frameworks_sharing[r],
            narrative * sc[0],
            narrative * sc[1],
            narrative * sc[2],
            how * evidence,
            how * bullet,
            narrative * evidence,
            final[j] / best_final,
            short,
            short * evidence,
            short * float(kind == "practice_heading"),
        )
    return [r for r, _ in cand], out


@dataclass(frozen=True, slots=True)
class Ranker:
    """Logistic regression over standardised :data:`FEATURES`.

    Attributes:
        encoder: Name of the embedding model the weights belong to.
        mean: Per-feature mean of the fitting data.
        scale: Per-feature standard deviation of the fitting data.
        weights: One weight per standardised feature.
        bias: The intercept.
    """

    encoder: str
    mean: npt.NDArray[np.float64]
    scale: npt.NDArray[np.float64]
    weights: npt.NDArray[np.float64]
    bias: float

    def probabilities(self, features: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """P(relevant) for each row of ``features``."""
        # An element-wise sum, not a matrix product: a BLAS call this small wakes BLAS threads
        # that then compete with torch's and FAISS's (warm p50 10.0 -> 8.9 ms, as without
        # the re-ranker).
        z = (((features - self.mean) / self.scale) * self.weights).sum(axis=1) + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -60.0, 60.0)))

    def to_json(self) -> dict[str, object]:
        """The model as stored in ``ranker.json``."""

        def r(a: npt.NDArray[np.float64]) -> list[float]:
            return [round(float(x), 6) for x in a]

        return {
            "encoder": self.encoder,
            "features": list(FEATURES),
            "mean": r(self.mean),
            "scale": r(self.scale),
            "weights": r(self.weights),
            "bias": round(self.bias, 6),
        }


_NARRATIVE = FEATURES.index("narrative")


@dataclass(frozen=True, slots=True)
class SplitRanker:
    """One :class:`Ranker` for searches and short questions, another for narrative ones.

    A two-word keyword search and a sixty-word staffroom scenario read the same scores
    differently; one model with "narrative" interactions shares most weights between them.
    Fitted apart, each reads its own (``eval/reports/ablations.md``, twelfth round).

    Attributes:
        encoder: Name of the embedding model the weights belong to.
        short: For questions under :data:`NARRATIVE_WORDS` words.
        narrative: For questions of :data:`NARRATIVE_WORDS` words or more.
    """

    encoder: str
    short: Ranker
    narrative: Ranker

    def probabilities(self, features: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """P(relevant) for each row of ``features``, from the model for its kind of question."""
        narrative = features[:, _NARRATIVE] > 0.5
        if narrative.all():  # one search's candidates share their question: one model runs
            return self.narrative.probabilities(features)
        if not narrative.any():
            return self.short.probabilities(features)
        return np.where(
            narrative,
            self.narrative.probabilities(features),
            self.short.probabilities(features),
        )

    def to_json(self) -> dict[str, object]:
        """Both models as stored in ``ranker.json``."""
        return {
            "encoder": self.encoder,
            "features": list(FEATURES),
            "split_on": "narrative",
            "short": self.short.to_json(),
            "narrative": self.narrative.to_json(),
        }


AnyRanker = Ranker | SplitRanker


class _Unfit(ValueError):
    """A ranker file that reads, but does not fit these features."""


def _ranker_from(raw: dict[str, Any], encoder: str) -> Ranker:
    """One logistic model from its JSON (:class:`_Unfit` if its shape is not FEATURES')."""
    ranker = Ranker(
        encoder=encoder,
        mean=np.asarray(raw["mean"], dtype=np.float64),
        scale=np.asarray(raw["scale"], dtype=np.float64),
        weights=np.asarray(raw["weights"], dtype=np.float64),
        bias=float(raw["bias"]),
    )
    n = len(FEATURES)
    if tuple(raw["features"]) != FEATURES or not (
        len(ranker.mean) == len(ranker.scale) == len(ranker.weights) == n
    ):
        raise _Unfit("fitted for other features")
    if np.any(ranker.scale <= 0):
        raise _Unfit("a feature scale is not positive")
    return ranker


def load_ranker(encoder: str, path: Path = RANKER_PATH) -> AnyRanker | None:
    """The stored ranker if it belongs to this encoder and these features; None otherwise.

    A missing or unreadable file is logged and ignored: search then keeps the fusion's order.
    """
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        name = str(raw["encoder"])
        ranker: AnyRanker
        if raw.get("split_on") == "narrative":
            ranker = SplitRanker(
                name, _ranker_from(raw["short"], name), _ranker_from(raw["narrative"], name)
            )
        else:
            ranker = _ranker_from(raw, name)
    except _Unfit as exc:
        log.warning("%s: %s; keeping the fusion's order", path, exc)
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.warning("%s: unreadable ranker (%s); keeping the fusion's order", path, exc)
        return None
    if ranker.encoder != encoder:
        return None
    return ranker
