"""The benchmark end to end at a small size: it finishes and reports every row (no timings)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import generate, run

SIZE = 60


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bench")
    run.main(
        [
            "--sizes",
            str(SIZE),
            "--queries",
            "3",
            "--work",
            str(out / "work"),
            "--json",
            str(out / "bench.json"),
            "--markdown",
            str(out / "benchmarks.md"),
        ]
    )
    return out


def test_the_corpus_is_the_same_for_the_same_seed(tmp_path: Path) -> None:
    generate.generate(30, tmp_path / "one", seed=3)
    generate.generate(30, tmp_path / "two", seed=3)

    def contents(folder: Path) -> dict[str, str]:
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}

    assert contents(tmp_path / "one") == contents(tmp_path / "two")


def test_the_corpus_holds_text_pages_and_feeds_with_every_article(tmp_path: Path) -> None:
    written = generate.generate(200, tmp_path, seed=7)
    suffixes = {p.suffix for p in tmp_path.iterdir()}
    items = sum(p.read_text(encoding="utf-8").count("<item>") for p in tmp_path.glob("*.xml"))
    pages = len([p for p in tmp_path.iterdir() if p.suffix in {".txt", ".html"}])

    assert {".txt", ".html", ".xml", ".json"} == suffixes
    assert 200 == pages + items == written.articles


def test_people_are_named_with_and_without_diacritics(tmp_path: Path) -> None:
    generate.generate(300, tmp_path, seed=7)
    text = "\n".join(p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt"))
    vietnamese = [
        p
        for p in json.loads((tmp_path / "manifest.json").read_text())["people"]
        if p["country"] == "Vietnam" and p["name"] != p["ascii"]
    ]

    assert any(p["name"] in text and p["ascii"] in text for p in vietnamese)


def test_the_json_has_every_figure_for_the_size(produced: Path) -> None:
    figures = json.loads((produced / "bench.json").read_text())
    (size,) = figures["sizes"]

    assert SIZE == size["size"]
    assert {"who", "topic", "ask", "timeline"} == set(size["queries"])
    assert {"per_second", "peak_mb", "db_mb", "seconds", "articles"} <= set(size["ingest"])
    assert {"p50", "p99"} <= set(size["ack"])
    assert {"cpu", "cores", "ram_gb", "python", "sqlite"} <= set(figures["machine"])


def test_the_markdown_table_has_every_row_and_target(produced: Path) -> None:
    table = (produced / "benchmarks.md").read_text()
    rows = (
        "| Ingest (articles/s) |",
        "| Ingest peak memory (MB, all its processes) |",
        "| Database size per 1k articles (MB) |",
        "| `who` p50",
        "| `topic` p50",
        "| `ask` p50",
        "| `timeline` p50",
        "| Digest, one day's window (ms) |",
        "| Slack ack p50 / p99",
        "| Query p95 < 50 ms |",
        "| Slack ack p99 < 200 ms |",
    )

    assert [] == [row for row in rows if row not in table]


def test_a_rewrite_keeps_the_findings_written_by_hand(tmp_path: Path) -> None:
    report = tmp_path / "benchmarks.md"
    report.write_text(f"# old\n{run.FINDINGS_START}\nIngest is slow.\n{run.FINDINGS_END}\n")

    assert "\nIngest is slow.\n" == run.kept_findings(report)
