"""The digest commands, through the router and the command line: syntax, permissions, tenancy."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from rich.console import Console, RenderableType

from bot.console import execute
from bot.router import Context, Reply, Router, parse
from bot.subscriptions import LOCAL, split_subscription, subscriptions
from store import Store

from .conftest import RouterOptions, database_at_version, offline, seeded_database
from .test_cli import attache

# The seeds as if ingested the morning after the ASEAN-Russia meeting (Hanoi time).
INGESTED = "2021-07-07T02:00:00+00:00"
NOW = datetime(2021, 7, 7, 8, tzinfo=UTC)
ADMIN = Context("slack", "T1", "C1", "U1", is_admin=True)
MEMBER = Context("slack", "T1", "C1", "U2", is_admin=False)
STRANGER = Context("slack", "T2", "C9", "U9", is_admin=True)


@pytest.fixture
def seeded_digests(database: str) -> str:
    """The seeds, ingested at INGESTED, on the test's backend."""
    return seeded_database(database, ingested=INGESTED)[0]


@pytest.fixture
def changes() -> list[str]:
    return []


@pytest.fixture
def router_database(seeded_digests: str) -> str:
    return seeded_digests


@pytest.fixture
def router_options(changes: list[str]) -> RouterOptions:
    return {"on_subscriptions_changed": lambda: changes.append("changed"), "clock": lambda: NOW}


def say(router: Router, text: str, context: Context = ADMIN) -> Reply:
    return router.handle(parse(text, context=context))


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("Lavrov", ("Lavrov", "")),
        ("Vietnam Russia daily 07:30", ("Vietnam Russia", "daily 07:30")),
        ("Lavrov weekly mon 08:00 Europe/Paris", ("Lavrov", "weekly mon 08:00 Europe/Paris")),
        (
            'UNCLOS OR "Code of Conduct" cron "0 8 * * 1-5"',
            ('UNCLOS OR "Code of Conduct"', 'cron "0 8 * * 1-5"'),
        ),
        ("Lavrov Europe/Paris", ("Lavrov", "daily 08:00 Europe/Paris")),
        ('"daily news" Lavrov', ('"daily news" Lavrov', "")),
        ("Lavrov “Code of Conduct” DAILY 09:00", ('Lavrov "Code of Conduct"', "DAILY 09:00")),
    ],
)
def test_a_subscription_splits_into_filter_and_schedule(
    argument: str, expected: tuple[str, str]
) -> None:
    assert expected == split_subscription(argument)


def test_subscribe_confirms_in_the_subscriptions_timezone_and_tells_the_scheduler(
    router: Router, changes: list[str]
) -> None:
    reply = say(router, "digest subscribe Lavrov weekly mon 08:00 Europe/Paris")

    assert not reply.failed
    assert (
        "Subscription 1: digests of Sergey Lavrov, weekly mon 08:00 (Europe/Paris) in this "
        "channel. The first one comes Mon 12 Jul 2021, 08:00. `digest unsubscribe 1` stops it."
    ) == reply.text
    assert ["changed"] == changes


def test_the_default_schedule_is_daily_at_eight_in_the_configured_timezone(
    router: Router,
) -> None:
    say(router, "digest subscribe Vietnam Russia")

    (record,) = router.store().subscriptions("slack", "T1")
    assert ("Vietnam Russia", "daily 08:00", "Asia/Ho_Chi_Minh", "C1", "U1") == (
        record.filter,
        record.schedule,
        record.timezone,
        record.channel,
        record.created_by,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("digest subscribe Lavrov daily 25:00", "“25:00” is not a time"),
        ("digest subscribe Lavrov daily 08:00 Mars/Olympus", "“Mars/Olympus” is not a timezone"),
        ('digest subscribe "Code of Conduct', "A quote in the filter is not closed"),
        ("digest subscribe Lavrov OR", "OR needs a term on each side"),
        ("digest subscribe", "Usage: digest subscribe FILTER"),
        ("digest unsubscribe", "Usage: digest unsubscribe ID"),
        ("digest unsubscribe three", "“three” is not a subscription id"),
        ("digest now 42", "There is no subscription 42 here"),
        ("digest frobnicate", "Usage: digest subscribe FILTER"),
        ("digest", "Usage: digest subscribe FILTER"),
    ],
)
def test_every_bad_argument_is_one_clear_line(router: Router, text: str, expected: str) -> None:
    reply = say(router, text)

    assert reply.failed
    assert reply.text is not None and reply.text.startswith(expected), reply.text
    assert 1 == len(reply.text.splitlines())


