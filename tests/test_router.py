"""The shared command router: parsing once, answering, phrasing errors once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from bot import messages
from bot.router import Context, Request, Router, UsageError, needs_admin, parse
from store import Store

from .conftest import offline, seeded_database


@pytest.fixture(scope="module")
def router_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return seeded_database(tmp_path_factory.mktemp("router") / "a.db")[0]


@pytest.mark.parametrize(
    ("text", "command", "argument"),
    [
        ("/who Lavrov", "who", "Lavrov"),
        ("who is Bui Thanh Son?", "who", "Bui Thanh Son"),
        ("Who was Lavrov", "who", "Lavrov"),
        ("what is UNCLOS?", "topic", "UNCLOS"),
        ("/topic the Code of Conduct", "topic", "Code of Conduct"),
        ("timeline of Lavrov", "timeline", "Lavrov"),
        ("TIMELINE Lavrov", "timeline", "Lavrov"),
        ("ask What did Vietnam ask Russia?", "ask", "What did Vietnam ask Russia?"),
        ("What did Vietnam ask Russia?", "ask", "What did Vietnam ask Russia?"),
        ("sources", "sources", ""),
        ("", "help", ""),
    ],
)
def test_parse(text: str, command: str, argument: str) -> None:
    request = parse(text)

    assert (command, argument) == (request.command, request.argument)


def test_more_is_a_flag_not_part_of_the_name() -> None:
    assert Request("who", "Lavrov", more=True) == parse("who Lavrov --more")


def test_an_unknown_command_is_a_usage_error_where_free_text_is_not_a_question() -> None:
    with pytest.raises(UsageError, match="I don't know the command “frobnicate”"):
        parse("frobnicate Lavrov", default="help")


def test_arguments_are_capped() -> None:
    assert 500 == len(parse("ask " + "x" * 40_000).argument)


def test_who_answers_with_a_briefing(router: Router) -> None:
    reply = router.handle(parse("who Lavrov"))

    assert reply.briefing is not None and reply.briefing.subject is not None
    assert "Sergey Lavrov" == reply.briefing.subject.name
    assert not reply.failed


def test_a_missing_argument_says_how_to_write_the_command(router: Router) -> None:
    reply = router.handle(Request("who"))

    assert reply.failed
    assert "Usage: who NAME — for example: who Lavrov" == reply.text


def test_sources_tells_what_is_indexed(router: Router) -> None:
    reply = router.handle(Request("sources"))

    assert reply.overview is not None
    assert 5 == reply.overview.stats.articles
    assert ("THE ASSOCIATED PRESS", 1) in reply.overview.outlets


def test_nothing_found_is_a_failed_reply_with_a_note(router: Router) -> None:
    reply = router.handle(parse("who Zbigniew Brzezinski"))

    assert reply.failed
    assert reply.briefing is not None and reply.briefing.note


def test_an_internal_error_becomes_one_friendly_line(
    router: Router, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(__import__("bot.router").router.BRIEFINGS, "who", explode)

    reply = router.handle(parse("who Lavrov"))

    assert reply.failed
    assert "Sorry, something went wrong while answering; the details are in the log." == reply.text
    assert "disk on fire" in caplog.text


def test_each_worker_thread_gets_its_own_connection(router: Router) -> None:
    import threading

    stores: list[Store] = []
    thread = threading.Thread(target=lambda: stores.append(router.store()))
    thread.start()
    thread.join()

    assert stores[0] is not router.store()


def test_context_travels_with_the_request() -> None:
    context = Context(platform="slack", workspace="T1", channel="C1", user="U1")

    assert context == parse("who Lavrov", context=context).context


def test_the_console_is_driven_through_its_streams(router: Router, tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from bot.console import run_console

    output = io.StringIO()
    run_console(
        router, io.StringIO("/who Lavrov\n/help\n/bogus\n/quit\n"), Console(file=output, width=200)
    )

    shown = output.getvalue()
    assert "Sergey Lavrov — person, Russia" in shown
    assert "who NAME — a person" in shown
    assert "/entities [KIND]" in shown
    assert "I don't know the command “/bogus”" in shown
    assert "Bye." in shown


def test_sources_shows_each_watched_feed_and_its_last_error(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    path = tmp_path / "a.db"
    with Store.open(path) as store:
        feed = "https://feeds.example.org/world.rss"
        source = store.add_source(feed, "feed", 1800, datetime.now(UTC))
        retry = datetime.now(UTC) + timedelta(hours=1)
        store.record_poll_failure(
            source, retry, "HTTP 500 from https://feeds.example.org/world.rss"
        )
    router = Router(str(path), offline)

    reply = router.handle(Request("sources"))

    assert reply.overview is not None
    assert (
        "https://feeds.example.org/world.rss: every 30 min, failing once "
        "(HTTP 500 from https://feeds.example.org/world.rss)",
    ) == reply.overview.watched


def test_the_console_takes_a_free_question_as_a_direct_message_does(router: Router) -> None:
    import io

    from rich.console import Console

    from bot.console import execute

    from .hostile import terminal_output

    asked = parse("What did Vietnam ask Russia?", default="ask")
    shown = io.StringIO()
    Console(file=shown, width=100, color_system=None).print(
        execute(router, "What did Vietnam ask Russia?")
    )

    assert terminal_output(router.handle(asked)) == shown.getvalue()


@pytest.mark.parametrize("default", ["ask", "help"])
def test_a_slash_before_an_unknown_word_is_a_mistyped_command_not_a_question(
    default: str,
) -> None:
    with pytest.raises(UsageError, match="I don't know the command “/frobnicate”"):
        parse("/frobnicate Lavrov", default=default)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "line", ["/show 99999999999999999999999", "show 9223372036854775808", "/show ²"]
)
def test_the_console_answers_an_id_out_of_range_in_one_line(router: Router, line: str) -> None:
    from bot.console import execute

    shown = str(execute(router, line))

    assert messages.SOMETHING_WENT_WRONG not in shown
    assert "Could not read" not in shown
    assert "no article with id" in shown or "Usage: /show ID" in shown


@pytest.mark.parametrize(
    "line", ["/digest now 99999999999999999999999", "/digest unsubscribe 9223372036854775808"]
)
def test_the_router_answers_a_subscription_id_out_of_range_in_one_line(
    router: Router, line: str
) -> None:
    reply = router.handle_text(line, Context(is_admin=True))

    assert reply.failed
    assert messages.SOMETHING_WENT_WRONG != reply.text


@pytest.mark.parametrize(
    "text", ["who \ud800Lavrov", "ask what did \udcff say?", "digest preview \udfff", "\ud83d"]
)
def test_a_lone_surrogate_from_a_payload_is_answered_not_a_failure(
    router: Router, text: str
) -> None:
    # JSON (Slack, Discord) may carry a lone `\ud800`; SQLite and UTF-8 writers refuse it.
    from .hostile import problems_everywhere

    reply = router.handle_text(text, Context(is_admin=True), default="ask")

    assert messages.SOMETHING_WENT_WRONG != reply.text
    assert [] == problems_everywhere(reply)


def test_polling_sources_from_chat_is_for_digest_admins_and_says_how_to_write_it(
    router: Router,
) -> None:
    member = Context(platform="slack", workspace="T1", channel="C1", user="U1")

    refused = router.handle_text("sources poll", member)
    misspelt = router.handle_text("sources pull 1", replace(member, is_admin=True))
    nowhere = router.handle_text("sources poll 1", replace(member, is_admin=True))

    assert (messages.SOURCES_POLL_NOT_ALLOWED, True) == (refused.text, refused.failed)
    assert messages.SOURCES_USAGE == misspelt.text
    # A router built without a poller (no network allowed) says where polling is done.
    assert messages.SOURCES_POLL_UNAVAILABLE == nowhere.text
    assert needs_admin(parse("sources poll", default="help"))
    assert not needs_admin(parse("sources", default="help"))
