"""Subscriptions and digest runs in the store, and the digest built over the seeds."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from briefings import digest as digests
from briefings.digest import Digest, build_digest
from briefings.filters import parse_filter
from store import Store
from tests.conftest import run_ingest

MAX_AGE = timedelta(days=7)


# -- subscriptions and runs --------------------------------------------------------------


def _subscribe(store: Store, workspace: str = "T1", channel: str = "C1") -> int:
    record = store.add_subscription(
        "slack", workspace, channel, "Lavrov", "daily 08:00", "Asia/Ho_Chi_Minh", "U1"
    )
    return record.id


def test_subscriptions_are_listed_per_workspace_and_channel(store: Store) -> None:
    first = _subscribe(store)
    second = _subscribe(store, channel="C2")
    _subscribe(store, workspace="T2")

    assert [first, second] == [s.id for s in store.subscriptions("slack", "T1")]
    assert [second] == [s.id for s in store.subscriptions("slack", "T1", "C2")]
    assert [] == store.subscriptions("discord", "T1")
    assert "Lavrov" == store.subscriptions("slack", "T1", "C1")[0].filter


def test_another_workspace_can_neither_get_nor_remove_a_subscription(store: Store) -> None:
    mine = _subscribe(store, workspace="T1")

    assert None is store.subscription(mine, "slack", "T2")
    assert None is store.subscription(mine, "discord", "T1")
    assert not store.remove_subscription(mine, "slack", "T2")
    assert mine == getattr(store.subscription(mine, "slack", "T1"), "id", None)


def test_a_removed_subscription_is_gone_for_its_own_workspace_too(store: Store) -> None:
    mine = _subscribe(store)

    assert store.remove_subscription(mine, "slack", "T1")
    assert not store.remove_subscription(mine, "slack", "T1")
    assert None is store.subscription(mine, "slack", "T1")
    assert [] == store.subscriptions("slack", "T1")
    assert [] == store.active_subscriptions()


def test_recording_a_window_twice_gives_the_same_run(store: Store) -> None:
    subscription = _subscribe(store)
    start = datetime(2024, 3, 30, 8, tzinfo=UTC)
    end = start + timedelta(days=1)

    first = store.record_run(subscription, start, end)
    again = store.record_run(subscription, start, end)
    following = store.record_run(subscription, end, end + timedelta(days=1))

    assert first == again
    assert first != following
    assert [first, following] == [r.id for r in store.unposted_runs(subscription)]


def test_a_posted_run_keeps_its_message_and_leaves_the_unposted_list(store: Store) -> None:
    subscription = _subscribe(store)
    start = datetime(2024, 3, 30, 1, tzinfo=UTC)
    run = store.record_run(subscription, start, start + timedelta(days=1))

    store.mark_posted(run, "C1:1711785600.000100")

    last = store.last_run(subscription)
    assert last is not None
    assert ("posted", "C1:1711785600.000100") == (last.state, last.message_ref)
    assert "2024-03-30T01:00:00+00:00" == last.window_start
    assert [] == store.unposted_runs(subscription)
    assert None is store.last_run(subscription + 1)


# -- the digest ----------------------------------------------------------------------------


def _dateline(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _on(day: date) -> str:
    return f"{day:%B} {day.day}"


def _new_meeting(tmp_path: Path, day: date) -> list[str]:
    """Two outlets report the same new meeting of Bui Thanh Son and Sergey Lavrov."""
    kyodo = tmp_path / "kyodo.txt"
    kyodo.write_text(
        "Vietnam, Russia agree to deepen energy cooperation\nKYODO NEWS\n"
        f"{_dateline(day)} at 09:10 JST\n"
        "MOSCOW--Vietnamese Foreign Minister Bui Thanh Son met Russian Foreign Minister"
        f" Sergey Lavrov in Moscow on {_on(day)} to discuss energy cooperation.\n"
        "Lavrov said Russia valued its comprehensive strategic partnership with Vietnam.\n",
        encoding="utf-8",
    )
    vna = tmp_path / "vna.txt"
    vna.write_text(
        f"Son and Lavrov hold talks in Moscow\nVIETNAM NEWS AGENCY\n{_dateline(day)}\n"
        "Foreign Minister Bui Thanh Son held talks with his Russian counterpart Sergey Lavrov"
        f" in Moscow on {_on(day)}, the foreign ministry said.\n"
        "The ministers reviewed trade and education cooperation, and Son invited Lavrov to"
        " visit Vietnam next year.\n",
        encoding="utf-8",
    )
    return [str(kyodo), str(vna)]


@pytest.fixture
def last_week(seeded: Store) -> Store:
    """The seeds as if ingested a week ago, so that only new articles fall in today's window."""
    seeded.db.execute(
        "UPDATE articles SET ingested_at = ?",
        [(datetime.now(UTC) - timedelta(days=7)).isoformat(timespec="seconds")],
    )
    return seeded


