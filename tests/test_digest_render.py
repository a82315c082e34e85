"""Digests on every surface: console, JSON, Slack Block Kit and Discord embeds, escaped and
within each platform's limits."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rich.console import Console

from bot.discord.embeds import digest_embeds, reply_embeds
from bot.render.data import digest_data
from bot.render.phrases import window_text
from bot.render.terminal import terminal_reply
from bot.router import Reply
from bot.slack.blocks import MAX_BLOCKS, MAX_HEADER, MAX_SECTION, digest_payloads, reply_payloads
from briefings.briefing import Claim, Source, TimelineEntry
from briefings.digest import Digest, DigestEvent, Previously
from briefings.model import PartialDate
from briefings.schedules import DigestWindow
from tests.conftest import ROOT

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
WINDOW = DigestWindow(datetime(2021, 7, 6, 8, tzinfo=HANOI), datetime(2021, 7, 7, 8, tzinfo=HANOI))
DAY = PartialDate(2021, 7, 6, "dateline")
HOSTILE = "<!channel> @everyone **bold** & <@U123> <@123456789012345678> [x](http://evil)"


def _source(n: int, title: str = "Son and Lavrov hold talks") -> Source:
    return Source(n, n, title, "VNA", DAY, f"https://example.org/{n}", None)


def _event(text: str = "Son met Lavrov in Moscow.", n: int = 1) -> DigestEvent:
    return DigestEvent(
        date=DAY,
        kind="talks",
        place="Moscow",
        participants=("Bui Thanh Son", "Sergey Lavrov"),
        claims=(Claim(text, (n,), DAY),),
        sources=(n,),
        previously=Previously(PartialDate(2020, 11, 24, "text"), "meeting", "They met.", (n,)),
    )


def _digest(events: int = 1, text: str = "Son met Lavrov in Moscow.") -> Digest:
    coming = TimelineEntry(PartialDate(2021, 10, None, "text"), "meeting", "A meeting.", (1,))
    return Digest(
        WINDOW,
        "Sergey Lavrov",
        tuple(_event(text, n) for n in range(1, events + 1)),
        (coming,),
        tuple(_source(n) for n in range(1, events + 1)),
        more=2,
    )


def _slack_texts(payloads: list[Any]) -> str:
    return json.dumps(payloads, ensure_ascii=False)


def test_the_window_reads_in_the_subscriptions_timezone() -> None:
    assert "Tue 6 Jul 2021, 08:00 – Wed 7 Jul 2021, 08:00 (Asia/Ho_Chi_Minh)" == window_text(WINDOW)


def test_the_console_shows_events_previously_coming_up_and_sources() -> None:
    console = Console(width=200, record=True)
    console.print(terminal_reply(Reply(digest=_digest(), note="Catching up: yesterday")))

    shown = console.export_text()
    assert "Digest: Sergey Lavrov" in shown
    assert "Catching up: yesterday" in shown
    assert "6 July 2021: talks in Moscow with Bui Thanh Son, Sergey Lavrov" in shown
    assert "Previously (24 November 2020): They met. [1]" in shown
    assert "Coming up" in shown
    assert "2 more events not shown." in shown
    assert "[1] Son and Lavrov hold talks — VNA, 6 July 2021 — https://example.org/1" in shown


def test_the_json_digest_has_every_part() -> None:
    data = digest_data(_digest(), "a note")

    assert "2021-07-06T08:00:00+07:00" == data["window"]["start"]
    assert ("a note", 2, False) == (data["note"], data["more"], data["empty"])
    assert "2020-11-24" == data["events"][0]["previously"]["date"]["date"]
    assert ["Bui Thanh Son", "Sergey Lavrov"] == data["events"][0]["participants"]
    assert "2021-10" == data["coming_up"][0]["date"]["date"]
    json.dumps(data)  # serialisable as it is


def test_slack_shows_the_digest_with_linked_citations() -> None:
    (payload,) = digest_payloads(_digest(), "a note")

    blocks = payload["blocks"]
    assert {"type": "plain_text", "text": "Digest: Sergey Lavrov", "emoji": True} == blocks[0][
        "text"
    ]
    assert "Digest: Sergey Lavrov" == payload["text"]
    texts = _slack_texts([payload])
    assert "*6 July 2021*: talks in Moscow with Bui Thanh Son, Sergey Lavrov" in texts
    assert "<https://example.org/1|[1]>" in texts
    assert "_Previously (24 November 2020):_ They met." in texts


def test_slack_escapes_article_and_filter_text() -> None:
    digest = _digest(text=HOSTILE)
    digest = Digest(digest.window, HOSTILE, digest.events, digest.coming_up, digest.sources)

    texts = _slack_texts(digest_payloads(digest))

    assert "<!channel>" not in texts
    assert "<@U123>" not in texts
    assert "&lt;!channel&gt; @everyone **bold** &amp; &lt;@U123&gt;" in texts


def test_a_long_slack_digest_is_split_within_every_limit() -> None:
    payloads = digest_payloads(_digest(events=60, text="A long sentence. " * 250))

    assert 1 < len(payloads)
    for payload in payloads:
        blocks = payload["blocks"]
        assert len(blocks) <= MAX_BLOCKS
        assert len(json.dumps(blocks, ensure_ascii=False)) <= 13_000
        for block in blocks:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= MAX_SECTION
            if block["type"] == "header":
                assert len(block["text"]["text"]) <= MAX_HEADER
    # Every event's head reaches the channel, in order.
    assert 60 == _slack_texts([p["blocks"] for p in payloads]).count("talks in Moscow")


def test_a_reply_with_a_digest_renders_like_the_digest_on_slack() -> None:
    digest = _digest()

    assert digest_payloads(digest, "n") == reply_payloads(Reply(digest=digest, note="n"))


def test_discord_shows_the_digest_in_embeds() -> None:
    ((embed, sources),) = digest_embeds(_digest(), "a note")

    assert "Digest: Sergey Lavrov" == embed.title
    description = embed.description or ""
    assert "**6 July 2021**: talks in Moscow with Bui Thanh Son, Sergey Lavrov" in description
    assert "[[1]](https://example.org/1)" in description
    assert "*Previously (24 November 2020):* They met." in description
    assert "**Coming up**" in description
    assert "Sources" == sources.title
    assert sources.footer.text is not None and sources.footer.text.startswith("Quoted from")


def test_discord_escapes_mentions_and_markdown() -> None:
    digest = _digest(text=HOSTILE)

    (message,) = digest_embeds(digest)

    description = message[0].description or ""
    assert "@everyone" not in description
    assert "<@123456789012345678>" not in description
    assert "\\*\\*bold\\*\\*" in description


def test_a_long_discord_digest_is_split_within_every_limit() -> None:
    messages = digest_embeds(_digest(events=60, text="A long sentence. " * 250))

    assert 1 < len(messages)
    for embeds in messages:
        assert len(embeds) <= 10
        total = 0
        for embed in embeds:
            assert len(embed.title or "") <= 256
            assert len(embed.description or "") <= 4096
            total += len(embed.title or "") + len(embed.description or "")
            total += len(embed.footer.text or "")
        assert total <= 6000


def test_a_reply_with_a_digest_renders_like_the_digest_on_discord() -> None:
    digest = _digest()

    expected = [[e.to_dict() for e in m] for m in digest_embeds(digest, "n")]
    shown = [[e.to_dict() for e in m] for m in reply_embeds(Reply(digest=digest, note="n"))]
    assert expected == shown


def test_the_digest_examples_page_is_what_the_script_generates(tmp_path: Path) -> None:
    script = ROOT / "scripts" / "render_examples.py"

    subprocess.run(
        [sys.executable, str(script), "--output", str(tmp_path / "README.md")],
        check=True,
        capture_output=True,
        timeout=120,
    )

    page = (ROOT / "docs" / "examples" / "digests.md").read_text(encoding="utf-8")
    assert page == (tmp_path / "digests.md").read_text(encoding="utf-8"), (
        "docs/examples/digests.md is stale: run scripts/render_examples.py"
    )
    assert ["### Slack (1 message)", "### Discord (1 message)"] == [
        line for line in page.splitlines() if line.startswith("### ")
    ]
