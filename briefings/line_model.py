"""The fitted line classifier: body, boilerplate, title, caption or metadata, per line.

A multinomial logistic regression over `briefings.line_features`, fitted by
`benchmarks/fit_lines.py` on the hand-labelled lines under `benchmarks/labels/` and
shipped as `briefings/models/lines.json` (weights, feature scaling, decision thresholds);
applied here with numpy, so nothing is fitted or downloaded at run time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np

from briefings.line_features import FEATURES, Matrix, line_features

LABELS = ("body", "boilerplate", "title", "caption", "metadata")
WEIGHTS_PATH = "models/lines.json"


@dataclass(frozen=True)
class LineModel:
    """Scaling, weights and thresholds of the fitted classifier."""

    mean: Matrix
    scale: Matrix
    coef: Matrix  # one row per label of LABELS, one column per feature of FEATURES
    intercept: Matrix
    thresholds: dict[str, float]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LineModel:
        if tuple(data["features"]) != FEATURES or tuple(data["labels"]) != LABELS:
            raise ValueError("line model was fitted on other features or labels")
        return cls(
            mean=np.asarray(data["mean"], dtype=np.float64),
            scale=np.asarray(data["scale"], dtype=np.float64),
            coef=np.asarray(data["coef"], dtype=np.float64),
            intercept=np.asarray(data["intercept"], dtype=np.float64),
            thresholds={str(k): float(v) for k, v in data["thresholds"].items()},
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(FEATURES),
            "labels": list(LABELS),
            "mean": _rounded(self.mean),
            "scale": _rounded(self.scale),
            "coef": _rounded(self.coef),
            "intercept": _rounded(self.intercept),
            "thresholds": self.thresholds,
        }

    def probabilities(self, features: Matrix) -> Matrix:
        """One row per line, one column per label of LABELS, each row summing to 1."""
        scores = ((features - self.mean) / self.scale) @ self.coef.T + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        result: Matrix = exp / exp.sum(axis=1, keepdims=True)
        return result

    def classify(self, lines: Sequence[str], blocks: Sequence[int], language: str) -> Matrix:
        """Label probabilities for the lines of one page, in order."""
        if not lines:
            return np.zeros((0, len(LABELS)))
        return self.probabilities(line_features(lines, blocks, language))


def _rounded(values: Matrix) -> Any:
    return np.round(values, 6).tolist()


@cache
def shipped_model() -> LineModel:
    """The classifier shipped in the package."""
    text = (resources.files("briefings") / WEIGHTS_PATH).read_text(encoding="utf-8")
    return LineModel.from_json(json.loads(text))
