"""The command line's failures, run as a user runs it: bytes in argv and on stdin, numbers
beyond SQLite's integers, a missing database, and `--json` that always prints one object.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import typer

from bot.cli import app

from .conftest import SEEDS, postgres_schema

INVALID_UTF8 = b"\xff\xfe"
# U+D800 as UTF-8 would spell it (CESU-8): what a lone surrogate looks like in bytes.
LONE_SURROGATE = b"\xed\xa0\x80"
HUGE = "99999999999999999999999"
# A valid call of every command that takes --json; a new command must be added here.
VALID: dict[str, list[str]] = {
    "ingest": [str(SEEDS)],
    "stats": [],
    "articles": [],
    "show": ["1"],
    "entities": ["--kind", "person"],
    "who": ["Lavrov"],
    "topic": ["UNCLOS"],
    "ask": ["What did Vietnam ask Russia?"],
    "timeline": ["Lavrov"],
    "digest subscribe": ["Lavrov", "daily", "08:00"],
    "digest list": [],
    "digest unsubscribe": ["1"],
    "digest preview": ["Lavrov"],
    "digest now": ["1"],
    "sources": [],
    "sources add": ["{watched}"],
    "sources remove": ["1"],
    "sources poll": ["1"],
    # A new, empty schema on the PostgreSQL test server for each call.
    "migrate": ["--to", "{postgres}"],
}
# The commands that only read: they must not create a database where there is none.
READERS = [
    "stats",
    "articles",
    "show",
    "entities",
    "who",
    "topic",
    "ask",
    "timeline",
    "digest list",
    "digest unsubscribe",
    "digest preview",
    "digest now",
    "sources",
    "sources remove",
    "sources poll",
]


def json_commands() -> list[str]:
    """Every command (or group with a default action) of the typer app that takes --json."""
    found = []

    def walk(command: Any, path: list[str]) -> None:
        if any("--json" in param.opts for param in command.params):
            found.append(" ".join(path))
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return sorted(found)


def attache(
    *args: str | bytes, tmp: Path, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    environment = {
        **os.environ,
        "ATTACHE_LOG_FILE": str(tmp / "attache.log"),
        "ATTACHE_DB": str(tmp / "default.db"),
        "COLUMNS": "200",
        **(env or {}),
    }
    argv = [os.fsencode(sys.executable), b"-m", b"bot"]
    argv += [a if isinstance(a, bytes) else a.encode() for a in args]
    return subprocess.run(
        argv, input=stdin, capture_output=True, env=environment, cwd=tmp, timeout=120
    )


def one_json_object(result: subprocess.CompletedProcess[bytes]) -> dict[str, Any]:
    """Stdout as the one UTF-8 JSON object it must be, whatever went wrong."""
    found = json.loads(result.stdout.decode("utf-8"))
    assert isinstance(found, dict), result.stdout
    return found


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the seeds, subscription 1 and source 1."""
    tmp = tmp_path_factory.mktemp("cli_errors")
    db = tmp / "a.db"
    (tmp / "watched").mkdir()
    for args in (
        ["ingest", str(SEEDS)],
        ["digest", "subscribe", "Vietnam"],
        ["sources", "add", str(tmp / "watched")],
    ):
        assert 0 == attache(*args, "--db", str(db), tmp=tmp).returncode
    return db


@pytest.fixture()
def db(seeded: Path, tmp_path: Path) -> Path:
    """A copy of the seeded database this test may change."""
    shutil.copy(seeded, tmp_path / "a.db")
    (tmp_path / "watched").mkdir()
    return tmp_path / "a.db"


