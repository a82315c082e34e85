"""Fit the line classifier (briefings/line_model.py) on the hand-labelled lines.

Run from the repository root (needs scikit-learn, the `fit` extra):

    python benchmarks/fit_lines.py [--check] [--sets dev heldout ...] [--fit-sets ...]
                                   [--out PATH]

Reads the labelled sets (benchmarks/labels/boilerplate.json and heldout/ to heldout8/),
reports leave-one-set-out figures over `--sets` (fit on the other sets, score the one left
out: the estimate for unseen outlets) for the line classifier alone and for the cleaner
using it, then fits on `--fit-sets` (SHIPPED) and writes briefings/models/lines.json.
`--check` compares the fitted weights with the shipped ones instead of writing them.
Deterministic: the solver is exact (lbfgs to convergence), with no random state.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.linear_model import LogisticRegression  # noqa: E402

from benchmarks import eval_cleaning  # noqa: E402
from briefings import cleaning  # noqa: E402
from briefings.line_features import line_features  # noqa: E402
from briefings.line_model import LABELS, WEIGHTS_PATH, LineModel  # noqa: E402

SETS = {
    "dev": ROOT / "benchmarks/labels/boilerplate.json",
    "heldout": ROOT / "benchmarks/labels/heldout/boilerplate.json",
    "heldout2": ROOT / "benchmarks/labels/heldout2/boilerplate.json",
    "heldout3": ROOT / "benchmarks/labels/heldout3/boilerplate.json",
    "heldout4": ROOT / "benchmarks/labels/heldout4/boilerplate.json",
    "heldout5": ROOT / "benchmarks/labels/heldout5/boilerplate.json",
    "heldout6": ROOT / "benchmarks/labels/heldout6/boilerplate.json",
    "heldout7": ROOT / "benchmarks/labels/heldout7/boilerplate.json",
    "heldout8": ROOT / "benchmarks/labels/heldout8/boilerplate.json",
}
# The sets the shipped weights are fitted on. Set 5 is left out: fitted with it, the
# leave-one-set-out figures of the others fall (developers' body recall 0.978 -> 0.964,
# set 3 chrome recall 0.855 -> 0.842, set 4 captions 1.000 -> 0.833) and set 5 gains
# nothing it can be scored on (docs/evaluation.md, "Cleaning, third round"). Fitted on all
# nine sets, sets 7 and 8 would gain in-sample (set 8 captions 0.889 -> 1.000, titles 0.933
# -> 1.000) but the developers' body recall falls to 0.978 (a one-sentence paragraph of a
# seed read as a caption), and body recall may not fall on any set ("Cleaning on unseen
# pages, fourth round").
SHIPPED = ("dev", "heldout", "heldout2", "heldout3", "heldout4")
OUT = ROOT / "briefings" / WEIGHTS_PATH
TARGET = {"dateline": "metadata", "outlet": "metadata"}
C = 0.1  # L2 strength: a few hundred lines per label, so keep the weights small
BODY_RECALL_FLOOR = 0.98
# Decision thresholds, tuned by `tune_thresholds` on the leave-one-set-out folds.
THRESHOLDS = {
    "boilerplate": 0.9,
    "prose": 0.95,
    "inside_story": 1.01,
    "caption": 0.8,
    "title": 0.3,
    "metadata": 0.5,
}
GRID = {
    "boilerplate": (0.5, 0.6, 0.7, 0.8, 0.9),
    "prose": (0.8, 0.9, 0.95, 0.99, 1.01),
    "inside_story": (0.9, 0.95, 0.99, 1.01),
    "caption": (0.5, 0.6, 0.7, 0.8, 0.9),
    "title": (0.3, 0.4, 0.5, 0.6, 0.7),
    "metadata": (0.5, 0.6, 0.7, 0.8, 0.9),
}

Page = tuple[np.ndarray, np.ndarray]  # features, label indices


def read_pages(path: Path) -> list[Page]:
    """Features and labels of every labelled document, lines split as the cleaner splits."""
    pages = []
    for document in json.loads(path.read_text(encoding="utf-8"))["documents"]:
        text = eval_cleaning.document_text(document)
        lines = cleaning._split_lines(cleaning.without_controls(text))
        labels = [label for label, line in document["lines"] if line.strip()]
        assert len(labels) == len(lines), document["name"]
        language = cleaning.clean_text_with(text, None).language
        features = line_features([x.text for x in lines], [x.block for x in lines], language)
        targets = np.array([LABELS.index(TARGET.get(label, label)) for label in labels])
        pages.append((features, targets))
    return pages


def fit(pages: list[Page]) -> LineModel:
    features = np.vstack([f for f, _ in pages])
    targets = np.concatenate([t for _, t in pages])
    mean, scale = features.mean(axis=0), features.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000, tol=1e-8)
    model.fit((features - mean) / scale, targets)
    assert list(model.classes_) == list(range(len(LABELS)))
    return LineModel(mean, scale, model.coef_, model.intercept_, dict(THRESHOLDS))


def line_scores(model: LineModel, pages: list[Page]) -> dict[str, float]:
    """Per-line figures with the model's decisions alone (argmax over the thresholds)."""
    features = np.vstack([f for f, _ in pages])
    targets = np.concatenate([t for _, t in pages])
    predicted = decide(model, model.probabilities(features))
    body, chrome = LABELS.index("body"), LABELS.index("boilerplate")
    dropped = predicted == chrome
    return {
        "lines": float(len(targets)),
        "boilerplate_precision": _ratio(np.sum(dropped & (targets == chrome)), np.sum(dropped)),
        "boilerplate_recall": _ratio(
            np.sum(dropped & (targets == chrome)), np.sum(targets == chrome)
        ),
        "body_kept": _ratio(np.sum(~dropped & (targets == body)), np.sum(targets == body)),
        **{
            f"{label}_recall": _ratio(
                np.sum((predicted == i) & (targets == i)), np.sum(targets == i)
            )
            for i, label in enumerate(LABELS)
        },
    }


