"""Ingest with worker processes stores exactly what a serial ingest stores, batch by batch."""

from __future__ import annotations

import multiprocessing.resource_tracker
import multiprocessing.spawn
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generate
from briefings.ingest.fetch import Fetcher
from briefings.ingest.parallel import ConsultedNames
from briefings.ingest.pipeline import POOL_THRESHOLD, ingest
from briefings.model import EntityRef
from store import Store
from store.records import ArticleRecord, MentionRecord

from .conftest import MAX_BYTES, WebServer

CORPUS_SIZE = POOL_THRESHOLD + 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("parallel-corpus")
    generate(CORPUS_SIZE, folder, seed=11)
    (folder / "manifest.json").unlink()
    # Files a worker must reject exactly as a serial ingest does, reason and all.
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "broken.xml").write_text("<rss><channel><item>", encoding="utf-8")
    (folder / "menu.html").write_text("<html><body><nav>Home</nav></body></html>")
    return folder


def stored(db: Path) -> dict[str, list[Any]]:
    """Everything ingest decides, by value rather than by row id."""
    with closing(sqlite3.connect(db)) as conn:
        return {
            "articles": conn.execute(
                "SELECT key, title, content_hash, duplicate_of, similarity FROM articles"
                " ORDER BY id"
            ).fetchall(),
            "passages": conn.execute(
                "SELECT article_id, seq, kind, text FROM passages ORDER BY article_id, seq"
            ).fetchall(),
            "entities": conn.execute(
                "SELECT key, name, kind, country FROM entities ORDER BY key"
            ).fetchall(),
            "aliases": conn.execute(
                "SELECT e.key, a.alias, a.defined FROM aliases a"
                " JOIN entities e ON e.id = a.entity_id ORDER BY 1, 2"
            ).fetchall(),
            "mentions": conn.execute(
                'SELECT e.key, m.article_id, m.start, m."end", s.text, n.text FROM mentions m'
                " JOIN entities e ON e.id = m.entity_id JOIN labels s ON s.id = m.surface_id"
                " JOIN labels n ON n.id = m.name_id ORDER BY 2, 3, 1"
            ).fetchall(),
            "events": conn.execute(
                "SELECT article_id, start, kind, date FROM events ORDER BY 1, 2"
            ).fetchall(),
        }


def ingest_with(workers: int, corpus: Path, db: Path) -> list[tuple[str, str, str | None]]:
    with Store.open(db) as store:
        report = ingest([str(corpus)], store, fetcher=None, max_bytes=MAX_BYTES, workers=workers)
    return [(o.location, o.status, o.reason) for o in report.outcomes]


def test_workers_store_what_a_serial_ingest_stores(corpus: Path, tmp_path: Path) -> None:
    serial = ingest_with(1, corpus, tmp_path / "serial.db")
    parallel = ingest_with(2, corpus, tmp_path / "parallel.db")

    assert serial == parallel
    assert 4 <= len([reason for _, status, reason in serial if status == "rejected"])
    assert stored(tmp_path / "serial.db") == stored(tmp_path / "parallel.db")


