"""The benchmark end to end at a small size: it finishes and reports every row (no timings)."""

from __future__ import annotations

import json
import random
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


def test_articles_are_as_long_as_real_news_and_the_manifest_says_so(tmp_path: Path) -> None:
    generate.generate(300, tmp_path, seed=7)
    lengths = sorted(len("\n\n".join(_article_text(p))) for p in tmp_path.glob("*.txt"))
    chars = json.loads((tmp_path / "manifest.json").read_text())["article_chars"]

    assert 2500 <= lengths[len(lengths) // 2] <= 3500
    assert lengths[0] < 2000 and lengths[-1] > 5000
    assert 2500 <= chars["median"] <= 3500 and chars["min"] < 2000 < 5000 < chars["max"]


def test_a_retold_story_carries_the_same_detail() -> None:
    corpus, rng = generate.Corpus(7, 1000), random.Random(7)
    stories = [corpus.story() for _ in range(200)]
    story = next(story for story, retold in stories if retold)
    first = generate.body(story, "VNA", False, rng)
    again = generate.body(story, "AP", True, rng)

    # The retelling's outlet spells names its own way: the lead paragraph differs.
    kept = {generate._reword(p) for p in first[1:]}

    assert len(first) - 1 == len(again)
    assert len(first) > 8
    assert len(first) - 2 <= len(kept & set(again))


def _article_text(page: Path) -> list[str]:
    lines = page.read_text(encoding="utf-8").splitlines()
    # chrome_text: menu, title, date and caption, then the paragraphs, then the share bar.
    return lines[4 : lines.index("Share on Facebook | Tweet | Print")]


def test_the_json_has_every_figure_for_the_size(produced: Path) -> None:
    figures = json.loads((produced / "bench.json").read_text())
    (size,) = figures["sizes"]

    assert SIZE == size["size"]
    assert {"who", "topic", "ask", "timeline"} == set(size["queries"])
    assert {"per_second", "peak_mb", "db_mb", "seconds", "articles"} <= set(size["ingest"])
    assert {"p50", "p99"} <= set(size["ack"])
    assert {"median", "mean", "min", "max"} == set(size["article_chars"])
    assert {"cpu", "cores", "ram_gb", "python", "sqlite"} <= set(figures["machine"])


def test_the_markdown_table_has_every_row_and_target(produced: Path) -> None:
    table = (produced / "benchmarks.md").read_text()
    rows = (
        "Article text (without chrome): median ",
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


def test_built_measures_the_commands_on_the_database_an_earlier_run_left(
    produced: Path,
) -> None:
    again = produced / "built.json"
    report = produced / "built.md"
    run.main(
        [
            *("--sizes", str(SIZE), "--built", str(SIZE), "--queries", "3"),
            *("--work", str(produced / "work"), "--json", str(again), "--markdown", str(report)),
        ]
    )
    (size,) = json.loads(again.read_text())["sizes"]
    table = report.read_text()

    assert (None, None) == (size["ingest"], size["baseline"])
    assert SIZE == size["stored"] and {"who", "topic", "ask", "timeline"} == set(size["queries"])
    assert "Measured with `--built`" in table and "| Ingest (articles/s) |" not in table
