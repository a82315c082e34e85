"""How well wire and feed items are dated, attributed and read for events, against hand labels.

    python benchmarks/eval_wire.py [--json] [--errors] [--labels FOLDER]

FOLDER (default benchmarks/labels/blind_wire) holds `items/` (feeds and pages) and
`labels.json`. The items are ingested as one folder into a temporary store, as
`attache ingest` would; each labelled item is then found in the store (a feed entry by the
key ingest gives it: its canonical link, else `<folder>#<id or title>`; a page by its path,
else by the canonical link it declares) and compared with its label:
- published date: the stored publication day is the label's `published.date`; a null label
  wants no stored date (or one the store flags as not trusted: it keeps no such flag yet, so
  a `trusted` attribute on `Published` is honoured when there is one);
- outlet: the folded stored outlet is the label's outlet or one of its `outlet_aliases`;
- dateline: no title or body passage starts with the label's dateline text (folded, dashes
  and spaces normalised); informational: the dateline place kept in a dateline passage or
  among the article's place entities;
- events: each labelled event is paired, one to one, with a stored event of the item whose
  kind is compatible (KIND_MATCHES; the `announced-` prefix set aside), preferring one whose
  sentence holds the label's fragment, then shared participants, then the same date.
  Recall counts the paired ones; date accuracy the paired ones with a labelled date that the
  store gives exactly; end accuracy likewise for `date_end` against the stored `until`;
  participant errors are `not_participants` named as a participant of any stored event of
  the item; announced handling counts paired `announced` events not dated before the
  item's publication day (or dateline day);
- same event (informational): labelled pairs the store links, as the digest groups reports:
  one story (near-duplicates), or paired events on one day sharing SHARED_PARTICIPANTS
  participants (or all of the smaller side's).
Label fields not scored: `date_basis`, `date_range`, `date_text`, `agreed_on`, `place`,
`countries`, `note`, `language`, `source_element`, `translated_from`, `dateline.agency`,
`published.precision`/`reason`; `dateline.date` only stands in for a missing publication day.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.digest import SHARED_PARTICIPANTS  # noqa: E402
from briefings.errors import RejectedInput  # noqa: E402
from briefings.events import ANNOUNCED  # noqa: E402
from briefings.folding import fold  # noqa: E402
from briefings.ingest.feeds import parse_feed  # noqa: E402
from briefings.ingest.fetch import canonical_url  # noqa: E402
from briefings.ingest.files import shown_path  # noqa: E402
from briefings.ingest.pipeline import ingest  # noqa: E402
from store import Store  # noqa: E402
from store.records import ArticleSummary, EventFact  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels" / "blind_wire"
MAX_BYTES = 10_000_000
# Label kinds → the product's kinds (briefings/events.py `_RANKS`) that report the same
# thing. A stored kind spelled like the label's counts too, should the product adopt it.
KIND_MATCHES: dict[str, frozenset[str]] = {
    "call": frozenset({"call", "conference"}),
    "talks": frozenset({"talks", "meeting", "conference"}),
    "meeting": frozenset({"meeting", "talks", "conference"}),
    "visit": frozenset({"visit"}),
    "summit": frozenset({"summit", "conference", "meeting"}),
    "signing": frozenset({"signing"}),
    # The meeting agreed on may be any of these; the product marks it `announced-`.
    "agreement_to_meet": frozenset({"meeting", "talks", "visit", "summit", "call", "conference"}),
    "announced_visit": frozenset({"visit"}),
}
_DASHES = re.compile(r"\s*(?:--|[—–-])\s*")
_CANONICAL = re.compile(r"<link\b[^>]*\brel=[\"']?canonical[\"']?[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"\bhref=[\"']([^\"']+)[\"']", re.IGNORECASE)


class LabelsError(Exception):
    """The label folder cannot be scored: missing, or not in the expected shape."""


@dataclass
class Report:
    counts: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def share(self, hits: str, total: str) -> float | None:
        return round(self.counts[hits] / self.counts[total], 3) if self.counts[total] else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "items": self.counts["items"],
            "items_found": self.counts["found"],
            "published_date_accuracy": self.share("date_right", "items"),
            "outlet_accuracy": self.share("outlet_right", "items"),
            "dateline_clean": self.share("dateline_clean", "datelines"),
            "dateline_place_kept": self.share("dateline_place", "datelines"),
            "event_recall": self.share("events_paired", "events"),
            "event_date_accuracy": self.share("event_date_right", "events_dated"),
            "event_end_accuracy": self.share("event_end_right", "events_ended"),
            "participant_errors": self.counts["participant_errors"],
            "announced_not_past": self.share("announced_not_past", "announced"),
            "same_event_linked": self.share("pairs_linked", "pairs"),
            "counts": dict(sorted(self.counts.items())),
            "errors": self.errors,
        }


@dataclass(frozen=True)
class Stored:
    """What the store holds of one item."""

    summary: ArticleSummary
    passages: tuple[tuple[str, str], ...]
    places: tuple[str, ...]
    events: tuple[EventFact, ...]


def evaluate(folder: Path = LABELS) -> Report:
    """Ingest the folder's items into a temporary store and score them against its labels."""
    labels = load_labels(folder)
    items = folder / "items"
    report = Report()
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "wire.db") as store:
        ingest([str(items)], store, fetcher=None, max_bytes=MAX_BYTES)
        found = {
            item["id"]: _stored(store, _article_id(store, items, item["id"]))
            for item in labels["items"]
        }
        roots = {a.id: a.duplicate_of or a.id for a in store.articles()}
    pairings: dict[str, dict[int, EventFact]] = {}
    for item in labels["items"]:
        pairings[item["id"]] = _score_item(report, item, found[item["id"]])
    _score_pairs(report, labels.get("same_event", []), found, pairings, roots)
    return report


