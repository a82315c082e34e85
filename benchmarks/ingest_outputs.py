"""What ingest makes of every labelled article, written once and compared after a change.

    python benchmarks/ingest_outputs.py --write before.json
    python benchmarks/ingest_outputs.py --check-same before.json

For work that must not change any output (making ingest cheaper): each labelled set's
articles (the seeds and the dev labels' texts, sets 1 … 9, the blind briefing sets, the
wire sets' pages and feeds) are ingested as a folder into a fresh store, as `attache ingest`
would, one process, no fetching; everything `prepare_document` returns for each document
(title, passages, captions, dateline, removed lines, language, dates, entities with
surfaces, roles and countries, acronyms, events, the MinHash fingerprint) is dumped to JSON.
`--check-same` exits 1 and names the first documents that differ. The blind sets still
being written are never read: the sets are named one by one.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefings.ingest import pipeline  # noqa: E402
from store import Store  # noqa: E402

LABELS = ROOT / "benchmarks" / "labels"
MAX_BYTES = 10_000_000
# Named one by one, never globbed: blind sets being written beside them must stay unread.
FOLDER_SETS = {
    "heldout": "heldout/articles",
    "heldout2": "heldout2/articles",
    "heldout3": "heldout3/articles",
    "heldout4": "heldout4/articles",
    "heldout5": "heldout5/articles",
    "heldout6": "heldout6/articles",
    "heldout7": "heldout7/articles",
    "heldout8": "heldout8/articles",
    "heldout9": "heldout9/articles",
    "blind_briefings": "blind_briefings/articles",
    "blind_briefings2": "blind_briefings2/articles",
    "blind_briefings3": "blind_briefings3/articles",
    "blind_briefings4": "blind_briefings4/articles",
    "blind_wire": "blind_wire/items",
    "blind_wire2": "blind_wire2/items",
}
# Labels that carry their articles' text inline rather than as files.
INLINE_TEXTS = {
    "dev": ("boilerplate.json", "entities.json"),
    "heldout": ("heldout/boilerplate.json",),
    "heldout2": ("heldout2/boilerplate.json",),
    "heldout3": ("heldout3/boilerplate.json",),
    "heldout4": ("heldout4/boilerplate.json",),
    "heldout5": ("heldout5/boilerplate.json",),
    "heldout6": ("heldout6/boilerplate.json",),
    "heldout7": ("heldout7/boilerplate.json",),
    "heldout8": ("heldout8/boilerplate.json",),
    "heldout9": ("heldout9/boilerplate.json",),
}
# A fixed clock: a feed's future date is judged against it, as every run must judge alike.
CLOCK = datetime(2026, 12, 1, tzinfo=UTC)


def plain(value: Any) -> Any:
    """A dataclass tree as JSON-ready lists and dicts (bytes as hex)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value


def inline_texts(set_name: str) -> Iterator[tuple[str, str]]:
    """(name, text) of each labelled document whose text the labels hold."""
    for relative in INLINE_TEXTS.get(set_name, ()):
        data = json.loads((LABELS / relative).read_text(encoding="utf-8"))
        for part in ("documents", "articles"):
            for number, item in enumerate(data.get(part, [])):
                name = f"{Path(relative).stem}-{number:03d}-{item.get('name', '')}"
                if "text" in item:
                    yield name, item["text"]
                elif "lines" in item and "seed" not in item:  # seeds are read as files
                    yield name, item.get("separator", "\n").join(t for _, t in item["lines"])


def set_targets(set_name: str, work: Path) -> list[str]:
    """The folders ingest reads for one set; inline texts are written under `work` first."""
    targets = [str(ROOT / "seeds")] if set_name == "dev" else []
    if set_name in FOLDER_SETS:
        targets.append(str(LABELS / FOLDER_SETS[set_name]))
    texts = work / "texts"
    for name, text in inline_texts(set_name):
        texts.mkdir(exist_ok=True)
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name)
        (texts / f"{safe}.txt").write_text(text, encoding="utf-8")
    if texts.is_dir():
        targets.append(str(texts))
    return targets


def dump_set(set_name: str) -> list[dict[str, Any]]:
    """What prepare_document returned for each document of the set, in ingest order."""
    prepared: list[dict[str, Any]] = []
    original: Callable[..., pipeline.Prepared] = pipeline.prepare_document

    def recording(*args: Any, **kwargs: Any) -> pipeline.Prepared:
        result = original(*args, **kwargs)
        prepared.append(plain(result))
        return result

    with tempfile.TemporaryDirectory(prefix="attache-outputs-") as temp:
        work = Path(temp)
        pipeline.prepare_document = recording  # type: ignore[assignment]
        try:
            with Store.open(work / "store.db", clock=lambda: CLOCK) as store:
                pipeline.ingest(
                    set_targets(set_name, work),
                    store,
                    fetcher=None,
                    max_bytes=MAX_BYTES,
                    workers=1,
                )
        finally:
            pipeline.prepare_document = original  # type: ignore[assignment]
        # Paths of the texts written for this run differ from run to run.
        return json.loads(json.dumps(prepared, ensure_ascii=False).replace(temp, "<work>"))


def dump(sets: list[str]) -> dict[str, list[dict[str, Any]]]:
    return {name: dump_set(name) for name in sets}


def differences(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Where two dumps differ: a set, or a document of a set by its key."""
    found = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old is None or new is None or len(old) != len(new):
            found.append(f"{name}: documents {len(old or [])} → {len(new or [])}")
            continue
        for a, b in zip(old, new, strict=True):
            if a != b:
                fields = [k for k in a["article"] if a["article"][k] != b["article"].get(k)]
                if a["fingerprint"] != b["fingerprint"]:
                    fields.append("fingerprint")
                found.append(f"{name}: {a['article']['key']}: {', '.join(fields)}")
    return found


def _run_again_steadily() -> None:
    """Run this script again with fixed string hashes and, where `setarch` can, no address
    randomisation: ties among equal mentions follow a set's order, and a hash of a tuple
    holding None follows None's address in Python 3.11, so outputs would vary by run."""
    command = [sys.executable, *sys.argv]
    setarch = shutil.which("setarch")
    if setarch:
        command = [setarch, platform.machine(), "-R", *command]
    os.execve(command[0], command, {**os.environ, "PYTHONHASHSEED": "0"})


def main() -> None:
    if os.environ.get("PYTHONHASHSEED") != "0":
        _run_again_steadily()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, help="write the dump to this file")
    action.add_argument("--check-same", type=Path, help="compare with this earlier dump")
    parser.add_argument("--sets", nargs="+", default=["dev", *FOLDER_SETS])
    args = parser.parse_args()
    unknown = [s for s in args.sets if s != "dev" and s not in FOLDER_SETS]
    if unknown:
        raise SystemExit(f"unknown sets: {', '.join(unknown)}")
    outputs = dump(args.sets)
    if args.write:
        text = json.dumps(outputs, ensure_ascii=False, indent=1, sort_keys=True)
        args.write.write_text(text + "\n", encoding="utf-8")
        print(f"{sum(map(len, outputs.values()))} documents of {len(outputs)} sets → {args.write}")
        return
    before = json.loads(args.check_same.read_text(encoding="utf-8"))
    before = {name: before.get(name, []) for name in args.sets}
    found = differences(before, outputs)
    for line in found[:20]:
        print(line)
    print(f"{len(found)} differences" if found else "same outputs")
    raise SystemExit(1 if found else 0)


if __name__ == "__main__":
    main()
