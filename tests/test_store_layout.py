"""Schema v10's smaller layout: an older file migrates in place and reads the same; texts
that mentions repeat are written once; near-duplicates still meet across the migration."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from briefings.ingest import dedupe
from store import Store
from store.records import ArticleRecord, DateRecord, MentionRecord

from .conftest import database_at_version

STORY = (
    "Foreign Minister Bui Thanh Son met his Russian counterpart Sergey Lavrov in Hanoi on"
    " Monday to discuss energy cooperation, trade between the two countries, the"
    " situation in the East Sea and preparations for the next session of the joint"
    " intergovernmental commission, which both sides agreed to hold in Moscow in the autumn."
)
RETOLD = STORY.replace("on Monday", "this week").replace("in the autumn", "later this year")


def _old_fingerprint(text: str) -> tuple[bytes, list[int]]:
    """The signature and bands as schema v9's Attaché wrote them: 128 uint64 MinHash
    values, and per band of 4 values the signed 8-byte blake2b digest."""
    values = _minhash_values(text)
    signature = values.tobytes()
    width = len(signature) // dedupe.BANDS
    bands = [
        int.from_bytes(
            hashlib.blake2b(
                bytes([b]) + signature[b * width : (b + 1) * width], digest_size=8
            ).digest(),
            "big",
            signed=True,
        )
        for b in range(dedupe.BANDS)
    ]
    return signature, bands


def _minhash_values(text: str) -> np.ndarray:
    words = dedupe._WORD.findall(dedupe.fold_text(text))
    minhash = dedupe._blank_minhash().copy()
    for batch in dedupe._shingle_batches(words):
        minhash.update_batch(batch)
    return minhash.hashvalues.astype(np.uint64)


def _v9_file(path: Path) -> None:
    """One article written the way schema v9 laid it out."""
    db = database_at_version(path, 9)
    signature, bands = _old_fingerprint(STORY)
    db.execute(
        "INSERT INTO articles (id, key, source_kind, title, content_hash, signature,"
        " ingested_at, updated_at) VALUES (1, 'file:///old.txt', 'text', 'Son meets Lavrov',"
        " 'h1', ?, '2024-05-01', '2024-05-01')",
        [signature],
    )
    db.execute(
        "INSERT INTO passages (id, article_id, seq, kind, text) VALUES"
        " (1, 1, 0, 'title', 'Son meets Lavrov'), (2, 1, 1, 'body', ?)",
        [STORY],
    )
    for band in bands:
        db.execute("INSERT INTO article_bands (band, article_id) VALUES (?, 1)", [band])
    db.execute(
        "INSERT INTO entities (id, key, name, kind, country) VALUES"
        " (1, 'bui thanh son', 'Bui Thanh Son', 'person', 'Vietnam'),"
        " (2, 'sergey lavrov', 'Sergey Lavrov', 'person', 'Russia')"
    )
    db.execute(
        "INSERT INTO aliases (entity_id, alias, alias_key) VALUES"
        " (1, 'Bui Thanh Son', 'bui thanh son'), (2, 'Sergey Lavrov', 'sergey lavrov')"
    )
    db.execute(
        'INSERT INTO mentions (entity_id, article_id, passage_id, start, "end", surface, name,'
        " role, country) VALUES (1, 1, 2, 17, 30, 'Bui Thanh Son', 'Bui Thanh Son',"
        " 'Foreign Minister', 'Vietnam'), (2, 1, 2, 59, 72, 'Sergey Lavrov', 'Sergey Lavrov',"
        " NULL, 'Russia')"
    )
    day = STORY.index("Monday")
    db.execute(
        'INSERT INTO dates (article_id, passage_id, start, "end", text, date, precision,'
        " year_source) VALUES (1, 2, ?, ?, 'Monday', '2024-04-29', 'day', 'dateline')",
        [day, day + len("Monday")],
    )
    db.conn.commit()
    db.close()


def test_a_v9_file_migrates_in_place_and_reads_the_same(tmp_path: Path) -> None:
    _v9_file(tmp_path / "v9.db")

    with Store.open(tmp_path / "v9.db") as store:
        article = store.article(1)
        seen = store.person_seen("bui thanh son")
        roles = store.roles_of(1)
        hits = store.passages_mentioning(2)

    assert article is not None
    assert [("Bui Thanh Son", ("Bui Thanh Son",)), ("Sergey Lavrov", ("Sergey Lavrov",))] == [
        (e.name, e.surfaces) for e in article.entities
    ]
    assert ["Monday"] == [d.text for d in article.dates]
    assert ({(1, "Bui Thanh Son")}, {"Foreign Minister"}) == (seen.written, seen.roles)
    assert [("Foreign Minister", "Vietnam", 1)] == roles
    assert [((59, 72),)] == [hit.spans for hit in hits]


def test_a_retelling_ingested_after_the_migration_finds_the_old_article(tmp_path: Path) -> None:
    _v9_file(tmp_path / "v9.db")
    retold = dedupe.fingerprint([RETOLD])
    assert retold is not None

    with Store.open(tmp_path / "v9.db") as store:
        candidates = store.similar_articles(retold.bands)

    [(article_id, signature, _)] = candidates
    assert 1 == article_id
    assert 256 == len(signature)
    assert dedupe.similarity(retold.signature, signature) >= dedupe.THRESHOLD
    assert dedupe.fingerprint([STORY]) == dedupe.Fingerprint(signature, tuple(_bands_of(STORY)))


def _bands_of(text: str) -> list[int]:
    return [band >> 32 for band in _old_fingerprint(text)[1]]


def _mention() -> MentionRecord:
    return MentionRecord(
        1,
        0,
        6,
        "Lavrov",
        "lavrov",
        "sergey lavrov",
        "Sergey Lavrov",
        "person",
        "Russia",
        role="Foreign Minister",
    )


def test_texts_a_mention_repeats_are_written_once(store: Store) -> None:
    for number in range(30):
        store.save_article(
            ArticleRecord(
                key=f"file:///{number}.txt",
                source_kind="text",
                title="Lavrov",
                title_derived=False,
                content_hash=f"h{number}",
                passages=(("title", "Lavrov"), ("body", f"Lavrov spoke, {number} times.")),
                mentions=(_mention(),),
            )
        )

    labels = store.db.execute("SELECT text FROM labels ORDER BY text").fetchall()
    assert [("Foreign Minister",), ("Lavrov",), ("Russia",), ("Sergey Lavrov",)] == labels
    if store.db.dialect.name == "sqlite":  # PostgreSQL's columns hold only their type
        types = store.db.execute(
            "SELECT DISTINCT typeof(surface_id), typeof(name_id), typeof(role_id),"
            " typeof(country_id) FROM mentions"
        ).fetchall()
        assert [("integer", "integer", "integer", "integer")] == types
    assert [("Foreign Minister", "Russia", n) for n in range(1, 31)] == store.roles_of(1)


def test_a_dates_text_is_stored_only_when_it_is_not_its_passages_slice(store: Store) -> None:
    body = "They met on 8 June and again on 9 June."
    dates = (
        DateRecord(
            1, body.index("8 June"), body.index("8 June") + 6, "8 June", "--06-08", "day", "none"
        ),
        # A phrase recorded in another form than the text's (none does so today).
        DateRecord(
            1, body.index("9 June"), body.index("9 June") + 6, "June 9", "--06-09", "day", "none"
        ),
    )
    article_id = store.save_article(
        ArticleRecord(
            key="file:///dates.txt",
            source_kind="text",
            title="Dates",
            title_derived=False,
            content_hash="dates",
            passages=(("title", "Dates"), ("body", body)),
            dates=dates,
        )
    )

    stored = store.db.execute("SELECT text FROM dates ORDER BY start").fetchall()
    article = store.article(article_id)
    assert [(None,), ("June 9",)] == stored
    assert article is not None
    assert dates == article.dates
    assert ["8 June", "June 9"] == [d.text for d in store.dates_in([2])[2]]
