"""Precision and recall of entity extraction against hand labels.

    python benchmarks/eval_entities.py [--json] [--errors] [--labels PATH]

Entity level: an article's extracted entities against its labelled ones, per kind and overall.
An extracted entity is the labelled one of the same kind when the fold of its canonical name is
the label's name, or when the text named it with one of the label's surfaces: "ASEAN" found and
linked to "Association of Southeast Asian Nations" is the label "ASEAN", as a reader would
count it (`--by-name` scores by canonical name alone, the rule before set 5). Labels of
non-English articles (set 4 on) also give `name_en`, the English press's spelling, and
`role_en`: an entity found under either name, or a role given in either language, counts.
Mention level: people's surfaces (full names and short references) with their counts. Also
the share of labelled people whose country and role were found.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.entities import extract  # noqa: E402
from briefings.folding import fold  # noqa: E402
from briefings.model import Extraction, Passage  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels" / "entities.json"
KINDS = ("person", "organization", "place", "topic", "event")


@dataclass
class Tally:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, found: Counter[Any], expected: Counter[Any]) -> None:
        matched = sum((found & expected).values())
        self.true_positives += matched
        self.false_positives += sum(found.values()) - matched
        self.false_negatives += sum(expected.values()) - matched

    def scores(self) -> dict[str, float]:
        found = self.true_positives + self.false_positives
        expected = self.true_positives + self.false_negatives
        precision = self.true_positives / found if found else 1.0
        recall = self.true_positives / expected if expected else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


@dataclass
class Report:
    entities: dict[str, Tally] = field(
        default_factory=lambda: {k: Tally() for k in ("all", *KINDS)}
    )
    people_mentions: Tally = field(default_factory=Tally)
    people_attributes: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        people = self.people_attributes["people"] or 1
        return {
            "entities": {kind: tally.scores() for kind, tally in self.entities.items()},
            "people_mentions": self.people_mentions.scores(),
            "people_country_accuracy": round(self.people_attributes["country"] / people, 3),
            "people_role_accuracy": round(self.people_attributes["role"] / people, 3),
            "errors": self.errors,
        }


def passages_of(text: str) -> tuple[Passage, ...]:
    """The real cleaner when it is there; else first line as title, other lines as paragraphs."""
    try:
        from briefings.cleaning import clean_text
    except ImportError:
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        return (Passage("title", lines[0]), *(Passage("body", line) for line in lines[1:]))
    return clean_text(text).passages


def language_of(text: str) -> str | None:
    """The language the cleaner finds, as ingest stores it; None without the cleaner."""
    try:
        from briefings.cleaning import clean_text
    except ImportError:
        return None
    return clean_text(text).language


def _written_passages(text: str) -> tuple[Passage, ...]:
    """Hand-written articles are clean already: a title, then paragraphs between blank lines."""
    title, *paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return (Passage("title", title), *(Passage("body", p) for p in paragraphs))


def evaluate(labels_path: Path = LABELS, *, by_name: bool = False) -> Report:
    report = Report()
    for article in json.loads(labels_path.read_text(encoding="utf-8"))["articles"]:
        if "file" in article:
            passages = passages_of((ROOT / article["file"]).read_text(encoding="utf-8"))
        else:
            passages = _written_passages(article["text"])
        # As ingest does: the article's language decides which finders run.
        extraction = extract(passages, None, language_of(" ".join(p.text for p in passages)))
        _score_article(
            report,
            article.get("file") or article["name"],
            article["entities"],
            extraction,
            by_name=by_name,
        )
    return report


def _label_key(
    labelled: Sequence[dict[str, Any]], extraction: Extraction, *, by_name: bool
) -> dict[str, str]:
    """Each extracted entity's folded name → the fold of the label it is, when it is one."""
    names = {fold(e["name_en"]): fold(e["name"]) for e in labelled if e.get("name_en")}
    names |= {fold(e["name"]): fold(e["name"]) for e in labelled}
    surfaces = {
        (fold(surface), e["kind"]): fold(e["name"]) for e in labelled for surface in e["surfaces"]
    }
    key: dict[str, str] = {}
    for mention in sorted(extraction.mentions, key=lambda m: (m.passage, m.start)):
        name = fold(mention.entity.name)
        if name in names:
            key[name] = names[name]
        elif not by_name and name not in key:
            label = surfaces.get((fold(mention.surface), mention.entity.kind))
            if label is not None:
                key[name] = label
    return key


def _score_article(
    report: Report,
    name: str,
    labelled: Sequence[dict[str, Any]],
    extraction: Extraction,
    *,
    by_name: bool = False,
) -> None:
    key = _label_key(labelled, extraction, by_name=by_name)
    found = {
        (key.get(fold(m.entity.name), fold(m.entity.name)), m.entity.kind)
        for m in extraction.mentions
    }
    expected = {(fold(e["name"]), e["kind"]) for e in labelled}
    for kind in ("all", *KINDS):
        in_kind = {k for k in found if kind in ("all", k[1])}
        expected_in_kind = {k for k in expected if kind in ("all", k[1])}
        report.entities[kind].add(Counter(in_kind), Counter(expected_in_kind))
    report.errors += [f"{name}: extra {n!r} ({k})" for n, k in sorted(found - expected)]
    report.errors += [f"{name}: missed {n!r} ({k})" for n, k in sorted(expected - found)]
    _score_people(report, name, [e for e in labelled if e["kind"] == "person"], extraction, key)


def _score_people(
    report: Report,
    name: str,
    people: Sequence[dict[str, Any]],
    extraction: Extraction,
    key: dict[str, str],
) -> None:
    mentions = [m for m in extraction.mentions if m.entity.kind == "person"]
    found = Counter(
        (key.get(fold(m.entity.name), fold(m.entity.name)), m.surface) for m in mentions
    )
    expected = Counter({(fold(p["name"]), s): n for p in people for s, n in p["surfaces"].items()})
    report.people_mentions.add(found, expected)
    report.errors += [
        f"{name}: person mention {k} found {found[k]}, expected {expected[k]}"
        for k in sorted(set(found) | set(expected))
        if found[k] != expected[k]
    ]
    for person in people:
        own = [m for m in mentions if key.get(fold(m.entity.name)) == fold(person["name"])]
        report.people_attributes["people"] += 1
        report.people_attributes["country"] += any(
            m.entity.country == person.get("country") for m in own
        )
        roles = {person.get("role"), person.get("role_en")} - {None}
        report.people_attributes["role"] += any(m.role in roles for m in own) or (
            "role" not in person and bool(own)
        )


def _line(scores: dict[str, float]) -> str:
    return f"P {scores['precision']:.3f}  R {scores['recall']:.3f}  F1 {scores['f1']:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument("--labels", type=Path, default=LABELS, help="label file to score against")
    parser.add_argument(
        "--by-name", action="store_true", help="match by canonical name only (the rule to set 4)"
    )
    args = parser.parse_args()
    result = evaluate(args.labels, by_name=args.by_name).as_dict()
    if args.json:
        print(json.dumps(result))
        return
    for kind, scores in result["entities"].items():
        print(f"entities {kind:13} {_line(scores)}")
    print(f"people mentions        {_line(result['people_mentions'])}")
    country, role = result["people_country_accuracy"], result["people_role_accuracy"]
    print(f"people country {country:.3f}  role {role:.3f}")
    for error in result["errors"] if args.errors else ():
        print("  " + error)


if __name__ == "__main__":
    main()