def _variants(name: str) -> dict[str, list[str | bytes]]:
    """The ways of calling one command, valid and broken, that apply to it."""
    valid: list[str | bytes] = list(VALID[name])
    variants: dict[str, list[str | bytes]] = {
        "valid": valid,
        "unknown option": [*valid, b"--bogus\xff"],
        "invalid UTF-8": _spoiled(valid, INVALID_UTF8),
        "lone surrogate": _spoiled(valid, LONE_SURROGATE),
    }
    if valid and not str(valid[0]).startswith("--"):
        variants["missing argument"] = []
    numbers = [i for i, a in enumerate(valid) if isinstance(a, str) and a.isdigit()]
    if numbers:
        variants["bad number"] = [("1x" if i in numbers else a) for i, a in enumerate(valid)]
        variants["huge number"] = [(HUGE if i in numbers else a) for i, a in enumerate(valid)]
    if name == "sources add":
        variants["bad number"] = [*valid, "--every", "soon"]
        variants["huge number"] = [*valid, "--every", "99999999999999999999d"]
    return variants


def _spoiled(args: list[str | bytes], junk: bytes) -> list[str | bytes]:
    """The arguments with `junk` before the first one, or as an extra argument."""
    if not args:
        return [junk]
    first = args[0]
    return [junk + (first if isinstance(first, bytes) else first.encode()), *args[1:]]


CASES = [
    pytest.param(name, kind, args, id=f"{name}-{kind}")
    for name in json_commands()
    for kind, args in _variants(name).items()
]


def test_every_json_command_is_covered() -> None:
    assert sorted(VALID) == json_commands()


@pytest.mark.parametrize(("name", "kind", "args"), CASES)
def test_json_output_is_one_utf8_object_whatever_goes_wrong(
    db: Path, name: str, kind: str, args: list[str | bytes]
) -> None:
    with ExitStack() as stack:
        target = stack.enter_context(postgres_schema()) if "{postgres}" in args else ""
        filled = [
            a.format(watched=db.parent / "watched", postgres=target) if isinstance(a, str) else a
            for a in args
        ]
        result = attache(*name.split(), *filled, "--db", str(db), "--json", tmp=db.parent)

    found = one_json_object(result)
    assert "something went wrong" not in result.stderr.decode("utf-8")
    if kind == "valid":
        assert "error" not in found
        assert 0 == result.returncode, result.stderr
    elif result.returncode != 0 and "error" in found:
        assert {"kind", "message"} <= set(found["error"])
        assert "\n" not in found["error"]["message"]


@pytest.mark.parametrize("args", [["show", HUGE], ["digest", "now", HUGE]])
def test_json_errors_say_what_went_wrong(db: Path, args: list[str]) -> None:
    result = attache(*args, "--db", str(db), "--json", tmp=db.parent)

    assert 2 == result.returncode
    assert "usage" == one_json_object(result)["error"]["kind"]
    assert HUGE in one_json_object(result)["error"]["message"]


def test_a_kind_no_entity_has_is_a_usage_error_not_an_empty_list(db: Path) -> None:
    result = attache("entities", "--kind", "people", "--db", str(db), "--json", tmp=db.parent)

    assert 2 == result.returncode
    error = one_json_object(result)["error"]
    assert "usage" == error["kind"]
    assert "person, organization, place, topic, event" in error["message"]


@pytest.mark.parametrize(
    "args",
    [
        ["show", HUGE],
        ["show", "9223372036854775808"],
        ["digest", "now", HUGE],
        ["digest", "unsubscribe", HUGE],
        ["digest", "preview", HUGE],
        ["sources", "remove", HUGE],
        ["sources", "poll", HUGE],
        ["sources", "add", "{watched}", "--every", "99999999999999999999d"],
        ["sources", "add", "{watched}", "--every", "9999999999999h"],
    ],
)
def test_a_number_out_of_range_is_one_line_not_an_internal_error(db: Path, args: list[str]) -> None:
    filled = [a.format(watched=db.parent / "watched") for a in args]

    result = attache(*filled, "--db", str(db), tmp=db.parent)

    stderr = result.stderr.decode("utf-8")
    assert result.returncode in (1, 2)
    assert "something went wrong" not in stderr
    assert 1 == len([line for line in stderr.splitlines() if line.startswith(("error", "Error"))])


