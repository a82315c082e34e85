"""Score `clean_text` against the hand labels in benchmarks/labels/boilerplate.json.

Run from the repository root: `python benchmarks/eval_cleaning.py [--json] [--errors]
[--labels PATH]` (the held-out set is benchmarks/labels/heldout/boilerplate.json);
`--errors` lists every labelled line the cleaner put in the wrong place.

A labelled line counts as kept when it is the title, stands inside a paragraph or a
caption, or (for captions and datelines sharing a line) a caption stands inside it;
otherwise it counts as removed. Reported per document and overall:
- boilerplate precision and recall: of the lines removed, how many were boilerplate, and
  of the boilerplate lines, how many were removed (title, body and caption lines are the
  negatives; dateline and outlet lines are metadata and count on neither side);
- body recall: body lines found in the paragraphs (a paragraph that is the line minus a
  short closing sign-off such as `— VNS` counts);
- title and captions: the title found, caption lines found among the captions.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import py3langid as langid  # noqa: E402

from briefings.cleaning import clean_text  # noqa: E402
from briefings.model import CleanText  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels" / "boilerplate.json"
SEEDS = ROOT / "seeds"
SIGN_OFF_SLACK = 12  # characters a closing sign-off may take off a body line
_SPACE = re.compile(r"\s+")
COLUMNS = {
    "boilerplate_precision": "chrome prec.",
    "boilerplate_recall": "chrome recall",
    "body_recall": "body recall",
    "caption_recall": "captions",
    "title_accuracy": "title",
    "metadata_removal": "metadata out",
}


@dataclass
class Tally:
    removed_boilerplate: int = 0
    kept_boilerplate: int = 0
    removed_content: int = 0
    body: int = 0
    body_kept: int = 0
    captions: int = 0
    captions_found: int = 0
    titles: int = 0
    titles_found: int = 0
    metadata: int = 0
    metadata_out: int = 0

    def add(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float]:
        removed = self.removed_boilerplate + self.removed_content
        boilerplate = self.removed_boilerplate + self.kept_boilerplate
        return {
            "boilerplate_precision": _ratio(self.removed_boilerplate, removed),
            "boilerplate_recall": _ratio(self.removed_boilerplate, boilerplate),
            "body_recall": _ratio(self.body_kept, self.body),
            "caption_recall": _ratio(self.captions_found, self.captions),
            "title_accuracy": _ratio(self.titles_found, self.titles),
            "metadata_removal": _ratio(self.metadata_out, self.metadata),
        }


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _normal(line: str) -> str:
    return _SPACE.sub(" ", line).strip()


def document_text(document: dict[str, object]) -> str:
    """The document's text: its seed file, or its labelled lines joined."""
    if "seed" in document:
        return (SEEDS / str(document["seed"])).read_text(encoding="utf-8")
    lines = document["lines"]
    assert isinstance(lines, list)
    return str(document["separator"]).join(text for _, text in lines)


def _labelled(document: dict[str, object], text: str) -> list[tuple[str, str]]:
    lines = [(label, _normal(line)) for label, line in document["lines"] if line]  # type: ignore[attr-defined]
    actual = [_normal(line) for line in text.splitlines() if line.strip()]
    if [line for _, line in lines] != actual:
        raise SystemExit(f"labels out of date for {document['name']}")
    return lines


def _inside(line: str, texts: tuple[str, ...]) -> bool:
    if not re.search(r"\w", line):
        return line in texts  # a bare "-" is inside every hyphenated word
    pattern = re.compile(rf"(?<!\w){re.escape(line)}(?!\w)")
    return any(pattern.search(text) for text in texts)


def _in_body(line: str, result: CleanText) -> bool:
    if _inside(line, result.paragraphs):
        return True
    dateline = result.dateline.text if result.dateline else None
    title = result.title
    if dateline and title and line.startswith(f"{title} {dateline}"):
        # A headline the page glued to the story's first line is the title, not lost.
        line = line[len(title) :].strip()
    if dateline and line.startswith(dateline) and line != dateline:
        # The wire dateline opening the story is kept as metadata, off the paragraph.
        return _in_body(line[len(dateline) :].strip(), replace(result, dateline=None))
    return any(
        line.startswith(p) and len(line) - len(p) <= SIGN_OFF_SLACK for p in result.paragraphs
    )


