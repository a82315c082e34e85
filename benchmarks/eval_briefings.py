"""How good are the offline briefings? Faithfulness, coverage, length, order and answers.

Over the seed corpus (ingested into a temporary database):
- faithfulness: the share of claims that stand verbatim in the first article they cite;
- leakage: claims that contain a caption or a line the cleaner labelled as boilerplate;
- coverage: for `who`/`topic` on every entity, the share of the articles mentioning it
  (in their body) that the briefing cites, with the default limits and with `--more`;
- event coverage: for the same briefings, the share of the entity's events (the events
  table: a date and the article reporting it) that a claim tells: it cites that article
  and carries that date (an announced event: announces it);
- order: briefings whose dated claims are not oldest-first;
- truth rules: claims that give a statement only to "he"/"she" without naming its speaker
  (unattributed_statements); claims dated by a date their sentence announces
  (announced_as_date); claims dated by their article's publication date without saying so
  (publication_dates_unmarked);
- length: claims and words per briefing;
- answers: for the labelled questions (benchmarks/labels/questions.json), whether the
  answering sentence is the first claim (hit@1) or among the claims (hit@k).

    python benchmarks/eval_briefings.py [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.attribution import pronoun_speaks  # noqa: E402
from briefings.briefing import Briefing, Claim  # noqa: E402
from briefings.compose import Limits, answer_question, brief_topic, brief_who  # noqa: E402
from briefings.extractive import ELLIPSIS  # noqa: E402
from briefings.ingest.pipeline import ingest  # noqa: E402
from store import Store  # noqa: E402

QUESTIONS = ROOT / "benchmarks" / "labels" / "questions.json"
LABELS = ROOT / "benchmarks" / "labels" / "boilerplate.json"


def evaluate(corpus: Path = ROOT / "seeds") -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "eval.db") as store:
        ingest([str(corpus)], store, fetcher=None, max_bytes=10_000_000)
        return {**_entity_briefings(store), **_answers(store)}


def _entity_briefings(store: Store) -> dict[str, Any]:
    bodies = {a.id: "\n".join(store.article(a.id).paragraphs) for a in store.articles()}  # type: ignore[union-attr]
    captions = [c for a in store.articles() for c in store.article(a.id).captions]  # type: ignore[union-attr]
    boilerplate = _boilerplate_lines()
    claims = faithful = leaked = unordered = unattributed = announced = unmarked = 0
    coverage, coverage_more, events, lengths, words = [], [], [], [], []
    for entity in store.entities():
        build = brief_who if entity.kind == "person" else brief_topic
        briefing = build(store, entity.name)
        cited = {s.article_id for s in briefing.sources}
        mentioned = _body_articles(store, entity.id)
        if mentioned:
            coverage.append(len(cited & mentioned) / len(mentioned))
            longer = build(store, entity.name, Limits().more())
            more_cited = {s.article_id for s in longer.sources}
            coverage_more.append(len(more_cited & mentioned) / len(mentioned))
        happened = {(r.date, r.article_id) for r in store.events_involving(entity.id)}
        if happened:
            events.append(len(happened & _told(briefing)) / len(happened))
        by_number = {s.n: s.article_id for s in briefing.sources}
        for claim in briefing.claims:
            claims += 1
            text = claim.text.removesuffix(ELLIPSIS)
            faithful += text in bodies[by_number[claim.sources[0]]]
            leaked += any(text in c or c in text for c in captions + boilerplate)
        unordered += not _in_order(briefing)
        ahead = _announced_events(store, entity.id)
        published = {s.n: s.published for s in briefing.sources}
        for claim in briefing.claims:
            unattributed += pronoun_speaks(claim.text) is not None and claim.speaker is None
            announced += _dated_by(claim, ahead)
            dated = claim.date is not None and claim.date == published.get(claim.sources[0])
            unmarked += dated and claim.date_kind != "reported"
        lengths.append(len(briefing.claims))
        words.append(sum(len(c.text.split()) for c in briefing.claims))
    return {
        "briefings": len(lengths),
        "claims": claims,
        "faithfulness": faithful / claims if claims else 1.0,
        "leaked_claims": leaked,
        "source_coverage": statistics.mean(coverage) if coverage else 0.0,
        "source_coverage_more": statistics.mean(coverage_more) if coverage_more else 0.0,
        "event_coverage": statistics.mean(events) if events else 0.0,
        "out_of_order": unordered,
        "unattributed_statements": unattributed,
        "announced_as_date": announced,
        "publication_dates_unmarked": unmarked,
        "claims_per_briefing": statistics.mean(lengths) if lengths else 0.0,
        "words_per_briefing": statistics.mean(words) if words else 0.0,
        "max_words": max(words, default=0),
    }


def _told(briefing: Briefing) -> set[tuple[str, int]]:
    """(date, article) for each article a dated claim cites."""
    by_number = {s.n: s.article_id for s in briefing.sources}
    return {
        (date.iso(), by_number[n])
        for claim in briefing.claims
        # An announced event is told by the claim that announces it, under that label.
        for date in (claim.date, claim.announced)
        if date
        for n in claim.sources
    }


def _body_articles(store: Store, entity_id: int) -> set[int]:
    return {h.article_id for h in store.passages_mentioning(entity_id)}


def _announced_events(store: Store, entity_id: int) -> dict[str, set[str]]:
    """Each sentence telling an announced event, with the dates it announces."""
    found: dict[str, set[str]] = {}
    for event in store.events_involving(entity_id):
        if event.kind.startswith("announced-"):
            found.setdefault(event.sentence, set()).add(event.date)
    return found


def _dated_by(claim: Claim, announced: dict[str, set[str]]) -> bool:
    """Whether the claim's date is one its own sentence announces."""
    text = claim.text.removesuffix(ELLIPSIS)
    dates = {d for sentence, ds in announced.items() if sentence.startswith(text) for d in ds}
    return claim.date is not None and claim.date.iso() in dates


def _in_order(briefing: Briefing) -> bool:
    dated = [c.date.iso() for c in briefing.claims if c.date and c.date.year]
    return dated == sorted(dated)


def _boilerplate_lines() -> list[str]:
    documents = json.loads(LABELS.read_text(encoding="utf-8"))["documents"]
    return [
        text
        for document in documents
        if document.get("seed")
        for label, text in document["lines"]
        if label == "boilerplate" and len(text) > 12
    ]


def _answers(store: Store) -> dict[str, Any]:
    questions = json.loads(QUESTIONS.read_text(encoding="utf-8"))["questions"]
    first = anywhere = 0
    misses = []
    for item in questions:
        claims = [c.text for c in answer_question(store, item["question"]).claims]
        found = [item["answer"] in claim for claim in claims]
        first += bool(found and found[0])
        anywhere += any(found)
        if not any(found):
            misses.append(item["question"])
    return {
        "questions": len(questions),
        "answer_hit_at_1": first / len(questions),
        "answer_hit_at_k": anywhere / len(questions),
        "unanswered": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    results = evaluate()
    if parser.parse_args().json:
        print(json.dumps(results, indent=2, ensure_ascii=False))
        return
    for name, value in results.items():
        shown = f"{value:.3f}" if isinstance(value, float) else value
        print(f"{name:26} {shown}")


if __name__ == "__main__":
    main()
