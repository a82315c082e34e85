"""Fit the key-phrase background table (briefings/gazetteer/keyphrase_df.tsv).

    python benchmarks/fit_keyphrases.py [--check]

The table says in how many documents of a background corpus each candidate phrase (as stem
keys, `briefings.keyphrases.phrase_keys`) occurs, so that phrases every story of the field says
("strategic partnership", "trade agreement", "international law") rank below the matter of one
story. The
corpus is every article we have as text: the seeds, the texts of tests/articles, the pages of
the labelled sets (dev, heldout 1-4; only their file names are read from the labels) and
the written articles of the dev entity labels. Each is cleaned as ingest cleans it and
counted once per key. Only keys found in two documents or more are written: a key seen once
is as rare as an unseen one, and the article it came from must not find its own phrases rare
by having been counted. Words are counted too, as one-word keys: a phrase whose modifier every
story uses ("bilateral", "international") is less telling. The same English texts give the
verbs (`keyphrase_verbs.txt`).

The same script fits the key-phrase model (`briefings/models/keyphrases.json`): a logistic
regression telling which candidates (`briefings.keyphrases.candidates`) are topics, fitted on
every labelled set scored at least once (dev, heldout 1-9; never a blind set not yet scored).
An article of the background corpus is read with its own keys taken out of the table, so its
phrases look as rare as they would in an unseen article. `--folds` prints, per set, the topics
a model fitted on the other sets finds: the estimate for a set nobody fitted on.
`--check` compares with the shipped files instead of writing them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.linear_model import LogisticRegression  # noqa: E402

from benchmarks.eval_entities import _written_passages, language_of, passages_of  # noqa: E402
from briefings.cleaning import clean_text  # noqa: E402
from briefings.folding import fold  # noqa: E402
from briefings.keyphrase_model import WEIGHTS_PATH, model_json  # noqa: E402
from briefings.keyphrases import (  # noqa: E402
    DF_FILE,
    VERBS_FILE,
    Candidate,
    candidates,
    phrase_keys,
    select,
    verbs_in,
)

LABELS = ROOT / "benchmarks" / "labels"
SETS = ("", "heldout", "heldout2", "heldout3", "heldout4")  # never heldout5: scored blind
# Named one by one: never a set whose first score is not yet recorded.
MODEL_SETS = (*SETS, "heldout5", "heldout6", "heldout7", "heldout8", "heldout9")
OUT = ROOT / "briefings" / DF_FILE
VERBS_OUT = ROOT / "briefings" / VERBS_FILE
MODEL_OUT = ROOT / "briefings" / WEIGHTS_PATH
MIN_DOCUMENTS = 2
C = 1.0  # the regression's inverse regularisation
THRESHOLD = 0.15  # the least probability kept: see --folds
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 10))


def documents() -> Iterator[tuple[str, str, str | None]]:
    """(name, text, language) of each background document, each file once."""
    files: set[Path] = set(ROOT.glob("seeds/*.txt")) | set(ROOT.glob("tests/articles/*.txt"))
    written: list[str] = []
    for name in SETS:
        folder = LABELS / name if name else LABELS
        files |= set(folder.glob("articles/*"))
        for article in json.loads((folder / "entities.json").read_text("utf-8"))["articles"]:
            if "file" in article:
                files.add(ROOT / article["file"])
            else:
                written.append(article["text"])
    for path in sorted(files):
        yield (str(path.relative_to(ROOT)), *_cleaned(path.read_text(encoding="utf-8")))
    for text in written:
        yield _written_name(text), text, "en"


def _written_name(text: str) -> str:
    return "written:" + text[:80]


def _cleaned(raw: str) -> tuple[str, str | None]:
    cleaned = clean_text(raw)
    return "\n".join(p.text for p in cleaned.passages), cleaned.language


Keys = dict[str, set[tuple[str, ...]]]


def fit() -> tuple[int, Counter[tuple[str, ...]], str, Keys]:
    counts: Counter[tuple[str, ...]] = Counter()
    english: list[str] = []
    keys: Keys = {}
    for name, text, language in documents():
        keys[name] = phrase_keys(text, language)
        counts.update(keys[name])
        if language == "en":
            english.append(text)
    return len(keys), counts, "\n".join(english), keys


@dataclass
class Example:
    """One labelled article's candidates, which of them are its topics, and how many topics
    it labels."""

    set: str
    language: str
    candidates: list[Candidate]
    labels: list[int]
    topics: int


def examples(total: int, counts: Counter[tuple[str, ...]], keys: Keys) -> list[Example]:
    found = []
    for name in MODEL_SETS:
        folder = LABELS / name if name else LABELS
        for article in json.loads((folder / "entities.json").read_text("utf-8"))["articles"]:
            if "file" in article:
                passages = passages_of((ROOT / article["file"]).read_text(encoding="utf-8"))
                document = article["file"]
            else:
                passages = _written_passages(article["text"])
                document = _written_name(article["text"])
            language = language_of(" ".join(p.text for p in passages))
            title = next((i for i, p in enumerate(passages) if p.kind == "title"), None)
            own = keys.get(document, set())
            background = (total - bool(own), _frequency(counts, own))
            texts = [p.text for p in passages]
            found.append(
                _example(
                    name or "dev",
                    language or "en",
                    article,
                    texts,
                    candidates(texts, language, title, background),
                )
            )
    return found


def _frequency(
    counts: Counter[tuple[str, ...]], own: set[tuple[str, ...]]
) -> Callable[[tuple[str, ...]], int]:
    """The table as the script writes it, without the document's own keys."""

    def frequency(key: tuple[str, ...]) -> int:
        count = counts.get(key, 0) - (key in own)
        return count if count >= MIN_DOCUMENTS else 0

    return frequency


