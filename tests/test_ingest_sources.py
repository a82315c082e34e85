"""Ingestion from every kind of source: text files, folders, HTML pages and RSS/Atom feeds."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from briefings.ingest.fetch import Fetcher
from store import Store

from .conftest import ROOT, SEEDS, WebServer, run_ingest

ARTICLE_HTML = (ROOT / "tests" / "payloads" / "article.html").read_text(encoding="utf-8")
STORY = [
    "Russian Foreign Minister Sergey Lavrov held talks with his Vietnamese counterpart",
    "cooperation within the ASEAN Regional Forum",
    "Son said Vietnam valued its comprehensive strategic partnership with Russia",
    "Lavrov, who arrived from Jakarta on Monday",
]


def _body(store: Store, article_id: int) -> str:
    found = store.article(article_id)
    assert found is not None
    return "\n".join(found.paragraphs)


def test_a_folder_is_walked_recursively_and_hidden_files_skipped(
    store: Store, tmp_path: Path
) -> None:
    nested = tmp_path / "corpus" / "2022" / "july"
    nested.mkdir(parents=True)
    shutil.copy(SEEDS / "001_39ff37f9e3027860.txt", nested / "ap.txt")
    shutil.copy(SEEDS / "004_945a26bfa0d7bd78.txt", tmp_path / "corpus" / "vns.txt")
    (tmp_path / "corpus" / ".hidden.txt").write_text("Secret draft that should not be read at all.")

    report = run_ingest(store, [str(tmp_path / "corpus")])

    assert {"new": 2, "updated": 0, "unchanged": 0, "rejected": 0} == report.counts


def test_an_html_file_gives_its_main_text_and_metadata(store: Store, tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")

    report = run_ingest(store, [str(page)])

    outcome = report.outcomes[0]
    assert "new" == outcome.status, outcome
    article = store.article(outcome.article_id or 0)
    assert article is not None
    assert "Lavrov and Son discuss ASEAN ties" == article.summary.title
    assert "2023-03-14" == article.summary.published.date
    assert "Example Times" == article.summary.outlet
    body = "\n".join(article.paragraphs)
    for sentence in STORY:
        assert sentence in body
    for chrome in ("Sign in", "Most read", "Stock markets rally", "All rights reserved"):
        assert chrome not in body


def test_a_page_url_is_fetched_and_keyed_by_its_canonical_url(
    store: Store, web: WebServer, fetcher: Fetcher
) -> None:
    url = web.serve("/world/story.html?utm_source=feed&utm_medium=rss", ARTICLE_HTML)

    first = run_ingest(store, [url], fetcher)
    again = run_ingest(store, [url.replace("utm_source=feed", "utm_source=mail")], fetcher)

    assert ["new"] == [o.status for o in first.outcomes]
    assert ["unchanged"] == [o.status for o in again.outcomes]
    assert 1 == store.stats().articles


def test_an_http_error_is_a_rejection_with_the_status(
    store: Store, web: WebServer, fetcher: Fetcher
) -> None:
    report = run_ingest(store, [web.url("/missing")], fetcher)

    assert "rejected" == report.outcomes[0].status
    assert "HTTP 404" in (report.outcomes[0].reason or "")


def _rss(items: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        "<title>Diplomacy Wire</title><link>https://wire.example.com/</link>"
        f"<description>News</description>{items}</channel></rss>"
    )


FULL_ENTRY = (
    "Vietnamese Foreign Minister Bui Thanh Son met Russian Foreign Minister Sergey Lavrov in "
    "Moscow on Monday to discuss energy cooperation, trade and the situation in the region. "
    "The two ministers agreed to step up consultations between their foreign ministries and "
    "to prepare a visit by Vietnam's President later in the year, according to a statement. "
    "Son also thanked Russia for supporting Vietnamese citizens living in the country, while "
    "Lavrov praised Vietnam's growing role in ASEAN and in other regional forums and meetings."
)


SECOND_ENTRY = (
    "Indonesian Foreign Minister Retno Marsudi hosted ASEAN counterparts in Jakarta on Tuesday "
    "for talks on the Code of Conduct in the South China Sea, which negotiators hope to finish "
    "within three years. The ministers also discussed the situation in Myanmar, where the "
    "bloc's five-point consensus has made little progress, and agreed to send a new envoy to "
    "meet all parties. Officials said a joint communique would be issued on Wednesday after "
    "the closing session, once the remaining differences over its wording were resolved."
)


def test_each_feed_entry_becomes_an_article(store: Store, web: WebServer, fetcher: Fetcher) -> None:
    items = (
        "<item><title>Son meets Lavrov in Moscow</title><link>https://wire.example.com/1</link>"
        "<pubDate>Mon, 05 Jun 2023 10:00:00 +0000</pubDate>"
        f"<description>{FULL_ENTRY}</description></item>"
        "<item><title>Second story</title><link>https://wire.example.com/2</link>"
        "<pubDate>Tue, 06 Jun 2023 10:00:00 +0000</pubDate>"
        f"<description>{SECOND_ENTRY}</description></item>"
    )
    feed = web.serve("/feed.xml", _rss(items), "application/rss+xml")

    report = run_ingest(store, [feed], fetcher)

    assert {"new": 2, "updated": 0, "unchanged": 0, "rejected": 0} == report.counts
    articles = store.articles()
    assert "Son meets Lavrov in Moscow" == articles[0].title
    assert "2023-06-05" == articles[0].published.date
    assert "Diplomacy Wire" == articles[0].outlet


def test_a_teaser_entry_is_completed_from_its_page(
    store: Store, web: WebServer, fetcher: Fetcher
) -> None:
    page = web.serve("/world/lavrov-son", ARTICLE_HTML)
    items = (
        f"<item><title>Lavrov in Hanoi</title><link>{page}</link>"
        "<pubDate>Tue, 14 Mar 2023 02:30:00 +0000</pubDate>"
        "<description>Russian Foreign Minister Sergey Lavrov held talks in Hanoi…</description>"
        "</item>"
    )
    feed = web.serve("/teasers.rss", _rss(items), "application/rss+xml")

    report = run_ingest(store, [feed], fetcher)

    assert "new" == report.outcomes[0].status, report.outcomes
    assert "/world/lavrov-son" in web.requests
    body = _body(store, report.outcomes[0].article_id or 0)
    for sentence in STORY:
        assert sentence in body


def test_an_atom_feed_from_a_file(store: Store, tmp_path: Path) -> None:
    atom = tmp_path / "news.atom"
    atom.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Atom Diplomacy</title><id>urn:feed</id><updated>2023-06-05T10:00:00Z</updated>"
        "<entry><title>Ministers meet</title><id>urn:entry:1</id>"
        "<updated>2023-06-05T10:00:00Z</updated>"
        f'<content type="html">&lt;p&gt;{FULL_ENTRY}&lt;/p&gt;</content></entry></feed>',
        encoding="utf-8",
    )

    report = run_ingest(store, [str(atom)])

    assert ["new"] == [o.status for o in report.outcomes]
    assert "Ministers meet" == store.articles()[0].title


def test_the_same_story_from_two_outlets_is_a_linked_near_duplicate(
    store: Store, tmp_path: Path
) -> None:
    original = (SEEDS / "001_39ff37f9e3027860.txt").read_text(encoding="utf-8")
    rewritten = original.replace("THE ASSOCIATED PRESS", "KYODO NEWS").replace(
        "sought to strengthen ties", "tried to strengthen its ties"
    )
    (tmp_path / "ap.txt").write_text(original, encoding="utf-8")
    (tmp_path / "kyodo.txt").write_text(rewritten, encoding="utf-8")

    report = run_ingest(store, [str(tmp_path / "ap.txt"), str(tmp_path / "kyodo.txt")])

    first, second = store.articles()
    assert ["new", "new"] == [o.status for o in report.outcomes]
    assert None is first.duplicate_of
    assert first.id == second.duplicate_of
    assert "near-duplicate of article" in (report.outcomes[1].note or "")


def test_different_stories_are_not_near_duplicates(seeded: Store) -> None:
    assert [None] * 5 == [a.duplicate_of for a in seeded.articles()]


def test_a_feed_item_keeps_its_outlets_day_and_names_its_own_source(
    store: Store, web: WebServer, fetcher: Fetcher
) -> None:
    items = (
        "<item><title>Son meets Lavrov in Moscow</title><link>https://wire.example.com/1</link>"
        # 06:45 in Hanoi is still the 4th in UTC: the outlet's day is the 5th.
        "<pubDate>Sat, 05 Dec 2026 06:45:00 +0700</pubDate>"
        '<source url="https://vietnamnews.example/rss">Viet Nam News</source>'
        f"<description>{FULL_ENTRY}</description></item>"
        "<item><title>Second story</title><link>https://wire.example.com/2</link>"
        "<pubDate>Fri, 04 Dec 2026 23:30:00 -0500</pubDate>"
        f"<description>{SECOND_ENTRY}</description></item>"
    )
    feed = web.serve("/aggregator.xml", _rss(items), "application/rss+xml")

    run_ingest(store, [feed], fetcher)

    first, second = store.articles()
    assert ("2026-12-05", "Viet Nam News") == (first.published.date, first.outlet)
    # An item naming no source of its own is the feed's.
    assert ("2026-12-04", "Diplomacy Wire") == (second.published.date, second.outlet)


def test_a_publication_date_in_the_future_is_not_used(
    tmp_path: Path, web: WebServer, fetcher: Fetcher
) -> None:
    items = (
        "<item><title>Son meets Lavrov in Moscow</title><link>https://wire.example.com/1</link>"
        "<pubDate>Sun, 01 Jun 2031 10:00:00 +0000</pubDate>"
        f"<description>{FULL_ENTRY}</description></item>"
    )
    feed = web.serve("/typo.xml", _rss(items), "application/rss+xml")
    now = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)
    with Store.open(tmp_path / "a.db", clock=lambda: now) as store:
        report = run_ingest(store, [feed], fetcher)
        article = store.articles()[0]
        events = store.events_in([article.id])

    assert article.published.date is None
    assert "publication date 2031-06-01 is in the future: not used" in (
        report.outcomes[0].note or ""
    )
    assert all(not e.date.startswith("2031") for e in events)


def test_a_copyright_year_is_no_publication_date(store: Store, tmp_path: Path) -> None:
    page = tmp_path / "talks.html"
    page.write_text(
        "<html><head><title>Lavrov holds talks</title></head><body><article>"
        "<h1>Lavrov holds talks in Moscow</h1>"
        f"<p>{FULL_ENTRY}</p><p>{SECOND_ENTRY}</p></article>"
        "<footer>© 2026 Example News Agency. All rights reserved.</footer></body></html>",
        encoding="utf-8",
    )

    run_ingest(store, [str(page)])

    assert store.articles()[0].published.date is None


def test_a_year_guessed_from_the_text_is_no_publication_date(store: Store, tmp_path: Path) -> None:
    page = tmp_path / "summit.html"
    # The page's only stated date is one htmldate refuses (it lies in the future): what
    # is left is the year in the text, which it would make 1 January.
    page.write_text(
        '<html><head><meta property="article:published_time" content="2031-12-01T18:40:00">'
        "<title>Summit set</title></head><body><article><h1>Summit set for 2026</h1>"
        f"<p>{FULL_ENTRY}</p><p>{SECOND_ENTRY}</p></article></body></html>",
        encoding="utf-8",
    )

    run_ingest(store, [str(page)])

    assert store.articles()[0].published.date is None
