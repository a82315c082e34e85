"""The fitted key-phrase model: which noun phrases of an article are its topics.

A logistic regression over the features `keyphrases.candidates` computes for each candidate
(how often and where the article says it, how rare it is in the background corpus, its length,
whether its head is a known matter, its language), fitted by `benchmarks/fit_keyphrases.py`
on the labelled sets' topics and shipped as `briefings/models/keyphrases.json`; applied here
in plain Python (twenty-odd weights: numpy's call costs more than the sum).
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

WEIGHTS_PATH = "models/keyphrases.json"
FEATURES = (
    "headed",
    "count",
    "title",
    "rarity",
    "commonness",
    "one_word",
    "long",
    "head",
    "alone",
    "whole",
    "head_end",
    "graded",
    "titled",
    "listed",
    "series",
    "cued",
    "after_to",
    "lang_en",
    "lang_ru",
    "lang_vi",
    "lang_fr",
    "lang_id",
)


def probability(features: Sequence[float]) -> float:
    """The model's probability that a candidate with these features is a topic."""
    weights, intercept, _ = _model()
    z = intercept + sum(w * x for w, x in zip(weights, features, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


# Features read last, each in [0, 1]: a candidate the others leave below the threshold even
# with these at their best is dropped before they are computed (most candidates are).
LATE = ("rarity", "commonness", "whole", "head_end", "listed", "after_to")


def hopeless(early: Sequence[float]) -> bool:
    """Whether a candidate whose features are `early` (the LATE ones 0) stays below the
    threshold whatever its LATE features are."""
    weights, intercept, _ = _model()
    return intercept + sum(w * x for w, x in zip(weights, early, strict=True)) < _reach()


@cache
def _reach() -> float:
    """The least logit the features other than LATE must reach: the threshold's, less the
    best the LATE ones can add."""
    weights, _, least = _model()
    best = sum(max(0.0, weights[FEATURES.index(name)]) for name in LATE)
    return math.log(least / (1.0 - least)) - best


def threshold() -> float:
    """The least probability a key phrase needs (chosen by the fitting script)."""
    return _model()[2]


def model_json(weights: Sequence[float], intercept: float, least: float) -> dict[str, Any]:
    """The shipped file's content."""
    return {
        "features": list(FEATURES),
        "coef": [round(w, 6) for w in weights],
        "intercept": round(intercept, 6),
        "threshold": least,
    }


@cache
def _data() -> dict[str, Any]:
    return dict(json.loads(resources.files("briefings").joinpath(WEIGHTS_PATH).read_text("utf-8")))


@cache
def _model() -> tuple[tuple[float, ...], float, float]:
    data = _data()
    if tuple(data["features"]) != FEATURES:
        raise ValueError("key-phrase model was fitted on other features")
    return tuple(data["coef"]), float(data["intercept"]), float(data["threshold"])
