"""Bad input: each gets a one-line reason, the batch goes on, the database is untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefings.ingest.fetch import Fetcher
from store import Store

from .conftest import SEEDS, WebServer, run_ingest

CP1252_STORY = (
    "Foreign ministers meet in Paris\n\n"
    "The French Foreign Minister met his Vietnamese counterpart Bui Thanh Son at the Quai "
    "d’Orsay on Monday, where both praised the “strategic partnership” between the two "
    "countries and its résumé of cooperation in education, energy and culture.\n"
)


def _hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("   \n\n\t\n")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 64)
    huge = folder / "huge.txt"
    with huge.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    (folder / "no-article.html").write_text(
        "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body></html>"
    )
    (folder / "broken.xml").write_text("this is not XML at all { ] <<<")
    shutil.copy(SEEDS / "003_74d1bcbf21ade748.txt", folder / "good.txt")
    return folder


def test_each_bad_file_is_rejected_with_a_reason_and_the_batch_goes_on(
    store: Store, tmp_path: Path
) -> None:
    folder = _hostile_folder(tmp_path)

    report = run_ingest(store, [str(folder), str(tmp_path / "does-not-exist.txt")])

    reasons = {Path(o.location).name: o.reason for o in report.rejected}
    assert "empty file" == reasons["empty.txt"]
    assert "empty file" == reasons["blank.txt"]
    assert "binary file" in (reasons["image.txt"] or "")
    assert "file too large: 52.4 MB (limit 10 MB)" == reasons["huge.txt"]
    assert "no article text" in (reasons["no-article.html"] or "")
    assert "not a valid RSS/Atom feed" in (reasons["broken.xml"] or "")
    assert "no such file or directory" == reasons["does-not-exist.txt"]
    assert all("\n" not in (reason or "") for reason in reasons.values())
    assert 1 == report.counts["new"]
    assert 1 == store.stats().articles


def test_rejected_inputs_leave_the_database_unchanged(seeded: Store, tmp_path: Path) -> None:
    folder = _hostile_folder(tmp_path)
    (folder / "good.txt").unlink()
    before = seeded.stats()

    report = run_ingest(seeded, [str(folder)])

    assert 0 == report.counts["new"] + report.counts["updated"]
    assert before == seeded.stats()


def test_a_cp1252_file_is_decoded_not_mangled(store: Store, tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(CP1252_STORY.encode("cp1252"))

    report = run_ingest(store, [str(legacy)])

    assert "new" == report.outcomes[0].status
    article = store.article(report.outcomes[0].article_id or 0)
    assert article is not None
    body = "\n".join(article.paragraphs)
    assert "Quai d’Orsay" in body
    assert "“strategic partnership”" in body
    assert "résumé" in body


def test_an_oversized_download_is_rejected(store: Store, web: WebServer, fetcher: Fetcher) -> None:
    url = web.serve("/big.html", b"<html><body><p>" + b"word " * 2_200_000 + b"</p></body></html>")

    report = run_ingest(store, [url], fetcher)

    assert "rejected" == report.outcomes[0].status
    assert "too large" in (report.outcomes[0].reason or "")
    assert 0 == store.stats().articles


def test_a_feed_that_is_not_xml_from_a_url(store: Store, web: WebServer, fetcher: Fetcher) -> None:
    url = web.serve("/feed", "<<< definitely not a feed", "application/rss+xml")

    report = run_ingest(store, [url], fetcher)

    assert "rejected" == report.outcomes[0].status
    assert "not a valid RSS/Atom feed" in (report.outcomes[0].reason or "")