def test_nothing_is_stored_when_the_schedule_is_wrong(router: Router, changes: list[str]) -> None:
    say(router, "digest subscribe Lavrov weekly someday 08:00")

    assert [] == router.store().subscriptions("slack", "T1")
    assert [] == changes


def test_an_ordinary_member_can_neither_subscribe_nor_unsubscribe(
    router: Router, changes: list[str]
) -> None:
    say(router, "digest subscribe Lavrov")
    changes.clear()

    refused = [say(router, t, MEMBER) for t in ("digest subscribe UNCLOS", "digest unsubscribe 1")]

    assert [True, True] == [r.failed for r in refused]
    assert refused[0].text is not None and refused[0].text.startswith(
        "Only digest admins can subscribe to digests"
    )
    assert [1] == [s.id for s in router.store().subscriptions("slack", "T1")]
    assert [] == changes


def test_a_member_may_list_preview_and_run_now(router: Router) -> None:
    say(router, "digest subscribe Lavrov")

    replies = [say(router, t, MEMBER) for t in ("digest list", "digest preview", "digest now 1")]

    assert [False, False, False] == [r.failed for r in replies]


def test_another_workspace_can_neither_list_preview_run_nor_unsubscribe(router: Router) -> None:
    say(router, "digest subscribe Lavrov")

    listed = say(router, "digest list", STRANGER)
    others = [say(router, f"digest {a} 1", STRANGER) for a in ("preview", "now", "unsubscribe")]

    assert listed.text is not None and listed.text.startswith("No digest subscriptions here yet")
    assert [True, True, True] == [r.failed for r in others]
    assert {"There is no subscription 1 here; the ids are in `digest list`."} == {
        r.text for r in others
    }
    assert [1] == [s.id for s in router.store().subscriptions("slack", "T1")]


def test_the_same_workspace_on_another_platform_is_another_tenant(router: Router) -> None:
    say(router, "digest subscribe Lavrov")
    discord = Context("discord", "T1", "C1", "U1", is_admin=True)

    assert say(router, "digest unsubscribe 1", discord).failed


def test_list_shows_every_channel_of_the_workspace_with_its_next_digest(router: Router) -> None:
    say(router, "digest subscribe Lavrov")
    say(router, "digest subscribe UNCLOS weekly fri 17:00 Europe/Paris", ADMIN)
    say(router, "digest subscribe ASEAN", Context("slack", "T1", "C2", "U1", is_admin=True))

    reply = say(router, "digest list")

    assert "Digest subscriptions:" == (reply.text or "").splitlines()[0]
    assert [
        "• 1: Lavrov — daily 08:00 (Asia/Ho_Chi_Minh), next Thu 8 Jul 2021, 08:00, in this channel",
        "• 2: UNCLOS — weekly fri 17:00 (Europe/Paris), next Fri 9 Jul 2021, 17:00,"
        " in this channel",
        "• 3: ASEAN — daily 08:00 (Asia/Ho_Chi_Minh), next Thu 8 Jul 2021, 08:00, in C2",
    ] == (reply.text or "").splitlines()[1:]
    assert reply.private


def test_unsubscribe_stops_it_and_tells_the_scheduler(router: Router, changes: list[str]) -> None:
    say(router, "digest subscribe Lavrov")

    reply = say(router, "digest unsubscribe #1")

    assert "Subscription 1 (Lavrov, daily 08:00 (Asia/Ho_Chi_Minh)) is stopped." == reply.text
    assert [] == router.store().subscriptions("slack", "T1")
    assert ["changed", "changed"] == changes
    assert say(router, "digest unsubscribe 1").failed


def test_preview_is_private_and_covers_the_window_since_the_previous_fire(router: Router) -> None:
    say(router, "digest subscribe Lavrov")

    reply = say(router, "digest preview 1")

    assert reply.digest is not None
    assert reply.private
    hanoi = reply.digest.window.start.tzinfo
    # To the end of the clock's second: what a poll stored in that second is covered too.
    assert (datetime(2021, 7, 7, 8, tzinfo=hanoi), NOW + timedelta(seconds=1)) == (
        reply.digest.window.start,
        reply.digest.window.end,
    )
    assert "Preview, only for you: the next digest so far." == reply.note
    assert "Sergey Lavrov" == reply.digest.subject
    assert reply.digest.events


