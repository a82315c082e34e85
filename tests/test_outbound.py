"""What a URL can make Attaché do: where it may connect, and for how long (issue 11)."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefings.errors import FetchError
from briefings.ingest.fetch import Fetcher
from briefings.ingest.network import address_kind, parse_networks
from store import Store

from .conftest import LOOPBACK, WebServer, fetching, run_ingest, serve_web
from .local_server import StandIn, serve
from .test_cli import attache

STORY = (
    "Foreign Minister Bui Thanh Son met his Russian counterpart Sergey Lavrov in Moscow on"
    " 9 July 2021. The two ministers reviewed cooperation in energy, trade and education, and"
    " agreed to step up exchanges between their foreign ministries before the end of the year."
    " They discussed the situation in the East Sea and the settlement of disputes by peaceful"
    " means in line with international law, including the 1982 UN Convention on the Law of the"
    " Sea, and the preparation of the next round of political consultations in Hanoi."
)


def body(store: Store, article_id: int | None) -> str:
    found = store.article(article_id or 0)
    assert found is not None
    return "\n".join(found.paragraphs)


def article(title: str, text: str = STORY) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"<p>{text}</p><p>{text}</p></article></body></html>"
    )


@pytest.fixture
def metadata() -> Iterator[WebServer]:
    """A stand-in for the cloud metadata service, on another loopback address."""
    with serve_web("127.0.0.2") as server:
        server.serve("/latest/meta-data/iam", "AccessKeyId: AKIA-SECRET-CREDENTIALS", "text/plain")
        yield server


# -- the address classifier -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "address"),
    [
        ("link-local", "169.254.169.254"),
        ("private", "10.1.2.3"),
        ("private", "172.16.0.9"),
        ("private", "192.168.1.1"),
        ("shared", "100.64.0.1"),
        ("loopback", "127.0.0.1"),
        ("loopback", "::1"),
        ("unique-local", "fc00::1"),
        ("unique-local", "fd12:3456::1"),
        ("link-local", "fe80::1"),
        ("multicast", "ff02::1"),
        ("multicast", "224.0.0.251"),
        ("loopback", "::ffff:127.0.0.1"),
        ("link-local", "::ffff:169.254.169.254"),
        ("unspecified", "0.0.0.0"),
        ("unspecified", "::"),
        ("reserved", "240.0.0.1"),
        (None, "93.184.215.14"),
        (None, "2606:4700::1111"),
    ],
)
def test_address_kind(expected: str | None, address: str) -> None:
    assert expected == address_kind(ipaddress.ip_address(address))


@pytest.mark.parametrize("text", ["10.0.0.0/33", "intranet", "10.0.0.0/8,,300.1.1.1/32"])
def test_a_bad_allowed_network_is_named(text: str) -> None:
    with pytest.raises(ValueError, match=r"ATTACHE_ALLOW_NETWORKS: .* is not a network"):
        parse_networks(text)


def test_the_cli_reports_a_bad_allowed_network_in_one_line(tmp_path: Path) -> None:
    result = attache("stats", tmp=tmp_path, env={"ATTACHE_ALLOW_NETWORKS": "10.0.0.0/8,10.0.0/33"})

    assert 1 == result.returncode
    assert (
        "error: ATTACHE_ALLOW_NETWORKS: '10.0.0/33' is not a network; write CIDRs like 10.0.0.0/8\n"
        == result.stderr
    )


# -- refused addresses ----------------------------------------------------------------------------


def test_a_redirect_to_the_metadata_service_is_refused(
    store: Store, web: WebServer, metadata: WebServer
) -> None:
    start = web.redirect("/story", metadata.url("/latest/meta-data/iam"))

    with fetching("127.0.0.1/32") as fetcher:
        report = run_ingest(store, [start], fetcher)

    assert ["refused: 127.0.0.2 is a loopback address; set ATTACHE_ALLOW_NETWORKS to allow it"] == [
        o.reason for o in report.outcomes
    ]
    assert ([], 0) == (metadata.requests, store.stats().articles)


def test_a_host_name_for_a_loopback_address_is_refused(store: Store, web: WebServer) -> None:
    web.serve("/story", article("Ministers meet"))
    by_name = web.url("/story").replace("127.0.0.1", "localhost")

    with fetching("") as fetcher, pytest.raises(FetchError) as refused:
        fetcher.get(by_name)

    assert (
        "refused: localhost (127.0.0.1) is a loopback address;"
        " set ATTACHE_ALLOW_NETWORKS to allow it" == refused.value.message
    )
    assert [] == web.requests


def test_an_allowed_network_is_fetched(store: Store, web: WebServer) -> None:
    web.serve("/story", article("Ministers meet"))

    with fetching("10.0.0.0/8, 127.0.0.0/8") as fetcher:
        report = run_ingest(store, [web.url("/story")], fetcher)

    assert ["new"] == [o.status for o in report.outcomes]


def test_feed_links_are_refused_like_the_feed(
    store: Store, web: WebServer, metadata: WebServer
) -> None:
    teaser = metadata.url("/latest/meta-data/iam")
    feed = web.serve(
        "/feed.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"<item><title>Keys</title><link>{teaser}</link><description>Short.</description></item>"
        "</channel></rss>",
        "application/rss+xml",
    )

    with fetching("127.0.0.1/32") as fetcher:
        report = run_ingest(store, [feed], fetcher)

    assert ["rejected"] == [o.status for o in report.outcomes]
    assert (report.outcomes[0].reason or "").startswith("refused: 127.0.0.2 is a loopback")
    assert [] == metadata.requests


# -- a total deadline per document ------------------------------------------------------------


class Dripping(StandIn):
    """Answers at once, then sends its body one byte every half second."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", "60")
        self.end_headers()
        with contextlib.suppress(OSError):
            for _ in range(60):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.5)


