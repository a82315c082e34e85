"""Attaché's speed and memory, measured against bare SQLite FTS5 on a generated corpus.

    python benchmarks/run.py --sizes 1000 10000 [--json out.json] [--markdown docs/benchmarks.md]

For each size, in one run: ingest throughput and peak memory against a floor that only
stores the raw text with sqlite-utils and indexes it with FTS5; `who`, `topic`, `ask` and
`timeline` latency (offline, in-process) against the raw FTS5 query fetching as many top
passages; a day's digest; the Slack acknowledgement of `/brief who X` under 20 concurrent
requests; the database size per 1k articles. Corpora are cached under benchmarks/out/.
The section of docs/benchmarks.md between the `findings` markers is written by hand and
kept when the file is rewritten.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import hashlib
import hmac
import io
import json
import os
import platform
import pstats
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlite_utils import Database  # noqa: E402

from benchmarks.generate import generate  # noqa: E402
from briefings.briefing import Briefing  # noqa: E402
from briefings.compose import (  # noqa: E402
    SEARCH_LIMIT,
    answer_question,
    brief_topic,
    brief_who,
    build_timeline,
)
from briefings.digest import build_digest  # noqa: E402
from briefings.filters import parse_filter  # noqa: E402
from briefings.ingest.pipeline import ingest  # noqa: E402
from briefings.search import any_of, phrase, terms  # noqa: E402
from store import Store  # noqa: E402
from store.fulltext import fts5  # noqa: E402

OUT = ROOT / "benchmarks" / "out"
MAX_BYTES = 10_000_000
SEED = 7
CONCURRENT_ACKS = 20
SIGNING_SECRET = "benchmark-secret"
FTS_TOKENIZE = "unicode61 remove_diacritics 2"
RAW_FTS = (
    "SELECT rowid, text FROM passages_fts WHERE passages_fts MATCH ?"
    " ORDER BY bm25(passages_fts) LIMIT ?"
)
FINDINGS_START = "<!-- findings: written by hand, kept by run.py -->"
FINDINGS_END = "<!-- /findings -->"
TARGET_SIZE = 100_000
TARGETS = {
    "query_p95_ms": 50.0,
    "query_ratio": 3.0,
    "ingest_per_s": 300.0,
    "ingest_peak_mb": 1024.0,
    "ack_p99_ms": 200.0,
}
Command = Callable[[Store, str], Briefing]
COMMANDS: dict[str, Command] = {
    "who": brief_who,
    "topic": brief_topic,
    "ask": answer_question,
    "timeline": build_timeline,
}


# -- figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Latency:
    p50: float
    p95: float
    p99: float

    @classmethod
    def from_millis(cls, millis: Sequence[float]) -> Latency:
        ordered = sorted(millis)
        return cls(*(round(_rank(ordered, q), 2) for q in (0.50, 0.95, 0.99)))


def _rank(ordered: Sequence[float], quantile: float) -> float:
    """The nearest-rank percentile: a value that was measured, never interpolated."""
    return ordered[max(0, min(len(ordered) - 1, round(quantile * len(ordered) + 0.5) - 1))]


@dataclass(frozen=True)
class Ingest:
    articles: int
    seconds: float
    peak_mb: float
    db_mb: float

    @property
    def per_second(self) -> float:
        return round(self.articles / self.seconds, 1)


@dataclass(frozen=True)
class Queries:
    count: int
    answered: int
    attache: Latency
    raw_fts: Latency

    @property
    def ratio(self) -> float:
        return round(self.attache.p95 / max(self.raw_fts.p95, 0.001), 1)


@dataclass
class SizeResult:
    size: int
    # None with --built: the commands were measured on a database an earlier run built.
    ingest: Ingest | None
    baseline: Ingest | None
    queries: dict[str, Queries] = field(default_factory=dict)
    digest_ms: float = 0.0
    ack: Latency = Latency(0, 0, 0)
    # The corpus's article text in characters (median, mean, min, max), from its manifest.
    article_chars: dict[str, int] = field(default_factory=dict)
    # The articles the database held when the commands were measured.
    stored: int = 0

    def as_json(self) -> dict[str, Any]:
        found = asdict(self)
        if self.ingest and self.baseline:
            found["ingest"]["per_second"] = self.ingest.per_second
            found["baseline"]["per_second"] = self.baseline.per_second
            found["ingest_ratio"] = round(self.ingest.seconds / self.baseline.seconds, 1)
            found["db_mb_per_1k"] = _per_1k(self.ingest)
            found["baseline_db_mb_per_1k"] = _per_1k(self.baseline)
        for name, queries in self.queries.items():
            found["queries"][name]["ratio_p95"] = queries.ratio
        return found


def _per_1k(run: Ingest) -> float:
    return round(run.db_mb / run.articles * 1000, 2)


# -- ingest, in a child process so its peak memory is its own ------------------------------


def measure_ingest(kind: str, corpus: Path, db: Path, articles: int) -> Ingest:
    """Run one ingest (`attache` or `baseline`) in a child; its peak memory is the largest
    sum of resident memory over the child and its worker processes, sampled as it runs."""
    for leftover in db.parent.glob(db.name + "*"):
        leftover.unlink()
    result = db.with_suffix(".seconds")
    command = [sys.executable, __file__, "--child", kind, str(corpus), str(db), str(result)]
    child = subprocess.Popen(command, cwd=ROOT)
    peak = TreeMemory(child.pid)
    peak.start()
    _, status, usage = os.wait4(child.pid, 0)
    peak.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"the {kind} ingest failed with status {child.returncode}")
    # ru_maxrss (kilobytes on Linux) is one process's peak: the floor when /proc is missing.
    peak_mb = max(peak.peak_mb, round(usage.ru_maxrss / 1024, 1))
    return Ingest(articles, float(result.read_text()), peak_mb, _mb(db))


class TreeMemory(threading.Thread):
    """The peak of a process tree's summed resident memory, read from /proc every 100 ms."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_mb = 0.0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            total = sum(_rss_kb(pid) for pid in _tree(self.pid))
            self.peak_mb = max(self.peak_mb, round(total / 1024, 1))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    found = [pid]
    for each in found:
        try:
            children = Path(f"/proc/{each}/task/{each}/children").read_text().split()
        except OSError:
            continue
        found.extend(int(child) for child in children)
    return found


