"""How much chrome repetition across a source removes beyond the rules and the line model.

    python benchmarks/eval_repetition.py [--size 1000] [--seed 7] [--json]

Writes a generated corpus whose stories each end with their outlet's own closing line
(benchmarks/generate.py --outlet-chrome: promos and desk notes no rule knows, stamped with
each article's figures) and ingests it twice into fresh SQLite stores, in this process, with
one worker: once with repetition off (a rule no shape can meet: the rules and the line model
alone), once as shipped. Reports the outlet lines each store kept, the other passages the
second lost (content wrongly taken for chrome), and the CPU of each ingest.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import OUTLET_CHROME, generate  # noqa: E402
from briefings import repetition  # noqa: E402
from briefings.ingest.pipeline import ingest  # noqa: E402
from store import Store  # noqa: E402
from store.line_stats import ChromeRule  # noqa: E402

NEVER = ChromeRule(sys.maxsize, 1.0, sys.maxsize, repetition.WINDOW)
_FIELD = re.compile(r"\\\{\w+\\\}")
CHROME = [re.compile(_FIELD.sub(".+", re.escape(template))) for template in OUTLET_CHROME]


def is_outlet_chrome(text: str) -> bool:
    return any(pattern.fullmatch(text) for pattern in CHROME)


def ingest_into(corpus: Path, db: Path, rule: ChromeRule) -> tuple[Counter[tuple[str, str]], float]:
    """The stored (article key, passage text) pairs and the CPU seconds the ingest took."""
    shipped, repetition.RULE = repetition.RULE, rule
    try:
        with Store.open(db) as store:
            started = time.process_time()
            ingest([str(corpus)], store, fetcher=None, max_bytes=50_000_000, workers=1)
            cpu = time.process_time() - started
            rows = store.db.execute(
                "SELECT a.key, p.text FROM passages p JOIN articles a ON a.id = p.article_id"
                " WHERE p.kind != 'title'"
            )
            return Counter((str(key), str(text)) for key, text in rows), cpu
    finally:
        repetition.RULE = shipped


def evaluate(size: int, seed: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as work:
        corpus = Path(work, "corpus")
        generate(size, corpus, seed, with_outlet_chrome=True)
        (corpus / "manifest.json").unlink()
        alone, cpu_alone = ingest_into(corpus, Path(work, "alone.db"), NEVER)
        both, cpu_both = ingest_into(corpus, Path(work, "both.db"), repetition.RULE)
    lost = alone - both
    kept_alone = sum(n for (_, text), n in alone.items() if is_outlet_chrome(text))
    kept_both = sum(n for (_, text), n in both.items() if is_outlet_chrome(text))
    return {
        "articles": size,
        "outlet_lines_kept_by_rules_and_model": kept_alone,
        "outlet_lines_kept_with_repetition": kept_both,
        "removed_share": (kept_alone - kept_both) / kept_alone if kept_alone else 0.0,
        "other_passages": sum(n for (_, text), n in alone.items() if not is_outlet_chrome(text)),
        "other_passages_lost": sum(
            n for (_, text), n in lost.items() if not is_outlet_chrome(text)
        ),
        "cpu_ms_per_article_rules_and_model": 1000 * cpu_alone / size,
        "cpu_ms_per_article_with_repetition": 1000 * cpu_both / size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    results = evaluate(args.size, args.seed)
    if args.json:
        print(json.dumps(results))
        return
    for name, value in results.items():
        print(f"{name:40} {value:.3f}" if isinstance(value, float) else f"{name:40} {value}")


if __name__ == "__main__":
    main()