def test_a_second_parallel_ingest_stores_only_what_changed(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "news"
    shutil.copytree(corpus, folder)
    db = tmp_path / "attache.db"
    first = ingest_with(2, folder, db)
    edited = sorted(folder.glob("*.txt"))[7]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA late paragraph.\n")

    again = ingest_with(2, folder, db)

    assert len(first) == len(again)
    changed = {location: status for location, status, _ in again if status != "unchanged"}
    rejected = {location: "rejected" for location, status, _ in first if status == "rejected"}
    assert {str(edited): "updated", **rejected} == changed


def test_workers_that_cannot_start_leave_the_work_to_the_writer(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serial = ingest_with(1, corpus, tmp_path / "serial.db")
    # Every worker spawned from now on exits at once, before it can answer; the resource
    # tracker, spawned the same way, must already be running.
    multiprocessing.resource_tracker.ensure_running()
    monkeypatch.setattr(multiprocessing.spawn, "_python_exe", os.fsencode("/bin/false"))

    parallel = ingest_with(2, corpus, tmp_path / "parallel.db")

    assert serial == parallel
    assert stored(tmp_path / "serial.db") == stored(tmp_path / "parallel.db")


def test_a_feed_file_keeps_its_teasers_completed_from_their_pages(
    corpus: Path, tmp_path: Path, web: WebServer, fetcher: Fetcher
) -> None:
    # Workers have no fetcher, so the writer itself reads feed files when it has one.
    folder = tmp_path / "news"
    shutil.copytree(corpus, folder)
    page = web.serve(
        "/world/lavrov-hanoi", f"<html><body><article>{_page()}</article></body></html>"
    )
    (folder / "teasers.rss").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wire</title>'
        f"<item><title>Lavrov in Hanoi</title><link>{page}</link>"
        "<description>Sergey Lavrov held talks in Hanoi…</description></item></channel></rss>",
        encoding="utf-8",
    )
    with Store.open(tmp_path / "attache.db") as store:
        report = ingest([str(folder)], store, fetcher=fetcher, max_bytes=MAX_BYTES, workers=2)

    assert ["new"] == [o.status for o in report.outcomes if o.location == page]
    assert "/world/lavrov-hanoi" in web.requests


def _page() -> str:
    return "".join(f"<p>{_story()}</p>" for _ in range(3))


def test_a_document_repeated_within_one_batch_is_stored_once(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(_story(), encoding="utf-8")
    with Store.open(tmp_path / "attache.db") as store:
        report = ingest([str(folder)], store, fetcher=None, max_bytes=MAX_BYTES)
        assert ["new", "unchanged", "unchanged"] == [o.status for o in report.outcomes]
        assert 1 == store.stats().articles


def _story() -> str:
    return (
        "HANOI -- Vietnamese Foreign Minister Bui Thanh Son met Russian Foreign Minister"
        " Sergey Lavrov in Hanoi on Tuesday to discuss trade, energy and education. The two"
        " ministers agreed to prepare a visit by Vietnam's President to Russia and to expand"
        " cooperation in oil and gas, according to a statement from the ministry.\n"
    )


def test_a_failed_article_in_a_batch_leaves_the_others_and_nothing_of_itself(
    store: Store,
) -> None:
    good = _record("good")
    bad = _record("bad", mentions=(_mention(passage=5),))  # no passage 5: fails half-way

    with store.batch():
        store.save_article(good)
        with pytest.raises(IndexError):
            store.save_article(bad)

    assert ["good"] == [a.title for a in store.articles()]
    assert 1 == store.stats().passages


def test_an_error_in_a_batch_keeps_none_of_it(store: Store) -> None:
    with pytest.raises(RuntimeError), store.batch():
        store.save_article(_record("first"))
        raise RuntimeError("interrupted")

    assert [] == store.articles()


def test_consulted_names_records_every_lookup_even_a_missing_one() -> None:
    lavrov = EntityRef("Sergey Lavrov", "person")
    names = ConsultedNames({"lavrov": [lavrov]})

    assert [lavrov] == names.get("lavrov")
    assert names.get("son") is None
    assert {"lavrov", "son"} == names.keys_read
    assert not names.saw_empty
    assert not names.whole


def test_consulted_names_notes_an_empty_table() -> None:
    names = ConsultedNames({})

    assert not names

    assert names.saw_empty


def _record(title: str, mentions: tuple[MentionRecord, ...] = ()) -> ArticleRecord:
    return ArticleRecord(
        key=f"test://{title}",
        source_kind="text",
        title=title,
        title_derived=False,
        content_hash=title,
        passages=(("title", title),),
        mentions=mentions,
    )


def _mention(passage: int) -> MentionRecord:
    return MentionRecord(
        passage=passage,
        start=0,
        end=6,
        surface="Lavrov",
        surface_key="lavrov",
        entity_key="sergey lavrov",
        name="Sergey Lavrov",
        kind="person",
    )


WORKER_SCRIPT = """
import sys
from pathlib import Path

if __name__ != "__main__":  # imported again, as a spawned process imports its parent's main
    (Path(sys.argv[1]) / f"imported-as-{__name__}").write_text("")

if __name__ == "__main__":
    from briefings.ingest.documents import RawDocument
    from briefings.ingest.parallel import Ahead, Workers

    text = "Vietnam and Laos sign trade deal\\n\\nHANOI - The two ministers met on Monday."
    raw = RawDocument("story.txt", "text", text, "story.txt")
    workers = Workers(1, {}, max_bytes=1_000_000)
    workers.submit(raw, "hash", {})
    print(type(workers.next_result()).__name__, sys.modules["__main__"].__file__ == __file__)
    workers.close()
"""


def test_a_worker_does_not_import_the_main_module_of_its_writer(tmp_path: Path) -> None:
    # `attache ingest` runs bot.cli as main: every worker would import the whole bot first.
    script = tmp_path / "writer.py"
    script.write_text(WORKER_SCRIPT, encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert "Ahead True" == done.stdout.strip(), done.stderr
    assert [] == [p.name for p in tmp_path.glob("imported-as-*")]
