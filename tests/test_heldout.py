"""Regression floors on the held-out labels (benchmarks/labels/heldout/, docs/evaluation.md).

The floors sit about 0.05 below the figures measured when the set was written, so they
catch a regression without freezing today's numbers; raise them when the scores improve.
"""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "benchmarks" / "labels" / "heldout"

# Measured 2026-11-23: chrome precision 1.000, chrome recall 0.414, body recall 1.000,
# captions 0.400, title 0.100, metadata out 0.385.
CLEANING_FLOORS = {
    "boilerplate_precision": 0.95,
    "boilerplate_recall": 0.36,
    "body_recall": 0.95,
    "caption_recall": 0.35,
    "title_accuracy": 0.05,
    "metadata_removal": 0.33,
}
# Measured F1: all 0.731, person 0.705, organization 0.639, place 0.881, topic 0.438,
# event 0.308.
ENTITY_F1_FLOORS = {
    "all": 0.68,
    "person": 0.65,
    "organization": 0.58,
    "place": 0.83,
    "topic": 0.38,
    "event": 0.25,
}


@cache
def _run(script: str, labels: str) -> dict[str, Any]:
    command = [sys.executable, f"benchmarks/{script}", "--json", "--labels", str(HELDOUT / labels)]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def test_heldout_cleaning_labels_cover_ten_documents() -> None:
    documents = json.loads((HELDOUT / "boilerplate.json").read_text(encoding="utf-8"))
    assert 10 == len(documents["documents"])
    assert 10 == len(_run("eval_cleaning.py", "boilerplate.json")["documents"])


@pytest.mark.parametrize("measure", sorted(CLEANING_FLOORS))
def test_heldout_cleaning_stays_above_floor(measure: str) -> None:
    overall = _run("eval_cleaning.py", "boilerplate.json")["overall"]
    assert CLEANING_FLOORS[measure] <= overall[measure]


@pytest.mark.parametrize("kind", sorted(ENTITY_F1_FLOORS))
def test_heldout_entities_stay_above_floor(kind: str) -> None:
    entities = _run("eval_entities.py", "entities.json")["entities"]
    assert ENTITY_F1_FLOORS[kind] <= entities[kind]["f1"]


def test_heldout_entity_precision_and_recall_stay_above_floor() -> None:
    overall = _run("eval_entities.py", "entities.json")["entities"]["all"]
    assert 0.79 <= overall["precision"]  # measured 0.842
    assert 0.59 <= overall["recall"]  # measured 0.646


def test_heldout_people_stay_above_floor() -> None:
    result = _run("eval_entities.py", "entities.json")
    assert 0.66 <= result["people_mentions"]["f1"]  # measured 0.711
    assert 0.28 <= result["people_country_accuracy"]  # measured 0.333
    assert 0.48 <= result["people_role_accuracy"]  # measured 0.537