def load_labels(folder: Path) -> dict[str, Any]:
    """labels.json of a label folder, or LabelsError saying what is wrong."""
    if not (folder / "items").is_dir():
        raise LabelsError(f"{folder} has no items/ folder")
    try:
        labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    except OSError as error:
        raise LabelsError(f"cannot read {folder / 'labels.json'}: {error.strerror}") from None
    except json.JSONDecodeError as error:
        raise LabelsError(f"{folder / 'labels.json'} is not JSON: {error}") from None
    if not isinstance(labels, dict) or not isinstance(labels.get("items"), list):
        raise LabelsError(f"{folder / 'labels.json'} has no 'items' list")
    for item in labels["items"]:
        if not isinstance(item, dict) or not {"id", "outlet"} <= item.keys():
            raise LabelsError(f"an item of {folder / 'labels.json'} lacks its id or outlet")
    return labels


# -- finding each item in the store -------------------------------------------------------


def _article_id(store: Store, items: Path, item_id: str) -> int | None:
    name, _, number = item_id.partition("#")
    path = items / name
    keys = _entry_keys(path, items, int(number)) if number else _page_keys(path)
    by_path = {a.path: a.id for a in store.articles() if a.path}
    if not number and shown_path(str(path.resolve())) in by_path:
        return by_path[shown_path(str(path.resolve()))]
    for key in keys:
        if stored := store.find_article(key):
            return stored[0]
    return None


def _entry_keys(path: Path, items: Path, number: int) -> list[str]:
    """The keys ingest may give the feed's `number`th entry (see briefings/ingest/feeds.py)."""
    try:
        entries = parse_feed(path.read_bytes()).entries
    except (OSError, RejectedInput):
        return []
    if not 1 <= number <= len(entries):
        return []
    entry = entries[number - 1]
    source = shown_path(str(items.resolve()))
    link = entry.get("link")
    keys = [canonical_url(link), link] if link else []
    return [*keys, f"{source}#{entry.get('id') or entry.get('title')}"]


def _page_keys(path: Path) -> list[str]:
    """A page's keys: its file, and the canonical link it declares."""
    keys = [f"file://{shown_path(str(path.resolve()))}"]
    try:
        page = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return keys
    for tag in _CANONICAL.findall(page):
        if href := _HREF.search(tag):
            keys += [canonical_url(href.group(1)), href.group(1)]
    return keys


def _stored(store: Store, article_id: int | None) -> Stored | None:
    if article_id is None:
        return None
    article = store.article(article_id)
    if article is None:
        return None
    passages = tuple((kind, text) for _, kind, text in store.article_passages([article_id]))
    places = tuple(e.name for e in article.entities if e.kind == "place")
    return Stored(article.summary, passages, places, tuple(store.events_of([article_id])))


# -- scoring one item ---------------------------------------------------------------------