@pytest.fixture
def dripping() -> Iterator[str]:
    with serve(Dripping) as server:
        yield server.base + "/drip"


def test_a_dripping_server_is_cut_off_at_the_deadline(dripping: str) -> None:
    started = time.monotonic()
    with fetching(LOOPBACK, timeout=2) as fetcher, pytest.raises(FetchError) as failed:
        fetcher.get(dripping)
    took = time.monotonic() - started

    assert f"timed out fetching {dripping}" == failed.value.message
    # Generous: the body alone would take 30 s; the deadline is 2 s.
    assert took < 2 + 5


# -- feed items whose page is out of reach ------------------------------------------------------


def rss_item(title: str, link: str, text: str) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link><description>{text}</description></item>"
    )


def test_an_entry_carrying_the_whole_story_keeps_it_when_its_page_is_out_of_reach(
    store: Store, web: WebServer, metadata: WebServer
) -> None:
    items = (
        rss_item("Refused page", metadata.url("/latest/meta-data/iam"), STORY + " Read more")
        + rss_item("Missing page", web.url("/gone"), STORY.replace("Moscow", "Hanoi") + " …")
        + rss_item("Only a teaser", web.url("/also-gone"), "Ministers met in Moscow…")
    )
    feed = web.serve(
        "/feed.rss",
        '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        f"{items}</channel></rss>",
        "application/rss+xml",
    )

    with fetching("127.0.0.1/32") as fetcher:
        report = run_ingest(store, [feed], fetcher)

    assert [
        ("new", None),
        ("new", None),
        ("rejected", f"HTTP 404 from {web.url('/also-gone')}"),
    ] == [(o.status, o.reason) for o in report.outcomes]
    assert ["Moscow on", "Hanoi on"] == [
        "Moscow on" if "Moscow on" in body(store, o.article_id) else "Hanoi on"
        for o in report.outcomes[:2]
    ]


# -- canonical links ----------------------------------------------------------------------------


def test_a_page_cannot_overwrite_another_story_by_declaring_its_url_canonical(
    store: Store, web: WebServer, fetcher: Fetcher
) -> None:
    original = web.serve("/a", article("Ministers meet in Moscow"))
    other = (
        "The central bank raised its policy rate by half a point on Friday to curb inflation,"
        " which reached its highest level in a decade last month. Analysts had expected the"
        " move after food and fuel prices rose for the sixth month in a row, and said further"
        " increases were likely before the end of the year if the currency kept weakening."
    )
    claimer = web.serve(
        "/b",
        article("Rates rise", other).replace(
            "</title>", f'</title><link rel="canonical" href="{original}">'
        ),
    )
    run_ingest(store, [original], fetcher)
    before = store.articles()[0]

    report = run_ingest(store, [claimer], fetcher)
    again = run_ingest(store, [claimer], fetcher)

    assert [("new", claimer)] == [(o.status, o.location) for o in report.outcomes]
    assert ["unchanged"] == [o.status for o in again.outcomes]
    articles = store.articles()
    assert [original, claimer] == [a.url for a in articles]
    assert (before.title, before.id) == (articles[0].title, articles[0].id)
    assert "Moscow" in body(store, before.id)
    assert "central bank" not in body(store, before.id)


def test_the_unspecified_address_is_refused_in_plain_words() -> None:
    with fetching("") as fetcher, pytest.raises(FetchError) as refused:
        fetcher.get("http://0.0.0.0:9/")

    assert (
        "refused: 0.0.0.0 is an unspecified address; set ATTACHE_ALLOW_NETWORKS to allow it"
        == refused.value.message
    )


def test_the_address_checked_is_the_address_connected_to(
    web: WebServer, metadata: WebServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a name that answers an allowed address first, a forbidden one after."""
    web.serve("/story", article("Ministers meet"))
    port = web.base.rsplit(":", 1)[1]
    real = socket.getaddrinfo
    answers = iter(["127.0.0.1"] + ["127.0.0.2"] * 10)

    def rebinding(host: str, *args: Any, **kwargs: Any) -> Any:
        return real(next(answers) if host == "rebind.example" else host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with fetching("127.0.0.1/32") as fetcher:
        fetched = fetcher.get(f"http://rebind.example:{port}/story")

    assert b"Ministers meet" in fetched.data
    assert (["/story"], []) == (web.requests, metadata.requests)
