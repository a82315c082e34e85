"""Issue 14's blind briefing set: answers, who/topic recall and precision, events, attribution.

    python benchmarks/eval_blind_briefings.py [--json] [--errors] [--labels FOLDER]

FOLDER (default benchmarks/labels/blind_briefings) holds `labels.json` and `articles/`;
labelled files are matched by file name, and every one must be in `articles/`. The
articles are ingested into a temporary database, then:
- answers: each question is asked (`answer_question`, default limits). A claim answers it
  when its text contains the answer fragment (both folded, spaces squeezed; a claim cut
  with an ellipsis needs only the fragment's first 60%) and it cites a labelled file.
  hit@1: the first claim answers; hit@k: some claim does.
- who/topic: each query is briefed with the limits `--more` gives (`Limits().more()`).
  Cited = every source the briefing numbers (claims and roles), as files. recall =
  cited & relevant / relevant; precision = cited & (relevant | passing) / cited; strict
  precision = cited & relevant / cited. Macro: recall over queries with relevant files,
  precision over queries citing anything; micro: summed over queries. The same figures
  under `ceiling` use limits no briefing reaches: what the claim pool holds at all.
- empty: queries with relevant files whose `--more` briefing has no claim.
- events: for who queries, the share of the query's labelled events (those with files)
  that some cited source reports; macro over queries and micro.
- misattributed: (who query, attribution) pairs where a claim of the `--more` briefing
  quotes the fragment (as answers match), the query is not the speaker, and the claim as
  shown (the speaker the briefing names before it, then its text) does not name the
  speaker (a word of three letters or more of the speaker's name; Cyrillic read in Latin
  letters, so Лавров names Sergey Lavrov).
- disagreements: whether an ask of each question cites files with two different values.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.briefing import Briefing, Claim  # noqa: E402
from briefings.compose import Limits, answer_question, brief_topic, brief_who  # noqa: E402
from briefings.extractive import ELLIPSIS  # noqa: E402
from briefings.folding import fold_text  # noqa: E402
from briefings.ingest.pipeline import ingest  # noqa: E402
from briefings.transliteration import is_cyrillic, latin_name  # noqa: E402
from store import Store  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels" / "blind_briefings"
MORE = Limits().more()
CEILING = Limits(claims=100_000, words=10_000_000, events=100_000)
# A claim cut with an ellipsis quotes a fragment when it holds this share of its start.
CUT_SHARE = 0.6
# Shorter words of a speaker's name ("Le", "Yi") say too little to name them.
NAME_WORD = 3
MAX_BYTES = 10_000_000

# The keys of each section of labels.json that the scorer reads.
SHAPE = {
    "articles": ("file",),
    "events": ("id", "files"),
    "queries": ("command", "query", "relevant", "passing", "events"),
    "questions": ("question", "answer", "files"),
    "attributions": ("file", "fragment", "speaker"),
    "disagreements": ("question", "files", "values"),
}

Build = Callable[[Store, str, Limits], Briefing]


class LabelsError(Exception):
    """The labels folder is missing or does not hold what the scorer reads."""


@dataclass(frozen=True)
class Composer:
    """The commands scored; tests pass stand-ins that cite what they are told."""

    who: Build = brief_who
    topic: Build = brief_topic
    ask: Build = answer_question


# -- labels -----------------------------------------------------------------------------


def load_labels(folder: Path) -> dict[str, Any]:
    """labels.json, checked: every file it names is in `articles/`."""
    path = folder / "labels.json"
    if not path.is_file():
        raise LabelsError(f"no labels.json in {folder}")
    try:
        labels: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise LabelsError(f"{path} is not JSON: {error}") from error
    _check_shape(labels, path)
    present = {p.name for p in (folder / "articles").glob("*") if p.is_file()}
    missing = sorted(_labelled_files(labels) - present)
    if missing:
        where = folder / "articles"
        raise LabelsError(f"{len(missing)} labelled files not in {where}, such as {missing[0]}")
    return labels


def _check_shape(labels: Any, path: Path) -> None:
    for section, keys in SHAPE.items():
        items = labels.get(section) if isinstance(labels, dict) else None
        if not isinstance(items, list):
            raise LabelsError(f"{path} has no list of {section}")
        for item in items:
            lacking = [k for k in keys if not isinstance(item, dict) or k not in item]
            if lacking:
                raise LabelsError(f"{path}: an item of {section} lacks {lacking[0]!r}")


def _labelled_files(labels: Mapping[str, Any]) -> set[str]:
    files = {a["file"] for a in labels["articles"]}
    for key in ("events", "questions", "disagreements"):
        files.update(f for item in labels[key] for f in item["files"])
    for query in labels["queries"]:
        files.update(query["relevant"] + query["passing"])
    files.update(a["file"] for a in labels["attributions"])
    return _names(files)


def _names(files: Iterable[str]) -> set[str]:
    return {Path(f).name for f in files}


# -- matching ---------------------------------------------------------------------------


def quotes(claim: str, fragment: str) -> bool:
    """Whether the claim holds the fragment, folded; a cut claim needs its first 60%."""
    cut = claim.rstrip().endswith(ELLIPSIS)
    text = fold_text(claim.rstrip().removesuffix(ELLIPSIS))
    needle = fold_text(fragment)
    if needle in text:
        return True
    return cut and needle[: math.ceil(len(needle) * CUT_SHARE)] in text


def names_speaker(claim: str, speaker: str) -> bool:
    """Whether a word of the speaker's name (three letters or more) stands in the claim."""
    words = set(_words(claim))
    return any(len(w) >= NAME_WORD and w in words for w in _words(speaker))


