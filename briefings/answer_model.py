"""The fitted answer ranker: which of a question's candidate sentences answers it.

A pairwise logistic regression over the features `answers.answer_features` gives each candidate
(how well it and its article match the question's words, where retrieval ranked it, whether
it holds the kind of answer asked for, the names asked held in it or its article, the year
asked against the years it names, where it stands in its article, its length, a quotation,
how many reports repeat it), fitted by `benchmarks/fit_answers.py` on the labelled
questions and shipped as `briefings/models/answers.json`. Hand-set weights tuned on one
question set did not carry over to the next; fitted ones are checked set by set (the
script's `--folds`). Fitted on pairs of one question's candidates, its score compares
candidates of one question (a difference of 1 is odds of e to 1 that the higher answers
where the lower does not), not questions. Applied in plain Python: twenty-odd weights.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

WEIGHTS_PATH = "models/answers.json"
FEATURES = (
    "sentence_match",
    "relevance",
    "retrieval_rank",
    "shown_best",
    "shown",
    "names_in_sentence",
    "speaks",
    "year_fit",
    "year_other",
    "lead",
    "position",
    "length",
    "flaws",
    "quoted",
    "dated",
    "number",
    "other_letters",
    "repeated",
    "best_in_article",
)


def score(features: Sequence[float]) -> float:
    """How plainly a candidate with these features answers its question, against the
    question's other candidates (a log-odds scale)."""
    weights, intercept = _model()
    return intercept + sum(w * x for w, x in zip(weights, features, strict=True))


def model_json(weights: Sequence[float], intercept: float) -> dict[str, Any]:
    """The shipped file's content."""
    return {
        "features": list(FEATURES),
        "coef": [round(w, 6) for w in weights],
        "intercept": round(intercept, 6),
    }


@cache
def _model() -> tuple[tuple[float, ...], float]:
    text = resources.files("briefings").joinpath(WEIGHTS_PATH).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    if tuple(data["features"]) != FEATURES:
        raise ValueError("answer model was fitted on other features")
    return tuple(float(w) for w in data["coef"]), float(data["intercept"])
