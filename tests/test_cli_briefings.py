"""The briefing commands as a user runs them, offline and against a local LLM server."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from .llm_server import LLMServer, completion, error, running_server
from .test_cli import as_json, attache


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("briefings")
    result = attache(
        "ingest", str(Path(__file__).parent.parent / "seeds"), "--db", str(tmp / "a.db"), tmp=tmp
    )
    assert 0 == result.returncode, result.stderr
    return tmp / "a.db"


@pytest.fixture
def llm() -> Iterator[LLMServer]:
    with running_server() as server:
        yield server


def test_who_json_has_claims_sources_and_subject(db: Path, tmp_path: Path) -> None:
    data = as_json(attache("who", "Lavrov", "--db", str(db), "--json", tmp=tmp_path))

    assert "Sergey Lavrov" == data["subject"]["name"]
    assert "extractive" == data["mode"]
    assert data["claims"] and all(c["text"] and c["sources"] for c in data["claims"])
    numbers = {s["n"] for s in data["sources"]}
    assert {n for c in data["claims"] for n in c["sources"]} <= numbers
    assert 4 == len(data["sources"])
    for source in data["sources"]:
        assert {"n", "title", "published", "path"} <= set(source)


def test_who_prints_a_readable_cited_briefing(db: Path, tmp_path: Path) -> None:
    result = attache("who", "lavrov", "--db", str(db), tmp=tmp_path)

    assert 0 == result.returncode
    assert result.stdout.startswith("Sergey Lavrov — person, Russia")
    assert re.search(r"^• .+ \[\d\]$", result.stdout, re.M)
    assert "Sources" in result.stdout


def test_not_found_is_exit_1_with_suggestions(db: Path, tmp_path: Path) -> None:
    result = attache("who", "Lavrovsky Petrovich", "--db", str(db), "--json", tmp=tmp_path)

    assert 1 == result.returncode
    data = json.loads(result.stdout)
    assert [] == data["claims"]
    assert data["note"]


def test_timeline_prints_dated_entries(db: Path, tmp_path: Path) -> None:
    result = attache("timeline", "Lavrov", "--db", str(db), tmp=tmp_path)

    assert 0 == result.returncode
    assert "15 March, year unknown: call with Bui Thanh Son" in result.stdout


def _llm_env(server: LLMServer) -> dict[str, str]:
    return {
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_MODEL": "test-model",
        "ATTACHE_LLM_TIMEOUT": "5",
    }


def test_with_an_llm_configured_the_model_writes_the_summary(
    db: Path, tmp_path: Path, llm: LLMServer
) -> None:
    llm.script(
        completion(
            "Lavrov visited Vietnam in July 2022 [2]. Bui Thanh Son spoke with him by phone [3]."
        )
    )

    data = as_json(
        attache("who", "Lavrov", "--db", str(db), "--json", tmp=tmp_path, env=_llm_env(llm))
    )

    assert "llm" == data["mode"]
    assert ["Lavrov visited Vietnam in July 2022.", "Bui Thanh Son spoke with him by phone."] == [
        c["text"] for c in data["claims"]
    ]
    assert 1 == len(llm.requests)
    assert "<subject>Sergey Lavrov</subject>" in llm.messages()["user"]


def test_a_failing_llm_falls_back_to_quotes_with_a_note(
    db: Path, tmp_path: Path, llm: LLMServer
) -> None:
    llm.script(error(500))

    data = as_json(
        attache(
            "topic",
            "UNCLOS",
            "--db",
            str(db),
            "--json",
            tmp=tmp_path,
            env={**_llm_env(llm), "ATTACHE_LLM_MAX_RETRIES": "0"},
        )
    )

    assert "extractive" == data["mode"]
    assert data["claims"]
    assert "showing quoted sentences instead" in data["note"]


def test_offline_skips_the_llm(db: Path, tmp_path: Path, llm: LLMServer) -> None:
    llm.script(completion("Should not be asked [1]."))

    data = as_json(
        attache(
            "ask",
            "What did Vietnam ask Russia?",
            "--offline",
            "--db",
            str(db),
            "--json",
            tmp=tmp_path,
            env=_llm_env(llm),
        )
    )

    assert "extractive" == data["mode"]
    assert [] == llm.requests