def shown(claim: Claim) -> str:
    """The claim as a reader sees it: the speaker the briefing names, then the sentence."""
    return f"{claim.speaker}: {claim.text}" if claim.speaker else claim.text


def same_person(query: str, speaker: str) -> bool:
    """Whether a who query names the speaker: one's words are all among the other's."""
    asked, said = set(_words(query)), set(_words(speaker))
    return bool(asked) and (asked <= said or said <= asked)


def _words(text: str) -> list[str]:
    """Folded words, Cyrillic in the Latin spelling speakers are labelled in (Лавров → lavrov)."""
    folded = fold_text(latin_name(text) if is_cyrillic(text) else text)
    return "".join(c if c.isalnum() else " " for c in folded).split()


def claim_files(briefing: Briefing, claim: Claim) -> set[str]:
    paths = {s.n: s.path for s in briefing.sources}
    return {Path(p).name for n in claim.sources if (p := paths.get(n))}


def cited_files(briefing: Briefing) -> set[str]:
    return {Path(s.path).name for s in briefing.sources if s.path}


# -- scoring ----------------------------------------------------------------------------


def evaluate(folder: Path = LABELS, composer: Composer = Composer()) -> dict[str, Any]:
    """Every figure, and under `errors` the items behind each miss."""
    if not folder.is_dir():
        raise LabelsError(f"no labels folder at {folder}")
    labels = load_labels(folder)
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "eval.db") as store:
        report = ingest([str(folder / "articles")], store, fetcher=None, max_bytes=MAX_BYTES)
        articles = {"labelled": len(labels["articles"]), **report.counts}
        return _score(store, labels, composer, articles)


def _score(
    store: Store, labels: Mapping[str, Any], composer: Composer, articles: dict[str, int]
) -> dict[str, Any]:
    queries = labels["queries"]
    more = [_brief(store, composer, q, MORE) for q in queries]
    ceiling = [_brief(store, composer, q, CEILING) for q in queries]
    answers, answer_misses = _answers(store, composer, labels["questions"])
    coverage, query_misses = _coverage(queries, more)
    events, event_misses = _events(queries, more, labels["events"])
    attribution, misattributions = _attribution(queries, more, labels["attributions"])
    return {
        "articles": articles,
        "answers": answers,
        "briefings": coverage,
        "ceiling": _coverage(queries, ceiling)[0],
        "events": events,
        "attribution": attribution,
        "disagreements": _disagreements(store, composer, labels["disagreements"]),
        "errors": {
            "answers": answer_misses,
            "queries": query_misses,
            "events": event_misses,
            "misattributions": misattributions,
        },
    }


def _brief(store: Store, composer: Composer, query: Mapping[str, Any], limits: Limits) -> Briefing:
    build = composer.who if query["command"] == "who" else composer.topic
    return build(store, query["query"], limits)