def _today(store: Store, text: str = "Lavrov") -> Digest:
    now = datetime.now(UTC)
    start, end = now - timedelta(hours=12), now + timedelta(hours=1)
    return build_digest(store, parse_filter(text, store), start, end, max_age=MAX_AGE)


def test_one_meeting_from_two_outlets_is_one_event_linked_to_an_earlier_one(
    last_week: Store, tmp_path: Path
) -> None:
    today = datetime.now(UTC).date()
    assert {"new": 2} == {
        k: v for k, v in run_ingest(last_week, _new_meeting(tmp_path, today)).counts.items() if v
    }

    digest = _today(last_week)

    (event,) = digest.events
    assert (today.year, today.month, today.day) == (
        event.date.year,
        event.date.month,
        event.date.day,
    )
    assert "Moscow" == event.place
    assert {"Bui Thanh Son", "Sergey Lavrov"} <= set(event.participants)
    cited = {digest.sources[n - 1].outlet for n in event.sources}
    assert {"KYODO NEWS", "VIETNAM NEWS AGENCY"} == cited
    # The wire dateline is taken off the story, so the claim opens with its sentence.
    assert event.claims[0].text.startswith("Vietnamese Foreign Minister Bui Thanh Son met")
    assert event.previously is not None
    (earlier,) = event.previously.sources
    assert "VNS" == digest.sources[earlier - 1].outlet
    assert (2021, 7, 6) == (
        event.previously.date.year,
        event.previously.date.month,
        event.previously.date.day,
    )


def test_an_announced_visit_is_coming_up(last_week: Store, tmp_path: Path) -> None:
    today = datetime.now(UTC).date()
    run_ingest(last_week, _new_meeting(tmp_path, today))

    (coming,) = _today(last_week).coming_up

    assert "visit" == coming.kind
    assert today.year + 1 == coming.date.year
    assert "Son invited Lavrov to visit Vietnam next year" in coming.text


def test_an_old_article_ingested_now_is_not_news(last_week: Store, tmp_path: Path) -> None:
    run_ingest(last_week, _new_meeting(tmp_path, date(2019, 5, 14)))

    assert _today(last_week).empty


def test_the_filter_decides_which_articles_count(last_week: Store, tmp_path: Path) -> None:
    run_ingest(last_week, _new_meeting(tmp_path, datetime.now(UTC).date()))

    assert _today(last_week, '"Wang Yi" OR UNCLOS').empty
    assert not _today(last_week, "Lavrov OR UNCLOS").empty


def test_an_empty_window_gives_an_empty_digest(last_week: Store) -> None:
    digest = _today(last_week)

    assert digest.empty
    assert ((), (), ()) == (digest.events, digest.coming_up, digest.sources)
    assert "Sergey Lavrov" == digest.subject


def test_a_crowded_window_is_digested_from_its_latest_articles(
    last_week: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_ingest(last_week, _new_meeting(tmp_path, datetime.now(UTC).date()))
    start, end = datetime.now(UTC) - timedelta(hours=12), datetime.now(UTC) + timedelta(hours=1)
    window = last_week.articles_ingested(start, end, "2000-01-01")
    latest = last_week.articles_ingested(start, end, "2000-01-01", latest=1)
    monkeypatch.setattr(digests, "WINDOW_ARTICLES", 1)

    digest = _today(last_week)

    (event,) = digest.events
    assert 2 == len(window)
    assert [window[-1].id] == [a.id for a in latest]
    assert ["VIETNAM NEWS AGENCY"] == [digest.sources[n - 1].outlet for n in event.sources]


def _announced_visit(tmp_path: Path, day: date) -> list[str]:
    """Two outlets announce one visit; one also tells of talks already held."""
    when = f"{day:%B} {day.day}"
    first = tmp_path / "first.txt"
    first.write_text(
        "Lavrov to visit Hanoi\n\nMOSCOW, "
        f"{_on(day)} (Wire A) - Russian Foreign Minister Sergey Lavrov will pay an official "
        f"visit to Vietnam on {when}, {day.year + 1}, the foreign ministry said.\n\n"
        "The two sides agreed to hold the next round of the strategic dialogue in Hanoi on "
        f"{when}, {day.year - 1}.\n",
        encoding="utf-8",
    )
    second = tmp_path / "second.txt"
    second.write_text(
        "Russian minister's trip announced\n\nHANOI, "
        f"{_on(day)} (Wire B) - Sergey Lavrov will visit Vietnam on {when}, {day.year + 1}, "
        "at the invitation of Foreign Minister Bui Thanh Son.\n",
        encoding="utf-8",
    )
    return [str(first), str(second)]


def test_one_visit_announced_by_two_outlets_is_coming_up_once_and_past_dates_never(
    last_week: Store, tmp_path: Path
) -> None:
    today = datetime.now(UTC).date()
    run_ingest(last_week, _announced_visit(tmp_path, today))

    coming = _today(last_week).coming_up

    assert [("visit", today.year + 1)] == [(c.kind, c.date.year) for c in coming]
    assert 2 == len(coming[0].sources)
