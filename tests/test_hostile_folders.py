"""Hostile folders: FIFOs, sockets, devices, symlinks that lead out and file names that are not
text. Nothing hangs, nothing outside the folder is read, every batch goes on.

Each call that used to hang runs in a thread or a subprocess with a deadline, so a regression
fails instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

import pytest

from briefings.ingest.fetch import Fetcher, new_client
from briefings.ingest.pipeline import POOL_THRESHOLD, IngestReport, ingest
from briefings.ingest.polling import add_source, poll_due
from store import Store
from store.fulltext import Words

from .conftest import MAX_BYTES, SEEDS, run_ingest
from .test_cli import attache

NOW = datetime(2021, 7, 9, 8, 0, tzinfo=UTC)
DEADLINE = 30.0
SECRET = "SLACK_BOT_TOKEN=xoxb-123456789012-secret-token-value"
T = TypeVar("T")


def db_file(tmp_path: Path) -> Path:
    """The file the `store` fixture opens."""
    return tmp_path / "attache.db"


def within_deadline(db: Path, call: Callable[[Store], T]) -> T:
    """The call's result on a store of its own (SQLite connections stay in their thread);
    fails the test, instead of hanging it, when the call blocks."""
    result: list[T] = []

    def run() -> None:
        with Store.open(db) as store:
            result.append(call(store))

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(DEADLINE)
    assert not worker.is_alive(), f"still blocked after {DEADLINE:.0f} s"
    assert result, "the call raised (see the thread's traceback above)"
    return result[0]


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with new_client(5.0) as client:
        yield Fetcher(client, MAX_BYTES)


@pytest.fixture
def listening(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Binds unix sockets at the paths given; closes them after the test."""
    opened: list[socket.socket] = []

    def bind(path: Path) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(str(path))
        sock.listen()
        opened.append(sock)

    yield bind
    for sock in opened:
        sock.close()


def special_folder(tmp_path: Path, bind: Callable[[Path], None]) -> Path:
    """A folder with a good article beside a FIFO, a unix socket and a character device."""
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(SEEDS / "003_74d1bcbf21ade748.txt", folder / "good.txt")
    os.mkfifo(folder / "pipe.txt")
    bind(folder / "socket.txt")
    (folder / "null.txt").symlink_to("/dev/null")
    return folder


def reasons(report: IngestReport) -> dict[str, str]:
    return {Path(o.location).name: o.reason or "" for o in report.rejected}


def test_fifos_and_sockets_in_a_folder_are_skipped_with_a_reason(
    store: Store, tmp_path: Path, listening: Callable[[Path], None]
) -> None:
    folder = special_folder(tmp_path, listening)

    report = within_deadline(db_file(tmp_path), lambda s: run_ingest(s, [str(folder)]))

    assert 1 == report.counts["new"]
    found = reasons(report)
    assert "not a regular file (FIFO)" == found["pipe.txt"]
    assert "not a regular file (socket)" == found["socket.txt"]
    assert "symlink leads outside the folder" == found["null.txt"]


def test_a_fifo_named_directly_or_sniffed_for_a_feed_does_not_block(
    store: Store, tmp_path: Path, fetcher: Fetcher
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    os.mkfifo(folder / "feed.xml")
    shutil.copy(SEEDS / "003_74d1bcbf21ade748.txt", folder / "good.txt")

    # With a fetcher the pipeline sniffs each file for a feed before reading it.
    report = within_deadline(
        db_file(tmp_path),
        lambda s: ingest(
            [str(folder), str(folder / "feed.xml")], s, fetcher=fetcher, max_bytes=MAX_BYTES
        ),
    )

    assert {"new": 1, "updated": 0, "unchanged": 0, "rejected": 2} == report.counts
    assert {"not a regular file (FIFO)"} == {o.reason for o in report.rejected}


def test_a_fifo_in_a_watched_folder_does_not_stop_polling(
    store: Store, tmp_path: Path, fetcher: Fetcher, listening: Callable[[Path], None]
) -> None:
    folder = special_folder(tmp_path, listening)
    add_source(store, str(folder), timedelta(minutes=30), NOW)

    [outcome] = within_deadline(db_file(tmp_path), lambda s: poll_due(s, fetcher, NOW))

    assert ("polled", 1) == (outcome.status, len(outcome.new))
    assert {"pipe.txt", "socket.txt", "null.txt"} == {
        Path(o.location).name for o in outcome.rejected
    }


def test_sources_add_and_ingest_of_a_folder_with_a_fifo_finish(
    tmp_path: Path, listening: Callable[[Path], None]
) -> None:
    folder = special_folder(tmp_path, listening)

    ingested = attache("ingest", str(folder), "--json", tmp=tmp_path, timeout=DEADLINE * 2)
    added = attache("sources", "add", str(folder), "--json", tmp=tmp_path, timeout=DEADLINE * 2)

    assert 0 == ingested.returncode, ingested.stderr
    assert 1 == json.loads(ingested.stdout)["new"]
    assert 0 == added.returncode, added.stderr
    assert "polled" == json.loads(added.stdout)["first_poll"]["status"]


def test_a_symlink_to_a_secret_outside_the_folder_is_not_read(store: Store, tmp_path: Path) -> None:
    secrets = tmp_path / "home"
    secrets.mkdir()
    (secrets / ".env").write_text(f"# settings\n{SECRET}\n" + "More words in this file. " * 20)
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "notes.txt").symlink_to(secrets / ".env")
    (folder / "inside.txt").symlink_to(folder / "good.txt")
    shutil.copy(SEEDS / "003_74d1bcbf21ade748.txt", folder / "good.txt")

    report = within_deadline(db_file(tmp_path), lambda s: run_ingest(s, [str(folder)]))

    assert {"notes.txt": "symlink leads outside the folder"} == reasons(report)
    assert 0 == len(store.search_passages(Words(("xoxb",)), 10, ("title", "body", "caption")))