def test_preview_starts_where_the_last_run_ended(router: Router) -> None:
    say(router, "digest subscribe Lavrov")
    after_ingest = datetime(2021, 7, 7, 3, tzinfo=UTC)
    router.store().record_run(1, after_ingest - timedelta(days=1), after_ingest)

    reply = say(router, "digest preview")

    assert reply.digest is None
    assert reply.private
    assert (
        "Nothing new about Sergey Lavrov in Wed 7 Jul 2021, 10:00 – 15:00 (Asia/Ho_Chi_Minh)."
        == reply.text
    )


def test_preview_of_a_bare_filter_covers_the_last_day(router: Router) -> None:
    reply = say(router, 'digest preview UNCLOS OR "Code of Conduct"')

    assert reply.digest is not None
    assert timedelta(hours=24) == reply.digest.window.end - reply.digest.window.start
    assert "Preview, only for you: the last 24 hours." == reply.note


def test_preview_without_an_id_needs_the_channel_to_have_exactly_one(router: Router) -> None:
    assert say(router, "digest preview").failed
    say(router, "digest subscribe Lavrov")
    say(router, "digest subscribe UNCLOS")

    reply = say(router, "digest preview")

    assert (
        "This channel has several subscriptions (1, 2); give one: digest preview ID." == reply.text
    )


def test_now_posts_in_the_channel_without_recording_a_run(router: Router) -> None:
    say(router, "digest subscribe Vietnam Russia")

    reply = say(router, "digest now 1")

    assert reply.digest is not None
    assert not reply.private
    assert None is router.store().last_run(1)


# -- the command line ------------------------------------------------------------------------


def test_the_command_line_manages_subscriptions_with_json(
    seeded_digests: str, tmp_path: Path
) -> None:
    db = ("--db", seeded_digests)

    added = attache(
        "digest",
        "subscribe",
        "Vietnam Russia",
        "cron",
        "0 8 * * 1-5",
        "Europe/Paris",
        "--json",
        *db,
        tmp=tmp_path,
    )
    listed = attache("digest", "list", "--json", *db, tmp=tmp_path)
    now = attache("digest", "now", "1", "--json", *db, tmp=tmp_path)
    removed = attache("digest", "unsubscribe", "1", *db, tmp=tmp_path)
    again = attache("digest", "unsubscribe", "1", *db, tmp=tmp_path)

    assert 0 == added.returncode, added.stderr
    subscription = json.loads(added.stdout)
    assert ("terminal", "local", "terminal", 'cron "0 8 * * 1-5"', "Europe/Paris") == (
        subscription["platform"],
        subscription["workspace"],
        subscription["channel"],
        subscription["schedule"],
        subscription["timezone"],
    )
    assert [1] == [s["id"] for s in json.loads(listed.stdout)["subscriptions"]]
    assert "Vietnam and Russia" == json.loads(now.stdout)["subject"]
    assert 'Subscription 1 (Vietnam Russia, cron "0 8 * * 1-5" (Europe/Paris)) is stopped.' in (
        removed.stdout
    )
    assert 1 == again.returncode
    assert "error: There is no subscription 1 here" in again.stderr


def test_the_command_line_previews_a_filter(seeded_digests: str, tmp_path: Path) -> None:
    result = attache("digest", "preview", "Lavrov", "--json", "--db", seeded_digests, tmp=tmp_path)

    assert 0 == result.returncode, result.stderr
    data = json.loads(result.stdout)
    assert ("Sergey Lavrov", True) == (data["subject"], data["empty"])


