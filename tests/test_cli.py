"""The command-line contract, run as a user runs it: a real process, real files."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from store import Store

from .conftest import LOOPBACK, SEEDS


def attache(
    *args: str,
    tmp: Path,
    stdin: str = "",
    env: dict[str, str] | None = None,
    timeout: float = 120.0,
) -> subprocess.CompletedProcess[str]:
    """The CLI as a real process; killed, failing the test, if it outlives `timeout`."""
    environment = {
        **os.environ,
        "ATTACHE_LOG_FILE": str(tmp / "attache.log"),
        "ATTACHE_DB": str(tmp / "default.db"),
        # Tests serve pages and feeds on 127.0.0.1, which fetches refuse unless allowed.
        "ATTACHE_ALLOW_NETWORKS": LOOPBACK,
        "COLUMNS": "200",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=tmp,
        timeout=timeout,
    )


def as_json(result: subprocess.CompletedProcess[str]) -> Any:
    assert 0 == result.returncode, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("cli")
    result = attache("ingest", str(SEEDS), "--db", str(tmp / "a.db"), "--json", tmp=tmp)
    assert {"new": 5, "updated": 0, "unchanged": 0, "rejected": 0} == {
        k: v for k, v in as_json(result).items() if k != "outcomes"
    }
    return tmp / "a.db"


def test_ingesting_again_reports_every_article_unchanged(seeded_db: Path, tmp_path: Path) -> None:
    result = attache("ingest", str(SEEDS), "--db", str(seeded_db), tmp=tmp_path)

    assert 0 == result.returncode
    assert "0 new, 0 updated, 5 unchanged, 0 rejected" in result.stdout


def test_stats_json_counts_the_seeds(seeded_db: Path, tmp_path: Path) -> None:
    stats = as_json(attache("stats", "--db", str(seeded_db), "--json", tmp=tmp_path))

    assert 5 == stats["articles"]
    assert stats["passages"] > 50
    assert stats["entities"] > 20
    assert {"earliest": "2021-07-07", "latest": "2022-07-07"} == stats["date_range"]


def test_articles_json_lists_id_title_published_and_path(seeded_db: Path, tmp_path: Path) -> None:
    articles = as_json(attache("articles", "--db", str(seeded_db), "--json", tmp=tmp_path))[
        "articles"
    ]

    assert [1, 2, 3, 4, 5] == [a["id"] for a in articles]
    assert (
        "Russia asked to open humanitarian corridors for Vietnamese people in Ukraine"
        == articles[0]["title"]
    )
    assert {"date": "2022-07-07", "precision": "day", "year_source": "text"} == articles[1][
        "published"
    ]
    assert None is articles[0]["published"]
    assert all(Path(a["path"]).name.endswith(".txt") for a in articles)


def test_articles_json_gives_each_article_its_language(tmp_path: Path) -> None:
    french = tmp_path / "moscou.txt"
    french.write_text(
        "Le Vietnam et la Russie renforcent leur coopération\n\n"
        "Le ministre vietnamien des Affaires étrangères a rencontré son homologue russe à Moscou. "
        "Les deux pays ont convenu de renforcer leur coopération dans le domaine de l'énergie.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "fr.db")
    as_json(attache("ingest", str(french), "--db", db, "--json", tmp=tmp_path))

    articles = as_json(attache("articles", "--db", db, "--json", tmp=tmp_path))["articles"]

    assert ["fr"] == [a["language"] for a in articles]


def test_show_json_gives_the_cleaned_article(seeded_db: Path, tmp_path: Path) -> None:
    article = as_json(attache("show", "3", "--db", str(seeded_db), "--json", tmp=tmp_path))

    assert "Vietnam enhances diplomatic ties with China, ASEAN neighbors" == article["title"]
    assert article["paragraphs"][0].startswith("Vietnam’s top diplomat met his counterparts")
    assert not any("Đọc nhiều" in p or "Kinhtedothi" in p for p in article["paragraphs"])
    assert any(c.endswith("Photo: VNA") for c in article["captions"])
    assert "Bui Thanh Son" in {e["name"] for e in article["entities"]}


def test_entities_json_has_one_bui_thanh_son_with_his_spellings(
    seeded_db: Path, tmp_path: Path
) -> None:
    entities = as_json(attache("entities", "--db", str(seeded_db), "--json", tmp=tmp_path))[
        "entities"
    ]

    # Persons only: the talks and visits he takes part in are events named after him.
    sons = [
        e
        for e in entities
        if e["kind"] == "person" and ("Thanh Son" in e["name"] or "Thanh Sơn" in e["name"])
    ]
    assert 1 == len(sons), sons
    names = {sons[0]["name"], *sons[0]["aliases"]}
    assert {"Bui Thanh Son", "Bùi Thanh Sơn", "Son", "Sơn"} <= names
    assert {1, 3, 5} <= {r["article"] for r in sons[0]["roles"]}
    assert "Vietnam" == sons[0]["country"]
    lavrovs = [e for e in entities if e["name"] == "Sergey Lavrov"]
    assert 1 == len(lavrovs)
    assert "Russia" == lavrovs[0]["country"]
    assert {"Foreign Minister"} <= {r["role"] for r in lavrovs[0]["roles"]}
    assert [1, 2, 4, 5] == lavrovs[0]["articles"]


def test_a_missing_article_is_one_line_and_exit_1(seeded_db: Path, tmp_path: Path) -> None:
    result = attache("show", "99", "--db", str(seeded_db), tmp=tmp_path)

    assert 1 == result.returncode
    assert "error: no article with id 99 (see `attache articles`)\n" == result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_usage_error_exits_2(tmp_path: Path) -> None:
    result = attache("stats", "--no-such-option", tmp=tmp_path)

    assert 2 == result.returncode
    assert "No such option: --no-such-option" in result.stderr


def test_version_prints_the_installed_version(tmp_path: Path) -> None:
    result = attache("--version", tmp=tmp_path)

    assert 0 == result.returncode, result.stderr
    assert re.fullmatch(r"attache \d+\.\d+\.\d+\S*\n", result.stdout), result.stdout


@pytest.mark.parametrize("command", ["who", "timeline"])
def test_a_name_of_several_words_needs_no_quotes(
    seeded_db: Path, tmp_path: Path, command: str
) -> None:
    unquoted = as_json(
        attache(command, "Bui", "Thanh", "Son", "--db", str(seeded_db), "--json", tmp=tmp_path)
    )
    quoted = as_json(
        attache(command, "Bui Thanh Son", "--db", str(seeded_db), "--json", tmp=tmp_path)
    )

    assert "Bui Thanh Son" == unquoted["query"] == quoted["query"]
    assert "Bui Thanh Son" == unquoted["subject"]["name"]
    assert quoted["claims"] == unquoted["claims"]


def test_a_question_of_several_words_needs_no_quotes(seeded_db: Path, tmp_path: Path) -> None:
    words = ["What", "did", "Vietnam", "ask", "Russia?"]
    answer = as_json(attache("ask", *words, "--db", str(seeded_db), "--json", tmp=tmp_path))

    assert "What did Vietnam ask Russia?" == answer["query"]
    assert answer["claims"]


@pytest.mark.parametrize(
    "args",
    [
        ["sources", "add", "{tmp}", "--every", "banana"],
        ["sources", "add", "{tmp}", "--every", "10s"],
        ["digest", "subscribe", "Lavrov", "weekly", "mon", "25:00"],
        ["digest", "subscribe", "Lavrov", "cron", "0 8 * *"],
        ["digest", "subscribe", "Lavrov OR"],
    ],
)
def test_what_cannot_be_read_is_a_usage_error_and_stores_nothing(
    seeded_db: Path, tmp_path: Path, args: list[str]
) -> None:
    before = as_json(attache("stats", "--db", str(seeded_db), "--json", tmp=tmp_path))
    filled = [a.format(tmp=tmp_path) for a in args]

    result = attache(*filled, "--db", str(seeded_db), tmp=tmp_path)

    assert 2 == result.returncode, result.stderr
    assert 1 == result.stderr.count("Error: Invalid value"), result.stderr
    assert "Traceback" not in result.stderr
    after = as_json(attache("stats", "--db", str(seeded_db), "--json", tmp=tmp_path))
    assert before == after


def test_show_takes_bidirectional_controls_out_of_an_article(tmp_path: Path) -> None:
    page = tmp_path / "spoof.txt"
    page.write_text(
        "Minister visits \u202eanidaH\u202c\n\n"
        "HANOI, March 3 — The minister arrived in \u2067Hanoi\u2069 on Monday for talks on trade"
        " and investment with his counterpart, the ministry said in a statement.\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "a.db")
    as_json(attache("ingest", str(page), "--db", db, "--json", tmp=tmp_path))

    result = attache("show", "1", "--db", db, tmp=tmp_path)

    assert 0 == result.returncode, result.stderr
    assert "arrived in Hanoi on Monday" in result.stdout
    assert not set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") & set(result.stdout)


def test_nothing_ingested_exits_1_with_the_reason(tmp_path: Path) -> None:
    result = attache("ingest", "no/such/file.txt", "--db", str(tmp_path / "x.db"), tmp=tmp_path)

    assert 1 == result.returncode
    assert "rejected no/such/file.txt: no such file or directory" in result.stdout


def test_a_broken_database_file_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "broken.db").write_text("not sqlite at all " * 200)

    result = attache("stats", "--db", str(tmp_path / "broken.db"), tmp=tmp_path)

    assert 1 == result.returncode
    assert result.stderr.startswith("error: cannot open the database at ")
    assert 1 == len(result.stderr.strip().splitlines())


def test_run_seeds_an_empty_database_then_answers_in_the_console(tmp_path: Path) -> None:
    result = attache("run", tmp=tmp_path, stdin="/stats\n/show 2\n/who Lavrov\n/nonsense\n/quit\n")

    assert 0 == result.returncode, result.stderr
    assert "First start: ingesting the seed articles" in result.stderr
    assert "5 new, 0 updated, 0 unchanged, 0 rejected" in result.stderr
    assert "Articles" in result.stdout and "5 (0 near-duplicates)" in result.stdout
    # The wire dateline ("HANOI--") is taken off the story: never quoted.
    assert "Russian Foreign Minister Sergey Lavrov visited Vietnam" in result.stdout
    assert "HANOI--" not in result.stdout
    assert "Sergey Lavrov — person, Russia" in result.stdout
    assert re.search(r"^\[1\] .+ — .+$", result.stdout, re.M), "the cited sources are listed"
    assert "I don't know the command “/nonsense”" in result.stdout
    assert (tmp_path / "default.db").exists()
    with Store.open(tmp_path / "default.db") as store:
        assert not any(store.announced(a.id) for a in store.articles()), "seeds are no news"


def test_run_does_not_reseed_a_database_with_articles(seeded_db: Path, tmp_path: Path) -> None:
    result = attache("run", "--db", str(seeded_db), tmp=tmp_path, stdin="")

    assert 0 == result.returncode
    assert "First start" not in result.stderr
