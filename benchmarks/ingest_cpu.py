"""Ingest CPU per article, this checkout against another one, on the same generated corpus.

    python benchmarks/ingest_cpu.py --against ../old-checkout [--size 1000] [--pairs 2]

Wall-clock ingest rates on a shared machine swing by 2× between identical runs; the CPU time
(user + sys) of the ingesting process is far steadier, so changes to cleaning and extraction
are judged by it. Both checkouts ingest the same corpus (written once, by this checkout's
benchmarks/generate.py) through their own `benchmarks/run.py --child attache`, into a fresh
SQLite file each time, alternating (this, other, this, other …) so drift in the machine's
load falls on both. Prints CPU seconds per 1,000 articles for each run and the ratio of the
medians.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import generate  # noqa: E402


def cpu_seconds(checkout: Path, corpus: Path, work: Path) -> float:
    """User + sys CPU of one ingest of `corpus` by `checkout`'s code, worker processes included."""
    db, result = work / "ingest.db", work / "ingest.seconds"
    for leftover in work.glob("ingest.db*"):
        leftover.unlink()
    command = [
        sys.executable,
        str(checkout / "benchmarks" / "run.py"),
        "--child",
        "attache",
        str(corpus),
        str(db),
        str(result),
    ]
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    child = subprocess.Popen(command, cwd=checkout, env=env)
    # wait4's usage counts the child and every descendant it waited for (ingest's workers).
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"the ingest in {checkout} failed with status {status}")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, required=True, help="the other checkout")
    parser.add_argument("--size", type=int, default=1000, help="articles in the corpus")
    parser.add_argument("--pairs", type=int, default=2, help="runs of each checkout")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    other = args.against.resolve()
    if not (other / "benchmarks" / "run.py").is_file():
        message = f"{other} has no benchmarks/run.py to ingest with"
        print(
            json.dumps({"error": {"kind": "usage", "message": message}}) if args.json else message
        )
        raise SystemExit(2)
    runs: dict[str, list[float]] = {"this": [], "other": []}
    with tempfile.TemporaryDirectory(prefix="attache-cpu-") as temp:
        work = Path(temp)
        corpus = work / "corpus"
        generate(args.size, corpus, args.seed)
        for _ in range(args.pairs):
            for name, checkout in (("this", ROOT), ("other", other)):
                seconds = cpu_seconds(checkout, corpus, work)
                runs[name].append(round(seconds / args.size * 1000, 2))
    this, that = statistics.median(runs["this"]), statistics.median(runs["other"])
    report = {
        "articles": args.size,
        "cpu_seconds_per_1000": runs,
        "ratio": round(this / that, 3),
        "against": str(other),
    }
    if args.json:
        print(json.dumps(report))
        return
    print(f"{args.size} articles, CPU seconds per 1,000 (user + sys, workers included)")
    print(f"  this checkout:  {', '.join(f'{s:.2f}' for s in runs['this'])}")
    print(f"  {other}:  {', '.join(f'{s:.2f}' for s in runs['other'])}")
    print(f"  ratio of medians: {report['ratio']:.3f}")


if __name__ == "__main__":
    main()