def test_a_terminal_subscription_says_where_to_read_its_digests(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    Store.open(path).close()
    router = Router(str(path), offline)
    console = Context(platform="console", workspace="local", channel="console", is_admin=True)

    reply = router.handle(parse("digest subscribe Lavrov", context=console))

    assert reply.text and "Digests are posted only to Slack and Discord channels" in reply.text


@pytest.mark.parametrize(
    "words",
    [
        # As the README writes it, split by the shell into words...
        ("Vietnam", "Russia", "weekly", "mon", "08:00", "Europe/Paris"),
        # ...or quoted whole.
        ("Vietnam Russia weekly mon 08:00 Europe/Paris",),
        ("Vietnam Russia", "weekly", "mon", "08:00", "Europe/Paris"),
    ],
)
def test_the_command_line_reads_a_subscription_as_chat_does(
    seeded_digests: str, tmp_path: Path, words: tuple[str, ...]
) -> None:
    added = attache("digest", "subscribe", *words, "--json", "--db", seeded_digests, tmp=tmp_path)

    assert 0 == added.returncode, added.stderr
    subscription = json.loads(added.stdout)
    assert ("Vietnam Russia", "weekly mon 08:00", "Europe/Paris") == (
        subscription["filter"],
        subscription["schedule"],
        subscription["timezone"],
    )


def test_a_shell_quoted_phrase_stays_a_phrase_on_the_command_line(
    seeded_digests: str, tmp_path: Path
) -> None:
    words = ("UNCLOS", "OR", "Code of Conduct", "cron", "0 8 * * 1-5", "Asia/Tokyo")
    added = attache("digest", "subscribe", *words, "--json", "--db", seeded_digests, tmp=tmp_path)

    assert 0 == added.returncode, added.stderr
    subscription = json.loads(added.stdout)
    assert ('UNCLOS OR "Code of Conduct"', 'cron "0 8 * * 1-5"') == (
        subscription["filter"],
        subscription["schedule"],
    )


def test_the_command_line_and_the_console_share_one_local_channel(
    seeded_digests: str, tmp_path: Path
) -> None:
    db = ("--db", seeded_digests)

    added = attache(
        "digest", "subscribe", "Lavrov", "weekly", "mon", "08:00", "UTC", *db, tmp=tmp_path
    )
    router = Router(seeded_digests, offline, clock=lambda: NOW)
    listed = str(execute(router, "digest list"))
    previewed = shown(execute(router, "digest preview"))
    by_filter = shown(execute(router, "digest preview Vietnam Russia"))
    stopped = str(execute(router, "digest unsubscribe 1"))
    router.close()
    again = attache("digest", "list", "--json", *db, tmp=tmp_path)

    # The same confirmation as in chat, naming whom the filter resolved to.
    assert added.stdout.startswith(
        "Subscription 1: digests of Sergey Lavrov, weekly mon 08:00 (UTC) in this channel."
    ), added.stdout
    assert "Digests are posted only to Slack and Discord channels" in added.stdout
    assert "• 1: Lavrov — weekly mon 08:00 (UTC)" in listed
    assert "in this channel" in listed
    assert "Sergey Lavrov" in previewed and "not a subscription id" not in previewed
    assert "Vietnam and Russia" in by_filter
    assert "Subscription 1 (Lavrov" in stopped
    assert [] == json.loads(again.stdout)["subscriptions"]


def test_the_command_line_previews_the_local_channel_s_only_subscription(
    seeded_digests: str, tmp_path: Path
) -> None:
    db = ("--db", seeded_digests)
    nothing = attache("digest", "preview", "--json", *db, tmp=tmp_path)
    attache("digest", "subscribe", "Lavrov", *db, tmp=tmp_path)

    only = attache("digest", "preview", "--json", *db, tmp=tmp_path)

    assert (1, "Usage: digest preview ID") == (
        nothing.returncode,
        json.loads(nothing.stdout)["error"]["message"][:24],
    )
    assert "Sergey Lavrov" == json.loads(only.stdout)["subject"]


def test_older_cli_and_console_subscriptions_move_to_the_local_channel(tmp_path: Path) -> None:
    path = tmp_path / "v8.db"
    db = database_at_version(path, 8)
    for platform in ("cli", "console", "slack"):
        db.execute(
            "INSERT INTO subscriptions (platform, workspace, channel, filter, schedule, timezone,"
            " created_at) VALUES (?, 'local', ?, 'Lavrov', 'daily 08:00', 'UTC', '2026-01-01')",
            [platform, platform],
        )
    db.conn.commit()
    db.close()

    with Store.open(path) as store:
        local = subscriptions(store, LOCAL)
        slack = store.subscriptions("slack", "local")

    assert [(1, "terminal"), (2, "terminal")] == [(s.id, s.record.channel) for s in local]
    assert [3] == [s.id for s in slack]


def shown(renderable: RenderableType | None) -> str:
    out = io.StringIO()
    Console(file=out, width=200, color_system=None).print(renderable)
    return out.getvalue()