def decide(model: LineModel, probabilities: np.ndarray) -> np.ndarray:
    """Each line's label: the likeliest one clearing its threshold, else body."""
    decided = np.full(len(probabilities), LABELS.index("body"))
    best = probabilities.argmax(axis=1)
    for i, label in enumerate(LABELS):
        if label == "body":
            continue
        chosen = (best == i) & (probabilities[:, i] >= model.thresholds[label])
        decided[chosen] = i
    return decided


def _ratio(part: Any, whole: Any) -> float:
    return float(part) / float(whole) if whole else 1.0


def cleaner_scores(model: LineModel | None, path: Path) -> dict[str, float]:
    """eval_cleaning's overall figures for the cleaner using `model` (None: rules alone)."""
    clean: Callable[[str], Any] = lambda text: cleaning.clean_text_with(text, model)  # noqa: E731
    results = eval_cleaning.evaluate(path, clean=clean)
    overall = results["overall"]
    assert isinstance(overall, dict)
    return {key: float(value) for key, value in overall.items()}


def leave_one_set_out(pages: dict[str, list[Page]], cleaner: bool) -> dict[str, Any]:
    report = {}
    for held in pages:
        model = fit([page for name, rest in pages.items() if name != held for page in rest])
        report[held] = {"lines": line_scores(model, pages[held])}
        if cleaner:
            report[held]["rules"] = cleaner_scores(None, SETS[held])
            report[held]["model"] = cleaner_scores(model, SETS[held])
    return report


def tune_thresholds(pages: dict[str, list[Page]]) -> dict[str, float]:
    """Thresholds that keep body recall ≥ 0.98 on every fold, pooled as high as it goes,
    and find the most chrome, captions and titles: coordinate ascent over GRID, twice."""
    folds = {
        held: fit([page for name, rest in pages.items() if name != held for page in rest])
        for held in pages
    }
    thresholds = dict(THRESHOLDS)
    best = _objective(folds, thresholds)
    for _ in range(2):
        for name, values in GRID.items():
            for value in values:
                trial = {**thresholds, name: value}
                score = _objective(folds, trial)
                if score > best:
                    best, thresholds = score, trial
    print(f"tuned thresholds {thresholds}: objective {best}")
    return thresholds


def _objective(folds: dict[str, LineModel], thresholds: dict[str, float]) -> tuple[float, ...]:
    scores = [
        cleaner_scores(LineModel(m.mean, m.scale, m.coef, m.intercept, thresholds), SETS[held])
        for held, m in folds.items()
    ]
    body = [s["body_recall"] for s in scores]
    found = sum(s["boilerplate_recall"] + s["caption_recall"] + s["title_accuracy"] for s in scores)
    return (float(min(body) >= BODY_RECALL_FLOOR), round(sum(body), 3), round(found, 3))


def _print(report: dict[str, Any]) -> None:
    for held, parts in report.items():
        for kind, scores in parts.items():
            cells = " ".join(f"{k.removesuffix('_recall')}={v:.3f}" for k, v in scores.items())
            print(f"{held:9} {kind:6} {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--fit-sets", nargs="+", default=list(SHIPPED), choices=list(SETS))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="compare with the shipped weights")
    parser.add_argument("--no-cv", action="store_true", help="skip leave-one-set-out")
    parser.add_argument("--tune", action="store_true", help="tune the thresholds first")
    parser.add_argument("--no-cleaner", action="store_true", help="line figures only")
    args = parser.parse_args()
    pages = {name: read_pages(SETS[name]) for name in args.sets}
    if args.tune:
        THRESHOLDS.update(tune_thresholds(pages))
    if not args.no_cv and len(pages) > 1:
        _print(leave_one_set_out(pages, cleaner=not args.no_cleaner))
    fitted = {name: pages.get(name) or read_pages(SETS[name]) for name in args.fit_sets}
    data = fit([page for rest in fitted.values() for page in rest]).to_json()
    text = json.dumps(data, indent=None, separators=(",", ":")) + "\n"
    if args.check:
        shipped = json.loads(args.out.read_text(encoding="utf-8"))
        differs = max(
            float(np.max(np.abs(np.asarray(data[key]) - np.asarray(shipped[key]))))
            for key in ("mean", "scale", "coef", "intercept")
        )
        print(f"largest difference from {args.out}: {differs:.2e}")
        raise SystemExit(differs > 1e-4)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
