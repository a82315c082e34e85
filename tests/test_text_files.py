"""Plain-text articles: decoded as what they are, dated by their dateline like web pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from briefings.ingest import dedupe
from briefings.ingest.prepare import MAX_PASSAGE_CHARS
from store import Store

from .conftest import run_ingest

VIETNAMESE = """Việt Nam và Nga thúc đẩy hợp tác năng lượng

Thứ hai, 15/05/2023 10:30 (GMT+7)

Bộ trưởng Ngoại giao Bùi Thanh Sơn đã hội đàm với Bộ trưởng Ngoại giao Nga Sergey Lavrov tại \
Hà Nội. Hai bên nhất trí thúc đẩy hợp tác trong các lĩnh vực năng lượng, thương mại, giáo dục \
và khoa học công nghệ.

Bộ trưởng Bùi Thanh Sơn khẳng định Việt Nam luôn coi trọng quan hệ Đối tác chiến lược toàn \
diện với Liên bang Nga, đồng thời đề nghị hai bên tăng cường trao đổi đoàn các cấp.
"""
STORY = (
    "Vietnam and Russia agreed to expand cooperation in energy and trade, the two foreign"
    " ministers said after talks in the capital. The ministers also discussed the situation in"
    " the East Sea and regional security issues of common concern.\n\n"
    "Foreign Minister Bui Thanh Son said Vietnam valued its comprehensive strategic partnership"
    " with Russia and hoped both sides would step up exchanges at every level this year.\n"
)


def _stored(store: Store, path: Path) -> tuple[str, str | None, str | None]:
    report = run_ingest(store, [str(path)])
    outcome = report.outcomes[0]
    assert "new" == outcome.status, outcome
    article = store.article(outcome.article_id or 0)
    assert article is not None
    published = article.summary.published
    return "\n".join(article.paragraphs), published.date, published.precision


def test_utf8_with_a_few_bad_bytes_stays_utf8(store: Store, tmp_path: Path) -> None:
    # One cp1252 quote pasted into a UTF-8 article, and one truncated character.
    damaged = (
        VIETNAMESE.encode()
        .replace(b"Hai b", b"Hai\x93 b", 1)
        .replace("Nội.".encode(), b"N\xe1\xbb.")
    )
    (tmp_path / "vn.txt").write_bytes(damaged)

    body, date, precision = _stored(store, tmp_path / "vn.txt")

    assert "Bộ trưởng Ngoại giao Bùi Thanh Sơn" in body
    assert "Hai\ufffd bên" in body
    assert ("2023-05-15", "day") == (date, precision)


@pytest.mark.parametrize(
    ("lead", "date", "precision"),
    [
        ("HANOI, May 7, 2023 -- ", "2023-05-07", "day"),
        ("HANOI, Sunday, May 7, 2023 (VNA) - ", "2023-05-07", "day"),
        ("HO CHI MINH CITY, 7 May 2023 — ", "2023-05-07", "day"),
        ("MOSCOW, December 5. /TASS/. ", "--12-05", "month-day"),
        ("HANOI, May 7 (Reuters) - ", "--05-07", "month-day"),
    ],
)
def test_a_text_article_is_dated_by_its_dateline(
    store: Store, tmp_path: Path, lead: str, date: str, precision: str
) -> None:
    (tmp_path / "story.txt").write_text("Vietnam, Russia deepen ties\n\n" + lead + STORY)

    body, stored_date, stored_precision = _stored(store, tmp_path / "story.txt")

    assert (date, precision) == (stored_date, stored_precision)
    assert body.startswith(STORY[:40])  # the dateline is the article's metadata, not its text


def test_a_reuters_dateline_with_a_date_line_dates_the_article(
    store: Store, tmp_path: Path
) -> None:
    text = "Vietnam, Russia deepen ties\nMay 7, 2023\n\nHANOI (Reuters) - " + STORY
    (tmp_path / "story.txt").write_text(text)

    _, date, precision = _stored(store, tmp_path / "story.txt")

    assert ("2023-05-07", "day") == (date, precision)


def test_a_sentence_that_opens_with_a_place_and_a_date_is_not_a_dateline(
    store: Store, tmp_path: Path
) -> None:
    text = "Vietnam, Russia deepen ties\n\nHanoi, May 7, 2023 was a busy day. " + STORY
    (tmp_path / "story.txt").write_text(text)

    _, date, _ = _stored(store, tmp_path / "story.txt")

    assert date is None


def test_a_file_without_line_breaks_is_cut_into_passages_of_whole_sentences(
    store: Store, tmp_path: Path
) -> None:
    # One "paragraph" of 80 kB: work per passage grows faster than its length.
    text = "Vietnam, Russia deepen ties\n\n" + " ".join([STORY.replace("\n", " ")] * 200)
    (tmp_path / "story.txt").write_text(text)

    body, _, _ = _stored(store, tmp_path / "story.txt")

    paragraphs = body.split("\n")
    assert all(len(p) <= MAX_PASSAGE_CHARS for p in paragraphs)
    assert all(p.endswith(".") for p in paragraphs)
    assert text.split()[4:] == body.split()


def test_a_long_bodys_fingerprint_is_the_minhash_of_all_its_shingles() -> None:
    # Hashed in batches to bound memory; the signature must be the one of all at once.
    from datasketch import MinHash

    words = [f"word{n % 997}x{n % 89}" for n in range(3 * 20_000)]
    shingles = {" ".join(words[i : i + dedupe.SHINGLE]) for i in range(len(words) - 4)}
    whole = MinHash(num_perm=dedupe.PERMUTATIONS, seed=1)
    whole.update_batch([s.encode() for s in shingles])

    found = dedupe.fingerprint([" ".join(words)])

    assert found is not None
    # Stored: the low 16 bits of each value; the bands are hashed from the whole values.
    assert (whole.hashvalues & 0xFFFF).astype("<u2").tobytes() == found.signature
    assert dedupe._bands(whole.hashvalues.astype(np.uint64).tobytes()) == found.bands


def test_fingerprinting_loads_datasketchs_minhash_without_scipy() -> None:
    # datasketch's package __init__ imports its LSH and scipy: ~0.4 s in every ingesting
    # process. A fresh interpreter, as a worker is: the signature is datasketch's all the same.
    root = Path(__file__).resolve().parent.parent
    script = (
        "import sys\n"
        "from briefings.ingest import dedupe\n"
        "story = ['The two ministers met in Hanoi on Tuesday to discuss trade and energy.'] * 3\n"
        "found = dedupe.fingerprint(story)\n"
        "print('scipy' in sys.modules, 'datasketch' in sys.modules)\n"
        "from datasketch import MinHash\n"
        "whole = MinHash(num_perm=dedupe.PERMUTATIONS, seed=1)\n"
        "print((whole.permutations == dedupe._blank_minhash().permutations).all())\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )

    assert ["False False", "True"] == done.stdout.split("\n")[:2], done.stderr
