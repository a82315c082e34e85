"""A date in a story's URL path dates the story when its text and metadata do not."""

from __future__ import annotations

import pytest
from rich.console import Console

from bot.render.records import article_view
from briefings.dates import url_date
from briefings.ingest.fetch import Fetcher
from briefings.model import PartialDate
from store import Store

from .conftest import WebServer, run_ingest

UNDATED_PAGE = """<!doctype html><html><head><title>Lavrov and Son meet in Hanoi</title></head>
<body><article><h1>Lavrov and Son meet in Hanoi</h1>
<p>Russian Foreign Minister Sergey Lavrov held talks with his Vietnamese counterpart Bui Thanh
Son in Hanoi on Tuesday, the two ministries said in separate statements after the meeting.</p>
<p>The ministers discussed trade, energy and education, and agreed to prepare a visit by the
Vietnamese prime minister to Moscow, according to the statements released by both sides.</p>
<p>Son said Vietnam valued its comprehensive strategic partnership with Russia and hoped to
widen cooperation in oil and gas exploration off the Vietnamese coast in the coming years.</p>
</article></body></html>"""


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/world/2024/07/27/lavrov-hanoi/", ("2024-07-27", "/2024/07/27")),
        ("https://news.example/2024-07-27-lavrov-visits-hanoi", ("2024-07-27", "/2024-07-27")),
        ("https://news.example/politics/20240727/lavrov.html", ("2024-07-27", "/20240727")),
        ("https://news.example/2024/7/lavrov-visits-hanoi", ("2024-07", "/2024/7")),
        ("https://news.example/2024/07/27/", ("2024-07-27", "/2024/07/27")),
    ],
)
def test_a_url_path_date_is_read_with_its_own_year_source(
    url: str, expected: tuple[str, str]
) -> None:
    found = url_date(url)

    assert found is not None
    date, text = found
    assert expected == (date.iso(), text)
    assert "url" == date.year_source


@pytest.mark.parametrize(
    "url",
    [
        None,
        "https://news.example/world/lavrov-hanoi-visit",
        "https://news.example/story/20245/lavrov",  # an id, not a date
        "https://news.example/2023/02/30/impossible",  # no such day
        "https://news.example/2024/13/01/no-such-month",
        "https://news.example/world/lavrov?date=2024/07/27",  # the query is not the path
        "https://news.example/top-2024-07-lists",  # a year inside a slug
        "https://news.example/story/1202407271/lavrov",  # digits of a longer number
    ],
)
def test_a_url_without_a_whole_date_segment_dates_nothing(url: str | None) -> None:
    assert None is url_date(url)


def test_an_undated_page_is_dated_by_its_url_and_says_so(
    store: Store, web: WebServer, fetcher: Fetcher
) -> None:
    url = web.serve("/world/2024/07/23/lavrov-son-hanoi.html", UNDATED_PAGE)

    [outcome] = run_ingest(store, [url], fetcher).outcomes

    article = store.article(outcome.article_id or 0)
    assert article is not None
    published = article.summary.published
    assert ("2024-07-23", "day", "url") == (
        published.date,
        published.precision,
        published.year_source,
    )
    # "on Tuesday" is read against the URL's date: 23 July 2024 was a Tuesday.
    # Its year came from the URL too, and says so.
    assert ("2024-07-23", "url") in {(d.date, d.year_source) for d in article.dates}
    console = Console(width=200, record=True)
    console.print(article_view(article))
    assert "2024-07-23 (day, from its URL)" in console.export_text()


def test_a_date_the_page_states_wins_over_its_url(
    store: Store, web: WebServer, fetcher: Fetcher
) -> None:
    dated = UNDATED_PAGE.replace(
        "<head>", '<head><meta property="article:published_time" content="2024-07-24T08:00:00Z">'
    )
    url = web.serve("/world/2024/07/20/lavrov-son-hanoi.html", dated)

    [outcome] = run_ingest(store, [url], fetcher).outcomes

    article = store.article(outcome.article_id or 0)
    assert article is not None
    assert PartialDate(2024, 7, 24).iso() == article.summary.published.date
    assert "url" != article.summary.published.year_source
