"""Fit the answer ranker (briefings/models/answers.json).

    python benchmarks/fit_answers.py [--check] [--folds]

Each labelled question set is ingested as its scorer ingests it: the seeds with their
questions (benchmarks/labels/questions.json), and the blind briefing sets 1-3 once their
first scores were recorded (never a set still blind). Every question is read as `ask`
reads it (`compose.answer_pool`), and each candidate sentence gets the ranker's features
(`answers.answer_features`). A candidate is an answer when its scorer would count it as
one: for the blind sets, it quotes the labelled answer (`eval_blind_briefings.quotes`) and
comes from a labelled file; for the seeds, it holds the answer verbatim. A pairwise logistic
regression is fitted on the questions that have an answer among their candidates.

`--folds` prints, for each set, hit@1 of a model fitted on the other sets: the estimate for
questions nobody fitted on. `--check` compares with the shipped file instead of writing it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.linear_model import LogisticRegression  # noqa: E402

from benchmarks.eval_blind_briefings import quotes  # noqa: E402
from briefings.answer_model import WEIGHTS_PATH, model_json  # noqa: E402
from briefings.answers import answer_features  # noqa: E402
from briefings.compose import answer_pool  # noqa: E402
from briefings.ingest.pipeline import ingest  # noqa: E402
from store import Store  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels"
SEEDS = "seeds"
BLIND = (  # never a set still blind
    "blind_briefings",
    "blind_briefings2",
    "blind_briefings3",
    "blind_briefings4",
)
MODEL_OUT = ROOT / "briefings" / WEIGHTS_PATH
# Strong enough regularisation that no one set's few questions set a weight on their own.
C = 1.0


@dataclass(frozen=True)
class Example:
    """One question: its candidates' features, which of them answer it, and its set."""

    set: str
    question: str
    rows: list[tuple[float, ...]]
    answers: list[bool]


def examples() -> list[Example]:
    """Every labelled question of every set, with its candidates."""
    found = []
    for name in (SEEDS, *BLIND):
        found += _set_examples(name)
    return found


def _set_examples(name: str) -> list[Example]:
    if name == SEEDS:
        corpus = ROOT / "seeds"
        questions = json.loads((LABELS / "questions.json").read_text("utf-8"))["questions"]
    else:
        corpus = LABELS / name / "articles"
        questions = json.loads((LABELS / name / "labels.json").read_text("utf-8"))["questions"]
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "fit.db") as store:
        ingest([str(corpus)], store, fetcher=None, max_bytes=10_000_000)
        paths = {a.id: Path(a.path or "").name for a in store.articles()}
        return [_example(store, name, item, paths) for item in questions]


def _example(store: Store, name: str, item: dict[str, object], paths: dict[int, str]) -> Example:
    question, answer = str(item["question"]), str(item["answer"])
    files = {Path(str(f)).name for f in item.get("files", [])}  # type: ignore[attr-defined]
    found = answer_pool(store, question)
    if found is None:
        return Example(name, question, [], [])
    scored = answer_features(
        store, found.question, found.hits, found.pool, found.names, found.match
    )
    rows = [features for _, features in scored]
    if name == SEEDS:
        answers = [answer in c.text for c, _ in scored]
    else:
        answers = [quotes(c.text, answer) and paths[c.article_id] in files for c, _ in scored]
    return Example(name, question, rows, answers)


def fit_model(train: Sequence[Example]) -> tuple[list[float], float]:
    """Weights of a pairwise regression fitted on the answerable questions of `train`: for
    each answer and each other candidate of one question, which of the two answers it
    (from the difference of their features). A question's candidates are only ever
    compared with each other, so what no candidate of it has (a type of answer nobody
    wrote, names a translated report spells its own way) does not count against them.
    """
    rows, labels = [], []
    for example in train:
        features = np.asarray(example.rows)
        answers = [i for i, a in enumerate(example.answers) if a]
        others = [i for i, a in enumerate(example.answers) if not a]
        for i in answers:
            for j in others:
                rows += [features[i] - features[j], features[j] - features[i]]
                labels += [True, False]
    model = LogisticRegression(C=C, max_iter=5000, tol=1e-8, fit_intercept=False)
    model.fit(np.asarray(rows), np.asarray(labels))
    return [float(w) for w in model.coef_[0]], 0.0


def hits_at_1(held: Sequence[Example], weights: Sequence[float], intercept: float) -> int:
    """How many questions of `held` have an answer as their best-scored candidate."""
    count = 0
    for example in held:
        if not example.rows:
            continue
        scores = np.asarray(example.rows) @ np.asarray(weights) + intercept
        count += example.answers[int(np.argmax(scores))]
    return count


def folds(found: Sequence[Example]) -> dict[str, tuple[int, int, int]]:
    """Per set: hit@1 of a model fitted on the other sets, questions with an answer among
    their candidates, and questions."""
    report = {}
    for name in dict.fromkeys(e.set for e in found):
        held = [e for e in found if e.set == name]
        weights, intercept = fit_model([e for e in found if e.set != name])
        offered = sum(any(e.answers) for e in held)
        report[name] = (hits_at_1(held, weights, intercept), offered, len(held))
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped file")
    parser.add_argument("--folds", action="store_true", help="print leave-one-set-out hit@1")
    args = parser.parse_args()
    found = examples()
    if args.folds:
        print(f"{'held out':18} hit@1  offered  questions")
        for name, (first, offered, total) in folds(found).items():
            print(f"{name:18} {first / total:.3f}  {offered / total:.3f}    {total}")
    weights, intercept = fit_model(found)
    model = json.dumps(model_json(weights, intercept), indent=1) + "\n"
    if args.check:
        same = MODEL_OUT.read_text(encoding="utf-8") == model
        print("shipped model is up to date" if same else "shipped model differs: refit")
        sys.exit(0 if same else 1)
    MODEL_OUT.write_text(model, encoding="utf-8")
    first = hits_at_1(found, weights, intercept)
    print(f"fitted on {len(found)} questions; hit@1 on them {first / len(found):.3f}")


if __name__ == "__main__":
    main()
