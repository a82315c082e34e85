"""Peak memory and time to ingest one big plain-text file (issue 11).

    python -m benchmarks.big_file [--megabytes 9.9] [--one-line] [--work /tmp/big-file]

The file is one long run of news stories from the benchmark corpus generator (headlines,
datelines, paragraphs of article sentences), just under the default 10 MB cap; with
`--one-line`, the same text with no line break at all (one 10 MB "paragraph"). The ingest
runs in a fresh child process, so its peak resident set is the whole cost of that one file.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.generate import _OUTLETS, Corpus, body, title

SEED = 7
DETAIL_WORDS = 25


def big_text(megabytes: float, seed: int = SEED, one_line: bool = False) -> str:
    """Stories one after another until the text holds `megabytes` of UTF-8."""
    separator = " " if one_line else "\n\n"
    corpus, rng = Corpus(seed, 100_000), random.Random(seed)
    limit, size, parts = int(megabytes * 1_000_000), 0, list[str]()
    vocabulary: list[str] = []
    while True:
        story, retold = corpus.story()
        outlet = rng.choice(_OUTLETS)[0]
        paragraphs = body(story, outlet, retold, rng)
        vocabulary = vocabulary or [w for p in paragraphs for w in p.split()] * 50
        paragraphs = [_with_detail(p, vocabulary, rng) for p in paragraphs]
        part = separator.join([title(story), *paragraphs]) + separator
        size += len(part.encode())
        if size > limit:
            return "".join(parts)
        parts.append(part)


def _with_detail(paragraph: str, vocabulary: list[str], rng: random.Random) -> str:
    # The generator's sentences come from templates, so their five-word shingles repeat
    # across stories; real news hardly repeats any. A sentence of words drawn at random
    # gives each paragraph wording of its own, as in a real 10 MB of news.
    words = rng.sample(vocabulary, DETAIL_WORDS)
    words = [w.strip(".,;:") for w in words]
    return f"{paragraph} Officials added that {' '.join(words).lower()}."


def measure(path: Path, db: Path) -> dict[str, float | str]:
    """Ingest `path` into a new store at `db` in a child process: peak RSS, seconds, outcome."""
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, "-m", "benchmarks.big_file", "--child", str(path), str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"peak_rss_mb": round(peak_kb / 1024), "seconds": round(seconds, 1)} | json.loads(
        child.stdout
    )


def _child(path: str, db: str) -> None:
    from briefings.ingest.pipeline import ingest
    from store import Store

    with Store.open(Path(db)) as store:
        report = ingest([path], store, fetcher=None, max_bytes=10_000_000, workers=1)
        outcome = report.outcomes[0]
        article = store.article(outcome.article_id or 0)
    found = {"status": outcome.status, "reason": outcome.reason or ""}
    if article is not None:
        found |= {"paragraphs": len(article.paragraphs), "entities": len(article.entities)}
        found |= {"dates": len(article.dates)}
    print(json.dumps(found))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=9.9)
    parser.add_argument("--one-line", action="store_true", help="no line breaks at all")
    parser.add_argument("--work", type=Path, default=Path("/tmp/attache-big-file"))
    parser.add_argument("--child", nargs=2, metavar=("FILE", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return
    args.work.mkdir(parents=True, exist_ok=True)
    shape = "one-line" if args.one_line else "paragraphs"
    path = args.work / f"big-{args.megabytes:g}mb-{shape}.txt"
    path.write_text(big_text(args.megabytes, one_line=args.one_line), encoding="utf-8")
    db = args.work / "big.db"
    db.unlink(missing_ok=True)
    found = measure(path, db)
    size = round(path.stat().st_size / 1_000_000, 1)
    print(json.dumps({"shape": shape, "file_mb": size} | found))


if __name__ == "__main__":
    main()