def test_a_symlinked_folder_leading_outside_is_not_followed(store: Store, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(SEEDS / "001_39ff37f9e3027860.txt", outside / "story.txt")
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "more").symlink_to(outside, target_is_directory=True)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    shutil.copy(SEEDS / "003_74d1bcbf21ade748.txt", folder / "good.txt")

    report = within_deadline(db_file(tmp_path), lambda s: run_ingest(s, [str(folder)]))

    assert 1 == report.counts["new"]
    assert {"more": "symlink leads outside the folder"} == reasons(report)


def test_the_size_cap_holds_while_reading_a_file_that_claims_to_be_empty(
    store: Store, tmp_path: Path
) -> None:
    # Files under /proc say they are 0 bytes long and are not.
    status = Path("/proc/self/status")
    assert 0 == status.stat().st_size

    report = within_deadline(
        db_file(tmp_path), lambda s: ingest([str(status)], s, fetcher=None, max_bytes=200)
    )

    assert ["file too large: over 200 bytes"] == [o.reason for o in report.rejected]


def test_file_names_that_are_not_text_neither_stop_the_batch_nor_reach_the_terminal(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    story = (SEEDS / "003_74d1bcbf21ade748.txt").read_bytes()
    folder_bytes = os.fsencode(folder)
    for name in (b"caf\xe9-latin1.txt", b"\x1b[2J\x1b]52;c;aGk=\x07clear.txt"):
        with open(folder_bytes + b"/" + name, "wb") as file:
            file.write(story.replace(b"Vietnam", name[:4].hex().encode() + b" Vietnam", 1))
    (folder / "empty.txt").write_bytes(b"")
    os.rename(folder / "empty.txt", folder_bytes + b"/\x1b[31mred\xff.txt")

    ingested = attache("ingest", str(folder), tmp=tmp_path, timeout=DEADLINE * 2)
    report = attache("ingest", str(folder), "--json", tmp=tmp_path, timeout=DEADLINE * 2)
    listed = attache("articles", tmp=tmp_path, timeout=DEADLINE * 2)
    as_json = attache("articles", "--json", tmp=tmp_path, timeout=DEADLINE * 2)
    shown = attache("show", "1", tmp=tmp_path, timeout=DEADLINE * 2)

    assert 0 == ingested.returncode, ingested.stderr
    assert "2 new, 0 updated, 0 unchanged, 1 rejected" in ingested.stdout
    assert 2 == json.loads(report.stdout)["unchanged"]
    paths = [article["path"] for article in json.loads(as_json.stdout)["articles"]]
    assert 2 == len(paths)
    for output in (ingested.stdout, report.stdout, listed.stdout, as_json.stdout, shown.stdout):
        assert "\x1b" not in output and "\x07" not in output
        assert all(not 0xD800 <= ord(c) <= 0xDFFF for c in output)


def test_worker_processes_skip_a_fifo_as_the_writer_does(
    store: Store, tmp_path: Path, listening: Callable[[Path], None]
) -> None:
    folder = special_folder(tmp_path, listening)
    story = (SEEDS / "003_74d1bcbf21ade748.txt").read_text(encoding="utf-8")
    for number in range(POOL_THRESHOLD):
        (folder / f"copy-{number:03d}.txt").write_text(f"{story}\nReport number {number}.\n")

    report = within_deadline(
        db_file(tmp_path),
        lambda s: ingest([str(folder)], s, fetcher=None, max_bytes=MAX_BYTES, workers=2),
    )

    assert POOL_THRESHOLD + 1 == report.counts["new"] + report.counts["unchanged"]
    assert "not a regular file (FIFO)" == reasons(report)["pipe.txt"]
    assert "not a regular file (socket)" == reasons(report)["socket.txt"]