def _score_item(
    report: Report, item: dict[str, Any], stored: Stored | None
) -> dict[int, EventFact]:
    name = item["id"]
    report.counts["items"] += 1
    report.counts["events"] += len(item.get("events", []))
    if stored is None:
        report.errors.append(f"{name}: not found in the store")
        return {}
    report.counts["found"] += 1
    _score_published(report, name, item.get("published") or {}, stored.summary)
    _score_outlet(report, name, item, stored.summary.outlet)
    _score_dateline(report, name, item.get("dateline"), stored)
    return _score_events(report, item, stored)


def _score_published(
    report: Report, name: str, label: dict[str, Any], summary: ArticleSummary
) -> None:
    published = summary.published
    day = published.date if getattr(published, "trusted", True) else None
    expected = label.get("date")
    if (day is None and expected is None) or (day is not None and day == expected):
        report.counts["date_right"] += 1
        return
    report.errors.append(f"{name}: published {day!r}, expected {expected!r}")


def _score_outlet(report: Report, name: str, item: dict[str, Any], outlet: str | None) -> None:
    wanted = {fold(item["outlet"]), *(fold(a) for a in item.get("outlet_aliases", []))}
    if outlet is not None and fold(outlet) in wanted:
        report.counts["outlet_right"] += 1
        return
    report.errors.append(f"{name}: outlet {outlet!r}, expected {item['outlet']!r}")


def _score_dateline(
    report: Report, name: str, dateline: dict[str, Any] | None, stored: Stored
) -> None:
    if not dateline or not dateline.get("text"):
        return
    report.counts["datelines"] += 1
    prefix = _dateline_key(dateline["text"])
    leading = [
        text
        for kind, text in stored.passages
        if kind in ("title", "body") and _dateline_key(text).startswith(prefix)
    ]
    if leading:
        report.errors.append(f"{name}: passage starts with the dateline: {leading[0][:60]!r}")
    else:
        report.counts["dateline_clean"] += 1
    place = _compact(dateline.get("place") or "")
    kept = [text for kind, text in stored.passages if kind == "dateline"] + list(stored.places)
    if place and any(place in _compact(text) for text in kept):
        report.counts["dateline_place"] += 1


def _dateline_key(text: str) -> str:
    return _DASHES.sub(" - ", fold(text)).strip()


def _compact(text: str) -> str:
    return fold(text).replace(" ", "")


# -- events ---------------------------------------------------------------------------------


def _score_events(report: Report, item: dict[str, Any], stored: Stored) -> dict[int, EventFact]:
    name, labelled = item["id"], item.get("events", [])
    paired = _pair(labelled, stored.events)
    for index, event in enumerate(labelled):
        fact = paired.get(index)
        if fact is None:
            report.errors.append(
                f"{name}#{index}: {event['kind']} not found ({event.get('sentence', '')[:50]!r})"
            )
            continue
        report.counts["events_paired"] += 1
        _score_event_dates(report, f"{name}#{index}", event, fact, _reference_day(item))
    _score_not_participants(report, name, item.get("not_participants", []), stored.events)
    return paired


def _pair(labelled: Sequence[dict[str, Any]], facts: Sequence[EventFact]) -> dict[int, EventFact]:
    """Labelled event index → its stored event: best agreeing pairs first, one to one."""
    scored = [
        (_agreement(event, fact), index, number)
        for index, event in enumerate(labelled)
        for number, fact in enumerate(facts)
        if compatible(event["kind"], fact.kind)
    ]
    paired: dict[int, EventFact] = {}
    used: set[int] = set()
    for _, index, number in sorted(
        scored, key=lambda s: (-s[0][0], -s[0][1], -s[0][2], s[1], s[2])
    ):
        if index not in paired and number not in used:
            paired[index] = facts[number]
            used.add(number)
    return paired


def compatible(label_kind: str, stored_kind: str) -> bool:
    """Whether a stored event's kind can report a labelled event of `label_kind`."""
    kind = stored_kind.removeprefix(ANNOUNCED)
    return kind == label_kind or kind in KIND_MATCHES.get(label_kind, frozenset())


def _agreement(event: dict[str, Any], fact: EventFact) -> tuple[int, int, int]:
    fragment, sentence = fold(event.get("sentence") or ""), fold(fact.sentence)
    same_sentence = bool(fragment) and (fragment in sentence or sentence in fragment)
    shared = sum(
        any(same_name(person, named) for named in fact.participants)
        for person in event.get("participants", [])
    )
    return int(same_sentence), shared, int(fact.date == event.get("date"))