def _example(
    name: str, language: str, article: dict[str, Any], texts: list[str], found: list[Candidate]
) -> Example:
    """Each candidate's labelled topic (its index), or -1: as `eval_entities` matches, by
    name or by a surface the article wrote."""
    topics = [e for e in article["entities"] if e["kind"] == "topic"]
    index = {fold(s): i for i, e in enumerate(topics) for s in e["surfaces"]}
    for i, e in enumerate(topics):
        index[fold(e["name"])] = i
        if e.get("name_en"):
            index[fold(e["name_en"])] = i
    labels = []
    for c in found:
        said = (fold(texts[o.passage][o.start : o.end]) for o in c.occurrences)
        wording = c.phrase(texts).name
        match = index.get(fold(wording), next((index[w] for w in said if w in index), -1))
        labels.append(match)
    return Example(name, language, found, labels, len(topics))


def verbs_text(english: str) -> str:
    head = "# Written by benchmarks/fit_keyphrases.py: English stems used as verbs in the corpus."
    return "\n".join([head, *sorted(verbs_in(english))]) + "\n"


def table_text(total: int, counts: Counter[tuple[str, ...]]) -> str:
    kept = sorted(
        (k for k, n in counts.items() if n >= MIN_DOCUMENTS), key=lambda k: (-counts[k], k)
    )
    head = [
        "# Written by benchmarks/fit_keyphrases.py: documents in the background corpus, then",
        "# each phrase's stem key (space-separated) and the documents it occurs in (>= 2).",
        f"documents\t{total}",
    ]
    return "\n".join(head + [f"{' '.join(k)}\t{counts[k]}" for k in kept]) + "\n"


def fit_model(train: list[Example]) -> tuple[list[float], float]:
    """Weights and intercept of the regression fitted on `train`."""
    rows = [c.features for e in train for c in e.candidates]
    labels = [label >= 0 for e in train for label in e.labels]
    model = LogisticRegression(C=C, max_iter=5000, tol=1e-8)
    model.fit(np.asarray(rows), np.asarray(labels))
    return [float(w) for w in model.coef_[0]], float(model.intercept_[0])


def chosen(example: Example, weights: list[float], intercept: float, least: float) -> list[int]:
    """Indices of the candidates `key_phrases` would keep with this model."""
    rows = np.asarray([c.features for c in example.candidates]).reshape(len(example.candidates), -1)
    probabilities = [
        float(p) for p in 1.0 / (1.0 + np.exp(-(rows @ np.asarray(weights) + intercept)))
    ]
    picked = {id(c) for c in select(example.candidates, probabilities, least)}
    return [i for i, c in enumerate(example.candidates) if id(c) in picked]


def tally(
    found: list[Example], weights: list[float], intercept: float, least: float
) -> tuple[int, int, int]:
    """Labelled topics matched, phrases kept, topics labelled."""
    matched = kept = labelled = 0
    for example in found:
        picks = chosen(example, weights, intercept, least)
        matched += len({example.labels[i] for i in picks} - {-1})
        kept += len(picks)
        labelled += example.topics
    return matched, kept, labelled


def folds(found: list[Example]) -> dict[str, dict[float, tuple[int, int, int]]]:
    """Per set, the tally of a model fitted on the other sets, at each threshold."""
    report = {}
    for name in dict.fromkeys(e.set for e in found):
        train = [e for e in found if e.set != name]
        weights, intercept = fit_model(train)
        held = [e for e in found if e.set == name]
        report[name] = {t: tally(held, weights, intercept, t) for t in THRESHOLDS}
    return report


def _print_folds(report: dict[str, dict[float, tuple[int, int, int]]]) -> None:
    for name, by_threshold in report.items():
        cells = []
        for t, (matched, kept, labelled) in by_threshold.items():
            cells.append(f"{t:.2f}: {matched / max(kept, 1):.2f}/{matched / labelled:.2f}")
        print(f"{name:9} " + "  ".join(cells))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the shipped files")
    parser.add_argument("--folds", action="store_true", help="print leave-one-set-out tallies")
    parser.add_argument(
        "--without",
        choices=[n or "dev" for n in MODEL_SETS],
        help="fit without this set (an estimate)",
    )
    args = parser.parse_args()
    total, counts, english, keys = fit()
    text = table_text(total, counts)
    verbs = verbs_text(english)
    kept = text.count("\n") - 3
    print(f"{total} documents, {len(counts)} keys, {kept} in two documents or more")
    if not args.check:
        OUT.write_text(text, encoding="utf-8")
        VERBS_OUT.write_text(verbs, encoding="utf-8")
    found = [e for e in examples(total, counts, keys) if e.set != args.without]
    if args.folds:
        _print_folds(folds(found))
    weights, intercept = fit_model(found)
    model = json.dumps(model_json(weights, intercept, THRESHOLD), indent=1) + "\n"
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        same = same and VERBS_OUT.read_text(encoding="utf-8") == verbs
        same = same and MODEL_OUT.read_text(encoding="utf-8") == model
        print("shipped files are up to date" if same else "shipped files differ: refit")
        sys.exit(0 if same else 1)
    MODEL_OUT.write_text(model, encoding="utf-8")


if __name__ == "__main__":
    main()
