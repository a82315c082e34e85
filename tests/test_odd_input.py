"""Odd input to who, topic, ask and timeline: a blank argument is the usage error, as a
missing one is, and a very long one is not echoed back in full; CLI and console."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from bot.console import execute
from bot.router import Router

from .conftest import SEEDS
from .test_cli_errors import attache, one_json_object

LONG_NAME = "Lavrov" + "x" * 20_000


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("odd_input")
    db = tmp / "a.db"
    assert 0 == attache("ingest", str(SEEDS), "--db", str(db), tmp=tmp).returncode
    return db


@pytest.fixture
def router_database(seeded: Path) -> str:
    """The console's router answers from this module's seeded file (`seeded` is a path here)."""
    return str(seeded)


@pytest.mark.parametrize(
    ("command", "blank"), [("who", ""), ("topic", "   "), ("ask", ""), ("timeline", '""')]
)
def test_a_blank_argument_is_the_usage_error(seeded: Path, command: str, blank: str) -> None:
    result = attache(command, blank, "--db", str(seeded), tmp=seeded.parent)

    assert 2 == result.returncode  # as for a missing argument
    assert b"matches" not in result.stdout
    assert b"Usage: attache " + command.encode() in result.stderr


@pytest.mark.parametrize("command", ["who", "ask"])
def test_a_blank_argument_with_json_is_one_usage_error_object(seeded: Path, command: str) -> None:
    result = attache(command, "", "--db", str(seeded), "--json", tmp=seeded.parent)

    assert 2 == result.returncode
    assert "usage" == one_json_object(result)["error"]["kind"]


def test_a_very_long_name_is_not_echoed_in_full(seeded: Path) -> None:
    result = attache("who", LONG_NAME, "--db", str(seeded), tmp=seeded.parent)
    shown = result.stdout.decode("utf-8")

    assert 1 == result.returncode
    assert LONG_NAME[:80] + "…" in shown
    assert LONG_NAME[:81] not in shown


def _shown(router: Router, line: str) -> str:
    out = io.StringIO()
    Console(file=out, width=400, color_system=None).print(execute(router, line))
    return out.getvalue()


@pytest.mark.parametrize("line", ['/who ""', "/topic “”", "/ask ''"])
def test_the_console_answers_a_blank_argument_with_the_usage_line(
    router: Router, line: str
) -> None:
    shown = _shown(router, line)

    assert "Usage: " in shown
    assert "matches" not in shown


def test_the_console_heading_of_a_long_topic_is_cut(router: Router) -> None:
    words = "Vietnam Russia " * 40
    shown = _shown(router, f"/topic {words}")

    assert words.strip() not in shown
    assert "…" in shown.splitlines()[0]