@pytest.mark.parametrize("name", READERS)
def test_a_read_command_without_a_database_says_so_and_creates_none(
    tmp_path: Path, name: str
) -> None:
    missing = tmp_path / "nowhere" / "a.db"
    args = [a for a in VALID[name] if "{" not in a]

    result = attache(*name.split(), *args, "--db", str(missing), "--json", tmp=tmp_path)

    assert 1 == result.returncode
    assert f"no database at {missing}" in one_json_object(result)["error"]["message"]
    assert f"no database at {missing}" in result.stderr.decode("utf-8")
    assert not missing.exists()


def test_the_default_database_is_not_created_by_a_read_command(tmp_path: Path) -> None:
    result = attache("who", "Lavrov", tmp=tmp_path)

    assert 1 == result.returncode
    assert "attache ingest" in result.stderr.decode("utf-8")
    assert not (tmp_path / "default.db").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["ingest", str(SEEDS)],
        ["digest", "subscribe", "Lavrov"],
        ["sources", "add", "{watched}"],
    ],
)
def test_a_writing_command_creates_the_database(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "watched").mkdir()
    created = tmp_path / "new" / "a.db"
    filled = [a.format(watched=tmp_path / "watched") for a in args]

    result = attache(*filled, "--db", str(created), tmp=tmp_path)

    assert 0 == result.returncode, result.stderr
    assert created.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["digest", "subscribe", "Lavrov", "daily", "25:00"],
        ["sources", "add", "{watched}", "--every", "banana"],
        ["sources", "add", "{watched}/nowhere"],
    ],
)
def test_a_writing_command_that_fails_leaves_no_new_database(
    tmp_path: Path, args: list[str]
) -> None:
    """Else the next read command answers "nothing matches" from the empty file it left."""
    (tmp_path / "watched").mkdir()
    created = tmp_path / "new" / "a.db"
    filled = [a.format(watched=tmp_path / "watched") for a in args]

    result = attache(*filled, "--db", str(created), tmp=tmp_path)

    assert result.returncode in (1, 2)
    assert [] == list(created.parent.glob("a.db*"))


def test_the_console_answers_bytes_that_are_not_utf8(seeded: Path, tmp_path: Path) -> None:
    lines = [
        b"who \xff\xfe",
        b"/show \xff",
        b"/show " + HUGE.encode(),
        b"ask what did \xed\xa0\x80 say?",
        b"/digest now " + HUGE.encode(),
        b"/entities \xff",
        b"What did Vietnam ask Russia?",
        b"/quit",
    ]

    result = attache("run", "--db", str(seeded), tmp=tmp_path, stdin=b"\n".join(lines) + b"\n")

    shown = result.stdout.decode("utf-8")
    assert 0 == result.returncode, result.stderr
    assert "something went wrong" not in shown
    assert "Usage: /show ID" in shown
    assert "is not a subscription id" in shown
    assert "I don't know the command “What”" not in shown
    assert "Bye." in shown


@pytest.mark.parametrize(
    ("variable", "value", "args"),
    [
        ("ATTACHE_POLL_EVERY_MINUTES", "abc", ["stats"]),
        ("ATTACHE_POLL_EVERY_MINUTES", "99999999999999999999", ["sources", "add", "{watched}"]),
        ("ATTACHE_DIGEST_MAX_AGE_DAYS", "1e300", ["digest", "preview", "Lavrov"]),
        ("ATTACHE_INGEST_WORKERS", HUGE, ["ingest", str(SEEDS)]),
        ("ATTACHE_TIMEZONE", "Mars/Olympus_Mons", ["sources"]),
        ("ATTACHE_TIMEZONE", "Mars/Olympus_Mons", ["digest", "preview", "1"]),
    ],
)
def test_a_setting_out_of_range_is_one_line_naming_it(
    db: Path, variable: str, value: str, args: list[str]
) -> None:
    filled = [a.format(watched=db.parent / "watched") for a in args]

    result = attache(*filled, "--db", str(db), "--json", tmp=db.parent, env={variable: value})

    assert 1 == result.returncode
    assert "settings" == one_json_object(result)["error"]["kind"]
    assert [f"error: {variable}={value!r} is not a valid setting"] == [
        line[: len(variable) + len(repr(value)) + 31]
        for line in result.stderr.decode("utf-8").splitlines()
    ]
