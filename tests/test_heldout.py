"""Regression floors on the held-out labels (benchmarks/labels/heldout*/, docs/evaluation.md).

The floors sit about 0.05 below the figures last measured on each set, so they catch a
regression without freezing today's numbers; raise them when the scores improve. Sets 1 and 2
have been tuned against (their error reports went to the engineers); sets 3 and 4 were
written blind and tuned on after their first score. Set 5 was written blind for issue 13 and
its floors sit under that first score: it is the estimate for unseen text, and the line
classifier and the key-phrase tables are never fitted on it.
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
LABELS = ROOT / "benchmarks" / "labels"
SETS = ("heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6")
DOCUMENTS = {
    "heldout": 10,
    "heldout2": 8,
    "heldout3": 8,
    "heldout4": 14,
    "heldout5": 16,
    "heldout6": 16,
}

# Measured on 2026-12-05 with the line classifier (briefings/line_model.py, fitted on all
# five sets, so these are "after" figures) and the language-blind chrome and dateline rules
# of issue 13. Set 1: chrome precision 1.000, chrome recall 0.882, body recall 1.000,
# captions 1.000, title 1.000, metadata out 1.000. Set 2: 1.000, 0.832, 1.000, 1.000, 1.000,
# 1.000. Set 3: 1.000, 0.809, 1.000, 0.875, 1.000, 1.000.
# Body recall floors stay at 0.98: a lost body line loses facts.
CLEANING_FLOORS = {
    "heldout": {
        "boilerplate_precision": 0.95,
        "boilerplate_recall": 0.83,
        "body_recall": 0.98,
        "caption_recall": 0.95,
        "title_accuracy": 0.95,
        "metadata_removal": 0.95,
    },
    "heldout2": {
        "boilerplate_precision": 0.95,
        "boilerplate_recall": 0.78,
        "body_recall": 0.98,
        "caption_recall": 0.95,
        "title_accuracy": 0.95,
        "metadata_removal": 0.95,
    },
    # Set 4 after issue 13's two rounds (tuned on): 1.000, 0.965, 1.000, 1.000, 1.000, 1.000.
    "heldout4": {
        "boilerplate_precision": 0.95,
        "boilerplate_recall": 0.91,
        "body_recall": 0.98,
        "caption_recall": 0.95,
        "title_accuracy": 0.95,
        "metadata_removal": 0.95,
    },
    # Set 5's first (blind) score, docs/evaluation.md: 1.000, 0.841, 0.993, 0.643, 0.667,
    # 0.771; after the third cleaning round (tuned on, the classifier not fitted on it):
    # 1.000, 0.970, 1.000, 0.857, 0.933, 0.914; after chrome inside the story: 1.000,
    # 0.976, 1.000, 0.857, 0.933, 0.943.
    "heldout5": {
        "boilerplate_precision": 0.95,
        "boilerplate_recall": 0.92,
        "body_recall": 0.98,
        "caption_recall": 0.80,
        "title_accuracy": 0.88,
        "metadata_removal": 0.89,
    },
    # Set 6's first (blind) score, docs/evaluation.md: 0.985, 0.823, 0.992, 0.667, 0.867,
    # 0.794; after chrome inside the story (tuned on, the classifier not fitted on it):
    # 0.994, 0.968, 0.992, 0.889, 0.933, 0.853.
    "heldout6": {
        "boilerplate_precision": 0.95,
        "boilerplate_recall": 0.91,
        "body_recall": 0.98,
        "caption_recall": 0.83,
        "title_accuracy": 0.88,
        "metadata_removal": 0.80,
    },
    "heldout3": {
        "boilerplate_precision": 0.95,
        "boilerplate_recall": 0.76,
        "body_recall": 0.98,
        "caption_recall": 0.82,
        "title_accuracy": 0.95,
        "metadata_removal": 0.95,
    },
}
# Measured F1, set 1: all 0.843, person 0.913, organization 0.767, place 0.929, topic 0.611,
# event 0.400. Set 2: 0.799, 0.943, 0.619, 0.895, 0.400, 0.429. Set 3: 0.731, 0.897, 0.613,
# 0.851, 0.148, 0.381. After key phrases and summits (issue 13), topic / event: set 1
# 0.634 / 0.625, set 2 0.615 / 0.714, set 3 0.263 / 0.692.
# The principals' own talks, meeting or call became an event (briefings/talks.py, issue 13):
# sets 6-8 label it ("events: named or clearly described talks, calls, visits, meetings"),
# sets 1-5 were labelled before that wording and never list it, so each such event counts
# against them: event F1 set 1 0.750 -> 0.545, set 2 0.750 -> 0.632, set 4 0.760 -> 0.667,
# set 5 0.720 -> 0.659, while set 6 0.243 -> 0.345, set 7 0.375 -> 0.523, set 8 0.225 -> 0.436.
# Visits said by their kind ("official visit", "официальным визитом", "kunjungan kerja"),
# named after the person named before them: set 2 0.632 -> 0.571 (two real visits its labels
# do not list), set 4 0.667 -> 0.644, set 6 -> 0.364, set 7 -> 0.589, set 8 -> 0.519.
# Events on unseen text (receptions, visits to places, joint and trilateral summits,
# sittings, elections and disasters; talks named by surnames): event F1 set 1 0.545 -> 0.593,
# set 2 0.571 -> 0.696, set 6 0.400 -> 0.474 (set 9, after its first score, 0.324 -> 0.603).
ENTITY_F1_FLOORS = {
    "heldout": {
        "all": 0.79,
        "person": 0.86,
        "organization": 0.71,
        "place": 0.87,
        "topic": 0.56,
        "event": 0.55,
    },
    "heldout2": {
        "all": 0.75,
        "person": 0.89,
        "organization": 0.57,
        "place": 0.84,
        "topic": 0.56,
        "event": 0.65,
    },
    # Set 4 after issue 13 (tuned on): all 0.837, person 0.925, organization 0.898, place
    # 0.937, topic 0.535, event 0.735. Set 5's first (blind) score: 0.654, 0.789, 0.767,
    # 0.840, 0.263, 0.200. After the third topics and events round (docs/evaluation.md), topic /
    # event: set 4 0.604 / 0.776, set 5 0.429 / 0.667 (all 0.725). After the organisations
    # round (credits, bodies by head word, docs/evaluation.md), set 5: all 0.763, organization
    # 0.843.
    "heldout4": {
        "all": 0.78,
        "person": 0.87,
        "organization": 0.83,
        "place": 0.88,
        "topic": 0.55,
        "event": 0.60,
    },
    # After noun-phrase key phrases and visits named by their visitor (issue 13, fourth
    # round), topic / event: set 5 0.475 / 0.720, set 6 0.311 / 0.243.
    "heldout5": {
        "all": 0.71,
        "person": 0.73,
        "organization": 0.79,
        "place": 0.81,
        "topic": 0.43,
        "event": 0.60,
    },
    # Set 6's first (blind) score: all 0.611, person 0.836, organization 0.601, place 0.854,
    # topic 0.264, event 0.171; after chrome inside the story (bylines no longer people) and
    # the organisations round (set 6 now "after"): all 0.668, person 0.873, organization 0.831;
    # after the names round of issue 13: all 0.691, person 0.910, organization 0.846.
    "heldout6": {
        "all": 0.64,
        "person": 0.86,
        "organization": 0.80,
        "place": 0.82,
        "topic": 0.28,
        "event": 0.44,
    },
    "heldout3": {
        "all": 0.68,
        "person": 0.84,
        "organization": 0.56,
        "place": 0.80,
        "topic": 0.21,
        "event": 0.64,
    },
}
# After the names round on text never seen (issue 13, docs/evaluation.md), people country /
# role: set 1 0.630 / 0.667, set 2 0.667 / 0.861, set 3 0.556 / 0.800, set 4 0.830 / 0.830,
# set 5 0.711 / 0.639, set 6 0.573 / 0.627; place F1 set 5 0.861, set 6 0.879.
# Measured, set 1: precision 0.915, recall 0.782, people mentions F1 0.897, country 0.537,
# role 0.667. Set 2: 0.885, 0.728, 0.917, 0.389, 0.778. Set 3: 0.858, 0.637, 0.892, 0.489,
# 0.733.
OVERALL_FLOORS = {
    "heldout": {"precision": 0.86, "recall": 0.73, "mentions": 0.84, "country": 0.58, "role": 0.61},
    "heldout2": {
        "precision": 0.83,
        "recall": 0.67,
        "mentions": 0.86,
        "country": 0.61,
        "role": 0.80,
    },
    # Set 4 (after): precision 0.911, recall 0.774, mentions 0.939, country 0.660, role 0.755.
    # Set 5 (first, blind): 0.822, 0.544, 0.790, 0.361, 0.542. Set 4 after the principals'
    # talks as events (which its labels, written before sets 6-8's wording, never list) and
    # the key-phrase threshold 0.2 -> 0.15 (chosen on leave-one-set-out tallies of sets 5-8):
    # precision 0.858, recall 0.827. The areas a series lists after a cue ("cooperation in
    # energy, food security and logistics") as topics, which sets 7 and 9 label and set 4's
    # labels do not: 0.847 -> 0.837.
    "heldout4": {
        "precision": 0.83,
        "recall": 0.72,
        "mentions": 0.88,
        "country": 0.78,
        "role": 0.77,
    },
    "heldout5": {
        "precision": 0.77,
        "recall": 0.49,
        "mentions": 0.74,
        "country": 0.66,
        "role": 0.58,
    },
    # Set 6 (first, blind): 0.794, 0.497, 0.853, 0.493, 0.600; after chrome inside the
    # story and the organisations round: precision 0.841, recall 0.554, mentions 0.916.
    "heldout6": {
        "precision": 0.80,
        "recall": 0.51,
        "mentions": 0.87,
        "country": 0.52,
        "role": 0.57,
    },
    "heldout3": {
        "precision": 0.80,
        "recall": 0.58,
        "mentions": 0.84,
        "country": 0.50,
        "role": 0.74,
    },
}


@cache
def _run(script: str, labels: Path) -> dict[str, Any]:
    command = [sys.executable, f"benchmarks/{script}", "--json", "--labels", str(labels)]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def _cleaning(labels: str) -> dict[str, Any]:
    return _run("eval_cleaning.py", LABELS / labels / "boilerplate.json")


def _entities(labels: str) -> dict[str, Any]:
    return _run("eval_entities.py", LABELS / labels / "entities.json")


@pytest.mark.parametrize("labels", SETS)
def test_heldout_labels_cover_every_document(labels: str) -> None:
    documents = json.loads((LABELS / labels / "boilerplate.json").read_text(encoding="utf-8"))
    articles = json.loads((LABELS / labels / "entities.json").read_text(encoding="utf-8"))
    assert DOCUMENTS[labels] == len(documents["documents"])
    assert DOCUMENTS[labels] == len(articles["articles"])
    assert DOCUMENTS[labels] == len(_cleaning(labels)["documents"])


@pytest.mark.parametrize(
    ("labels", "measure"), [(s, m) for s in SETS for m in sorted(CLEANING_FLOORS[s])]
)
def test_heldout_cleaning_stays_above_floor(labels: str, measure: str) -> None:
    overall = _cleaning(labels)["overall"]
    assert CLEANING_FLOORS[labels][measure] <= overall[measure]


@pytest.mark.parametrize(
    ("labels", "kind"), [(s, k) for s in SETS for k in sorted(ENTITY_F1_FLOORS[s])]
)
def test_heldout_entities_stay_above_floor(labels: str, kind: str) -> None:
    entities = _entities(labels)["entities"]
    assert ENTITY_F1_FLOORS[labels][kind] <= entities[kind]["f1"]


@pytest.mark.parametrize("labels", SETS)
def test_heldout_entity_precision_and_recall_stay_above_floor(labels: str) -> None:
    overall = _entities(labels)["entities"]["all"]
    assert OVERALL_FLOORS[labels]["precision"] <= overall["precision"]
    assert OVERALL_FLOORS[labels]["recall"] <= overall["recall"]


@pytest.mark.parametrize("labels", SETS)
def test_heldout_people_stay_above_floor(labels: str) -> None:
    result, floors = _entities(labels), OVERALL_FLOORS[labels]
    assert floors["mentions"] <= result["people_mentions"]["f1"]
    assert floors["country"] <= result["people_country_accuracy"]
    assert floors["role"] <= result["people_role_accuracy"]
