"""Every labelled set's cleaning and entity figures side by side, as docs/evaluation.md shows them.

    python benchmarks/scoreboard.py [--json] [--sets dev heldout heldout4 ...]

Runs `eval_cleaning` and `eval_entities` on each set (the dev labels in benchmarks/labels/,
then each held-out folder) and prints one markdown table per scorer. Whether a column is a
blind first score or "after" is history, not something the code can know: docs/evaluation.md
records which run was the first on each set.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import eval_cleaning, eval_entities  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels"
CLEANING_ROWS = (
    ("boilerplate precision", "boilerplate_precision"),
    ("boilerplate recall", "boilerplate_recall"),
    ("body recall", "body_recall"),
    ("captions found", "caption_recall"),
    ("titles found", "title_accuracy"),
    ("metadata out", "metadata_removal"),
)
ENTITY_ROWS = ("all", "person", "organization", "place", "topic", "event")


def label_sets() -> list[str]:
    """`dev`, then every held-out folder in number order."""
    held = sorted(
        (p.name for p in LABELS.iterdir() if p.is_dir() and p.name.startswith("heldout")),
        key=lambda name: int(name.removeprefix("heldout") or 1),
    )
    return ["dev", *held]


def _folder(name: str) -> Path:
    return LABELS if name == "dev" else LABELS / name


def scores(name: str) -> dict[str, Any]:
    folder = _folder(name)
    cleaning = eval_cleaning.evaluate(folder / "boilerplate.json")["overall"]
    entities = eval_entities.evaluate(folder / "entities.json").as_dict()
    return {
        "cleaning": cleaning,
        "entities": entities["entities"],
        "people_mentions": entities["people_mentions"],
    }


def markdown(table: dict[str, dict[str, Any]]) -> str:
    names = list(table)
    header = "| | " + " | ".join(names) + " |\n|---|" + "---:|" * len(names) + "\n"
    lines = ["Cleaning\n", header]
    for label, key in CLEANING_ROWS:
        row = (f"{table[n]['cleaning'][key]:.3f}" for n in names)
        lines.append(f"| {label} | " + " | ".join(row) + " |\n")
    lines += ["\nEntities (F1; precision / recall for all)\n", header]
    for kind in ENTITY_ROWS:
        row = (f"{table[n]['entities'][kind]['f1']:.3f}" for n in names)
        lines.append(f"| {kind} F1 | " + " | ".join(row) + " |\n")
    row = (
        f"{table[n]['entities']['all']['precision']:.3f} / "
        f"{table[n]['entities']['all']['recall']:.3f}"
        for n in names
    )
    lines.append("| all P / R | " + " | ".join(row) + " |\n")
    row = (f"{table[n]['entities']['topic']['recall']:.3f}" for n in names)
    lines.append("| topic recall | " + " | ".join(row) + " |\n")
    row = (f"{table[n]['people_mentions']['f1']:.3f}" for n in names)
    lines.append("| people mentions F1 | " + " | ".join(row) + " |\n")
    return "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--sets", nargs="+", help="label sets (default: all)")
    args = parser.parse_args()
    known = label_sets()
    unknown = [name for name in args.sets or () if name not in known]
    if unknown:
        message = f"unknown label set {unknown[0]!r}; known: {', '.join(known)}"
        print(
            json.dumps({"error": {"kind": "usage", "message": message}}) if args.json else message
        )
        raise SystemExit(2)
    table = {name: scores(name) for name in args.sets or known}
    if args.json:
        print(json.dumps(table))
    else:
        print(markdown(table), end="")


if __name__ == "__main__":
    main()