def _answers(
    store: Store, composer: Composer, questions: Sequence[Mapping[str, Any]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    first = anywhere = 0
    misses = []
    for item in questions:
        briefing = composer.ask(store, item["question"], Limits())
        files = _names(item["files"])
        found = [
            quotes(c.text, item["answer"]) and bool(claim_files(briefing, c) & files)
            for c in briefing.claims
        ]
        first += bool(found and found[0])
        anywhere += any(found)
        if not (found and found[0]):
            rank = found.index(True) + 1 if any(found) else None
            top = briefing.claims[0].text if briefing.claims else None
            misses.append({"question": item["question"], "rank": rank, "first_claim": top})
    count = len(questions)
    return {
        "questions": count,
        "hit_at_1": first / count if count else 0.0,
        "hit_at_k": anywhere / count if count else 0.0,
    }, misses


def _coverage(
    queries: Sequence[Mapping[str, Any]], briefings: Sequence[Briefing]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    recalls, precisions, stricts = [], [], []
    found = kept = strict = relevant_total = cited_total = empty = 0
    misses = []
    for query, briefing in zip(queries, briefings, strict=True):
        relevant, passing = _names(query["relevant"]), _names(query["passing"])
        cited = cited_files(briefing)
        hit, fair = cited & relevant, cited & (relevant | passing)
        if relevant:
            recalls.append(len(hit) / len(relevant))
        if cited:
            precisions.append(len(fair) / len(cited))
            stricts.append(len(hit) / len(cited))
        found, kept, strict = found + len(hit), kept + len(fair), strict + len(hit)
        relevant_total, cited_total = relevant_total + len(relevant), cited_total + len(cited)
        silent = bool(relevant) and not briefing.claims
        empty += silent
        if silent or relevant - cited or cited - fair:
            misses.append(_query_miss(query, briefing, cited, relevant, passing))
    return {
        "queries": len(queries),
        "recall": _mean(recalls),
        "precision": _mean(precisions),
        "strict_precision": _mean(stricts),
        "micro_recall": found / relevant_total if relevant_total else 0.0,
        "micro_precision": kept / cited_total if cited_total else 0.0,
        "micro_strict_precision": strict / cited_total if cited_total else 0.0,
        "empty": empty,
    }, misses


def _query_miss(
    query: Mapping[str, Any],
    briefing: Briefing,
    cited: set[str],
    relevant: set[str],
    passing: set[str],
) -> dict[str, Any]:
    return {
        "command": query["command"],
        "query": query["query"],
        "claims": len(briefing.claims),
        "missed": sorted(relevant - cited),
        "passing_cited": sorted(cited & passing),
        "outside": sorted(cited - relevant - passing),
    }


def _events(
    queries: Sequence[Mapping[str, Any]],
    briefings: Sequence[Briefing],
    events: Sequence[Mapping[str, Any]],
) -> tuple[dict[str, Any], list[dict[str, str]]]:
    files = {e["id"]: _names(e["files"]) for e in events if e["files"]}
    shares = []
    covered = total = 0
    misses = []
    for query, briefing in zip(queries, briefings, strict=True):
        wanted = [e for e in query["events"] if e in files]
        if query["command"] != "who" or not wanted:
            continue
        cited = cited_files(briefing)
        reported = [e for e in wanted if files[e] & cited]
        shares.append(len(reported) / len(wanted))
        covered, total = covered + len(reported), total + len(wanted)
        misses += [{"query": query["query"], "event": e} for e in wanted if e not in reported]
    return {
        "queries": len(shares),
        "events": total,
        "covered": _mean(shares),
        "micro_covered": covered / total if total else 0.0,
    }, misses


def _attribution(
    queries: Sequence[Mapping[str, Any]],
    briefings: Sequence[Briefing],
    attributions: Sequence[Mapping[str, Any]],
) -> tuple[dict[str, int], list[dict[str, str]]]:
    quoted: set[int] = set()
    wrong = []
    for query, briefing in zip(queries, briefings, strict=True):
        if query["command"] != "who":
            continue
        for i, item in enumerate(attributions):
            claims = [shown(c) for c in briefing.claims if quotes(c.text, item["fragment"])]
            if claims:
                quoted.add(i)
            if same_person(query["query"], item["speaker"]):
                continue
            unnamed = [c for c in claims if not names_speaker(c, item["speaker"])]
            wrong += [{"query": query["query"], **item, "claim": c} for c in unnamed[:1]]
    return {
        "attributions": len(attributions),
        "quoted": len(quoted),
        "misattributed": len(wrong),
    }, wrong


def _disagreements(
    store: Store, composer: Composer, disagreements: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    results = []
    for item in disagreements:
        cited = cited_files(composer.ask(store, item["question"], Limits()))
        sides = {
            v for f, v in zip(item["files"], item["values"], strict=False) if Path(f).name in cited
        }
        results.append(
            {
                "question": item["question"],
                "files_cited": len(_names(item["files"]) & cited),
                "values_cited": len(sides),
                "both_sides": len(sides) >= 2,
            }
        )
    return results


def _mean(values: Sequence[float]) -> float:
    return statistics.mean(values) if values else 0.0


# -- output -----------------------------------------------------------------------------


def table(results: Mapping[str, Any]) -> str:
    """The figures as plain-text rows; disagreements one a row."""
    lines = []
    for section in ("articles", "answers", "briefings", "ceiling", "events", "attribution"):
        for name, value in results[section].items():
            shown = f"{value:.3f}" if isinstance(value, float) else value
            lines.append(f"{section + ' ' + name:34} {shown}")
    for item in results["disagreements"]:
        sides = "both sides" if item["both_sides"] else f"{item['values_cited']} side(s)"
        lines.append(f"disagreement {sides:21} {item['question']}")
    return "\n".join(lines)


def error_lines(errors: Mapping[str, Sequence[Mapping[str, Any]]]) -> str:
    """Each miss on one line, grouped by kind."""
    lines = []
    for kind, items in errors.items():
        lines += [f"{kind}: {json.dumps(item, ensure_ascii=False)}" for item in items]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--errors", action="store_true", help="list every miss")
    parser.add_argument("--labels", type=Path, default=LABELS, help="labelled folder")
    args = parser.parse_args(argv)
    try:
        results = evaluate(args.labels)
    except LabelsError as error:
        message = str(error)
        print(
            json.dumps({"error": {"kind": "labels", "message": message}}) if args.json else message
        )
        return 2
    errors = results.pop("errors")
    if args.json:
        print(
            json.dumps(
                {**results, **({"errors": errors} if args.errors else {})}, ensure_ascii=False
            )
        )
        return 0
    print(table(results))
    if args.errors:
        print(error_lines(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
