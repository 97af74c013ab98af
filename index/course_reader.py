"""Is a question about the course itself? A logistic regression on the question's embedding.

``about_the_course`` (``index/search.py``) reads a question about an NPQ itself ("How long does
the NPQSL take?") by its words. Asked after a scene that names the NPQ, such questions come in
words no list holds: "Started the NPQML in the autumn but honestly it's too much. What happens
if I just walk away from it?", "My NPQSL assessment came back as not passed. Can I appeal the
mark?". Of 80 written blind to the rules, the words read 4 of the 40 course
questions, and 12 of the others were answered with framework statements ("npqel... if i dont
get through the assessment do i get another go?" cited NPQEL 3.13).

This model reads what the words cannot: P(about the course) from the embedding of the question
without its NPQ names and without talk of one's course (``course_reader_text``), fitted by
``python -m eval.fit_course_reader`` on labelled course and content questions
(``eval/reports/course_reader.md``). ``about_the_course`` consults it only for a question that
names an NPQ as its subject (not as a source) and asks nothing of what a framework says. It
belongs to the embedding model it was fitted with; with another model (a setting) the words
alone decide.
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

COURSE_READER_PATH = Path(__file__).resolve().parent / "data" / "course_reader.json"


@dataclass(frozen=True, slots=True)
class CourseReader:
    """Logistic regression over a question's (normalised) embedding.

    Attributes:
        encoder: Name of the embedding model the weights belong to.
        weights: One weight per embedding dimension.
        bias: The intercept.
        threshold: P(about the course) at or above this reads the question so (chosen on the
            labelled sets, each read by a model fitted without it).
    """

    encoder: str
    weights: npt.NDArray[np.float64]
    bias: float
    threshold: float

    @property
    def dim(self) -> int:
        """The embedding dimension the weights expect."""
        return int(self.weights.shape[0])

    def probability(self, vector: npt.ArrayLike) -> float:
        """P(about the course) for a question's embedding."""
        z = self.bias + float(self.weights @ np.asarray(vector, dtype=np.float64))
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self) -> dict[str, object]:
        """The model as stored in ``course_reader.json``."""
        return {
            "encoder": self.encoder,
            "dim": self.dim,
            "weights": [round(float(w), 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "threshold": self.threshold,
        }


def load_course_reader(
    encoder: str, dim: int, path: Path = COURSE_READER_PATH
) -> CourseReader | None:
    """The stored reader if it belongs to this encoder; None (words only) otherwise.

    A missing or unreadable file is logged and ignored: questions are then read by their words.
    """
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        reader = CourseReader(
            encoder=str(raw["encoder"]),
            weights=np.asarray(raw["weights"], dtype=np.float64),
            bias=float(raw["bias"]),
            threshold=float(raw["threshold"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s: unreadable course reader (%s); reading by the words alone", path, exc)
        return None
    if reader.weights.ndim != 1 or not 0.0 < reader.threshold < 1.0:
        log.warning("%s: not a course reader; reading questions by their words", path)
        return None
    if reader.encoder != encoder or reader.dim != dim:
        return None
    return reader