def _rss_kb(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((line for line in status.splitlines() if line.startswith("VmRSS:")), "")
    return int(line.split()[1]) if line else 0


def _mb(db: Path) -> float:
    files = [db, db.with_name(db.name + "-wal")]
    return round(sum(f.stat().st_size for f in files if f.exists()) / 1_000_000, 2)


def _child(kind: str, corpus: str, db: str, result: str) -> None:
    started = time.perf_counter()
    if kind == "attache":
        with Store.open(db) as store:
            # The articles, as the baseline reads them: not the folder, whose manifest.json
            # would be ingested as one giant article naming everyone.
            files = [str(path) for path in _article_files(Path(corpus))]
            ingest(files, store, fetcher=None, max_bytes=MAX_BYTES)
    else:
        _baseline_ingest(Path(corpus), Path(db))
    Path(result).write_text(f"{time.perf_counter() - started:.3f}")


def _baseline_ingest(corpus: Path, db_path: Path) -> None:
    """The floor any pipeline pays: the raw text stored with sqlite-utils and FTS5-indexed."""
    db = Database(db_path)
    rows = (
        {"id": number, "path": path.name, "text": path.read_text(encoding="utf-8")}
        for number, path in enumerate(_article_files(corpus), 1)
    )
    db.table("articles").insert_all(rows, pk="id", batch_size=500)
    db.table("articles").enable_fts(["text"], tokenize=FTS_TOKENIZE)
    db.close()


def _article_files(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.suffix in {".txt", ".html", ".xml"})


# -- queries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    command: str
    text: str
    match: str


def queries(manifest: dict[str, Any], per_command: int, seed: int) -> list[Query]:
    """Questions drawn from the corpus's own people, acronyms and topics, in every spelling."""
    rng = random.Random(seed)
    people = manifest["people"]
    # Short names are often ambiguous ("could mean several"): a cheaper path, so a minority.
    names = [rng.choice((p["name"], p["ascii"], p["name"], p["ascii"], p["short"])) for p in people]
    topics = [*manifest["acronyms"], *manifest["topics"], *manifest["organisations"]]
    asks = [f"What did {p['ascii']} say about {rng.choice(manifest['topics'])}?" for p in people]
    drawn = {
        "who": names,
        "topic": topics,
        "ask": asks,
        "timeline": [p["ascii"] for p in people],
    }
    return [
        Query(command, text, _raw_match(command, text))
        for command, texts in drawn.items()
        for text in _cycle(texts, per_command, rng)
    ]


def _cycle(texts: Sequence[str], count: int, rng: random.Random) -> list[str]:
    return [texts[i % len(texts)] for i in rng.sample(range(max(count, len(texts))), count)]


def _raw_match(command: str, text: str) -> str:
    # The same FTS5 expression the briefing would search with, so the engine's work is equal.
    found = any_of(terms(text)) if command == "ask" else phrase(text)
    if found is None:
        raise ValueError(f"no searchable words in {text!r}")
    return fts5(found)


def measure_queries(store: Store, drawn: Sequence[Query]) -> dict[str, Queries]:
    timings: dict[str, tuple[list[float], list[float]]] = {c: ([], []) for c in COMMANDS}
    answered: Counter[str] = Counter()
    for query in drawn:
        attache, raw = timings[query.command]
        started = time.perf_counter()
        briefing = COMMANDS[query.command](store, query.text)
        attache.append((time.perf_counter() - started) * 1000)
        raw.append(_millis(partial(_raw_fts, store, query.match)))
        answered[query.command] += bool(briefing.claims or briefing.timeline)
    return {
        command: Queries(
            len(attache), answered[command], Latency.from_millis(attache), Latency.from_millis(raw)
        )
        for command, (attache, raw) in timings.items()
    }


def _raw_fts(store: Store, match: str) -> list[Any]:
    return list(store.db.execute(RAW_FTS, [match, SEARCH_LIMIT]))


def _millis(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


# -- digest and Slack ----------------------------------------------------------------------


def measure_digest(store: Store, manifest: dict[str, Any]) -> float:
    """A day's window ending now, filtered on the most-mentioned person; best of three."""
    end = datetime.now(UTC)
    # Wide enough that the corpus's publication dates (2025) all count as recent.
    max_age = timedelta(days=(end.date() - date.fromisoformat(manifest["first_day"])).days + 1)
    wanted = parse_filter(manifest["people"][0]["ascii"], store)
    runs = [
        _millis(lambda: build_digest(store, wanted, end - timedelta(days=1), end, max_age=max_age))
        for _ in range(3)
    ]
    return round(min(runs), 2)


def measure_ack(db: Path, name: str) -> Latency:
    return asyncio.run(_acks(db, name))


async def _acks(db: Path, name: str) -> Latency:
    from bot.router import Router
    from bot.slack import build_app, new_client
    from tests.slack_api import serve_slack_api

    router = Router(str(db), lambda store, limits: None)
    with serve_slack_api() as api:
        client = new_client("xoxb-benchmark", base_url=api.api_url)
        app = build_app(router, client, signing_secret=SIGNING_SECRET, command="/brief")
        # One command first: the app's very first request pays one-off setup (the bot's
        # auth.test, the router's connection), which is start-up cost, not acknowledgement.
        await _timed_dispatch(app, _slash_command(f"who {name}", api.response_url()))
        await _settle()
        requests = [_slash_command(f"who {name}", api.response_url()) for _ in range(20)]
        acks = await asyncio.gather(*(_timed_dispatch(app, r) for r in requests))
        await _settle()
    router.close()
    return Latency.from_millis(acks)


async def _timed_dispatch(app: Any, request: Any) -> float:
    started = time.perf_counter()
    response = await app.async_dispatch(request)
    if response.status != 200:
        raise SystemExit(f"the slash command was refused: {response.status} {response.body}")
    return (time.perf_counter() - started) * 1000


def _slash_command(text: str, response_url: str) -> Any:
    from slack_bolt.request.async_request import AsyncBoltRequest

    form = {
        "team_id": "T0TEAM0001",
        "channel_id": "C0DESK0001",
        "user_id": "U0ANALYST1",
        "command": "/brief",
        "text": text,
        "response_url": response_url,
        "trigger_id": f"{time.monotonic_ns()}.2.3",  # unique: a repeated one is a replay
    }
    body = urlencode(form)
    stamp = str(int(time.time()))
    digest = hmac.new(SIGNING_SECRET.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    headers: dict[str, str | Sequence[str]] = {
        "content-type": "application/x-www-form-urlencoded",
        "x-slack-request-timestamp": stamp,
        "x-slack-signature": "v0=" + digest.hexdigest(),
    }
    return AsyncBoltRequest(body=body, headers=headers)


async def _settle() -> None:
    """Let the briefings Bolt started after acknowledging finish before the loop closes."""
    others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
    if others:
        await asyncio.wait(others, timeout=120)


# -- one size ------------------------------------------------------------------------------


def corpus_for(size: int, seed: int, work: Path) -> Path:
    """The generated corpus, reused when a complete one is cached."""
    corpus = work / f"corpus-{size}-seed{seed}"
    if not (corpus / "manifest.json").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        generate(size, corpus, seed)
    return corpus


def run_size(size: int, seed: int, per_command: int, work: Path, built: bool = False) -> SizeResult:
    """Every figure for one size; with `built`, the commands only, on the database an
    earlier run left under `work` (for a run whose ingest took longer than the time at hand)."""
    corpus = corpus_for(size, seed, work)
    manifest = json.loads((corpus / "manifest.json").read_text())
    db = work / f"attache-{size}.db"
    if built and not db.exists():
        raise SystemExit(f"--built: no database {db}")
    _say(f"{size}: ingesting" if not built else f"{size}: using {db}")
    result = SizeResult(
        size,
        None if built else measure_ingest("attache", corpus, db, size),
        None if built else measure_ingest("baseline", corpus, work / f"baseline-{size}.db", size),
        article_chars=manifest.get("article_chars", {}),
    )
    _say(f"{size}: querying")
    with Store.open(db) as store:
        result.stored = store.stats().articles
        result.queries = measure_queries(store, queries(manifest, per_command, seed))
        result.digest_ms = measure_digest(store, manifest)
    _say(f"{size}: slack")
    result.ack = measure_ack(db, manifest["people"][0]["ascii"])
    return result


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


# -- profiles ------------------------------------------------------------------------------


def profile(size: int, seed: int, work: Path, top: int = 12) -> dict[str, str]:
    """cProfile's top costs: ingesting 300 articles (after 20 to warm up), the slowest query."""
    corpus = corpus_for(size, seed, work)
    db = work / f"profile-{size}.db"
    for leftover in work.glob(db.name + "*"):
        leftover.unlink()
    files = [str(p) for p in _article_files(corpus)[:320]]
    with Store.open(db) as store:
        # The first articles load the gazetteer and warm caches: start-up, not throughput.
        ingest(files[:20], store, fetcher=None, max_bytes=MAX_BYTES)
        files = files[20:]
        found = {
            "ingest": _top(lambda: ingest(files, store, fetcher=None, max_bytes=MAX_BYTES), top)
        }
    with Store.open(work / f"attache-{size}.db") as store:
        drawn = queries(json.loads((corpus / "manifest.json").read_text()), 20, seed)
        slowest = max(drawn, key=lambda q: _millis(lambda: COMMANDS[q.command](store, q.text)))
        label = f"{slowest.command} {slowest.text!r}"
        found[label] = _top(lambda: COMMANDS[slowest.command](store, slowest.text), top)
    return found


def _top(work: Callable[[], object], top: int) -> str:
    profiler = cProfile.Profile()
    profiler.runcall(work)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("tottime").print_stats(top)
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
    return "\n".join(line.rstrip() for line in lines[start - 3 if start >= 3 else 0 :] if line)


# -- the machine and the report ------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram_gb": f"{pages / 1024**3:.1f}",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "os": platform.platform(),
    }


def markdown(
    results: Sequence[SizeResult], host: dict[str, str], profiles: dict[str, str], findings: str
) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Produced by `python benchmarks/run.py --sizes "
        + " ".join(str(r.size) for r in results)
        + (" --profile" if profiles else "")
        + " --markdown docs/benchmarks.md` (one run; the corpus comes from"
        " `benchmarks/generate.py`, seed "
        f"{SEED}). Every Attaché figure is quoted next to a baseline measured in the same run:"
        " a raw sqlite-utils insert plus a plain FTS5 index for ingest, and the raw"
        f" `passages_fts MATCH ? ORDER BY bm25 LIMIT {SEARCH_LIMIT}` query for each command"
        " (the same FTS5 expression the command searches with). Ratios are the figure that"
        " counts; absolute times vary by machine.",
        "",
        f"Machine: {host['cpu']}, {host['cores']} cores, {host['ram_gb']} GB RAM;"
        f" Python {host['python']}, SQLite {host['sqlite']}; {host['os']}.",
        "",
    ]
    for result in results:
        lines += _size_table(result)
    lines += _targets(results)
    lines += ["## What we found", "", FINDINGS_START, findings.strip(), FINDINGS_END, ""]
    lines += _profile_section(profiles)
    return "\n".join(lines).rstrip() + "\n"


def _size_table(result: SizeResult) -> list[str]:
    rows = [
        f"## {result.size:,} articles",
        "",
        *_lengths(result.article_chars),
        *_built(result),
        "| Measure | Attaché | Baseline | Ratio |",
        "|---|---:|---:|---:|",
        *_ingest_rows(result.ingest, result.baseline),
    ]
    for name, found in result.queries.items():
        a, r = found.attache, found.raw_fts
        rows.append(
            f"| `{name}` p50 / p95 / p99 (ms; {found.count} queries, {found.answered} answered)"
            f" | {a.p50} / {a.p95} / {a.p99}"
            f" | {r.p50} / {r.p95} / {r.p99} | {found.ratio}× at p95 |"
        )
    rows += [
        f"| Digest, one day's window (ms) | {result.digest_ms} | – | – |",
        f"| Slack ack p50 / p99 ({CONCURRENT_ACKS} concurrent, ms)"
        f" | {result.ack.p50} / {result.ack.p99} | – | – |",
        "",
    ]
    return rows


def _built(result: SizeResult) -> list[str]:
    if result.ingest:
        return []
    return [
        f"Measured with `--built`: the commands on the database an earlier run built, holding"
        f" {result.stored:,} articles; ingest was not measured in this run.",
        "",
    ]


def _ingest_rows(ingest_: Ingest | None, floor: Ingest | None) -> list[str]:
    if not ingest_ or not floor:
        return []
    return [
        f"| Ingest (articles/s) | {ingest_.per_second} | {floor.per_second}"
        f" | {ingest_.seconds / floor.seconds:.1f}× slower |",
        f"| Ingest peak memory (MB, all its processes) | {ingest_.peak_mb} | {floor.peak_mb}"
        f" | {ingest_.peak_mb / floor.peak_mb:.1f}× |",
        f"| Database size per 1k articles (MB) | {_per_1k(ingest_)} | {_per_1k(floor)}"
        f" | {_per_1k(ingest_) / _per_1k(floor):.1f}× |",
    ]


def _lengths(chars: dict[str, int]) -> list[str]:
    if not chars:  # a corpus generated before its manifest recorded them
        return []
    return [
        f"Article text (without chrome): median {chars['median']:,} characters, mean"
        f" {chars['mean']:,}, from {chars['min']:,} to {chars['max']:,}.",
        "",
    ]


def _targets(results: Sequence[SizeResult]) -> list[str]:
    largest = max(results, key=lambda r: r.size)
    worst = max(largest.queries.values(), key=lambda q: q.attache.p95)
    worst_ratio = max(q.ratio for q in largest.queries.values())
    checks = [
        ("Query p95 < 50 ms", worst.attache.p95, TARGETS["query_p95_ms"], "ms", False),
        ("Query p95 ≤ 3× raw FTS5", worst_ratio, TARGETS["query_ratio"], "×", False),
    ]
    if largest.ingest:
        checks += [
            (
                "Ingest ≥ 300 articles/s",
                largest.ingest.per_second,
                TARGETS["ingest_per_s"],
                "/s",
                True,
            ),
            (
                "Ingest memory < 1 GB",
                largest.ingest.peak_mb,
                TARGETS["ingest_peak_mb"],
                " MB",
                False,
            ),
        ]
    checks.append(("Slack ack p99 < 200 ms", largest.ack.p99, TARGETS["ack_p99_ms"], "ms", False))
    lines = [f"## Targets (issue 6), checked at {largest.size:,} articles", ""]
    if largest.size < TARGET_SIZE:
        lines += [
            f"The targets are set at {TARGET_SIZE:,} articles; this run stops at"
            f" {largest.size:,}, so a target met here is not yet met at {TARGET_SIZE:,}.",
            "",
        ]
    lines += ["| Target | Measured | Verdict |", "|---|---:|---|"]
    for label, measured, target, unit, at_least in checks:
        met = measured >= target if at_least else measured <= target
        gap = "" if met else f" by {abs(measured - target):.1f}{unit} ({measured / target:.1f}×)"
        lines.append(f"| {label} | {measured}{unit} | {'met' if met else 'missed' + gap} |")
    return [*lines, ""]


def _profile_section(profiles: dict[str, str]) -> list[str]:
    if not profiles:
        return []
    lines = ["## Profiles (cProfile, top functions by own time)", ""]
    for label, table in profiles.items():
        lines += [f"### {label}", "", "```", table, "```", ""]
    return lines


def kept_findings(path: Path) -> str:
    """The hand-written findings of an earlier report, so a rerun does not erase them."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if FINDINGS_START not in text or FINDINGS_END not in text:
        return "(Nothing written yet.)"
    return text.split(FINDINGS_START, 1)[1].split(FINDINGS_END, 1)[0]


def report(results: Sequence[SizeResult], host: dict[str, str]) -> dict[str, Any]:
    return {"machine": host, "seed": SEED, "sizes": [r.as_json() for r in results]}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--json", type=Path, help="write the figures as one JSON object")
    parser.add_argument("--markdown", type=Path, help="write the report (docs/benchmarks.md)")
    parser.add_argument("--queries", type=int, default=100, help="queries per command")
    parser.add_argument("--work", type=Path, default=OUT, help="corpora and databases")
    parser.add_argument("--profile", action="store_true", help="profile at the smallest size")
    parser.add_argument(
        "--built",
        type=int,
        nargs="*",
        default=[],
        metavar="SIZE",
        help="for these sizes, measure the commands only, on the database already under --work",
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(*args.child)
        return
    args.work.mkdir(parents=True, exist_ok=True)
    host, results = machine(), list[SizeResult]()
    for size in args.sizes:
        results.append(run_size(size, SEED, args.queries, args.work, size in args.built))
        # Written after every size, so a long run that is stopped keeps what it measured.
        text = write_reports(results, host, {}, args.json, args.markdown)
    if args.profile:
        profiles = profile(min(args.sizes), SEED, args.work)
        text = write_reports(results, host, profiles, args.json, args.markdown)
    print(text)


def write_reports(
    results: Sequence[SizeResult],
    host: dict[str, str],
    profiles: dict[str, str],
    json_path: Path | None,
    markdown_path: Path | None,
) -> str:
    """Write the JSON and the markdown report for `results`; return the markdown."""
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(report(results, host), indent=2) + "\n")
    text = markdown(results, host, profiles, kept_findings(markdown_path or Path("-")))
    if markdown_path:
        markdown_path.write_text(text, encoding="utf-8")
    return text


if __name__ == "__main__":
    main()