def _in_captions(line: str, result: CleanText) -> bool:
    return _inside(line, result.captions) or any(caption in line for caption in result.captions)


def _kept(line: str, result: CleanText) -> bool:
    return line == result.title or _in_body(line, result) or _in_captions(line, result)


def _found(label: str, line: str, result: CleanText) -> bool:
    """Whether the cleaner put a line labelled `label` where the label says."""
    if label == "boilerplate":
        return not _kept(line, result)
    if label == "body":
        return _in_body(line, result)
    if label == "caption":
        return _in_captions(line, result)
    if label == "title":
        return line == result.title
    return not _in_body(line, result)  # dateline and outlet lines are metadata


def errors(labelled: list[tuple[str, str]], result: CleanText) -> list[str]:
    """One line per labelled line the cleaner got wrong: its label and where it went."""
    wrong = []
    for label, line in labelled:
        if not _found(label, line, result):
            wrong.append(f"  {label:>11} → {_where(line, result):9} {line[:110]}")
    return wrong


def _where(line: str, result: CleanText) -> str:
    if line == result.title:
        return "title"
    if _in_body(line, result):
        return "body"
    return "caption" if _in_captions(line, result) else "removed"


def score(labelled: list[tuple[str, str]], result: CleanText) -> Tally:
    tally = Tally()
    for label, line in labelled:
        kept = _kept(line, result)
        if label == "boilerplate":
            tally.removed_boilerplate += not kept
            tally.kept_boilerplate += kept
        elif label in ("body", "title", "caption"):
            tally.removed_content += not kept
        tally.body += label == "body"
        tally.body_kept += label == "body" and _in_body(line, result)
        tally.captions += label == "caption"
        tally.captions_found += label == "caption" and _in_captions(line, result)
        tally.titles += label == "title"
        tally.titles_found += label == "title" and line == result.title
        tally.metadata += label in ("dateline", "outlet")
        tally.metadata_out += label in ("dateline", "outlet") and not _in_body(line, result)
    return tally


def evaluate(
    labels_path: Path = LABELS,
    clean: Callable[[str], CleanText] = clean_text,
    listing: dict[str, list[str]] | None = None,
) -> dict[str, object]:
    """Score every document; with `listing`, also fill it with each document's errors."""
    documents = json.loads(labels_path.read_text(encoding="utf-8"))["documents"]
    langid.classify("warm up")  # loads the model, which would otherwise be timed
    overall, seeds, report = Tally(), Tally(), {}
    elapsed = 0.0
    for document in documents:
        text = document_text(document)
        started = time.perf_counter()
        result = clean(text)
        elapsed += time.perf_counter() - started
        labelled = _labelled(document, text)
        tally = score(labelled, result)
        if listing is not None:
            listing[document["name"]] = errors(labelled, result)
        report[document["name"]] = tally.scores()
        overall.add(tally)
        if "seed" in document:
            seeds.add(tally)
    return {
        "documents": report,
        "seeds": seeds.scores(),
        "seed_documents": sum("seed" in document for document in documents),
        "overall": overall.scores(),
        "mean_ms_per_document": 1000 * elapsed / len(documents),
    }


def _print_table(results: dict[str, object]) -> None:
    print(f"{'document':26}" + "".join(f"{heading:>14}" for heading in COLUMNS.values()))
    rows = dict(results["documents"])  # type: ignore[call-overload]
    if results["seed_documents"]:
        rows["— seeds"] = results["seeds"]
    rows["— overall"] = results["overall"]
    for name, scores in rows.items():
        print(f"{name[:26]:26}" + "".join(f"{scores[column]:>14.3f}" for column in COLUMNS))
    print(f"mean time per document: {results['mean_ms_per_document']:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--labels", type=Path, default=LABELS, help="label file to score against")
    parser.add_argument(
        "--errors", action="store_true", help="list the lines put in the wrong place"
    )
    args = parser.parse_args()
    listing: dict[str, list[str]] | None = {} if args.errors else None
    results = evaluate(args.labels, listing=listing)
    for name, wrong in (listing or {}).items():
        if wrong:
            print(name, *wrong, sep="\n")
    if args.json:
        print(json.dumps(results))
    else:
        _print_table(results)


if __name__ == "__main__":
    main()