def same_name(one: str, other: str) -> bool:
    """Folded names equal, or one a run of whole words of the other (`Son`, `Bui Thanh Son`)."""
    a, b = fold(one), fold(other)
    return bool(a and b) and (f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def _reference_day(item: dict[str, Any]) -> str | None:
    return (item.get("published") or {}).get("date") or (item.get("dateline") or {}).get("date")


def _score_event_dates(
    report: Report, name: str, event: dict[str, Any], fact: EventFact, today: str | None
) -> None:
    if event.get("date"):
        report.counts["events_dated"] += 1
        if fact.date == event["date"]:
            report.counts["event_date_right"] += 1
        else:
            report.errors.append(f"{name}: dated {fact.date!r}, expected {event['date']!r}")
    if event.get("date_end"):
        report.counts["events_ended"] += 1
        report.counts["event_end_right"] += fact.until == event["date_end"]
    if event.get("announced") and today:
        report.counts["announced"] += 1
        if _before(fact.date, today):
            report.errors.append(f"{name}: announced event dated {fact.date!r}, before {today}")
        else:
            report.counts["announced_not_past"] += 1


def _before(date: str, today: str) -> bool:
    """Whether a stored (reduced ISO) date lies wholly before `today`; `--MM-DD` never does."""
    return not date.startswith("--") and date < today[: len(date)]


def _score_not_participants(
    report: Report, name: str, outsiders: Sequence[str], facts: Sequence[EventFact]
) -> None:
    for fact in facts:
        for outsider in outsiders:
            if any(same_name(outsider, named) for named in fact.participants):
                report.counts["participant_errors"] += 1
                report.errors.append(f"{name}: {outsider!r} is a participant of {fact.kind}")


def _score_pairs(
    report: Report,
    pairs: Sequence[Sequence[str]],
    found: dict[str, Stored | None],
    pairings: dict[str, dict[int, EventFact]],
    roots: dict[int, int],
) -> None:
    for one, other in pairs:
        report.counts["pairs"] += 1
        if _linked(_ref(one, found, pairings), _ref(other, found, pairings), roots):
            report.counts["pairs_linked"] += 1
        else:
            report.errors.append(f"same event not linked: {one} / {other}")


def _ref(
    ref: str, found: dict[str, Stored | None], pairings: dict[str, dict[int, EventFact]]
) -> tuple[int | None, EventFact | None]:
    """A same_event reference `<item id>#<k>` → the item's article id and its paired event."""
    item, _, index = ref.rpartition("#")
    stored = found.get(item)
    if stored is None:
        return None, None
    return stored.summary.id, pairings.get(item, {}).get(int(index))


def _linked(
    one: tuple[int | None, EventFact | None],
    other: tuple[int | None, EventFact | None],
    roots: dict[int, int],
) -> bool:
    if one[0] is None or other[0] is None:
        return False
    if roots.get(one[0], one[0]) == roots.get(other[0], other[0]):
        return True
    a, b = one[1], other[1]
    if a is None or b is None or a.date != b.date:
        return False
    shared = len(set(a.participant_ids) & set(b.participant_ids))
    needed = min(SHARED_PARTICIPANTS, len(a.participant_ids), len(b.participant_ids))
    return needed > 0 and shared >= needed


# -- output ---------------------------------------------------------------------------------

ROWS = (
    ("published date accuracy", "published_date_accuracy"),
    ("outlet accuracy", "outlet_accuracy"),
    ("dateline off passages", "dateline_clean"),
    ("dateline place kept (info)", "dateline_place_kept"),
    ("event recall", "event_recall"),
    ("event date accuracy", "event_date_accuracy"),
    ("event end accuracy (info)", "event_end_accuracy"),
    ("announced not past-dated", "announced_not_past"),
    ("same event linked (info)", "same_event_linked"),
)


def table(result: dict[str, Any]) -> str:
    lines = [f"items {result['items']}, found in the store {result['items_found']}"]
    for label, key in ROWS:
        value = result[key]
        lines.append(f"{label:28} {'-' if value is None else f'{value:.3f}'}")
    lines.append(f"{'participant errors':28} {result['participant_errors']}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--errors", action="store_true", help="list every miss per item")
    parser.add_argument("--labels", type=Path, default=LABELS, help="label folder to score")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.labels).as_dict()
    except LabelsError as error:
        message = str(error)
        print(
            json.dumps({"error": {"kind": "labels", "message": message}}) if args.json else message
        )
        raise SystemExit(2) from None
    if args.json:
        print(json.dumps(result))
        return
    print(table(result))
    for miss in result["errors"] if args.errors else ():
        print("  " + miss)


if __name__ == "__main__":
    main()
